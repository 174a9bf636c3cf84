"""The supervisor's live day view in a real browser: the demo supervisor
opens "Today's meetings", sees the card of a meeting running in one of their
cells, and the card follows what the secretary records (over XML-RPC here)
without reloading the page: through the bus, and through the periodic
refresh when no bus message comes. Screenshots: .local/test/artifacts/
day-view-*.png."""
import os
import time
import uuid
from datetime import timedelta
from urllib.parse import quote
from zoneinfo import ZoneInfo

import pytest

import harness
from test_browser_smoke import browser, click_menu, new_page  # noqa: F401  (fixture)
from test_e2e_access import ADMIN, Rpc

ACTION = "party_handbook_meetings.party_meeting_action_day_view"
REFRESH = "party_handbook_meetings.day_view_refresh_seconds"
DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 375, "height": 740}
CITY_TZ = "Asia/Ho_Chi_Minh"


def meeting_start():
    """Ten minutes ago on the server's clock, but today in the city (the day
    the supervisor's day view opens on: the supervisor is in its time zone)."""
    now = harness.now().replace(tzinfo=ZoneInfo("UTC"))
    midnight = now.astimezone(ZoneInfo(CITY_TZ)).replace(
        hour=0, minute=0, second=0, microsecond=0)
    start = max(now - timedelta(minutes=10), midnight + timedelta(minutes=1))
    return start.astimezone(ZoneInfo("UTC")).replace(tzinfo=None)


@pytest.fixture(scope="module")
def meeting(odoo_server):
    """A meeting of today (in Hue, as the server sees it), announced and
    started, in one of the supervisor's cells; the refresh period is
    restored afterwards."""
    admin = Rpc(odoo_server, *ADMIN)
    supervisor = admin("res.users", "search_read", [("login", "=", "supervisor")],
                       fields=["party_organization_ids"])[0]
    member = admin("party.member", "search_read", [
        ("organization_id", "child_of", supervisor["party_organization_ids"]),
        ("organization_id.level", "=", "cell"),
        ("state", "=", "official")], fields=["organization_id"], limit=1)[0]
    topic = "Day view test %s" % uuid.uuid4().hex[:8]
    start = meeting_start()
    meeting_id = admin("party.meeting", "create", {
        "name": topic, "organization_id": member["organization_id"][0],
        "date_start": start.strftime("%Y-%m-%d %H:%M:%S"),
        "date_end": (start + timedelta(hours=2)).strftime("%Y-%m-%d %H:%M:%S"),
        "location": "Hội trường A", "chair_id": member["id"],
        "secretary_id": member["id"],
        "agenda_item_ids": [(0, 0, {"name": "Kiểm điểm công tác tháng"})]})
    admin("party.meeting", "action_announce", [meeting_id])
    admin("party.meeting", "action_start", [meeting_id])
    lines = admin("party.meeting.attendance", "search_read",
                  [("meeting_id", "=", meeting_id), ("state", "=", "expected")],
                  fields=["member_id"])
    assert lines, "the cell's roster is empty"
    previous = admin("ir.config_parameter", "get_param", REFRESH)
    yield {"id": meeting_id, "topic": topic, "lines": lines, "admin": admin}
    admin("ir.config_parameter", "set_param", REFRESH, previous or "20")


def open_day_view(page, server):
    # straight to the day view: leaving Discuss (the home page) before it
    # has loaded trips over an Odoo 11 bug in its on_detach_callback
    page.goto(server.url + "/web/login?redirect=" + quote("/web#action=" + ACTION))
    page.fill("input[name=login]", "supervisor")
    page.fill("input[name=password]", "supervisor")
    page.click("button[type=submit]")
    try:
        # the first visit compiles the backend's assets: allow for it
        page.wait_for_selector(".o_party_day_view .o_party_day_totals", timeout=60000)
    except Exception:
        details = page.locator(".o_dialog_error, .o_error_detail")
        raise AssertionError("the day view did not open: %s %s" % (
            page.js_errors, details.all_inner_texts() if details.count() else ""))


def present_count(page, meeting_id):
    return page.inner_text(
        ".o_party_day_card[data-id='%s'] .o_party_day_present" % meeting_id).strip()


def wait_for(predicate, timeout):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if predicate():
            return time.time()
        time.sleep(0.25)
    return None


def new_context(browser, **kwargs):  # noqa: F811
    return new_page(browser, locale="en-US", timezone_id=CITY_TZ, **kwargs)


