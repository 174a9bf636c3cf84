# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Benchmark operations: publishing to the whole city, the member portal
over HTTP, concurrent secret votes through a prefork server.

* publishing: the city officer publishes a resolution of the generated
  city committee to the whole tree (``action_publish()``: number, the
  receipts of every active member, the chatter note); floor: the one raw
  ``INSERT … SELECT`` of the same receipts;
* the portal pages of ``gen_member`` through the bench's real server (see
  core.server(): prefork, ``make bench WORKERS=n``): each run is
  ``PAGE_REQUESTS`` GETs of the page one after the other; floor: as many
  trivial authenticated calls (``/web/session/check``) of the same session;
* concurrent votes: ``voters(size)`` members of a cell of their own (1,000
  from 100,000 members up), each with a portal login and a session, present
  at a meeting in progress; before each run a new secret motion is opened
  (untimed); the run is every member's vote POSTed at once from as many
  threads; the run fails if a vote is refused, lost or counted twice, and
  the vote is closed before the next one (its counts must be the choices
  sent). Floor: the same number of trivial authenticated calls at once.
"""
import hashlib
import hmac
import os
import random
import re
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import requests

from odoo import fields

from bench import core

TIMEOUT = 600
PAGE_REQUESTS = 10
PAGES = ["/my", "/my/party/documents", "/my/party/meetings",
         "/my/party/profile", "/my/party/contacts"]
CHOICES = ("yes", "no", "abstain")
# outside the generated city (GEN), so that no other operation (member
# lists, day views, reports of GEN) sees the voters or their meeting
VOTE_CELL = "BENCH-VOTE"
DOCUMENT = "Bench: resolution to the whole city"
PORTAL_DOCUMENT = "Bench: notice to the cell %s"


def voters(size):
    """1,000 voters from 100,000 members up; fewer on a small city."""
    if os.environ.get("PH_BENCH_VOTERS"):
        return int(os.environ["PH_BENCH_VOTERS"])
    return min(1000, max(20, size // 100))


# --- HTTP sessions ---------------------------------------------------------------

RETRIES = {"count": 0}
_RETRY_LOCK = threading.Lock()


def request(session, method, url, **kwargs):
    """One request, sent again (up to 10 times, waiting longer each time)
    when the connection drops before an answer. Odoo's prefork server
    listens with a backlog of 8 connections per worker and a worker drops a
    connection whose request has not arrived 2 s after it took it: a
    thousand clients at once on a machine whose two cores they share see
    connections reset or closed (behind nginx, which queues the
    connections and reads whole requests before passing them on, they do
    not). A vote sent again after its first copy was counted is refused as
    already cast, which the run accepts as that voter's vote."""
    for attempt in range(10):
        try:
            return session.request(method, url, timeout=TIMEOUT, **kwargs)
        except requests.ConnectionError:
            if attempt == 9:
                raise
            with _RETRY_LOCK:
                RETRIES["count"] += 1
            time.sleep(min(5.0, 0.25 * 2 ** attempt))
    raise AssertionError("not reached")


def login(url, user, password=core.PASSWORD, home=True):
    """A portal session: the login form with its CSRF token, then the
    portal's home page (``home``) or a trivial call to check it."""
    session = requests.Session()
    page = request(session, "GET", url + "/web/login")
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
    request(session, "POST", url + "/web/login", data={
        "login": user, "password": password, "csrf_token": token,
        "redirect": "/my"})
    if not home:
        check_session(url, session)
        return session
    response = request(session, "GET", url + "/my")
    if response.status_code != 200 or "o_portal_my_home" not in response.text:
        raise RuntimeError("%s could not sign in (%s)" % (user, response.status_code))
    return session


def check_session(url, session):
    """The floor: a trivial authenticated JSON-RPC call."""
    response = request(session, "POST", url + "/web/session/check", json={
        "jsonrpc": "2.0", "method": "call", "params": {}})
    if response.status_code != 200 or "error" in response.json():
        raise RuntimeError("session check failed: %s %s" % (
            response.status_code, response.text[:200]))


# --- publishing ------------------------------------------------------------------

def publish_setup(env):
    """A draft resolution of the generated city to its whole tree (kept
    between bench runs; each run publishes it and is rolled back)."""
    city = env["party.organization"].search([("code", "=", "GEN")])
    Documents = env["party.document"]
    document = Documents.search([("name", "=", DOCUMENT),
                                 ("state", "=", "draft")], limit=1)
    if not document:
        document = Documents.create({
            "name": DOCUMENT, "document_type": "resolution",
            "issuing_organization_id": city.id,
            "target_ids": [(0, 0, {"organization_id": city.id,
                                   "include_subtree": True})]})
    return {"document": document.id, "city": city.id}


