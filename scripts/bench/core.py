# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The benchmark runner's helpers: users, environments, cursors, timing,
and the shared HTTP server of the ``http`` operations.

The contract of an operations module ``scripts/bench/ops_<part>.py``: a
function ``operations(size)`` returning a list of dicts with

* ``name`` (str, printed), ``group`` ("report" | "cron" | "http");
* ``target``: the highest ratio to the floor that is acceptable, or None;
* ``runs``: int or None (default: 5 for report and http, 1 for cron;
  ``make bench RUNS=n`` sets the default, and caps an operation's own);
* ``login``: a generated user to run as (see ``BENCH_USERS``), None for the
  superuser;
* ``setup(env) -> state``: once, as the superuser, in a cursor that is
  COMMITTED; idempotent (it reuses what a previous bench run left);
* ``run(env, state) -> int | None``: the product, timed; each run in a fresh
  cursor ROLLED BACK afterwards, ``env`` as ``login``; returns the number of
  work items when that means something;
* ``floor(cr, state) -> int | None``: the same work in hand-written SQL (or
  a trivial authenticated call), timed, on a fresh cursor rolled back.

Optional keys (the runner's defaults in brackets): ``warmup`` (True for
report and http, False for cron: one untimed run and floor first),
``prepare(env, state)`` (before each run of the product, untimed, as the
superuser, COMMITTED: for work that a real server must see, such as a
freshly opened vote), ``teardown(env, state)`` (once after the runs,
COMMITTED).
"""
import glob
import importlib
import json
import os
import platform
import statistics
import sys
import threading
import time
import traceback

from odoo import SUPERUSER_ID, api

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
TESTS = os.path.join(ROOT, "tests")
if TESTS not in sys.path:
    sys.path.append(TESTS)
import harness  # noqa: E402 (tests/harness.py: ports, servers, databases)

PASSWORD = "Bench-Pass-2026!x"
GROUPS = {"report": 5, "http": 5, "cron": 1}
# What the runner was asked for (set by scripts/bench.py): db, config, size,
# workers, runs.
OPTIONS = {}


# --- the generated users ---------------------------------------------------------

def _org(env, code):
    org = env["party.organization"].search([("code", "=", code)])
    if not org:
        raise RuntimeError("no organization %s: generate the city first "
                           "(scripts/generate_data.py)" % code)
    return org


def first_cell(env, commune="GEN-C01"):
    """The first cell of the commune by code (cells may hang under a
    grassroots organization of the commune)."""
    parent = _org(env, commune)
    return env["party.organization"].search([
        ("id", "child_of", parent.id), ("level", "=", "cell")],
        order="code", limit=1)


def cell_members(env, cell, count):
    """The first ``count`` active official members of a cell, by id."""
    return env["party.member"].search([
        ("organization_id", "=", cell.id), ("state", "=", "official")],
        order="id", limit=count)


def _user(env, login, name, groups, organizations=None, partner=None):
    Users = env["res.users"].with_context(no_reset_password=True)
    values = {"groups_id": [(6, 0, [env.ref(g).id for g in groups])]}
    if organizations is not None:
        values["party_organization_ids"] = [(6, 0, organizations.ids)]
    user = Users.with_context(active_test=False).search([("login", "=", login)])
    if user:
        if partner and user.partner_id != partner:
            values["partner_id"] = partner.id
        user.write(dict(values, active=True))
    else:
        values.update(login=login, name=name, email="%s@example.com" % login)
        if partner:
            values["partner_id"] = partner.id
        user = Users.create(values)
    env.cr.execute("SELECT password_crypt FROM res_users WHERE id = %s",
                   (user.id,))
    stored = env.cr.fetchone()[0]
    # a new hash only when needed: no new password-history row, and no
    # failed sign-in recorded by checking a wrong password
    if not stored or not user._crypt_context().verify(PASSWORD, stored):
        user.write({"password": PASSWORD})
    return user


def ensure_bench_users(env):
    """The generated users, created or brought back to their roles
    (idempotent); all with the password ``PASSWORD``:

    * ``gen_city_officer``: City officer of the generated city GEN;
    * ``gen_officer``: Committee officer of the commune GEN-C01;
    * ``gen_supervisor``: Supervising officer of GEN-C01;
    * ``gen_secretary``: Cell secretary of the first cell of GEN-C01 by
      code, linked to a member of that cell;
    * ``gen_member``: portal member, another member of that cell.

    Returns {login: res.users}."""
    city, commune = _org(env, "GEN"), _org(env, "GEN-C01")
    cell = first_cell(env)
    members = cell_members(env, cell, 2)
    if len(members) < 2:
        raise RuntimeError("the cell %s has fewer than 2 official members"
                           % cell.code)
    group = "party_handbook.group_party_handbook_%s"
    users = {
        "gen_city_officer": _user(env, "gen_city_officer",
                                  "Generated city officer",
                                  [group % "manager"], city),
        "gen_officer": _user(env, "gen_officer", "Generated commune officer",
                             [group % "officer"], commune),
        "gen_supervisor": _user(env, "gen_supervisor",
                                "Generated supervising officer",
                                [group % "supervisor"], commune),
        "gen_secretary": _user(env, "gen_secretary", members[0].name,
                               [group % "cell_secretary"], cell,
                               partner=members[0].partner_id),
        "gen_member": _user(env, "gen_member", members[1].name,
                            ["base.group_portal", group % "member"],
                            partner=members[1].partner_id),
    }
    return users


def user_id(env, login):
    if not login:
        return SUPERUSER_ID
    user = env["res.users"].search([("login", "=", login)])
    if not user:
        raise RuntimeError("no user %s: ensure_bench_users() first" % login)
    return user.id


# --- cursors and environments ----------------------------------------------------

class Cursors:
    """Fresh cursors on the bench database, committed or rolled back."""

    def __init__(self, registry):
        self.registry = registry

    def committed(self, function, login=None):
        with api.Environment.manage(), self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            if login:
                env = as_user(env, login)
            result = function(env)
            cr.commit()
        # a server reading the same database reloads what we changed
        self.registry.signal_changes()
        return result

    def rolled_back(self, function, login=None, raw=False):
        """``function(env)`` (or ``function(cr)`` when ``raw``), timed, on a
        fresh cursor rolled back afterwards: (seconds, result)."""
        with api.Environment.manage(), self.registry.cursor() as cr:
            try:
                if raw:
                    started = time.perf_counter()
                    result = function(cr)
                else:
                    env = api.Environment(cr, SUPERUSER_ID, {})
                    env = as_user(env, login)
                    env.cache.invalidate()
                    started = time.perf_counter()
                    result = function(env)
                seconds = time.perf_counter() - started
            finally:
                cr.rollback()
                self.registry.reset_changes()
        return seconds, result


def as_user(env, login):
    """``env`` as the generated user ``login`` (its language and time zone),
    or as the superuser when ``login`` is None."""
    uid = user_id(env, login)
    context = env["res.users"].sudo(uid).context_get()
    return api.Environment(env.cr, uid, dict(context))


# --- discovery -------------------------------------------------------------------

def modules():
    """The operations modules, by file name."""
    return sorted(os.path.splitext(os.path.basename(path))[0]
                  for path in glob.glob(os.path.join(HERE, "ops_*.py")))


def load_operations(size, only=None):
    """[(module name, operation dict)] of every module, filtered by a
    case-insensitive substring of the name (``only``); a module that fails
    to load gives one operation that reports the error."""
    result = []
    for name in modules():
        try:
            module = importlib.import_module("bench.%s" % name)
            operations = module.operations(size)
        except Exception:  # pylint: disable=broad-except
            error = traceback.format_exc()
            operations = [{"name": "%s (module)" % name, "group": "report",
                           "target": None, "load_error": error}]
        for operation in operations:
            if only and only.lower() not in operation["name"].lower():
                continue
            result.append((name, operation))
    return result


# --- measuring -------------------------------------------------------------------

def seconds_text(values):
    """min/median/max in ms below 10 s, else in s."""
    if not values:
        return "-"
    low, mid, high = min(values), statistics.median(values), max(values)
    if high < 10:
        return "%.1f/%.1f/%.1f ms" % (1000 * low, 1000 * mid, 1000 * high)
    return "%.2f/%.2f/%.2f s" % (low, mid, high)


def stats(values):
    if not values:
        return None
    return {"min": min(values), "median": statistics.median(values),
            "max": max(values), "all": values}


def measure(cursors, module, operation, default_runs=None):
    """Run one operation: setup, optional warm-up, then ``runs`` times the
    product and its floor, interleaved (the floor first every other time).
    Returns the result dict (``error`` set on failure)."""
    group = operation.get("group", "report")
    runs = operation.get("runs")
    if runs and default_runs:
        runs = min(runs, default_runs)  # RUNS=1: a quick pass of everything
    runs = runs or default_runs or GROUPS.get(group, 5)
    result = {
        "module": module, "name": operation["name"], "group": group,
        "target": operation.get("target"), "login": operation.get("login"),
        "runs": runs, "n": None, "floor_n": None, "run": None, "floor": None,
        "ratio": None, "met": None, "error": None}
    if operation.get("load_error"):
        result["error"] = operation["load_error"]
        return result
    login = operation.get("login")
    prepare, teardown = operation.get("prepare"), operation.get("teardown")
    state = None
    try:
        started = time.perf_counter()
        state = cursors.committed(operation["setup"])
        result["setup_seconds"] = time.perf_counter() - started

        def product():
            if prepare:
                cursors.committed(lambda env: prepare(env, state))
            return cursors.rolled_back(
                lambda env: operation["run"](env, state), login=login)

        def floor():
            return cursors.rolled_back(
                lambda cr: operation["floor"](cr, state), raw=True)

        if operation.get("warmup", group != "cron"):
            product()
            floor()
        times, floors = [], []
        for index in range(runs):
            order = (product, floor) if index % 2 == 0 else (floor, product)
            for function in order:
                seconds, n = function()
                if function is product:
                    times.append(seconds)
                    result["n"] = n
                else:
                    floors.append(seconds)
                    result["floor_n"] = n
        result["run"], result["floor"] = stats(times), stats(floors)
        if floors and statistics.median(floors) > 0:
            result["ratio"] = statistics.median(times) / statistics.median(floors)
        if result["target"] is not None and result["ratio"] is not None:
            result["met"] = result["ratio"] <= result["target"]
    except Exception:  # pylint: disable=broad-except
        result["error"] = traceback.format_exc()
    finally:
        if teardown and state is not None:
            try:
                cursors.committed(lambda env: teardown(env, state))
            except Exception:  # pylint: disable=broad-except
                result["error"] = (result["error"] or "") + traceback.format_exc()
    return result


def line(result):
    """One printed line per operation."""
    if result["error"]:
        return "%-58s ERROR %s" % (
            result["name"], result["error"].strip().splitlines()[-1])
    target = result["target"]
    if target is None:
        verdict = "no target"
    else:
        verdict = "target <=%.1f %s" % (target, "met" if result["met"] else "MISSED")
    if result["floor_n"] is not None and result["floor_n"] != result["n"]:
        verdict += "  (the floor did n=%s)" % result["floor_n"]
    return "%-58s n=%-8s run %-26s floor %-26s ratio %6.2f  %s" % (
        result["name"], "-" if result["n"] is None else result["n"],
        seconds_text(result["run"]["all"]), seconds_text(result["floor"]["all"]),
        result["ratio"] if result["ratio"] is not None else float("nan"),
        verdict)


def machine():
    """What the figures ran on."""
    info = {"python": platform.python_version(), "platform": platform.platform(),
            "cpus": os.cpu_count()}
    try:
        with open("/proc/cpuinfo") as handle:
            for row in handle:
                if row.startswith("model name"):
                    info["cpu"] = row.split(":", 1)[1].strip()
                    break
        with open("/proc/meminfo") as handle:
            info["memory_gb"] = round(int(handle.readline().split()[1]) / 2 ** 20, 1)
        info["load"] = os.getloadavg()
    except OSError:
        pass
    return info


def write_json(path, data):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as handle:
        json.dump(data, handle, indent=1, default=str)


# --- the shared HTTP server ------------------------------------------------------

_SERVER = {}
_SERVER_LOCK = threading.Lock()


def server():
    """One Odoo server on the bench database for every ``http`` operation,
    started on first use in prefork mode (``OPTIONS["workers"]`` workers and
    the gevent longpolling process, no cron), on free ports; stopped by
    ``stop_server()`` at the end of the bench. Returns a harness.Server
    (``url``)."""
    with _SERVER_LOCK:
        if "server" not in _SERVER:
            config = server_config()
            instance = harness.Server(config, logfile=os.path.join(
                os.path.dirname(config), "%s-server.log" % OPTIONS["db"]))
            instance.start(timeout=600)
            _SERVER["server"] = instance
        return _SERVER["server"]


def server_config():
    """The bench configuration with workers (the runner's own config has
    none: it loads Odoo in-process)."""
    source = OPTIONS["config"]
    path = source.replace(".conf", "-server.conf")
    with open(source) as handle:
        lines = [row for row in handle.read().splitlines()
                 if not row.split("=")[0].strip() in (
                     "workers", "max_cron_threads", "limit_memory_soft",
                     "limit_memory_hard", "db_maxconn")]
    workers = int(OPTIONS.get("workers") or 4)
    lines += ["workers = %d" % workers, "max_cron_threads = 0",
              "limit_memory_soft = %d" % (2 * 2 ** 30),
              "limit_memory_hard = %d" % (3 * 2 ** 30),
              "db_maxconn = %d" % max(32, 4 * workers + 8)]
    old_umask = os.umask(0o077)
    try:
        with open(path, "w") as handle:
            handle.write("\n".join(lines) + "\n")
    finally:
        os.umask(old_umask)
    return path


def stop_server():
    instance = _SERVER.pop("server", None)
    if instance:
        instance.stop()