def test_supervisor_follows_a_meeting_live(
        odoo_server, browser, artifacts, meeting):  # noqa: F811
    admin = meeting["admin"]
    # a long period: only a bus message can update the card in time
    admin("ir.config_parameter", "set_param", REFRESH, "600")
    context, page = new_context(browser, viewport=DESKTOP)
    polls = []
    page.on("request", lambda request: "/longpolling/poll" in request.url
            and polls.append(request.post_data or ""))
    shot = os.path.join(artifacts, "day-view-%s.png")
    card = ".o_party_day_card[data-id='%s']" % meeting["id"]
    try:
        open_day_view(page, odoo_server)
        page.wait_for_selector(card, timeout=30000)
        assert meeting["topic"] in page.inner_text(card + " .o_party_day_topic")
        assert "In progress" in page.inner_text(card + " .o_party_day_state")
        assert "Kiểm điểm công tác tháng" in page.inner_text(
            card + " .o_party_day_agenda")
        assert present_count(page, meeting["id"]) == "0"
        expected = int(page.inner_text(card + " .o_party_day_expected"))
        assert expected == len(meeting["lines"])
        page.screenshot(path=shot % "before", full_page=True)

        # the long-polling request pending when the view opened is ended
        # at once (day_view_listen): the next one listens to the meetings
        assert wait_for(lambda: any("party.meeting.live" in p for p in polls), 30), \
            "no long-polling request listens to the meetings"
        # the secretary marks a member present: the bus brings it over
        marked = time.time()
        admin("party.meeting.attendance", "action_present", [meeting["lines"][0]["id"]])
        seen = wait_for(lambda: present_count(page, meeting["id"]) == "1", 30)
        assert seen, "the card did not show the member present (bus)"
        print("bus update shown after %.1f s" % (seen - marked))
        assert page.url.endswith(ACTION) or "action=" in page.url
        page.screenshot(path=shot % "after", full_page=True)

        # explanation of the quorum, on demand (asked for when opened)
        page.click(card + " .o_party_day_quorum .o_party_day_why")
        assert wait_for(lambda: "Counted members" in page.inner_text(
            card + " .o_party_day_quorum .o_party_day_explanation"), 30), \
            "the explanation of the quorum did not come"

        # a change without a bus message comes with the periodic refresh
        admin("ir.config_parameter", "set_param", REFRESH, "2")
        page.reload()
        page.wait_for_selector(card, timeout=30000)
        admin("party.meeting", "write", [meeting["id"]], {"location": "Phòng họp B"})
        assert wait_for(lambda: "Phòng họp B" in page.inner_text(
            card + " .o_party_day_place"), 30), "the periodic refresh did not run"

        # the day before does not show it; back to today, then open the form
        today = page.get_attribute(".o_party_day_view", "data-date")
        page.click(".o_party_day_prev")
        page.wait_for_function(
            "document.querySelector('.o_party_day_view').dataset.date !== '%s'"
            % today, timeout=30000)
        assert not page.locator(card).count()
        page.click(".o_party_day_today")
        page.wait_for_selector(card, timeout=30000)
        page.click(card + " .o_party_day_topic")
        page.wait_for_selector(".o_form_view .oe_title:has-text('%s')"
                               % meeting["topic"], timeout=30000)

        # back through the menu: the new view replaces the old one and
        # still hears the bus
        admin("ir.config_parameter", "set_param", REFRESH, "600")
        click_menu(page, "party_handbook_meetings.party_meeting_menu_day_view")
        page.wait_for_selector(card, timeout=30000)
        time.sleep(1)  # the old view is destroyed after the new one starts
        assert len(meeting["lines"]) > 1
        admin("party.meeting.attendance", "action_present", [meeting["lines"][1]["id"]])
        assert wait_for(lambda: present_count(page, meeting["id"]) == "2", 30), \
            "the day view opened again from the menu missed the bus"
    finally:
        page.screenshot(path=shot % "last", full_page=True)
        context.close()
    assert os.path.getsize(shot % "after") > 10000
    assert page.js_errors == []


def test_day_view_on_a_phone(odoo_server, browser, artifacts, meeting):  # noqa: F811
    context, page = new_context(browser, viewport=PHONE, is_mobile=True,
                                has_touch=True)
    card = ".o_party_day_card[data-id='%s']" % meeting["id"]
    try:
        open_day_view(page, odoo_server)
        page.wait_for_selector(card, timeout=30000)
        page.screenshot(path=os.path.join(artifacts, "day-view-phone.png"),
                        full_page=True)
        # the cards stack: one card takes the width of the screen
        width = page.evaluate(
            "document.querySelector(\"%s\").getBoundingClientRect().width" % card)
        assert width > PHONE["width"] * 0.8
        assert page.evaluate(
            "document.querySelector('.o_party_day_view').scrollWidth") <= PHONE["width"]
    finally:
        context.close()
    assert page.js_errors == []
