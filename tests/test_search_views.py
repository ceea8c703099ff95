import pytest
from django.db import connection
from wagtail.contrib.search_promotions.models import Query, SearchPromotion

from home.factories import ContentPageFactory
from search.views import clean_query
from tests.directory_helpers import build_directory


@pytest.fixture
def site_content(home_page, locales):
    directory = build_directory(home_page)
    page = ContentPageFactory.build(
        title="Samen eten in de wijk",
        slug="samen-eten-in-de-wijk",
        intro="Waar kunt u aanschuiven voor een maaltijd?",
    )
    home_page.add_child(instance=page)
    page.save_revision().publish()
    loneliness = ContentPageFactory.build(
        title="Over eenzaamheid",
        slug="over-eenzaamheid",
        intro="Eenzaamheid kan iedereen overkomen, jong en oud.",
    )
    home_page.add_child(instance=loneliness)
    loneliness.save_revision().publish()
    translation = page.copy_for_translation(locales[1], copy_parents=True)
    translation.title = "Eating together in the neighbourhood"
    translation.save_revision().publish()
    return {"directory": directory, "page": page, "loneliness": loneliness, "english": translation}


def search(client, query, language="nl", **params):
    response = client.get(f"/{language}/zoeken/", {"query": query, **params})
    assert response.status_code == 200
    return response


def page_titles(response):
    return [result.title for result in response.context["search_results"]]


def service_names(response):
    return {item["service"].name for item in response.context["services"]}


def test_search_finds_pages_and_services_grouped_by_type(client, site_content):
    response = search(client, "eten")
    assert page_titles(response) == ["Samen eten in de wijk"]
    # "eten" finds the "samen eten" services, also the "maaltijd" one, through their category.
    assert service_names(response) == {"Samen eten in Crabbehof", "Buurtmaaltijd Feijenoord"}
    html = response.content.decode()
    assert "Hulp in de buurt" in html
    assert "Inhoudspagina&#x27;s" in html or "Inhoudspagina's" in html
    assert 'href="/nl/hulp-in-de-buurt/samen-eten-in-crabbehof/"' in html


def test_results_show_their_intro(client, site_content):
    # The pages come without their specific fields; the intro is read for all of them at once.
    html = search(client, "eten").content.decode()
    assert "Waar kunt u aanschuiven voor een maaltijd?" in html


def test_search_shows_only_the_active_language(client, site_content):
    response = search(client, "eten")
    assert "Eating together in the neighbourhood" not in page_titles(response)
    response = search(client, "together", language="en")
    assert page_titles(response) == ["Eating together in the neighbourhood"]


def test_maaltijd_finds_both_meal_services(client, site_content):
    assert service_names(search(client, "maaltijd")) == {
        "Samen eten in Crabbehof",
        "Buurtmaaltijd Feijenoord",
    }


@pytest.mark.parametrize(
    ("query", "title"),
    [
        ("eenzame", "Over eenzaamheid"),
        ("eenzaam", "Over eenzaamheid"),
        ("EENZAAMHEID", "Over eenzaamheid"),
        ("maaltijden", "Samen eten in de wijk"),
        ("maaltijd", "Samen eten in de wijk"),
    ],
)
def test_stemming(client, site_content, query, title):
    """Search finds words by their stem, on SQLite (search/sqlite.py) and on PostgreSQL (dutch)."""
    assert connection.vendor in {"sqlite", "postgresql"}
    assert title in page_titles(search(client, query))


def test_stemming_finds_services(client, site_content):
    # "vrijwilligers" is in no service text; the huisbezoek service has "vrijwilliger".
    assert service_names(search(client, "vrijwilligers")) == {"Huisbezoek voor ouderen"}


def test_stop_words_do_not_have_to_match(client, site_content):
    # "over", "de" and "het" are Dutch stop words; "eenzaamheid" alone decides.
    assert "Over eenzaamheid" in page_titles(search(client, "over de eenzaamheid van het"))
    assert page_titles(search(client, "de het een")) == []


def test_promotions_come_first(client, site_content):
    query = Query.get("hulp")
    SearchPromotion.objects.create(
        query=query, page=site_content["loneliness"], description="Lees dit eerst."
    )
    response = search(client, "hulp")
    assert [pick.page.pk for pick in response.context["promotions"]] == [site_content["loneliness"].pk]
    html = response.content.decode()
    assert html.index("Aanbevolen") < html.index("Lees dit eerst.")


