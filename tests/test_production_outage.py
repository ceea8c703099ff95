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
