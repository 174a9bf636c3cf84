"""The Content-Security-Policy in a real browser (Debian's Chromium): the
login page, the member portal, an HTML report and the web client's menus
load with no policy violation and no console error. The day view, the
portal's meetings and documents run under the same policy in their own
browser tests (test_day_view_browser.py, test_meetings_portal_browser.py,
test_portal_browser.py)."""
from test_browser_smoke import browser, new_page, open_party_handbook  # noqa: F401
from test_e2e_access import ADMIN, Rpc
from test_portal_browser import portal_login

# every violation of the policy, whether or not Chromium logs it
WATCH = """
window.__csp = [];
document.addEventListener('securitypolicyviolation', function (event) {
    window.__csp.push(event.violatedDirective + ' ' + event.blockedURI);
});
"""


def watched_page(browser):  # noqa: F811
    context, page = new_page(browser, viewport={"width": 1280, "height": 800},
                             locale="en-US")
    context.add_init_script(WATCH)
    return context, page


def violations(page):
    return page.evaluate("window.__csp || []")


def test_portal_and_report_load_under_the_policy(odoo_server, browser):  # noqa: F811
    admin = Rpc(odoo_server, *ADMIN)
    member = admin("party.member", "search", [], limit=1)[0]
    context, page = watched_page(browser)
    try:
        page.goto(odoo_server.url + "/web/login")
        assert violations(page) == []
        portal_login(page, odoo_server)
        assert violations(page) == []
        for path in ("/my/party/profile", "/my/party/meetings",
                     "/my/party/documents"):
            page.goto(odoo_server.url + path)
            page.wait_for_load_state("load")
            assert violations(page) == [], path
        assert page.js_errors == []
    finally:
        context.close()
    context, page = watched_page(browser)
    try:
        open_party_handbook(odoo_server, page)
        assert violations(page) == []
        page.goto(odoo_server.url + "/report/html/"
                  "party_handbook.report_member_profile/%d" % member)
        page.wait_for_load_state("load")
        assert page.locator("body").inner_text().strip()
        assert violations(page) == []
        # a bare report page has no icon: the browser's /favicon.ico is a 404
        assert [e for e in page.js_errors if "404" not in e] == []
    finally:
        context.close()
