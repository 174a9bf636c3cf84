"""Officers on phones (issue #14): the back office at 360x740 with OCA's
web_responsive. The cell secretary, the committee officer and the supervising
officer each open the members, a member's profile, an announced meeting (its
agenda and roster) and the supervisor's day view: nothing scrolls sideways,
the menu is folded into the app drawer (the content has the whole width), the
buttons they need are visible and at least 40 px tall, and no JavaScript
error occurs. The same pages are shot at 1280x800 too. Screenshots:
.local/test/artifacts/phone-<role>-<page>.png and desktop-<role>-<page>.png.
"""
import os
from datetime import timedelta
from urllib.parse import quote

import pytest

from test_browser_smoke import browser, new_page  # noqa: F401  (fixture)
from test_day_view_browser import CITY_TZ, meeting_start
from test_e2e_access import ADMIN, Rpc

PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 800}
TAP = 40  # px: the smallest tap target we accept
ROLES = ("secretary", "officer", "supervisor")
AGENDA = ["Thông báo thời sự, chính sách mới của Trung ương",
          "Kiểm điểm công tác tháng và phương hướng tháng tới"]

# Every box of the web client that could scroll sideways: the document, the
# web client's scrolling main area (web_responsive), the content, the sheet.
OVERFLOW = """() => {
    var width = window.innerWidth, found = [];
    var doc = document.scrollingElement;
    if (doc.scrollWidth > width + 1) {
        found.push('document ' + doc.scrollWidth);
    }
    ['.o_main', '.o_main_content', '.o_content', '.o_form_sheet_bg',
     '.o_form_sheet', '.o_party_day_view'].forEach(function (selector) {
        document.querySelectorAll(selector).forEach(function (el) {
            if (!el.offsetParent && el !== document.body) { return; }
            var box = el.getBoundingClientRect();
            var scrolls = el.scrollWidth > el.clientWidth + 1 &&
                ['auto', 'scroll'].indexOf(getComputedStyle(el).overflowX) >= 0;
            if (box.right > width + 1 || scrolls) {
                found.push(selector + ' right=' + Math.round(box.right) +
                           ' scrollWidth=' + el.scrollWidth);
            }
        });
    });
    return found;
}"""

# The visible elements of ``selector``: their text and size.
BOXES = """(selector) => Array.from(document.querySelectorAll(selector))
    .filter(function (el) {
        var box = el.getBoundingClientRect();
        return el.offsetParent !== null && box.width > 0 && box.height > 0;
    })
    .map(function (el) {
        var box = el.getBoundingClientRect();
        return {text: (el.innerText || el.getAttribute('aria-label') ||
                       el.className).trim().slice(0, 40),
                width: box.width, height: box.height,
                left: box.left, right: box.right};
    })"""

# The buttons each page must offer on a phone, visible and tappable.
KEY_BUTTONS = {
    "members": ".app-drawer-toggle, .o_cp_pager .btn, .o_cp_switch_buttons .btn",
    "member": ".app-drawer-toggle, .o_notebook .nav-tabs > li > a",
    "meeting": ".app-drawer-toggle, .o_form_buttons_view .btn, "
               ".o_statusbar_buttons_dropdown > .btn, .o_notebook .nav-tabs > li > a",
    "day": ".app-drawer-toggle, .o_party_day_prev, .o_party_day_next, "
           ".o_party_day_today, .o_party_day_all",
}


@pytest.fixture(scope="module")
def world(odoo_server):
    """An announced meeting of today (in Hue) in the demo secretary's cell,
    with an agenda and its roster; one member of that cell."""
    admin = Rpc(odoo_server, *ADMIN)
    secretary = admin("res.users", "search_read", [("login", "=", "secretary")],
                      fields=["party_organization_ids"])[0]
    cell = secretary["party_organization_ids"][0]
    member = admin("party.member", "search_read", [
        ("organization_id", "=", cell), ("state", "=", "official")],
        fields=["name"], limit=1)[0]
    start = meeting_start().replace(second=0, microsecond=0)
    meeting_id = admin("party.meeting", "create", {
        "name": "Sinh hoạt chi bộ thường kỳ (thử trên điện thoại)",
        "organization_id": cell,
        "date_start": start.strftime("%Y-%m-%d %H:%M:%S"),
        "date_end": (start + timedelta(hours=2)).strftime("%Y-%m-%d %H:%M:%S"),
        "location": "Nhà văn hóa thôn", "chair_id": member["id"],
        "secretary_id": member["id"],
        "agenda_item_ids": [(0, 0, {"name": name}) for name in AGENDA]})
    admin("party.meeting", "action_announce", [meeting_id])
    roster = admin("party.meeting.attendance", "search_count",
                   [("meeting_id", "=", meeting_id)])
    assert roster > 1, "the cell's roster is empty"
    return {"meeting": meeting_id, "member": member, "roster": roster}


