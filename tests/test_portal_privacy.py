"""AVG: retention, export, erasure, and the canary that must appear nowhere but its own row."""

import json
import logging
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from portal.factories import (
    HelpRequestFactory,
    OutboxMessageFactory,
    PartnerSignupFactory,
    PartnerSignupServiceFactory,
    UsedFormTokenFactory,
)
from portal.logging import PortalExceptionReporterFilter, ScrubPersonalDataFilter, remember_sensitive
from portal.models import HelpRequest, HelpRequestAccessLog, OutboxMessage, PartnerSignup, UsedFormToken
from portal.privacy import enforce_retention, erase_person, export_person
from tests.portal_fixtures import *  # noqa: F403 - pytest fixtures
from tests.portal_fixtures import CANARY, help_data, signup_data

pytestmark = pytest.mark.django_db


def test_help_request_is_not_search_indexed():
    from wagtail.search.index import Indexed

    assert not issubclass(HelpRequest, Indexed)
    assert not issubclass(PartnerSignup, Indexed)


# --- Retention -----------------------------------------------------------------------------


def test_retention_deletes_exactly_what_is_due(dordrecht):
    now = timezone.now()
    due = HelpRequestFactory(municipality=dordrecht, status="closed", closed_at=now - timedelta(days=366))
    recent = HelpRequestFactory(municipality=dordrecht, status="closed", closed_at=now - timedelta(days=364))
    old_but_open = HelpRequestFactory(
        municipality=dordrecht, status="contacted", created_at=now - timedelta(days=800)
    )
    rejected_due = PartnerSignupFactory(status="rejected", closed_at=now - timedelta(days=184))
    rejected_recent = PartnerSignupFactory(status="rejected", closed_at=now - timedelta(days=100))
    approved_old = PartnerSignupFactory(status="approved", closed_at=now - timedelta(days=900))
    sent_old = OutboxMessageFactory(status="sent", created_at=now - timedelta(days=31))
    pending_old = OutboxMessageFactory(status="pending", created_at=now - timedelta(days=31))
    sent_recent = OutboxMessageFactory(status="sent", created_at=now - timedelta(days=5))
    token_old = UsedFormTokenFactory(created_at=now - timedelta(days=3))

    call_command("enforce_retention", stdout=open("/dev/null", "w"))  # noqa: SIM115

    assert set(HelpRequest.objects.values_list("pk", flat=True)) == {recent.pk, old_but_open.pk}
    assert set(PartnerSignup.objects.values_list("pk", flat=True)) == {rejected_recent.pk, approved_old.pk}
    assert set(OutboxMessage.objects.values_list("pk", flat=True)) == {pending_old.pk, sent_recent.pk}
    assert not UsedFormToken.objects.filter(pk=token_old.pk).exists()
    log = HelpRequestAccessLog.objects.get(action="retention")
    assert log.reference == due.reference
    assert not HelpRequest.objects.filter(pk=due.pk).exists()
    assert not PartnerSignup.objects.filter(pk=rejected_due.pk).exists()
    assert not OutboxMessage.objects.filter(pk=sent_old.pk).exists()


def test_retention_is_configurable(settings, dordrecht):
    settings.PORTAL_RETENTION_HELP_REQUEST_DAYS = 30
    HelpRequestFactory(municipality=dordrecht, status="closed", closed_at=timezone.now() - timedelta(days=31))
    assert enforce_retention()["help_requests"] == 1


# --- Export and erasure -------------------------------------------------------------------


@pytest.fixture
def two_people(dordrecht):
    mine = [
        HelpRequestFactory(
            municipality=dordrecht, email="piet@voorbeeld.example", phone="06-11112222", message="Mijn vraag"
        ),
        HelpRequestFactory(municipality=dordrecht, email="", phone="+31 6 1111 2222", message="Tweede vraag"),
    ]
    my_signup = PartnerSignupFactory(contact_email="Piet@Voorbeeld.example", contact_name="Piet Proef")
    PartnerSignupServiceFactory(signup=my_signup, name="Pieters koffie")
    OutboxMessageFactory(to=["piet@voorbeeld.example"], subject="Aan Piet", reference=my_signup.reference)
    OutboxMessageFactory(to=["team@erbij.example"], subject="Melding", reference=mine[0].reference)
    other = HelpRequestFactory(
        municipality=dordrecht,
        email="klaas@voorbeeld.example",
        phone="06 99998888",
        message="Vraag van Klaas",
    )
    other_signup = PartnerSignupFactory(contact_email="klaas@voorbeeld.example", contact_name="Klaas Anders")
    OutboxMessageFactory(
        to=["klaas@voorbeeld.example"], subject="Aan Klaas", reference=other_signup.reference
    )
    return {"mine": mine, "my_signup": my_signup, "other": other, "other_signup": other_signup}


