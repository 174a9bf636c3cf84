"""Fuzz the real server with malformed calls (issue #11, part 8): XML-RPC
``execute_kw`` on our models, raw XML-RPC bodies, JSON-RPC ``call_kw``,
the portal's forms and the report URLs, as a member, a cell secretary and
a committee officer of the demo.

Deterministic (seeded). Asserts, over every call: no HTTP 500, no traceback
in any answer, and no partial write: a checksum of our tables (every row of
``party_*`` and the platform tables around them) is the same after a call
that failed as before it. Prints the figures by family (also kept in
.local/test/artifacts/fuzz.json): calls tried, refused (an HTTP status of
400 or more, a Fault, a JSON-RPC error), succeeded, succeeded and wrote
something, HTTP 500s, answers with a traceback, failed calls that wrote.

Measured on 2026-11-29 (seed 20261129, 1,198 calls, a loaded 2-core
machine): on main before issue #11, 317 HTTP 500s, 482 answers with a
traceback, 0 partial writes (151 s); with ``http_hardening``, 0, 0 and 0
(76 s; 91 s at a load average of 9)."""
import json
import os
import random
import re
import subprocess
import time
import xmlrpc.client
from collections import OrderedDict

import pytest
import requests

import harness
from test_e2e_access import Rpc
from test_e2e_errors import web_session
from test_meetings_portal_browser import cleanup, prepare

SEED = 20261129
ADMIN = ("admin", "admin")
TIMEOUT = harness.REQUEST_TIMEOUT
TRACEBACK = re.compile(r'Traceback \(most recent call last\)|File "/|, line \d+, in ')
NUL = "Nguy\x00ễn"
SURROGATE = "Tr\ud800ần"
HUGE = "Đ" * 300000
MODELS = ("party.member", "party.organization", "party.document",
          "party.meeting", "party.meeting.motion", "party.member.change.request",
          "party.meeting.attendance", "party.document.receipt",
          "party.document.feedback", "party.member.history")
READS = ("read", "search", "search_read", "search_count", "read_group",
         "name_search", "name_get", "exists", "fields_get", "default_get")
WRITES = ("create", "write", "unlink", "copy")
ACTIONS = ("action_announce", "action_start", "action_close", "action_cancel",
           "action_open_vote", "action_close_vote", "cast_vote", "action_approve",
           "action_refuse", "action_publish", "action_acknowledge", "submit",
           "action_present", "action_request_excuse", "action_mark_read")
PRIVATE = ("_write", "_create", "_read_from_database", "_search", "sudo",
           "_apply_ir_rules", "__init__", "_party_internal_write", "_table",
           "_compute_display_name", "browse", "with_context", "_auto_init",
           "init", "_register_hook", "_validate_fields", "no_such_method")
BAD_IDS = ([-1], [0], [2 ** 31 - 1], ["abc"], "1", [[1]], [1.5], [None], {},
           [True], [-2 ** 31], [1, "x"], list(range(1, 3000)), [NUL], "BIGINT")
BAD_DOMAINS = ([("name", "=")], [("name",)], "not a domain", [("nope", "=", 1)],
               [("id", "in", "abc")], [("id", "=", "abc")], ["|"],
               ["&", ("id", "=", 1)], [("name", "ilike", NUL)],
               [("id", "child_of", "x")], [("organization_id.nope", "=", 1)],
               [(1, 2, 3)], [["id", "=", {"a": 1}]], [("id", "=", "BIGINT")],
               [("name", "=like", HUGE)], [("create_date", ">", "not a date")],
               [("id", "in", [NUL])], [("name", "in", [[1]])], None, 42)
BAD_CONTEXTS = ({"uid": 1}, {"active_test": False}, {"tracking_disable": True},
                {"lang": NUL}, {"lang": "xx_XX"}, {"tz": "Mars/Base"},
                "notadict", {"mail_notrack": True, "mail_create_nolog": True},
                {"party_internal_write": True}, {"install_mode": True},
                {"bin_size": "x"}, {"lang": HUGE}, {"active_ids": "x"}, [1, 2])


