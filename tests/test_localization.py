"""Locales without a database query per lookup (home/localization.py): one read per request at
most, from the shared cache when it is there, and a locale added or removed is seen at once."""

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from wagtail.models import Locale

from home.localization import RequestLocalesMiddleware

pytestmark = pytest.mark.django_db


def in_request(function):
    """Run function() the way a view runs: inside RequestLocalesMiddleware."""
    result = {}

    def view(request):
        result["value"] = function()
        return None

    RequestLocalesMiddleware(view)(RequestFactory().get("/"))
    return result["value"]


def test_locale_lookups_in_a_request_need_no_queries_after_the_first(locales):
    def lookups():
        with CaptureQueriesContext(connection) as queries, translation.override("nl"):
            first = (Locale.get_default(), Locale.get_active())
            for _ in range(5):
                with translation.override("en"):
                    english = Locale.get_active()
                Locale.get_default()
        return first, english, len(queries)

    (default, active), english, count = in_request(lookups)
    assert default.language_code == active.language_code == "nl"
    assert english.language_code == "en"
    assert count <= 1


def test_a_locale_added_during_a_request_is_found(db):
    Locale.objects.get(language_code="en").delete()

    def add_and_find():
        with translation.override("en"):
            # No English locale: Wagtail falls back to the default language.
            fallback = Locale.get_active()
        Locale.objects.create(language_code="en")
        with translation.override("en"):
            return fallback, Locale.get_active()

    fallback, english = in_request(add_and_find)
    assert fallback.language_code == "nl"
    assert english.language_code == "en"
    assert english.pk == Locale.objects.get(language_code="en").pk


def test_the_shared_cache_forgets_a_removed_locale(db):
    assert in_request(lambda: Locale.objects.get_for_language("en")).language_code == "en"
    Locale.objects.get(language_code="en").delete()
    with pytest.raises(Locale.DoesNotExist):
        in_request(lambda: Locale.objects.get_for_language("en"))


def test_outside_a_request_locales_come_from_the_database(locales):
    # Management commands and workers have no request to keep a memo for: Wagtail's own lookup.
    with CaptureQueriesContext(connection) as queries:
        with translation.override("nl"):
            assert Locale.get_active().language_code == "nl"
        assert Locale.get_default().language_code == "nl"
        with translation.override("en"):
            assert Locale.get_active().language_code == "en"
    assert len(queries) == 3
