"""The member portal and the secretary's check-in against WCAG 2.1 AA
(issue #14), in a real browser at 360x740:

- axe-core (tests/axe.py) on every page of the portal that a member reaches
  from /my (documents, a document, meetings, a meeting with an open ballot
  and its confirmation step, profile, correction form and its errors,
  requests, contacts, rating, assisted entries, my data, account) as the
  demo member and as a member of the realistic cell (thuanloc1), and on the
  check-in page as the cell secretary: no critical or serious violation;
- every page declares its language, allows zoom, has its own title, puts
  its content before the menu and fits the phone, also at 200 % zoom;
- acknowledging a document, asking to be excused from a meeting, casting
  a vote and sending feedback each take at most 3 taps from /my, and their
  result is announced (role=status) and in view.

Screenshots: .local/test/artifacts/a11y-*.png. The violations of each page
are written to a11y-axe.json there."""
import json
import os
import re
import time
from datetime import timedelta

import pytest

import axe
import harness
from test_browser_smoke import browser, goto_backend, new_page  # noqa: F401  (fixture)
from test_e2e_access import Rpc

PHONE = {"width": 360, "height": 740}
ADMIN = ("admin", "admin")
# pages a member opens from /my; a pattern (ids as N) stands for its pages
EXPECTED_PAGES = {
    "/my", "/my/party/documents", "/my/party/documents/N", "/my/party/meetings",
    "/my/party/meetings/N", "/my/party/profile", "/my/party/profile/correct",
    "/my/party/profile/requests", "/my/party/contacts", "/my/party/data",
    "/my/party/rating", "/my/party/assisted",
    "/my/party/library", "/my/party/library/article/N",
}
# links that act (POST forms are not links) or download
NOT_PAGES = re.compile(r"/download|/xlsx|logout|/web/|/report/")
ALWAYS = ["/my/party/assisted", "/my/party/rating"]
FIGURES = {}


def fmt(seconds_from_now):
    return (harness.now() + timedelta(seconds=seconds_from_now)).strftime(
        "%Y-%m-%d %H:%M:%S")


def pattern(path):
    return re.sub(r"/\d+", "/N", path.split("?")[0].split("#")[0])


def login(page, server, user):
    page.goto(server.url + "/web/login?redirect=/my")
    page.fill("input[name=login]", user)
    page.fill("input[name=password]", user)
    page.click("button[type=submit]")
    page.wait_for_selector(".o_portal_my_home", timeout=60000)


def check_page(page, name, artifacts, width=PHONE["width"], portal=True):
    """axe and the page-level rules; returns the violations. The web
    client's tab title is the identity's (part A of issue #14)."""
    violations = axe.run(page)
    FIGURES[name] = {"counts": axe.counts(violations),
                     "rules": sorted("%s:%s" % (v["id"], v["impact"])
                                     for v in violations)}
    page.screenshot(path=os.path.join(artifacts, "a11y-%s.png" % slug(name)),
                    full_page=True)
    assert not axe.blocking(violations), "%s: %s" % (
        name, axe.describe(axe.blocking(violations)))
    title = page.title()
    if portal:
        assert title and "Odoo" not in title, (name, title)
    viewport = page.get_attribute("meta[name=viewport]", "content")
    assert "user-scalable=no" not in viewport and "maximum-scale" not in viewport
    assert page.evaluate("document.documentElement.lang"), name
    assert page.evaluate("document.documentElement.scrollWidth") <= width, name
    return violations


def slug(name):
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def crawl(page, server, user, artifacts):
    """Every page reachable by links from /my (one page per pattern)."""
    login(page, server, user)
    todo, seen = ["/my"] + ALWAYS, {}
    while todo:
        path = todo.pop(0)
        if pattern(path) in seen:
            continue
        seen[pattern(path)] = path
        page.goto(server.url + path)
        page.wait_for_load_state("load")
        check_page(page, "%s %s" % (user, pattern(path)), artifacts)
        if page.query_selector(".o_party_portal"):
            # the content comes before the menu
            assert page.evaluate(
                """() => {
                    const nav = document.querySelector('.o_party_nav');
                    const main = document.querySelector('.o_party_portal');
                    return !nav || Boolean(main.compareDocumentPosition(nav)
                                           & Node.DOCUMENT_POSITION_FOLLOWING);
                }"""), path
        for href in page.eval_on_selector_all(
                "a[href]", "els => els.map(e => e.getAttribute('href'))"):
            href = href.replace(server.url, "").split("#")[0]
            if href.startswith("/my") and not NOT_PAGES.search(href) \
                    and pattern(href) not in seen and pattern(href) != "/my/home":
                todo.append(href)
    return seen


