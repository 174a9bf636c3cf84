"""Issue #12, "done when": a village cell as most are holds its whole meeting
in the product, over XML-RPC with the demo logins, against a real server on
the demo data.

*Chi bộ khu vực 5 Thuận Lộc* has 12 official members and one probationary
member; only 3 members have a login: its secretary (`thuanloc`, back office)
and two members (`thuanloc1`, `thuanloc2`, portal). The secretary prepares
and announces the meeting (place, chair without a login, minutes secretary),
starts it, records attendance; the cell votes a resolution by hybrid secret
ballot (3 online ballots, 9 paper ballots counted by the vote-counting
board) and the recognition of the probationary member as official by the
two-thirds rule (8 of 12: exactly two thirds); the secretary closes the
meeting and records the chair's signature on the paper minutes with a scan;
then the cell rates its members for the quarter: opened in one step, one
members with a login self-assess online, the others' paper self-assessments are entered
on their behalf (with consent), the cell committee proposes, the cell
decides and the city committee confirms.

Figures are written to .local/test/artifacts/village-cell.txt."""
import base64
import datetime
import os
from xmlrpc.client import Fault

import pytest

import harness
from test_e2e_access import ADMIN, Rpc

CELL = "party_handbook.org_phu_xuan_cell_2_demo"
# a 1x1 PNG: the photo of the signed minutes
SCAN = base64.b64encode(bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5f0000000049"
    "454e44ae426082")).decode()


def login(server, name):
    return Rpc(server, name, name)


@pytest.fixture(scope="module")
def cell(odoo_server):
    admin = Rpc(odoo_server, *ADMIN)
    secretary = login(odoo_server, "thuanloc")
    cell_id = admin.ref(CELL)
    members = secretary("party.member", "search_read",
                        [("organization_id", "=", cell_id)],
                        ["name", "state", "partner_id"])
    official = [m for m in members if m["state"] == "official"]
    probationary = [m for m in members if m["state"] == "probationary"]
    users = admin("res.users", "search_read",
                  [("login", "in", ["thuanloc", "thuanloc1", "thuanloc2"])],
                  ["login", "partner_id"])
    with_login = {u["partner_id"][0]: u["login"] for u in users}
    # the admission demo (issue #16) admits one more member to this cell:
    # the vote here concerns the cell's own probationary member
    admitted = {case["member_id"][0] for case in secretary(
        "party.admission", "search_read",
        [("organization_id", "=", cell_id), ("member_id", "!=", False)],
        ["member_id"])}
    own = [m for m in probationary if m["id"] not in admitted]
    assert len(official) == 12 and len(own) == 1
    assert sum(1 for m in official if m["partner_id"][0] in with_login) == 3
    return {"id": cell_id, "official": official, "probationary": own[0],
            "probationary_count": len(probationary),
            "login_of": {m["id"]: with_login[m["partner_id"][0]]
                         for m in official if m["partner_id"][0] in with_login}}


