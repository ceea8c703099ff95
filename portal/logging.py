"""Keep help-request content and contact details out of logs and error reports (AVG).

``ScrubPersonalDataFilter`` (on the log handlers) removes, from every log line and traceback:
the values a visitor posted on a portal form during the current request, e-mail addresses and
phone numbers. ``PortalExceptionReporterFilter`` hides all POST data of portal forms in error reports.
"""

import contextvars
import logging
import re

from django.views.debug import SafeExceptionReporterFilter

_sensitive_values = contextvars.ContextVar("portal_sensitive_values", default=())

EMAIL_RE = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
PHONE_RE = re.compile(r"(?<!\d)(\+31|0031|0)[\s-]?[1-9](?:[\s-]?\d){7,8}(?!\d)")
REPLACEMENT = "[verwijderd]"
SENSITIVE_FIELDS = (
    "first_name",
    "phone",
    "email",
    "message",
    "contact_name",
    "contact_email",
    "contact_phone",
    "address",
)


def remember_sensitive(post):
    """Mark what this request posted as sensitive for the log filter; returns a reset token."""
    values = tuple(
        value for name in SENSITIVE_FIELDS for value in post.getlist(name) if value and len(value) >= 3
    )
    return _sensitive_values.set(values)


def forget_sensitive(token):
    _sensitive_values.reset(token)


def scrub(text):
    if not text:
        return text
    for value in sorted(_sensitive_values.get(), key=len, reverse=True):
        text = text.replace(value, REPLACEMENT)
    text = EMAIL_RE.sub(REPLACEMENT, text)
    return PHONE_RE.sub(REPLACEMENT, text)


class ScrubPersonalDataFilter(logging.Filter):
    def filter(self, record):
        try:
            message = record.getMessage()
        except Exception:  # noqa: BLE001 - a broken format string is not our business here
            message = str(record.msg)
        record.msg = scrub(message)
        record.args = ()
        if record.exc_info:
            record.exc_text = scrub(logging.Formatter().formatException(record.exc_info))
            record.exc_info = None
        elif record.exc_text:
            record.exc_text = scrub(record.exc_text)
        return True


class PortalExceptionReporterFilter(SafeExceptionReporterFilter):
    """Error reports show no POST values of portal forms (recognised by their form token)."""

    def get_post_parameters(self, request):
        if request is not None and "form_token" in getattr(request, "POST", {}):
            return dict.fromkeys(request.POST, self.cleansed_substitute)
        return super().get_post_parameters(request)
