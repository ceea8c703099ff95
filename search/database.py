"""The database search backend: Wagtail's, with Dutch stemming added on SQLite.

    WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.database", "SEARCH_CONFIG": "dutch"}}

Wagtail picks its backend by database: on PostgreSQL its own backend, which stems and drops stop
words with the `dutch` text search configuration (SEARCH_CONFIG); on SQLite with FTS5 it is
replaced by search/sqlite.py, which does the same with the same Snowball algorithm and stop
words. Other databases (and SQLite without FTS5) keep Wagtail's choice, without stemming.
"""

from django.db import connection
from modelsearch.backends import database


def SearchBackend(params):  # noqa: N802 - the name Wagtail looks up in a backend module
    backend = database.SearchBackend(params)
    # Wagtail's factory has just found out (and remembered) whether SQLite has FTS5.
    if connection.vendor == "sqlite" and database.USE_SQLITE_FTS:
        from .sqlite import DutchSQLiteSearchBackend

        return DutchSQLiteSearchBackend(params)
    return backend
