"""Restricted fields and publishing scope, end to end over XML-RPC (and the
web client's JSON routes) with the demo logins (issue #11):

- the supervising officer replays the national-ID oracle (a full ID was
  rebuilt in 61 ``search`` calls) through every path: every call is
  refused, nothing is learned; nor can he group, sort or export by the
  member's sensitive fields, read their old and new values in the chatter,
  or read the ratings of his cells one by one (he counts them per level);
- the commune officer publishes only within his commune: the city root,
  another commune, and a commune of the test's own are refused however the
  targets are written, and no member outside his subtree receives anything;
  the city officer sends anywhere.

Each test prints the calls it tried and the leaks it found (0)."""
import uuid
from xmlrpc.client import Fault

import pytest
import requests

from test_e2e_access import ADMIN, Rpc

DIGITS = "0123456789"
SENSITIVE = ("national_id", "religion", "ethnicity", "discipline_ids",
             "rating_ids", "activity_restriction")


class Tally:
    """Calls tried, refused, and answered (a leak when it should not be)."""

    def __init__(self, name):
        self.name, self.calls, self.refused, self.leaks = name, 0, 0, []

    def attempt(self, label, call, *args, **kwargs):
        self.calls += 1
        try:
            result = call(*args, **kwargs)
        except Fault as fault:
            assert "Traceback" not in fault.faultString, fault.faultString
            self.refused += 1
            return None
        self.leaks.append((label, result))
        return result

    def report(self):
        print("\n%s: %d calls, %d refused, %d leaks"
              % (self.name, self.calls, self.refused, len(self.leaks)))


def login(server, name):
    return Rpc(server, name, name)


@pytest.fixture(scope="module")
def admin(odoo_server):
    return Rpc(odoo_server, *ADMIN)


@pytest.fixture(scope="module")
def target(odoo_server, admin):
    """A member of the supervisor's cells whose national ID is known."""
    supervisor = login(odoo_server, "supervisor")
    ids = supervisor("party.member", "search", [], order="id")
    assert ids, "the demo supervisor sees no member"
    member_id = ids[0]
    national_id = "0461%08d" % (member_id * 7919 % 10 ** 8)
    admin("party.member", "write", [member_id], {
        "national_id": national_id, "religion": "Phật giáo", "ethnicity": "Kinh"})
    return member_id, national_id


def test_the_national_id_oracle_learns_nothing(odoo_server, target):
    member_id, national_id = target
    supervisor = login(odoo_server, "supervisor")
    tally = Tally("national ID oracle (supervisor)")
    # every path that once answered: the field, its negation, paths through
    # the partner, the history, the roster, the users
    vectors = [
        ("party.member", "search", lambda p: [
            ("id", "=", member_id), ("national_id", "=like", p + "%")]),
        ("party.member", "search_count", lambda p: [
            ("id", "=", member_id), ("national_id", "like", p)]),
        ("party.member", "search", lambda p: [
            ("id", "=", member_id), ("national_id", "ilike", p)]),
        ("party.member", "search", lambda p: [
            ("id", "=", member_id), "!", ("national_id", "=like", p + "%")]),
        ("party.member", "search_read", lambda p: [
            ("id", "=", member_id), ("national_id", ">=", p)]),
        ("party.member", "search", lambda p: [
            ("id", "=", member_id),
            ("national_id", "in", [p + d for d in DIGITS])]),
        ("res.partner", "search", lambda p: [
            ("party_member_ids.national_id", "=like", p + "%")]),
        ("party.member.history", "search", lambda p: [
            ("member_id.national_id", "=like", p + "%")]),
        ("party.meeting.attendance", "search_count", lambda p: [
            ("member_id.national_id", "=like", p + "%")]),
        ("res.users", "search", lambda p: [
            ("partner_id.party_member_ids.national_id", "=like", p + "%")]),
    ]
    learned = {}
    for model, method, domain in vectors:
        known = ""
        while len(known) < len(national_id):
            for digit in DIGITS:
                answer = tally.attempt((model, known + digit), supervisor,
                                       model, method, domain(known + digit))
                if answer:
                    known += digit
                    break
            else:
                break
        learned[(model, method)] = known
    # one call each would have given every ID at once
    tally.attempt("order", supervisor, "party.member", "search", [],
                  order="national_id")
    for field in SENSITIVE:
        tally.attempt(("group", field), supervisor, "party.member",
                      "read_group", [], [field], [field])
        tally.attempt(("export", field), supervisor, "party.member",
                      "export_data", [member_id], ["name", field])
    tally.attempt("read", supervisor, "party.member", "read", [member_id],
                  ["national_id"])
    tally.report()
    assert set(learned.values()) == {""}
    assert tally.leaks == []
    assert tally.refused == tally.calls >= 10 * len(vectors)


