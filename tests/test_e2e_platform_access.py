"""End-to-end, over XML-RPC with the demo logins: what each login reaches of
the platform models around ours (issue #11: contacts, followers, calendar
rosters, users, login times, self-renaming). What a login may see is what
our own rules give it (its own party.member and party.meeting searches);
anything more is a leak, and the test asserts 0 of them."""
import json
import os
from xmlrpc.client import Fault

import pytest
import requests

import harness
from test_e2e_access import ADMIN, Rpc

# Odoo's own demo logins (an internal user and a portal user with no party
# role) and the handbook's
LOGINS = ("demo", "portal", "member", "supervisor", "secretary", "officer",
          "cityofficer")


class Counting(Rpc):
    calls = 0

    def __call__(self, *args, **kwargs):
        Counting.calls += 1
        return super().__call__(*args, **kwargs)

    def denied(self, *args, **kwargs):
        """True when the call is refused: a Fault (the access error, or our
        own message), or a false answer (Odoo's ``message_subscribe`` of
        oneself to a record one cannot read returns False)."""
        try:
            return not self(*args, **kwargs)
        except Fault:
            return True

    def allowed_ids(self, model, domain=(), context=None):
        try:
            return set(self(model, "search", list(domain),
                            context=context or {}))
        except Fault:
            return set()


@pytest.fixture(scope="module")
def demo(odoo_server):
    admin = Rpc(odoo_server, *ADMIN)
    members = admin("party.member", "search_read", [], fields=["partner_id"],
                    context={"active_test": False})
    meetings = admin("party.meeting", "search_read",
                     [("calendar_event_id", "!=", False)],
                     fields=["calendar_event_id"])
    events = {m["id"]: m["calendar_event_id"][0] for m in meetings}
    attendees = admin("calendar.attendee", "search_read",
                      [("event_id", "in", list(events.values()))],
                      fields=["event_id"])
    return {
        "partner_of": {m["id"]: m["partner_id"][0] for m in members},
        "event_of": events,
        "attendees": {a["id"]: a["event_id"][0] for a in attendees},
    }


def reach(server, login, demo):
    rpc = Counting(server, login, login)
    me = rpc("res.users", "read", [rpc.uid], ["partner_id"])[0]
    own_partner = me["partner_id"][0]
    result = {"login": login, "leaks": {}}
    # contacts: the partners of the members the login may see, and its own
    members = rpc.allowed_ids("party.member", context={"active_test": False})
    allowed = {demo["partner_of"][m] for m in members} | {own_partner}
    partners = list(demo["partner_of"].values())
    rows = rpc("res.partner", "search_read", [("id", "in", partners)],
               fields=["name", "phone", "email"])
    seen = {r["id"] for r in rows}
    result["contacts"] = len(seen)
    result["leaks"]["contacts"] = len(seen - allowed)
    result["leaks"]["phones"] = sum(
        1 for r in rows if r["id"] not in allowed and r["phone"])
    outside = sorted(set(partners) - allowed)[:3]
    result["leaks"]["contact_writes"] = sum(
        1 for pid in outside
        if not rpc.denied("res.partner", "write", [pid], {"comment": "x"}))
    # followers: on a member out of reach, for oneself and for another
    out_members = sorted(set(demo["partner_of"]) - members)[:3]
    follows = 0
    for member in out_members:
        for partner in (own_partner, demo["partner_of"][member]):
            follows += not rpc.denied("mail.followers", "create", {
                "res_model": "party.member", "res_id": member,
                "partner_id": partner})
            follows += not rpc.denied("party.member", "message_subscribe",
                                      [member], [partner])
    result["leaks"]["follows"] = follows
    messages = rpc.allowed_ids("mail.message", [
        ("model", "=", "party.member"), ("res_id", "in", out_members)])
    result["leaks"]["messages"] = len(messages)
    # calendar: the rosters of the meetings the login may read
    meetings = rpc.allowed_ids("party.meeting")
    events = {demo["event_of"][m] for m in meetings if m in demo["event_of"]}
    attendees = rpc.allowed_ids("calendar.attendee",
                                [("id", "in", list(demo["attendees"]))])
    result["rosters"] = len(attendees)
    result["leaks"]["rosters"] = sum(
        1 for a in attendees if demo["attendees"][a] not in events)
    seen_events = rpc.allowed_ids(
        "calendar.event", [("id", "in", list(demo["event_of"].values()))])
    result["leaks"]["events"] = len(seen_events - events)
    # login times: one's own
    logs = rpc("res.users.log", "search_read", [], fields=["create_uid"])
    result["leaks"]["login_times"] = sum(
        1 for log in logs if log["create_uid"][0] != rpc.uid)
    # the users list: portal users and members see themselves only
    users = rpc.allowed_ids("res.users")
    result["users"] = len(users)
    if login in ("portal", "member"):
        result["leaks"]["users"] = len(users - {rpc.uid})
    # members rename themselves only through the correction request
    if login == "member":
        result["leaks"]["self_rename"] = sum(
            1 for vals in ({"name": "Renamed"}, {"email": "x@example.org"},
                           {"login": "renamed"})
            if not rpc.denied("res.users", "write", [rpc.uid], vals))
    return result


def test_demo_logins_reach_no_more_than_their_rules(odoo_server, demo, artifacts):
    results = [reach(odoo_server, login, demo) for login in LOGINS]
    with open(os.path.join(artifacts, "platform_access.json"), "w") as handle:
        json.dump({"calls": Counting.calls, "results": results}, handle,
                  indent=1)
    leaks = {r["login"]: {k: v for k, v in r["leaks"].items() if v}
             for r in results}
    assert not any(leaks.values()), leaks
    by_login = {r["login"]: r for r in results}
    # and the allowed side: the roles see what they work with
    assert by_login["demo"]["contacts"] == 0
    assert by_login["portal"]["contacts"] == 0
    assert by_login["member"]["contacts"] == 1
    assert by_login["cityofficer"]["contacts"] == len(demo["partner_of"])
    assert 0 < by_login["secretary"]["contacts"] < by_login["officer"]["contacts"]
    assert by_login["cityofficer"]["rosters"] == len(demo["attendees"])
    assert by_login["member"]["rosters"] > 0
    assert by_login["portal"]["rosters"] == by_login["demo"]["rosters"] == 0
    assert by_login["member"]["users"] == 1
    assert Counting.calls > 100


def test_member_still_uses_the_portal(odoo_server):
    """The member's pages work under the new rules (profile, meetings)."""
    session = requests.Session()
    page = session.get(odoo_server.url + "/web/login", timeout=harness.REQUEST_TIMEOUT)
    token = page.text.split('name="csrf_token" value="')[1].split('"')[0]
    session.post(odoo_server.url + "/web/login", data={
        "login": "member", "password": "member", "csrf_token": token,
        "redirect": "/my"}, timeout=harness.REQUEST_TIMEOUT)
    for path in ("/my", "/my/party/profile", "/my/party/contacts",
                 "/my/party/meetings", "/my/party/documents"):
        response = session.get(odoo_server.url + path,
                               timeout=harness.REQUEST_TIMEOUT)
        assert response.status_code == 200, path
