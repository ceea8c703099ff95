"""Languages, the language switcher, and bad addresses answered without a 500."""

import pytest
from bs4 import BeautifulSoup
from wagtail.models import Page

from home.factories import ContentPageFactory


@pytest.fixture
def site(demo_for_module, db):
    """The demo site, built once for this module (see tests/conftest.py)."""


def switcher_links(response):
    soup = BeautifulSoup(response.content, "html.parser")
    nav = soup.find("nav", class_="language-switcher")
    return {a["lang"]: a["href"] for a in nav.find_all("a")}


@pytest.mark.parametrize(("accept", "target"), [("nl-NL,nl;q=0.9", "/nl/"), ("en-GB,en;q=0.9", "/en/")])
def test_root_sends_visitors_to_their_language(client, site, accept, target):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=accept)
    assert response.status_code == 302
    assert response["Location"] == target


def test_unknown_browser_language_gets_dutch(client, site):
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="de-DE")["Location"] == "/nl/"


def test_pages_carry_the_lang_attribute_and_a_skip_link(client, site):
    for url, lang in [("/nl/", "nl"), ("/en/", "en")]:
        soup = BeautifulSoup(client.get(url).content, "html.parser")
        assert soup.html["lang"] == lang
        first_link = soup.body.find("a")
        assert first_link["href"] == "#main" and "skip-link" in first_link["class"]
        assert soup.find("main", id="main") is not None
        assert soup.find("header") and soup.find("footer")
        assert soup.find("form", role="search").find("label")


def test_language_switcher_links_to_the_translated_page(client, site):
    response = client.get("/nl/over-ons/")
    assert response.status_code == 200
    assert switcher_links(response) == {"nl": "/nl/over-ons/", "en": "/en/about-us/"}
    english = client.get("/en/about-us/")
    assert english.status_code == 200
    assert "About us" in english.content.decode()
    assert switcher_links(english) == {"nl": "/nl/over-ons/", "en": "/en/about-us/"}


def test_language_switcher_falls_back_to_the_home_page_without_a_translation(client, site):
    home = Page.objects.get(depth=2, locale__language_code="nl")
    # Made outside the admin, so no English alias is created for it.
    ContentPageFactory(parent=home, title="Alleen Nederlands", slug="alleen-nederlands")
    response = client.get("/nl/alleen-nederlands/")
    assert switcher_links(response)["en"] == "/en/"


def test_menu_and_footer_show_the_visitors_language(client, site):
    soup = BeautifulSoup(client.get("/en/").content, "html.parser")
    menu = [a.get_text(strip=True) for a in soup.select("nav.main-nav a")]
    assert "About us" in menu and "Over ons" not in menu
    footer = [a.get_text(strip=True) for a in soup.select("footer nav a")]
    assert "Privacy statement" in footer


def test_unknown_page_gives_a_dutch_404(client, site):
    response = client.get("/nl/bestaat-niet/")
    assert response.status_code == 404
    assert "Deze pagina bestaat niet" in response.content.decode()


def test_unknown_english_page_gives_an_english_404(client, site):
    response = client.get("/en/does-not-exist/")
    assert response.status_code == 404
    body = response.content.decode()
    assert "This page does not exist" in body
    assert '<html lang="en">' in body


def test_unknown_language_prefix_ends_in_a_404_not_a_500(client, site):
    response = client.get("/xx/iets/", follow=True)
    assert response.status_code == 404
    assert "Deze pagina bestaat niet" in response.content.decode()


def test_huge_query_string_gets_a_400_page_in_the_visitors_language(client, site):
    response = client.get("/nl/?q=" + "a" * 10_000)
    assert response.status_code == 400
    assert "Dit adres kunnen we niet lezen" in response.content.decode()
    english = client.get("/en/?q=" + "a" * 10_000)
    assert english.status_code == 400
    assert "We cannot read this address" in english.content.decode()


@pytest.mark.parametrize(
    "query",
    [
        "query=%ff%fe%00",
        "query=eenzaam&page=-1",
        "query=eenzaam&page=abc",
        "query=eenzaam&page=99999999999999999999999",
        "query=" + "x" * 1000,
        'query="(AND OR NOT*~^:\\',
        "query[]=a&query=b&&&==",
    ],
)
def test_malformed_search_queries_never_give_a_500(client, site, query):
    response = client.get(f"/nl/zoeken/?{query}")
    assert response.status_code in {200, 404}


def test_the_admin_speaks_dutch(client, site):
    response = client.get("/admin/login/")
    assert response.status_code == 200
    body = response.content.decode()
    assert 'lang="nl"' in body
    assert "Inloggen" in body
