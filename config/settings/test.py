"""Test settings: no outside service needed, fast password hashing.

DATABASE_URL may point at PostgreSQL (CI does); without it the suite uses SQLite.
"""

import os

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-secret-key"  # noqa: S105 - never used outside the test run
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
if not os.environ.get("TEST_ELASTICSEARCH_URL"):
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": "search.database",
            "SEARCH_CONFIG": "dutch",
        }
    }
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WAGTAILADMIN_BASE_URL = "http://testserver"
# The page cache (config/pagecache.py) is off in tests so a test that changes data behind Wagtail's
# back never sees a stale page; tests/test_production_cache.py switches it on where it is tested.
PAGE_CACHE_SECONDS = 0
