"""Help-request load: N concurrent posts against gunicorn on PostgreSQL must give N rows and 0 errors.

Usage (PostgreSQL at 127.0.0.1:5432 with trust auth, as in CI):

    .venv/bin/python benchmarks/portal_load.py [--posts 500] [--workers 4] [--threads 8]

It creates (and afterwards drops) the database ``erbij_portal_load``, migrates it, loads the demo,
collects static files, starts gunicorn with the production settings, fires all posts at once from
as many client threads, and checks the database: one row per post, unique reference numbers.
The result is printed as one line for benchmarks/README.md ("Help-request load").
"""

import argparse
import os
import re
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import psycopg
import requests

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
DB_NAME = "erbij_portal_load"
ADMIN_URL = "postgres://postgres@127.0.0.1:5432/postgres"
SECRET_KEY = "load-test-only-" + uuid.uuid4().hex


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def recreate_database():
    with psycopg.connect(ADMIN_URL, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {DB_NAME}")


def drop_database():
    with psycopg.connect(ADMIN_URL, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")


def make_env(static_root, port):
    env = dict(os.environ)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "config.settings.production",
            "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{DB_NAME}",
            "SECRET_KEY": SECRET_KEY,
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "SECURE_SSL_REDIRECT": "0",
            "STATIC_ROOT": static_root,
            "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
            "PORTAL_RATE_LIMIT_POSTS": "1000000",  # one client IP sends everything here
            "LOG_LEVEL": "WARNING",
            "PORT": str(port),
            "HOME": tempfile.gettempdir(),
        }
    )
    return env


def form_token(seconds_ago=60):
    from django.conf import settings

    if not settings.configured:
        settings.configure(SECRET_KEY=SECRET_KEY)
    from django.core import signing

    return signing.dumps({"id": uuid.uuid4().hex, "t": time.time() - seconds_ago}, salt="portal.form-token")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--posts", type=int, default=500)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--threads", type=int, default=8)
    args = parser.parse_args()

    port = free_port()
    static_root = tempfile.mkdtemp(prefix="erbij-static-")
    env = make_env(static_root, port)
    recreate_database()
    server = None
    try:
        for command in (["migrate", "--noinput"], ["load_demo"], ["collectstatic", "--noinput"]):
            subprocess.run([PYTHON, "manage.py", *command, "-v0"], cwd=ROOT, env=env, check=True)
        server = subprocess.Popen(
            [
                GUNICORN,
                "config.wsgi:application",
                "--config",
                "gunicorn.conf.py",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                str(args.workers),
                "--threads",
                str(args.threads),
                "--access-logfile",
                "/dev/null",
            ],
            cwd=ROOT,
            env=env,
        )
        base = f"http://127.0.0.1:{port}"
        for _ in range(100):
            try:
                if requests.get(f"{base}/healthz/", timeout=5).status_code == 200:
                    break
            except requests.RequestException:
                time.sleep(0.2)
        form_url = f"{base}/nl/hulp-vragen/"
        headers = {"X-Forwarded-Proto": "https"}
        page = requests.get(form_url, headers=headers, timeout=10)
        page.raise_for_status()
        csrf_cookie = (
            page.cookies.get("csrftoken") or re.search(r"csrftoken=([^;]+)", page.headers["Set-Cookie"])[1]
        )
        csrf_field = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)[1]
        municipality = re.search(r'<option value="(\d+)">Dordrecht</option>', page.text)[1]

        payloads = [
            {
                "csrfmiddlewaretoken": csrf_field,
                "form_token": form_token(),
                "first_name": f"Belasting{i}",
                "email": f"load{i}@voorbeeld.example",
                "municipality": municipality,
                "help_kinds": "talk",
                "for_whom": "self",
                "contact_time": "any",
                "consent": "on",
            }
            for i in range(args.posts)
        ]
        post_headers = {
            **headers,
            "Cookie": f"csrftoken={csrf_cookie}",
            "Referer": form_url.replace("http://", "https://"),
            "Origin": base.replace("http://", "https://"),
        }
        start_gate = threading.Barrier(args.posts)

        def post(data):
            start_gate.wait()
            try:
                response = requests.post(
                    form_url, data=data, headers=post_headers, allow_redirects=False, timeout=120
                )
                return response.status_code
            except requests.RequestException as error:
                return type(error).__name__

        began = time.monotonic()
        with ThreadPoolExecutor(max_workers=args.posts) as pool:
            statuses = list(pool.map(post, payloads))
        elapsed = time.monotonic() - began

        with psycopg.connect(env["DATABASE_URL"]) as conn:
            rows, distinct_refs = conn.execute(
                "SELECT count(*), count(DISTINCT reference) FROM portal_helprequest WHERE email LIKE 'load%%'"
            ).fetchone()
            outbox = conn.execute("SELECT count(*) FROM portal_outboxmessage").fetchone()[0]
        errors = sum(1 for status in statuses if status != 302)
        summary = (
            f"{args.posts} concurrent posts, gunicorn {args.workers} workers x {args.threads} threads, "
            f"PostgreSQL: {rows} rows ({distinct_refs} distinct references), {errors} errors, "
            f"{outbox} outbox rows, {elapsed:.1f} s wall time"
        )
        print(summary)
        if errors:
            print("statuses:", sorted({str(s) for s in statuses}))
        return 0 if rows == args.posts == distinct_refs and errors == 0 else 1
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
        drop_database()


if __name__ == "__main__":
    sys.exit(main())
