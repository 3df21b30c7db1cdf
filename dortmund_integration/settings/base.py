"""Settings shared by every environment; values that differ come from the environment."""

import os
import re
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from dortmund_integration.logging import logging_settings

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
# A form without a valid token gets a German page, not Django's English one for developers.
CSRF_FAILURE_VIEW = "dortmund_integration.errors.csrf_failure"

INSTALLED_APPS = [
    "pages",
    "programs",
    "search",
    "feedback",
    "bulk_content",
    "reviews",
    "linkcheck",
    "quality",
    "topic_import",
    "wagtail.api.v2",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.settings",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.frontend_cache",
    # After Wagtail's frontend cache: replaces its purge handlers with ones that know the page tree.
    "caching",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "django.contrib.sitemaps",
    "axes",
    # Not "rest_framework": its German catalog would replace Django's formal messages ("Gib eine gültige …").
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Near the top, so that every answer below them (errors and the 503 included) carries the headers.
    "dortmund_integration.security_headers.ContentSecurityPolicyMiddleware",
    "dortmund_integration.security_headers.PermissionsPolicyMiddleware",
    "dortmund_integration.errors.MethodNotAllowedMiddleware",
    "caching.middleware.ContentGenerationMiddleware",
    # Above session and CSRF middleware, so that it sees the cookies they set.
    "caching.headers.SharedCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "pages.middleware.PageActionPermissionMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes documents: turns a locked-out login into the German lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "dortmund_integration.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

WSGI_APPLICATION = "dortmund_integration.wsgi.application"

# Without DATABASE_URL the site runs on an SQLite file for a first look;
# production and CI point DATABASE_URL at PostgreSQL.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
IS_POSTGRES = DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# The admin's URL prefix without slashes ("admin" → /admin/); lower-case words and hyphens, as it also goes
# into Varnish's pass rule (deploy/render_vcl.py). It must not be the slug of a top-level page.
ADMIN_PATH = os.environ.get("ADMIN_PATH", "admin").strip("/")
if not re.fullmatch(r"[a-z0-9][a-z0-9-]*(/[a-z0-9][a-z0-9-]*)*", ADMIN_PATH):
    raise ImproperlyConfigured(f"ADMIN_PATH: lower-case words and hyphens, e.g. verwaltung-intern, not {ADMIN_PATH!r}")
# Pages and documents for logged-in users only (a view restriction) send visitors to the one login the
# portal has; Django's default /accounts/login/ does not exist here.
LOGIN_URL = WAGTAIL_FRONTEND_LOGIN_URL = f"/{ADMIN_PATH}/login/"
WAGTAILADMIN_USER_LOGIN_FORM = "dortmund_integration.login_form.PortalLoginForm"
# Wrong shared passwords of protected pages and document collections (dortmund_integration/password_throttle.py):
# per address and restriction, then a German 429 until the cool-off ends.
PASSWORD_FAILURE_LIMIT = int(os.environ.get("PASSWORD_FAILURE_LIMIT", "10"))
PASSWORD_COOLOFF_MINUTES = int(os.environ.get("PASSWORD_COOLOFF_MINUTES", "15"))
# Sessions exist only for editors: signed out after a working day.
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_COOKIE_AGE", str(8 * 60 * 60)))

# Login protection (django-axes, dortmund_integration/login_protection.py): failed logins are counted per user
# name and per address; a user name is locked after 5 failures, an address (an office behind one city
# address) only after 30, each for 15 minutes since the last failure; a successful login forgets the failures
# of its user name. Unlock someone at once: manage.py axes_reset_username <name> (or axes_reset_ip <address>).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_FAILURE_LIMIT_PER_USER = int(os.environ.get("LOGIN_FAILURE_LIMIT_PER_USER", "5"))
LOGIN_FAILURE_LIMIT_PER_ADDRESS = max(
    int(os.environ.get("LOGIN_FAILURE_LIMIT_PER_ADDRESS", "30")), LOGIN_FAILURE_LIMIT_PER_USER
)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_FAILURE_LIMIT = "dortmund_integration.login_protection.failure_limit"
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("LOGIN_COOLOFF_MINUTES", "15")))
AXES_RESET_ON_SUCCESS = True
AXES_HANDLER = "dortmund_integration.login_protection.LoginAttemptHandler"
AXES_LOCKOUT_CALLABLE = "dortmund_integration.login_protection.lockout_response"
# The visitor's address behind Varnish and the TLS proxy (X-Forwarded-For from these peers only).
AXES_CLIENT_IP_CALLABLE = "dortmund_integration.client_address.client_address"
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES", "127.0.0.1,::1")
# Only failures are kept, and only until their cool-off ends: no record of every editor's logins.
AXES_DISABLE_ACCESS_LOG = True

