"""Settings shared by every environment.

Configuration comes from environment variables so one build runs anywhere; the defaults are the
embedded set-up (SQLite, Wagtail's database search, local-memory cache) a newcomer needs.
"""

import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent
SITE_DIR = BASE_DIR / "site"


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


INSTALLED_APPS = [
    # Project apps, lowest layer first (see docs/architecture.md for the import direction).
    "home",
    "directory",
    "coalitions",
    "campaigns",
    "portal",
    "search",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
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
    "django_filters",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "home.middleware.RejectHugeQueryStringMiddleware",
    # Locales read once per request, not on every lookup (home/localization.py).
    "home.localization.RequestLocalesMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "config.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [SITE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

WSGI_APPLICATION = "config.wsgi.application"

# Database: DATABASE_URL, or an SQLite file in the project folder.
# An empty DATABASE_URL counts as unset (CI passes one for each database it tests).
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: Dutch first. LANGUAGE_CODE must be "nl" before the first migrate, because the
# default wagtail Locale is created from it.
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Nederlands")), ("en", _("Engels"))]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

# Static and media files.
STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [SITE_DIR / "static"]
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Cache: Redis when REDIS_URL is set, else local memory. With Redis, a Redis outage never breaks a
# page (config/cache.py): "default" then acts as no cache, "ratelimit" as an in-process cache.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    _redis_cache = {
        "BACKEND": "config.cache.FallbackRedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "erbij"),
        "TIMEOUT": 300,
        # A slow or absent Redis must not hang page requests.
        "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1, "FALLBACK": "none"},
    }
    CACHES = {
        "default": _redis_cache,
        "ratelimit": {**_redis_cache, "OPTIONS": {**_redis_cache["OPTIONS"], "FALLBACK": "locmem"}},
    }
else:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "ratelimit": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "ratelimit"},
    }

# Mail: SMTP from the environment.
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL")
EMAIL_TIMEOUT = 10
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Erbij <noreply@erbij.example>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Search: the database backend (search/database.py), or Elasticsearch when ELASTICSEARCH_URL is set.
ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "")
ELASTICSEARCH_INDEX_PREFIX = os.environ.get("ELASTICSEARCH_INDEX_PREFIX", "erbij_")
ELASTICSEARCH_TIMEOUT = float(os.environ.get("ELASTICSEARCH_TIMEOUT", "2"))

# Dutch analysis for Elasticsearch: the built-in "dutch" analyzer stems and drops stop words.
# modelsearch's own analyzers (edgengram for autocomplete) are kept and extended.
ELASTICSEARCH_DUTCH_INDEX_SETTINGS = {
    "settings": {
        "index": {
            "analysis": {
                "analyzer": {
                    "default": {"type": "dutch"},
                },
            }
        }
    }
}

if ELASTICSEARCH_URL:
    # search.backends: Elasticsearch 9, falling back to the "database" backend (kept up to date
    # alongside) when Elasticsearch does not answer within ELASTICSEARCH_TIMEOUT seconds.
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": "search.backends",
            "URLS": [ELASTICSEARCH_URL],
            "INDEX_PREFIX": ELASTICSEARCH_INDEX_PREFIX,
            "TIMEOUT": ELASTICSEARCH_TIMEOUT,
            "OPTIONS": {"max_retries": 0, "retry_on_timeout": False},
            "INDEX_SETTINGS": ELASTICSEARCH_DUTCH_INDEX_SETTINGS,
            "FALLBACK": "database",
        },
        "database": {
            "BACKEND": "search.database",
            "SEARCH_CONFIG": "dutch",
        },
    }
else:
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            # Wagtail's database backend with Dutch stemming and stop words: on PostgreSQL through
            # SEARCH_CONFIG, on SQLite through search/sqlite.py (SQLite ignores SEARCH_CONFIG).
            "BACKEND": "search.database",
            "SEARCH_CONFIG": "dutch",
        }
    }

# directory: keeping listings true (manage.py check_listings, daily). Months without a check
# before the organisation is mailed, and before the service is unpublished (0: never); days a
# confirmation link stays valid.
DIRECTORY_VERIFY_AFTER_MONTHS = int(os.environ.get("DIRECTORY_VERIFY_AFTER_MONTHS", "6"))
DIRECTORY_HIDE_AFTER_MONTHS = int(os.environ.get("DIRECTORY_HIDE_AFTER_MONTHS", "12"))
DIRECTORY_VERIFY_LINK_DAYS = int(os.environ.get("DIRECTORY_VERIFY_LINK_DAYS", "30"))
# directory: the map of search results (Leaflet, vendored in directory/static/directory/vendor/leaflet/).
# A tile URL template in Leaflet's syntax; empty turns the map off. config/security.py allows its
# origin in the CSP's img-src. The attribution is shown on the map as HTML (the operator's text).
DIRECTORY_MAP_TILE_URL = os.environ.get(
    "DIRECTORY_MAP_TILE_URL", "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
).strip()
DIRECTORY_MAP_ATTRIBUTION = os.environ.get("DIRECTORY_MAP_ATTRIBUTION", "© OpenStreetMap-bijdragers")