def bad_vals(rng):
    return rng.choice((
        {"name": NUL}, {"name": HUGE}, {"no_such_field": 1},
        {"organization_id": "abc"}, {"organization_id": -5},
        {"organization_id": "BIGINT"}, {"state": "bogus"},
        {"admission_date": "not a date"}, {"date_start": "2026-13-45 99:99:99"},
        {"name": ["list"]}, {"name": {"a": 1}}, None, "string", [1, 2],
        {"name": SURROGATE}, {"national_id": NUL}, {"partner_id": 0},
        {"member_id": -1, "document_id": "x"}, {"body": HUGE, "kind": "bogus"},
        {"id": 1}, {"create_uid": 1, "write_date": "x"},
        {"organization_id": [(6, 0, "x")]}, {"agenda_item_ids": [(0, 0, NUL)]},
        {"agenda_item_ids": [(99, 0, {})]}, {"motion_ids": [(2, -1)]}))


LIGHT = ("ir_attachment", "mail_message", "mail_tracking_value", "mail_followers",
         "calendar_attendee", "calendar_event")


class Checksum:
    """A checksum of every row of our tables, through one psql process."""

    def __init__(self, db):
        self.proc = subprocess.Popen(
            ["psql", "-X", "-q", "-tA", "-h", harness.PG_HOST, "-p", harness.PG_PORT,
             "-U", harness.PG_ROLE, "-d", db], stdin=subprocess.PIPE,
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
            env=harness.pg_env())
        tables = self.query(
            "SELECT string_agg(tablename, ',' ORDER BY tablename) FROM pg_tables "
            "WHERE schemaname = 'public' AND (tablename LIKE 'party%' OR tablename "
            "IN ('res_partner', 'res_users', 'res_groups_users_rel', "
            "'mail_message', 'mail_followers', 'mail_tracking_value', "
            "'calendar_event', 'calendar_attendee', 'ir_attachment')) "
            "AND tablename NOT LIKE '%log%';").split(",")
        self.tables = [t for t in tables if t]
        assert len(self.tables) > 20, self.tables
        dated = set(self.query(
            "SELECT string_agg(table_name, ',') FROM information_schema.columns "
            "WHERE table_schema = 'public' AND column_name = 'write_date';"
        ).split(","))
        # An array, not concat_ws: a function takes at most 100 arguments
        # and the project has more tables than that.
        self.sql = "SELECT md5(array_to_string(ARRAY[%s], ','));" % ", ".join(
            self._summary(table, table in dated) for table in self.tables)

    @staticmethod
    def _summary(table, dated):
        """Every row's hash; for the platform's large tables, rows added,
        removed or written (count, last id, last write)."""
        if table in LIGHT:
            return "(SELECT count(*) || ':' || coalesce(max(id), 0)%s FROM \"%s\")" % (
                " || ':' || coalesce(max(write_date)::text, '')" if dated else "",
                table)
        return "(SELECT count(*) || ':' || coalesce(sum(hashtext(t::text)), 0) " \
               "FROM \"%s\" t)" % table

    def query(self, sql):
        self.proc.stdin.write(sql + "\n\\echo __END__\n")
        self.proc.stdin.flush()
        lines = []
        while True:
            line = self.proc.stdout.readline()
            if not line:
                raise RuntimeError("psql stopped: %s" % "".join(lines))
            if line.strip() == "__END__":
                result = "".join(lines).strip()
                assert "ERROR" not in result, result
                return result
            lines.append(line)

    def __call__(self):
        return self.query(self.sql)

    def close(self):
        self.proc.stdin.close()
        self.proc.wait(timeout=30)


class Tally:
    def __init__(self):
        self.rows = OrderedDict()
        self.examples = []

    def add(self, family, status, body, failed, partial, changed=False):
        row = self.rows.setdefault(family, OrderedDict(
            tried=0, refused=0, succeeded=0, wrote=0, http_500=0, tracebacks=0,
            partial_writes=0))
        row["tried"] += 1
        row["refused" if failed else "succeeded"] += 1
        if changed and not failed:
            row["wrote"] += 1
        if status >= 500:
            row["http_500"] += 1
        if TRACEBACK.search(body):
            row["tracebacks"] += 1
        if partial:
            row["partial_writes"] += 1
        if (status >= 500 or TRACEBACK.search(body) or partial) \
                and len(self.examples) < 20:
            self.examples.append("%s: %s %s" % (family, status, body[:300]))

    def total(self, key):
        return sum(row[key] for row in self.rows.values())

    def table(self):
        keys = ("tried", "refused", "succeeded", "wrote", "http_500", "tracebacks",
                "partial_writes")
        lines = ["%-18s" % "family" + "".join("%11s" % k[:10] for k in keys)]
        for family, row in self.rows.items():
            lines.append("%-18s" % family + "".join("%11s" % row[k] for k in keys))
        lines.append("%-18s" % "total" + "".join(
            "%11s" % self.total(k) for k in keys))
        return "\n".join(lines)


