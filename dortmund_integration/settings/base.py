"""Settings shared by every environment; values that differ come from the environment."""

import os
from pathlib import Path

import dj_database_url

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

INSTALLED_APPS = [
    "pages",
    "programs",
    "search",
    "feedback",
    "bulk_content",
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
    # Not "rest_framework": its German catalog would replace Django's formal messages ("Gib eine gültige …").
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
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

LANGUAGE_CODE = "de"
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
HTTP_CACHE_EXCLUDED_PATHS = ["/admin/", "/dokumente/", "/barriere-melden/"]
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
WAGTAIL_I18N_ENABLED = False
WAGTAILADMIN_PERMITTED_LANGUAGES = [("de", "Deutsch")]
WAGTAIL_CONTENT_LANGUAGES = [("de", "Deutsch")]
WAGTAILIMAGES_IMAGE_MODEL = "pages.PortalImage"
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "xlsx", "pptx", "odt", "ods", "txt", "csv", "zip"]
WAGTAILDOCS_SERVE_METHOD = "serve_view"
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

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
