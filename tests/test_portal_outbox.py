"""Nothing lost: the submission is committed before mail; the outbox retries with backoff."""

import smtplib
from datetime import timedelta

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from portal.models import HelpRequest, OutboxMessage
from portal.outbox import queue_mail, send_due
from tests.portal_fixtures import *  # noqa: F403 - pytest fixtures
from tests.portal_fixtures import help_data

pytestmark = pytest.mark.django_db

SMTP_DOWN = {"down": False}


class FlakySMTPBackend(EmailBackend):
    """Like the test backend, but raises like a dead SMTP server while SMTP_DOWN["down"]."""

    def send_messages(self, messages):
        if SMTP_DOWN["down"]:
            raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
        return super().send_messages(messages)


@pytest.fixture
def flaky_smtp(settings):
    settings.EMAIL_BACKEND = "tests.test_portal_outbox.FlakySMTPBackend"
    SMTP_DOWN["down"] = True
    yield SMTP_DOWN
    SMTP_DOWN["down"] = False


def test_smtp_down_then_back(client, help_page, dordrecht, flaky_smtp):
    response = client.post(help_page.url, help_data(dordrecht))
    assert response.status_code == 302
    thanks = client.get(response["Location"])
    assert thanks.status_code == 200
    reference = HelpRequest.objects.get().reference
    assert reference in thanks.content.decode()
    message = OutboxMessage.objects.get()
    assert message.status == OutboxMessage.Status.PENDING

    # The worker runs while SMTP is down: nothing lost, a retry is planned with backoff.
    assert send_due() == (0, 1)
    message.refresh_from_db()
    assert message.attempts == 1
    assert message.last_error == "SMTPServerDisconnected"
    first_delay = message.next_attempt_at - timezone.now()
    assert timedelta(seconds=50) < first_delay <= timedelta(seconds=60)
    assert send_due() == (0, 0)  # not due yet

    OutboxMessage.objects.update(next_attempt_at=timezone.now())
    send_due()
    message.refresh_from_db()
    second_delay = message.next_attempt_at - timezone.now()
    assert second_delay > first_delay  # exponential backoff
    assert len(mail.outbox) == 0

    # SMTP is back: delivered exactly once.
    flaky_smtp["down"] = False
    OutboxMessage.objects.update(next_attempt_at=timezone.now())
    call_command("send_outbox", verbosity=0)
    call_command("send_outbox", verbosity=0)
    assert len(mail.outbox) == 1
    assert reference in mail.outbox[0].subject
    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.SENT
    assert HelpRequest.objects.count() == 1


@override_settings(PORTAL_OUTBOX_MAX_ATTEMPTS=2)
def test_gives_up_after_max_attempts(flaky_smtp):
    queue_mail(["a@erbij.example"], "Onderwerp", "Tekst")
    send_due()
    OutboxMessage.objects.update(next_attempt_at=timezone.now())
    send_due()
    message = OutboxMessage.objects.get()
    assert message.status == OutboxMessage.Status.FAILED
    assert message.attempts == 2


def test_mail_is_not_queued_when_the_submission_fails(client, help_page, dordrecht, monkeypatch):
    import portal.submissions

    def boom(*args, **kwargs):
        raise RuntimeError("database trouble")

    monkeypatch.setattr(portal.submissions.HelpRequestEvent.objects, "create", boom)
    with pytest.raises(RuntimeError):
        client.post(help_page.url, help_data(dordrecht))
    assert HelpRequest.objects.count() == 0
    assert OutboxMessage.objects.count() == 0


def test_no_recipients_no_row():
    assert queue_mail(["", None], "x", "y") is None
    assert OutboxMessage.objects.count() == 0


def test_worker_loop_flag_exists():
    from portal.management.commands.send_outbox import Command

    parser = Command().create_parser("manage.py", "send_outbox")
    options = parser.parse_args(["--loop", "--interval", "5"])
    assert options.loop is True and options.interval == 5


def test_worker_runs_retention_once_in_loop_mode(monkeypatch):
    import portal.management.commands.send_outbox as command

    calls = []
    monkeypatch.setattr(command, "enforce_retention", lambda: calls.append(1) or {"help_requests": 0})

    def stop(seconds):
        raise KeyboardInterrupt

    monkeypatch.setattr(command.time, "sleep", stop)
    with pytest.raises(KeyboardInterrupt):
        call_command("send_outbox", "--loop", "--with-retention", verbosity=0)
    assert calls == [1]
