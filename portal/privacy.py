"""AVG: retention, export of everything about one person, and erasure of that person.

A person is found by e-mail address and/or phone number (compared on digits only).
"""

import re
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from .models import (
    HelpRequest,
    HelpRequestAccessLog,
    OutboxMessage,
    PartnerSignup,
    UsedFormToken,
)


def digits(value):
    return re.sub(r"\D", "", value or "")


def _matches_phone(value, phone_digits):
    return bool(phone_digits) and digits(value)[-9:] == phone_digits[-9:] and len(digits(value)) >= 9


def find_person(email="", phone=""):
    """The help requests, sign-ups and outbox mails of the person with this e-mail and/or phone."""
    email = (email or "").strip().lower()
    phone_digits = digits(phone)
    if not email and len(phone_digits) < 9:
        return {"help_requests": [], "signups": [], "outbox": []}
    help_requests = []
    for item in HelpRequest.objects.select_related("municipality", "wijk").order_by("created_at"):
        if (email and item.email.lower() == email) or _matches_phone(item.phone, phone_digits):
            help_requests.append(item)
    signups = []
    for item in PartnerSignup.objects.prefetch_related("services", "coalitions").order_by("created_at"):
        if (email and item.contact_email.lower() == email) or _matches_phone(
            item.contact_phone, phone_digits
        ):
            signups.append(item)
    references = {item.reference for item in help_requests + signups}
    outbox = [
        message
        for message in OutboxMessage.objects.order_by("created_at")
        if message.reference in references or (email and email in [to.lower() for to in message.to])
    ]
    return {"help_requests": help_requests, "signups": signups, "outbox": outbox}


def _dt(value):
    return value.isoformat() if value else None


def export_person(email="", phone=""):
    found = find_person(email, phone)
    return {
        "exported_at": timezone.now().isoformat(),
        "query": {"email": email, "phone": phone},
        "help_requests": [
            {
                "reference": item.reference,
                "status": item.status,
                "created_at": _dt(item.created_at),
                "closed_at": _dt(item.closed_at),
                "first_name": item.first_name,
                "phone": item.phone,
                "email": item.email,
                "municipality": item.municipality.name,
                "wijk": item.wijk.name if item.wijk else "",
                "help_kinds": item.help_kind_labels(),
                "message": item.message,
                "for_whom": item.get_for_whom_display(),
                "contact_time": item.get_contact_time_display(),
                "consent_given_at": _dt(item.consent_given_at),
                "consent_version": item.consent_version,
                "consent_text": item.consent_text,
                "history": [
                    {
                        "at": _dt(event.created_at),
                        "from": event.from_status,
                        "to": event.to_status,
                        "note": event.note,
                    }
                    for event in item.events.all()
                ],
            }
            for item in found["help_requests"]
        ],
        "partner_signups": [
            {
                "reference": item.reference,
                "status": item.status,
                "created_at": _dt(item.created_at),
                "organisation_name": item.organisation_name,
                "kvk_number": item.kvk_number,
                "website": item.website,
                "address": item.address,
                "contact_name": item.contact_name,
                "contact_role": item.contact_role,
                "contact_email": item.contact_email,
                "contact_phone": item.contact_phone,
                "coalitions": [page.title for page in item.coalitions.all()],
                "services": [
                    {
                        "name": service.name,
                        "category": service.category,
                        "target_group": service.target_group,
                        "description": service.description,
                    }
                    for service in item.services.all()
                ],
                "logo": bool(item.logo),
                "rejection_reason": item.rejection_reason,
                "consent_given_at": _dt(item.consent_given_at),
                "consent_version": item.consent_version,
                "consent_text": item.consent_text,
                "history": [
                    {
                        "at": _dt(event.created_at),
                        "from": event.from_status,
                        "to": event.to_status,
                        "note": event.note,
                    }
                    for event in item.events.all()
                ],
            }
            for item in found["signups"]
        ],
        "mails": [
            {
                "created_at": _dt(message.created_at),
                "to": message.to,
                "subject": message.subject,
                "body": message.body,
            }
            for message in found["outbox"]
        ],
    }


def _delete_signup(signup):
    if signup.logo:
        signup.logo.delete(save=False)
    signup.delete()


@transaction.atomic
def erase_person(user, email="", phone=""):
    """Delete every row about this person. The access log keeps only references and who did it."""
    found = find_person(email, phone)
    references = [item.reference for item in found["help_requests"] + found["signups"]]
    HelpRequestAccessLog.record(
        user, HelpRequestAccessLog.Action.ERASE, [item.reference for item in found["help_requests"]]
    )
    for item in found["help_requests"]:
        item.delete()
    for item in found["signups"]:
        _delete_signup(item)
    OutboxMessage.objects.filter(pk__in=[message.pk for message in found["outbox"]]).delete()
    UsedFormToken.objects.filter(reference__in=references).delete()
    return {
        "help_requests": len(found["help_requests"]),
        "signups": len(found["signups"]),
        "mails": len(found["outbox"]),
    }


def retention_days():
    return {
        "help_requests": getattr(settings, "PORTAL_RETENTION_HELP_REQUEST_DAYS", 365),
        "rejected_signups": getattr(settings, "PORTAL_RETENTION_REJECTED_SIGNUP_DAYS", 183),
        "outbox": getattr(settings, "PORTAL_RETENTION_OUTBOX_DAYS", 30),
        "form_tokens": getattr(settings, "PORTAL_RETENTION_FORM_TOKEN_DAYS", 2),
    }


@transaction.atomic
def enforce_retention(now=None):
    """Delete what is past its retention period. Returns counts per kind."""
    now = now or timezone.now()
    days = retention_days()
    help_requests = HelpRequest.objects.filter(
        status=HelpRequest.Status.CLOSED, closed_at__lt=now - timedelta(days=days["help_requests"])
    )
    references = list(help_requests.values_list("reference", flat=True))
    HelpRequestAccessLog.record(None, HelpRequestAccessLog.Action.RETENTION, references)
    help_count = help_requests.delete()[1].get("portal.HelpRequest", 0)
    signups = list(
        PartnerSignup.objects.filter(
            status=PartnerSignup.Status.REJECTED,
            closed_at__lt=now - timedelta(days=days["rejected_signups"]),
        )
    )
    for signup in signups:
        _delete_signup(signup)
    outbox_count = (
        OutboxMessage.objects.exclude(status=OutboxMessage.Status.PENDING)
        .filter(created_at__lt=now - timedelta(days=days["outbox"]))
        .delete()[1]
        .get("portal.OutboxMessage", 0)
    )
    token_count = (
        UsedFormToken.objects.filter(created_at__lt=now - timedelta(days=days["form_tokens"]))
        .delete()[1]
        .get("portal.UsedFormToken", 0)
    )
    return {
        "help_requests": help_count,
        "rejected_signups": len(signups),
        "outbox": outbox_count,
        "form_tokens": token_count,
    }
