"""Deployment checks of our own, run by `manage.py check --deploy` (and so by CI)."""

import os

from django.conf import settings
from django.core import checks

PROCESS_LOCAL_CACHES = ("django.core.cache.backends.locmem.LocMemCache",)


@checks.register(checks.Tags.caches, deploy=True)
def check_shared_cache(app_configs, **kwargs):
    """Several workers need one shared cache, or a publish is seen by one worker only.

    The page cache, the kept menu links and the content generation that empties them
    (home/generation.py) live in the default cache; with local memory each gunicorn worker has its
    own, and the others serve old pages until their entries expire.
    """
    backend = settings.CACHES.get("default", {}).get("BACKEND", "")
    workers = int(os.environ.get("WEB_CONCURRENCY", "2") or 1)
    if backend in PROCESS_LOCAL_CACHES and workers > 1:
        return [
            checks.Warning(
                f"The default cache is in process memory, with {workers} gunicorn workers.",
                hint=(
                    "Set REDIS_URL so all workers share one cache and see a publish at once, or run "
                    "one worker (WEB_CONCURRENCY=1)."
                ),
                id="erbij.W001",
            )
        ]
    return []
