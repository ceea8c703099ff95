"""`load_demo` builds the site once, and every page it made answers in both languages."""

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command
from wagtail.models import Locale, Page, Site

from home.management.commands.load_demo import PROJECT_APPS


def row_counts():
    """Rows per model of the project apps and Wagtail's pages, revisions and users."""
    models = [m for m in apps.get_models() if m._meta.app_label in PROJECT_APPS]
    models += [Page, get_user_model(), Site]
    return {model._meta.label: model._default_manager.count() for model in models}


@pytest.mark.django_db
def test_load_demo_twice_creates_nothing_the_second_time():
    call_command("load_demo", verbosity=0)
    first = row_counts()
    first_revisions = dict(Page.objects.values_list("pk", "latest_revision_id"))
    call_command("load_demo", verbosity=0)
    assert row_counts() == first
    assert dict(Page.objects.values_list("pk", "latest_revision_id")) == first_revisions
    assert first["wagtailcore.Page"] > 1


@pytest.mark.django_db
def test_demo_has_the_basic_pages_in_dutch_with_english_translations(client):
    call_command("load_demo", verbosity=0)
    for slug, dutch, english in [
        ("over-ons", "Over ons", "About us"),
        ("privacyverklaring", "Privacyverklaring", "Privacy statement"),
        ("toegankelijkheidsverklaring", "Toegankelijkheidsverklaring", "Accessibility statement"),
        ("contact", "Contact", "Contact"),
    ]:
        page = Page.objects.get(slug=slug, locale__language_code="nl")
        assert page.title == dutch
        translation = page.get_translation(Locale.objects.get(language_code="en"))
        assert translation.title == english
        assert translation.alias_of_id is None
    assert get_user_model().objects.filter(username="admin", is_superuser=True).exists()


@pytest.mark.django_db
def test_every_demo_page_answers_200_in_both_languages(client):
    call_command("load_demo", verbosity=0)
    pages = Page.objects.live().filter(depth__gt=1).specific()
    languages = {page.locale.language_code for page in pages}
    assert languages == {"nl", "en"}
    failures = []
    for page in pages:
        url = page.get_url()
        assert url.startswith(f"/{page.locale.language_code}/"), url
        response = client.get(url)
        if response.status_code != 200:
            failures.append((url, response.status_code))
    assert failures == []
    # Every Dutch page has a live English counterpart (a translation or an alias).
    dutch = pages.filter(locale__language_code="nl")
    english_keys = set(pages.filter(locale__language_code="en").values_list("translation_key", flat=True))
    assert {page.translation_key for page in dutch} <= english_keys