@pytest.fixture(scope="module")
def admin(odoo_server):
    return Rpc(odoo_server, *ADMIN)


def publish(admin, cell, name):
    """A new document for the members of the cell."""
    document = admin("party.document", "create", {
        "name": name, "document_type": "notice",
        "issuing_organization_id": cell,
        # today in Huế (UTC+7): the newest of the demo's documents too
        "date": (harness.now() + timedelta(hours=7)).strftime("%Y-%m-%d"),
        "content": "<p>Nội dung thông báo.</p>",
        "target_ids": [(0, 0, {"organization_id": cell})]})
    admin("party.document", "action_publish", [document])
    return document


@pytest.fixture(scope="module")
def world(odoo_server, admin):
    """In the demo member's cell: a meeting in progress with an open secret
    ballot (and a closed show-of-hands motion before it), a meeting
    starting soon, a new document."""
    tag = "%x" % int(time.time() * 1000)
    cell = admin.ref("party_handbook.org_vinh_loc_cell_1_demo")
    member = admin.ref("party_handbook.party_member_member_demo")
    live = admin("party.meeting", "create", {
        "name": "A11y Họp chi bộ %s" % tag, "organization_id": cell,
        "date_start": fmt(-1800), "date_end": fmt(5400),
        "location": "Nhà văn hóa thôn Lương Viện", "chair_id": member,
        "secretary_id": member})
    admin("party.meeting", "action_announce", [live])
    admin("party.meeting", "action_start", [live])
    line = admin("party.meeting.attendance", "search", [
        ("meeting_id", "=", live), ("member_id", "=", member)])
    admin("party.meeting.attendance", "action_present", line)
    closed = admin("party.meeting.motion", "create", {
        "meeting_id": live, "name": "A11y Biểu quyết giơ tay %s" % tag,
        "method": "hands"})
    admin("party.meeting.motion", "action_open_vote", [closed])
    admin("party.meeting.motion", "action_close_vote", [closed])
    motion = admin("party.meeting.motion", "create", {
        "meeting_id": live, "name": "A11y Thông qua kế hoạch %s" % tag,
        "method": "secret", "text": "Chi bộ thông qua kế hoạch tháng tới."})
    admin("party.meeting.motion", "action_open_vote", [motion])
    soon = admin("party.meeting", "create", {
        "name": "A11y Họp chuyên đề %s" % tag, "organization_id": cell,
        "meeting_type": "thematic", "date_start": fmt(900),
        "location": "Hội trường xã Vinh Lộc", "chair_id": member,
        "secretary_id": member})
    admin("party.meeting", "action_announce", [soon])
    document = publish(admin, cell, "A11y Thông báo %s" % tag)
    yield {"live": live, "motion": motion, "closed": closed, "soon": soon,
           "document": document, "tag": tag}
    state = admin("party.meeting.motion", "read", [motion], ["state"])[0]["state"]
    if state == "open":
        admin("party.meeting.motion", "action_close_vote", [motion])
    expected = admin("party.meeting.attendance", "search", [
        ("meeting_id", "=", live), ("state", "=", "expected")])
    if expected:
        admin("party.meeting.attendance", "action_absent", expected)
    admin("party.meeting", "action_close", [live])
    admin("party.meeting", "action_cancel", [soon])


@pytest.fixture
def phone(browser):  # noqa: F811
    context, page = new_page(browser, viewport=PHONE, is_mobile=True,
                             has_touch=True)
    yield page
    context.close()
    assert page.js_errors == []


class Taps:
    """Counts what the member taps (a field typed into counts as a tap)."""

    def __init__(self, page):
        self.page, self.count = page, 0

    def tap(self, selector):
        self.count += 1
        self.page.click(selector)

    def fill(self, selector, text):
        self.count += 1
        self.page.fill(selector, text)


def in_view(page, selector):
    return page.evaluate(
        """(sel) => { const r = document.querySelector(sel).getBoundingClientRect();
                      return r.top > -2 && r.top < window.innerHeight; }""",
        selector)


def announced(page, selector):
    return page.evaluate(
        """(sel) => Boolean(document.querySelector(sel).closest(
               '[role=status], [role=alert], [aria-live]'))""", selector)