def publish_run(env, state):
    document = env["party.document"].browse(state["document"])
    document.action_publish()
    return document.recipient_count


def publish_floor(cr, state):
    cr.execute("""
        INSERT INTO party_document_receipt
            (document_id, member_id, organization_id, member_partner_id,
             state, notified, create_uid, write_uid, create_date, write_date)
        SELECT %s, m.id, m.organization_id, m.partner_id, 'received',
               FALSE, 1, 1, now(), now()
          FROM party_member m
          JOIN party_organization o ON o.id = m.organization_id
          JOIN party_organization c ON c.id = %s
         WHERE m.active
           AND m.state IN ('probationary', 'official', 'exempted')
           AND o.parent_left >= c.parent_left
           AND o.parent_left < c.parent_right""", (state["document"], state["city"]))
    return cr.rowcount


# --- portal pages ----------------------------------------------------------------

def portal_setup(env):
    """The server, gen_member's session, and a few documents published to
    the member's cell (once) so that the pages have something to list."""
    member_user = env["res.users"].search([("login", "=", "gen_member")])
    cell = env["party.member"].search([
        ("partner_id", "=", member_user.partner_id.id)]).organization_id
    Documents = env["party.document"]
    for index in range(3):
        name = "%s (%d)" % (PORTAL_DOCUMENT % cell.code, index + 1)
        if not Documents.search([("name", "=", name)]):
            Documents.create({
                "name": name, "document_type": "notice",
                "issuing_organization_id": cell.parent_id.id,
                "target_ids": [(0, 0, {"organization_id": cell.id})]},
            ).action_publish()
    env.cr.commit()
    server = core.server()
    return {"url": server.url, "session": login(server.url, "gen_member")}


def page_operation(path):
    def run(_env, state):
        for _index in range(PAGE_REQUESTS):
            response = request(state["session"], "GET", state["url"] + path)
            if response.status_code != 200:
                raise RuntimeError("%s answered %s" % (path, response.status_code))
        return PAGE_REQUESTS

    def floor(_cr, state):
        for _index in range(PAGE_REQUESTS):
            check_session(state["url"], state["session"])
        return PAGE_REQUESTS

    return {
        "name": "portal %s (gen_member, %d GETs)" % (path, PAGE_REQUESTS),
        # no target: a whole page (layout, menus, the member's data) against
        # a call that renders nothing
        "group": "http", "target": None, "login": "gen_member",
        "setup": _portal_state, "run": run, "floor": floor}


_PORTAL = {}


def _portal_state(env):
    """One login for every portal page (the setup runs once per page)."""
    if "state" not in _PORTAL:
        _PORTAL["state"] = portal_setup(env)
    return _PORTAL["state"]


# --- concurrent votes ------------------------------------------------------------

