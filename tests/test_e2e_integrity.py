"""Records that hold, over XML-RPC and JSON-RPC against the real server with
the demo logins: every protected rule is refused with forged context keys,
and the refused call changes nothing.

The same checks run as Odoo tests (``test_integrity.py`` in both modules)
for every role; here they go through the server's own dispatch, as an
attacker's client would."""
import datetime
import uuid
from xmlrpc.client import Fault

import pytest
import requests

from test_e2e_access import ADMIN, Rpc

# every context key that once skipped a check, and Odoo's keys that silence
# the chatter
FORGED = {
    "party_history_done": True, "closing_vote": True, "approving_excuse": True,
    "tracking_disable": True, "mail_notrack": True, "mail_create_nolog": True,
    "mail_track_log_only": True, "install_mode": True,
}
CELL = "party_handbook.org_vinh_loc_cell_1_demo"   # the demo secretary's cell


class JsonRpc(Rpc):
    """The same calls through /jsonrpc."""

    # pylint: disable=super-init-not-called
    def __init__(self, server, login, password):
        self.server, self.password = server, password
        self.uid = self._call("common", "login", server.db, login, password)
        assert self.uid, "login %s refused" % login

    def _call(self, service, method, *args):
        response = requests.post(self.server.url + "/jsonrpc", json={
            "jsonrpc": "2.0", "method": "call", "id": 1, "params": {
                "service": service, "method": method, "args": list(args)}},
            timeout=60).json()
        if "error" in response:
            raise Fault(1, response["error"]["data"]["message"])
        return response["result"]

    def __call__(self, model, method, *args, **kwargs):
        return self._call("object", "execute_kw", self.server.db, self.uid,
                          self.password, model, method, list(args), kwargs)


@pytest.fixture(scope="module", params=["xmlrpc", "jsonrpc"])
def rpc(request, odoo_server):
    client = Rpc if request.param == "xmlrpc" else JsonRpc
    return lambda login, password=None: client(
        odoo_server, login, password or login)


def refused(call, *args, **kwargs):
    with pytest.raises(Fault) as fault:
        call(*args, **kwargs)
    assert "Traceback" not in fault.value.faultString
    return fault.value.faultString


def later(days):
    """A UTC datetime string ``days`` from now (meetings of these tests are
    their own, whatever the demo holds today)."""
    moment = datetime.datetime.utcnow().replace(microsecond=0) + \
        datetime.timedelta(days=days)
    return moment.strftime("%Y-%m-%d %H:%M:%S")


def announceable(admin, chair=None):
    """Place, chair and minutes secretary (Hướng dẫn 42-HD/BTCTW: a
    meeting is announced with them) from the demo cell's members."""
    officials = admin("party.member", "search", [
        ("organization_id", "=", admin.ref(CELL)), ("state", "=", "official")],
        limit=2)
    return {"location": "Nhà văn hóa thôn", "chair_id": chair or officials[0],
            "secretary_id": officials[1]}


def held_meeting(secretary, admin, chair=None, minutes=None):
    """A meeting of the demo cell that began an hour ago (a meeting starts
    on its day), announced, started, everybody present."""
    cell = admin.ref(CELL)
    meeting = secretary("party.meeting", "create", dict(announceable(
        admin, chair), **{
            "name": "Kiểm tra toàn vẹn", "organization_id": cell,
            "date_start": later(-1 / 24.0), "date_end": later(1.5 / 24.0),
            "minutes": minutes or False}))
    secretary("party.meeting", "action_announce", [meeting])
    secretary("party.meeting", "action_start", [meeting])
    expected = secretary("party.meeting.attendance", "search", [
        ("meeting_id", "=", meeting), ("state", "=", "expected")])
    secretary("party.meeting.attendance", "action_present", expected)
    return meeting


def secretary_member(admin):
    user = admin("res.users", "search", [("login", "=", "secretary")])
    partner = admin("res.users", "read", user, ["partner_id"])[0]["partner_id"][0]
    return admin("party.member", "search", [("partner_id", "=", partner)])[0]