LANGUAGE_CODE = "de"
# A few of Wagtail's German admin texts in better German (locale/de/LC_MESSAGES/django.po, compiled .mo in git).
LOCALE_PATHS = [BASE_DIR / "locale"]
LANGUAGES = [("de", "Deutsch")]
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True

STATICFILES_DIRS = [BASE_DIR / "static"]
# Hashed, compressed file names with far-future cache headers, served by WhiteNoise; in development
# and tests the plain storage, so that no collectstatic run is needed.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Uploaded images and documents on S3-compatible object storage when a bucket is configured.
if os.environ.get("AWS_STORAGE_BUCKET_NAME"):
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ["AWS_STORAGE_BUCKET_NAME"],
            "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
            "custom_domain": os.environ.get("AWS_S3_CUSTOM_DOMAIN") or None,
            "default_acl": None,
            "querystring_auth": env_bool("AWS_QUERYSTRING_AUTH", False),
            "file_overwrite": False,
        },
    }
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "var" / "static"))
STATIC_URL = "/static/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "var" / "media"))
MEDIA_URL = "/media/"

# Cache and sessions: shared by every application server in Redis when REDIS_URL is set,
# otherwise in the process (one runserver, tests).
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "portal"),
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cache"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Wagtail writes a page's image renditions to the "renditions" cache on every render; in the worker's
# own memory that costs nothing. A replaced image file gets new renditions; a worker may show the old
# ones for at most five minutes.
CACHES["renditions"] = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "TIMEOUT": 300}

# HTTP caching (caching app): how long Varnish may keep a page at most; it is cut at midnight and
# when a notice starts or ends, and purged on publish.
HTTP_CACHE_SECONDS = int(os.environ.get("HTTP_CACHE_SECONDS", "3600"))
# Never in a shared cache, whatever the view says.
HTTP_CACHE_EXCLUDED_PATHS = [f"/{ADMIN_PATH}/", "/dokumente/", "/barriere-melden/"]
# A publish that touches more URLs than this purges the whole cache instead (one request).
HTTP_CACHE_MAX_PURGE = int(os.environ.get("HTTP_CACHE_MAX_PURGE", "200"))
# Wagtail's frontend cache, pointed at Varnish, when VARNISH_URL is set (make serve sets it).
VARNISH_URL = os.environ.get("VARNISH_URL", "")
if VARNISH_URL:
    WAGTAILFRONTENDCACHE = {
        "varnish": {"BACKEND": "caching.backends.VarnishBackend", "LOCATION": VARNISH_URL, "TIMEOUT": 2},
    }

# Wagtail
WAGTAIL_SITE_NAME = "Integrationsportal Dortmund"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
# The workflow's mails (pages/workflow.py): a submitted page to the leadership, approval or requested changes
# with the comment to whoever submitted it. In German, since German is the only admin language. Plain text;
# superusers (the IT staff) get none.
WAGTAILADMIN_NOTIFICATION_FROM_EMAIL = os.environ.get(
    "WAGTAILADMIN_NOTIFICATION_FROM_EMAIL",
    os.environ.get("DEFAULT_FROM_EMAIL", "Integrationsportal Dortmund <redaktion@localhost>"),
)
WAGTAILADMIN_NOTIFICATION_USE_HTML = False
WAGTAILADMIN_NOTIFICATION_INCLUDE_SUPERUSERS = False
WAGTAIL_I18N_ENABLED = False
WAGTAILADMIN_PERMITTED_LANGUAGES = [("de", "Deutsch")]
WAGTAIL_CONTENT_LANGUAGES = [("de", "Deutsch")]
WAGTAILIMAGES_IMAGE_MODEL = "pages.PortalImage"

