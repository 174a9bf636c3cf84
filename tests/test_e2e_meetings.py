"""End-to-end over XML-RPC against the real server: the demo cell secretary
keeps a meeting book from announcement to closing, a member casts a secret
ballot (through the server's own transaction handling), the supervisor of
the cell reads everything and can change nothing."""
from datetime import timedelta
from xmlrpc.client import Fault

import pytest

import harness
from test_e2e_access import ADMIN, Rpc


@pytest.fixture(scope="module")
def book(odoo_server):
    admin = Rpc(odoo_server, *ADMIN)
    secretary = Rpc(odoo_server, "secretary", "secretary")
    cell = admin.ref("party_handbook.org_vinh_loc_cell_1_demo")
    member_user = admin("res.users", "search", [("login", "=", "member")])
    partner = admin("res.users", "read", member_user,
                    ["partner_id"])[0]["partner_id"][0]
    member_id = admin("party.member", "search", [("partner_id", "=", partner)])[0]
    # a meeting that began half an hour ago (on the server's clock)
    start = harness.now() - timedelta(minutes=30)
    meeting = secretary("party.meeting", "create", {
        "name": "E2E họp chi bộ", "organization_id": cell,
        "date_start": start.strftime("%Y-%m-%d %H:%M:%S"),
        "date_end": (start + timedelta(hours=2, minutes=30)).strftime(
            "%Y-%m-%d %H:%M:%S"),
        "location": "Nhà văn hóa thôn", "chair_id": member_id,
        "secretary_id": member_id,
        "agenda_item_ids": [(0, 0, {"name": "Thời sự"})]})
    secretary("party.meeting", "action_announce", [meeting])
    secretary("party.meeting", "action_start", [meeting])
    lines = secretary("party.meeting.attendance", "search_read",
                      [("meeting_id", "=", meeting)], fields=["member_id", "state"])
    expected = [line["id"] for line in lines if line["state"] == "expected"]
    secretary("party.meeting.attendance", "action_present", expected)
    return {"admin": admin, "secretary": secretary, "meeting": meeting,
            "member_id": member_id, "lines": lines}


def test_secretary_keeps_the_book_over_rpc(odoo_server, book):
    secretary, meeting = book["secretary"], book["meeting"]
    row = secretary("party.meeting", "read", [meeting],
                    ["state", "present_count", "base_count", "voter_count",
                     "quorum_met", "calendar_event_id"])[0]
    assert row["state"] == "in_progress"
    assert row["present_count"] > 0 and row["quorum_met"]
    assert row["calendar_event_id"]
    motion = secretary("party.meeting.motion", "create", {
        "meeting_id": meeting, "name": "E2E nghị quyết", "method": "hands"})
    secretary("party.meeting.motion", "action_open_vote", [motion])
    half = row["base_count"] // 2
    secretary("party.meeting.motion", "write", [motion], {"yes_count": half})
    secretary("party.meeting.motion", "action_close_vote", [motion])
    result = secretary("party.meeting.motion", "read", [motion],
                       ["result", "explanation"])[0]
    assert result["result"] == "rejected"
    assert "not more than half" in result["explanation"] or \
        "exactly half" in result["explanation"]
    with pytest.raises(Fault) as fault:
        secretary("party.meeting.motion", "write", [motion], {"yes_count": 1})
    assert "closed" in fault.value.faultString


def test_member_casts_a_secret_ballot_once_over_rpc(odoo_server, book):
    secretary, admin, meeting = book["secretary"], book["admin"], book["meeting"]
    motion = secretary("party.meeting.motion", "create", {
        "meeting_id": meeting, "name": "E2E bỏ phiếu kín", "method": "secret"})
    secretary("party.meeting.motion", "action_open_vote", [motion])
    member = Rpc(odoo_server, "member", "member")
    line = admin("party.meeting.attendance", "search_read", [
        ("meeting_id", "=", meeting), ("member_id", "=", book["member_id"])],
        fields=["can_vote", "is_official"])[0]
    assert line["can_vote"], "the demo member is an official member, present"
    member("party.meeting.motion", "cast_vote", [motion], "yes")
    with pytest.raises(Fault) as fault:
        member("party.meeting.motion", "cast_vote", [motion], "no")
    assert "already voted" in fault.value.faultString
    assert member("party.meeting.motion", "read", [motion], ["my_vote"])[0][
        "my_vote"] == "secret"
    register = admin("party.meeting.vote", "search_read", [("motion_id", "=", motion)],
                     fields=["member_id", "choice"])
    assert [(r["member_id"][0], r["choice"]) for r in register] == [
        (book["member_id"], False)]
    # one ballot, which shows nobody anything but its motion
    ballots = admin("party.meeting.ballot", "search_read", [
        ("motion_id", "=", motion)])
    assert len(ballots) == 1
    assert set(ballots[0]) - {"display_name", "__last_update"} == {"id", "motion_id"}
    secretary("party.meeting.motion", "action_close_vote", [motion])
    counts = admin("party.meeting.motion", "read", [motion],
                   ["yes_count", "no_count", "abstain_count", "result"])[0]
    assert (counts["yes_count"], counts["no_count"], counts["abstain_count"]) == (
        1, 0, 0)


def test_supervisor_reads_but_cannot_write(odoo_server, book):
    supervisor = Rpc(odoo_server, "supervisor", "supervisor")
    meeting = book["meeting"]
    row = supervisor("party.meeting", "read", [meeting], ["name", "present_count"])[0]
    assert row["name"] == "E2E họp chi bộ"
    with pytest.raises(Fault) as fault:
        supervisor("party.meeting", "write", [meeting], {"name": "x"})
    message = fault.value.faultString
    assert "not allowed" in message or "Access" in message
    with pytest.raises(Fault):
        supervisor("party.meeting.attendance", "action_absent",
                   [book["lines"][0]["id"]])
