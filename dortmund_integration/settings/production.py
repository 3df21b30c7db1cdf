"""Production: every secret from the environment, no defaults."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env_bool, logging_settings

DEBUG = False
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY must be set in the environment for production.")
if not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
    raise ImproperlyConfigured(
        "DATABASE_URL must point to PostgreSQL in production (postgres://user@host:5432/name); "
        "SQLite is only for the first look with `make run`."
    )

# Mail (barrier reports to the responsible office, Wagtail's notifications) through the city's relay;
# the account and its password only from the environment.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "10"))
if os.environ.get("DEFAULT_FROM_EMAIL"):
    DEFAULT_FROM_EMAIL = SERVER_EMAIL = os.environ["DEFAULT_FROM_EMAIL"]

# JSON lines on stderr for the log collector, without personal data; LOG_FORMAT=text for a person reading.
LOGGING = logging_settings(os.environ.get("LOG_FORMAT", "json"), LOG_LEVEL)  # noqa: F405

# Static files (collected, hashed, compressed) from WhiteNoise, right after the security middleware;
# development and tests serve them from the source folders instead.
MIDDLEWARE = [*MIDDLEWARE[:1], "whitenoise.middleware.WhiteNoiseMiddleware", *MIDDLEWARE[1:]]  # noqa: F405

# Uploaded files from the application servers themselves when no object storage is configured
# (Varnish keeps them); with S3 they come from the bucket.
SERVE_MEDIA_FILES = not os.environ.get("AWS_STORAGE_BUCKET_NAME")
if not REDIS_URL:  # noqa: F405
    # Without Redis, the workers of one host still share one cache (rate limits, notices).
    CACHES["default"] = {  # noqa: F405
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": os.environ.get("CACHE_DIR", str(BASE_DIR / "var" / "cache")),  # noqa: F405
    }

# Served over HTTPS (the TLS proxy in front of Varnish sets X-Forwarded-Proto). SECURE_COOKIES=false marks
# a local run over plain http (make serve on loopback, the benchmark): no Secure cookies, no redirect.
HTTPS_ONLY = env_bool("SECURE_COOKIES", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = HTTPS_ONLY
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # Varnish's and load balancers' probes speak plain http
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SESSION_COOKIE_SECURE = HTTPS_ONLY
CSRF_COOKIE_SECURE = HTTPS_ONLY
SESSION_COOKIE_HTTPONLY = True
# Lax: a link from an e-mail into the admin still finds the editor logged in; a form posted from another
# site does not carry the cookies. The CSRF cookie stays readable for the admin's scripts.
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
# nosniff and the Referrer-Policy come from base.py. Over HTTPS the browser fetches any http:// link of a
# page (an editor's old image URL) as https:// instead of blocking it.
if HTTPS_ONLY:
    CONTENT_SECURITY_POLICY = {  # noqa: F405
        "DIRECTIVES": {**CONTENT_SECURITY_POLICY["DIRECTIVES"], "upgrade-insecure-requests": True}  # noqa: F405
    }
