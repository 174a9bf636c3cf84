"""Two Odoo hosts on one database behind nginx (issue #13, docs/DEPLOYMENT.md).

Two Odoo processes in prefork mode (two HTTP workers and the gevent
longpolling process each) on the test database and one data_dir, the
second with ``max_cron_threads = 0``, behind nginx configured from
``etc/nginx.conf.example`` by ``scripts/multihost.py`` (round robin, the
longpolling route). Shown over HTTP:

- a login through the proxy gives a session that both hosts accept when
  asked directly with its cookie, and that ends on both when it ends on one;
- the supervisor's day-view subscription, long polling on host 1, receives
  the update of a meeting whose attendance the cell secretary records on
  host 2 (the bus crosses hosts through PostgreSQL's LISTEN/NOTIFY), and the
  proxy's ``/longpolling`` reaches the longpolling processes;
- only host 1 runs the scheduled jobs;
- the key of a secret vote opened on host 1 serves a ballot cast and
  counted on host 2, and is gone from the shared data_dir after the close.

Figures (start-up, bus latency) go to .local/test/artifacts/multihost.txt.
"""
import os
import shutil
import sys
import threading
import time
import uuid
from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
import requests

import harness
from test_e2e_access import ADMIN, Rpc

sys.path.insert(0, os.path.join(harness.ROOT, "scripts"))
import multihost  # noqa: E402  (scripts/ is not a package)

WORKDIR = os.path.join(harness.TEST_DIR, "multihost")
CITY_TZ = "Asia/Ho_Chi_Minh"
LIVE_CHANNEL = "party.meeting.live"
# what a bus request may wait for a message that should come at once
# (Odoo's long polling answers after 50 s without one)
BUS_WAIT = 40
APP_NAME = "ph-multihost-%d" % os.getpid()


def json_call(session_id, url, params=None, timeout=harness.REQUEST_TIMEOUT):
    """A JSON-RPC call to an Odoo route with the given session cookie:
    (result, error)."""
    response = requests.post(
        url, json={"jsonrpc": "2.0", "method": "call", "params": params or {},
                   "id": 1},
        cookies={"session_id": session_id} if session_id else None,
        timeout=timeout)
    response.raise_for_status()
    body = response.json()
    return body.get("result"), body.get("error")


def meeting_start():
    """Ten minutes ago, but today in the city (as in the day-view tests)."""
    now = harness.now().replace(tzinfo=ZoneInfo("UTC"))
    midnight = now.astimezone(ZoneInfo(CITY_TZ)).replace(
        hour=0, minute=0, second=0, microsecond=0)
    start = max(now - timedelta(minutes=10), midnight + timedelta(minutes=1))
    return start.astimezone(ZoneInfo("UTC")).replace(tzinfo=None)


class Proxy:
    def __init__(self, port, workdir, proc):
        self.port, self.workdir, self.proc = port, workdir, proc
        self.url = "http://127.0.0.1:%d" % port
        self.access_log = os.path.join(workdir, "nginx-access.log")

    def served(self):
        return multihost.upstreams_served(self.access_log)


@pytest.fixture(scope="module")
def cluster(odoo_db, odoo_config):
    """Host 1 (cron) and host 2 (no cron), started side by side, and nginx."""
    multihost.nginx_binary()  # fails with the remedy when nginx is missing
    if harness.LONGPOLLING_PORT:
        pytest.skip("TEST_LONGPOLLING_PORT is set: two hosts cannot share it")
    if os.path.isdir(WORKDIR):
        for name in os.listdir(WORKDIR):
            path = os.path.join(WORKDIR, name)
            if os.path.isdir(path):
                shutil.rmtree(path)
            else:
                os.unlink(path)
    os.makedirs(WORKDIR, exist_ok=True)
    hosts = []
    for index in (1, 2):
        config = multihost.host_config(
            odoo_config, os.path.join(WORKDIR, "host%d.conf" % index),
            http_port=0, longpolling_port=0, cron_threads=1 if index == 1 else 0,
            workers=2)
        server = harness.Server(config, http_port=harness.free_port(),
                                logfile=os.path.join(WORKDIR, "host%d.log" % index))
        server.db = odoo_db
        hosts.append(server)
    started = time.time()
    errors = []

    def start(server):
        try:
            server.start()
        except Exception as error:  # reported below, with the log's name
            errors.append("%s: %s" % (server.logfile, error))

    threads = [threading.Thread(target=start, args=(h,)) for h in hosts]
    # the hosts' connections carry this name (libpq reads PGAPPNAME), so
    # they can be counted apart from the other servers' on this machine
    previous = os.environ.get("PGAPPNAME")
    os.environ["PGAPPNAME"] = APP_NAME
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        if previous is None:
            del os.environ["PGAPPNAME"]
        else:
            os.environ["PGAPPNAME"] = previous
    proxy = None
    try:
        assert not errors, "a host did not start: %s" % errors
        port = harness.free_port()
        nginx_dir = os.path.join(WORKDIR, "nginx")
        conf = multihost.nginx_config(
            nginx_dir, port, [h.url[len("http://"):] for h in hosts],
            ["127.0.0.1:%d" % h.longpolling_port for h in hosts])
        proxy = Proxy(port, nginx_dir, multihost.start_nginx(conf, nginx_dir))
        # each longpolling process loads the registry at its first request
        # (this one, not the first long poll: it would take the load's time)
        for host in hosts:
            deadline = time.time() + 120
            while not multihost.listening(host.longpolling_port):
                assert time.time() < deadline and host.proc.poll() is None, \
                    "no longpolling process on port %s: see %s" % (
                        host.longpolling_port, host.logfile)
                time.sleep(0.5)
            requests.get("http://127.0.0.1:%d/web/login" % host.longpolling_port,
                         timeout=180).raise_for_status()
        startup = time.time() - started
        deadline = time.time() + 30
        while not multihost.listening(port):
            assert proxy.proc.poll() is None and time.time() < deadline, \
                "nginx did not start: see %s" % nginx_dir
            time.sleep(0.2)
        yield {"hosts": hosts, "proxy": proxy, "db": odoo_db, "startup": startup,
               "figures": []}
    finally:
        if proxy:
            multihost.stop(proxy.proc)
        for host in hosts:
            host.stop()


