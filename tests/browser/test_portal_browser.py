"""The portal forms in a real browser: keyboard only, reference number, axe in normal and error state."""

import pytest

from tests.browser.conftest import describe_violations


@pytest.fixture
def live_demo(transactional_db, live_server):
    """The demo behind a live server. Unlike the shared fixture, no serialized rollback: restoring
    the serialized database trips over wagtail-localize's LocaleSynchronization signal (KeyError
    'sync_from') from the second browser test on; load_demo works on the flushed database."""
    from django.contrib.contenttypes.models import ContentType
    from django.core.management import call_command

    ContentType.objects.clear_cache()  # a flush before this test leaves stale cached ids behind
    call_command("load_demo", verbosity=0)
    return live_server.url


@pytest.fixture
def fast_forms(settings):
    # The minimum fill time guards against robots; a test browser is as fast as one.
    settings.PORTAL_MIN_FILL_SECONDS = 0


def tab_to(page, element_id, limit=120):
    """Press Tab until the element with this id has focus (keyboard only, no clicks)."""
    for _ in range(limit):
        if page.evaluate("() => document.activeElement && document.activeElement.id") == element_id:
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"#{element_id} never got focus with Tab")


def test_resident_asks_for_help_with_the_keyboard_only(page, live_demo, fast_forms):
    from portal.models import HelpRequest

    page.goto(f"{live_demo}/nl/hulp-vragen/")
    assert page.locator("h1").inner_text() == "Hulp vragen"
    tab_to(page, "id_first_name")
    page.keyboard.type("Toetsie")
    tab_to(page, "id_for_whom_0")
    page.keyboard.press("Space")
    tab_to(page, "id_phone")
    page.keyboard.type("06 12345678")
    tab_to(page, "id_municipality")
    page.keyboard.type("Dordrecht")
    tab_to(page, "id_wijk")
    page.keyboard.type("Crabbehof")
    tab_to(page, "id_help_kinds_0")
    page.keyboard.press("Space")
    tab_to(page, "id_message")
    page.keyboard.type("Ik zou graag iemand spreken.")
    tab_to(page, "id_consent")
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.type") == "submit"
    page.keyboard.press("Enter")
    page.wait_for_url("**/nl/hulp-vragen/?verzonden=1")
    reference = page.locator(".portal-reference__number").inner_text()
    item = HelpRequest.objects.get(reference=reference)
    assert item.first_name == "Toetsie"
    assert item.wijk.name == "Crabbehof"
    assert item.help_kinds == ["talk"]
    assert "Bedankt" in page.locator("h1").inner_text()


def test_error_summary_links_move_focus_to_the_field(page, live_demo, fast_forms):
    page.goto(f"{live_demo}/nl/hulp-vragen/")
    tab_to(page, "id_first_name")
    with page.expect_navigation():
        page.keyboard.press("Enter")  # submits the empty form
    summary = page.locator("#error-summary")
    assert summary.is_visible()
    # portal.js moves focus to the summary, so screen readers read it first.
    assert page.evaluate("() => document.activeElement.id") == "error-summary"
    summary.get_by_role("link", name="Vul uw voornaam in.").press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "id_first_name"


@pytest.mark.parametrize("path", ["/nl/hulp-vragen/", "/nl/partner-worden/", "/en/hulp-vragen/"])
def test_axe_finds_nothing_on_the_forms_also_with_errors(page, live_demo, axe, fast_forms, path):
    page.goto(f"{live_demo}{path}")
    violations = axe(page)
    assert violations == [], f"{path}:\n{describe_violations(violations)}"
    with page.expect_navigation():
        page.locator("form.portal-form button[type=submit]").click()
    assert page.locator("#error-summary").is_visible()
    violations = axe(page)
    assert violations == [], f"{path} (errors):\n{describe_violations(violations)}"


def test_forms_work_without_javascript(browser, live_demo, fast_forms):
    from portal.models import PartnerSignup

    context = browser.new_context(java_script_enabled=False, locale="nl-NL")
    tab = context.new_page()
    try:
        tab.goto(f"{live_demo}/nl/partner-worden/")
        tab.get_by_label("Naam van de organisatie").fill("Stichting Zonder Script")
        tab.get_by_label("KvK-nummer").fill("12345678")
        tab.get_by_label("Adres", exact=True).fill("Dorpsstraat 1, 3300 AA Dordrecht")
        tab.get_by_label("Naam contactpersoon").fill("Bea Verzonnen")
        tab.get_by_label("Functie contactpersoon").fill("Voorzitter")
        tab.get_by_label("E-mailadres contactpersoon").fill("bea@zonderscript.example")
        tab.get_by_label("Telefoonnummer contactpersoon").fill("078 1234567")
        tab.locator("#id_services-0-name").fill("Wandelgroep")
        tab.locator("#id_services-0-category").select_option("activity")
        tab.locator("input[name=coalitions]").first.check()
        tab.locator("#id_agreement").check()
        tab.locator("#id_consent").check()
        tab.get_by_role("button", name="Aanmelding versturen").click()
        tab.wait_for_url("**/nl/partner-worden/?verzonden=1")
        reference = tab.locator(".portal-reference__number").inner_text()
        assert PartnerSignup.objects.get(reference=reference).organisation_name == "Stichting Zonder Script"
    finally:
        context.close()
