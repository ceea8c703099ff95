"""Serving the two form pages: anti-abuse checks, validation, storing, thank-you page.

Order of a POST: body size, rate limit (both before the body is parsed), honeypot, one-time
token (signature, age, fill time), validation, then one transaction that stores the token, the
submission and its outbox mails. A rejected post gets a page with a clear message, never a 500.
"""

import logging
import time
import uuid

from django.conf import settings
from django.core import signing
from django.core.cache import caches
from django.db import IntegrityError, transaction
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_variables

from .forms import HelpRequestForm, PartnerSignupForm, ServiceFormSet
from .logging import forget_sensitive, remember_sensitive
from .models import UsedFormToken
from .submissions import create_help_request, create_partner_signup

logger = logging.getLogger("portal.forms")

TOKEN_SALT = "portal.form-token"  # noqa: S105 - a signing salt, not a password
HONEYPOT_FIELD = "homepage_url"
SESSION_KEY = "portal_reference_{}"


def setting(name, default):
    return getattr(settings, name, default)


def new_token():
    return signing.dumps({"id": uuid.uuid4().hex, "t": time.time()}, salt=TOKEN_SALT)


def client_ip(request):
    header = setting("PORTAL_CLIENT_IP_HEADER", "REMOTE_ADDR")
    value = request.META.get(header) or request.META.get("REMOTE_ADDR", "")
    return value.split(",")[0].strip()


def rate_limited(request, page):
    """True when this IP posted more than PORTAL_RATE_LIMIT_POSTS forms within the window."""
    limit = setting("PORTAL_RATE_LIMIT_POSTS", 10)
    window = setting("PORTAL_RATE_LIMIT_WINDOW", 600)
    key = f"portal:rate:{client_ip(request)}"
    # The "ratelimit" cache (production) falls back to process memory when Redis is down, so the
    # limit still holds; the default cache falls back to no cache at all.
    counter = caches["ratelimit" if "ratelimit" in settings.CACHES else "default"]
    try:
        counter.add(key, 0, timeout=window)
        count = counter.incr(key)
    except ValueError:  # expired between add and incr
        counter.set(key, 1, timeout=window)
        count = 1
    except Exception:  # noqa: BLE001 - a cache outage must not block residents
        logger.warning("rate limit cache unavailable")
        return False
    return count > limit


class Rejected(Exception):
    def __init__(self, message, status, keep_token=False):
        super().__init__(message)
        self.message = message
        self.status = status
        self.keep_token = keep_token


def check_token(request):
    """Return the token id if the token is valid and the form was not filled in too fast."""
    raw = request.POST.get("form_token", "")
    try:
        data = signing.loads(raw, salt=TOKEN_SALT)
        started = float(data["t"])
    except (signing.BadSignature, KeyError, TypeError, ValueError) as error:
        raise Rejected(
            _("Het formulier kon niet worden gecontroleerd. Kijk uw antwoorden na en verstuur het opnieuw."),
            400,
        ) from error
    if time.time() - started > setting("PORTAL_FORM_MAX_AGE", 24 * 3600):
        raise Rejected(
            _("Het formulier stond te lang open. Kijk uw antwoorden na en verstuur het opnieuw."), 400
        )
    if time.time() - started < setting("PORTAL_MIN_FILL_SECONDS", 3):
        # The same token stays: once the minimum time has passed, sending again works.
        raise Rejected(
            _("Dat ging erg snel. Kijk uw antwoorden na en verstuur het formulier opnieuw."),
            400,
            keep_token=True,
        )
    return str(data.get("id", ""))[:64]


def build_forms(page, request, data=None, files=None):
    language = getattr(request, "LANGUAGE_CODE", page.locale.language_code)
    if page.kind == "help":
        return HelpRequestForm(data, consent_text=page.consent_text), None, language
    form = PartnerSignupForm(data, files, consent_text=page.consent_text, locale=page.locale)
    formset = ServiceFormSet(data, prefix="services")
    return form, formset, language


