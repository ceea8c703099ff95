"""Elasticsearch with a safety net: when it does not answer (or too slowly), use the database.

Configured in config/settings/base.py when ELASTICSEARCH_URL is set:

    "default": {"BACKEND": "search.backends", ..., "FALLBACK": "database"},
    "database": {"BACKEND": "search.database", "SEARCH_CONFIG": "dutch"},

The "database" backend is a normal, auto-updated search backend, so its index stays complete and
ready. Searches, suggestions and index updates go to Elasticsearch first; on a connection error or
a timeout (ELASTICSEARCH_TIMEOUT seconds) they log a warning and use the database instead, and
Elasticsearch is left alone for RETRY_AFTER seconds so that residents do not wait for it on every
request. Index updates missed in that time are caught up by `manage.py update_index`.
"""

import logging
import threading
import time

from elastic_transport import TransportError
from elasticsearch import ApiError
from modelsearch.backends import get_search_backend
from modelsearch.backends.elasticsearch9 import (
    Elasticsearch9SearchBackend,
    Elasticsearch9SearchQueryCompiler,
)

logger = logging.getLogger(__name__)

# Seconds to skip Elasticsearch after it failed.
RETRY_AFTER = 30
BACKEND_ERRORS = (TransportError, ApiError, OSError)

# Shared by every instance (get_search_backend builds a new one on each call), per host list.
_down_until = {}
_lock = threading.Lock()


class TypoTolerantQueryCompiler(Elasticsearch9SearchQueryCompiler):
    """Plain-text searches tolerate typos: "eenzaamheit" finds "eenzaamheid".

    AUTO allows one edit in words of 3-5 letters and two in longer ones; the first letter must
    match, which keeps short Dutch words from matching half the index.
    """

    def _compile_plaintext_query(self, query, fields, boost=1.0):
        compiled = super()._compile_plaintext_query(query, fields, boost)
        match = compiled.get("multi_match") or next(iter(compiled["match"].values()))
        match.update({"fuzziness": "AUTO", "prefix_length": 1})
        return compiled


class ElasticsearchWithFallback(Elasticsearch9SearchBackend):
    query_compiler_class = TypoTolerantQueryCompiler

    def __init__(self, params):
        params = dict(params)
        self.fallback_name = params.pop("FALLBACK", "database")
        self.retry_after = params.pop("RETRY_AFTER", RETRY_AFTER)
        super().__init__(params)
        self._health_key = repr(self.hosts)

    # --- health --------------------------------------------------------------------------------

    @property
    def fallback_backend(self):
        return get_search_backend(self.fallback_name)

    def is_down(self):
        return _down_until.get(self._health_key, 0) > time.monotonic()

    def mark_down(self, action, error):
        with _lock:
            _down_until[self._health_key] = time.monotonic() + self.retry_after
        logger.warning(
            "Elasticsearch did not answer (%s: %s); using the database search for %s seconds",
            action,
            error.__class__.__name__,
            self.retry_after,
        )

    @classmethod
    def reset_health(cls):
        with _lock:
            _down_until.clear()

    # --- searching -----------------------------------------------------------------------------

    def search(self, query, model_or_queryset, **kwargs):
        return self._with_fallback("search", query, model_or_queryset, kwargs)

    def autocomplete(self, query, model_or_queryset, **kwargs):
        return self._with_fallback("autocomplete", query, model_or_queryset, kwargs)

    def _with_fallback(self, method, query, model_or_queryset, kwargs):
        def fallback():
            return getattr(self.fallback_backend, method)(query, model_or_queryset, **kwargs)

        if self.is_down():
            return fallback()
        try:
            primary = getattr(super(), method)(query, model_or_queryset, **kwargs)
        except BACKEND_ERRORS as error:
            self.mark_down(method, error)
            return fallback()
        return FallbackSearchResults(self, primary, fallback)

    # --- index updates: never let a missing Elasticsearch break publishing ----------------------

    def _try(self, action, func, *args):
        if self.is_down():
            logger.info("Elasticsearch is down; skipped %s (run update_index later)", action)
            return None
        try:
            return func(*args)
        except BACKEND_ERRORS as error:
            self.mark_down(action, error)
            return None

    def add(self, obj):
        return self._try("add", super().add, obj)

    def add_bulk(self, model, obj_list):
        return self._try("add_bulk", super().add_bulk, model, obj_list)

    def delete(self, obj):
        return self._try("delete", super().delete, obj)


class FallbackSearchResults:
    """Lazy Elasticsearch results that turn into database results if Elasticsearch fails.

    Behaves like the backends' search results for what views use: slicing, iterating, len(),
    count(), annotate_score() and facet(). Operations are remembered so they can be replayed
    on the database results.
    """

    def __init__(self, backend, primary, fallback, operations=()):
        self._backend = backend
        self._primary = primary
        self._fallback_factory = fallback
        self._operations = list(operations)
        self._fallback = None

    def _fallback_results(self):
        if self._fallback is None:
            results = self._fallback_factory()
            for name, arg in self._operations:
                results = results[arg] if name == "slice" else getattr(results, name)(arg)
            self._fallback = results
        return self._fallback

    def _call(self, action, primary_func, fallback_func):
        if self._primary is not None:
            try:
                return primary_func(self._primary)
            except BACKEND_ERRORS as error:
                self._backend.mark_down(action, error)
                self._primary = None
        return fallback_func(self._fallback_results())

    def _chain(self, name, arg):
        if self._primary is not None:
            primary = self._primary[arg] if name == "slice" else getattr(self._primary, name)(arg)
        else:
            primary = None
        chained = FallbackSearchResults(
            self._backend, primary, self._fallback_factory, self._operations + [(name, arg)]
        )
        return chained

    @property
    def is_fallback(self):
        return self._primary is None

    def __getitem__(self, key):
        if isinstance(key, slice):
            return self._chain("slice", key)
        return self._call("getitem", lambda r: r[key], lambda r: r[key])

    def __iter__(self):
        return iter(self._call("search", list, list))

    def __len__(self):
        return self._call("len", len, len)

    def count(self):
        return self._call("count", lambda r: r.count(), lambda r: r.count())

    def results(self):
        return self._call("results", lambda r: list(r.results()), lambda r: list(r))

    def annotate_score(self, field_name):
        return self._chain("annotate_score", field_name)

    def facet(self, field_name):
        return self._call("facet", lambda r: r.facet(field_name), lambda r: r.facet(field_name))

    def __repr__(self):
        return f"<FallbackSearchResults fallback={self.is_fallback}>"


SearchBackend = ElasticsearchWithFallback
