"""A small fixed-window rate limiter on the ``ratelimit`` cache.

    from config.ratelimit import is_limited
    if is_limited(f"hulpvraag:{ip}", limit=5, window=3600): ...

With Redis the counts are shared by all processes; when Redis is down the ``ratelimit`` cache falls
back to process memory (config/cache.py), so limits still hold per process.
"""

from django.conf import settings
from django.core.cache import caches


def ratelimit_cache():
    return caches["ratelimit" if "ratelimit" in settings.CACHES else "default"]


def is_limited(key, limit, window):
    """Count one hit for ``key``; True once there were more than ``limit`` in ``window`` seconds."""
    cache = ratelimit_cache()
    full_key = f"ratelimit:{key}"
    if cache.add(full_key, 1, window):
        count = 1
    else:
        try:
            count = cache.incr(full_key)
        except ValueError:  # expired between add and incr
            cache.set(full_key, 1, window)
            count = 1
    return count > limit
