"""Query budget of the public pages: at most 15 database queries for an anonymous visitor without
the page cache, and none when the page comes from the page cache (config/pagecache.py).

Every live public page of the demo in both languages is fetched, plus every service page, the site
search with a query, and the listings with their filters; and once more with every optional
picture, download and link filled in, which the demo leaves empty. A page over budget fails the
test with its queries printed, so the N+1 shows at once.

"Without the page cache" means PAGE_CACHE_SECONDS=0 after one earlier visit to every page: what a
running site has anyway (the settings rows, the image renditions, the shared cache of settings
and locales) is no part of the budget.
"""

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from wagtail.documents.models import Document
from wagtail.images.tests.utils import Image, get_test_image_file
from wagtail.models import Locale, Page

from campaigns.models import CampaignPage, EventIndexPage, EventPage, NewsIndexPage, NewsPage, NewsPageTag
from coalitions.models import CoalitionIndexPage, CoalitionPage
from directory.models import DirectoryPage, Service
from home.models import ContentPage, HomePage
from portal.models import PartnerSignupPage

QUERY_BUDGET = 15


pytestmark = pytest.mark.django_db


def page_urls():
    """(label, url) of every live public page with a URL, in every language."""
    urls = []
    for page in Page.objects.live().public().specific().order_by("locale__language_code", "path"):
        url = page.url
        if url:
            urls.append((f"{type(page).__name__} {page.locale.language_code}", url))
    return urls


def service_urls():
    """Every live service below the directory page of each language (falling back to Dutch)."""
    urls = []
    default = Locale.get_default()
    for directory in DirectoryPage.objects.live().public().order_by("path"):
        language = directory.locale.language_code
        slugs = (
            Service.objects.filter(live=True, locale_id__in={directory.locale_id, default.pk})
            .order_by("slug")
            .values_list("slug", flat=True)
            .distinct()
        )
        with translation.override(language):
            for slug in slugs:
                url = directory.url + directory.reverse_subpage("service", kwargs={"slug": slug})
                urls.append((f"service {language}", url))
    return urls


def filtered_listing_urls():
    """The search page with a query and the listings with each of their filters."""
    urls = []
    for language in ("nl", "en"):
        urls.append((f"search {language}", f"/{language}/zoeken/?query=koffie"))
        urls.append((f"search page 2 {language}", f"/{language}/zoeken/?query=samen&page=2"))
    for index in CoalitionIndexPage.objects.live().public():
        urls.append((f"CoalitionIndexPage ?q {index.locale.language_code}", index.url + "?q=dordrecht"))
    coalition = CoalitionPage.objects.live().filter(locale__language_code="nl").order_by("path").first()
    for listing in [*EventIndexPage.objects.live().public(), *CampaignPage.objects.live().public()]:
        label = f"{type(listing).__name__} %s {listing.locale.language_code}"
        urls.append((label % "?wanneer=voorbij", listing.url + "?wanneer=voorbij"))
        urls.append((label % "?maand", listing.url + "?maand=2026-11"))
        urls.append((label % "?coalitie", listing.url + f"?coalitie={coalition.slug}"))
    for directory in DirectoryPage.objects.live().public():
        language = directory.locale.language_code
        for params in (
            "q=samen+eten&gemeente=Dordrecht&gratis=1",
            "categorie=ontmoeting&sorteer=distance&bij=dordrecht-crabbehof",
            "q=maaltijt",
            "pagina=2",
        ):
            urls.append((f"DirectoryPage ?{params} {language}", f"{directory.url}?{params}"))
    tag = NewsPageTag.objects.select_related("tag").order_by("pk").first()
    for index in NewsIndexPage.objects.live().public():
        language = index.locale.language_code
        urls.append((f"NewsIndexPage ?tag {language}", index.url + f"?tag={tag.tag.slug}"))
        urls.append((f"NewsIndexPage ?pagina {language}", index.url + "?pagina=2"))
    return urls


def all_urls():
    return page_urls() + service_urls() + filtered_listing_urls()


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    return response, queries.captured_queries


def warm_up(urls):
    """One visit to each page first (see the module docstring)."""
    client = Client()
    for _label, url in urls:
        client.get(url)


