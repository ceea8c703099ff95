"""The shortcuts that save queries answer exactly as the slow way did.

HomePage.route finds a page with one query for all levels: it must answer as Wagtail's own routing
(two queries per level) does, for every page, every route of a routable page and every path that
does not exist, and what it keeps on the way (the ancestors, for the breadcrumbs) must be right.
Translations in bulk must match `.localized`, and the cached site settings must follow a save.
"""

import pytest
from django.db import connection
from django.http import Http404
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from wagtail.models import Locale, Page, Site

from campaigns.models import CampaignPage, EventPage, NewsIndexPage
from directory.models import DirectoryPage, Service
from home.factories import ContentPageFactory
from home.localization import localized_pages
from home.models import HomePage
from home.templatetags.navigation_tags import page_ancestors

pytestmark = pytest.mark.django_db


def wagtail_route(home, request, components):
    # Page.route is Wagtail's own, recursive routing: the behaviour HomePage.route must keep.
    return Page.route(home, request, components)


def outcome(route, home, request, components):
    try:
        result = route(home, request, components)
    except Http404:
        return "404"
    page, args, kwargs = result
    view = args[0].__name__ if args else None
    return (page.pk, type(page).__name__, view, args[1:] if args else (), kwargs)


def homes():
    return list(HomePage.objects.filter(depth=2).order_by("path"))


def components_of(page, home):
    return [part for part in page.url_path[len(home.url_path) :].split("/") if part]


def test_every_page_routes_as_in_wagtail(demo_for_module):
    request = RequestFactory().get("/")
    checked = 0
    for home in homes():
        for page in Page.objects.descendant_of(home).order_by("path"):
            components = components_of(page, home)
            expected = outcome(wagtail_route, home, request, components)
            assert outcome(HomePage.route, home, request, components) == expected, page.url_path
            checked += 1
    assert checked >= 60


@pytest.mark.parametrize(
    "suffix",
    ["ical/", "rss/", "atom/", "suggesties/", "bestaat-niet/", "bestaat-niet/ook-niet/", "ical/extra/"],
)
def test_routes_of_routable_pages_and_missing_paths_answer_as_in_wagtail(demo_for_module, suffix):
    request = RequestFactory().get("/")
    routable = [
        *CampaignPage.objects.live(),
        *EventPage.objects.live()[:3],
        *NewsIndexPage.objects.live(),
        *DirectoryPage.objects.live(),
    ]
    for home in homes():
        for page in routable:
            if not page.path.startswith(home.path):
                continue
            components = components_of(page, home) + [part for part in suffix.split("/") if part]
            expected = outcome(wagtail_route, home, request, components)
            assert outcome(HomePage.route, home, request, components) == expected, (page.url_path, suffix)


def test_service_pages_route_as_in_wagtail(demo_for_module):
    request = RequestFactory().get("/")
    slug = Service.objects.filter(live=True).order_by("slug").values_list("slug", flat=True).first()
    for directory in DirectoryPage.objects.live():
        home = HomePage.objects.get(pk=directory.get_parent().pk)
        components = components_of(directory, home) + [slug]
        expected = outcome(wagtail_route, home, request, components)
        assert expected != "404"
        assert outcome(HomePage.route, home, request, components) == expected


def test_a_draft_page_is_not_found(demo_for_module):
    home_page = homes()[0]
    draft = ContentPageFactory.build(title="Nog niet klaar", slug="concept", live=False)
    home_page.add_child(instance=draft)
    child = ContentPageFactory.build(title="Eronder", slug="eronder")
    draft.add_child(instance=child)
    request = RequestFactory().get("/")
    with pytest.raises(Http404):
        home_page.route(request, ["concept"])
    # Wagtail routes through a draft to its live child; so do we.
    assert home_page.route(request, ["concept", "eronder"])[0].pk == child.pk


def test_routing_a_deep_page_takes_two_queries(demo_for_module):
    home = homes()[0]
    event = EventPage.objects.live().filter(path__startswith=home.path).order_by("-depth").first()
    assert event.depth >= 5
    request = RequestFactory().get("/")
    with CaptureQueriesContext(connection) as queries:
        page = home.route(request, components_of(event, home))[0]
        # What the event page shows of its own ForeignKeys came with it (serve_select_related).
        shown = (page.organiser, page.coalition, page.social_image)
    assert shown == (event.organiser, event.coalition, event.social_image)
    assert page.pk == event.pk
    assert isinstance(page, EventPage)
    assert len(queries) == 2, [query["sql"] for query in queries]


