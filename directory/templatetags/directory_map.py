"""The map of search results on the DirectoryPage: marker data for the current page of results.

The data goes into the page with ``json_script`` (the CSP allows type application/json);
directory/static/directory/directory-map.js loads the vendored Leaflet when the visitor opens the map.
The list of results stays the primary way in; without JavaScript nothing of the map shows.
"""

from django import template
from django.conf import settings
from django.templatetags.static import static
from django.utils.translation import gettext, gettext_noop

register = template.Library()

# The default DIRECTORY_MAP_ATTRIBUTION (config/settings/base.py), named here so makemessages puts it
# in this app's catalogue; the tag translates the setting, so the default reads well in English too.
gettext_noop("© OpenStreetMap-bijdragers")

LEAFLET = "directory/vendor/leaflet/"


@register.simple_tag
def directory_map(results, search, query):
    """{% directory_map results search query as map %}: a dict for json_script, or None.

    None when DIRECTORY_MAP_TILE_URL is empty or no result on this page has a place on the map.
    ``results`` are the view's items for the current page (services with their locations
    prefetched), so the map never shows more than the list next to it and costs no queries.
    """
    tile_url = getattr(settings, "DIRECTORY_MAP_TILE_URL", "")
    if not tile_url:
        return None

    places = {}
    unmapped = 0
    for item in results:
        service = item["service"]
        located = [location for location in service.locations if location.has_coordinates]
        if not located:
            unmapped += 1
        for location in located:
            # One marker per place: a Dutch and an English copy of a location share coordinates.
            key = (round(location.latitude, 6), round(location.longitude, 6))
            place = places.setdefault(
                key,
                {
                    "lat": key[0],
                    "lon": key[1],
                    "name": location.name,
                    "address": location.full_address,
                    "services": [],
                },
            )
            entry = {"name": service.name, "url": item["url"]}
            if entry not in place["services"]:
                place["services"].append(entry)
    if not places:
        return None

    origin = None
    # The starting point the visitor chose for "nearby" (a wijk or their own location); a wijk
    # filter alone also sets search.origin but is not a point the visitor picked.
    if search.origin is not None and (query.near or query.latitude is not None):
        latitude, longitude = search.origin
        origin = {
            "lat": latitude,
            "lon": longitude,
            "label": gettext("Startpunt: %(place)s") % {"place": search.origin_label}
            if search.origin_label
            else gettext("Startpunt: uw locatie"),
        }

    return {
        "places": list(places.values()),
        "unmapped": unmapped,
        "origin": origin,
        "tiles": {
            "url": tile_url,
            "attribution": gettext(settings.DIRECTORY_MAP_ATTRIBUTION)
            if settings.DIRECTORY_MAP_ATTRIBUTION
            else "",
        },
        "assets": {
            "script": static(LEAFLET + "leaflet.js"),
            "stylesheet": static(LEAFLET + "leaflet.css"),
            "icon": static(LEAFLET + "images/marker-icon.png"),
            "iconRetina": static(LEAFLET + "images/marker-icon-2x.png"),
            "shadow": static(LEAFLET + "images/marker-shadow.png"),
        },
        "labels": {
            "zoomIn": gettext("Inzoomen"),
            "zoomOut": gettext("Uitzoomen"),
            "closePopup": gettext("Sluiten"),
            "loadError": gettext(
                "De kaart kan nu niet worden geladen. De lijst hieronder toont alle resultaten."
            ),
        },
    }
