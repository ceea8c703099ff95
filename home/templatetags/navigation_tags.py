from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language, get_language_info
from wagtail.models import Locale, Page, Site

from home.localization import localized_pages
from home.models import NavigationSettings

register = template.Library()


def _default_language():
    return settings.LANGUAGE_CODE.split("-")[0]


def resolve_links(stream, request, current=None):
    """Menu and footer links in the visitor's language, with one query for all linked pages.

    Links are written in the default language; other languages show the translated page's
    title, so a menu never mixes languages.
    """
    blocks = [block.value for block in stream]
    translated = localized_pages([value.get("page") for value in blocks])
    default_language = get_language() == _default_language()
    items = []
    for value in blocks:
        if value.get("page"):
            target = translated.get(value["page"].translation_key, value["page"])
            label = value["text"] if default_language else target.title
            url = target.get_url(request)
            is_current = bool(current and current.path.startswith(target.path))
        else:
            label, url, is_current = value["text"], value["url"], False
        items.append({"label": label, "url": url, "is_current": is_current})
    return items


@register.inclusion_tag("home/tags/main_menu.html", takes_context=True)
def main_menu(context):
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    if not site:
        return {"items": []}
    menu = NavigationSettings.for_site(site).main_menu
    return {"items": resolve_links(menu, request, context.get("page"))}


@register.simple_tag(takes_context=True)
def footer_links(context, stream):
    return resolve_links(stream, context.get("request"))


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