def xml_body(method, params):
    """An XML-RPC body; "BIGINT" becomes a 64-bit integer (the standard
    library refuses to send one), NUL and surrogates are sent as they are."""
    body = xmlrpc.client.dumps(tuple(params), method, allow_none=True)
    body = body.replace("<string>BIGINT</string>", "<i8>99999999999999</i8>")
    return body.encode("utf-8", "surrogatepass")


class Fuzzer:
    def __init__(self, server, checksum, tally):
        self.server, self.checksum, self.tally = server, checksum, tally
        self.baseline = checksum()

    def record(self, family, status, body, failed):
        """Count one call; a failed call must leave the tables unchanged."""
        now = self.checksum()
        changed = now != self.baseline
        self.baseline = now
        self.tally.add(family, status, body, failed, failed and changed, changed)

    def post(self, family, path, data, headers, session=None, failed_if=None):
        try:
            answer = (session or requests).post(
                self.server.url + path, data=data, headers=headers,
                timeout=TIMEOUT, allow_redirects=False)
            status, body = answer.status_code, answer.text
        except requests.RequestException as error:
            status, body = 599, "no answer: %s" % error
        failed = failed_if(status, body) if failed_if else status >= 400
        self.record(family, status, body, failed)

    def xmlrpc(self, family, method, params, path="/xmlrpc/2/object"):
        body = params if isinstance(params, bytes) else xml_body(method, params)
        self.post(family, path, body, {"Content-Type": "text/xml"},
                  failed_if=lambda status, text: status >= 400 or "<fault>" in text)

    def jsonrpc(self, family, session, model, method, args, kwargs, raw=None):
        body = raw if raw is not None else json.dumps({
            "jsonrpc": "2.0", "method": "call", "id": 7, "params": {
                "model": model, "method": method, "args": args,
                "kwargs": kwargs}}).encode("utf-8", "surrogatepass")
        self.post(family, "/web/dataset/call_kw/%s/%s" % (model, method), body,
                  {"Content-Type": "application/json"}, session=session,
                  failed_if=lambda status, text: status >= 400 or '"error"' in text)


def write_crons(admin, ids, values, wait=180):
    """Write scheduled actions, waiting while one of them runs: Odoo locks
    a running job's row and refuses the write ("currently being
    executed") until the run ends."""
    deadline = time.time() + wait
    while True:
        try:
            return admin("ir.cron", "write", ids, values)
        except xmlrpc.client.Fault as fault:
            if "currently being executed" not in fault.faultString or \
                    time.time() > deadline:
                raise
            time.sleep(2)


@pytest.fixture(scope="module")
def world(odoo_server):
    admin = Rpc(odoo_server, *ADMIN)
    tag = "fz%x" % int(time.time() * 1000)
    meetings = prepare(admin, tag)
    member = meetings["member"]
    receipts = admin("party.document.receipt", "search_read",
                     [("member_id", "=", member)], ["document_id"], limit=1)
    # the crons stay still while the checksums are compared
    crons = admin("ir.cron", "search_read", [], ["nextcall"])
    write_crons(admin, [c["id"] for c in crons],
                {"nextcall": "2100-01-01 00:00:00"})
    users = {}
    for login in ("member", "secretary", "officer"):
        users[login] = {"uid": Rpc(odoo_server, login, login).uid,
                        "web": web_session(odoo_server, login, login)}
        page = users[login]["web"].get(
            odoo_server.url + "/my/party/profile/correct", timeout=TIMEOUT)
        users[login]["csrf"] = re.search(
            r'name="csrf_token" value="([^"]+)"', page.text).group(1)
    yield {"admin": admin, "meetings": meetings, "users": users,
           "document": receipts[0]["document_id"][0] if receipts else 1,
           "member": member,
           "other_member": admin("party.member", "search",
                                 [("id", "!=", member)], limit=1)[0]}
    for cron in crons:
        write_crons(admin, [cron["id"]], {"nextcall": cron["nextcall"]})
    cleanup(admin, meetings)


