"""iCalendar (.ics) output for events, built with the `icalendar` package."""

from django.utils import timezone
from django.utils.html import strip_tags
from icalendar import Calendar, Event, vText


def _description(event, url):
    text = event.intro or strip_tags(event.description or "")
    return f"{text}\n\n{url}".strip()


def calendar_for(events, request, name="Erbij"):
    calendar = Calendar()
    calendar.add("prodid", "-//Erbij//Agenda//NL")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", timezone.get_current_timezone_name())
    now = timezone.now()
    for page in events:
        url = page.get_full_url(request)
        item = Event()
        # Stable across edits and languages: translation key plus language.
        item.add("uid", f"{page.translation_key}-{page.locale.language_code}@erbij")
        item.add("dtstamp", now)
        item.add("dtstart", page.start)
        item.add("dtend", page.end)
        item.add("summary", page.title)
        item.add("description", _description(page, url))
        if url:
            item.add("url", url)
        if page.is_online:
            item["location"] = vText(page.online_url or "Online")
        else:
            item["location"] = vText(", ".join(part for part in (page.location_name, page.address) if part))
        if page.organiser_id:
            item.add("organizer", f"mailto:{page.organiser.email}" if page.organiser.email else url)
        calendar.add_component(item)
    return calendar.to_ical()
