"""Keeping listings true: the stale-listing command, the mail, tokens that cannot be reused or forged."""

import datetime
import io
import re

import pytest
from django.core import mail, signing
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Locale

from directory.factories import OrganisationFactory, ServiceFactory
from directory.models import Service
from directory.verification import TOKEN_SALT, ListingCheck, is_stale, months_ago, stale_services

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


@pytest.fixture
def stale(locales):
    organisation = OrganisationFactory(name="Buurtkracht", email="info@buurtkracht.example")
    return ServiceFactory(
        organisation=organisation,
        name="Koffie-uurtje",
        slug="koffie-uurtje",
        email="",
        last_checked_on=months_ago(7),
    )


def run_check(*args):
    out = io.StringIO()
    call_command("check_listings", *args, stdout=out)
    return out.getvalue()


def link_from_mail(message):
    match = re.search(r"http://\S+/vermelding-controleren/(\S+)/", message.body)
    assert match, message.body
    return match.group(0).removeprefix("http://testserver"), match.group(1)


def test_command_mails_only_stale_services(stale, home_page):
    ServiceFactory(name="Net gecontroleerd", slug="net", last_checked_on=TODAY)
    ServiceFactory(name="Nooit gecontroleerd", slug="nooit", last_checked_on=None, email="nooit@hulp.example")
    ServiceFactory(name="Concept", slug="concept", last_checked_on=None, live=False)
    ServiceFactory(name="Gestopt", slug="gestopt", last_checked_on=None, status=Service.Status.DEFUNCT)

    out = run_check()

    assert "2 services not checked for 6 months" in out
    assert "2/2 services" in out
    assert "mails sent: 2" in out
    assert sorted(message.to[0] for message in mail.outbox) == [
        "info@buurtkracht.example",
        "nooit@hulp.example",
    ]
    message = next(m for m in mail.outbox if m.to == ["info@buurtkracht.example"])
    assert "Koffie-uurtje" in message.body
    assert "/nl/vermelding-controleren/" in message.body
    check = ListingCheck.objects.get(service=stale)
    assert check.sent_at is not None
    # The database holds only a hash of the token's secret, never the link itself.
    _path, token = link_from_mail(message)
    assert token not in check.token_hash and check.token_hash != token

    # The next day nobody is mailed twice while the link is open.
    mail.outbox.clear()
    assert "link still open: 2" in run_check()
    assert mail.outbox == []


def test_dry_run_sends_nothing(stale):
    assert "1 services not checked" in run_check("--dry-run")
    assert mail.outbox == []
    assert not ListingCheck.objects.exists()


def test_a_failing_mail_server_is_logged_and_retried(stale, settings, caplog):
    settings.EMAIL_BACKEND = "tests.test_directory_verification.BrokenBackend"
    assert "mail failed: 1" in run_check()
    assert "listing check of service" in caplog.text
    assert "buurtkracht.example" not in caplog.text
    assert not ListingCheck.objects.exists()
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert "mails sent: 1" in run_check()


class BrokenBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("no mail server")


def test_confirm_with_one_click_sets_last_checked_on_once(client, stale, home_page):
    english = ServiceFactory(
        organisation=stale.organisation,
        name="Coffee hour",
        slug="koffie-uurtje",
        translation_key=stale.translation_key,
        hsds_id=stale.hsds_id,
        locale=Locale.objects.get(language_code="en"),
        last_checked_on=stale.last_checked_on,
    )
    run_check()
    path, _token = link_from_mail(mail.outbox[0])

    # Opening the link (as mail scanners do) changes nothing.
    page = client.get(path)
    assert page.status_code == 200
    assert "Koffie-uurtje" in page.content.decode()
    stale.refresh_from_db()
    assert stale.last_checked_on == months_ago(7)

    done = client.post(path, {"action": "confirm"})
    assert done.status_code == 200
    stale.refresh_from_db()
    english.refresh_from_db()
    assert stale.last_checked_on == TODAY
    assert english.last_checked_on == TODAY
    assert ListingCheck.objects.get().outcome == ListingCheck.Outcome.CONFIRMED

    # Used once: no second answer, and no further change.
    Service.objects.filter(pk=stale.pk).update(last_checked_on=months_ago(8))
    assert client.get(path).status_code == 410
    assert client.post(path, {"action": "confirm"}).status_code == 410
    assert client.post(path, {"action": "propose", "changes": "Nieuw nummer"}).status_code == 410
    stale.refresh_from_db()
    assert stale.last_checked_on == months_ago(8)


def test_proposed_changes_are_stored_for_editors(client, stale, home_page):
    run_check()
    path, _token = link_from_mail(mail.outbox[0])
    empty = client.post(path, {"action": "propose", "changes": ""})
    assert empty.status_code == 400
    assert ListingCheck.objects.get().used_at is None

    response = client.post(
        path, {"action": "propose", "changes": "We zitten nu op dinsdag in de bibliotheek."}
    )
    assert response.status_code == 200
    check = ListingCheck.objects.get()
    assert check.outcome == ListingCheck.Outcome.CHANGES
    assert check.proposed_changes == "We zitten nu op dinsdag in de bibliotheek."
    assert not check.reviewed
    stale.refresh_from_db()
    assert stale.last_checked_on == months_ago(7)
    assert client.post(path, {"action": "confirm"}).status_code == 410


