"""Keeping listings true: ask organisations to confirm their services, hide long-stale ones.

`manage.py check_listings` (daily) finds services not checked for DIRECTORY_VERIFY_AFTER_MONTHS
and mails the service's (or else the organisation's) address a link. The link carries a token
signed with SECRET_KEY that holds a random nonce; only the nonce's SHA-256 is stored, and a token
works once, until it is used or DIRECTORY_VERIFY_LINK_DAYS have passed. Opening the link changes
nothing (mail scanners open links); one click on "Klopt nog" confirms, or a short form proposes
changes, which editors review in the admin. Services not checked for
DIRECTORY_HIDE_AFTER_MONTHS are unpublished; a confirmation publishes them again.
"""

import datetime
import hashlib
import hmac
import logging
import secrets

from django.conf import settings
from django.core import signing
from django.core.mail import send_mail
from django.db import models, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel

logger = logging.getLogger(__name__)

TOKEN_SALT = "directory.listing-check"  # noqa: S105 - a signing namespace, not a secret


def verify_after_months():
    return int(getattr(settings, "DIRECTORY_VERIFY_AFTER_MONTHS", 6))


def hide_after_months():
    return int(getattr(settings, "DIRECTORY_HIDE_AFTER_MONTHS", 12))


def link_days():
    return int(getattr(settings, "DIRECTORY_VERIFY_LINK_DAYS", 30))


def months_ago(months, today=None):
    today = today or timezone.localdate()
    month_index = today.year * 12 + today.month - 1 - months
    year, month = divmod(month_index, 12)
    day = min(today.day, 28)
    return datetime.date(year, month + 1, day)


def is_stale(service, today=None):
    """For templates: True when a service has not been checked for the verify period."""
    checked = service.last_checked_on
    return checked is None or checked < months_ago(verify_after_months(), today)


def _hash(nonce):
    return hashlib.sha256(nonce.encode()).hexdigest()


class ListingCheck(models.Model):
    """One request to an organisation to confirm a service, and what came of it."""

    class Outcome(models.TextChoices):
        OPEN = "", _("nog geen antwoord")
        CONFIRMED = "confirmed", _("klopt nog")
        CHANGES = "changes", _("wijziging voorgesteld")

    service = models.ForeignKey(
        "directory.Service",
        verbose_name=_("hulpaanbod"),
        on_delete=models.CASCADE,
        related_name="listing_checks",
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    sent_at = models.DateTimeField(_("verstuurd op"), null=True, blank=True, editable=False)
    used_at = models.DateTimeField(_("beantwoord op"), null=True, blank=True, editable=False)
    outcome = models.CharField(
        _("antwoord"), max_length=20, choices=Outcome.choices, blank=True, editable=False
    )
    proposed_changes = models.TextField(_("voorgestelde wijzigingen"), blank=True)
    reviewed = models.BooleanField(_("afgehandeld"), default=False)
    hidden_at = models.DateTimeField(_("verborgen op"), null=True, blank=True, editable=False)
    # {service pk: pk of the revision that was live} for the records this check unpublished.
    hidden_revisions = models.JSONField(default=dict, blank=True, editable=False)

    panels = [
        MultiFieldPanel([FieldPanel("proposed_changes", read_only=True)], heading=_("Voorstel")),
        FieldPanel("reviewed"),
    ]

    class Meta:
        verbose_name = _("controle van een vermelding")
        verbose_name_plural = _("controles van vermeldingen")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.service} ({self.created_at:%Y-%m-%d})" if self.created_at else str(self.service)

    @property
    def expires_at(self):
        return self.created_at + datetime.timedelta(days=link_days())

    @property
    def is_open(self):
        return self.used_at is None and timezone.now() < self.expires_at

    @classmethod
    def start(cls, service):
        """A new check and its token (the token exists only in the mail, never in the database)."""
        nonce = secrets.token_urlsafe(32)
        check = cls.objects.create(service=service, token_hash=_hash(nonce))
        return check, signing.dumps({"c": check.pk, "n": nonce}, salt=TOKEN_SALT, compress=False)

    @classmethod
    def from_token(cls, token, for_update=False):
        """The open check for a token, or None when forged, expired, unknown or already used."""
        try:
            data = signing.loads(token, salt=TOKEN_SALT, max_age=datetime.timedelta(days=link_days()))
            pk, nonce = int(data["c"]), str(data["n"])
        except (signing.BadSignature, KeyError, TypeError, ValueError):
            return None
        queryset = cls.objects.select_related("service")
        if for_update:
            queryset = queryset.select_for_update()
        check = queryset.filter(pk=pk).first()
        if check is None or not hmac.compare_digest(check.token_hash, _hash(nonce)):
            return None
        return check

    # -- answers ------------------------------------------------------------------------------

    def confirm(self):
        from .models import Service

        now = timezone.now()
        self.used_at, self.outcome, self.reviewed = now, self.Outcome.CONFIRMED, True
        self.save(update_fields=["used_at", "outcome", "reviewed"])
        restore_hidden(self.service)
        # Every language of the service: last_checked_on is synchronised across translations.
        Service.objects.filter(translation_key=self.service.translation_key).update(
            last_checked_on=timezone.localdate()
        )

    def propose(self, text):
        self.used_at, self.outcome = timezone.now(), self.Outcome.CHANGES
        self.proposed_changes = text
        self.save(update_fields=["used_at", "outcome", "proposed_changes"])


