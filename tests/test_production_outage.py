"""Surviving outages: database down (503), Redis down (cache falls back), Elasticsearch down."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

DATABASE_DOWN_SCRIPT = """
import django
django.setup()
from django.test import Client
c = Client(raise_request_exception=False)
for method, url in [("get", "/nl/"), ("get", "/en/over-ons/"), ("get", "/nl/zoeken/?query=koffie"),
                    ("post", "/nl/"), ("get", "/admin/login/")]:
    r = getattr(c, method)(url)
    body = r.content.decode()
    print(method, url, r.status_code, r.get("Retry-After"))
    assert r.status_code == 503, (url, r.status_code, body[:300])
    assert r["Retry-After"] == "60"
    assert "De website is even niet bereikbaar" in body
    assert "niet aangekomen" in body  # a form sent now is not reported as received
    assert "bedankt" not in body.lower()
    assert "frame-ancestors 'none'" in r["Content-Security-Policy"]
print("OK")
"""


def closed_port():
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]  # nothing listens there once the socket is closed


def test_database_down_answers_503_with_retry_after():
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.test",
        DATABASE_URL=f"postgres://postgres@127.0.0.1:{closed_port()}/erbij",
        LOG_LEVEL="CRITICAL",
    )
    result = subprocess.run(  # noqa: S603 - fixed arguments
        [sys.executable, "-c", DATABASE_DOWN_SCRIPT],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr[-3000:]
    assert result.stdout.strip().endswith("OK")


@pytest.mark.django_db
def test_other_errors_still_give_500(client, home_page, monkeypatch):
    from home.models import HomePage

    def broken(self, request, *args, **kwargs):
        raise ValueError("a bug, not an outage")

    monkeypatch.setattr(HomePage, "serve", broken)
    client.raise_request_exception = False
    response = client.get("/nl/")
    assert response.status_code == 500
    assert "Retry-After" not in response


@pytest.mark.django_db
def test_failed_form_save_is_not_reported_as_received(client, home_page, monkeypatch):
    """A form whose storing fails on the database shows the 503 page, not a thank-you page."""
    from django.db import OperationalError

    from home.models import HomePage

    def serve(self, request, *args, **kwargs):
        if request.method == "POST":
            raise OperationalError("connection to server at 127.0.0.1 failed")
        return super(HomePage, self).serve(request, *args, **kwargs)

    monkeypatch.setattr(HomePage, "serve", serve)
    client.raise_request_exception = False
    response = client.post("/nl/", {"bericht": "Ik wil graag meedoen"})
    assert response.status_code == 503
    assert response["Retry-After"] == "60"
    assert "niet aangekomen" in response.content.decode()


def redis_caches(port):
    base = {
        "BACKEND": "config.cache.FallbackRedisCache",
        "LOCATION": f"redis://127.0.0.1:{port}/0",
        "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1, "FALLBACK": "none"},
    }
    return {
        "default": base,
        "ratelimit": {**base, "OPTIONS": {**base["OPTIONS"], "FALLBACK": "locmem"}},
    }


@pytest.fixture
def redis_down(settings):
    from config import cache as cache_module

    cache_module._down_until.clear()
    settings.CACHES = redis_caches(closed_port())
    yield
    cache_module._down_until.clear()


def test_cache_falls_back_to_none_when_redis_is_down(redis_down):
    from django.core.cache import cache

    cache.set("sleutel", "waarde")
    assert cache.get("sleutel") is None
    assert cache.get("sleutel", "standaard") == "standaard"
    assert cache.get_many(["a", "b"]) == {}
    cache.delete("sleutel")
    assert cache.fallback_kind == "none"
    assert not cache.redis_available  # no new connect attempt for a while


def test_rate_limit_still_limits_in_process_when_redis_is_down(redis_down):
    from config.ratelimit import is_limited

    results = [is_limited("hulpvraag:192.0.2.1", limit=3, window=60) for _ in range(5)]
    assert results == [False, False, False, True, True]
    # Another key has its own count.
    assert is_limited("hulpvraag:192.0.2.2", limit=3, window=60) is False


@pytest.mark.django_db
def test_site_keeps_working_when_redis_is_down(redis_down, client, home_page):
    assert client.get("/nl/").status_code == 200
    assert client.get("/nl/zoeken/", {"query": "koffie"}).status_code == 200


@pytest.mark.django_db
def test_publishing_works_when_elasticsearch_is_down(settings, home_page, caplog):
    """Elasticsearch unreachable: publishing (which updates the search index) still succeeds."""
    from home.factories import ContentPageFactory
    from home.models import ContentPage

    settings.WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": "wagtail.search.backends.elasticsearch9",
            "URLS": [f"http://127.0.0.1:{closed_port()}"],
            "INDEX_PREFIX": "erbij_test_down_",
            "TIMEOUT": 1,
            "OPTIONS": {"max_retries": 0, "retry_on_timeout": False},
        }
    }
    page = ContentPageFactory.build(title="Koffie-ochtend", slug="koffie-ochtend")
    home_page.add_child(instance=page)
    page.save_revision().publish()
    page.title = "Koffie-ochtend in de bibliotheek"
    page.save_revision().publish()
    stored = ContentPage.objects.get(pk=page.pk)
    assert stored.live
    assert stored.title == "Koffie-ochtend in de bibliotheek"
    # The index update really went to the dead Elasticsearch, failed, and was only logged.
    assert any("search backend" in record.getMessage() for record in caplog.records)
