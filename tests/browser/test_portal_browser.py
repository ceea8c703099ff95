"""The portal forms in a real browser: keyboard only, reference number, axe in normal and error state."""

import re

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


# --- From sign-up to the public site --------------------------------------------------------

ORGANISATION = "Stichting Buurtkracht Dordt"
SERVICE = "Wandelen met de buren"
EDITOR_PASSWORD = "redacteur-wachtwoord-123"  # noqa: S105 - test user


def type_into(tab, locator, text):
    """Click the field with the mouse and type, as a person does."""
    locator.click()
    tab.keyboard.type(text)


def make_dordrecht_editor():
    """Reviews Dordrecht's sign-ups, moderates pages and may publish services: no superuser."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group, Permission

    from coalitions.models import CoalitionPage
    from portal.models import SignupReviewGroup

    coalition = CoalitionPage.objects.get(slug="dordrecht", locale__language_code="nl")
    reviewers = SignupReviewGroup.objects.get(coalition_key=coalition.translation_key).group
    user = get_user_model().objects.create_user("redacteur-dordt", "redacteur@erbij.example", EDITOR_PASSWORD)
    user.groups.add(reviewers, Group.objects.get(name="Moderators"))
    codenames = ["view_service", "change_service", "publish_service"]
    service_rights = Permission.objects.filter(content_type__app_label="directory", codename__in=codenames)
    assert service_rights.count() == 3
    user.user_permissions.add(*service_rights)
    return user


def settle(tab):
    """Wait until the page has made all its requests (scripts, the icon sprite, translations), so a
    request of this page never runs beside the next page's on the live server's SQLite database."""
    tab.wait_for_load_state("networkidle")


def admin_login(tab, base, user, password):
    """Both steps of the admin login: password, then the code of the user's authenticator app."""
    from tests.conftest import confirmed_totp_device, current_totp_token

    device = confirmed_totp_device(user)
    tab.goto(f"{base}/admin/login/")
    type_into(tab, tab.locator("#id_username"), user.username)
    type_into(tab, tab.locator("#id_password"), password)
    settle(tab)
    tab.locator("form button[type=submit]").click()
    tab.wait_for_url("**/admin/2fa/verify/**")
    type_into(tab, tab.get_by_label("Code uit uw app"), current_totp_token(device))
    settle(tab)
    tab.get_by_role("button", name="Bevestigen").click()
    tab.wait_for_url(f"{base}/admin/")
    settle(tab)


def press(tab, locator):
    """Activate a button or link with the keyboard: focus it, press Enter. Unlike a mouse click this
    does not depend on where the element is on screen (Wagtail's sticky header can cover it)."""
    locator.focus()
    tab.keyboard.press("Enter")


def open_dropdown(tab, toggle):
    """Open a Wagtail dropdown. Its script may not be connected yet right after the page loads (a key
    press then does nothing), so press again until the toggle says it is open."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
    from playwright.sync_api import expect

    for _attempt in range(10):
        if toggle.get_attribute("aria-expanded") == "true":
            return
        press(tab, toggle)
        try:
            expect(toggle).to_have_attribute("aria-expanded", "true", timeout=2_000)
            return
        except (AssertionError, PlaywrightTimeoutError):
            continue
    raise AssertionError("the dropdown did not open")


def publish_from_editor(tab):
    """Publish what the edit form shows (the latest draft) through the footer's action menu."""
    settle(tab)
    footer = tab.locator("footer")
    open_dropdown(tab, footer.get_by_role("button", name="Meer acties"))
    with tab.expect_navigation():
        press(tab, footer.get_by_role("button", name="Publiceren"))
    settle(tab)