def restore_hidden(service):
    """Publish again what check_listings unpublished for this service."""
    from wagtail.models import Revision

    from .models import Service

    for check in ListingCheck.objects.filter(service=service, hidden_at__isnull=False):
        for service_pk, revision_pk in check.hidden_revisions.items():
            record = Service.objects.filter(pk=service_pk, live=False).first()
            revision = Revision.objects.filter(pk=revision_pk).first()
            if record is not None and revision is not None:
                revision.publish(log_action=True, skip_permission_checks=True)
        check.hidden_at, check.hidden_revisions = None, {}
        check.save(update_fields=["hidden_at", "hidden_revisions"])


# --- The daily run ---------------------------------------------------------------------------


def site_root_url():
    from wagtail.models import Site

    site = Site.objects.filter(is_default_site=True).first()
    return (site.root_url if site else settings.WAGTAILADMIN_BASE_URL).rstrip("/")


def check_url(token):
    with translation.override(settings.LANGUAGE_CODE):
        return site_root_url() + reverse("directory:listing_check", kwargs={"token": token})


def stale_services(today=None):
    """Default-language services due for a check: live ones, and those we hid."""
    from wagtail.models import Locale

    from .models import Service

    cutoff = months_ago(verify_after_months(), today)
    hidden_by_us = ListingCheck.objects.filter(hidden_at__isnull=False).values("service_id")
    return (
        Service.objects.filter(locale=Locale.get_default(), status=Service.Status.ACTIVE)
        .filter(models.Q(live=True) | models.Q(pk__in=hidden_by_us))
        .filter(models.Q(last_checked_on__isnull=True) | models.Q(last_checked_on__lt=cutoff))
        .select_related("organisation")
        .order_by("pk")
    )


def request_check(service):
    """Mail a new link unless an open one exists. Returns 'sent', 'open', 'no_address' or 'failed'."""
    threshold = timezone.now() - datetime.timedelta(days=link_days())
    if ListingCheck.objects.filter(service=service, used_at__isnull=True, created_at__gt=threshold).exists():
        return "open"
    address = service.email or service.organisation.email
    if not address:
        return "no_address"
    with transaction.atomic():
        check, token = ListingCheck.start(service)
    context = {"service": service, "url": check_url(token), "days": link_days()}
    with translation.override(settings.LANGUAGE_CODE):
        subject = str(_("Klopt uw vermelding op de sociale kaart nog?"))
        body = render_to_string("directory/verification/check_mail.txt", context)
    try:
        send_mail(subject, body, None, [address])
    except Exception:
        # The link never arrived: forget it, so the next run tries again.
        logger.exception("Mail for the listing check of service %s failed", service.pk)
        check.delete()
        return "failed"
    check.sent_at = timezone.now()
    check.save(update_fields=["sent_at"])
    return "sent"


def hide_if_long_stale(service, today=None):
    """Unpublish every language of a service not checked for the hide period. True if hidden."""
    from .models import Service

    months = hide_after_months()
    if not months or service.last_checked_on is None:
        return False
    if service.last_checked_on >= months_ago(months, today):
        return False
    records = list(Service.objects.filter(translation_key=service.translation_key, live=True))
    if not records:
        return False
    with transaction.atomic():
        hidden = {}
        for record in records:
            # Remember what was live, so a confirmation can publish exactly that again.
            revision_id = record.live_revision_id or record.save_revision(clean=False).pk
            hidden[str(record.pk)] = revision_id
            record.unpublish(log_action=True)
        check = ListingCheck.objects.filter(service=service).order_by("-created_at").first()
        if check is None:
            check, _token = ListingCheck.start(service)
        check.hidden_at = timezone.now()
        check.hidden_revisions = {**check.hidden_revisions, **hidden}
        check.save(update_fields=["hidden_at", "hidden_revisions"])
    return True