def test_breadcrumbs_come_from_the_route_without_a_query(demo_for_module):
    home = homes()[0]
    event = EventPage.objects.live().filter(path__startswith=home.path).order_by("-depth").first()
    page = home.route(RequestFactory().get("/"), components_of(event, home))[0]
    expected = [ancestor.pk for ancestor in event.get_ancestors()[1:]]
    with CaptureQueriesContext(connection) as queries:
        ancestors = page_ancestors(page)
    assert [ancestor.pk for ancestor in ancestors] == expected
    assert len(queries) == 0
    # A page that was not routed (a preview, a page built in code) asks the database.
    assert [ancestor.pk for ancestor in page_ancestors(EventPage.objects.get(pk=event.pk))] == expected


def test_the_site_settings_cache_follows_a_save(demo_for_module, client):
    from home.models import SiteSettings

    site = Site.objects.get(is_default_site=True)
    assert SiteSettings.for_site(site).organisation_name  # now in the cache
    settings = SiteSettings.for_site(site)
    settings.organisation_name = "Erbij Dordrecht"
    settings.save()
    assert SiteSettings.for_site(site).organisation_name == "Erbij Dordrecht"
    assert "Erbij Dordrecht" in client.get("/nl/").content.decode()


# --- Translations in bulk ---------------------------------------------------------------------------


def test_bulk_translations_match_localized(demo_for_module):
    pages = list(Page.objects.filter(depth__gt=2, locale__language_code="nl").order_by("path")[:12])
    with translation.override("en"):
        translated = localized_pages(pages)
        for page in pages:
            assert translated.get(page.translation_key, page).pk == page.localized.pk
    with translation.override("nl"), CaptureQueriesContext(connection) as queries:
        # Pages already in the visitor's language need no query (only the Locale is looked up).
        assert localized_pages(pages) == {}
    assert not [query["sql"] for query in queries if "wagtailcore_page" in query["sql"]]


# --- The service page's terms -------------------------------------------------------------------


def test_service_terms_match_the_terms_one_by_one(demo_for_module):
    """One UNION query gives what reading each relation and `.localized` one by one gave."""
    from directory.views import service_terms

    services = list(Service.objects.filter(live=True).order_by("pk"))
    assert services
    shown = 0
    for language in ("nl", "en"):
        with translation.override(language):
            locale = Locale.get_active()
            for service in services:
                expected = {
                    "categories": [term.localized.name for term in service.categories.all()],
                    "target_groups": [term.localized.name for term in service.target_groups.all()],
                    "languages": [term.localized.name for term in service.languages.all()],
                }
                assert service_terms(service, locale) == expected, (language, service.slug)
                shown += sum(len(names) for names in expected.values())
    assert shown > len(services)


def test_service_preview_shows_the_terms_in_the_form(demo_for_module, rf):
    service = Service.objects.filter(live=True).exclude(target_groups=None).order_by("pk").first()
    context = service.get_preview_context(rf.get("/"), "")
    assert context["target_groups"] == [group.name for group in service.target_groups.all()]
    assert context["languages"] == [language.name for language in service.languages.all()]


# --- Listings: the count comes with the page -------------------------------------------------------


@pytest.mark.parametrize(
    "number", [None, "", "abc", "1", "2", " 2", "2.0", "3", "4", "99999", "99999999999999999999", "0", "-1"]
)
def test_counting_paginator_gives_the_page_django_gives(demo_for_module, number):
    from django.core.paginator import Paginator

    from campaigns.models import CountingPaginator

    for events in (EventPage.objects.live().order_by("start", "pk"), EventPage.objects.none()):
        expected = Paginator(events, 5).get_page(number)
        page = CountingPaginator(events, 5).get_page(number)
        assert page.number == expected.number
        assert list(page.object_list) == list(expected.object_list)
        assert page.paginator.count == expected.paginator.count
        assert page.paginator.num_pages == expected.paginator.num_pages


def test_counting_paginator_reads_a_page_and_the_count_in_one_query(demo_for_module):
    from campaigns.models import CountingPaginator

    events = EventPage.objects.live().order_by("start", "pk")
    total = events.count()
    assert total > 5
    with CaptureQueriesContext(connection) as queries:
        page = CountingPaginator(events, 5).get_page("2")
        assert len(page.object_list) == 5
        assert page.paginator.count == total
        assert page.paginator.num_pages == -(-total // 5)
    assert len(queries) == 1