def pages(world):
    """(name, URL fragment, what shows once the page is ready) per page."""
    return [
        ("members", "action=party_handbook.party_member_action",
         ".o_kanban_view .o_kanban_record, .o_list_view .o_data_row"),
        ("member", "model=party.member&view_type=form&id=%d" % world["member"]["id"],
         ".o_form_view .o_notebook"),
        ("meeting", "model=party.meeting&view_type=form&id=%d" % world["meeting"],
         ".o_form_view .o_notebook"),
        ("day", "action=party_handbook_meetings.party_meeting_action_day_view",
         ".o_party_day_card[data-id='%d']" % world["meeting"]),
    ]


def sign_in(page, server, login, fragment, ready):
    page.goto(server.url + "/web/login?redirect=" + quote("/web#" + fragment))
    page.fill("input[name=login]", login)
    page.fill("input[name=password]", login)
    page.click("button[type=submit]")
    # the first visit compiles the backend's assets: allow for it
    page.wait_for_selector(ready, timeout=90000)
    settle(page)


def settle(page):
    """Wait until the web client has no request running."""
    page.wait_for_timeout(500)
    page.wait_for_function("""() => {
        var loading = document.querySelector('.o_loading');
        return !loading || loading.offsetParent === null; }""", timeout=60000)
    page.wait_for_timeout(300)


def goto(page, server, fragment, ready):
    page.goto(server.url + "/web#" + fragment)
    page.wait_for_selector(ready, timeout=60000)
    settle(page)


def assert_fits(page, what):
    overflow = page.evaluate(OVERFLOW)
    assert overflow == [], "%s scrolls sideways: %s" % (what, overflow)


def assert_menu_folded(page, what):
    """The app drawer is closed, the section menu folded: the content has
    the whole width of the screen."""
    width = page.evaluate("window.innerWidth")
    drawer = page.evaluate(BOXES, "#odooAppDrawer")
    assert all(box["right"] <= 1 or box["left"] >= width for box in drawer), \
        "%s: the app drawer is open: %s" % (what, drawer)
    sections = [box for box in page.evaluate(BOXES, ".o_sub_menu")
                if box["width"] > width / 4]
    assert sections == [], "%s: the section menu takes room: %s" % (what, sections)
    content = page.evaluate(BOXES, ".o_main_content")
    assert content and content[0]["width"] >= width - 1, \
        "%s: the content is narrower than the screen: %s" % (what, content)


def assert_key_buttons(page, name, what):
    buttons = page.evaluate(BOXES, KEY_BUTTONS[name])
    assert len(buttons) >= 2, "%s: its buttons are not visible: %s" % (what, buttons)
    small = [b for b in buttons if b["height"] < TAP - 0.5]
    assert small == [], "%s: buttons under %d px: %s" % (what, TAP, small)
    outside = [b for b in buttons if b["right"] > PHONE["width"] + 1 or b["left"] < -1]
    assert outside == [], "%s: buttons off the screen: %s" % (what, outside)


def shoot(page, artifacts, prefix, role, name):
    path = os.path.join(artifacts, "%s-%s-%s.png" % (prefix, role, name))
    page.screenshot(path=path)
    assert os.path.getsize(path) > 5000
    return path


def check_meeting_lines(page, artifacts, role, world):
    """The agenda and the roster are cards of the screen's width."""
    cards = ".o_party_phone_lines .o_kanban_record:not(.o_kanban_ghost)"
    page.click(".o_notebook .nav-tabs a:has-text('Agenda')")
    page.wait_for_selector(".tab-pane.active " + cards, timeout=30000)
    agenda = page.evaluate(BOXES, ".tab-pane.active " + cards)
    assert [box["text"] for box in agenda] == [name[:40] for name in AGENDA], agenda
    page.click(".o_notebook .nav-tabs a:has-text('Attendance')")
    page.wait_for_function(
        "document.querySelectorAll(\"%s\").length >= %d"
        % (".tab-pane.active " + cards, world["roster"]), timeout=30000)
    roster = page.evaluate(BOXES, ".tab-pane.active " + cards)
    assert len(roster) == world["roster"]
    assert all(box["width"] > PHONE["width"] * 0.8 for box in roster), roster
    assert all(box["height"] >= TAP for box in roster), roster
    # the tabs in view, under web_responsive's sticky header
    page.evaluate("""() => {
        document.querySelector('.o_notebook').scrollIntoView();
        document.querySelector('.o_main').scrollTop -= 60; }""")
    shoot(page, artifacts, "phone", role, "meeting-attendance")
    assert_fits(page, "%s: the meeting's roster" % role)