def test_the_chatter_keeps_restricted_values_from_the_supervisor(
        odoo_server, admin, target):
    member_id, national_id = target
    secret = "0799%08d" % member_id
    admin("party.member", "write", [member_id], {
        "national_id": secret, "religion": "Cao Đài", "occupation": "Thợ mộc"})
    domain = [("model", "=", "party.member"), ("res_id", "=", member_id)]
    tally = Tally("tracking values (supervisor)")
    supervisor = login(odoo_server, "supervisor")
    messages = supervisor("mail.message", "search", domain)
    formatted = supervisor("mail.message", "message_format", messages)
    # the web client's chatter: a browser session and /web/dataset/call_kw
    session = requests.Session()
    session.post(odoo_server.url + "/web/session/authenticate", json={
        "jsonrpc": "2.0", "method": "call", "params": {
            "db": odoo_server.db, "login": "supervisor",
            "password": "supervisor"}}, timeout=60).raise_for_status()
    fetched = session.post(
        odoo_server.url + "/web/dataset/call_kw/mail.message/message_fetch",
        json={"jsonrpc": "2.0", "method": "call", "params": {
            "model": "mail.message", "method": "message_fetch",
            "args": [domain], "kwargs": {"limit": 100}}}, timeout=60).json()
    assert "result" in fetched, fetched
    for answer in (formatted, fetched["result"]):
        text = repr(answer)
        tally.calls += 1
        for value in (secret, national_id, "Cao Đài", "Phật giáo"):
            if value in text:
                tally.leaks.append(value)
        assert "Thợ mộc" in text   # what he may read is still tracked
    tally.attempt("tracking values", supervisor, "mail.tracking.value",
                  "search_read", [], ["new_value_char"])
    tally.attempt("tracking ids", supervisor, "mail.message", "read",
                  messages, ["tracking_value_ids"])
    # the city officer, who may read the field, sees it change
    officer = login(odoo_server, "cityofficer")
    shown = repr(officer("mail.message", "message_format",
                         officer("mail.message", "search", domain)))
    tally.report()
    assert tally.leaks == []
    assert secret in shown


def test_the_supervisor_counts_ratings_but_reads_none(odoo_server, admin):
    supervisor = login(odoo_server, "supervisor")
    tally = Tally("ratings and discipline (supervisor)")
    me = supervisor("res.users", "read", [supervisor.uid], ["partner_id"])[0][
        "partner_id"][0]
    cells = admin("res.users", "read", [supervisor.uid],
                  ["party_organization_ids"])[0]["party_organization_ids"]
    in_cells = admin("party.member.rating", "search_count", [
        ("organization_id", "child_of", cells), ("member_partner_id", "!=", me)])
    assert in_cells, "the demo has ratings in the supervisor's cells"
    tally.calls += 1
    rows = supervisor("party.member.rating", "search_read", [],
                      ["member_partner_id", "final_level"])
    tally.leaks += [r for r in rows if r["member_partner_id"][0] != me]
    tally.attempt("discipline", supervisor, "party.member.discipline",
                  "search_read", [], ["form"])
    tally.attempt("rating_ids", supervisor, "party.member", "search_read",
                  [], ["rating_ids"])
    summary = supervisor("party.member.rating.summary", "read_group", [],
                         ["level", "rating_count"], ["level"])
    tally.report()
    assert tally.leaks == []
    assert sum(group["rating_count"] for group in summary) == admin(
        "party.member.rating", "search_count",
        [("rated_organization_id", "child_of", cells)])


