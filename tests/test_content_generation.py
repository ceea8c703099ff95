"""Parts of pages kept until the content changes (home/generation.py): the site and its home page
(home/sites.py), the menu and footer links, the language switcher and the view restrictions.
Kept with the page cache off too, so each change must show on the next page view."""

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale, Page, PageViewRestriction

from home.factories import ContentPageFactory
from home.models import ContentPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def site(demo_for_module, db):
    """The demo site, built once for this module (see tests/conftest.py)."""


def soup(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def menu(page_soup):
    return {a.get_text(strip=True): a.get("aria-current") for a in page_soup.select("nav.main-nav a")}


def switcher(page_soup):
    return {a["lang"]: a["href"] for a in page_soup.select("nav.language-switcher a")}


def test_menu_footer_switcher_and_restrictions_cost_no_queries_once_kept(client, site):
    client.get("/nl/over-ons/")
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/nl/over-ons/").status_code == 200
    # The page by its address, and the page itself.
    assert len(queries.captured_queries) <= 2
    sql = " ".join(query["sql"] for query in queries.captured_queries)
    assert "wagtailcore_site" not in sql and "home_homepage" not in sql
    conditions = [query["sql"].partition(" WHERE ")[2] for query in queries.captured_queries]
    # No lookup of restrictions, of the menu's translated pages, or of this page's translations.
    assert not any("pageviewrestriction" in sql or "translation_key" in sql for sql in conditions)


def test_the_home_page_shows_a_published_change_at_once(client, site):
    from home.models import HomePage

    assert client.get("/en/").status_code == 200
    home = HomePage.objects.get(locale__language_code="en")
    home.title = "Welcome to Erbij, renewed"
    home.save_revision().publish()
    assert client.get("/en/").context["page"].title == "Welcome to Erbij, renewed"


def test_the_current_page_is_marked_per_page_in_the_kept_menu(client, site):
    assert menu(soup(client, "/nl/over-ons/"))["Over ons"] == "page"
    assert menu(soup(client, "/nl/"))["Over ons"] is None


def test_a_renamed_translation_shows_in_the_english_menu_at_once(client, site):
    assert "About us" in menu(soup(client, "/en/"))
    english = ContentPage.objects.get(locale__language_code="en", slug="about-us")
    english.title = "About Erbij"
    english.save_revision().publish()
    items = menu(soup(client, "/en/"))
    assert "About Erbij" in items and "About us" not in items


def test_the_switcher_links_to_a_translation_as_soon_as_it_is_published(client, site):
    home = Page.objects.get(depth=2, locale__language_code="nl")
    page = ContentPageFactory(parent=home, title="Alleen Nederlands", slug="alleen-nederlands")
    assert switcher(soup(client, "/nl/alleen-nederlands/"))["en"] == "/en/"
    translation = page.copy_for_translation(Locale.objects.get(language_code="en"))
    translation.save_revision().publish()
    assert switcher(soup(client, "/nl/alleen-nederlands/"))["en"] == "/en/alleen-nederlands/"


@pytest.mark.parametrize("page_cache_seconds", [0, 600])
def test_a_page_made_private_is_private_on_the_next_view(client, site, settings, page_cache_seconds):
    settings.PAGE_CACHE_SECONDS = page_cache_seconds
    about = ContentPage.objects.get(locale__language_code="nl", slug="over-ons")
    child = ContentPageFactory(parent=about, title="Ons team", slug="ons-team")
    for _ in range(2):  # the second view may come from the page cache
        assert client.get("/nl/over-ons/").status_code == 200
        assert client.get("/nl/over-ons/ons-team/").status_code == 200

    restriction = PageViewRestriction.objects.create(page=about, restriction_type=PageViewRestriction.LOGIN)
    for url in ("/nl/over-ons/", "/nl/over-ons/ons-team/"):
        response = client.get(url)
        assert response.status_code == 302
        assert "/login/" in response["Location"] or "login" in response["Location"]
    assert client.get("/nl/").status_code == 200

    restriction.delete()
    assert client.get(child.url).status_code == 200


def test_an_alias_of_a_private_page_is_private(client, site):
    about = ContentPage.objects.get(locale__language_code="nl", slug="over-ons")
    alias = about.create_alias(update_slug="over-ons-kopie")
    assert client.get(alias.url).status_code == 200
    PageViewRestriction.objects.create(page=about, restriction_type=PageViewRestriction.LOGIN)
    assert client.get(alias.url).status_code == 302


def test_a_kept_address_follows_a_new_slug_and_an_unpublish(client, site):
    about = ContentPage.objects.get(locale__language_code="nl", slug="over-ons")
    assert client.get("/nl/over-ons/").status_code == 200
    assert client.get("/nl/over-ons/").status_code == 200  # from the kept route

    about.slug = "wie-wij-zijn"
    about.save_revision().publish()
    assert client.get("/nl/over-ons/").status_code == 404
    assert client.get("/nl/wie-wij-zijn/").status_code == 200

    ContentPage.objects.get(pk=about.pk).unpublish()
    assert client.get("/nl/wie-wij-zijn/").status_code == 404


def test_kept_pages_are_fresh_copies(client, site):
    """What one request sets on the page it serves never reaches the next request."""
    from home import sites

    client.get("/nl/over-ons/")
    request = client.get("/nl/over-ons/").wsgi_request
    first = sites.route_for_request(request, "over-ons/")
    first.page.title = "Veranderd in het geheugen"
    del request._wagtail_route_for_request
    assert sites.route_for_request(request, "over-ons/").page.title == "Over ons"


def test_saving_an_image_or_a_document_replaces_the_generation(db):
    from django.core.files.base import ContentFile
    from wagtail.documents.models import Document
    from wagtail.images.tests.utils import Image, get_test_image_file

    from home.generation import current_generation

    image = Image.objects.create(title="Koffie", file=get_test_image_file())
    before = current_generation()
    image.title = "Thee"
    image.save()
    assert current_generation() != before

    before = current_generation()
    Document.objects.create(title="Folder", file=ContentFile(b"%PDF-1.4", name="folder.pdf"))
    assert current_generation() != before
