from django import template
from django.conf import settings
from django.db.models import Q
from django.urls import translate_url
from django.utils.translation import get_language, get_language_info
from wagtail.models import Locale, Page, Site

from home.models import NavigationSettings, SiteSettings

register = template.Library()


def _default_language():
    return settings.LANGUAGE_CODE.split("-")[0]


def _linked_page_ids(stream):
    # The raw block data holds the page ids: reading them does not fetch the pages one stream
    # at a time, so the menu and the footer share one query.
    ids = set()
    for block in stream.raw_data:
        value = block.get("value") or {}
        if isinstance(value, dict) and isinstance(value.get("page"), int):
            ids.add(value["page"])
    return ids


def _link_targets(request, streams):
    """{page id: page to link to} for the pages linked from these streams, in one query.

    The page to link to is the live translation in the visitor's language, else the linked page.
    Kept on the request: the menu and the footer of one page view ask for the same pages.
    """
    language = get_language()
    memo = getattr(request, "_erbij_link_targets", None) if request is not None else None
    if memo is None or memo["language"] != language:
        memo = {"language": language, "targets": {}}
        if request is not None:
            request._erbij_link_targets = memo
    targets = memo["targets"]
    wanted = set().union(*(_linked_page_ids(stream) for stream in streams)) - targets.keys()
    if wanted:
        originals = Page.objects.filter(pk__in=wanted)
        found = Page.objects.filter(
            Q(pk__in=wanted)
            | Q(
                live=True,
                locale__language_code=language,
                translation_key__in=originals.values("translation_key"),
            )
        ).select_related("locale")
        by_id = {page.pk: page for page in found}
        translated = {
            page.translation_key: page
            for page in found
            if page.live and page.locale.language_code == language
        }
        for pk in wanted:
            page = by_id.get(pk)
            targets[pk] = translated.get(page.translation_key, page) if page is not None else None
    return targets


def _site_streams(request):
    """The menu and footer streams of the request's site: resolved together (see _link_targets)."""
    site = Site.find_for_request(request) if request else None
    if not site:
        return []
    return [NavigationSettings.for_request(request).main_menu, SiteSettings.for_request(request).footer_links]


def resolve_links(stream, request, current=None):
    """Menu and footer links in the visitor's language, with one query for all linked pages.

    Links are written in the default language; other languages show the translated page's
    title, so a menu never mixes languages.
    """
    targets = _link_targets(request, [stream, *_site_streams(request)])
    default_language = get_language() == _default_language()
    items = []
    for block in stream.raw_data:
        value = block.get("value") or {}
        target = targets.get(value.get("page")) if value.get("page") else None
        if target is not None:
            label = value.get("text", "") if default_language else target.title
            url = target.get_url(request)
            is_current = bool(current and current.path.startswith(target.path))
        else:
            label, url, is_current = value.get("text", ""), value.get("url", ""), False
        items.append({"label": label, "url": url, "is_current": is_current})
    return items


@register.inclusion_tag("home/tags/main_menu.html", takes_context=True)
def main_menu(context):
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    if not site:
        return {"items": []}
    menu = NavigationSettings.for_request(request).main_menu
    return {"items": resolve_links(menu, request, context.get("page"))}


@register.simple_tag(takes_context=True)
def footer_links(context, stream):
    return resolve_links(stream, context.get("request"))


@register.simple_tag
def page_ancestors(page):
    """The pages above this one, without the tree root: what the breadcrumbs show.

    HomePage.route has read them already while finding the page; otherwise one query.
    """
    ancestors = getattr(page, "_route_ancestors", None)
    if ancestors is not None:
        return ancestors
    return list(page.get_ancestors()[1:])


@register.inclusion_tag("home/tags/language_switcher.html", takes_context=True)
def language_switcher(context):
    request = context.get("request")
    page = context.get("page")
    current = get_language()
    translations = {}
    if isinstance(page, Page) and page.pk:
        for translation in page.get_translations(inclusive=True).live().select_related("locale"):
            translations[translation.locale.language_code] = translation
    links = []
    for code, _name in settings.LANGUAGES:
        url = None
        if page is not None and isinstance(page, Page):
            target = translations.get(code)
            if target is None:
                # No translation of this page: offer that language's home page instead.
                target = _home_for(request, code)
            url = target.get_url(request) if target else None
        elif request is not None:
            url = translate_url(request.get_full_path(), code)
        if url:
            info = get_language_info(code)
            links.append(
                {
                    "code": code,
                    "name": info["name_local"],
                    "url": url,
                    "is_current": code == current,
                }
            )
    return {"links": links}


def _home_for(request, language_code):
    site = Site.find_for_request(request) if request else None
    if site is None:
        return None
    try:
        locale = Locale.objects.get_for_language(language_code)
    except (Locale.DoesNotExist, LookupError):
        return None
    return site.root_page.get_translations(inclusive=True).live().filter(locale=locale).first()
