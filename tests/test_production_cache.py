"""The anonymous page cache: per language, 0 queries when cached, emptied on publish, and never
used for signed-in users, POSTs or pages with a CSRF token."""

import pytest
from django.middleware.csrf import get_token
from django.template import Context, Template
from django.test import Client

from home.factories import ContentPageFactory
from home.models import ContentPage, HomePage


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 600


@pytest.fixture
def content_page(home_page):
    page = ContentPageFactory.build(title="Samen koffie drinken", slug="samen-koffie")
    home_page.add_child(instance=page)
    page.save_revision().publish()
    # The first page view creates the site settings rows (which empties the cache once).
    Client().get("/nl/")
    return page


@pytest.mark.django_db
def test_second_anonymous_request_makes_no_queries(client, content_page, django_assert_num_queries):
    first = client.get(content_page.url)
    assert first.status_code == 200
    assert first["X-Page-Cache"] == "miss"
    with django_assert_num_queries(0):
        second = client.get(content_page.url)
    assert second.status_code == 200
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    # Security headers are added fresh to a cached page too.
    assert "frame-ancestors 'none'" in second["Content-Security-Policy"]
    assert second["X-Content-Type-Options"] == "nosniff"


@pytest.mark.django_db
def test_cache_is_per_language(client, content_page):
    dutch = client.get("/nl/samen-koffie/")
    english = client.get("/en/samen-koffie/")
    assert dutch.status_code == english.status_code == 200
    assert b'lang="nl"' in dutch.content
    assert b'lang="en"' in english.content
    assert client.get("/nl/samen-koffie/").content == dutch.content
    again = client.get("/en/samen-koffie/")
    assert again["X-Page-Cache"] == "hit"
    assert b'lang="en"' in again.content


@pytest.mark.django_db
def test_publishing_empties_the_cache(client, content_page):
    assert b"Samen koffie drinken" in client.get(content_page.url).content
    assert client.get(content_page.url)["X-Page-Cache"] == "hit"

    page = ContentPage.objects.get(pk=content_page.pk)
    page.title = "Samen thee drinken"
    page.save_revision().publish()

    response = client.get(content_page.url)
    assert b"Samen thee drinken" in response.content
    assert response["X-Page-Cache"] == "miss"


@pytest.mark.django_db
def test_publishing_another_page_updates_menus_everywhere(client, content_page, home_page):
    client.get("/nl/")
    assert client.get("/nl/")["X-Page-Cache"] == "hit"
    other = ContentPageFactory.build(title="Nieuw", slug="nieuw")
    home_page.add_child(instance=other)
    other.save_revision().publish()
    assert client.get("/nl/")["X-Page-Cache"] == "miss"


@pytest.mark.django_db
def test_unpublishing_empties_the_cache(client, content_page):
    client.get(content_page.url)
    ContentPage.objects.get(pk=content_page.pk).unpublish()
    assert client.get(content_page.url).status_code == 404


@pytest.mark.django_db
def test_signed_in_users_are_never_served_from_cache(client, admin_client, content_page):
    client.get(content_page.url)
    assert client.get(content_page.url)["X-Page-Cache"] == "hit"
    response = admin_client.get(content_page.url)
    assert response.status_code == 200
    assert "X-Page-Cache" not in response
    # And what a signed-in user sees is not stored for others.
    assert client.get(content_page.url)["X-Page-Cache"] == "hit"


@pytest.mark.django_db
def test_post_is_not_cached(client, content_page):
    client.get(content_page.url)
    response = client.post(content_page.url, {"x": "1"})
    assert "X-Page-Cache" not in response


@pytest.mark.django_db
def test_page_with_csrf_token_is_not_cached(client, home_page, monkeypatch):
    """A page with a form carries the visitor's own CSRF token: it must never go to someone else."""

    def serve_with_form(self, request, *args, **kwargs):
        from django.http import HttpResponse

        html = Template('<form method="post">{% csrf_token %}<button>Verstuur</button></form>').render(
            Context({"csrf_token": get_token(request)})
        )
        return HttpResponse(html)

    monkeypatch.setattr(HomePage, "serve", serve_with_form)
    first = client.get("/nl/")
    assert "csrftoken" in first.cookies
    assert "X-Page-Cache" not in first

    other_visitor = type(client)()
    second = other_visitor.get("/nl/")
    assert "X-Page-Cache" not in second
    token_first = first.content.decode().split('value="')[1].split('"')[0]
    token_second = second.content.decode().split('value="')[1].split('"')[0]
    assert token_first != token_second


@pytest.mark.django_db
def test_page_using_a_csp_nonce_is_not_cached(client, home_page, monkeypatch):
    from django.http import HttpResponse

    def serve_with_nonce(self, request, *args, **kwargs):
        return HttpResponse(f'<script nonce="{request.csp_nonce}" src="/static/x.js"></script>')

    monkeypatch.setattr(HomePage, "serve", serve_with_nonce)
    client.get("/nl/")
    assert "X-Page-Cache" not in client.get("/nl/")


@pytest.mark.django_db
def test_page_cache_is_off_in_the_test_settings():
    from config.settings import test

    assert test.PAGE_CACHE_SECONDS == 0


@pytest.mark.django_db
def test_demo_pages_from_cache_equal_fresh_pages(settings, client, demo):
    """Every demo page, in both languages, is the same from the cache as freshly built."""
    from wagtail.models import Page

    client.get("/nl/")  # creates the settings rows once
    urls = [page.url for page in Page.objects.live().filter(depth__gt=1) if page.url]
    assert len(urls) >= 8
    for url in urls:
        settings.PAGE_CACHE_SECONDS = 0
        fresh = client.get(url)
        settings.PAGE_CACHE_SECONDS = 600
        client.get(url)
        cached = client.get(url)
        if b"csrfmiddlewaretoken" in fresh.content:
            # Form pages carry a per-visitor CSRF token: they must never come from the cache.
            assert cached.get("X-Page-Cache") != "hit", url
            continue
        assert cached.get("X-Page-Cache") == "hit", url
        assert cached.content == fresh.content, url


@pytest.mark.django_db
def test_page_cache_can_be_switched_off(settings, client, content_page):
    settings.PAGE_CACHE_SECONDS = 0
    client.get(content_page.url)
    response = client.get(content_page.url)
    assert "X-Page-Cache" not in response