@pytest.mark.parametrize("role", ROLES)
def test_back_office_on_a_phone(
        odoo_server, browser, artifacts, world, role):  # noqa: F811
    context, page = new_page(browser, viewport=PHONE, is_mobile=True, has_touch=True,
                             locale="en-US", timezone_id=CITY_TZ)
    try:
        for index, (name, fragment, ready) in enumerate(pages(world)):
            what = "%s, %s at 360 px" % (role, name)
            if index == 0:
                sign_in(page, odoo_server, role, fragment, ready)
            else:
                goto(page, odoo_server, fragment, ready)
            shoot(page, artifacts, "phone", role, name)
            assert_fits(page, what)
            assert_menu_folded(page, what)
            assert_key_buttons(page, name, what)
            if name == "members":
                # phones open the members as cards (mobile_default_view.js)
                assert not page.locator(".o_list_view").count()
                cards = page.evaluate(BOXES, ".o_kanban_record:not(.o_kanban_ghost)")
                assert cards and all(
                    c["width"] > PHONE["width"] * 0.8 for c in cards[:5])
                # one line per field: no word wrapped onto a line of its own
                assert all(c["height"] < 120 for c in cards[:5]), cards[:5]
            if name == "meeting":
                check_meeting_lines(page, artifacts, role, world)
        assert page.js_errors == []
    finally:
        context.close()


def test_app_drawer_on_a_phone(odoo_server, browser, artifacts, world):  # noqa: F811
    """web_responsive's app menu: a button opens the drawer of apps over the
    page; an app opens its first screen, the drawer closed again."""
    context, page = new_page(browser, viewport=PHONE, is_mobile=True, has_touch=True,
                             locale="en-US", timezone_id=CITY_TZ)
    app = "#appDrawerApps a[data-menu-xmlid='party_handbook.party_handbook_menu_root']"
    try:
        name, fragment, ready = pages(world)[3]
        sign_in(page, odoo_server, "officer", fragment, ready)
        page.locator(".app-drawer-toggle:visible").first.click()
        # closed, the drawer is only moved off the screen
        page.wait_for_function("""(app) => {
            var box = document.querySelector(app).getBoundingClientRect();
            return box.width > 0 && box.left >= 0; }""", arg=app, timeout=30000)
        page.wait_for_timeout(500)  # the drawer slides in
        shoot(page, artifacts, "phone", "officer", "app-drawer")
        icon = page.evaluate(BOXES, app)[0]
        assert icon["height"] >= TAP and icon["width"] >= TAP, icon
        page.click(app)
        page.wait_for_selector(".o_kanban_view .o_kanban_record", timeout=30000)
        settle(page)
        assert_menu_folded(page, "officer, after the app drawer")
        assert_fits(page, "officer, members from the app drawer")
        assert page.js_errors == []
    finally:
        context.close()


@pytest.mark.parametrize("role", ROLES)
def test_back_office_on_a_desktop(
        odoo_server, browser, artifacts, world, role):  # noqa: F811
    context, page = new_page(browser, viewport=DESKTOP, locale="en-US",
                             timezone_id=CITY_TZ)
    try:
        for index, (name, fragment, ready) in enumerate(pages(world)):
            if index == 0:
                sign_in(page, odoo_server, role, fragment, ready)
            else:
                goto(page, odoo_server, fragment, ready)
            if name == "members":
                # desktops keep the list
                assert page.locator(".o_list_view .o_data_row").count()
            if name == "meeting":
                # desktops keep the editable tables of the lines
                page.click(".o_notebook .nav-tabs a:has-text('Attendance')")
                page.wait_for_selector(".tab-pane.active .o_list_view .o_data_row",
                                       timeout=30000)
                assert not page.locator(".tab-pane.active .o_party_phone_lines").count()
            shoot(page, artifacts, "desktop", role, name)
            assert page.evaluate("document.scrollingElement.scrollWidth") \
                <= DESKTOP["width"] + 1
        assert page.js_errors == []
    finally:
        context.close()