def test_a_new_promotion_shows_on_a_kept_search(client, site_content):
    client.get("/nl/")
    assert search(client, "hulp").context["promotions"] == []
    SearchPromotion.objects.create(
        query=Query.get("hulp"), page=site_content["loneliness"], description="Eerst."
    )
    assert [pick.page.pk for pick in search(client, "hulp").context["promotions"]] == [
        site_content["loneliness"].pk
    ]


def test_index_is_updated_on_publish(client, site_content):
    page = site_content["page"]
    assert page_titles(search(client, "kookclub")) == []
    page.title = "De kookclub van Crabbehof"
    revision = page.save_revision()
    # A draft is not searchable yet...
    assert page_titles(search(client, "kookclub")) == []
    revision.publish()
    # ...once published, it is.
    assert page_titles(search(client, "kookclub")) == ["De kookclub van Crabbehof"]


def test_service_index_is_updated_on_publish(client, site_content):
    service = site_content["directory"].koffie
    service.short_description = "Koffie met appeltaart voor mantelzorgers."
    service.save_revision().publish()
    assert service_names(search(client, "appeltaart")) == {"Koffieochtend Carnisselande"}


@pytest.mark.parametrize(
    "query",
    [
        "",
        "a" * 1000,
        "samen-eten",
        "zo'n -eten- 'x'",
        "AND OR NOT",
        '"eten AND (samen OR -x*) NOT" ^ ~ : \\ {} []',
        "\x00",
        "*",
        "'; DROP TABLE x; --",
        "% _",
    ],
)
def test_bad_input_never_fails(client, site_content, query):
    search(client, query)


def test_bad_page_numbers(client, site_content):
    assert client.get("/nl/zoeken/", {"query": "eten", "page": "99"}).status_code == 404
    assert client.get("/nl/zoeken/", {"query": "eten", "page": "-1"}).status_code == 404
    assert client.get("/nl/zoeken/", {"query": "eten", "page": "abc"}).status_code == 200


def test_nothing_found(client, site_content):
    html = search(client, "xyzzy").content.decode()
    assert "We hebben niets gevonden" in html


def test_clean_query():
    assert clean_query("  samen\x00   eten  ") == "samen eten"
    assert len(clean_query("x" * 1000)) == 200


def test_repeated_searches_take_the_services_from_the_directorys_memory(client, site_content, monkeypatch):
    """The services part of a search is answered like the directory's (directory/facetindex.py):
    a repeated search needs no full-text query, and a change to the directory is seen at once."""
    from directory import finder
    from directory.factories import ServiceFactory

    calls = []
    real = finder.ranked_ids
    monkeypatch.setattr(finder, "ranked_ids", lambda text, locale: calls.append(text) or real(text, locale))
    first = service_names(search(client, "eten"))
    assert service_names(search(client, "eten")) == first
    # The directory page shares the memory.
    client.get("/nl/hulp-in-de-buurt/", {"q": "eten"})
    assert calls == ["eten"]

    ServiceFactory(name="Samen eten op zondag", short_description="Samen eten in het buurthuis.")
    assert service_names(search(client, "eten")) == first | {"Samen eten op zondag"}
    assert calls == ["eten", "eten"]


def test_repeated_page_searches_are_kept_until_a_page_is_published(
    client, site_content, home_page, monkeypatch
):
    from wagtail.query import PageQuerySet

    client.get("/nl/")  # creates the site settings rows, which is a change of content

    calls = []
    real = PageQuerySet.search

    def counting_search(self, *args, **kwargs):
        calls.append(args[0])
        return real(self, *args, **kwargs)

    monkeypatch.setattr(PageQuerySet, "search", counting_search)
    first = page_titles(search(client, "eenzaamheid"))
    assert "Over eenzaamheid" in first
    assert page_titles(search(client, "eenzaamheid")) == first
    assert len(calls) == 1

    page = ContentPageFactory.build(title="Eenzaamheid bij jongeren", slug="eenzaamheid-jongeren")
    home_page.add_child(instance=page)
    page.save_revision().publish()
    assert set(page_titles(search(client, "eenzaamheid"))) == {*first, "Eenzaamheid bij jongeren"}
    assert len(calls) == 2