def _voter_cell(env, count):
    """A cell of ``count`` official members with portal logins, made once
    (then reused) set-wise, as the generator makes members: contacts,
    profiles and their history in three INSERTs (the ORM takes about half
    a second a member here), stored computed fields then computed by the
    ORM; the logins are copies of ``gen_member``'s (same groups, company
    and password). The cell has no parent: it is not part of the city."""
    Org = env["party.organization"]
    cell = Org.search([("code", "=", VOTE_CELL)])
    if not cell:
        cell = Org.create({"name": "Chi bộ bỏ phiếu (benchmark)",
                           "code": VOTE_CELL, "level": "cell"})
    cr = env.cr
    cr.execute("SELECT count(*) FROM party_member WHERE organization_id = %s",
               (cell.id,))
    have = cr.fetchone()[0]
    if have < count:
        numbers = list(range(have + 1, count + 1))
        company = env.user.company_id.id
        cr.execute("""
            INSERT INTO res_partner
                (name, display_name, company_id, lang, active, customer,
                 supplier, employee, is_company, type, partner_share, color,
                 message_bounce, opt_out, ref, create_date, create_uid,
                 write_date, write_uid)
            SELECT 'Cử tri benchmark ' || lpad(n::text, 4, '0'),
                   'Cử tri benchmark ' || lpad(n::text, 4, '0'), %s, 'en_US',
                   TRUE, FALSE, FALSE, FALSE, FALSE, 'contact', TRUE, 0, 0,
                   FALSE, 'BENCH-VOTE-' || lpad(n::text, 4, '0'),
                   now() at time zone 'UTC', 1, now() at time zone 'UTC', 1
              FROM unnest(%s) n
            RETURNING id""", (company, numbers))
        partners = sorted(row[0] for row in cr.fetchall())
        cr.execute("UPDATE res_partner SET commercial_partner_id = id "
                   "WHERE id IN %s", (tuple(partners),))
        cr.execute("""
            INSERT INTO party_member
                (partner_id, active, organization_id, state, gender,
                 date_of_birth, admission_date, official_date, card_number,
                 record_number, age_band, occupation, ethnicity, religion,
                 education_level, notice_preference, create_uid, create_date,
                 write_uid, write_date)
            SELECT p.id, TRUE, %s, 'official', 'male', '1970-01-01',
                   '2010-03-03', '2011-03-03', 'BV' || substr(p.ref, 12),
                   p.ref, '46_60', 'Hưu trí', 'Kinh', 'Không',
                   'upper_secondary', 'digest', 1, now() at time zone 'UTC',
                   1, now() at time zone 'UTC'
              FROM res_partner p WHERE p.id IN %s
            RETURNING id""", (cell.id, tuple(partners)))
        new_members = [row[0] for row in cr.fetchall()]
        cr.execute("""
            INSERT INTO party_member_history
                (date, event, to_state, to_organization_id, member_id,
                 organization_id, member_partner_id, create_uid, create_date,
                 write_uid, write_date)
            SELECT '2010-03-03', 'registration', 'official', %s, m.id, %s,
                   m.partner_id, 1, now() at time zone 'UTC', 1,
                   now() at time zone 'UTC'
              FROM party_member m WHERE m.id IN %s""",
                   (cell.id, cell.id, tuple(new_members)))
        # stored computed fields (those of other branches included)
        records = env["party.member"].browse(new_members)
        env["party.member"].invalidate_cache()
        for field in records._fields.values():
            if field.store and field.compute:
                env.add_todo(field, records)
        records.recompute()
    members = env["party.member"].search([("organization_id", "=", cell.id),
                                          ("state", "=", "official")],
                                         order="id", limit=count)
    logins = ["gen_voter_%04d" % (index + 1) for index in range(len(members))]
    template = env["res.users"].search([("login", "=", "gen_member")])
    cr.execute("SELECT column_name FROM information_schema.columns "
               "WHERE table_name = 'res_users' AND column_name NOT IN "
               "('id', 'login', 'partner_id', 'alias_id', 'create_date', "
               "'write_date', 'login_date')")
    columns = [row[0] for row in cr.fetchall()]
    cr.execute("""
        INSERT INTO res_users (login, partner_id, {columns})
        SELECT v.login, v.partner_id, {template}
          FROM res_users u,
               unnest(%s::varchar[], %s::int[]) AS v(login, partner_id)
         WHERE u.id = %s
           AND NOT EXISTS (SELECT 1 FROM res_users o WHERE o.login = v.login)
        RETURNING id""".format(
            columns=", ".join('"%s"' % c for c in columns),
            template=", ".join('u."%s"' % c for c in columns)),
        (logins, members.mapped("partner_id").ids, template.id))
    new_users = [row[0] for row in cr.fetchall()]
    if new_users:
        for table, column in (("res_groups_users_rel", "gid"),
                              ("res_company_users_rel", "cid")):
            key = "uid" if table == "res_groups_users_rel" else "user_id"
            cr.execute("""
                INSERT INTO {table} ({column}, {key})
                SELECT r.{column}, n.id FROM {table} r, unnest(%s) AS n(id)
                 WHERE r.{key} = %s""".format(table=table, column=column, key=key),
                       (new_users, template.id))
        env["res.users"].invalidate_cache()
    return cell, members, logins


def _meeting(env, cell, members):
    """A meeting of the cell in progress, everybody present (reused)."""
    Meetings = env["party.meeting"]
    meeting = Meetings.search([("organization_id", "=", cell.id),
                               ("state", "=", "in_progress")], limit=1)
    if meeting and len(meeting.attendance_ids) == len(members):
        return meeting
    if meeting:
        meeting.action_close()
    meeting = Meetings.create({
        "name": "Họp bỏ phiếu (benchmark)", "organization_id": cell.id,
        "date_start": fields.Datetime.now(), "location": "Hội trường",
        "chair_id": members[0].id, "secretary_id": members[1].id})
    meeting.action_announce()
    meeting.action_start()
    meeting.attendance_ids.action_present()
    return meeting


def _sign_in_all(url, logins):
    with ThreadPoolExecutor(max_workers=min(50, len(logins))) as pool:
        return list(pool.map(lambda user: login(url, user, home=False), logins))


def _tokens(env, state):
    """Each voter's CSRF token, as the meeting page computes it
    (``request.csrf_token(None)``: valid while the session is), from the
    session's id and the database secret, instead of rendering a thousand
    meeting pages only to read it."""
    secret = env["ir.config_parameter"].sudo().get_param("database.secret")
    state["tokens"] = [
        hmac.new(secret.encode("ascii"), session.cookies["session_id"].encode(),
                 hashlib.sha1).hexdigest() + "o"
        for session in state["sessions"]]


