"""A real browser (Debian's headless Chromium) logs in and opens the Party
Handbook menu; the screenshot is kept in .local/test/artifacts/."""
import os

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout
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


# A loaded machine (2 cores shared with other checkouts' tests): a page's
# first load may compile the web client's assets.
ACTION_TIMEOUT = 30000
NAVIGATION_TIMEOUT = 60000


def new_page(browser, **options):
    """A new browser context and page; ``page.js_errors`` collects every
    uncaught JavaScript error and console error of the page."""
    context = browser.new_context(**options)
    context.set_default_timeout(ACTION_TIMEOUT)
    context.set_default_navigation_timeout(NAVIGATION_TIMEOUT)
    page = context.new_page()
    page.js_errors = []
    page.on("pageerror", lambda error: page.js_errors.append(str(error)))
    page.on("console", lambda message: message.type == "error"
            and page.js_errors.append("console: " + message.text))
    return context, page


@pytest.fixture
def page(browser):
    context, page = new_page(
        browser, viewport={"width": 1280, "height": 800}, locale="en-US")
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
    open_app(page, "party_handbook.party_handbook_menu_root")
    page.wait_for_selector(".o_control_panel .breadcrumb:has-text('Party members')",
                           timeout=30000)
    page.wait_for_selector(".o_list_view .o_data_row", timeout=30000)
    click_menu(page, "party_handbook.party_organization_menu")
    page.wait_for_selector(".o_list_view td:has-text('Đảng bộ thành phố Huế')",
                           timeout=30000)


def goto_backend(page, url, ready, timeout=60000):
    """Open a back-office address (``/web#…``) once the web client is idle.

    After signing in, the role's home action is still loading; a change of
    the address's fragment while it loads is overtaken by the home action
    on a loaded machine. So: wait until the home action is shown and
    nothing loads, go to ``url``, wait for ``ready``; if the page shows
    something else after that, load ``url`` afresh once (a full load)."""
    def idle():
        page.wait_for_function("""() => {
            var title = document.querySelector('.o_control_panel .breadcrumb');
            var loading = document.querySelector('.o_loading');
            return title && title.innerText.trim() &&
                (!loading || loading.offsetParent === null); }""", timeout=timeout)
    idle()
    page.goto(url)
    try:
        page.wait_for_selector(ready, timeout=timeout)
    except PlaywrightTimeout:
        page.goto("about:blank")
        page.goto(url)
        page.wait_for_selector(ready, timeout=timeout)


def open_app(page, xmlid, attempts=3):
    """An app from web_responsive's app drawer (the button at the top left).
    The drawer closes itself when an action finishes loading: it is opened
    once the home action is there, again if that closed it."""
    link = "#appDrawerApps a[data-menu-xmlid='%s']" % xmlid
    page.wait_for_function("""() => {
        var title = document.querySelector('.o_control_panel .breadcrumb');
        return title && title.innerText.trim(); }""", timeout=60000)
    for attempt in range(attempts):
        page.wait_for_function("""() => {
            var loading = document.querySelector('.o_loading');
            return !loading || loading.offsetParent === null; }""", timeout=60000)
        if not page.evaluate("document.body.classList.contains('drawer-open')"):
            page.locator(".app-drawer-toggle:visible").first.click(timeout=60000)
        try:
            # closed, the drawer is only moved off the screen
            page.wait_for_function("""(link) => {
                var box = document.querySelector(link).getBoundingClientRect();
                return box.width > 0 && box.left >= 0; }""", arg=link, timeout=10000)
            page.wait_for_timeout(400)  # the drawer slides in
            page.click(link, timeout=10000)
            return
        except PlaywrightTimeout:
            if attempt == attempts - 1:
                raise


def click_menu(page, xmlid):
    """An entry of the current app's menu (web_responsive's top bar): in a
    drop-down when it has siblings under a heading."""
    link = page.locator(".o_sub_menu a[data-menu-xmlid='%s']" % xmlid).first
    if not link.is_visible():
        page.locator(".o_sub_menu li:has(a[data-menu-xmlid='%s']) > a.dropdown-toggle"
                     % xmlid).first.click()
    link.click()


def login(page, server, login="admin", password="admin"):
    page.goto(server.url + "/web/login")
    page.fill("input[name=login]", login)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")
    page.wait_for_selector(".o_web_client", timeout=60000)


def test_member_list_and_profile_form(odoo_server, page, artifacts):
    login(page, odoo_server)
    page.goto(odoo_server.url + "/web#action=party_handbook.party_member_action")
    page.wait_for_selector(".o_list_view .o_data_row", timeout=30000)
    page.click(".o_list_view .o_data_row:first-child td:nth-child(2)")
    page.wait_for_selector(".o_form_view .o_notebook", timeout=30000)
    for tab in ("Party data", "Education and work", "Status history"):
        assert page.locator(".o_notebook .nav-tabs a:has-text('%s')" % tab).count()
    page.screenshot(path=os.path.join(artifacts, "member-form.png"), full_page=True)
    assert page.js_errors == []


def test_phone_opens_members_as_kanban_cards(odoo_server, browser, artifacts):
    context, page = new_page(browser, viewport={"width": 375, "height": 740},
                             is_mobile=True, has_touch=True, locale="en-US")
    try:
        login(page, odoo_server)
        page.goto(odoo_server.url + "/web#action=party_handbook.party_member_action")
        page.wait_for_selector(".o_kanban_view .o_kanban_record", timeout=30000)
        page.screenshot(path=os.path.join(artifacts, "members-phone.png"))
        assert not page.locator(".o_list_view").count()
    finally:
        context.close()
    assert page.js_errors == []
