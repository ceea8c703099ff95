"""Erbij benchmark: wrk against gunicorn (2 sync workers) on the demo content.

Run from the project root:  .venv/bin/python benchmarks/bench.py  [--duration 10] [--database-url URL]

1. builds a fresh database (SQLite in a temporary folder, or --database-url), migrates, runs
   load_demo (and `generate_directory --services 10000` when that command exists), collectstatic;
2. counts the database queries of each page with Django's test client (uncached, then cached);
3. starts gunicorn with the production settings, 2 sync workers, page cache off, and runs
   `wrk -t2 -c8` on every page and on a static CSS file (the ceiling); then again with the page
   cache on;
4. prints a Markdown table (append it to benchmarks/README.md).

wrk is Debian's package; the script installs it with apt-get when it is missing.
"""

import argparse
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
PORT = 8765

PAGES = [
    ("home (nl)", "/nl/"),
    ("home (en)", "/en/"),
    ("content page", "/nl/over-ons/"),
    ("site search", "/nl/zoeken/?query=eenzaamheid"),
    # Filled in when the apps exist (paths are looked up from the database, see find_app_pages).
]
STATIC = ("static CSS (ceiling)", "/static/css/erbij.css")
# The reference ceiling was a 36 KB file; this one is written into STATIC_ROOT for the run.
STATIC_36K = ("static 36 KB file", "/static/bench/ceiling-36k.css")
# bakerydemo (Wagtail 7.4, SQLite, production settings, 2 sync workers, wrk -t2 -c8), as given in
# issue 6, with the 36 KB static file at about 850 req/s on that machine.
BAKERYDEMO = {"home": 20, "blog post": 40, "bread page": 48, "search": 20, "static 36 KB": 850}

QUERY_COUNT_SCRIPT = """
import json, sys
import django
django.setup()
from django.core.cache import cache
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
paths = json.loads(sys.argv[1])
out = {}
c = Client(HTTP_HOST="127.0.0.1")
c.get(paths[0])  # settings rows created, translations loaded
def count(path):
    # Read the count at once: the log is emptied when the next request starts.
    with CaptureQueriesContext(connection) as queries:
        status = c.get(path).status_code
    return status, len(queries.captured_queries)
for path in paths:
    with override_settings(PAGE_CACHE_SECONDS=0):
        cache.clear()
        status, cold = count(path)
        warm = count(path)[1]
    c.get(path)  # into the page cache
    cached = count(path)[1]
    out[path] = [status, cold, warm, cached]
print(json.dumps(out))
"""

FIND_APP_PAGES_SCRIPT = """
import json
import django
django.setup()
from django.apps import apps
found = []
def first_url(app_label, model_name, label):
    try:
        model = apps.get_model(app_label, model_name)
    except LookupError:
        return
    page = model.objects.live().filter(locale__language_code="nl").first()
    if page:
        found.append([label, page.url])
first_url("coalitions", "CoalitionPage", "coalition page")
first_url("campaigns", "CampaignPage", "campaign page")
first_url("campaigns", "NewsPage", "news page")
first_url("campaigns", "EventPage", "event page")
from directory.models import DirectoryPage, Service
directory = DirectoryPage.objects.live().filter(locale__language_code="nl").first()
if directory:
    service = Service.objects.filter(live=True, locale=directory.locale).exclude(
        name__startswith="Synthetisch").order_by("pk").first()
    if service:
        found.append(["service page", directory.url + service.slug + "/"])
    found.append(["directory: browse", directory.url])
    found.append(["directory: query + filter", directory.url + "?q=eten&gemeente=Dordrecht"])
print(json.dumps(found))
"""


def run(cmd, env, **kwargs):
    return subprocess.run(cmd, cwd=ROOT, env=env, check=True, **kwargs)


def ensure_wrk():
    if shutil.which("wrk"):
        return
    subprocess.run(["apt-get", "update", "-qq"], check=False)
    subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], check=True)


def wrk(url, duration, connections=8):
    result = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "-s", str(ROOT / "benchmarks/report.lua"), url],
        capture_output=True,
        text=True,
        check=True,
    )
    line = next(line for line in result.stdout.splitlines() if line.startswith("RESULT"))
    rps, p50, p95, p99, errors, requests = line.split()[1:]
    return {"rps": float(rps), "p50": float(p50), "p95": float(p95), "p99": float(p99), "errors": int(errors)}


