from tests.browser.conftest import describe_violations


def test_home_page_renders_in_dutch_and_switches_to_english(page, live_demo):
    page.goto(f"{live_demo}/")
    assert page.url.endswith("/nl/")
    assert page.locator("html").get_attribute("lang") == "nl"
    assert page.locator("h1").first.inner_text() == "Samen tegen eenzaamheid"

    page.get_by_role("navigation", name="Kies een taal").get_by_role("link", name="English").click()
    page.wait_for_url("**/en/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("h1").first.inner_text() == "Together against loneliness"


def test_skip_link_is_the_first_focus_and_moves_to_main(page, live_demo):
    page.goto(f"{live_demo}/nl/")
    page.keyboard.press("Tab")
    focused = page.evaluate("() => [document.activeElement.className, document.activeElement.textContent]")
    assert focused == ["skip-link", "Naar de inhoud"]
    assert page.locator(".skip-link").is_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "main"


def test_axe_finds_no_wcag_violations_on_home_and_content_pages(page, live_demo, axe):
    for path in ["/nl/", "/en/", "/nl/over-ons/", "/nl/contact/", "/nl/zoeken/?query=eenzaamheid"]:
        page.goto(f"{live_demo}{path}")
        violations = axe(page)
        assert violations == [], f"{path}:\n{describe_violations(violations)}"


def test_pages_work_without_javascript(browser, live_demo):
    context = browser.new_context(java_script_enabled=False, locale="nl-NL")
    tab = context.new_page()
    try:
        tab.goto(f"{live_demo}/nl/")
        tab.get_by_label("Zoeken op de site").fill("eenzaamheid")
        tab.get_by_role("search").get_by_role("button", name="Zoeken").click()
        tab.wait_for_url("**/nl/zoeken/?query=eenzaamheid")
        assert tab.locator("h1").inner_text() == "Zoeken"
        assert tab.get_by_role("link", name="Over ons").first.is_visible()
    finally:
        context.close()