def test_closed_vote_cannot_be_turned_into_passed(rpc):
    admin, secretary = rpc(*ADMIN), rpc("secretary")
    meeting = held_meeting(secretary, admin)
    motion = secretary("party.meeting.motion", "create", {
        "meeting_id": meeting, "name": "Nghị quyết bị bác", "method": "hands"})
    secretary("party.meeting.motion", "action_open_vote", [motion])
    secretary("party.meeting.motion", "write", [motion],
              {"yes_count": 0, "no_count": 3})
    secretary("party.meeting.motion", "action_close_vote", [motion])
    fields = ["state", "result", "yes_count", "no_count", "explanation"]
    before = admin("party.meeting.motion", "read", [motion], fields)
    assert before[0]["result"] == "rejected"
    for login in ("secretary", "officer", "admin"):
        caller = rpc(login)
        for vals in ({"yes_count": 3, "no_count": 0}, {"result": "passed"},
                     {"state": "open"}, {"explanation": "Thông qua"}):
            refused(caller, "party.meeting.motion", "write", [motion], vals,
                    context=FORGED)
        refused(caller, "party.meeting.motion", "unlink", [motion],
                context=FORGED)
    assert admin("party.meeting.motion", "read", [motion], fields) == before


def test_status_changes_are_dated_and_bulk_applies_to_all(rpc):
    admin, officer = rpc(*ADMIN), rpc("officer")
    cell = admin.ref(CELL)
    members = [officer("party.member", "create", {
        "name": "Kiểm tra dự bị %s" % index, "organization_id": cell,
        "date_of_birth": "1990-01-01", "admission_date": "2025-01-10"})
        for index in range(3)]
    history = lambda: admin("party.member.history", "search_count", [  # noqa: E731
        ("member_id", "in", members)])
    rows = history()
    for login in ("secretary", "officer", "admin"):
        for vals in ({"state": "official"}, {"active": False},
                     {"state": "deceased", "active": False}):
            refused(rpc(login), "party.member", "write", members, vals,
                    context=FORGED)
    assert history() == rows
    assert {m["state"] for m in admin("party.member", "read", members,
                                      ["state"])} == {"probationary"}
    wizard = officer("party.member.status", "create", {
        "member_ids": [(6, 0, members)], "action": "official",
        "date": "2026-01-12", "decision": "5-QĐ/ĐU"}, context=FORGED)
    officer("party.member.status", "action_apply", [wizard], context=FORGED)
    read = admin("party.member", "read", members, ["state", "official_date"])
    assert [(m["state"], m["official_date"]) for m in read] == \
        [("official", "2026-01-12")] * 3
    assert history() == rows + 3
    wizard = officer("party.member.status", "create", {
        "member_ids": [(6, 0, members[:2])], "action": "deceased",
        "date": "2026-02-01"})
    officer("party.member.status", "action_apply", [wizard])
    read = admin("party.member", "read", members, ["state", "active"],
                 context={"active_test": False})
    assert [(m["state"], m["active"]) for m in read] == [
        ("deceased", False), ("deceased", False), ("official", True)]


def test_history_rows_cannot_be_written_or_silenced(rpc):
    admin, secretary = rpc(*ADMIN), rpc("secretary")
    member = secretary_member(admin)
    row = admin("party.member.history", "search", [("member_id", "=", member)],
                limit=1)
    for login in ("secretary", "admin"):
        refused(rpc(login), "party.member.history", "write", row,
                {"event": "left"}, context=FORGED)
        refused(rpc(login), "party.member.history", "unlink", row,
                context=FORGED)
        refused(rpc(login), "party.member.history", "create", {
            "member_id": member, "event": "left", "date": "2026-01-01"},
            context=FORGED)
    town = "Phú Vang %s" % datetime.datetime.utcnow().strftime("%H%M%S%f")
    secretary("party.member", "write", [member], {"home_town": town},
              context=FORGED)
    tracked = admin("mail.tracking.value", "search_read", [
        ("field", "=", "home_town"), ("new_value_char", "=", town)],
        fields=["mail_message_id"])
    assert tracked, "the change of home town was not tracked"