def test_a_village_cell_holds_its_meeting_and_rates_its_members(
        odoo_server, cell, artifacts):
    secretary = login(odoo_server, "thuanloc")
    official = cell["official"]
    online = [m["id"] for m in official if m["id"] in cell["login_of"]]
    paper = [m["id"] for m in official if m["id"] not in cell["login_of"]]
    me = [m for m in online if cell["login_of"][m] == "thuanloc"][0]
    chair = paper[0]                       # the chair has no login
    report = []

    # -- prepare and announce ----------------------------------------------
    start = harness.now() + datetime.timedelta(minutes=1)
    meeting = secretary("party.meeting", "create", {
        "name": "Sinh hoạt chi bộ thường kỳ (kiểm thử)",
        "date_start": start.strftime("%Y-%m-%d %H:%M:%S"),
        "date_end": (start + datetime.timedelta(minutes=100)).strftime(
            "%Y-%m-%d %H:%M:%S")})
    read = secretary("party.meeting", "read", [meeting], ["organization_id"])[0]
    assert read["organization_id"][0] == cell["id"], "own cell prefilled"
    with pytest.raises(Fault) as refused:
        secretary("party.meeting", "action_announce", [meeting])
    assert "chair" in refused.value.faultString.lower() or \
        "chủ trì" in refused.value.faultString.lower()
    secretary("party.meeting", "write", [meeting], {
        "location": "Nhà văn hóa khu vực 5", "chair_id": chair,
        "secretary_id": me})
    answer = secretary("party.meeting", "action_announce", [meeting])
    if isinstance(answer, dict) and answer.get("res_model"):
        # warnings (e.g. no documents a day before): the secretary goes on
        secretary(answer["res_model"], "action_confirm", [answer["res_id"]])
    secretary("party.meeting", "action_start", [meeting])
    lines = secretary("party.meeting.attendance", "search",
                      [("meeting_id", "=", meeting)])
    secretary("party.meeting.attendance", "action_present", lines)

    # -- a resolution by hybrid secret ballot -------------------------------
    resolution = secretary("party.meeting.motion", "create", {
        "meeting_id": meeting, "name": "Nghị quyết tháng", "method": "secret"})
    secretary("party.meeting.motion", "action_open_vote", [resolution])
    for member in online:
        voter = login(odoo_server, cell["login_of"][member])
        voter("party.meeting.motion", "cast_vote", [resolution], "yes")
    issued = secretary("party.meeting.motion", "action_issue_paper_ballots",
                       [resolution], paper + online)
    # nobody votes twice: the online voters get no paper ballot, and a member
    # with a paper ballot cannot vote online
    assert sorted(issued["registered"]) == sorted(paper)
    assert sorted(issued["skipped"]) == sorted(online)
    with pytest.raises(Fault):
        login(odoo_server, "thuanloc1")("party.meeting.motion", "cast_vote",
                                        [resolution], "no")
    with pytest.raises(Fault) as unreconciled:
        secretary("party.meeting.motion", "action_record_paper_tally",
                  [resolution], paper[1:3], 8, 0, 7, 1, 0)
    assert "9" in unreconciled.value.faultString
    secretary("party.meeting.motion", "action_record_paper_tally",
              [resolution], paper[1:3], 8, 1, 7, 1, 0)
    secretary("party.meeting.motion", "action_close_vote", [resolution])
    voted = secretary("party.meeting.motion", "read", [resolution], [
        "yes_count", "no_count", "abstain_count", "result", "explanation"])[0]
    assert (voted["yes_count"], voted["no_count"], voted["abstain_count"]) == \
        (10, 1, 0)
    assert voted["result"] == "passed"
    report.append("resolution (hybrid secret ballot): 3 online + 9 paper "
                  "(8 valid, 1 spoiled): %s/%s/%s, %s" % (
                      voted["yes_count"], voted["no_count"],
                      voted["abstain_count"], voted["result"]))

    # -- recognition as official member: two thirds of the 12 ---------------
    kind = secretary.ref("party_handbook_meetings.decision_kind_recognition")
    recognition = secretary("party.meeting.motion", "create", {
        "meeting_id": meeting, "name": "Công nhận đảng viên chính thức",
        "method": "hands", "decision_kind_id": kind,
        "subject_member_id": cell["probationary"]["id"]})
    secretary("party.meeting.motion", "action_open_vote", [recognition])
    secretary("party.meeting.motion", "write", [recognition],
              {"yes_count": 8, "no_count": 4, "abstain_count": 0})
    secretary("party.meeting.motion", "action_close_vote", [recognition])
    verdict = secretary("party.meeting.motion", "read", [recognition],
                        ["result", "explanation"])[0]
    assert verdict["result"] == "passed", verdict["explanation"]
    assert "294" in verdict["explanation"]
    report.append("recognition: 8 of 12 official members (exactly two "
                  "thirds): %s" % verdict["result"])

    # -- close, and the chair without a login signs the paper minutes -------
    secretary("party.meeting", "write", [meeting], {
        "minutes": "<p>Chi bộ đã thảo luận và biểu quyết hai nội dung.</p>"})
    secretary("party.meeting", "action_close", [meeting])
    wizard = secretary("party.meeting.paper.approval.wizard", "create", {
        "meeting_id": meeting, "scan": SCAN, "scan_name": "bien-ban-ky.png"})
    secretary("party.meeting.paper.approval.wizard", "action_confirm", [wizard])
    closed = secretary("party.meeting", "read", [meeting], [
        "state", "minutes_approval_mode", "actual_start", "actual_end"])[0]
    assert closed["state"] == "approved"
    assert closed["minutes_approval_mode"] == "paper"
    assert closed["actual_start"] and closed["actual_end"]
    with pytest.raises(Fault):
        secretary("party.meeting", "write", [meeting], {"chair_id": me})
    report.append("minutes approved on paper by the chair (no login), scan "
                  "attached")

    # -- the quarter's rating -------------------------------------------------
    today = datetime.date.today()
    quarter = (today.month - 1) // 3 + 1
    quarter_domain = [("kind", "=", "quarter"), ("year", "=", today.year),
                      ("quarter", "=", quarter)]
    periods = secretary("party.member.rating.period", "search", quarter_domain)
    if not periods:
        Rpc(odoo_server, *ADMIN)("party.member.rating.period", "create", {
            "kind": "quarter", "year": today.year, "quarter": quarter})
        periods = secretary("party.member.rating.period", "search",
                            quarter_domain)
    secretary("party.member.rating", "open_period", [cell["id"]], periods[0])
    ratings = secretary("party.member.rating", "search_read", [
        ("period_id", "=", periods[0]),
        ("rated_organization_id", "=", cell["id"])], ["member_id", "state"])
    # 12 official + the probationary members
    assert len(ratings) == 12 + cell["probationary_count"]
    by_member = {r["member_id"][0]: r["id"] for r in ratings}
    # the two members with a login and the secretary self-assess online
    for member in online:
        login(odoo_server, cell["login_of"][member])(
            "party.member.rating", "action_self_assess", [by_member[member]],
            85, "Hoàn thành tốt nhiệm vụ")
    others = [m for m in by_member if m not in online]
    for member in others:
        # the paper self-assessment, entered with the member's consent
        secretary("party.member", "action_record_assistance_consent", [member],
                  "Đồng ý bằng văn bản, lưu tại chi bộ")
        secretary("party.member.rating", "action_self_assess_on_paper",
                  [by_member[member]], 80, "Bản tự kiểm điểm giấy")
    ids = list(by_member.values())
    secretary("party.member.rating", "action_propose", ids, 82)
    secretary("party.member.rating", "action_cell_decide", ids)
    with pytest.raises(Fault):
        # the cell does not confirm its own ratings
        secretary("party.member.rating", "action_approve", ids)
    login(odoo_server, "cityofficer")("party.member.rating", "action_approve",
                                      ids)
    final = secretary("party.member.rating", "read", ids,
                      ["state", "final_level", "self_assisted"])
    assert {r["state"] for r in final} == {"approved"}
    assert {r["final_level"] for r in final} == {"good"}
    assert sum(1 for r in final if r["self_assisted"]) == len(others)
    report.append("quarter %s/%s rated: %s members, %s self-assessed online, "
                  "%s on paper (assisted), confirmed by the city committee" % (
                      quarter, today.year, len(final), len(online),
                      len(others)))

    with open(os.path.join(artifacts, "village-cell.txt"), "w") as handle:
        handle.write("\n".join(report) + "\n")
    print("\n" + "\n".join(report))
