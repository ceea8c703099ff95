"""Approving and rejecting partner sign-ups.

Approval creates (or links) the directory Organisation, creates its services as drafts, and adds
the organisation as partner on the chosen coalition pages as a draft revision. The partner
inline and the Service model are found by their relation to ``directory.Organisation``, so this
module does not import the coalitions app (which sits beside portal in the layering).
"""

import io

from django.apps import apps
from django.core.files.images import ImageFile
from django.db import models, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import override
from modelcluster.fields import ParentalKey
from wagtail.models import Locale

from directory.models import Organisation

from .models import PartnerSignup, PartnerSignupEvent
from .outbox import queue_mail


class ApprovalError(Exception):
    pass


def record(signup, user, from_status, note=""):
    PartnerSignupEvent.objects.create(
        signup=signup, user=user, from_status=from_status, to_status=signup.status, note=note
    )


def set_in_review(signup, user):
    if signup.status != PartnerSignup.Status.NEW:
        raise ApprovalError(_("Alleen een nieuwe aanmelding kan in behandeling gaan."))
    old = signup.status
    signup.status = PartnerSignup.Status.IN_REVIEW
    signup.save(update_fields=["status", "updated_at"])
    record(signup, user, old)


def _service_model():
    try:
        return apps.get_model("directory", "Service")
    except LookupError:
        return None


def _fk_to(model, target):
    for field in model._meta.get_fields():
        if isinstance(field, models.ForeignKey) and field.related_model is target:
            return field
    return None


def _unique_slug(model, base, locale):
    base = (slugify(base) or "aanbod")[:180]
    slug, number = base, 2
    while model.objects.filter(slug=slug, locale=locale).exists():
        slug, number = f"{base}-{number}", number + 1
    return slug


def create_services(signup, organisation):
    """Draft Services in the directory, one per offered service. Returns the created services."""
    service_model = _service_model()
    if service_model is None:
        return []
    organisation_field = _fk_to(service_model, Organisation)
    field_names = {field.name for field in service_model._meta.get_fields()}
    created = []
    for offered in signup.services.all():
        service = service_model()
        if organisation_field is not None:
            setattr(service, organisation_field.name, organisation)
        service.name = offered.name
        if "locale" in field_names:
            service.locale = organisation.locale
        if "slug" in field_names:
            service.slug = _unique_slug(service_model, offered.name, organisation.locale)
        summary = offered.description or offered.name
        if "short_description" in field_names:
            service.short_description = summary[:300]
        if "description" in field_names:
            parts = [offered.description]
            if offered.target_group:
                parts.append(_("Voor wie: %(group)s") % {"group": offered.target_group})
            parts.append(_("Soort: %(kind)s") % {"kind": offered.get_category_display()})
            service.description = "\n\n".join(part for part in parts if part)
        if "live" in field_names:
            service.live = False  # a draft: an editor checks and publishes it
        service.save()
        if hasattr(service, "save_revision"):
            service.save_revision()
        created.append(service)
    return created


def partner_relation(page):
    """(accessor, child model, organisation field name) of the page's partner inline, or None.

    The inline is the child relation (ParentalKey) with a required link to an Organisation;
    one called ``partners`` wins.
    """
    candidates = []
    for relation in page._meta.related_objects:
        if not isinstance(relation.field, ParentalKey):
            continue
        organisation_field = _fk_to(relation.related_model, Organisation)
        if organisation_field is None or organisation_field.null:
            continue
        candidates.append((relation.get_accessor_name(), relation.related_model, organisation_field.name))
    candidates.sort(key=lambda item: item[0] != "partners")
    return candidates[0] if candidates else None


