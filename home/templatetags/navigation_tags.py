from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language, get_language_info
from wagtail.models import Locale, Page, Site

from home.models import NavigationSettings

register = template.Library()


def _default_language():
    return settings.LANGUAGE_CODE.split("-")[0]


@register.inclusion_tag("home/tags/main_menu.html", takes_context=True)
def main_menu(context):
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    items = []
    if site:
        menu = NavigationSettings.for_site(site).main_menu
        current = context.get("page")
        for block in menu:
            value = block.value
            if value.get("page"):
                target = value["page"].specific.localized
                # The label is written in the default language; other languages use the
                # translated page title so the menu never mixes languages.
                label = value["text"] if get_language() == _default_language() else target.title
                url = target.get_url(request)
                is_current = bool(current and current.path.startswith(target.path))
            else:
                label, url, is_current = value["text"], value["url"], False
            items.append({"label": label, "url": url, "is_current": is_current})
    return {"items": items}


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
        locale = Locale.objects.get(language_code=language_code)
    except Locale.DoesNotExist:
        return None
    return site.root_page.get_translations(inclusive=True).live().filter(locale=locale).first()
