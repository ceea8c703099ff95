"""sitemap.xml with the pages of every language.

Wagtail's own sitemap lists only the descendants of the site's root page, which is the Dutch home
page; the English tree hangs under the English home page (its translation), so it was missing.
"""

from django.db.models import Q
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page


class AllLanguagesSitemap(Sitemap):
    def items(self):
        root = self.get_wagtail_site().root_page
        in_any_tree = Q()
        for translation in root.get_translations(inclusive=True):
            in_any_tree |= Q(path__startswith=translation.path)
        return (
            Page.objects.filter(in_any_tree).live().public().order_by("path").defer_streamfields().specific()
        )