def render_form(page, request, form, formset, token, rejection="", status=200):
    summary = []
    if form.is_bound:
        summary = form.error_summary()
        form.mark_invalid()
        if formset is not None:
            summary += [(formset.forms[0]["name"].auto_id, e) for e in formset.non_form_errors()]
            summary += formset.error_summary()
            formset.mark_invalid()
    context = page.get_context(request)
    context.update(
        {
            "form": form,
            "formset": formset,
            "form_token": token,
            "honeypot_field": HONEYPOT_FIELD,
            "error_summary": summary,
            "rejection": rejection,
        }
    )
    return TemplateResponse(request, page.get_template(request), context, status=status)


def render_thanks(page, request, reference):
    context = page.get_context(request)
    context.update({"reference": reference, "thanks": True})
    return TemplateResponse(request, page.get_template(request), context)


def serve_form_page(page, request):
    if request.method == "POST":
        return handle_post(page, request)
    if request.GET.get("verzonden"):
        reference = request.session.get(SESSION_KEY.format(page.pk))
        if reference:
            return render_thanks(page, request, reference)
        return HttpResponseRedirect(page.get_url(request))
    form, formset, _language = build_forms(page, request)
    return render_form(page, request, form, formset, new_token())


def handle_post(page, request):
    # Error reports never show what a visitor typed (AVG).
    request.sensitive_post_parameters = "__ALL__"
    length_ok = _body_size_ok(request)
    if length_ok and rate_limited(request, page):
        form, formset, _language = build_forms(page, request)
        return render_form(
            page,
            request,
            form,
            formset,
            new_token(),
            _("U heeft te vaak een formulier verstuurd. Wacht tien minuten en probeer het dan opnieuw."),
            status=429,
        )
    token = remember_sensitive(request.POST) if length_ok else None
    try:
        return _handle_post(page, request, length_ok)
    finally:
        if token is not None:
            forget_sensitive(token)


def _body_size_ok(request):
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    return length <= setting("PORTAL_MAX_BODY_BYTES", 3 * 1024 * 1024)


@sensitive_variables()
def _handle_post(page, request, length_ok):
    # 1. Size and rate, before the body is read.
    if not length_ok:
        form, formset, _language = build_forms(page, request)
        return render_form(
            page,
            request,
            form,
            formset,
            new_token(),
            _("Uw formulier is te groot om te versturen. Het logo mag hoogstens 2 MB zijn."),
            status=413,
        )
    form, formset, language = build_forms(page, request, request.POST, request.FILES)
    token = request.POST.get("form_token", "")

    # 2. Honeypot: people do not see this field; robots fill it in.
    if request.POST.get(HONEYPOT_FIELD):
        logger.info("portal form rejected: honeypot")
        return render_form(
            page,
            request,
            form,
            formset,
            new_token(),
            _(
                "Uw formulier is niet verstuurd. Laat het veld 'Laat dit veld leeg' leeg "
                "en probeer het opnieuw."
            ),
            status=400,
        )

    # 3. One-time token: signature, age and fill time.
    try:
        token_id = check_token(request)
    except Rejected as rejection:
        logger.info("portal form rejected: token")
        keep = token if rejection.keep_token else new_token()
        return render_form(page, request, form, formset, keep, rejection.message, status=rejection.status)

    # 4. Validation.
    valid = form.is_valid()
    if formset is not None:
        valid = formset.is_valid() and valid
    if not valid:
        return render_form(page, request, form, formset, token)

    # 5. Store token, submission and mails in one transaction; a used token means a double submit.
    try:
        with transaction.atomic():
            used = UsedFormToken.objects.create(token=token_id)
            if page.kind == "help":
                submission = create_help_request(page, form.cleaned_data, language)
            else:
                services = [
                    {
                        key: item.cleaned_data.get(key, "")
                        for key in ("name", "category", "target_group", "description")
                    }
                    for item in formset.forms
                    if item.is_filled
                ]
                submission = create_partner_signup(page, form.cleaned_data, services, language)
            used.reference = submission.reference
            used.save(update_fields=["reference"])
    except IntegrityError:
        existing = UsedFormToken.objects.filter(token=token_id).first()
        if existing is None:
            raise
        logger.info("portal form: double submit ignored")
        reference = existing.reference
    else:
        reference = submission.reference
    request.session[SESSION_KEY.format(page.pk)] = reference
    return HttpResponseRedirect(page.get_url(request) + "?verzonden=1")
