from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.http import HttpResponse
from django.urls import include, path
from django.views.decorators.http import require_GET
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from config import twofactor
from config.sitemaps import AllLanguagesSitemap
from search import views as search_views


@require_GET
def robots_txt(request):
    lines = ["User-agent: *", "Disallow: /admin/", f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}"]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


@require_GET
def healthz(request):
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [
    # Two-factor authentication for the admin (config/twofactor.py); before Wagtail's admin URLs.
    path("admin/2fa/setup/", twofactor.setup, name="twofactor_setup"),
    path("admin/2fa/verify/", twofactor.verify, name="twofactor_verify"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    # Every language in the sitemap (campaigns/coalitions issue): see config/sitemaps.py.
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": AllLanguagesSitemap}}, name="sitemap"),
    path("robots.txt", robots_txt, name="robots_txt"),
    path("healthz/", healthz, name="healthz"),
    # directory: the Open Referral HSDS 3.0 API and CSV export (no language prefix).
    path("api/hsds/", include("directory.api.urls")),
]

urlpatterns += i18n_patterns(
    path("zoeken/", search_views.search, name="search"),
    # directory: the link in the "is your listing still correct?" mail.
    path("", include("directory.urls")),
    # Wagtail's page serving last: it matches every remaining path.
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)

# Database down: 503 with Retry-After and a page that needs no database (config/outage.py).
handler500 = "config.outage.server_error"

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns = (
        staticfiles_urlpatterns()
        + static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
        + urlpatterns
    )
