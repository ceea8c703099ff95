"""Which coalition a partner sign-up or a help request belongs to.

A sign-up names its coalition pages itself. A help request belongs to the coalition(s) whose
``CoalitionPage.municipality`` is the request's municipality (compared without case and without
surrounding spaces). A coalition is one coalition over all its translations: pages are
counted by ``translation_key``. Portal may import coalitions; coalitions never imports portal.
"""

from django.conf import settings
from django.db.models.functions import Lower, Trim
from wagtail.coreutils import get_supported_content_language_variant

from coalitions.models import CoalitionPage

from .models import HelpRequest


def normalise(name):
    return (name or "").strip().lower()


def coalition_list(pages=None):
    """One dict (translation_key, title, municipality) per coalition, in the default language.

    Of all coalition pages, or of ``pages`` (a CoalitionPage queryset). One query, whatever the
    number of coalitions.
    """
    default_language = get_supported_content_language_variant(settings.LANGUAGE_CODE)
    pages = CoalitionPage.objects.all() if pages is None else pages
    rows = pages.order_by("path").values("translation_key", "title", "municipality", "locale__language_code")
    coalitions = {}
    for row in rows:
        key = row["translation_key"]
        if key not in coalitions or row["locale__language_code"] == default_language:
            coalitions[key] = row
    return sorted(coalitions.values(), key=lambda row: (row["title"].lower(), str(row["translation_key"])))


def coalitions_for_help_request(help_request):
    """The coalition pages (every language) a help request belongs to, by its municipality."""
    return CoalitionPage.objects.annotate(place=Lower(Trim("municipality"))).filter(
        place=normalise(help_request.municipality.name)
    )


def help_requests_for_coalition(page):
    """The help requests that belong to a coalition page: those from its municipality."""
    return HelpRequest.objects.annotate(place=Lower(Trim("municipality__name"))).filter(
        place=normalise(page.municipality)
    )
