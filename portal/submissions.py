"""Storing a submission and queuing its mails, in one transaction.

Mails to reviewers carry only the reference number and a link to the admin: no personal data.
"""

from django.conf import settings
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from .models import (
    HelpRequest,
    HelpRequestEvent,
    PartnerSignup,
    PartnerSignupEvent,
    PartnerSignupService,
    ReferenceCounter,
    split_emails,
)
from .outbox import queue_mail


def admin_url(url_name, pk):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse(url_name, args=[pk])


def _consent(page):
    return {
        "consent_given_at": timezone.now(),
        "consent_version": page.consent_version,
        "consent_text": page.consent_text,
    }


def create_help_request(page, data, language):
    help_request = HelpRequest.objects.create(
        reference=ReferenceCounter.next_reference(HelpRequest.PREFIX),
        page=page,
        language=language,
        municipality=data["municipality"],
        wijk=data.get("wijk"),
        first_name=data["first_name"],
        phone=data.get("phone", ""),
        email=data.get("email", ""),
        help_kinds=list(data["help_kinds"]),
        message=data.get("message", ""),
        for_whom=data["for_whom"],
        contact_time=data.get("contact_time") or "any",
        **_consent(page),
    )
    HelpRequestEvent.objects.create(help_request=help_request, to_status=help_request.status)
    recipients = page.notify_list() + split_emails(help_request.municipality.notify_emails)
    notify_reviewers(
        recipients,
        help_request.reference,
        admin_url("portal_helprequests:inspect", help_request.pk),
        kind="help",
    )
    return help_request


def create_partner_signup(page, data, services, language):
    signup = PartnerSignup(
        reference=ReferenceCounter.next_reference(PartnerSignup.PREFIX),
        page=page,
        language=language,
        organisation_name=data["organisation_name"],
        kvk_number=data["kvk_number"],
        website=data.get("website", ""),
        address=data["address"],
        contact_name=data["contact_name"],
        contact_role=data.get("contact_role", ""),
        contact_email=data["contact_email"],
        contact_phone=data.get("contact_phone", ""),
        agreement_accepted=True,
        **_consent(page),
    )
    logo = data.get("logo")
    if logo:
        logo.seek(0)
        extension = (logo.name.rsplit(".", 1)[-1] if "." in logo.name else "img").lower()[:5]
        signup.logo.save(f"{signup.reference}.{extension}", ContentFile(logo.read()), save=False)
    signup.save()
    signup.coalitions.set(data.get("coalitions") or [])
    for order, service in enumerate(services):
        PartnerSignupService.objects.create(signup=signup, sort_order=order, **service)
    PartnerSignupEvent.objects.create(signup=signup, to_status=signup.status)
    notify_reviewers(
        page.notify_list(),
        signup.reference,
        admin_url("portal_signups:inspect", signup.pk),
        kind="signup",
    )
    with override(language):
        queue_mail(
            [signup.contact_email],
            _("Uw aanmelding %(reference)s is ontvangen") % {"reference": signup.reference},
            _(
                "Beste %(name)s,\n\nBedankt voor de aanmelding van %(organisation)s. Uw referentienummer "
                "is %(reference)s.\nWe bekijken uw aanmelding en laten binnen twee weken van ons horen."
                "\n\nMet vriendelijke groet,\nErbij"
            )
            % {
                "name": signup.contact_name,
                "organisation": signup.organisation_name,
                "reference": signup.reference,
            },
            reference=signup.reference,
        )
    return signup


def notify_reviewers(recipients, reference, link, kind):
    """A notification with no personal data: the reference and a link, nothing else."""
    with override(settings.LANGUAGE_CODE):
        if kind == "help":
            subject = _("Nieuwe hulpvraag %(reference)s") % {"reference": reference}
            body = _("Er is een nieuwe hulpvraag: %(reference)s.\nOpen hem in het beheer:\n%(link)s\n")
        else:
            subject = _("Nieuwe aanmelding partner %(reference)s") % {"reference": reference}
            body = _("Er is een nieuwe aanmelding: %(reference)s.\nOpen hem in het beheer:\n%(link)s\n")
        queue_mail(recipients, subject, body % {"reference": reference, "link": link}, reference=reference)