@pytest.fixture(scope="module")
def figures(cluster, artifacts):
    lines = cluster["figures"]
    lines.append("two prefork hosts (2 workers each) started side by side, "
                 "longpolling processes loaded, in %.1f s" % cluster["startup"])
    yield lines
    with open(os.path.join(artifacts, "multihost.txt"), "w") as handle:
        handle.write("\n".join(lines) + "\n")


def login(proxy, db, login_name, password):
    session = requests.Session()
    response = session.post(
        proxy.url + "/web/session/authenticate",
        json={"jsonrpc": "2.0", "method": "call", "id": 1,
              "params": {"db": db, "login": login_name, "password": password}},
        timeout=harness.REQUEST_TIMEOUT)
    response.raise_for_status()
    result = response.json().get("result") or {}
    assert result.get("uid"), "%s could not sign in through the proxy: %s" % (
        login_name, response.text[:300])
    return result["uid"], session.cookies["session_id"]


def session_uid(url, session_id):
    result, error = json_call(session_id, url + "/web/session/get_session_info")
    return None if error else result.get("uid")


def test_a_login_through_the_proxy_works_on_both_hosts(cluster, figures):
    proxy, (host1, host2) = cluster["proxy"], cluster["hosts"]
    before = proxy.served()
    uid, session_id = login(proxy, cluster["db"], "supervisor", "supervisor")
    # the session lives in the shared data_dir, not in a host's memory
    config = multihost.configparser.RawConfigParser()
    config.read(host1.config)
    data_dir = config.get("options", "data_dir")
    assert os.path.isfile(os.path.join(
        data_dir, "sessions", "werkzeug_%s.sess" % session_id))
    # each host, asked directly with the cookie, knows the signed-in user
    assert session_uid(host1.url, session_id) == uid
    assert session_uid(host2.url, session_id) == uid
    # and through the proxy, consecutive requests go to both hosts
    for _ in range(4):
        assert session_uid(proxy.url, session_id) == uid
    after = proxy.served()
    used = {host: after.get(host, 0) - before.get(host, 0) for host in after}
    for host in (host1, host2):
        assert used.get(host.url[len("http://"):], 0) >= 2, \
            "the proxy did not send requests to %s: %s" % (host.url, used)
    figures.append("login through the proxy; requests answered per host: %s" % used)
    # signing out on host 2 ends the session on host 1 too
    _result, error = json_call(session_id, host2.url + "/web/session/destroy")
    assert not error
    assert session_uid(host1.url, session_id) is None
    assert session_uid(proxy.url, session_id) is None


