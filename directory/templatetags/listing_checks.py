"""Template helpers for keeping listings true (directory/verification.py)."""

from django import template

from directory.verification import is_stale

register = template.Library()


@register.filter(name="is_stale")
def is_stale_filter(service):
    """{% if service|is_stale %}: not checked for DIRECTORY_VERIFY_AFTER_MONTHS months."""
    return is_stale(service)


@register.inclusion_tag("directory/verification/stale_notice.html")
def stale_notice(service):
    """A notice for a service page: {% load listing_checks %}{% stale_notice service %}."""
    return {"service": service, "stale": is_stale(service)}
