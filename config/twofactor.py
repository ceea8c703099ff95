"""Two-factor authentication (TOTP) for the Wagtail admin, built on django-otp.

No maintained 2FA package supports Wagtail 8 yet (wagtail-2fa 1.8 imports a module Wagtail 8
removed), so this is the small piece we need:

- ``TwoFactorMiddleware`` (after AuthenticationMiddleware) is django-otp's OTPMiddleware, which
  gives ``request.user.is_verified()``, plus enforcement: a signed-in user who asks for an admin
  page without having entered a code this session is sent to ``/admin/2fa/verify/`` (has a
  confirmed TOTP device) or ``/admin/2fa/setup/`` (has none yet). Login, logout, password reset
  and these two pages stay reachable.
- ``setup``: shows a QR code (SVG, made here, nothing sent to a third party) for a new TOTP
  device; the device is confirmed once the user types a valid code.
- ``verify``: asks for the 6-digit code. django-otp throttles wrong codes (growing delays).
"""

import io
from urllib.parse import quote

import django_otp
import qrcode
import qrcode.image.svg
from django import forms
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import Resolver404, resolve, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django_otp.middleware import OTPMiddleware
from django_otp.plugins.otp_totp.models import TOTPDevice

from config.security import is_admin_path

# Admin URL names that a signed-in user may reach before the second factor.
OPEN_URL_NAMES = {
    "wagtailadmin_login",
    "wagtailadmin_logout",
    "wagtailadmin_password_reset",
    "wagtailadmin_password_reset_done",
    "wagtailadmin_password_reset_confirm",
    "wagtailadmin_password_reset_complete",
    "wagtailadmin_javascript_catalog",
    "wagtailadmin_sprite",
    "twofactor_setup",
    "twofactor_verify",
}


def has_confirmed_device(user):
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


class TwoFactorMiddleware(OTPMiddleware):
    sync_capable = True
    async_capable = False

    def __call__(self, request):
        self._install_lazy_accessors(request)  # request.user.is_verified(), from django-otp
        return self.enforce(request) or self.get_response(request)

    def enforce(self, request):
        if not is_admin_path(request.path_info):
            return None
        user = request.user
        if not user.is_authenticated or user.is_verified():
            return None
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return None
        if match.url_name in OPEN_URL_NAMES:
            return None
        target = "twofactor_verify" if has_confirmed_device(user) else "twofactor_setup"
        return redirect(f"{reverse(target)}?next={quote(request.get_full_path())}")


class TokenForm(forms.Form):
    otp_token = forms.CharField(
        label=_("Code uit uw app"),
        min_length=6,
        max_length=8,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )

    def clean_otp_token(self):
        return self.cleaned_data["otp_token"].replace(" ", "")


def safe_next(request):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
        return target
    return reverse("wagtailadmin_home")


def qr_svg(text):
    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    buffer = io.BytesIO()
    image.save(buffer)
    svg = buffer.getvalue().decode()
    return svg[svg.index("<svg") :]  # drop the XML declaration: it is inlined in HTML


def device_matches(device, token):
    """Check a code; django-otp throttles a device after wrong codes."""
    allowed, _info = device.verify_is_allowed()
    return bool(allowed) and device.verify_token(token)


@never_cache
@sensitive_post_parameters("otp_token")
@login_required(login_url="wagtailadmin_login")
def setup(request):
    user = request.user
    if has_confirmed_device(user) and not user.is_verified():
        return redirect(f"{reverse('twofactor_verify')}?next={quote(safe_next(request))}")
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=str(_("App")), confirmed=False)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device_matches(device, form.cleaned_data["otp_token"]):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            TOTPDevice.objects.filter(user=user, confirmed=False).delete()
            django_otp.login(request, device)
            return redirect(safe_next(request))
        form.add_error("otp_token", _("Deze code klopt niet. Probeer de nieuwste code uit uw app."))
    return render(
        request,
        "twofactor/setup.html",
        {
            "form": form,
            "qr_svg": qr_svg(device.config_url),
            "secret": device.config_url.split("secret=")[1].split("&")[0],
            "next": safe_next(request),
        },
    )


@never_cache
@sensitive_post_parameters("otp_token")
@login_required(login_url="wagtailadmin_login")
def verify(request):
    user = request.user
    if user.is_verified():
        return redirect(safe_next(request))
    devices = list(TOTPDevice.objects.filter(user=user, confirmed=True))
    if not devices:
        return redirect(f"{reverse('twofactor_setup')}?next={quote(safe_next(request))}")
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        token = form.cleaned_data["otp_token"]
        for device in devices:
            if device_matches(device, token):
                django_otp.login(request, device)
                return redirect(safe_next(request))
        form.add_error("otp_token", _("Deze code klopt niet. Probeer de nieuwste code uit uw app."))
    return render(request, "twofactor/verify.html", {"form": form, "next": safe_next(request)})
