import re

MAX_QUERY_LENGTH = 200

# Everything but letters, digits, spaces and hyphens: quotes, brackets, * ^ : ~ and the like are
# query syntax to some search backend (SQLite FTS5 raises on them), never meaningful to residents.
_QUERY_SYNTAX = re.compile(r"[^\w\s-]+", re.UNICODE)


def clean_search_query(raw):
    """Turn whatever arrived in ?query= into plain lowercase words a backend cannot choke on.

    Lowercasing also disarms FTS5's AND/OR/NOT/NEAR operators, which are upper case only.
    """
    if not isinstance(raw, str):
        return ""
    text = _QUERY_SYNTAX.sub(" ", raw.replace("\x00", " "))[:MAX_QUERY_LENGTH]
    return " ".join(text.lower().split())
