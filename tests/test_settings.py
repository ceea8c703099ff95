"""The settings modules load, and production refuses to start without its secrets."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def load_settings(module, **env):
    """Import a settings module in a clean interpreter and print a few values."""
    environment = {
        k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL"}
    }
    environment.update(env)
    environment["DJANGO_SETTINGS_MODULE"] = module
    code = (
        "import django; from django.conf import settings; django.setup(); "
        "print(settings.DEBUG, settings.LANGUAGE_CODE, settings.DATABASES['default']['ENGINE'], "
        "settings.WAGTAILSEARCH_BACKENDS['default']['BACKEND'], settings.CACHES['default']['BACKEND'])"
    )
    return subprocess.run(  # noqa: S603 - fixed interpreter and code
        [sys.executable, "-c", code], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=60
    )


@pytest.mark.parametrize("module", ["config.settings.dev", "config.settings.test"])
def test_dev_and_test_settings_load_without_any_environment(module):
    result = load_settings(module)
    assert result.returncode == 0, result.stderr
    debug, language, engine, search, cache = result.stdout.split()
    assert language == "nl"
    assert engine == "django.db.backends.sqlite3"
    assert search == "search.database"
    assert cache == "django.core.cache.backends.locmem.LocMemCache"
    assert debug == ("True" if module.endswith("dev") else "False")


def test_production_settings_load_with_their_environment():
    result = load_settings(
        "config.settings.production",
        SECRET_KEY="x" * 60,
        ALLOWED_HOSTS="erbij.example",
        DATABASE_URL="postgres://erbij@db.example:5432/erbij",
        REDIS_URL="redis://127.0.0.1:6379/1",
        ELASTICSEARCH_URL="http://es.example:9200",
    )
    assert result.returncode == 0, result.stderr
    debug, _language, engine, search, cache = result.stdout.split()
    assert debug == "False"
    assert engine == "django.db.backends.postgresql"
    assert "elasticsearch" in search or search.startswith("search.")
    # A Redis outage falls back instead of breaking pages (config/cache.py, issue 6).
    assert cache == "config.cache.FallbackRedisCache"


@pytest.mark.parametrize("missing", ["SECRET_KEY", "ALLOWED_HOSTS"])
def test_production_without_a_required_variable_fails_with_a_clear_message(missing):
    env = {"SECRET_KEY": "x" * 60, "ALLOWED_HOSTS": "erbij.example"}
    del env[missing]
    result = load_settings("config.settings.production", **env)
    assert result.returncode != 0
    assert f"Environment variable {missing} is not set" in result.stderr


def test_production_serves_compressed_hashed_static_files_and_media_from_the_environment():
    environment = {"SECRET_KEY": "x" * 60, "ALLOWED_HOSTS": "erbij.example", "MEDIA_ROOT": "/srv/erbij/media"}
    code = (
        "import django; from django.conf import settings; django.setup(); "
        "print(settings.STORAGES['staticfiles']['BACKEND']); print(settings.MEDIA_ROOT); "
        "print('whitenoise.middleware.WhiteNoiseMiddleware' in settings.MIDDLEWARE)"
    )
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**os.environ, **environment, "DJANGO_SETTINGS_MODULE": "config.settings.production"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "whitenoise.storage.CompressedManifestStaticFilesStorage",
        "/srv/erbij/media",
        "True",
    ]


def test_test_settings_use_fast_password_hashing(settings):
    assert settings.PASSWORD_HASHERS == ["django.contrib.auth.hashers.MD5PasswordHasher"]


def test_deploy_check_warns_about_a_cache_per_worker(settings, monkeypatch):
    from config.checks import check_shared_cache

    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    monkeypatch.setenv("WEB_CONCURRENCY", "2")
    assert [warning.id for warning in check_shared_cache(None)] == ["erbij.W001"]
    monkeypatch.setenv("WEB_CONCURRENCY", "1")
    assert check_shared_cache(None) == []
    monkeypatch.setenv("WEB_CONCURRENCY", "4")
    settings.CACHES = {
        "default": {"BACKEND": "config.cache.FallbackRedisCache", "LOCATION": "redis://x:6379/0"}
    }
    assert check_shared_cache(None) == []
