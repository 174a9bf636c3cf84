"""End-to-end over XML-RPC against the real server (issue #12): a hybrid
secret ballot in the demo cell. The member with a login votes online, the
secretary hands out paper ballots to everybody else present (through the
casting transactions of the server, not a test's), nobody votes twice
either way, a tally that does not reconcile is refused with nothing
written, and closing adds both parts."""
from datetime import timedelta
from xmlrpc.client import Fault

import pytest

import harness
from test_e2e_access import ADMIN, Rpc


@pytest.fixture(scope="module")
def hybrid(odoo_server):
    admin = Rpc(odoo_server, *ADMIN)
    secretary = Rpc(odoo_server, "secretary", "secretary")
    cell = admin.ref("party_handbook.org_vinh_loc_cell_1_demo")
    member_user = admin("res.users", "search", [("login", "=", "member")])
    partner = admin("res.users", "read", member_user,
                    ["partner_id"])[0]["partner_id"][0]
    member_id = admin("party.member", "search", [("partner_id", "=", partner)])[0]
    start = harness.now() - timedelta(minutes=20)
    meeting = secretary("party.meeting", "create", {
        "name": "E2E phiếu giấy", "organization_id": cell,
        "date_start": start.strftime("%Y-%m-%d %H:%M:%S"),
        "date_end": (start + timedelta(hours=2, minutes=30)).strftime(
            "%Y-%m-%d %H:%M:%S"),
        "location": "Nhà văn hóa thôn", "chair_id": member_id,
        "secretary_id": member_id})
    secretary("party.meeting", "action_announce_anyway", [meeting])
    secretary("party.meeting", "action_start", [meeting])
    lines = secretary("party.meeting.attendance", "search_read",
                      [("meeting_id", "=", meeting)], fields=["state"])
    secretary("party.meeting.attendance", "action_present",
              [line["id"] for line in lines if line["state"] == "expected"])
    voters = [row["member_id"][0] for row in secretary(
        "party.meeting.attendance", "search_read",
        [("meeting_id", "=", meeting), ("state", "=", "present")],
        fields=["member_id", "can_vote"]) if row["can_vote"]]
    assert member_id in voters and len(voters) >= 3
    motion = secretary("party.meeting.motion", "create", {
        "meeting_id": meeting, "name": "E2E bỏ phiếu kín kết hợp",
        "method": "secret"})
    secretary("party.meeting.motion", "action_open_vote", [motion])
    return {"admin": admin, "secretary": secretary, "motion": motion,
            "member_id": member_id, "voters": voters,
            "member": Rpc(odoo_server, "member", "member")}


def test_hybrid_secret_ballot_over_rpc(odoo_server, hybrid):
    secretary, admin, motion = hybrid["secretary"], hybrid["admin"], hybrid["motion"]
    member_id, voters = hybrid["member_id"], hybrid["voters"]
    others = [voter for voter in voters if voter != member_id]
    hybrid["member"]("party.meeting.motion", "cast_vote", [motion], "yes")
    result = secretary("party.meeting.motion", "action_issue_paper_ballots",
                       [motion], voters)
    assert result["skipped"] == [member_id]
    assert sorted(result["registered"]) == sorted(others)
    # nobody votes twice: a paper holder online, the online voter on paper
    with pytest.raises(Fault) as fault:
        hybrid["member"]("party.meeting.motion", "cast_vote", [motion], "no")
    assert "already voted" in fault.value.faultString
    result = secretary("party.meeting.motion", "action_issue_paper_ballots",
                       [motion], [member_id])
    assert result == {"registered": [], "skipped": [member_id]}
    register = admin("party.meeting.vote", "search_read",
                     [("motion_id", "=", motion)], fields=["channel", "choice"])
    assert sorted(r["channel"] for r in register) == sorted(
        ["online"] + ["paper"] * len(others))
    assert not any(r["choice"] for r in register)
    # members neither hand out nor count ballots
    with pytest.raises(Fault):
        hybrid["member"]("party.meeting.motion", "action_issue_paper_ballots",
                         [motion], others)
    # a tally that does not reconcile: refused, nothing written
    issued = len(others)
    board = [others[0]]
    with pytest.raises(Fault) as fault:
        secretary("party.meeting.motion", "action_record_paper_tally", [motion],
                  board, issued - 1, 0, issued - 1, 0, 0)
    assert "does not reconcile" in fault.value.faultString
    row = admin("party.meeting.motion", "read", [motion],
                ["paper_tally_recorded", "paper_returned_count"])[0]
    assert (row["paper_tally_recorded"], row["paper_returned_count"]) == (False, 0)
    with pytest.raises(Fault) as fault:
        secretary("party.meeting.motion", "action_close_vote", [motion])
    assert "paper tally" in fault.value.faultString
    # one spoiled ballot, the rest in favour
    secretary("party.meeting.motion", "action_record_paper_tally", [motion],
              board, issued - 1, 1, issued - 1, 0, 0)
    secretary("party.meeting.motion", "action_close_vote", [motion])
    row = admin("party.meeting.motion", "read", [motion], [
        "state", "yes_count", "no_count", "abstain_count", "explanation",
        "online_ballot_count"])[0]
    assert row["state"] == "closed"
    assert (row["yes_count"], row["no_count"], row["abstain_count"]) == (
        issued, 0, 0)
    assert row["online_ballot_count"] == 1
    assert "Online: 1 ballots; paper: %s issued, %s returned, 1 spoiled." % (
        issued, issued - 1) in row["explanation"]
