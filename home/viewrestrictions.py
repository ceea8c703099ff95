"""Page view restrictions without two queries on every page view.

Wagtail checks each page it serves for restrictions on the page and its ancestors: one query for
the ancestors (to resolve aliases), one for the restrictions. Most sites restrict nothing, or a
few pages. Which pages are restricted is kept with the content generation (home/generation.py):
saving or deleting a restriction replaces the generation (config.pagecache.connect_signals).
A page with no restricted page on its path is answered with an empty queryset (no query); any
other page goes through Wagtail's own check, aliases and all.
"""

from wagtail.models import Page, PageViewRestriction

from home.generation import remember

_wagtail_get_view_restrictions = Page.get_view_restrictions


def paths_to_check():
    """Tree paths below which Wagtail's own check is needed: restricted pages, and aliases (an
    alias uses its original's restrictions, wherever that page is in the tree)."""

    def build():
        restricted = PageViewRestriction.objects.values_list("page__path", flat=True)
        aliases = Page.objects.filter(alias_of__isnull=False).values_list("path", flat=True)
        return tuple(set(restricted) | set(aliases))

    return remember("view-restriction-paths", (), build)


def get_view_restrictions(page):
    if not page.path.startswith(paths_to_check()):
        return PageViewRestriction.objects.none()
    return _wagtail_get_view_restrictions(page)


def install():
    Page.get_view_restrictions = get_view_restrictions