def fuzz_execute_kw(fuzzer, rng, server, users, count):
    for _i in range(count):
        login = rng.choice(("member", "secretary", "officer"))
        model = rng.choice(MODELS)
        kind = rng.random()
        ids = rng.choice(BAD_IDS)
        kwargs = {}
        if rng.random() < 0.35:
            kwargs["context"] = rng.choice(BAD_CONTEXTS)
        if kind < 0.3:
            method = rng.choice(READS)
            if method in ("search", "search_read", "search_count", "read_group"):
                args = [rng.choice(BAD_DOMAINS)]
                if method == "read_group":
                    args += [rng.choice((["name"], "x", [NUL], None)),
                             rng.choice((["nope"], ["state"], 5))]
            elif method == "name_search":
                args = [rng.choice((NUL, HUGE, 5, None, SURROGATE))]
            else:
                args = [ids, rng.choice((["name"], ["nope"], "name", [NUL], None))]
        elif kind < 0.6:
            method = rng.choice(WRITES)
            vals = bad_vals(rng)
            args = [vals] if method == "create" else [ids] if method == "unlink" \
                else [ids, vals]
        elif kind < 0.8:
            method = rng.choice(ACTIONS)
            args = [ids] + rng.choice(([], ["bogus"], [NUL], [None, -1, True]))
        else:
            method = rng.choice(PRIVATE)
            args = [rng.choice(([1], ids)), rng.choice(({"name": "x"}, [], NUL))]
        user = users[login]
        params = [server.db, user["uid"], login, model, method, args, kwargs]
        if rng.random() < 0.1:  # a broken call shape (with the right password:
            # no failed sign-in is counted against the demo users)
            params = rng.choice((params[:5], params[:4], params + ["extra"],
                                 params[:5] + [NUL, {}]))
        fuzzer.xmlrpc("xmlrpc execute_kw", "execute_kw", params)


def fuzz_xmlrpc_raw(fuzzer, rng, server, users):
    db = server.db
    uid = users["member"]["uid"]
    bodies = [
        b"", b"not xml", b"<methodCall>", b"<methodCall><methodName>execute_kw",
        b"\xff\xfe<methodCall/>", b"<?xml version='1.0'?><methodCall/>",
        b"<methodCall><methodName>execute_kw</methodName><params><param><value>"
        b"<int>12abc</int></value></param></params></methodCall>",
        b"<methodCall><methodName>execute_kw</methodName><params><param><value>"
        b"<string>a&#0;b</string></value></param></params></methodCall>",
        b"<methodCall><methodName>x</methodName><params>" + b"<param><value><array>"
        b"<data>" * 200 + b"</data></array></value></param>" * 200 + b"</params>"
        b"</methodCall>",
        b"<methodCall><methodName>execute_kw</methodName><params><param><value>"
        b"<dateTime.iso8601>nope</dateTime.iso8601></value></param></params>"
        b"</methodCall>",
        b"<methodCall><methodName>execute_kw</methodName><params><param><value>"
        b"<base64>@@@</base64></value></param></params></methodCall>",
        b"<!DOCTYPE x [<!ENTITY a 'aaaaaaaaaa'><!ENTITY b '&a;&a;&a;&a;&a;'>]>"
        b"<methodCall><methodName>&b;</methodName></methodCall>",
    ]
    calls = []
    for path in ("/xmlrpc/2/object", "/xmlrpc/object", "/xmlrpc/2/common",
                 "/xmlrpc/2/db", "/xmlrpc/2/nope"):
        for body in bodies:
            calls.append((path, body))
    for path in ("/xmlrpc/2/common", "/xmlrpc/2/db", "/xmlrpc/2/object",
                 "/xmlrpc/2/nope"):
        for method, params in (
                ("login", [db, NUL, "x"]), ("authenticate", [db, "member", NUL, {}]),
                ("authenticate", [db, "member", "member", "notadict"]),
                ("version", [NUL]), ("about", []), ("list", []),
                ("dump", ["admin", db, "zip"]), ("drop", ["admin", db]),
                ("create_database", ["admin", NUL, False, "en_US", "x"]),
                ("execute", [db, uid, "member", "party.member", "read", [1]]),
                ("execute_kw", [db]), ("execute_kw", []), ("obj_list", [db, uid]),
                ("execute_kw", [db, uid, "member", "party.member", "search",
                                [[]], {"limit": "x"}]),
                ("execute_kw", [NUL, uid, "member", "x", "y", [], {}]),
                ("nope", [1, 2, 3]), ("__init__", [])):
            calls.append((path, xml_body(method, params)))
    for path, body in calls:
        fuzzer.xmlrpc("xmlrpc raw", None, body, path=path)


