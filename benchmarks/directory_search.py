"""Directory search latency and queries per request, in-process.

Usage (the database must hold the demo plus a synthetic directory):

    DATABASE_URL=... python manage.py migrate
    DATABASE_URL=... python manage.py load_demo
    DATABASE_URL=... python manage.py generate_directory --services 10000
    DATABASE_URL=... DJANGO_SETTINGS_MODULE=config.settings.test python benchmarks/directory_search.py

Prints p50/p95 latency (ms) and the number of SQL queries per request for a set of typical
searches, using Django's test client (no network, no browser).
"""

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402
from wagtail.models import Site  # noqa: E402

from directory.models import DirectoryPage, Service  # noqa: E402

REPEAT = int(os.environ.get("REPEAT", "30"))
SEARCHES = [
    ("browse", {}),
    ("text", {"q": "samen eten"}),
    ("text+filters", {"q": "eten", "gemeente": "Dordrecht", "gratis": "1"}),
    ("filters", {"categorie": "ontmoeting", "doelgroep": "ouderen", "toegankelijk": "1"}),
    ("open today/evening", {"vandaag": "1", "avond": "1"}),
    ("distance", {"sorteer": "distance", "bij": "dordrecht-crabbehof"}),
    ("text+distance", {"q": "maaltijd", "sorteer": "distance", "lat": "51.81", "lon": "4.67"}),
    ("page 20", {"q": "koffie", "pagina": "20"}),
    ("autocomplete", "suggesties/?q=samen"),
]


def main():
    setup_test_environment()
    site = Site.objects.get(is_default_site=True)
    hostname = site.hostname
    client = Client(HTTP_HOST=hostname if hostname not in ("", "*") else "localhost")
    page = DirectoryPage.objects.filter(locale__language_code="nl").first()
    url = page.url
    services = Service.objects.filter(live=True).count()
    print(f"database: {connection.vendor}; services: {services}; repeat: {REPEAT}")
    print(f"{'search':<22}{'p50 ms':>9}{'p95 ms':>9}{'queries':>9}{'results':>9}")
    for name, params in SEARCHES:
        timings = []
        queries = set()
        total = ""
        for i in range(REPEAT + 2):
            with CaptureQueriesContext(connection) as captured:
                start = time.perf_counter()
                response = client.get(url + params) if isinstance(params, str) else client.get(url, params)
                elapsed = (time.perf_counter() - start) * 1000
            assert response.status_code == 200, (name, response.status_code)
            if i < 2:  # warm-up: caches, prepared statements
                continue
            timings.append(elapsed)
            queries.add(len(captured))
            if response.context and "paginator" in response.context:
                total = response.context["paginator"].count
        timings.sort()
        p50 = statistics.median(timings)
        p95 = timings[max(0, int(len(timings) * 0.95) - 1)]
        print(f"{name:<22}{p50:>9.1f}{p95:>9.1f}{'/'.join(map(str, sorted(queries))):>9}{total!s:>9}")


if __name__ == "__main__":
    main()