@pytest.fixture(scope="module")
def meeting(cluster):
    """A meeting of today, started, in the demo secretary's cell (one of the
    demo supervisor's cells), made on host 2."""
    host2 = cluster["hosts"][1]
    admin = Rpc(host2, *ADMIN)
    secretary = admin("res.users", "search_read", [("login", "=", "secretary")],
                      fields=["party_organization_ids"])[0]
    supervisor = admin("res.users", "search_read", [("login", "=", "supervisor")],
                       fields=["party_organization_ids"])[0]
    cells = set(secretary["party_organization_ids"]) & set(
        supervisor["party_organization_ids"])
    assert cells, "the demo secretary's cell is no longer supervised by the demo " \
                  "supervisor"
    member = admin("party.member", "search_read", [
        ("organization_id", "in", sorted(cells)), ("state", "=", "official")],
        fields=["organization_id"], limit=1)[0]
    start = meeting_start()
    meeting_id = admin("party.meeting", "create", {
        "name": "Multi-host test %s" % uuid.uuid4().hex[:8],
        "organization_id": member["organization_id"][0],
        "date_start": start.strftime("%Y-%m-%d %H:%M:%S"),
        "date_end": (start + timedelta(hours=2)).strftime("%Y-%m-%d %H:%M:%S"),
        "location": "Hội trường thôn", "chair_id": member["id"],
        "secretary_id": member["id"],
        "agenda_item_ids": [(0, 0, {"name": "Kiểm điểm công tác tháng"})]})
    admin("party.meeting", "action_announce", [meeting_id])
    admin("party.meeting", "action_start", [meeting_id])
    lines = admin("party.meeting.attendance", "search", [
        ("meeting_id", "=", meeting_id), ("state", "=", "expected")])
    assert len(lines) >= 2, "the cell's roster is too short"
    return {"id": meeting_id, "lines": lines}


def last_bus_id(db):
    return int(harness.psql("SELECT coalesce(max(id), 0) FROM bus_bus", db=db))


class Listener(threading.Thread):
    """The day view's long polling, in the background: requests one after
    the other from ``last`` until a message ``wanted`` accepts comes (other
    messages, e.g. from a scheduled job, only move ``last`` on)."""

    def __init__(self, url, session_id, last, wanted, timeout=BUS_WAIT + 40):
        super().__init__(daemon=True)
        self.url, self.session_id, self.last = url, session_id, last
        self.wanted, self.timeout = wanted, timeout
        self.message = self.came = self.error = None
        # when the request that brought the message was sent
        self.request_sent = None
        self.requests = 0

    def run(self):
        deadline = time.time() + self.timeout
        try:
            while time.time() < deadline and self.message is None:
                self.request_sent = time.time()
                self.requests += 1
                result, error = json_call(
                    self.session_id, self.url + "/longpolling/poll",
                    {"channels": [LIVE_CHANNEL], "last": self.last, "options": {}},
                    timeout=BUS_WAIT + 30)
                if error:
                    self.error = error
                    return
                for message in result:
                    if self.wanted(message):
                        self.message, self.came = message, time.time()
                        return
                if result:
                    self.last = max(m["id"] for m in result)
        except requests.RequestException as error:
            self.error = str(error)

    def wait(self):
        self.join(self.timeout + 30)
        assert not self.error, self.error
        return self.message


def is_ping(message):
    return message["message"].get("type") == "party_meeting_day_view"


def about(meeting_id):
    def wanted(message):
        return message["channel"][1:] == [LIVE_CHANNEL] and meeting_id in \
            message["message"].get("meeting_ids", [])
    return wanted


def test_b_day_view_update_crosses_hosts(cluster, meeting, figures):
    proxy, (host1, host2) = cluster["proxy"], cluster["hosts"]
    db = cluster["db"]
    _uid, session_id = login(proxy, db, "supervisor", "supervisor")
    bus1 = "http://127.0.0.1:%d" % host1.longpolling_port
    # the day view opens: it listens on host 1's longpolling process, and
    # tells the server it listens (on host 2): the ping on the supervisor's
    # own channel already crosses the hosts
    listener = Listener(bus1, session_id, last_bus_id(db), is_ping)
    listener.start()
    time.sleep(2)  # the request waits for a message
    sent = time.time()
    Rpc(host2, "supervisor", "supervisor")("party.meeting", "day_view_listen")
    assert listener.wait(), "host 1's bus did not bring host 2's ping"
    figures.append("day_view_listen on host 2 -> host 1's bus: %.2f s"
                   % (listener.came - sent))

    # the next long-polling request waits on host 1; the secretary records
    # a member present on host 2
    last = listener.message["id"]
    listener = Listener(bus1, session_id, last, about(meeting["id"]))
    listener.start()
    time.sleep(2)
    secretary = Rpc(host2, "secretary", "secretary")
    recorded = time.time()
    secretary("party.meeting.attendance", "action_present", [meeting["lines"][0]])
    committed = time.time()
    assert listener.wait(), "host 1's bus did not bring the meeting's update"
    # the request that brought it was waiting before the secretary acted:
    # host 1 was woken by host 2's NOTIFY, not by a later look at the table
    assert listener.request_sent < recorded, \
        "the update was found by a request sent after it (%d requests)" % \
        listener.requests
    latency = listener.came - recorded
    assert latency < BUS_WAIT
    figures.append("attendance recorded on host 2 (XML-RPC call %.2f s) -> host 1's "
                   "waiting bus request answered %.2f s after the call began"
                   % (committed - recorded, latency))

    # the day view, refreshed through the proxy, shows the member present
    overview, error = json_call(session_id, proxy.url + "/web/dataset/call_kw", {
        "model": "party.meeting", "method": "get_day_overview", "args": [],
        "kwargs": {}})
    assert not error, error
    card = [m for m in overview["meetings"] if m["id"] == meeting["id"]]
    assert card and card[0]["present"] == 1, card

    # the proxy's /longpolling reaches a longpolling process (an HTTP worker
    # would answer "bus.Bus unavailable"): the update is there at once
    for _ in range(2):
        found = Listener(proxy.url, session_id, last, about(meeting["id"]))
        found.run()
        assert found.message and not found.error, found.error
    served = proxy.served()
    for host in (host1, host2):
        assert served.get("127.0.0.1:%d" % host.longpolling_port), \
            "the proxy did not route /longpolling to %s's longpolling port: %s" % (
                host.url, served)