def test_signup_is_approved_published_and_public(browser, live_demo, fast_forms, settings):
    from playwright.sync_api import expect

    # The live server answers a page's requests side by side on one in-memory SQLite database. With
    # the session saved on every request, the icon sprite's request and a page's script requests
    # write django_session together and one fails ("database table is locked", answered 503); Wagtail
    # then puts that error page in the DOM as the icon sprite (and keeps it in localStorage), which
    # breaks the admin's layout. Only the session is saved less often here; logins still save it.
    settings.SESSION_SAVE_EVERY_REQUEST = False
    base = live_demo
    editor = make_dordrecht_editor()
    context = browser.new_context(locale="nl-NL", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(20_000)
    tab = context.new_page()
    try:
        # The organisation signs up on the public site.
        tab.goto(f"{base}/nl/partner-worden/")
        type_into(tab, tab.get_by_label("Naam van de organisatie"), ORGANISATION)
        type_into(tab, tab.get_by_label("KvK-nummer"), "24681357")
        type_into(tab, tab.get_by_label("Adres", exact=True), "Voorstraat 200, 3311 ES Dordrecht")
        type_into(tab, tab.get_by_label("Naam contactpersoon"), "Fatima Verzonnen")
        type_into(tab, tab.get_by_label("Functie contactpersoon"), "Coördinator")
        type_into(tab, tab.get_by_label("E-mailadres contactpersoon"), "fatima@buurtkracht.example")
        type_into(tab, tab.get_by_label("Telefoonnummer contactpersoon"), "078 7654321")
        tab.get_by_label("Coalitie Erbij Dordrecht").check()
        type_into(tab, tab.locator("#id_services-0-name"), SERVICE)
        tab.locator("#id_services-0-category").select_option("activity")
        type_into(tab, tab.locator("#id_services-0-description"), "Elke woensdag samen wandelen.")
        tab.get_by_label("Wij gaan akkoord met het akkoord van de coalitie").check()
        tab.get_by_label("Ik geef toestemming").check()
        tab.get_by_role("button", name="Aanmelding versturen").click()
        tab.wait_for_url("**/nl/partner-worden/?verzonden=1")
        expect(tab.locator("h1")).to_contain_text("Bedankt")
        reference = tab.locator(".portal-reference__number").inner_text().strip()
        assert re.fullmatch(r"A-\d{4}-\d{4}", reference), reference
        context.close()

        # Not public yet.
        context = browser.new_context(locale="nl-NL", viewport={"width": 1280, "height": 900})
        context.set_default_timeout(20_000)
        tab = context.new_page()
        tab.goto(f"{base}/nl/coalities/dordrecht/")
        expect(tab.locator("main")).not_to_contain_text(ORGANISATION)

        # An editor who reviews Dordrecht's sign-ups finds it in the review listing.
        admin_login(tab, base, editor, EDITOR_PASSWORD)
        tab.get_by_role("button", name="Aanmeldingen en hulpvragen").click()
        tab.get_by_role("link", name="Aanmeldingen partners").click()
        tab.wait_for_url("**/admin/aanmeldingen/")
        settle(tab)
        row = tab.locator("tbody tr", has_text=reference)
        expect(row).to_contain_text(ORGANISATION)
        expect(row).to_contain_text("Nieuw")
        # The reference opens the review form: take it into review with a note.
        row.get_by_role("link", name=reference).click()
        tab.wait_for_url("**/admin/aanmeldingen/edit/**")
        settle(tab)
        tab.get_by_role("checkbox", name="Ik neem deze aanmelding in behandeling").check()
        type_into(tab, tab.get_by_role("textbox", name="Notitie"), "KvK gecontroleerd.")
        with tab.expect_navigation():
            tab.locator("footer").get_by_role("button", name="Opslaan").click()
        settle(tab)
        row = tab.locator("tbody tr", has_text=reference)
        expect(row).to_contain_text("In behandeling")

        # Open the sign-up and approve it.
        open_dropdown(tab, row.get_by_role("button", name=f"Meer opties voor '{reference}'"))
        press(tab, tab.get_by_role("link", name="Inspecteer", exact=True))
        tab.wait_for_url("**/admin/aanmeldingen/inspect/**")
        settle(tab)
        inspect_url = tab.url
        main = tab.locator("main.content-wrapper")  # the admin's main area
        expect(main).to_contain_text(ORGANISATION)
        expect(main).to_contain_text(SERVICE)
        expect(main).to_contain_text("KvK gecontroleerd.")
        main.get_by_role("link", name="Goedkeuren", exact=True).click()
        tab.wait_for_url("**/goedkeuren/")
        settle(tab)
        expect(tab.get_by_label("Coalitie Erbij Dordrecht")).to_be_checked()
        with tab.expect_navigation():
            main.get_by_role("button", name="Goedkeuren").click()
        settle(tab)
        expect(tab.locator(".messages")).to_contain_text("Aanmelding goedgekeurd")
        expect(main).to_contain_text("Goedgekeurd")

        # Publish the draft service and the coalition page's draft with the new partner.
        expect(main.get_by_role("heading", name="Nog publiceren")).to_be_visible()
        main.get_by_role("link", name=f"Aanbod: {SERVICE}").click()
        tab.wait_for_url("**/admin/snippets/directory/service/edit/**")
        settle(tab)
        expect(tab.locator("#id_name")).to_have_value(SERVICE)
        publish_from_editor(tab)
        expect(tab.locator(".messages")).to_contain_text(SERVICE)

        tab.goto(inspect_url)
        settle(tab)
        main.get_by_role("link", name="Coalitiepagina: Coalitie Erbij Dordrecht").click()
        tab.wait_for_url("**/admin/pages/*/edit/")
        settle(tab)
        publish_from_editor(tab)
        expect(tab.locator(".messages")).to_contain_text("Coalitie Erbij Dordrecht")

        tab.goto(inspect_url)
        settle(tab)
        expect(main).to_contain_text(ORGANISATION)
        expect(main.get_by_role("heading", name="Nog publiceren")).to_have_count(0)
        context.close()

        # A resident finds the organisation's service in the directory and on the coalition page.
        context = browser.new_context(locale="nl-NL", viewport={"width": 1280, "height": 900})
        context.set_default_timeout(20_000)
        tab = context.new_page()
        tab.goto(f"{base}/nl/hulp-in-de-buurt/")
        type_into(tab, tab.get_by_label("Waar zoekt u hulp bij?"), ORGANISATION)
        with tab.expect_navigation():
            tab.keyboard.press("Enter")
        result = tab.locator(".directory-result", has_text=ORGANISATION)
        expect(result.get_by_role("link", name=SERVICE)).to_be_visible()
        tab.goto(f"{base}/nl/coalities/dordrecht/")
        expect(tab.locator("section[aria-labelledby=partners]")).to_contain_text(ORGANISATION)
    finally:
        context.close()
