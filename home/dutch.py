"""Dutch text analysis: the stems and stop words of PostgreSQL's `dutch` text search configuration.

The SQLite search index (search/sqlite.py) stores these stems instead of the words, and queries
are stemmed the same way, so "eenzame" finds "eenzaamheid" on SQLite as it does on PostgreSQL.
It lives in home, the lowest layer, so that any app may use it (for instance to rank matches).

PostgreSQL stems with Snowball's classic Dutch algorithm. snowballstemmer 3 calls that one
"dutch_porter": its "dutch" is a newer algorithm that, for one, keeps "eenzame" apart from
"eenzaam".
"""

import re
import threading
import unicodedata
from functools import lru_cache

import snowballstemmer

ALGORITHM = "dutch_porter"

# Snowball's Dutch stop word list, the one PostgreSQL ships as tsearch_data/dutch.stop.
_STOP_WORDS = """
    de en van ik te dat die in een hij het niet zijn is was op aan met als voor had er maar om hem
    dan zou of wat mijn men dit zo door over ze zich bij ook tot je mij uit der daar haar naar heb
    hoe heeft hebben deze u want nog zal me zij nu ge geen omdat iets worden toch al waren veel meer
    doen toen moet ben zonder kan hun dus alles onder ja eens hier wie werd altijd doch wordt wezen
    kunnen ons zelf tegen na reeds wil kon niets uw iemand geweest andere
"""
STOP_WORDS = frozenset(_STOP_WORDS.split())

# Letters and digits, like SQLite FTS5's unicode61 tokenizer: everything else separates words.
_TOKEN_RE = re.compile(r"[^\W_]+")

# A stemmer keeps state while it works: one per thread.
_local = threading.local()


def _stemmer():
    stemmer = getattr(_local, "stemmer", None)
    if stemmer is None:
        stemmer = _local.stemmer = snowballstemmer.stemmer(ALGORITHM)
    return stemmer


def tokens(text):
    """The words of text, lower case and without accents ("Ideeën" -> "ideeen").

    Accents go before stemming (Snowball's Dutch removes only some), so that a resident who
    types "creme" finds "crème".
    """
    decomposed = unicodedata.normalize("NFKD", text.lower())
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return _TOKEN_RE.findall(plain)


@lru_cache(maxsize=50_000)
def stem(token):
    """The stem of one token from tokens() (the pure-Python stemmer is slow: ~70 µs a word)."""
    return _stemmer().stemWord(token)


def index_text(text):
    """What the search index stores for text: the stem of every word, stop words included.

    Stop words stay so that a phrase ("samen eten in de wijk") still matches word for word;
    queries leave them out (query_terms).
    """
    return " ".join(stem(token) for token in tokens(text))


def query_terms(text):
    """The search terms of a query: one per whitespace-separated word, stop words left out.

    A word that holds several tokens ("samen-eten", "zo'n") becomes one phrase of their stems,
    space-separated, which matches those stems side by side in the index.
    """
    terms = []
    for word in text.split():
        word_tokens = tokens(word)
        if not word_tokens or (len(word_tokens) == 1 and word_tokens[0] in STOP_WORDS):
            continue
        terms.append(" ".join(stem(token) for token in word_tokens))
    return terms
