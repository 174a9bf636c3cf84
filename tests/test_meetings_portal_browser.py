"""Meetings in the member portal on a phone: the demo member (portal user)
opens My meetings, the meeting in progress, casts a secret ballot with its
confirmation step, and asks to be excused from the next meeting.

The meetings are prepared as admin over XML-RPC in the member's cell and
carry a unique name; they are closed or cancelled at the end. Screenshots
are kept in .local/test/artifacts/ (meetings-*.png)."""
import os
import time
from datetime import timedelta

import harness
from test_browser_smoke import browser, new_page  # noqa: F401  (fixture)
from test_e2e_access import Rpc
from test_portal_browser import PHONE, portal_login

ADMIN = ("admin", "admin")


def fmt(seconds_from_now):
    """UTC, from now on the server's clock (PH_FAKE_DATE moves it)."""
    return (harness.now() + timedelta(seconds=seconds_from_now)).strftime(
        "%Y-%m-%d %H:%M:%S")


def prepare(admin, tag):
    cell = admin.ref("party_handbook.org_vinh_loc_cell_1_demo")
    member = admin.ref("party_handbook.party_member_member_demo")
    live = admin("party.meeting", "create", {
        "name": "E2E Họp chi bộ %s" % tag, "organization_id": cell,
        "date_start": fmt(-1800), "date_end": fmt(5400),
        "location": "Nhà văn hóa thôn Lương Viện", "chair_id": member,
        "secretary_id": member,
        "agenda_item_ids": [(0, 0, {"name": "Quán triệt nghị quyết tháng"}),
                            (0, 0, {"name": "Biểu quyết kế hoạch"})]})
    admin("party.meeting", "action_announce", [live])
    admin("party.meeting", "action_start", [live])
    line = admin("party.meeting.attendance", "search", [
        ("meeting_id", "=", live), ("member_id", "=", member)])
    assert len(line) == 1
    admin("party.meeting.attendance", "action_present", line)
    motion = admin("party.meeting.motion", "create", {
        "meeting_id": live, "name": "E2E Thông qua kế hoạch %s" % tag,
        "method": "secret", "text": "Chi bộ thông qua kế hoạch tháng tới."})
    admin("party.meeting.motion", "action_open_vote", [motion])
    upcoming = admin("party.meeting", "create", {
        "name": "E2E Họp chuyên đề %s" % tag, "organization_id": cell,
        "meeting_type": "thematic", "date_start": fmt(7 * 86400),
        "location": "Hội trường xã Vinh Lộc", "chair_id": member,
        "secretary_id": member})
    admin("party.meeting", "action_announce", [upcoming])
    return {"member": member, "live": live, "motion": motion,
            "upcoming": upcoming}


def cleanup(admin, world):
    motion = admin("party.meeting.motion", "read", [world["motion"]], ["state"])[0]
    if motion["state"] == "open":
        admin("party.meeting.motion", "action_close_vote", [world["motion"]])
    expected = admin("party.meeting.attendance", "search", [
        ("meeting_id", "=", world["live"]), ("state", "=", "expected")])
    if expected:
        admin("party.meeting.attendance", "action_absent", expected)
    admin("party.meeting", "action_close", [world["live"]])
    admin("party.meeting", "action_cancel", [world["upcoming"]])