def add_partner_draft(page, organisation, user):
    """Add the organisation as partner of the page in a new draft revision. True if added.

    An alias (the English tree's copy of a Dutch page) cannot have revisions of its own: it copies
    its source when that is published, so the partner is added to the source.
    """
    page = page.specific
    if getattr(page, "alias_of_id", None):
        page = page.alias_of.specific
    relation = partner_relation(page)
    if relation is None:
        return False
    accessor, child_model, field_name = relation
    draft = page.get_latest_revision_as_object()
    manager = getattr(draft, accessor)
    if any(getattr(item, f"{field_name}_id") == organisation.pk for item in manager.all()):
        return False
    child = child_model(**{field_name: organisation})
    if hasattr(child, "locale_id"):
        child.locale = draft.locale
    manager.add(child)
    draft.save_revision(user=user, log_action=True)
    return True


def _logo_image(signup, organisation_name, user):
    if not signup.logo:
        return None
    from wagtail.images import get_image_model

    image_model = get_image_model()
    signup.logo.open("rb")
    try:
        content = signup.logo.read()
    finally:
        signup.logo.close()
    image = image_model(
        title=organisation_name,
        uploaded_by_user=user,
        file=ImageFile(io.BytesIO(content), name=signup.logo.name.rsplit("/", 1)[-1]),
    )
    image.save()
    return image


@transaction.atomic
def approve(signup, user, organisation=None, coalition_pages=None):
    if signup.status not in PartnerSignup.OPEN_STATUSES:
        raise ApprovalError(_("Deze aanmelding is al afgehandeld."))
    if organisation is None:
        organisation = Organisation(
            name=signup.organisation_name,
            website=signup.website,
            kvk_number=signup.kvk_number,
            locale=Locale.get_default(),
        )
        organisation.logo = _logo_image(signup, signup.organisation_name, user)
        organisation.save()
        # The approval is the authorised act; the reviewer needs no publish right on organisations.
        organisation.save_revision(user=user).publish(user=user, skip_permission_checks=True)
    services = create_services(signup, organisation)
    pages = list(coalition_pages if coalition_pages is not None else signup.coalitions.all())
    partnered = [page for page in pages if add_partner_draft(page, organisation, user)]

    old = signup.status
    signup.status = PartnerSignup.Status.APPROVED
    signup.organisation = organisation
    signup.decided_at = signup.closed_at = timezone.now()
    signup.save()
    record(signup, user, old)
    with override(signup.language):
        queue_mail(
            [signup.contact_email],
            _("Uw aanmelding %(reference)s is goedgekeurd") % {"reference": signup.reference},
            _(
                "Beste %(name)s,\n\nGoed nieuws: de aanmelding van %(organisation)s is goedgekeurd. "
                "Een redacteur zet uw organisatie en uw aanbod binnenkort online.\n\n"
                "Met vriendelijke groet,\nErbij"
            )
            % {"name": signup.contact_name, "organisation": signup.organisation_name},
            reference=signup.reference,
        )
    return organisation, services, partnered


@transaction.atomic
def reject(signup, user, reason):
    if signup.status not in PartnerSignup.OPEN_STATUSES:
        raise ApprovalError(_("Deze aanmelding is al afgehandeld."))
    if not reason.strip():
        raise ApprovalError(_("Schrijf de reden van de afwijzing op."))
    old = signup.status
    signup.status = PartnerSignup.Status.REJECTED
    signup.rejection_reason = reason.strip()
    signup.decided_at = signup.closed_at = timezone.now()
    signup.save()
    record(signup, user, old, note=reason.strip())
    with override(signup.language):
        queue_mail(
            [signup.contact_email],
            _("Uw aanmelding %(reference)s is niet goedgekeurd") % {"reference": signup.reference},
            _(
                "Beste %(name)s,\n\nHelaas kunnen we de aanmelding van %(organisation)s niet goedkeuren. "
                "De reden:\n\n%(reason)s\n\nHeeft u vragen? Beantwoord dan deze mail.\n\n"
                "Met vriendelijke groet,\nErbij"
            )
            % {
                "name": signup.contact_name,
                "organisation": signup.organisation_name,
                "reason": signup.rejection_reason,
            },
            reference=signup.reference,
        )