def test_every_portal_page_passes_axe(odoo_server, world, phone, artifacts):
    """As the demo member: every page reached from /my, and the ballot's
    confirmation step and a form with errors."""
    seen = crawl(phone, odoo_server, "member", artifacts)
    assert EXPECTED_PAGES <= set(seen), EXPECTED_PAGES - set(seen)
    # the open ballot, its confirmation shown
    phone.goto(odoo_server.url + "/my/party/meetings/%s" % world["live"])
    phone.click("#motion-%s label[for$='-yes']" % world["motion"])
    phone.wait_for_selector(".o_party_vote_confirm_yes", state="visible")
    check_page(phone, "member ballot confirmation", artifacts)
    # a form sent with mistakes
    phone.goto(odoo_server.url + "/my/party/profile/correct")
    phone.click(".o_party_submit")
    phone.wait_for_selector(".o_party_errors")
    check_page(phone, "member correction errors", artifacts)


def test_every_portal_page_passes_axe_in_a_village_cell(
        odoo_server, phone, artifacts):
    crawl(phone, odoo_server, "thuanloc1", artifacts)


def test_vietnamese_pages_declare_vi(odoo_server, admin, phone, artifacts):
    """A member who reads Vietnamese gets lang="vi" (the language is
    activated, without its translations, for the time of the test)."""
    admin("res.lang", "load_lang", "vi_VN")
    user = admin("res.users", "search", [("login", "=", "thuanloc1")])
    admin("res.users", "write", user, {"lang": "vi_VN"})
    try:
        login(phone, odoo_server, "thuanloc1")
        for path in ("/my", "/my/party/documents", "/my/party/meetings"):
            phone.goto(odoo_server.url + path)
            assert phone.evaluate("document.documentElement.lang") == "vi", path
    finally:
        admin("res.users", "write", user, {"lang": "en_US"})


def test_titles_menu_and_rows(odoo_server, world, phone):
    login(phone, odoo_server, "member")
    assert phone.title() != "Odoo"
    # each entry of /my is tappable as a whole row, at least 44 px tall
    for entry in phone.query_selector_all(".o_party_portal_entry > a"):
        box = entry.bounding_box()
        row = entry.evaluate("e => e.parentElement.getBoundingClientRect().width")
        assert box["height"] >= 44 and box["width"] >= row - 2, entry.inner_text()
    phone.goto(odoo_server.url + "/my/party/documents")
    assert phone.title().startswith("Documents for me")
    item = phone.locator(".o_party_document_item").last  # not the new one
    item.scroll_into_view_if_needed()
    box = item.bounding_box()
    # a tap on the row's far right (no text there) opens the document
    phone.mouse.click(box["x"] + box["width"] - 4, box["y"] + box["height"] - 4)
    phone.wait_for_selector(".o_party_document_title")
    assert phone.title().startswith(phone.inner_text(".o_party_document_title"))


def test_pending_vote_opens_the_open_ballot(odoo_server, world, phone):
    login(phone, odoo_server, "member")
    entry = ".o_party_vote_entry[data-motion-id='%s'] a" % world["motion"]
    assert phone.get_attribute(entry, "href") == "/my/party/meetings/%s#motion-%s" % (
        world["live"], world["motion"])
    phone.goto(odoo_server.url + "/my/party/meetings/%s" % world["live"])
    # the meeting's first motion is closed: the link skips it
    assert phone.get_attribute(".o_party_vote_now", "href") == \
        "#motion-%s" % world["motion"]
    phone.click(".o_party_vote_now")
    assert in_view(phone, "#motion-%s .o_party_vote_form" % world["motion"])