def fuzz_jsonrpc(fuzzer, rng, users, count):
    raws = [b"{not json", b"[1, 2]", b'{"params": "x"}', b"\xff\xfe{}", b"",
            b'{"jsonrpc": "2.0", "params": {"model": "party.member", "method": '
            b'"search", "args": [[["name", "=", "a\\u0000b"]]], "kwargs": {}}}',
            b'{"jsonrpc": "2.0", "params": {"model": "party.member", "method": '
            b'"search", "args": [[["name", "=", "\\udc80"]]], "kwargs": {}}}',
            b'{"jsonrpc": "2.0", "params": {"model": 5, "method": null}}',
            b'{"jsonrpc": "2.0", "params": {"args": "x", "kwargs": []}}',
            b"[" * 5000 + b"]" * 5000, b'{"a": ' + b"1" * 5000 + b"}",
            b'{"jsonrpc": "2.0", "params": {"model": "party.member", "method": '
            b'"read", "args": [[1e400]], "kwargs": {}}}']
    for _i in range(count):
        login = rng.choice(("member", "secretary", "officer"))
        session = users[login]["web"]
        if rng.random() < 0.2:
            fuzzer.jsonrpc("jsonrpc call_kw", session, "party.member", "search",
                           None, None, raw=rng.choice(raws))
            continue
        model = rng.choice(MODELS)
        method = rng.choice(READS + WRITES + ACTIONS + PRIVATE)
        ids = rng.choice(BAD_IDS)
        if ids == "BIGINT":
            ids = [99999999999999]
        args = rng.choice(([ids], [rng.choice(BAD_DOMAINS)], [ids, bad_vals(rng)],
                           [bad_vals(rng)], "x", None, [NUL], [SURROGATE]))
        kwargs = rng.choice(({}, {"context": rng.choice(BAD_CONTEXTS)},
                             {"limit": "x"}, {"fields": [NUL]}, "x", None,
                             {"offset": -5, "order": "name; DROP TABLE x"}))
        fuzzer.jsonrpc("jsonrpc call_kw", session, model, method, args, kwargs)


UNSTORABLE = (b"\x00", b"\xff", b"\xc3\x28", b"\xed\xa0\x80")


def _raw(value):
    return value if isinstance(value, bytes) else value.encode("utf-8", "surrogatepass")


def _form_bytes(fields):
    """A URL-encoded body, invalid UTF-8 kept."""
    parts = []
    for key, value in fields:
        raw = value if isinstance(value, bytes) else value.encode(
            "utf-8", "surrogatepass")
        parts.append(requests.utils.quote(key).encode() + b"="
                     + requests.utils.quote(raw, safe="").encode())
    return b"&".join(parts)


def fuzz_portal(fuzzer, rng, server, world, count):
    meetings = world["meetings"]
    routes = [
        ("/my/party/profile/correct", ["phone", "email", "occupation", "note"]),
        ("/my/party/documents/%d/feedback" % world["document"], ["kind", "body"]),
        ("/my/party/documents/%d/acknowledge" % world["document"], ["note"]),
        ("/my/party/meetings/%d/excuse" % meetings["upcoming"], ["reason"]),
        ("/my/party/meetings/%d/excuse" % meetings["live"], ["reason"]),
        ("/my/party/meetings/%d/vote/%d" % (meetings["live"], meetings["motion"]),
         ["choice", "confirm"]),
        ("/my/party/meetings/%d/vote/%d" % (meetings["live"], 2 ** 31 - 1),
         ["choice", "confirm"]),
        ("/my/party/documents/99999999999/feedback", ["kind", "body"]),
        ("/my/party/meetings/-1/excuse", ["reason"]),
        ("/my/party/assisted/dispute", ["entry_model", "entry_id", "reason"]),
        ("/my/party/rating/99999999/assess", ["score", "comment"]),
    ]
    bad_values = [NUL, b"N\xffg\xfe", b"\xc3\x28", SURROGATE, HUGE, "", "x" * 5000,
                  "%00", b"\x00"]
    for _i in range(count):
        login = rng.choice(("member", "officer"))
        user = world["users"][login]
        path, names = rng.choice(routes)
        fields = [("csrf_token", user["csrf"])]
        variant = rng.random()
        for name in names:
            if rng.random() < 0.2:
                continue  # missing field
            if name == "choice":
                value = rng.choice(("maybe", NUL, "", b"\xff"))  # never a real vote
            elif name == "confirm":
                value = rng.choice(("1", "0", NUL))
            elif name == "kind":
                value = rng.choice(("opinion", "bogus", NUL, b"\xff"))
            else:
                value = rng.choice(bad_values)
            fields.append((name, value))
        if variant < 0.15:
            fields.append((rng.choice(("extra", "member_id", "state", NUL)), "1"))
        if variant > 0.9:
            fields[0] = ("csrf_token", rng.choice(("", "forged", NUL)))
        if not any(bad in _raw(v) for _k, v in fields for bad in UNSTORABLE):
            # every form sent carries at least one value that cannot be
            # stored, or a missing/forged field: none is a valid submission
            fields.append(("note", NUL))
        if rng.random() < 0.25:
            files = {name: (None, value if isinstance(value, bytes)
                            else value.encode("utf-8", "surrogatepass"))
                     for name, value in fields}
            files["attachment"] = ("a.bin", b"\x00\x01\x02")
            request = requests.Request("POST", server.url + path, files=files)
            prepared = user["web"].prepare_request(request)
            fuzzer.post("portal forms", path, prepared.body,
                        {"Content-Type": prepared.headers["Content-Type"]},
                        session=user["web"])
        else:
            fuzzer.post("portal forms", path, _form_bytes(fields),
                        {"Content-Type": "application/x-www-form-urlencoded"},
                        session=user["web"])
    for login in ("member", "officer"):
        session = world["users"][login]["web"]
        for path in ("/my/party/profile?x=%00", "/my/party/documents?page=%FF",
                     "/my/party/documents/99999999999", "/my/party/meetings/-5",
                     "/my/party/meetings?q=" + "%C3%28", "/my/party/documents/%00",
                     "/my/party/meetings/%d/vote/%d" % (meetings["live"],
                                                        meetings["motion"]),
                     "/my/party/documents?page=-99999999999999",
                     "/my/party/profile/requests?sent=" + "x" * 5000,
                     "/my/party/assisted?x=%00", "/my/party/rating/99999999999",
                     "/my/party/rating?page=%FF"):
            try:
                answer = session.get(server.url + path, timeout=TIMEOUT,
                                     allow_redirects=False)
                status, body = answer.status_code, answer.text
            except requests.RequestException as error:
                status, body = 599, str(error)
            fuzzer.record("portal GET", status, body, True)