# Uploads (pages/uploads.py). Images: photos and graphics only, no SVG (it can carry script); Wagtail compares
# the format Pillow reads with the extension. 40 megapixels is more than any camera the city uses and keeps a
# decompression bomb from filling a worker's memory.
WAGTAILIMAGES_EXTENSIONS = ["jpg", "jpeg", "png", "webp", "avif"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
# Documents: no macro-enabled Office formats; PortalDocumentForm checks that the content matches the extension.
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "xlsx", "pptx", "odt", "ods", "txt", "csv", "zip"]
WAGTAILDOCS_DOCUMENT_FORM_BASE = "pages.uploads.PortalDocumentForm"
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
# ZIP-based documents (Office, OpenDocument, archives) unpack to at most this much: no zip bombs.
PORTAL_UPLOAD_MAX_UNPACKED_SIZE = 200 * 1024 * 1024
PORTAL_UPLOAD_MAX_ARCHIVE_MEMBERS = 2000
# Documents only through /dokumente/<id>/<name>, which checks the collection's view restrictions and answers
# with Content-Disposition, nosniff and "Content-Security-Policy: default-src 'none'". PDFs open in the
# browser; text and CSV are downloaded, so that no browser ever renders an uploaded file as a page.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_INLINE_CONTENT_TYPES = ["application/pdf"]
WAGTAILDOCS_BLOCK_EMBEDDED_CONTENT = True
# Whether the application serves /media/ itself (production without S3 sets it): renditions for everyone,
# original images for editors, document files never (pages.uploads.serve_media).
SERVE_MEDIA_FILES = False

WAGTAILREDIRECTS_AUTO_CREATE = True
WAGTAILSEARCH_BACKENDS = {
    "default": {
        "BACKEND": "wagtail.search.backends.database",
        # German stemming on PostgreSQL; other databases ignore the setting.
        "SEARCH_CONFIG": "german",
        # Trigram similarity for the search's fallback; below 0.5 unrelated words crowd in.
        "FUZZY_SIMILARITY_THRESHOLD": 0.5,
    }
}
WAGTAILADMIN_RICH_TEXT_EDITORS = {
    "default": {
        "WIDGET": "wagtail.admin.rich_text.DraftailRichTextArea",
        "OPTIONS": {"features": ["bold", "italic", "link", "document-link", "ol", "ul"]},
    }
}
# No avatars from gravatar.com: editors' e-mail hashes stay here, and the admin's policy needs no foreign origin.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# Nor does the dashboard ask releases.wagtail.org for new versions: updates come through the lock files.
WAGTAIL_ENABLE_UPDATE_CHECK = False
# Editors work in Dortmund; offering only this zone also keeps the account page's script from failing on
# Wagtail's "localtime" entry in Chromium.
WAGTAIL_USER_TIME_ZONES = ["Europe/Berlin"]
# Date pickers in German order ("30.01.2027 08:00"); the forms accept these and ISO dates alike.
WAGTAIL_DATE_FORMAT = "%d.%m.%Y"
WAGTAIL_DATETIME_FORMAT = "%d.%m.%Y %H:%M"
WAGTAIL_TIME_FORMAT = "%H:%M"

# Security headers (dortmund_integration/security_headers.py). Every response: nosniff, this Referrer-Policy,
# the Content-Security-Policy and the Permissions-Policy; production adds HSTS and upgrade-insecure-requests.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
# The public site: nothing inline, nothing from another origin (uploads on S3 add their origin to img-src
# and media-src), never framed. JSON-LD needs no nonce: a data block is not executed.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'"],
        "media-src": ["'self'"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "manifest-src": ["'self'"],
        "frame-src": ["'none'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
# The Wagtail admin (its URL prefix, wherever it is mounted) replaces these directives of the public policy:
# Wagtail renders inline <script> elements (inline panels, date pickers, listings) and its editors insert
# <style> elements, all without a nonce; it frames its own preview (…/edit/preview/) and block previews.
# Found by tests/browser/test_content_security_policy.py; everything else stays as strict as the public site.
CONTENT_SECURITY_POLICY_ADMIN = {
    "DIRECTIVES": {
        "script-src": ["'self'", "'unsafe-inline'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "frame-src": ["'self'"],
        "frame-ancestors": ["'self'"],
    }
}
# Browser features the portal never uses are off for every page and every frame; videos may go full screen
# and picture-in-picture (a sign-language video beside its transcript).
PERMISSIONS_POLICY = {
    "accelerometer": [],
    "autoplay": [],
    "camera": [],
    "display-capture": [],
    "encrypted-media": [],
    "fullscreen": ["self"],
    "geolocation": [],
    "gyroscope": [],
    "magnetometer": [],
    "microphone": [],
    "midi": [],
    "payment": [],
    "picture-in-picture": ["self"],
    "publickey-credentials-get": [],
    "screen-wake-lock": [],
    "sync-xhr": [],
    "usb": [],
    "xr-spatial-tracking": [],
}

# Logs on stderr without personal data (dortmund_integration/logging.py): plain text, or JSON lines with
# LOG_FORMAT=json (the default of settings.production).
LOG_LEVEL = os.environ.get("LOG_LEVEL", "WARNING")
LOGGING = logging_settings(os.environ.get("LOG_FORMAT", "text"), LOG_LEVEL)