def test_minutes_stay_approved_and_the_meeting_held(rpc):
    admin, secretary = rpc(*ADMIN), rpc("secretary")
    chair = secretary_member(admin)
    meeting = held_meeting(secretary, admin, chair=chair,
                           minutes="<p><br></p>")
    secretary("party.meeting", "action_close", [meeting])
    row = admin("party.meeting", "read", [meeting], ["minutes"])[0]
    assert "<br>" != (row["minutes"] or "").strip() and row["minutes"], \
        "closing prefills empty minutes"
    other = admin("party.member", "search", [
        ("organization_id", "=", admin.ref(CELL)), ("id", "!=", chair),
        ("state", "=", "official")], limit=1)
    for vals in ({"chair_id": other[0]}, {"date_start": later(3)},
                 {"organization_id": admin.ref(
                     "party_handbook.org_vinh_loc_cell_2_demo")}):
        refused(secretary, "party.meeting", "write", [meeting], vals,
                context=FORGED)
    word = "TỪKHOÁ%s" % uuid.uuid4().hex[:12].upper()   # this run's own
    secretary("party.meeting", "write", [meeting],
              {"minutes": "<p>Biên bản %s</p>" % word})
    # a member of the cell cannot tell whether a word is in the minutes
    member = rpc("member")
    assert member("party.meeting", "search_count", [
        ("minutes", "ilike", word)]) == 0
    assert member("party.meeting.attendance", "search_count", [
        ("meeting_id.minutes", "ilike", word)]) == 0
    refused(member, "party.meeting", "search", [], order="minutes")
    secretary("party.meeting", "action_approve_minutes", [meeting])
    assert member("party.meeting", "search", [
        ("minutes", "ilike", word)]) == [meeting]
    before = admin("party.meeting", "read", [meeting],
                   ["state", "minutes", "minutes_approved_by", "chair_id"])
    for login in ("secretary", "officer", "admin"):
        caller = rpc(login)
        for vals in ({"state": "closed"}, {"minutes": "<p>Sửa lén</p>"},
                     {"minutes_approved_by": caller.uid}):
            refused(caller, "party.meeting", "write", [meeting], vals,
                    context=FORGED)
    assert admin("party.meeting", "read", [meeting], [
        "state", "minutes", "minutes_approved_by", "chair_id"]) == before


def test_announced_meeting_stays_in_its_organization(rpc):
    admin, officer = rpc(*ADMIN), rpc("officer")
    meeting = officer("party.meeting", "create", {
        "name": "Họp chuyển chi bộ", "organization_id": admin.ref(CELL),
        "date_start": later(5), **announceable(admin)})
    officer("party.meeting", "action_announce", [meeting])
    other_cell = admin.ref("party_handbook.org_vinh_loc_cell_2_demo")
    refused(officer, "party.meeting", "write", [meeting],
            {"organization_id": other_cell}, context=FORGED)
    lines = admin("party.meeting.attendance", "search_read", [
        ("meeting_id", "=", meeting)], fields=["organization_id"])
    assert lines and {line["organization_id"][0] for line in lines} == {
        admin.ref(CELL)}
    refused(officer, "party.meeting.attendance", "write", [lines[0]["id"]],
            {"state": "attached_elsewhere"}, context=FORGED)
    refused(officer, "party.meeting.attendance", "unlink", [lines[0]["id"]],
            context=FORGED)


def test_excuses_are_approved_by_the_recorder_only(rpc):
    admin, secretary, member = rpc(*ADMIN), rpc("secretary"), rpc("member")
    meeting = secretary("party.meeting", "create", {
        "name": "Họp xin vắng", "organization_id": admin.ref(CELL),
        "date_start": later(6), **announceable(admin)})
    secretary("party.meeting", "action_announce", [meeting])
    user = admin("res.users", "search", [("login", "=", "member")])
    partner = admin("res.users", "read", user, ["partner_id"])[0]["partner_id"][0]
    line = admin("party.meeting.attendance", "search", [
        ("meeting_id", "=", meeting), ("member_id.partner_id", "=", partner)])
    member("party.meeting.attendance", "action_request_excuse", line, "Ốm")
    fields = ["state", "excuse_state", "recorded_by"]
    before = admin("party.meeting.attendance", "read", line, fields)
    assert before[0]["excuse_state"] == "requested"
    refused(member, "party.meeting.attendance", "action_approve_excuse", line,
            context=FORGED)
    refused(member, "party.meeting.attendance", "write", line,
            {"state": "excused"}, context=FORGED)
    refused(secretary, "party.meeting.attendance", "write", line,
            {"excuse_state": "approved"}, context=FORGED)
    assert admin("party.meeting.attendance", "read", line, fields) == before
    secretary("party.meeting.attendance", "action_approve_excuse", line,
              context=FORGED)
    assert admin("party.meeting.attendance", "read", line, fields)[0][
        "excuse_state"] == "approved"
