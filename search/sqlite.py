"""Wagtail's SQLite (FTS5) search backend with Dutch stemming and stop words.

FTS5 itself only matches whole words. Here the index stores the Snowball stem of every word of
the title and body (home/dutch.py), and query words are stemmed the same way with Dutch stop
words left out, so "eenzame" finds "Over eenzaamheid", as PostgreSQL's `dutch` configuration does.
Autocomplete is unchanged: it matches word prefixes in its own, unstemmed column.

Only imported on SQLite with FTS5 (search/database.py chooses): modelsearch's SQLite module needs
the FTS5 index model, which exists only there.
"""

from functools import reduce

from django.utils.functional import cached_property
from modelsearch.backends.database.sqlite.query import (
    AndNot,
    Lexeme,
    SearchQueryExpression,
    normalize,
)
from modelsearch.backends.database.sqlite.sqlite import (
    IndexEntry,
    ObjectIndexer,
    SQLiteIndex,
    SQLiteSearchBackend,
    SQLiteSearchQueryCompiler,
)
from modelsearch.query import And, MatchAll, Not, Or, Phrase, PlainText
from modelsearch.utils import get_content_type_pk

from home.dutch import index_text, query_terms


class DutchObjectIndexer(ObjectIndexer):
    @cached_property
    def title(self):
        return index_text(ObjectIndexer.title.func(self))

    @cached_property
    def body(self):
        return index_text(ObjectIndexer.body.func(self))


class DutchSQLiteIndex(SQLiteIndex):
    indexer_class = DutchObjectIndexer

    def add_items(self, model, objs):
        # modelsearch 1.x's SQLiteIndex.add_items, with the indexer class as an attribute: the
        # upstream method builds its ObjectIndexer by name, so the only way in is a copy.
        # Compare with it when upgrading Wagtail or modelsearch.
        if not model.get_search_fields():
            return
        indexers = [self.indexer_class(obj, self.backend) for obj in objs]
        if not indexers:
            return

        content_type_pk = get_content_type_pk(model)
        ids_and_data = {
            indexer.id: (indexer.title, indexer.autocomplete, indexer.body) for indexer in indexers
        }
        index_entries_for_ct = self.entries.filter(content_type_id=content_type_pk)
        indexed_ids = frozenset(
            index_entries_for_ct.filter(object_id__in=ids_and_data.keys()).values_list("object_id", flat=True)
        )
        for indexed_id in indexed_ids:
            title, autocomplete, body = ids_and_data[indexed_id]
            index_entries_for_ct.filter(object_id=indexed_id).update(
                title=title, autocomplete=autocomplete, body=body
            )

        self.entries.bulk_create(
            [
                IndexEntry(
                    content_type_id=content_type_pk,
                    object_id=object_id,
                    title=title,
                    autocomplete=autocomplete,
                    body=body,
                )
                for object_id, (title, autocomplete, body) in ids_and_data.items()
                if object_id not in indexed_ids
            ]
        )
        self._refresh_title_norms()


class DutchSQLiteSearchQueryCompiler(SQLiteSearchQueryCompiler):
    def build_search_query_content(self, query, config=None):
        """The FTS5 query for query, on stems; None when only stop words are left.

        As in PostgreSQL, a part of the query that is only stop words drops out, and a query that
        is nothing but stop words matches nothing.
        """
        if isinstance(query, PlainText):
            terms = query_terms(query.query_string)
            if not terms:
                return None
            # Stems are letters, digits and spaces only: nothing in them is FTS5 syntax.
            lexemes = [Lexeme(term) for term in terms]
            if query.operator.upper() == "AND":
                combined = reduce(lambda a, b: a & b, lexemes)
            else:
                combined = reduce(lambda a, b: a | b, lexemes)
            return SearchQueryExpression(combined, config=config)

        if isinstance(query, Phrase):
            text = index_text(query.query_string)
            return SearchQueryExpression(text) if text else None

        if isinstance(query, AndNot):
            wanted = self.build_search_query_content(query.subquery_a, config=config)
            unwanted = self.build_search_query_content(query.subquery_b, config=config)
            if wanted is None or unwanted is None:
                return wanted
            return wanted._combine(unwanted, "NOT")

        if isinstance(query, (And, Or)):
            parts = [
                self.build_search_query_content(subquery, config=config) for subquery in query.subqueries
            ]
            parts = [part for part in parts if part is not None]
            if not parts:
                return None
            if isinstance(query, And):
                return reduce(lambda a, b: a & b, parts)
            return reduce(lambda a, b: a | b, parts)

        return super().build_search_query_content(query, config=config)

    def search(self, config, start, stop, score_field=None):
        query = normalize(self.query)
        negated = isinstance(query, Not)
        if negated:
            query = query.subquery
        if not isinstance(query, MatchAll) and self.build_search_query_content(query, config=config) is None:
            # Nothing left to match (upstream would send FTS5 an empty query and fail).
            if negated:
                queryset = self.queryset if self.queryset.query.order_by else self.queryset.order_by("-pk")
                return queryset[start:stop]
            return self.queryset.none()
        return super().search(config, start, stop, score_field=score_field)


class DutchSQLiteSearchBackend(SQLiteSearchBackend):
    query_compiler_class = DutchSQLiteSearchQueryCompiler
    index_class = DutchSQLiteIndex


SearchBackend = DutchSQLiteSearchBackend
