"""A real browser (Debian's headless Chromium) logs in and opens the Party
Handbook menu; the screenshot is kept in .local/test/artifacts/."""
import os

import pytest
from playwright.sync_api import sync_playwright

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 800},
                                  locale="en-US")
    page = context.new_page()
    page.js_errors = []
    page.on("pageerror", lambda error: page.js_errors.append(str(error)))
    page.on("console", lambda message: message.type == "error"
            and page.js_errors.append("console: " + message.text))
    yield page
    context.close()


def test_login_and_open_the_party_handbook(odoo_server, page, artifacts):
    path = os.path.join(artifacts, "browser-smoke.png")
    try:
        open_party_handbook(odoo_server, page)
    finally:
        page.screenshot(path=path, full_page=True)
    assert os.path.getsize(path) > 10000
    assert page.js_errors == []


def open_party_handbook(odoo_server, page):
    page.goto(odoo_server.url + "/web/login")
    page.fill("input[name=login]", "admin")
    page.fill("input[name=password]", "admin")
    page.click("button[type=submit]")
    menu = "#oe_main_menu_navbar a[data-menu-xmlid='%s']"
    page.click(menu % "party_handbook.party_handbook_menu_root", timeout=60000)
    page.wait_for_selector(".o_control_panel .breadcrumb:has-text('Organizations')",
                           timeout=30000)
    page.wait_for_selector(".o_list_view td:has-text('Đảng bộ thành phố Huế')",
                           timeout=30000)