def test_c_cron_runs_on_host_1_only(cluster, figures):
    host1, host2 = cluster["hosts"]
    assert "Worker WorkerCron" in host1.log()
    assert "Worker WorkerCron" not in host2.log()
    for host in (host1, host2):
        # prefork: HTTP workers and the longpolling process started
        assert "Worker WorkerHTTP" in host.log()
        assert "Evented Service (longpolling) running on" in host.log()
        assert " CRITICAL " not in host.log()
    figures.append("scheduled jobs: a cron worker on host 1, none on host 2")
    rows = harness.psql(
        "SELECT datname || '=' || count(*) FROM pg_stat_activity "
        "WHERE application_name = '%s' GROUP BY datname ORDER BY 1" % APP_NAME)
    figures.append("PostgreSQL connections the two hosts held at the end "
                   "(database=count): %s" % ", ".join(rows.split()))


def key_files(data_dir, db, motion_id):
    folder = os.path.join(data_dir, "party_ballot_keys", db)
    return [name for name in ("%d.key" % motion_id, "%d.pub" % motion_id)
            if os.path.exists(os.path.join(folder, name))]


def test_d_secret_ballot_key_shared_by_the_hosts(cluster, meeting, figures):
    """The key of a secret vote opened on host 1 encrypts a ballot cast on
    host 2, which counts it when the vote closes there; the key files are
    gone from the shared data_dir afterwards."""
    host1, host2 = cluster["hosts"]
    db = cluster["db"]
    config = multihost.configparser.RawConfigParser()
    config.read(host1.config)
    data_dir = config.get("options", "data_dir")
    secretary1 = Rpc(host1, "secretary", "secretary")
    secretary2 = Rpc(host2, "secretary", "secretary")
    admin = Rpc(host1, *ADMIN)
    partner = admin("res.users", "search_read", [("login", "=", "member")],
                    fields=["partner_id"])[0]["partner_id"][0]
    member_id = admin("party.member", "search", [("partner_id", "=", partner)])[0]
    lines = secretary1("party.meeting.attendance", "search_read",
                       [("meeting_id", "=", meeting["id"])],
                       fields=["state", "member_id"])
    assert member_id in [line["member_id"][0] for line in lines], \
        "the demo member is not on the roster of the demo secretary's cell"
    expected = [line["id"] for line in lines if line["state"] == "expected"]
    if expected:
        secretary1("party.meeting.attendance", "action_present", expected)
    motion = secretary1("party.meeting.motion", "create", {
        "meeting_id": meeting["id"], "name": "Multi-host secret ballot",
        "method": "secret"})
    secretary1("party.meeting.motion", "action_open_vote", [motion])
    assert key_files(data_dir, db, motion) == ["%d.key" % motion, "%d.pub" % motion]
    member2 = Rpc(host2, "member", "member")
    member2("party.meeting.motion", "cast_vote", [motion], "yes")
    secretary2("party.meeting.motion", "action_close_vote", [motion])
    row = admin("party.meeting.motion", "read", [motion], [
        "state", "yes_count", "no_count", "abstain_count"])[0]
    assert (row["state"], row["yes_count"], row["no_count"], row["abstain_count"]) \
        == ("closed", 1, 0, 0)
    deadline = time.time() + 10
    while key_files(data_dir, db, motion) and time.time() < deadline:
        time.sleep(0.2)
    assert not key_files(data_dir, db, motion), \
        "the key files are still in the shared data_dir after the close"
    figures.append("secret vote opened on host 1, cast on host 2, counted on "
                   "host 2 (1 in favour); key files gone after the close")