# Wagtail.
WAGTAIL_SITE_NAME = "Erbij"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 5 * 1024 * 1024
WAGTAIL_MODERATION_ENABLED = True
WAGTAIL_WORKFLOW_ENABLED = True
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
WAGTAILEMBEDS_RESPONSIVE_HTML = True

# Security defaults that hold everywhere; production.py tightens the rest.
SECRET_KEY = os.environ.get("SECRET_KEY", "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.request": {"level": "ERROR"},
        # Background task and page-action chatter would drown real warnings.
        "django_tasks": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
    },
}

# --- Portal (sign-up and help-request forms; see portal/). Privacy and anti-abuse knobs. ---
PORTAL_RATE_LIMIT_POSTS = int(os.environ.get("PORTAL_RATE_LIMIT_POSTS", "10"))
PORTAL_RATE_LIMIT_WINDOW = int(os.environ.get("PORTAL_RATE_LIMIT_WINDOW", "600"))
PORTAL_MIN_FILL_SECONDS = float(os.environ.get("PORTAL_MIN_FILL_SECONDS", "3"))
PORTAL_FORM_MAX_AGE = int(os.environ.get("PORTAL_FORM_MAX_AGE", str(24 * 3600)))
PORTAL_CLIENT_IP_HEADER = os.environ.get("PORTAL_CLIENT_IP_HEADER", "REMOTE_ADDR")
PORTAL_MAX_BODY_BYTES = int(os.environ.get("PORTAL_MAX_BODY_BYTES", str(3 * 1024 * 1024)))
PORTAL_OUTBOX_BACKOFF_SECONDS = int(os.environ.get("PORTAL_OUTBOX_BACKOFF_SECONDS", "60"))
PORTAL_OUTBOX_MAX_ATTEMPTS = int(os.environ.get("PORTAL_OUTBOX_MAX_ATTEMPTS", "8"))
PORTAL_RETENTION_HELP_REQUEST_DAYS = int(os.environ.get("PORTAL_RETENTION_HELP_REQUEST_DAYS", "365"))
PORTAL_RETENTION_REJECTED_SIGNUP_DAYS = int(os.environ.get("PORTAL_RETENTION_REJECTED_SIGNUP_DAYS", "183"))
PORTAL_RETENTION_OUTBOX_DAYS = int(os.environ.get("PORTAL_RETENTION_OUTBOX_DAYS", "30"))
# Help-request content and contact details never reach logs or error reports.
DEFAULT_EXCEPTION_REPORTER_FILTER = "portal.logging.PortalExceptionReporterFilter"
LOGGING["filters"] = {"scrub_personal_data": {"()": "portal.logging.ScrubPersonalDataFilter"}}
LOGGING["handlers"]["console"]["filters"] = ["scrub_personal_data"]
# --- Production hardening (issue 6; code in config/security.py, config/cache.py, config/outage.py) ---
# Security headers: CSP + Permissions-Policy right after Django's SecurityMiddleware (HSTS, nosniff,
# Referrer-Policy), so every response, the 503 page and cached pages included, carries them.
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
    "config.security.SecurityHeadersMiddleware",
)
CSP_REPORT_URI = os.environ.get("CSP_REPORT_URI", "")
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
CSRF_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SAMESITE = "Lax"

# Admin protection. Two-factor authentication (TOTP) for every admin user (config/twofactor.py, on
# django-otp): a user without a confirmed device is sent to the set-up page, one with a device to
# the code page. Lock-out after 5 failed logins per username + IP (django-axes, 1 hour).
INSTALLED_APPS += ["django_otp", "django_otp.plugins.otp_totp", "axes"]
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.contrib.auth.middleware.AuthenticationMiddleware") + 1,
    "config.twofactor.TwoFactorMiddleware",
)
MIDDLEWARE.append("axes.middleware.AxesMiddleware")  # must be last
AUTHENTICATION_BACKENDS = [
    "config.auth.AxesBackend",
    "django.contrib.auth.backends.ModelBackend",
]
OTP_TOTP_ISSUER = "Erbij"
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "lockout.html"
# Idle timeout: a session ends after 30 minutes without a request (the expiry slides on each one).
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_IDLE_SECONDS", "1800"))
SESSION_SAVE_EVERY_REQUEST = True
WAGTAIL_GRAVATAR_PROVIDER_URL = None  # no third-party image requests from the admin
WAGTAIL_ENABLE_UPDATE_CHECK = False  # nor a call to wagtail.org (the admin CSP blocks it anyway)

# Page cache (config/pagecache.py): whole pages for anonymous visitors, per language, emptied on
# publish. PAGE_CACHE_SECONDS=0 turns it off.
INSTALLED_APPS += ["config.apps.ErbijConfig"]
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.locale.LocaleMiddleware") + 1, "config.pagecache.PageCacheMiddleware"
)
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "600"))
PAGE_CACHE_INVALIDATING_APPS = ["home", "directory", "coalitions", "campaigns"]
# --- end production hardening ---