def fuzz_reports(fuzzer, rng, server, world):
    own, other = world["member"], world["other_member"]
    names = ("party_handbook.report_member_profile",
             "party_handbook.report_member_register",
             "party_handbook_meetings.report_meeting_minutes", "no_such.report",
             "party_handbook.report_member_profile/../x", NUL, "a" * 400)
    id_sets = ("abc", "-1", "1,,2", "99999999999", "2147483000", "0", "%00",
               "%d" % other, "%d,%d" % (own, other), "1.5", "", "%FF", "1;2")
    for login in ("member", "officer"):
        session = world["users"][login]["web"]
        for converter in ("pdf", "html"):
            for name in names:
                for ids in rng.sample(id_sets, 4):
                    path = "/report/%s/%s/%s" % (
                        converter, requests.utils.quote(name, safe="./"), ids)
                    try:
                        answer = session.get(server.url + path, timeout=120,
                                             allow_redirects=False)
                        status, body = answer.status_code, answer.text
                    except requests.RequestException as error:
                        status, body = 599, str(error)
                    fuzzer.record("report URLs", status, body, status >= 400)


def test_fuzz_malformed_calls(odoo_server, world, artifacts):
    rng = random.Random(SEED)
    checksum = Checksum(odoo_server.db)
    tally = Tally()
    fuzzer = Fuzzer(odoo_server, checksum, tally)
    started = time.time()
    try:
        fuzz_execute_kw(fuzzer, rng, odoo_server, world["users"], 520)
        fuzz_xmlrpc_raw(fuzzer, rng, odoo_server, world["users"])
        fuzz_jsonrpc(fuzzer, rng, world["users"], 240)
        fuzz_portal(fuzzer, rng, odoo_server, world, 180)
        fuzz_reports(fuzzer, rng, odoo_server, world)
    finally:
        checksum.close()
    seconds = time.time() - started
    report = "%s\n%d calls in %.0fs (seed %d, %d tables checksummed)" % (
        tally.table(), tally.total("tried"), seconds, SEED, len(checksum.tables))
    print("\n" + report)
    with open(os.path.join(artifacts, "fuzz.json"), "w") as handle:
        json.dump({"families": tally.rows, "seconds": round(seconds),
                   "seed": SEED, "examples": tally.examples}, handle, indent=1)
    assert tally.total("tried") >= 1000
    assert (tally.total("http_500"), tally.total("tracebacks"),
            tally.total("partial_writes")) == (0, 0, 0), \
        report + "\n" + "\n".join(tally.examples)
