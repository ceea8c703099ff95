"""Security headers on every response: Content-Security-Policy and Permissions-Policy.

Django's SecurityMiddleware already sends HSTS, X-Content-Type-Options, Referrer-Policy and
Cross-Origin-Opener-Policy, and XFrameOptionsMiddleware sends X-Frame-Options; this middleware adds
what Django 5.2 lacks (CSP arrives only in Django 6).

Two policies:
- the public site: scripts only from our own origin, no 'unsafe-inline', no 'unsafe-eval'. A
  template that really needs an inline script uses ``nonce="{{ request.csp_nonce }}"``; the nonce
  is then added to the header (and such a page is never stored in the page cache).
- the Wagtail admin (``/admin/``): Wagtail 8 still renders inline scripts (date pickers, inline
  panels, workflow) and its bundles build templates with ``new Function``, so the admin gets
  'unsafe-inline' and 'unsafe-eval' for scripts. It is only reachable after password + TOTP.

frame-ancestors is 'none' everywhere, except admin responses a Wagtail view explicitly allows to
be framed by the admin itself (the live preview sets X-Frame-Options: SAMEORIGIN): then 'self'.
A response that already carries a Content-Security-Policy (Wagtail's image and document serving
send "default-src 'none'") keeps it.

The directory's map loads tiles from DIRECTORY_MAP_TILE_URL; the public img-src names that server's
origin, read at each response so a changed setting (or a test's override) takes effect.
"""

import secrets
from urllib.parse import urlsplit

from django.conf import settings
from django.utils.functional import SimpleLazyObject

PUBLIC_CSP = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    # Embeds (video) and images from editors can come from elsewhere over HTTPS.
    "img-src": ["'self'", "data:", "https:"],
    "media-src": ["'self'", "https:"],
    "frame-src": ["https://www.youtube-nocookie.com", "https://www.youtube.com", "https://player.vimeo.com"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}

ADMIN_CSP = {
    "default-src": ["'self'"],
    "script-src": ["'self'", "'unsafe-inline'", "'unsafe-eval'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:", "https:"],
    "media-src": ["'self'", "blob:", "https:"],
    "frame-src": ["'self'", "https:"],
    "font-src": ["'self'", "data:"],
    "connect-src": ["'self'"],
    "worker-src": ["'self'", "blob:"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}

PERMISSIONS_POLICY = (
    "accelerometer=(), autoplay=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), "
    "magnetometer=(), microphone=(), midi=(), payment=(), usb=(), interest-cohort=()"
)


def map_tile_sources():
    """img-src entries for the map's tile server: its origin, or nothing when the map is off.

    Leaflet's ``{s}`` subdomain placeholder becomes a ``*.`` wildcard; any other placeholder in the
    host cannot be written as a CSP source, so the scheme alone is allowed then.
    """
    url = getattr(settings, "DIRECTORY_MAP_TILE_URL", "")
    parts = urlsplit(url) if url else None
    if parts is None or parts.scheme not in ("http", "https") or not parts.netloc:
        return []  # off, or a relative or data: URL that 'self' and data: already cover
    host = parts.netloc.rpartition("@")[2]
    if host.startswith("{s}."):
        host = "*." + host[len("{s}.") :]
    if "{" in host or "}" in host:
        return [f"{parts.scheme}:"]
    return [f"{parts.scheme}://{host}"]


def build_policy(directives, nonce=None, frame_self=False, extra=None):
    parts = []
    for name, values in directives.items():
        values = list(values)
        for value in (extra or {}).get(name, []):
            if value not in values:
                values.append(value)
        if name == "script-src" and nonce:
            values.append(f"'nonce-{nonce}'")
        if name == "frame-ancestors" and frame_self:
            values = ["'self'"]
        parts.append(f"{name} {' '.join(values)}")
    if getattr(settings, "CSP_REPORT_URI", ""):
        parts.append(f"report-uri {settings.CSP_REPORT_URI}")
    return "; ".join(parts)


def is_admin_path(path):
    return path.startswith(getattr(settings, "ADMIN_PATH_PREFIX", "/admin/"))


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        def make_nonce():
            request._csp_nonce_used = True
            return secrets.token_urlsafe(16)

        request._csp_nonce_used = False
        request.csp_nonce = SimpleLazyObject(make_nonce)

        response = self.get_response(request)

        if "Content-Security-Policy" not in response:
            admin = is_admin_path(request.path)
            nonce = str(request.csp_nonce) if request._csp_nonce_used else None
            frame_self = admin and response.get("X-Frame-Options", "").upper() == "SAMEORIGIN"
            response["Content-Security-Policy"] = build_policy(
                ADMIN_CSP if admin else PUBLIC_CSP,
                nonce=nonce,
                frame_self=frame_self,
                extra=None if admin else {"img-src": map_tile_sources()},
            )
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response
