"""The map of search results in a real browser: toggle, markers, popup, CSP and axe."""

import json
import re

from tests.browser.conftest import describe_violations

# Records every CSP violation the page reports, also ones Chromium does not log to the console.
CSP_LISTENER = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", function (event) {
  window.__cspViolations.push(event.violatedDirective + " " + event.blockedURI);
});
"""


def tile_server(live_url):
    """The test server under another origin (127.0.0.1 instead of localhost), so img-src must name it.

    Any image does as a tile; this one ships with Leaflet.
    """
    origin = live_url.replace("://localhost:", "://127.0.0.1:")
    assert origin != live_url
    return origin, f"{origin}/static/directory/vendor/leaflet/images/layers.png?z={{z}}&x={{x}}&y={{y}}"


def test_map_of_the_results(page, axe, live_demo, settings):
    origin, settings.DIRECTORY_MAP_TILE_URL = tile_server(live_demo)
    console = []
    page.on(
        "console",
        lambda message: console.append(f"{message.type}: {message.text} {message.location['url']}"),
    )
    page_errors = []
    page.on("pageerror", lambda error: page_errors.append(str(error)))
    tiles = []
    page.on("response", lambda response: tiles.append(response) if response.url.startswith(origin) else None)
    failed = []
    page.on("response", lambda response: failed.append(response.url) if response.status >= 400 else None)
    page.add_init_script(CSP_LISTENER)

    response = page.goto(f"{live_demo}/nl/hulp-in-de-buurt/?bij=rotterdam-feijenoord&sorteer=distance")
    assert origin in response.headers["content-security-policy"]
    data = json.loads(page.locator("#directory-map-data").text_content())
    listed = page.locator(".directory-result h3 a").all_inner_texts()
    on_map = {service["name"] for place in data["places"] for service in place["services"]}
    assert len(data["places"]) > 1
    assert on_map and on_map <= set(listed)

    toggle = page.locator("#directory-map-toggle")
    assert page.get_by_role("button", name="Toon op kaart").is_visible()
    assert toggle.get_attribute("aria-expanded") == "false"
    assert toggle.get_attribute("aria-controls") == "directory-map-panel"
    assert not page.locator("#directory-map-panel").is_visible()
    assert page.locator(".leaflet-container").count() == 0  # Leaflet loads on first use

    toggle.click()
    assert toggle.get_attribute("aria-expanded") == "true"
    assert toggle.inner_text() == "Verberg kaart"
    region = page.get_by_role("region", name="Kaart met de resultaten op deze pagina")
    assert region.is_visible()
    markers = page.locator(".leaflet-marker-icon")
    markers.first.wait_for()
    assert markers.count() == len(data["places"])
    page.wait_for_function("() => document.querySelectorAll('img.leaflet-tile-loaded').length > 0")
    assert tiles and all(tile.status == 200 for tile in tiles)
    # The starting point the visitor chose is on the map too.
    assert page.locator(".directory-map__origin-label").inner_text() == "Startpunt: Feijenoord"
    assert page.get_by_role("button", name="Inzoomen").is_visible()

    # A keyboard user opens a popup: focus moves to the link to the service's page.
    first = markers.first
    first.focus()
    page.keyboard.press("Enter")
    link = page.locator(".leaflet-popup-content a").first
    link.wait_for()
    place = next(p for p in data["places"] if first.get_attribute("alt").endswith(f"({p['name']})"))
    assert link.inner_text() == place["services"][0]["name"]
    assert link.get_attribute("href") == place["services"][0]["url"]
    assert page.evaluate("() => document.activeElement.closest('.leaflet-popup') !== null")
    assert page.locator(".leaflet-popup-close-button").get_attribute("aria-label") == "Sluiten"

    violations = axe(page)
    assert violations == [], describe_violations(violations)

    page.keyboard.press("Escape")
    page.locator(".leaflet-popup").wait_for(state="detached")
    assert page.evaluate("() => document.activeElement.classList.contains('leaflet-marker-icon')")

    # Keyboard users can skip the map and land on the list.
    skip = page.get_by_role("link", name="Sla de kaart over, ga naar de lijst")
    skip.focus()
    assert skip.is_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "directory-list"

    assert page.evaluate("() => window.__cspViolations") == []

    # The service page behind a popup link opens.
    first.click()
    link.click()
    page.wait_for_url(re.compile(re.escape(place["services"][0]["url"]) + "$"))
    assert page.locator("h1").inner_text() == place["services"][0]["name"]

    # Back on the list, the map stays open (remembered for this tab) and can be closed.
    page.go_back()
    assert page.get_by_role("button", name="Verberg kaart").is_visible()
    assert toggle.get_attribute("aria-expanded") == "true"
    toggle.click()
    assert toggle.get_attribute("aria-expanded") == "false"
    assert not page.locator("#directory-map-panel").is_visible()
    assert page.locator(".directory-result").count() == len(listed)

    csp_messages = [line for line in console if "Content Security Policy" in line]
    assert csp_messages == []
    assert page.evaluate("() => window.__cspViolations") == []
    assert failed == []
    # The site has no favicon yet; Chromium's request for /favicon.ico is not this page's doing.
    assert [line for line in console if line.startswith("error") and "/favicon.ico" not in line] == []
    assert page_errors == []