def test_export_has_all_of_that_person_and_nobody_else(two_people):
    data = export_person(email="piet@voorbeeld.example", phone="0611112222")
    text = json.dumps(data, ensure_ascii=False)
    assert sorted(item["reference"] for item in data["help_requests"]) == sorted(
        item.reference for item in two_people["mine"]
    )
    assert [item["reference"] for item in data["partner_signups"]] == [two_people["my_signup"].reference]
    assert "Mijn vraag" in text and "Tweede vraag" in text and "Pieters koffie" in text
    assert {mail["subject"] for mail in data["mails"]} == {"Aan Piet", "Melding"}
    for foreign in ("Klaas", "klaas@", "06 99998888", two_people["other"].reference):
        assert foreign not in text


def test_export_by_phone_only(two_people):
    data = export_person(phone="06 1111 2222")
    assert len(data["help_requests"]) == 2
    assert data["partner_signups"] == []


def test_erasure_leaves_no_trace(two_people):
    user = get_user_model().objects.create_superuser("privacy", "privacy@erbij.example", "pw")
    counts = erase_person(user, email="piet@voorbeeld.example", phone="06 11112222")
    assert counts == {"help_requests": 2, "signups": 1, "mails": 2}
    assert dump_database_contains("piet@voorbeeld.example") == []
    assert dump_database_contains("Piet@Voorbeeld") == []
    assert dump_database_contains("Mijn vraag") == []
    assert dump_database_contains("Pieters koffie") == []
    assert dump_database_contains("11112222") == []
    # Somebody else is untouched.
    assert HelpRequest.objects.filter(pk=two_people["other"].pk).exists()
    assert PartnerSignup.objects.filter(pk=two_people["other_signup"].pk).exists()
    assert OutboxMessage.objects.filter(subject="Aan Klaas").exists()
    # The erasure is logged, by reference only.
    assert HelpRequestAccessLog.objects.filter(action="erase").count() == 2


def test_privacy_admin_view(client, two_people):
    from django.contrib.auth.models import Permission

    officer = get_user_model().objects.create_user("fg", "fg@erbij.example", "pw")
    officer.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="privacy_helprequest"),
    )
    editor = get_user_model().objects.create_user("ed", "ed@erbij.example", "pw")
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    url = reverse("portal_privacy")
    client.force_login(editor)
    assert client.get(url).status_code == 403
    client.force_login(officer)
    assert client.get(url).status_code == 200
    response = client.post(url, {"email": "piet@voorbeeld.example", "export": "1"})
    assert response["Content-Type"].startswith("application/json")
    assert "Mijn vraag" in response.content.decode()
    response = client.post(url, {"email": "piet@voorbeeld.example", "erase": "1"})
    assert "Zet het vinkje" in response.content.decode()
    assert HelpRequest.objects.filter(email="piet@voorbeeld.example").exists()
    response = client.post(url, {"email": "piet@voorbeeld.example", "erase": "1", "confirm": "on"})
    assert response.status_code == 302
    assert not HelpRequest.objects.filter(email="piet@voorbeeld.example").exists()
    assert client.post(url, {"export": "1"}).status_code == 200  # neither e-mail nor phone: a message


# --- The canary ----------------------------------------------------------------------------


def dump_database_contains(needle):
    """Every (table, column) in the whole database whose text contains needle."""
    hits = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            description = connection.introspection.get_table_description(cursor, table)
            quoted = connection.ops.quote_name(table)
            cursor.execute(f"SELECT * FROM {quoted}")  # noqa: S608 - table names from introspection
            for row in cursor.fetchall():
                for column, value in zip(description, row, strict=False):
                    if value is not None and needle.lower() in str(value).lower():
                        hits.append((table, column.name))
    return hits