@pytest.fixture(scope="module")
def scope_world(admin):
    """Organizations of the test's own (with one member each): a cell in the
    demo officer's commune and a commune beside it."""
    city = admin.ref("party_handbook.org_hue_demo")
    commune = admin.ref("party_handbook.org_vinh_loc_demo")
    tag = uuid.uuid4().hex[:6].upper()
    own_cell = admin("party.organization", "create", {
        "name": "E2E F cell %s" % tag, "code": "E2E-F-%s" % tag, "level": "cell",
        "parent_id": commune})
    other = admin("party.organization", "create", {
        "name": "E2E F commune %s" % tag, "code": "E2E-G-%s" % tag,
        "level": "commune", "parent_id": city})
    other_cell = admin("party.organization", "create", {
        "name": "E2E G cell %s" % tag, "code": "E2E-G1-%s" % tag, "level": "cell",
        "parent_id": other})
    for name, cell in (("E2E Lê F", own_cell), ("E2E Võ G", other_cell)):
        admin("party.member", "create", {
            "name": name, "organization_id": cell, "admission_date": "2015-03-03",
            "date_of_birth": "1980-02-02"})
    return {"city": city, "commune": commune, "own_cell": own_cell,
            "other": other, "other_commune": admin.ref(
                "party_handbook.org_huong_an_demo")}


def test_the_commune_officer_publishes_only_within_his_commune(
        odoo_server, admin, scope_world):
    officer = login(odoo_server, "officer")
    world = scope_world
    tally = Tally("publishing outside the subtree (commune officer)")
    outside = [world["city"], world["other_commune"], world["other"]]
    documents = []

    def draft(targets):
        return officer("party.document", "create", {
            "name": "E2E out of scope", "document_type": "notice",
            "issuing_organization_id": world["commune"],
            "target_ids": [(0, 0, {"organization_id": org, "include_subtree": True})
                           for org in targets]})
    for org in outside:
        created = tally.attempt(("create", org), draft, [world["own_cell"], org])
        if created:
            documents.append(created)
            tally.attempt(("publish", org), officer, "party.document",
                          "action_publish", [created])
        doc = draft([world["own_cell"]])
        documents.append(doc)
        target_id = officer("party.document", "read", [doc], ["target_ids"])[0][
            "target_ids"][0]
        tally.attempt(("write o2m", org), officer, "party.document", "write", [doc],
                      {"target_ids": [(0, 0, {"organization_id": org})]})
        tally.attempt(("create target", org), officer, "party.document.target",
                      "create", {"document_id": doc, "organization_id": org})
        tally.attempt(("write target", org), officer, "party.document.target",
                      "write", [target_id], {"organization_id": org})
        # targets written by someone else: publishing checks them again
        admin("party.document.target", "create",
              {"document_id": doc, "organization_id": org})
        tally.attempt(("publish", org), officer, "party.document",
                      "action_publish", [doc])
    inside = admin("party.organization", "search",
                   [("id", "child_of", world["commune"])])
    reached = admin("party.document.receipt", "search_count", [
        ("document_id", "in", documents), ("organization_id", "not in", inside)])
    tally.report()
    assert tally.leaks == [] and reached == 0
    # within his commune it works
    own = draft([world["own_cell"]])
    officer("party.document", "action_publish", [own])
    receipts = admin("party.document.receipt", "search_read",
                     [("document_id", "=", own)], ["organization_id"])
    assert [r["organization_id"][0] for r in receipts] == [world["own_cell"]]


def test_the_city_officer_sends_anywhere(odoo_server, admin, scope_world):
    city_officer = login(odoo_server, "cityofficer")
    world = scope_world
    draft = city_officer("party.document", "create", {
        "name": "E2E whole city (draft)", "document_type": "notice",
        "issuing_organization_id": world["city"],
        "target_ids": [(0, 0, {"organization_id": world["city"]})]})
    city_officer("party.document", "unlink", [draft])
    document = city_officer("party.document", "create", {
        "name": "E2E to another commune", "document_type": "notice",
        "issuing_organization_id": world["city"],
        "target_ids": [(0, 0, {"organization_id": world["other"]})]})
    city_officer("party.document", "action_publish", [document])
    assert admin("party.document.receipt", "search_count",
                 [("document_id", "=", document)]) == 1
