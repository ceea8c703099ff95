from django import template
from django.conf import settings
from django.db.models import Q
from django.urls import translate_url
from django.utils.translation import get_language, get_language_info
from wagtail.models import Locale, Page, Site

from home.generation import remember
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


def resolve_links(stream, request, current=None, name=None):
    """Menu and footer links in the visitor's language, with one query for all linked pages.

    Links are written in the default language; other languages show the translated page's
    title, so a menu never mixes languages. With a `name` ("menu", "footer") the links are kept
    until the content changes (home/generation.py): most page views then need no query for them.
    """
    site = Site.find_for_request(request) if request else None
    if name and site:
        items = remember("links", (site.pk, get_language(), name), lambda: _links(stream, request))
    else:
        items = _links(stream, request)
    return [
        {
            "label": item["label"],
            "url": item["url"],
            "is_current": bool(current and item["path"] and current.path.startswith(item["path"])),
        }
        for item in items
    ]


def _links(stream, request):
    targets = _link_targets(request, [stream, *_site_streams(request)])
    default_language = get_language() == _default_language()
    items = []
    for block in stream.raw_data:
        value = block.get("value") or {}
        target = targets.get(value.get("page")) if value.get("page") else None
        if target is not None:
            label = value.get("text", "") if default_language else target.title
            item = {"label": label, "url": target.get_url(request), "path": target.path}
        else:
            item = {"label": value.get("text", ""), "url": value.get("url", ""), "path": ""}
        items.append(item)
    return items


@register.inclusion_tag("home/tags/main_menu.html", takes_context=True)
def main_menu(context):
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    if not site:
        return {"items": []}
    menu = NavigationSettings.for_request(request).main_menu
    return {"items": resolve_links(menu, request, context.get("page"), name="menu")}


@register.simple_tag(takes_context=True)
def footer_links(context, stream):
    return resolve_links(stream, context.get("request"), name="footer")


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
    if isinstance(page, Page) and page.pk:
        site = Site.find_for_request(request) if request else None
        urls = remember(
            "language-links", (site.pk if site else "", page.pk), lambda: _translation_urls(request, page)
        )
    elif request is not None:
        urls = {code: translate_url(request.get_full_path(), code) for code, _name in settings.LANGUAGES}
    else:
        urls = {}
    links = []
    for code, _name in settings.LANGUAGES:
        if urls.get(code):
            links.append(
                {
                    "code": code,
                    "name": get_language_info(code)["name_local"],
                    "url": urls[code],
                    "is_current": code == current,
                }
            )
    return {"links": links}


def _translation_urls(request, page):
    """{language code: URL} of the page's live translations; without one, that language's home."""
    translations = {
        translation.locale.language_code: translation
        for translation in page.get_translations(inclusive=True).live().select_related("locale")
    }
    urls = {}
    for code, _name in settings.LANGUAGES:
        # No translation of this page: offer that language's home page instead.
        target = translations.get(code) or _home_for(request, code)
        urls[code] = target.get_url(request) if target else None
    return urls


def _home_for(request, language_code):
    site = Site.find_for_request(request) if request else None
    if site is None:
        return None
    try:
        locale = Locale.objects.get_for_language(language_code)
    except (Locale.DoesNotExist, LookupError):
        return None
    return site.root_page.get_translations(inclusive=True).live().filter(locale=locale).first()
