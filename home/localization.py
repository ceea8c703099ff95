from django.utils.translation import get_language
from wagtail.models import Page


def localized_pages(pages):
    """{translation_key: live page in the active language} for many pages, in one query.

    `page.localized` costs two queries per page; menus and entry points link to many pages.
    Pages without a live translation are missing from the result: callers fall back to the page.
    """
    keys = {page.translation_key for page in pages if page is not None}
    if not keys:
        return {}
    found = Page.objects.live().filter(translation_key__in=keys, locale__language_code=get_language())
    return {page.translation_key: page for page in found}
