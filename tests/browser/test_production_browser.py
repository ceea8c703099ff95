"""In a real browser: injected payloads fire nothing, and the admin works with its CSP and 2FA."""

from tests.conftest import OTP_ADMIN_PASSWORD, current_totp_token
from tests.test_production_injection import PAYLOADS, page_with_payload


def watch(page):
    """Collect dialogs (alert/confirm/prompt) and Content-Security-Policy complaints."""
    seen = {"dialogs": [], "csp": []}

    def on_dialog(dialog):
        seen["dialogs"].append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.on(
        "console",
        lambda msg: seen["csp"].append(msg.text) if "Content Security Policy" in msg.text else None,
    )
    return seen


def test_injected_payloads_do_not_run(page, transactional_db, live_server, home_page):
    seen = watch(page)
    urls = [page_with_payload(home_page, payload, index).url for index, payload in enumerate(PAYLOADS)]
    for url in urls:
        page.goto(f"{live_server.url}{url}")
        page.wait_for_load_state("load")
    for payload in PAYLOADS[:6]:
        page.goto(f"{live_server.url}/nl/zoeken/?query={payload}")
    assert seen["dialogs"] == []


def test_public_page_has_no_csp_violations(page, transactional_db, live_server, home_page):
    seen = watch(page)
    page.goto(f"{live_server.url}/nl/")
    page.wait_for_load_state("load")
    assert seen["csp"] == []


def test_admin_login_with_password_and_totp_code(page, transactional_db, live_server, home_page, otp_admin):
    # home_page: a flushed database has no page tree, and the dashboard needs one.
    user, device = otp_admin
    seen = watch(page)
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("input[name=username]", user.username)
    page.fill("input[name=password]", OTP_ADMIN_PASSWORD)
    page.locator("form.login-form button[type=submit]").click()
    page.wait_for_url("**/admin/2fa/verify/**")
    page.get_by_label("Code uit uw app").fill(current_totp_token(device))
    page.get_by_role("button", name="Bevestigen").click()
    page.wait_for_url(f"{live_server.url}/admin/")
    # The admin's own scripts run under its policy: they build the sidebar.
    page.wait_for_selector("#wagtail-sidebar:not(.sidebar-loading)", state="attached", timeout=30_000)
    page.goto(f"{live_server.url}/admin/pages/")
    page.wait_for_load_state("load")
    assert seen["csp"] == []
