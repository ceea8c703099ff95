"""A resident finds help in the directory, in a real browser."""

import re

import pytest
from django.core.management import call_command

from tests.browser.conftest import describe_violations


@pytest.fixture
def live_demo(transactional_db, live_server):
    """The demo behind a live server, also after an earlier browser test flushed the database.

    A flush removes what migrations created (locales, the root page, the root collection), so
    put those back before building the demo.
    """
    from wagtail.models import Collection, Locale, Page
    from wagtail_localize.models import LocaleSynchronization

    nl, _ = Locale.objects.get_or_create(language_code="nl")
    en, _ = Locale.objects.get_or_create(language_code="en")
    LocaleSynchronization.objects.get_or_create(locale=en, defaults={"sync_from": nl})
    if not Page.objects.exists():
        Page.add_root(title="Root", slug="root", locale=nl)
    if not Collection.objects.exists():
        Collection.add_root(name="Root")
    call_command("load_demo", verbosity=0)
    return live_server.url


def test_resident_finds_a_free_meal_in_dordrecht_and_its_phone_number(page, live_demo):
    page.goto(f"{live_demo}/nl/hulp-in-de-buurt/")
    page.get_by_label("Waar zoekt u hulp bij?").fill("samen eten")
    page.locator(".directory-form__row").get_by_role("button", name="Zoeken").click()
    page.wait_for_url(re.compile(r".*q=samen\+eten.*"))
    assert page.locator(".directory-result").count() > 0

    page.get_by_label("Gemeente").select_option("Dordrecht")
    page.get_by_label(re.compile(r"^Gratis")).check()
    page.get_by_role("button", name="Toon resultaten").click()
    page.wait_for_url(re.compile(r".*gemeente=Dordrecht.*"))
    assert "gratis=1" in page.url
    results = page.locator(".directory-result")
    assert results.count() > 0
    for text in results.all_inner_texts():
        assert "Gratis" in text

    first = results.first.get_by_role("link").first
    name = first.inner_text()
    first.click()
    assert page.locator("h1").inner_text() == name
    call = page.locator("a.service__button[href^='tel:']")
    assert call.is_visible()
    assert re.match(r"Bel [0-9 ]+", call.inner_text())
    assert "Laatst gecontroleerd op" in page.locator(".service__checked").inner_text()


def test_autocomplete_suggests_services(page, live_demo):
    page.goto(f"{live_demo}/nl/hulp-in-de-buurt/")
    with page.expect_response(lambda response: "suggesties" in response.url) as response_info:
        page.get_by_label("Waar zoekt u hulp bij?").press_sequentially("Resto", delay=30)
    assert response_info.value.ok
    page.wait_for_function("() => document.querySelectorAll('#directory-suggestions option').length > 0")
    options = page.eval_on_selector_all("#directory-suggestions option", "els => els.map(e => e.value)")
    assert any(option.startswith("Resto van Harte") for option in options)
    # The location button only appears with JavaScript.
    assert page.locator("#directory-locate").is_visible()


def test_directory_works_without_javascript(browser, live_demo):
    context = browser.new_context(java_script_enabled=False, locale="nl-NL")
    tab = context.new_page()
    try:
        tab.goto(f"{live_demo}/nl/hulp-in-de-buurt/")
        assert not tab.locator("#directory-locate").is_visible()
        tab.get_by_label("Dichtbij welke wijk?").select_option("rotterdam-feijenoord")
        tab.get_by_label("Volgorde").select_option("distance")
        tab.get_by_role("button", name="Toon resultaten").click()
        tab.wait_for_url(re.compile(r".*sorteer=distance.*"))
        assert "Feijenoord" in tab.locator(".directory-result").first.inner_text()
    finally:
        context.close()


def test_axe_finds_no_violations_in_the_directory(page, live_demo, axe):
    for path in [
        "/nl/hulp-in-de-buurt/",
        "/nl/hulp-in-de-buurt/?q=samen+eten&gemeente=Dordrecht&gratis=1",
        "/nl/hulp-in-de-buurt/?q=xyzzy",
        "/nl/hulp-in-de-buurt/samen-eten-in-crabbehof/",
        "/en/hulp-in-de-buurt/de-luisterlijn/",
        "/nl/zoeken/?query=eten",
    ]:
        page.goto(f"{live_demo}{path}")
        violations = axe(page)
        assert violations == [], f"{path}:\n{describe_violations(violations)}"
