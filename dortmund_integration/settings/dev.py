"""Local development: DEBUG on, a fixed development secret, mail to the console."""

import os

from .base import *  # noqa: F403
from .base import env_bool

DEBUG = env_bool("DEBUG", True)
SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only-insecure-key-never-use-in-production")
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
# Plain static files: no collectstatic needed for a first look.
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}  # noqa: F405
