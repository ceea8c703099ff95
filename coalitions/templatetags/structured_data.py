"""JSON-LD and Open Graph helpers shared by the coalition, campaign, event and news templates.

JSON-LD goes in <script type="application/ld+json">: browsers never execute it, so the strict CSP
allows it. The JSON is escaped so a title with "</script>" cannot end the element early.
"""

import json

from django import template
from django.utils.safestring import mark_safe

from home.localization import locale_by_id

register = template.Library()

_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def dump_json_ld(data):
    return json.dumps(data, ensure_ascii=False, sort_keys=True, default=str).translate(_ESCAPES)


@register.simple_tag(takes_context=True)
def json_ld(context, page):
    """Render page.get_json_ld(request) as a JSON-LD script element."""
    data = page.get_json_ld(context.get("request"))
    if not data:
        return ""
    return mark_safe(f'<script type="application/ld+json">{dump_json_ld(data)}</script>')  # noqa: S308


@register.inclusion_tag("coalitions/includes/open_graph.html", takes_context=True)
def open_graph(context, page, og_type="website", description=""):
    request = context.get("request")
    image = getattr(page, "social_image", None) or getattr(page, "image", None)
    image_url = ""
    if image is not None:
        rendition = image.get_rendition("fill-1200x630")
        image_url = request.build_absolute_uri(rendition.url) if request else rendition.url
    return {
        "title": page.seo_title or page.title,
        "description": description or page.search_description or getattr(page, "intro", ""),
        "url": page.get_full_url(request),
        "og_type": og_type,
        "image_url": image_url,
        "locale": locale_by_id(page.locale_id).language_code,
        "site_name": "Erbij",
    }