def assert_within_budget(urls):
    client = Client()
    over = []
    for label, url in urls:
        response, queries = count_queries(client, url)
        assert response.status_code == 200, url
        print(f"{len(queries):3d}  {label:40s} {url}")
        if len(queries) > QUERY_BUDGET:
            over.append((label, url, queries))
    if over:
        lines = []
        for label, url, queries in over:
            lines.append(f"\n{label} {url}: {len(queries)} queries (budget {QUERY_BUDGET})")
            lines.extend(f"  {number}. {query['sql']}" for number, query in enumerate(queries, 1))
        pytest.fail("\n".join(lines), pytrace=False)


@pytest.fixture
def urls(demo_for_module):
    found = all_urls()
    warm_up(found)
    return found


def test_every_page_type_is_measured(demo_for_module):
    """The lists above find the demo's pages: a test that measures nothing cannot pass."""
    urls = all_urls()
    labels = {label.split(" ")[0] for label, _url in urls}
    page_types = {"HomePage", "ContentPage", "CoalitionIndexPage", "CoalitionPage", "CampaignIndexPage"}
    page_types |= {"CampaignPage", "EventIndexPage", "EventPage", "NewsIndexPage", "NewsPage"}
    page_types |= {"HelpRequestPage", "PartnerSignupPage", "DirectoryPage", "service", "search"}
    assert page_types <= labels
    for language in ("nl", "en"):
        assert len([url for _label, url in urls if url.startswith(f"/{language}/")]) >= 60


def test_uncached_pages_stay_within_the_query_budget(settings, urls):
    settings.PAGE_CACHE_SECONDS = 0
    assert_within_budget(urls)


@pytest.fixture
def pictures_and_downloads(demo_for_module):
    """The demo with every optional picture, download and link filled in: social images on every
    page type that has them, pictures in page bodies and news, a poster and a flyer for each
    campaign, a sign-up page for each coalition."""
    pictures = [Image.objects.create(title=f"Foto {n}", file=get_test_image_file()) for n in range(3)]
    downloads = [
        Document.objects.create(title=f"Folder {n}", file=ContentFile(b"%PDF-1.4", name=f"folder{n}.pdf"))
        for n in range(2)
    ]
    signup = PartnerSignupPage.objects.filter(locale__language_code="nl").first()

    def publish(page, **fields):
        for name, value in fields.items():
            setattr(page, name, value)
        page.save_revision().publish()

    for home in HomePage.objects.filter(alias_of=None):
        publish(home, social_image=pictures[0])
    for page in ContentPage.objects.filter(alias_of=None):
        for picture in pictures:
            page.body.append(("image", {"image": picture, "alt_text": "Een foto", "caption": "Samen"}))
        publish(page, social_image=pictures[1])
    for page in NewsPage.objects.filter(alias_of=None):
        publish(page, image=pictures[2], image_alt="Een foto", social_image=pictures[0])
    for page in EventPage.objects.filter(alias_of=None):
        publish(page, social_image=pictures[1])
    for page in CoalitionPage.objects.filter(alias_of=None):
        publish(page, social_image=pictures[2], signup_page=signup)
    for page in CampaignPage.objects.filter(alias_of=None):
        publish(page, poster=downloads[0], flyer=downloads[1], social_image=pictures[0])
    found = page_urls()
    warm_up(found)
    return found


def test_pages_with_pictures_and_downloads_stay_within_the_query_budget(settings, pictures_and_downloads):
    settings.PAGE_CACHE_SECONDS = 0
    html = Client().get(NewsPage.objects.live().filter(alias_of=None).first().url).content.decode()
    assert 'alt="Een foto"' in html  # the pictures are really on the pages
    assert_within_budget(pictures_and_downloads)


def test_cached_pages_make_no_queries(settings, urls):
    settings.PAGE_CACHE_SECONDS = 600
    client = Client()
    failures = []
    for label, url in urls:
        first = client.get(url)
        assert first.status_code == 200, url
        if b"csrfmiddlewaretoken" in first.content:
            # Form pages carry the visitor's own CSRF token: never cached (test_production_cache.py).
            continue
        second, queries = count_queries(client, url)
        state = second.get("X-Page-Cache")
        if queries or second.content != first.content or state != "hit":
            failures.append(f"{label} {url}: {len(queries)} queries, X-Page-Cache={state}")
    assert not failures, "\n".join(failures)
