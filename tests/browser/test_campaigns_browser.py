"""Browser tests for coalitions, campaigns, events and news (Playwright + Debian Chromium + axe)."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from coalitions.models import CoalitionEditorGroup, CoalitionPage
from tests.browser.conftest import describe_violations

PASSWORD = "browser-wachtwoord-123"  # noqa: S105 - test user


@pytest.fixture(scope="module", autouse=True)
def _skip_tree_sync_on_raw_saves():
    """Let live_server tests follow each other.

    Between transactional tests Django restores the serialised database with raw saves, possibly
    a LocaleSynchronization before its Locale; wagtail-localize's post_save receiver then looks the
    Locale up and fails. Raw saves (fixture loading) must not trigger a tree sync anyway.
    """
    from django.db.models.signals import post_save
    from wagtail_localize.models import LocaleSynchronization, sync_trees_on_locale_sync_save

    def sync_unless_raw(instance, raw=False, **kwargs):
        if not raw:
            sync_trees_on_locale_sync_save(instance, **kwargs)

    post_save.disconnect(sync_trees_on_locale_sync_save, sender=LocaleSynchronization)
    post_save.connect(sync_unless_raw, sender=LocaleSynchronization, weak=False)
    yield
    post_save.disconnect(sync_unless_raw, sender=LocaleSynchronization)
    post_save.connect(sync_trees_on_locale_sync_save, sender=LocaleSynchronization)


def make_user(username, group):
    user = get_user_model().objects.create_user(username, f"{username}@erbij.example", PASSWORD)
    user.groups.add(group)
    return user


def login(page, base, username):
    """Both steps of the admin login: password, then the TOTP code of the user's app."""
    from tests.conftest import confirmed_totp_device, current_totp_token

    device = confirmed_totp_device(get_user_model().objects.get(username=username))
    page.goto(f"{base}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.locator("form button[type=submit]").click()
    page.wait_for_url("**/admin/2fa/verify/**")
    page.get_by_label("Code uit uw app").fill(current_totp_token(device))
    page.get_by_role("button", name="Bevestigen").click()
    page.wait_for_url(f"{base}/admin/")


NEW_PAGE_TYPES = [
    "/nl/coalities/",
    "/nl/coalities/?q=dord",
    "/nl/coalities/dordrecht/",
    "/nl/campagnes/",
    "/nl/campagnes/jebentnietalleen/",
    "/nl/campagnes/kom-erbij-week/",
    "/nl/agenda/",
    "/nl/agenda/?wanneer=voorbij",
    "/nl/campagnes/kom-erbij-week/kom-erbij-festival-dordrecht/",
    "/nl/coalities/dordrecht/kerst-inn/",
    "/nl/nieuws/",
    "/nl/coalities/rotterdam/coalitie-erbij-rotterdam-opgericht/",
    "/en/coalitions/",
    "/en/events/",
    "/en/news/",
]


def test_axe_finds_no_violations_on_the_new_page_types(page, live_demo, axe):
    failures = []
    for path in NEW_PAGE_TYPES:
        response = page.goto(f"{live_demo}{path}")
        assert response.status == 200, path
        violations = axe(page)
        if violations:
            failures.append(f"{path}:\n{describe_violations(violations)}")
    assert failures == [], "\n".join(failures)


def test_editor_submits_event_moderator_publishes_it_shows_on_the_coalition(browser, live_demo):
    dordrecht = CoalitionPage.objects.get(slug="dordrecht", locale__language_code="nl")
    editors = CoalitionEditorGroup.objects.get(coalition_key=dordrecht.translation_key).group
    make_user("redacteur", editors)
    make_user("moderator", Group.objects.get(name="Moderators"))

    context = browser.new_context(locale="nl-NL", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(20_000)
    tab = context.new_page()
    try:
        login(tab, live_demo, "redacteur")
        tab.goto(f"{live_demo}/admin/pages/add/campaigns/eventpage/{dordrecht.pk}/")
        tab.fill("#id_title", "Koffie-uurtje in de bibliotheek")
        tab.fill("#id_start", "2030-03-04 10:00")
        tab.fill("#id_end", "2030-03-04 12:00")
        tab.fill("#id_location_name", "Bibliotheek Dordrecht")
        tab.keyboard.press("Escape")  # close a date picker if one opened
        tab.locator("footer .w-dropdown__toggle").first.click()
        with tab.expect_navigation():
            tab.locator("button[name='action-submit']").click()

        from campaigns.models import EventPage

        event = EventPage.objects.get(title="Koffie-uurtje in de bibliotheek", locale__language_code="nl")
        assert not event.live
        assert event.current_workflow_state is not None

        tab.goto(f"{live_demo}/nl/coalities/dordrecht/")
        assert "Koffie-uurtje in de bibliotheek" not in tab.content()

        # The moderator works in a browser session of their own.
        tab.context.close()
        context = browser.new_context(locale="nl-NL", viewport={"width": 1280, "height": 900})
        context.set_default_timeout(20_000)
        tab = context.new_page()
        login(tab, live_demo, "moderator")
        tab.goto(f"{live_demo}/admin/pages/{event.pk}/edit/")
        tab.locator("footer .w-dropdown__toggle").first.click()
        # "Goedkeuren en publiceren": the approve action without a comment dialog.
        tab.locator(
            "button[data-workflow-action-name='approve']:not([data-workflow-action-modal-url])"
        ).click()
        tab.wait_for_url(f"**/admin/pages/{dordrecht.pk}/**")
        event.refresh_from_db()
        assert event.live

        tab.goto(f"{live_demo}/nl/coalities/dordrecht/")
        assert tab.get_by_role("link", name="Koffie-uurtje in de bibliotheek").is_visible()
    finally:
        context.close()


@pytest.mark.parametrize("path", ["/nl/agenda/", "/nl/coalities/"])
def test_filters_work_without_javascript(browser, live_demo, path):
    context = browser.new_context(java_script_enabled=False, locale="nl-NL")
    tab = context.new_page()
    try:
        tab.goto(f"{live_demo}{path}")
        if path == "/nl/agenda/":
            tab.get_by_label("Coalitie", exact=True).select_option(label="Coalitie Erbij Rotterdam")
            tab.get_by_role("button", name="Filteren").click()
            tab.wait_for_load_state()
            assert "coalitie=rotterdam" in tab.url
            assert tab.get_by_role("link", name="Koffie met de buren").is_visible()
            assert tab.get_by_role("link", name="Kom Erbij Festival Dordrecht").count() == 0
        else:
            tab.get_by_label("Zoek een coalitie op naam of gemeente").fill("Barendrecht")
            tab.locator("main").get_by_role("button", name="Zoeken").click()
            tab.wait_for_load_state()
            assert "q=Barendrecht" in tab.url
            assert tab.get_by_role("link", name="Samen tegen Eenzaamheid Barendrecht").is_visible()
            assert tab.get_by_role("link", name="Coalitie Erbij Rotterdam").count() == 0
    finally:
        context.close()