def test_four_tasks_in_three_taps_from_my(
        odoo_server, admin, world, phone, artifacts):
    shot = os.path.join(artifacts, "a11y-task-%s.png")
    # unread: the newest document for the member (the pages above opened
    # the world's)
    name = "A11y Chỉ thị %s" % world["tag"]
    publish(admin, admin.ref("party_handbook.org_vinh_loc_cell_1_demo"), name)
    login(phone, odoo_server, "member")

    # acknowledge the new document
    taps = Taps(phone)
    taps.tap(".o_party_newest_entry a")
    phone.wait_for_selector(".o_party_document_title")
    assert phone.inner_text(".o_party_document_title") == name
    taps.tap(".o_party_ack_button")
    phone.wait_for_selector(".o_party_acknowledged")
    assert taps.count <= 3
    assert in_view(phone, ".o_party_acknowledged")
    assert announced(phone, ".o_party_acknowledged")
    phone.screenshot(path=shot % "acknowledged")
    ack_taps = taps.count

    # send feedback on it
    phone.goto(odoo_server.url + "/my")
    taps = Taps(phone)
    taps.tap(".o_party_newest_entry a")
    phone.wait_for_selector(".o_party_feedback_form")
    taps.fill("textarea[name=body]", "Đề nghị in chữ to hơn.")
    taps.tap(".o_party_feedback_submit")
    phone.wait_for_selector(".o_party_feedback_sent")
    assert taps.count <= 3
    assert in_view(phone, ".o_party_feedback_sent")
    assert announced(phone, ".o_party_feedback_sent")
    phone.screenshot(path=shot % "feedback")
    feedback_taps = taps.count

    # vote on the open motion
    phone.goto(odoo_server.url + "/my")
    taps = Taps(phone)
    taps.tap(".o_party_vote_entry[data-motion-id='%s'] a" % world["motion"])
    phone.wait_for_selector("#motion-%s .o_party_vote_form" % world["motion"])
    taps.tap("#motion-%s label[for$='-yes']" % world["motion"])
    taps.tap("#motion-%s .o_party_vote_confirm_yes .o_party_vote_cast"
             % world["motion"])
    phone.wait_for_selector("#motion-%s .o_party_voted" % world["motion"])
    assert taps.count <= 3
    assert in_view(phone, "#motion-%s .o_party_voted" % world["motion"])
    assert announced(phone, "#motion-%s .o_party_voted" % world["motion"])
    phone.screenshot(path=shot % "voted")
    vote_taps = taps.count

    # ask to be excused from the next meeting, with a preset reason
    phone.goto(odoo_server.url + "/my")
    taps = Taps(phone)
    assert world["tag"] in phone.inner_text(".o_party_next_meeting_entry")
    taps.tap(".o_party_next_meeting_entry a")
    phone.wait_for_selector(".o_party_excuse_form")
    taps.tap(".o_party_excuse_reasons input[type=radio] >> nth=0")
    taps.tap(".o_party_excuse_submit")
    phone.wait_for_selector(".o_party_excuse_sent")
    assert taps.count <= 3
    assert in_view(phone, ".o_party_excuse_sent")
    assert announced(phone, ".o_party_excuse_sent")
    phone.screenshot(path=shot % "excused")
    FIGURES["taps"] = {"acknowledge": ack_taps, "feedback": feedback_taps,
                       "vote": vote_taps, "excuse": taps.count}


def test_large_text_at_200_percent_zoom(
        odoo_server, world, browser, artifacts):  # noqa: F811
    """A 360 px phone at 200 % zoom is a 180 px wide page: nothing scrolls
    sideways."""
    context, page = new_page(browser, viewport={"width": 180, "height": 370},
                             device_scale_factor=4, is_mobile=True,
                             has_touch=True)
    try:
        login(page, odoo_server, "member")
        paths = ["/my", "/my/party/documents",
                 "/my/party/documents/%s" % world["document"],
                 "/my/party/meetings", "/my/party/meetings/%s" % world["live"],
                 "/my/party/profile", "/my/party/profile/correct",
                 "/my/party/contacts", "/my/party/rating", "/my/party/data",
                 "/my/party/library?q=bieu+quyet+qua+nua"]
        wide = {}
        for path in paths:
            page.goto(odoo_server.url + path)
            page.screenshot(path=os.path.join(
                artifacts, "a11y-zoom200-%s.png" % slug(pattern(path))),
                full_page=True)
            width = page.evaluate("document.documentElement.scrollWidth")
            if width > 180:
                wide[path] = width
        assert not wide
    finally:
        context.close()


def test_checkin_on_a_phone(odoo_server, browser, artifacts):  # noqa: F811
    secretary = Rpc(odoo_server, "secretary", "secretary")
    # the demo's meeting in progress (the oldest record: not a test's)
    meeting = secretary("party.meeting", "search", [
        ("state", "=", "in_progress")], limit=1, order="id")
    assert meeting
    context, page = new_page(browser, viewport=PHONE, is_mobile=True,
                             has_touch=True)
    try:
        page.goto(odoo_server.url + "/web/login")
        page.fill("input[name=login]", "secretary")
        page.fill("input[name=password]", "secretary")
        page.click("button[type=submit]")
        page.wait_for_selector(".o_web_client", timeout=60000)
        goto_backend(page, odoo_server.url +
                     "/web#id=%s&model=party.meeting&view_type=form" % meeting[0],
                     ".oe_button_box button:has(.fa-check-square-o)")
        page.click(".oe_button_box button:has(.fa-check-square-o)", timeout=60000)
        page.wait_for_selector(".o_party_checkin .oe_kanban_card")
        page.wait_for_timeout(500)
        check_page(page, "secretary check-in", artifacts, portal=False)
    finally:
        context.close()
    assert page.js_errors == []


def test_zz_write_the_figures(artifacts):
    with open(os.path.join(artifacts, "a11y-axe.json"), "w") as handle:
        json.dump(FIGURES, handle, indent=1, ensure_ascii=False, sort_keys=True)