def test_forged_and_tampered_tokens_do_nothing(client, stale, home_page):
    run_check()
    _path, token = link_from_mail(mail.outbox[0])
    check = ListingCheck.objects.get()
    payload = signing.loads(token, salt=TOKEN_SALT)

    forged = [
        # Right check, guessed secret, but signed with another key.
        signing.dumps({"c": check.pk, "n": payload["n"]}, key="not-the-secret-key", salt=TOKEN_SALT),
        # Signed correctly (as if the key leaked) but with a guessed secret.
        signing.dumps({"c": check.pk, "n": "guessed"}, salt=TOKEN_SALT),
        # Signed for another purpose.
        signing.dumps({"c": check.pk, "n": payload["n"]}, salt="another-salt"),
        # One character changed.
        token[:-1] + ("A" if token[-1] != "A" else "B"),
        "not-a-token",
        "",
    ]
    for bad in forged:
        if not bad:
            continue
        url = f"/nl/vermelding-controleren/{bad}/"
        assert client.get(url).status_code == 404, bad
        assert client.post(url, {"action": "confirm"}).status_code == 404, bad
    stale.refresh_from_db()
    assert stale.last_checked_on == months_ago(7)
    assert ListingCheck.objects.get().used_at is None


def test_expired_links_do_nothing(client, stale, home_page, settings):
    run_check()
    path, _token = link_from_mail(mail.outbox[0])
    settings.DIRECTORY_VERIFY_LINK_DAYS = 0
    assert client.post(path, {"action": "confirm"}).status_code == 404
    stale.refresh_from_db()
    assert stale.last_checked_on == months_ago(7)


def test_long_stale_services_are_hidden_and_come_back_on_confirmation(client, locales, home_page, settings):
    settings.DIRECTORY_HIDE_AFTER_MONTHS = 12
    old = ServiceFactory(name="Oud", slug="oud", last_checked_on=months_ago(13), email="oud@hulp.example")
    recent = ServiceFactory(name="Half oud", slug="half-oud", last_checked_on=months_ago(7))
    never = ServiceFactory(name="Nooit", slug="nooit", last_checked_on=None)

    out = run_check()
    assert "hidden: 1" in out
    old.refresh_from_db()
    recent.refresh_from_db()
    never.refresh_from_db()
    assert not old.live
    assert recent.live and never.live
    assert client.get(f"/api/hsds/services/{old.hsds_id}").status_code == 404

    # Still reminded while hidden; the link publishes it again.
    mail.outbox.clear()
    ListingCheck.objects.filter(service=old).update(created_at=timezone.now() - datetime.timedelta(days=31))
    assert "mails sent: 1" in run_check()
    path, _token = link_from_mail(mail.outbox[0])
    assert client.post(path, {"action": "confirm"}).status_code == 200
    old.refresh_from_db()
    assert old.live
    assert old.name == "Oud"
    assert old.last_checked_on == TODAY
    assert client.get(f"/api/hsds/services/{old.hsds_id}").status_code == 200
    # It is no longer due; the other two still are.
    assert list(stale_services()) == [recent, never]


def test_hiding_can_be_switched_off(locales, settings):
    settings.DIRECTORY_HIDE_AFTER_MONTHS = 0
    old = ServiceFactory(name="Oud", slug="oud", last_checked_on=months_ago(40))
    assert "hidden: 0" in run_check()
    old.refresh_from_db()
    assert old.live


def test_is_stale_and_months_ago():
    assert months_ago(6, datetime.date(2026, 3, 31)) == datetime.date(2025, 9, 28)
    assert months_ago(1, datetime.date(2026, 1, 15)) == datetime.date(2025, 12, 15)
    service = Service(last_checked_on=datetime.date(2026, 1, 1))
    assert is_stale(service, today=datetime.date(2026, 8, 1))
    assert not is_stale(service, today=datetime.date(2026, 5, 1))
    assert is_stale(Service(last_checked_on=None))


def test_editors_see_proposals_in_the_admin(admin_client, stale, home_page):
    check, _token = ListingCheck.start(stale)
    check.propose("Ander telefoonnummer: 078 000 1111")
    listing = admin_client.get("/admin/listing_checks/")
    assert listing.status_code == 200
    assert "Koffie-uurtje" in listing.content.decode()
    inspect = admin_client.get(f"/admin/listing_checks/inspect/{check.pk}/")
    assert "Ander telefoonnummer" in inspect.content.decode()
    # Checks come from check_listings only.
    assert admin_client.get("/admin/listing_checks/new/").status_code in (302, 403, 404)
    assert admin_client.post("/admin/listing_checks/new/", {"reviewed": "on"}).status_code in (302, 403, 404)
    assert ListingCheck.objects.count() == 1
    edit = admin_client.post(f"/admin/listing_checks/edit/{check.pk}/", {"reviewed": "on"})
    assert edit.status_code == 302
    check.refresh_from_db()
    assert check.reviewed


def test_stale_notice_tag(locales):
    from django.template import Context, Template

    template = Template(
        "{% load listing_checks %}{% stale_notice service %}{% if service|is_stale %}!{% endif %}"
    )
    old = Service(last_checked_on=months_ago(7))
    fresh = Service(last_checked_on=TODAY)
    never = Service(last_checked_on=None)
    assert "voor het laatst gecontroleerd op" in template.render(Context({"service": old}))
    assert template.render(Context({"service": old})).endswith("!")
    assert "nog niet gecontroleerd" in template.render(Context({"service": never}))
    assert template.render(Context({"service": fresh})).strip() == ""