def progress(message, started):
    print("    %s: %.1f s" % (message, time.time() - started), file=sys.stderr,
          flush=True)


def votes_setup(env, count):
    started = time.time()
    cell, members, logins = _voter_cell(env, count)
    progress("%d voters with their logins" % count, started)
    started = time.time()
    meeting = _meeting(env, cell, members)
    progress("their meeting in progress", started)
    # close what a previous bench left open
    open_motions = meeting.motion_ids.filtered(lambda m: m.state == "open")
    if open_motions:
        open_motions.action_close_vote()
    env.cr.commit()
    started = time.time()
    server = core.server()
    progress("the server", started)
    started = time.time()
    state = {"url": server.url, "meeting": meeting.id, "members": members.ids,
             "sessions": _sign_in_all(server.url, logins), "motion": None,
             "rng": random.Random(len(members))}
    progress("%d sign-ins" % count, started)
    _tokens(env, state)
    return state


def _close_previous(env, state):
    """Close the last motion voted on; its counts must be the votes sent."""
    if not state.get("motion"):
        return
    motion = env["party.meeting.motion"].browse(state.pop("motion"))
    motion.action_close_vote()
    if not state.pop("complete", False):
        return  # the run failed: its error says what happened
    got = (motion.yes_count, motion.no_count, motion.abstain_count)
    expected = tuple(state["choices"].count(c) for c in CHOICES)
    if got != expected:
        raise RuntimeError("motion %s counted %s, the voters sent %s" % (
            motion.id, got, expected))


def votes_prepare(env, state):
    _close_previous(env, state)
    motion = env["party.meeting.motion"].create({
        "meeting_id": state["meeting"], "method": "secret",
        "name": "Nghị quyết benchmark %s" % fields.Datetime.now()})
    motion.action_open_vote()
    state["motion"] = motion.id
    state["choices"] = [state["rng"].choice(CHOICES) for _m in state["members"]]


def votes_run(env, state):
    base = "%s/my/party/meetings/%s/vote/%s" % (
        state["url"], state["meeting"], state["motion"])

    def cast(args):
        session, token, choice = args
        try:
            response = request(session, "POST", base, data={
                "csrf_token": token, "choice": choice, "confirm": "1"},
                allow_redirects=False)
        except requests.ConnectionError:
            return False
        if response.status_code == 303 and "voted=" in response.headers.get(
                "Location", ""):
            return True
        # sent again after a dropped connection: the first one counted
        return response.status_code == 200 and "already voted" in response.text

    jobs = list(zip(state["sessions"], state["tokens"], state["choices"]))
    retries = RETRIES["count"]
    with ThreadPoolExecutor(max_workers=len(jobs)) as pool:
        accepted = sum(pool.map(cast, jobs))
    if RETRIES["count"] > retries:
        print("    %d votes sent again after a dropped connection" % (
            RETRIES["count"] - retries), file=sys.stderr, flush=True)
    # a cursor of its own: the run's snapshot is older than the votes
    with env.registry.cursor() as cr:
        cr.execute("""
            SELECT count(*), count(DISTINCT member_id),
                   (SELECT count(*) FROM party_meeting_ballot WHERE motion_id = %s)
              FROM party_meeting_vote WHERE motion_id = %s""",
                   (state["motion"], state["motion"]))
        rows, distinct, ballots = cr.fetchone()
    expected = len(jobs)
    if not accepted == rows == distinct == ballots == expected:
        raise RuntimeError(
            "%d votes sent: %d accepted, %d register rows (%d members), %d "
            "ballots" % (expected, accepted, rows, distinct, ballots))
    state["complete"] = True
    return expected


def votes_floor(_cr, state):
    with ThreadPoolExecutor(max_workers=len(state["sessions"])) as pool:
        list(pool.map(lambda s: check_session(state["url"], s), state["sessions"]))
    return len(state["sessions"])


def votes_teardown(env, state):
    _close_previous(env, state)


def operations(size):
    count = voters(size)
    return [
        {"name": "publish a resolution to the whole city (city officer)",
         "group": "report", "target": 3.0, "runs": 3, "warmup": False,
         "login": "gen_city_officer", "setup": publish_setup,
         "run": publish_run, "floor": publish_floor},
    ] + [page_operation(path) for path in PAGES] + [
        {"name": "%d concurrent secret votes over HTTP (%s workers)" % (
            count, core.OPTIONS.get("workers", 4)),
         "group": "http", "target": None, "runs": 3, "warmup": False,
         "login": None, "setup": lambda env: votes_setup(env, count),
         "prepare": votes_prepare, "run": votes_run, "floor": votes_floor,
         "teardown": votes_teardown},
    ]
