"""Responses of the routable campaign, event and news pages: iCalendar files and news feeds.

The pages route to these (RoutablePageMixin), so the URLs live under each page:
<listing>/ical/, <event>/ical/, <news index>/rss/ and <news index>/atom/.
"""

from django.http import HttpResponse
from django.utils.text import slugify

from . import ical
from .feeds import NewsAtomFeed, NewsRssFeed


def ical_response(events, request, title, attachment=False):
    body = ical.calendar_for(events, request, name=title)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    disposition = "attachment" if attachment else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{slugify(title) or "agenda"}.ics"'
    return response


def news_feed(request, index_page, kind="rss"):
    feed_class = NewsAtomFeed if kind == "atom" else NewsRssFeed
    return feed_class(index_page)(request)