def test_member_votes_and_asks_to_be_excused_on_a_phone(
        odoo_server, browser, artifacts):  # noqa: F811
    admin = Rpc(odoo_server, *ADMIN)
    tag = "%x" % int(time.time() * 1000)
    world = prepare(admin, tag)
    context, page = new_page(browser, viewport=PHONE, is_mobile=True,
                             has_touch=True)
    shot = os.path.join(artifacts, "meetings-%s.png")
    widths = {}

    def look(name):
        page.screenshot(path=shot % name, full_page=True)
        widths[name] = page.evaluate("document.documentElement.scrollWidth")

    try:
        portal_login(page, odoo_server)
        entry = page.locator(".o_party_portal_entry a[href='/my/party/meetings']")
        assert page.locator(".o_party_meetings_entry .o_party_badge_vote").count() == 1
        look("home")
        entry.click()
        page.wait_for_selector(".o_party_meetings", timeout=30000)
        card = page.locator(".o_party_meeting_item", has_text="E2E Họp chi bộ %s" % tag)
        assert card.locator(".o_party_label_vote").count() == 1
        assert "Quán triệt nghị quyết tháng" in card.inner_text()
        look("list")

        card.locator("a.o_party_meeting_open").click()
        page.wait_for_selector(".o_party_meeting .o_party_meeting_title", timeout=30000)
        assert page.inner_text(".o_party_meeting_title") == "E2E Họp chi bộ %s" % tag
        look("meeting")
        page.click(".o_party_vote_now")
        block = page.locator("#motion-%s" % world["motion"])
        assert block.locator(".o_party_vote_button").count() == 3
        yes = block.locator(".o_party_vote_button.o_party_vote_yes")
        height = yes.evaluate("element => element.getBoundingClientRect().height")
        assert height >= 56
        label = yes.inner_text().strip()
        before = page.url
        yes.click()
        confirm = page.locator("#confirm-%s-yes" % world["motion"])
        confirm.wait_for(state="visible", timeout=30000)
        # shown by the browser alone: the URL (fragment included) is unchanged
        assert page.url == before
        assert confirm.locator(".o_party_vote_choice").inner_text().strip() == label
        assert block.locator(".o_party_vote_button").first.is_visible() is False
        look("confirm")
        # "Go back" shows the choices again
        confirm.locator(".o_party_vote_back").click()
        yes.wait_for(state="visible", timeout=30000)
        assert not confirm.is_visible()
        yes.click()
        confirm.wait_for(state="visible", timeout=30000)
        assert page.url == before
        with page.expect_request(lambda r: "/vote/" in r.url) as sent:
            confirm.locator(".o_party_vote_cast").click()
        request = sent.value
        assert request.method == "POST" and "choice" not in request.url
        page.wait_for_selector("#motion-%s .o_party_voted" % world["motion"],
                               timeout=30000)
        voted = page.inner_text("#motion-%s" % world["motion"])
        assert page.locator(".o_party_vote_button").count() == 0
        look("voted")

        page.click(".o_party_nav a[href='/my/party/meetings']")
        page.wait_for_selector(".o_party_meetings", timeout=30000)
        page.locator(".o_party_meeting_item", has_text="E2E Họp chuyên đề %s" % tag) \
            .locator("a.o_party_meeting_open").click()
        page.wait_for_selector(".o_party_excuse_form", timeout=30000)
        page.click(".o_party_excuse_submit")   # no reason: the form again
        page.wait_for_selector(".o_party_errors", timeout=30000)
        look("excuse-error")
        page.fill("textarea[name=reason]",
                  "Tôi đi khám bệnh ở bệnh viện Trung ương Huế.")
        page.click(".o_party_excuse_submit")
        page.wait_for_selector(".o_party_excuse_sent", timeout=30000)
        assert "Tôi đi khám bệnh" in page.inner_text(".o_party_meeting")
        assert page.locator(".o_party_excuse_form").count() == 0
        look("excused")
    finally:
        page.screenshot(path=shot % "last", full_page=True)
        context.close()
        result = {
            "votes": admin("party.meeting.vote", "search_read", [
                ("motion_id", "=", world["motion"])], fields=["member_id", "choice"]),
            "ballots": admin("party.meeting.ballot", "search_count", [
                ("motion_id", "=", world["motion"])]),
            "excuse": admin("party.meeting.attendance", "search_read", [
                ("meeting_id", "=", world["upcoming"]),
                ("member_id", "=", world["member"])],
                fields=["excuse_state", "excuse_reason", "state"]),
        }
        cleanup(admin, world)
        result["counts"] = admin("party.meeting.motion", "read", [world["motion"]], [
            "yes_count", "no_count", "abstain_count"])[0]

    # the secret ballot: never the choice on the page, one ballot, counted
    # as "yes" when the vote closed
    assert label and label not in voted
    assert [v["member_id"][0] for v in result["votes"]] == [world["member"]]
    assert result["votes"][0]["choice"] is False
    assert result["ballots"] == 1
    assert (result["counts"]["yes_count"], result["counts"]["no_count"],
            result["counts"]["abstain_count"]) == (1, 0, 0)
    assert result["excuse"][0]["excuse_state"] == "requested"
    assert result["excuse"][0]["state"] == "expected"
    assert widths and all(width <= PHONE["width"] for width in widths.values()), widths
    assert os.path.getsize(shot % "meeting") > 10000
    assert page.js_errors == []
