"""The API's URLs without the site's language-prefixed patterns.

The views set `request.urlconf` to this module after they have run, so Django's LocaleMiddleware
does not turn an API 404 (an unknown id) into a redirect to /nl/api/hsds/...: it only does that
when the URLconf uses i18n_patterns. Resolution and reverse() are not affected.
"""

from django.urls import include, path

urlpatterns = [path("api/hsds/", include("directory.api.urls"))]
