"""The mail outbox: a submission is committed first, mail rows are sent afterwards by the worker.

``queue_mail`` only writes a row (in the caller's transaction). ``send_due`` (run by
``manage.py send_outbox``) sends rows whose time has come; a failure schedules a retry with
exponential backoff and never touches the submission itself.
"""

import logging

from django.core.mail import EmailMessage, get_connection
from django.db import connection, transaction
from django.utils import timezone

from .models import OutboxMessage

logger = logging.getLogger("portal.outbox")


def queue_mail(to, subject, body, reference=""):
    recipients = [address for address in to if address]
    if not recipients:
        return None
    return OutboxMessage.objects.create(to=recipients, subject=subject[:250], body=body, reference=reference)


def _due_queryset():
    return OutboxMessage.objects.filter(
        status=OutboxMessage.Status.PENDING, next_attempt_at__lte=timezone.now()
    ).order_by("next_attempt_at", "pk")


def send_due(limit=50):
    """Send the mails that are due. Returns (sent, failed) counts. Safe with parallel workers."""
    sent = failed = 0
    pks = list(_due_queryset().values_list("pk", flat=True)[:limit])
    connection_ = None
    for pk in pks:
        with transaction.atomic():
            queryset = OutboxMessage.objects.filter(pk=pk, status=OutboxMessage.Status.PENDING)
            if connection.features.has_select_for_update_skip_locked:
                queryset = queryset.select_for_update(skip_locked=True)
            message = queryset.first()
            if message is None:
                continue  # another worker has it
            try:
                if connection_ is None:
                    connection_ = get_connection(fail_silently=False)
                EmailMessage(
                    subject=message.subject, body=message.body, to=message.to, connection=connection_
                ).send()
            except Exception as error:  # noqa: BLE001 - any mail failure means: try again later
                connection_ = None
                message.schedule_retry(error)
                message.save(update_fields=["attempts", "last_error", "status", "next_attempt_at"])
                logger.warning(
                    "outbox message %s not sent (attempt %s): %s",
                    message.pk,
                    message.attempts,
                    type(error).__name__,
                )
                failed += 1
                continue
            message.status = OutboxMessage.Status.SENT
            message.sent_at = timezone.now()
            message.attempts += 1
            message.last_error = ""
            message.save(update_fields=["status", "sent_at", "attempts", "last_error"])
            sent += 1
    return sent, failed
