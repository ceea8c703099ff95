"""HSDS API latency and queries per request with a large synthetic directory.

    DATABASE_URL=sqlite:////tmp/erbij_bench_hsds.sqlite3 .venv/bin/python benchmarks/hsds_api.py
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/erbij_bench_hsds .venv/bin/python benchmarks/hsds_api.py

Migrates the database named by DATABASE_URL, fills it with `generate_directory --services N`
(unless it already holds that many services), then calls each endpoint in-process with Django's
test client and prints p50/p95 latency and the number of SQL queries per request.
Results are recorded in benchmarks/README.md under "HSDS API".
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--services", type=int, default=10000)
    parser.add_argument("--repeat", type=int, default=50)
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL"):
        parser.error("set DATABASE_URL to a database of its own (it is migrated and filled)")

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from directory.models import Service

    call_command("migrate", verbosity=0)
    if Service.objects.count() < args.services:
        call_command("generate_directory", services=args.services, clear=True, no_index=True)
    if connection.vendor == "postgresql":
        # Fresh bulk inserts leave the planner without statistics (autovacuum would catch up later).
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    total = Service.objects.filter(live=True).count()
    some = Service.objects.filter(live=True).order_by("pk")[total // 2]
    client = Client()
    cases = [
        ("services (page 1, 25)", "/api/hsds/services", {}),
        ("services (per_page 100)", "/api/hsds/services", {"per_page": 100}),
        ("services (last page)", "/api/hsds/services", {"per_page": 100, "page": max(1, -(-total // 100))}),
        ("services text=eten", "/api/hsds/services", {"text": "eten"}),
        (
            "services taxonomy+municipality",
            "/api/hsds/services",
            {"taxonomy_term": "samen-eten", "municipality": "Dordrecht"},
        ),
        ("services/{id}", f"/api/hsds/services/{some.hsds_id}", {}),
        ("organizations", "/api/hsds/organizations", {}),
        ("service_at_locations (100)", "/api/hsds/service_at_locations", {"per_page": 100}),
    ]
    print(f"{connection.vendor}, {total} live services, {args.repeat} requests per case")
    print("| request | p50 ms | p95 ms | queries |\n| --- | ---: | ---: | ---: |")
    for label, url, params in cases:
        client.get(url, params)  # warm up
        timings = []
        for _ in range(args.repeat):
            started = time.perf_counter()
            response = client.get(url, params)
            timings.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, (url, response.status_code)
        with CaptureQueriesContext(connection) as queries:
            client.get(url, params)
        timings.sort()
        p95 = timings[max(0, int(len(timings) * 0.95) - 1)]
        print(f"| {label} | {statistics.median(timings):.1f} | {p95:.1f} | {len(queries.captured_queries)} |")


if __name__ == "__main__":
    main()