def test_canary_appears_only_in_its_own_row(client, help_page, dordrecht, caplog, settings):
    settings.PORTAL_MIN_FILL_SECONDS = 0
    caplog.set_level(logging.DEBUG)
    canary_mail = f"{CANARY.lower()}@voorbeeld.example"
    data = help_data(dordrecht, message=f"Mijn verhaal {CANARY}", first_name=CANARY, email=canary_mail)
    # One failing attempt first (no consent), then the real one.
    client.post(help_page.url, {**data, "consent": ""})
    response = client.post(help_page.url, data)
    assert response.status_code == 302
    client.get(response["Location"])
    item = HelpRequest.objects.get()
    # Reviewers work on it: open, edit, export.
    admin = get_user_model().objects.create_superuser("admin-canary", "a@erbij.example", "pw")
    client.force_login(admin)
    client.get(reverse("portal_helprequests:inspect", args=[item.pk]))
    client.get(reverse("portal_helprequests:index"))
    call_command("send_outbox", verbosity=0)
    call_command("update_index", verbosity=0, stdout=open("/dev/null", "w"))  # noqa: SIM115

    # Database: only the help request's own row has it. The SQLite search index would hold it as
    # stems ("kanarie 7f3e9b geheim"), so look for its middle part as well.
    for needle in (CANARY, CANARY.split("-")[1]):
        assert sorted(set(dump_database_contains(needle))) == [
            ("portal_helprequest", "email"),
            ("portal_helprequest", "first_name"),
            ("portal_helprequest", "message"),
        ], needle
    # Mails: none.
    assert len(mail.outbox) >= 1
    for message in mail.outbox:
        assert CANARY.lower() not in (message.subject + message.body + " ".join(message.to)).lower()
    # Logs: none.
    for record in caplog.records:
        assert CANARY.lower() not in record.getMessage().lower()
    # Search index: none.
    from wagtail.models import Page
    from wagtail.search.backends import get_search_backend

    assert list(get_search_backend().search(CANARY, Page)) == []


def test_log_filter_scrubs_posted_values_mail_and_phone():
    from django.http import QueryDict

    record = logging.LogRecord(
        "x",
        logging.ERROR,
        __file__,
        1,
        "failed for %s at %s, text %s",
        ("a@b.example", "06 12345678", CANARY),
        None,
    )
    token = remember_sensitive(QueryDict(f"message={CANARY}"))
    try:
        ScrubPersonalDataFilter().filter(record)
    finally:
        from portal.logging import forget_sensitive

        forget_sensitive(token)
    message = record.getMessage()
    assert "a@b.example" not in message
    assert "12345678" not in message
    assert CANARY not in message
    assert "[verwijderd]" in message


def test_log_filter_scrubs_tracebacks():
    token = remember_sensitive(
        __import__("django.http", fromlist=["QueryDict"]).QueryDict(f"message={CANARY}")
    )
    try:
        try:
            raise ValueError(f"bad value {CANARY}")
        except ValueError:
            import sys

            record = logging.LogRecord("x", logging.ERROR, __file__, 1, "boom", (), sys.exc_info())
        ScrubPersonalDataFilter().filter(record)
    finally:
        from portal.logging import forget_sensitive

        forget_sensitive(token)
    assert CANARY not in record.exc_text
    assert record.exc_info is None


def test_error_reports_hide_portal_post_data(rf):
    request = rf.post("/nl/hulp-vragen/", {"form_token": "x", "message": CANARY, "first_name": "Fenna"})
    cleaned = PortalExceptionReporterFilter().get_post_parameters(request)
    assert CANARY not in str(cleaned)
    assert "Fenna" not in str(cleaned)


def test_logging_filter_is_configured(settings):
    assert settings.LOGGING["handlers"]["console"]["filters"] == ["scrub_personal_data"]
    assert settings.DEFAULT_EXCEPTION_REPORTER_FILTER == "portal.logging.PortalExceptionReporterFilter"


def test_signup_full_flow_keeps_applicant_out_of_reviewer_mail(client, signup_page, settings):
    settings.PORTAL_MIN_FILL_SECONDS = 0
    response = client.post(signup_page.url, signup_data(contact_name=CANARY))
    assert response.status_code == 302
    call_command("send_outbox", verbosity=0)
    reviewer_mail = [m for m in mail.outbox if "behandelaars@erbij.example" in m.to]
    assert reviewer_mail and all(CANARY not in m.body for m in reviewer_mail)
