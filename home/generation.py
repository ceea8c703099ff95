"""One token that changes whenever published content changes, for caches of what pages show.

The page cache (config/pagecache.py) and the cached parts of pages (menu and footer links, the
language switcher, view restrictions) put the token in their keys. Publishing, unpublishing,
moving or deleting a page, and saving a snippet, a setting, a view restriction or a content model
replaces it (config.pagecache.connect_signals), so every such entry is abandoned at once and
expires on its own.

The token lives in the default cache, shared by all processes when Redis is used. With Redis down
the cache answers nothing, so nothing is remembered and everything is built again: slower, never
stale.
"""

import time

from django.core.cache import cache
from django.db import transaction

GENERATION_KEY = "pagecache:generation"
# Rebuilding is cheap; the bound matters where each process has its own cache (config/checks.py).
REMEMBER_SECONDS = 10 * 60


def current_generation():
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        generation = bump_generation()
    return generation


def bump_generation(*args, **kwargs):
    generation = str(time.time_ns())
    cache.set(GENERATION_KEY, generation, None)
    return generation


def invalidate():
    """Replace the token now, and once more after the transaction commits.

    The second time because a request running meanwhile reads the old rows (the change is not
    committed yet) and may store them under the first new token.
    """
    bump_generation()
    transaction.on_commit(bump_generation)


def remember(name, parts, build, seconds=REMEMBER_SECONDS, keep=None):
    """build(), kept until the content changes: `parts` must name everything the value depends on.

    None is never kept, nor a value for which keep(value) is false.
    """
    key = f"content:{current_generation()}:{name}:" + ":".join(str(part) for part in parts)
    value = cache.get(key)
    if value is None:
        value = build()
        if value is not None and (keep is None or keep(value)):
            cache.set(key, value, seconds)
    return value
