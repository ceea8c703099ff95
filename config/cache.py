"""Caching that survives a Redis outage, and the anonymous page cache.

``FallbackRedisCache`` is Django's RedisCache that never lets a Redis failure reach a page: on a
connection error or time-out it logs once, stops asking Redis for RETRY_SECONDS (so a dead Redis
costs one connect time-out per process, not one per call) and answers from its fallback instead:

- ``"FALLBACK": "none"`` (the default cache): behaves as Django's DummyCache, so every page is
  simply built again;
- ``"FALLBACK": "locmem"`` (the ``ratelimit`` cache): an in-process memory cache, so counters keep
  counting per process and rate limits still limit.
"""

import logging
import threading
import time

from django.core.cache.backends.dummy import DummyCache
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger("erbij.cache")

# Per process: until when each Redis location counts as down.
_down_until = {}
_lock = threading.Lock()


class FallbackRedisCache(RedisCache):
    def __init__(self, server, params):
        params = dict(params)
        options = dict(params.get("OPTIONS") or {})
        self.fallback_kind = options.pop("FALLBACK", "none")
        self.retry_seconds = float(options.pop("RETRY_SECONDS", 30))
        params["OPTIONS"] = options
        super().__init__(server, params)
        self._location = server if isinstance(server, str) else ",".join(server)
        fallback_params = {k: v for k, v in params.items() if k in ("TIMEOUT", "KEY_PREFIX", "VERSION")}
        if self.fallback_kind == "locmem":
            self.fallback = LocMemCache(f"fallback-{self._location}", fallback_params)
        else:
            self.fallback = DummyCache(self._location, fallback_params)

    @property
    def redis_available(self):
        return _down_until.get(self._location, 0) <= time.monotonic()

    def _mark_down(self, exc):
        with _lock:
            was_up = _down_until.get(self._location, 0) <= time.monotonic()
            _down_until[self._location] = time.monotonic() + self.retry_seconds
        if was_up:
            logger.warning(
                "Redis cache unreachable (%s); using the %s fallback for %ss",
                exc.__class__.__name__,
                self.fallback_kind,
                self.retry_seconds,
            )

    def _call(self, name, *args, **kwargs):
        if self.redis_available:
            try:
                return getattr(super(), name)(*args, **kwargs)
            except RedisError as exc:
                self._mark_down(exc)
        return getattr(self.fallback, name)(*args, **kwargs)

    def add(self, *args, **kwargs):
        return self._call("add", *args, **kwargs)

    def get(self, *args, **kwargs):
        return self._call("get", *args, **kwargs)

    def set(self, *args, **kwargs):
        return self._call("set", *args, **kwargs)

    def touch(self, *args, **kwargs):
        return self._call("touch", *args, **kwargs)

    def delete(self, *args, **kwargs):
        return self._call("delete", *args, **kwargs)

    def get_many(self, *args, **kwargs):
        return self._call("get_many", *args, **kwargs)

    def has_key(self, *args, **kwargs):
        return self._call("has_key", *args, **kwargs)

    def incr(self, *args, **kwargs):
        return self._call("incr", *args, **kwargs)

    def set_many(self, *args, **kwargs):
        return self._call("set_many", *args, **kwargs)

    def delete_many(self, *args, **kwargs):
        return self._call("delete_many", *args, **kwargs)

    def clear(self):
        return self._call("clear")