def start_gunicorn(env, page_cache_seconds):
    env = dict(env, PAGE_CACHE_SECONDS=str(page_cache_seconds))
    proc = subprocess.Popen(
        [
            str(Path(PY).parent / "gunicorn"),
            "config.wsgi:application",
            "--config",
            "gunicorn.conf.py",
            "--bind",
            f"127.0.0.1:{PORT}",
            "--workers",
            "2",
            "--access-logfile",
            "/dev/null",
            # No worker recycling during a 10-second run (production recycles every ~2000 requests).
            "--max-requests",
            "0",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{PORT}/healthz/", timeout=1)  # noqa: S310
            return proc
        except OSError:
            time.sleep(0.2)
    proc.terminate()
    raise SystemExit("gunicorn did not start")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--database-url", default="")
    args = parser.parse_args()
    ensure_wrk()

    workdir = Path(tempfile.mkdtemp(prefix="erbij-bench-"))
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        SECRET_KEY="benchmark-only-" + "k" * 50,
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="false",
        DATABASE_URL=args.database_url or f"sqlite:///{workdir / 'bench.sqlite3'}",
        STATIC_ROOT=str(workdir / "static"),
        MEDIA_ROOT=str(workdir / "media"),
        LOG_LEVEL="ERROR",
    )
    print("Preparing the database (migrate, load_demo) ...", flush=True)
    run([PY, "manage.py", "migrate", "--noinput", "-v0"], env)
    run([PY, "manage.py", "load_demo", "-v0"], env)
    commands = subprocess.run(
        [PY, "manage.py", "help", "--commands"], cwd=ROOT, env=env, capture_output=True, text=True
    ).stdout.split()
    directory_size = "no generated directory (command not available)"
    if "generate_directory" in commands:
        run([PY, "manage.py", "generate_directory", "--services", "10000"], env)
        directory_size = "10,000 generated services"
        if args.database_url.startswith("postgres"):
            # Fresh statistics after the bulk insert, or the planner misjudges the joins.
            analyze = (
                "import django; django.setup(); from django.db import connection; "
                "connection.cursor().execute('ANALYZE')"
            )
            run([PY, "-c", analyze], env)
    run([PY, "manage.py", "collectstatic", "--noinput", "-v0"], env)
    ceiling = workdir / "static" / "bench" / "ceiling-36k.css"
    ceiling.parent.mkdir(parents=True, exist_ok=True)
    ceiling.write_text(("/* " + "x" * 60 + " */\n") * (36 * 1024 // 65))
    run([PY, "manage.py", "compilemessages", "--ignore=.venv", "-v0"], env)

    import json

    app_pages = json.loads(
        subprocess.run(
            [PY, "-c", FIND_APP_PAGES_SCRIPT], cwd=ROOT, env=env, capture_output=True, text=True, check=True
        ).stdout
    )
    pages = PAGES + [tuple(p) for p in app_pages]
    counts = json.loads(
        subprocess.run(
            [PY, "-c", QUERY_COUNT_SCRIPT, json.dumps([path for _, path in pages])],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        .stdout.strip()
        .splitlines()[-1]
    )

    load_before = f"{os.getloadavg()[0]:.1f}"
    results = {}
    for mode, seconds in (("uncached", 0), ("cached", 600)):
        proc = start_gunicorn(env, seconds)
        try:
            for _label, path in [*pages, STATIC, STATIC_36K]:
                url = f"http://127.0.0.1:{PORT}{path}"
                urllib.request.urlopen(url, timeout=10).read()  # noqa: S310 - warm the worker caches
                print(f"wrk {mode} {path}", flush=True)
                results[(mode, path)] = wrk(url, args.duration)
        finally:
            proc.terminate()
            proc.wait(timeout=30)

    engine = "PostgreSQL" if args.database_url.startswith("postgres") else "SQLite"
    cpuinfo = Path("/proc/cpuinfo").read_text().splitlines()
    cpu = next((line.split(":", 1)[1].strip() for line in cpuinfo if line.startswith("model name")), "")
    print()
    print(
        f"### {datetime.now(UTC):%Y-%m-%d %H:%M} UTC — {engine}, {os.cpu_count()} cores ({cpu}), "
        f"Python {platform.python_version()}, gunicorn 2 sync workers, wrk -t2 -c8 -d{args.duration}s, "
        f"demo content, {directory_size}; load average before/after: {load_before} / {os.getloadavg()[0]:.1f}"
    )
    print()
    print(
        "| page | queries: cold caches / page cache off / page cache hit | uncached req/s | p50 ms "
        "| p95 ms | p99 ms | cached req/s | p50 ms | p99 ms | cached / static |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    static_rps = results[("cached", STATIC[1])]["rps"]
    for label, path in [*pages, STATIC, STATIC_36K]:
        u, c = results[("uncached", path)], results[("cached", path)]
        status, *queries = counts.get(path, ["", "-", "-", "-"])
        label_text = f"{label} `{path}`" + (f" ({status})" if status not in ("", 200) else "")
        print(
            f"| {label_text} | {' / '.join(map(str, queries))} | {u['rps']:.0f} | {u['p50']:.1f} "
            f"| {u['p95']:.1f} | {u['p99']:.1f} | {c['rps']:.0f} | {c['p50']:.1f} | {c['p99']:.1f} | "
            f"{100 * c['rps'] / static_rps:.0f}% |"
        )

    # Against bakerydemo: raw req/s, and scaled by the 36 KB static file (this machine's speed
    # against the reference machine's 850 req/s).
    scale = results[("uncached", STATIC_36K[1])]["rps"] / BAKERYDEMO["static 36 KB"]
    by_label = dict(pages)
    print()
    ceiling_rps = results[("uncached", STATIC_36K[1])]["rps"]
    print(f"36 KB static file: {ceiling_rps:.0f} req/s here, 850 on the reference: scale {scale:.2f}.")
    print()
    print("| bakerydemo page (req/s) | Erbij page | Erbij req/s | times bakerydemo | times, scaled |")
    print("|---|---|---:|---:|---:|")
    for bakery, ours in (
        ("home", "home (nl)"),
        ("blog post", "news page"),
        ("bread page", "content page"),
        ("bread page", "service page"),
        ("search", "site search"),
    ):
        if ours not in by_label:
            continue
        rps = results[("uncached", by_label[ours])]["rps"]
        print(
            f"| {bakery} ({BAKERYDEMO[bakery]}) | {ours} | {rps:.0f} | {rps / BAKERYDEMO[bakery]:.1f}x "
            f"| {rps / BAKERYDEMO[bakery] / scale:.1f}x |"
        )
    errors = {k: v["errors"] for k, v in results.items() if v["errors"]}
    if errors:
        print(f"\nwrk reported errors (non-2xx/3xx or socket): {errors}")
    shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
