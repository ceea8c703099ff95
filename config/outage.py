"""Answering sensibly when the database is down.

``server_error`` is the project's handler500. Django calls it for every uncaught exception, also
those raised in middleware (sessions, authentication), while the exception is still being
handled. When that exception is a database error (no connection, server gone), the visitor gets
503 Service Unavailable with Retry-After and a friendly Dutch page that needs no database; any
other error gets the normal 500 page.

A form POST that fails on the database raises here as well, so the visitor sees the 503 page
("your message has not arrived") and never a thank-you page for something that was not stored.
"""

import logging
import sys

from django.conf import settings
from django.db import DatabaseError, InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseServerError
from django.template import loader
from django.views.decorators.csrf import requires_csrf_token

logger = logging.getLogger("erbij.outage")

DATABASE_DOWN_ERRORS = (OperationalError, InterfaceError)


def database_is_down(exc):
    """True for errors that mean 'cannot reach the database' rather than a bug in a query."""
    while exc is not None:
        if isinstance(exc, DATABASE_DOWN_ERRORS):
            return True
        if isinstance(exc, DatabaseError) and "connect" in str(exc).lower():
            return True
        exc = exc.__cause__ or exc.__context__
    return False


def service_unavailable(request=None):
    # Rendered without a request: no context processor, no settings lookup, no database.
    html = loader.get_template("503.html").render({"retry_after_minutes": 1})
    response = HttpResponse(html, status=503, content_type="text/html; charset=utf-8")
    response["Retry-After"] = str(getattr(settings, "RETRY_AFTER_SECONDS", 60))
    response["Cache-Control"] = "no-store"
    return response


@requires_csrf_token
def server_error(request, template_name="500.html"):
    exc = sys.exc_info()[1]
    if database_is_down(exc):
        logger.error("Database unavailable, answered 503: %s", exc.__class__.__name__)
        return service_unavailable(request)
    try:
        template = loader.get_template(template_name)
    except Exception:  # noqa: BLE001 - the last resort must not fail
        return HttpResponseServerError("<h1>Server Error (500)</h1>", content_type="text/html")
    return HttpResponseServerError(template.render())
