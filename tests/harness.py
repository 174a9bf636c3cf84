"""Drive Odoo for the repository-level tests: databases, configs, servers.

Runs on the test virtualenv's Python; Odoo itself always runs in a subprocess
with the Odoo virtualenv (Python 3.7) through ``scripts/odoo-bin``.

Ports: every Odoo process that serves HTTP (the module tests' run with
``--test-enable`` and the end-to-end server) gets a free port on 127.0.0.1,
found right before it starts, unless ``TEST_HTTP_PORT`` asks for one. A port
that is taken fails at once with the port and the process holding it,
whether seen before the start or in Odoo's log ("Address already in use").

Clock: ``PH_FAKE_DATE=2027-01-31`` (10:00 UTC) or ``PH_FAKE_DATE="2027-01-31
23:30"`` (UTC) runs every Odoo process under libfaketime, all on one clock
that starts at that moment when the session starts; PostgreSQL and the test
process keep the real clock (``now()`` gives the Odoo processes' time).
"""
import ast
import configparser
import fcntl
import hashlib
import os
import shutil
import signal
import socket
import subprocess
import time
from contextlib import contextmanager
from datetime import datetime, timedelta
from xmlrpc.client import ServerProxy, Transport

import requests

import odoo_log

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LOCAL = os.path.join(ROOT, ".local")
TEST_DIR = os.path.join(LOCAL, "test")
ARTIFACTS = os.path.join(TEST_DIR, "artifacts")
# Machine-wide state shared by every checkout (see scripts/lib.sh).
STATE = os.environ.get("PARTY_HANDBOOK_STATE") or os.path.join(
    os.environ.get("XDG_DATA_HOME") or os.path.expanduser("~/.local/share"),
    "party-handbook")
DATA_DIR = os.path.join(STATE, "test-data")
PG_PASSWORD_FILE = os.path.join(STATE, "pg_password")
PYTHON = os.path.join(ROOT, ".venv", "bin", "python")
ODOO_BIN = os.path.join(ROOT, "scripts", "odoo-bin")
OUR_MODULES = ["party_handbook", "party_handbook_meetings"]
SUITE = "party_handbook_suite"
PG_ROLE = os.environ.get("PG_ROLE", "party_handbook")
PG_HOST = os.environ.get("PG_HOST", "127.0.0.1")
PG_PORT = os.environ.get("PG_PORT", "5432")
# Override to run several checkouts' tests side by side on one machine.
TEMPLATE_PREFIX = os.environ.get("PH_TEMPLATE_DB", "ph_test_template")
TEST_DB = os.environ.get("PH_TEST_DB", "ph_test")


def _requested_port(name):
    value = os.environ.get(name, "").strip()
    if not value:
        return None
    if not value.isdigit() or not 0 < int(value) < 65536:
        raise RuntimeError("%s=%s is not a port number" % (name, value))
    return int(value)


# None: a free port is picked for each Odoo process that serves HTTP
HTTP_PORT = _requested_port("TEST_HTTP_PORT")
LONGPOLLING_PORT = _requested_port("TEST_LONGPOLLING_PORT")
# seconds an HTTP or XML-RPC call to the test server may take on a loaded
# machine (2 cores shared by several checkouts) before it counts as a failure
REQUEST_TIMEOUT = 60


# --- the clock -----------------------------------------------------------------

FAKETIME_LIB = os.environ.get(
    "PH_FAKETIME_LIB", "/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1")
# sitecustomize.py for the Odoo processes of a PH_FAKE_DATE run
FAKECLOCK_SITE = os.path.join(ROOT, "tests", "fakeclock")


def _fake_start(value):
    """The UTC moment PH_FAKE_DATE names: a day (at 10:00) or a day and time."""
    value = value.strip()
    for pattern in ("%Y-%m-%d", "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S",
                    "%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S"):
        try:
            start = datetime.strptime(value, pattern)
        except ValueError:
            continue
        return start.replace(hour=10) if pattern == "%Y-%m-%d" else start
    raise RuntimeError("PH_FAKE_DATE=%s: give a day (2027-01-31, 10:00 UTC) or a "
                       "day and a UTC time (2027-01-31 23:30)" % value)


FAKE_DATE = os.environ.get("PH_FAKE_DATE", "").strip()
FAKE_START = _fake_start(FAKE_DATE) if FAKE_DATE else None
# One offset for the whole session: every Odoo process (module tests, server,
# shell) sees the same clock, which runs on from FAKE_START.
CLOCK_OFFSET = (FAKE_START - datetime.utcnow()).total_seconds() if FAKE_START else 0


def now():
    """UTC now (naive) as the Odoo processes see it."""
    return datetime.utcnow() + timedelta(seconds=CLOCK_OFFSET)


def odoo_env():
    """The environment of every Odoo subprocess (libfaketime with PH_FAKE_DATE)."""
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    if FAKE_START:
        if not os.path.isfile(FAKETIME_LIB):
            raise RuntimeError(
                "PH_FAKE_DATE needs libfaketime (%s): apt-get install faketime "
                "(make test installs it when PH_FAKE_DATE is set)" % FAKETIME_LIB)
        preload = [p for p in env.get("LD_PRELOAD", "").split() if p]
        path = [p for p in env.get("PYTHONPATH", "").split(os.pathsep) if p]
        env.update({
            "LD_PRELOAD": " ".join(preload + [FAKETIME_LIB]),
            "FAKETIME": "%+ds" % round(CLOCK_OFFSET),
            # timers, locks and timeouts keep the real monotonic clock
            "FAKETIME_DONT_FAKE_MONOTONIC": "1",
            "TZ": "UTC",
            # what compares Odoo's clock with real times (files, rows written
            # by PostgreSQL) is adjusted there
            "PYTHONPATH": os.pathsep.join([FAKECLOCK_SITE] + path),
            "PH_CLOCK_OFFSET": str(round(CLOCK_OFFSET)),
        })
    return env


def clock_description():
    if not FAKE_START:
        return "real clock"
    return "PH_FAKE_DATE=%s: the Odoo processes' clock read %s UTC when the " \
           "session started (PostgreSQL's and the tests' clocks are real)" % (
               FAKE_DATE, FAKE_START)


# --- ports -----------------------------------------------------------------------

class PortTaken(RuntimeError):
    """A port an Odoo process should listen on is held by another process."""


def free_port():
    """A port nobody listens on at this moment (the kernel's choice)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _listening_inodes(port):
    inodes = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            with open(table) as handle:
                rows = handle.readlines()[1:]
        except OSError:
            continue
        for row in rows:
            fields = row.split()
            if fields[3] == "0A" and int(fields[1].rsplit(":", 1)[1], 16) == port:
                inodes.add(fields[9])
    return inodes


def _socket_inodes(pid):
    inodes = set()
    try:
        fds = os.listdir("/proc/%s/fd" % pid)
    except OSError:
        return inodes
    for fd in fds:
        try:
            target = os.readlink("/proc/%s/fd/%s" % (pid, fd))
        except OSError:
            continue
        if target.startswith("socket:["):
            inodes.add(target[8:-1])
    return inodes


def listens(pid, port):
    """Whether process ``pid`` holds a listening socket on ``port``."""
    inodes = _listening_inodes(port)
    return bool(inodes and inodes & _socket_inodes(pid))


def port_holder(port):
    """Who listens on ``port``: "pid 123 (command line)", or ""."""
    inodes = _listening_inodes(port)
    if not inodes:
        return ""
    for pid in filter(str.isdigit, os.listdir("/proc")):
        if inodes & _socket_inodes(pid):
            try:
                with open("/proc/%s/cmdline" % pid, "rb") as handle:
                    command = handle.read().replace(b"\0", b" ").decode(
                        errors="replace").strip()
            except OSError:
                command = "?"
            return "pid %s (%s)" % (pid, command[:160])
    return "another process"


def port_taken_message(port, what):
    holder = port_holder(port)
    return "%s port %s on 127.0.0.1 is taken%s" % (
        what, port, " by %s" % holder if holder else "")


def check_port_free(port, what="HTTP"):
    """Bind the port as Odoo does (SO_REUSEADDR); raise PortTaken if it fails."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(("127.0.0.1", port))
        except OSError as error:
            raise PortTaken("%s (%s)%s" % (
                port_taken_message(port, what), error.strerror,
                requested_hint(port))) from None


def requested_hint(port):
    for name, value in (("TEST_HTTP_PORT", HTTP_PORT),
                        ("TEST_LONGPOLLING_PORT", LONGPOLLING_PORT)):
        if value == port:
            return ": %s=%s was requested; free that port, request another or " \
                   "unset %s (a free port is then picked)" % (name, port, name)
    return ""


def check_requested_ports(config, http_port=None):
    """Fail at once when a requested port is taken (the longpolling port
    only matters to prefork servers, workers > 0)."""
    http_port = http_port or HTTP_PORT
    if http_port:
        check_port_free(http_port, "HTTP")
    if LONGPOLLING_PORT and config_workers(config) > 0:
        check_port_free(LONGPOLLING_PORT, "longpolling")


def pick_ports(config, http_port=None):
    """(HTTP port, longpolling port) for an Odoo process about to start:
    the requested ones, checked, or free ones."""
    check_requested_ports(config, http_port)
    return (http_port or HTTP_PORT or free_port(),
            LONGPOLLING_PORT or free_port())


def config_workers(config):
    parser = configparser.RawConfigParser()
    parser.read(config)
    return parser.getint("options", "workers", fallback=0)


ADDRESS_IN_USE = "Address already in use"


def _log_text(logfile):
    try:
        with open(logfile, errors="replace") as handle:
            return handle.read()
    except OSError:
        return ""


def _stop_process(proc, timeout=30):
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


def _start_odoo(args, logfile):
    """Popen Odoo in its own process group; its stderr (where a thread's
    traceback such as the HTTP server's "Address already in use" goes) is
    appended to its log."""
    if os.path.exists(logfile):
        os.unlink(logfile)
    os.makedirs(os.path.dirname(logfile), exist_ok=True)
    with open(logfile, "ab") as output:
        return subprocess.Popen(
            [PYTHON, ODOO_BIN] + list(args) + ["--logfile", logfile],
            stdin=subprocess.DEVNULL, stdout=output, stderr=subprocess.STDOUT,
            env=odoo_env(), start_new_session=True)


def wait_for_listener(proc, port, logfile, timeout=120):
    """Until ``proc`` listens on ``port``: PortTaken (the process stopped) as
    soon as the log says the port is taken; False if the process ended or
    did not listen in time."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        if listens(proc.pid, port):
            return True
        if ADDRESS_IN_USE in _log_text(logfile):
            _stop_process(proc)
            raise PortTaken("%s: Odoo could not listen (%s, see %s)%s" % (
                port_taken_message(port, "HTTP"), ADDRESS_IN_USE, logfile,
                requested_hint(port)))
        if proc.poll() is not None:
            return False
        time.sleep(0.2)
    return False


# --- XML-RPC ---------------------------------------------------------------------

class _TimeoutTransport(Transport):
    def __init__(self, timeout):
        super().__init__()
        self.timeout = timeout

    def make_connection(self, host):
        connection = super().make_connection(host)
        connection.timeout = self.timeout
        return connection


def xmlrpc(url, timeout=REQUEST_TIMEOUT):
    """An XML-RPC proxy whose calls fail after ``timeout`` seconds (the
    standard library's wait forever)."""
    return ServerProxy(url, allow_none=True, transport=_TimeoutTransport(timeout))


def module_manifest(module):
    path = ROOT if module == SUITE else os.path.join(ROOT, module)
    with open(os.path.join(path, "__manifest__.py")) as handle:
        return ast.literal_eval(handle.read())


def external_depends():
    """Odoo modules our modules depend on (directly or not), outside ours."""
    ours = set(OUR_MODULES) | {SUITE}
    result = set()
    for module in ours:
        result |= set(module_manifest(module)["depends"]) - ours
    return sorted(result)


def modules_with_tests():
    return [m for m in OUR_MODULES
            if os.path.isfile(os.path.join(ROOT, m, "tests", "__init__.py"))]


def pg_env():
    env = dict(os.environ)
    with open(PG_PASSWORD_FILE) as handle:
        env["PGPASSWORD"] = handle.read().strip()
    return env


def psql(sql, db="postgres"):
    return subprocess.run(
        ["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-tA", "-h", PG_HOST,
         "-p", PG_PORT, "-U", PG_ROLE, "-d", db, "-c", sql],
        env=pg_env(), check=True, capture_output=True, text=True).stdout.strip()


def db_exists(name):
    return psql("SELECT 1 FROM pg_database WHERE datname = '%s'" % name) == "1"


def drop_db(name, data_dir=DATA_DIR):
    if db_exists(name):
        psql("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
             "WHERE datname = '%s' AND pid <> pg_backend_pid()" % name)
        psql('DROP DATABASE "%s"' % name)
    for folder in ("filestore", "party_ballot_keys"):
        shutil.rmtree(os.path.join(data_dir, folder, name), ignore_errors=True)


@contextmanager
def template_lock():
    """One checkout at a time builds or copies the machine's test template
    (the template is shared by every checkout at the same requirements)."""
    os.makedirs(STATE, exist_ok=True)
    with open(os.path.join(STATE, "test-template.lock"), "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def clone_db(template, name, data_dir=DATA_DIR):
    drop_db(name, data_dir)
    with template_lock():
        psql('CREATE DATABASE "%s" TEMPLATE "%s"' % (name, template))
    source = os.path.join(data_dir, "filestore", template)
    if os.path.isdir(source):
        shutil.copytree(source, os.path.join(data_dir, "filestore", name))


def write_config(path, db, http_port=None, longpolling_port=None,
                 data_dir=DATA_DIR):
    """The configuration's ports are the requested ones, else 0: the Odoo
    processes that serve HTTP are given theirs on the command line."""
    os.makedirs(os.path.dirname(path), exist_ok=True)
    subprocess.run([
        PYTHON, os.path.join(ROOT, "scripts", "write_config.py"),
        "--output", path, "--db", db,
        "--http-port", str(http_port or HTTP_PORT or 0),
        "--longpolling-port", str(longpolling_port or LONGPOLLING_PORT or 0),
        "--data-dir", data_dir,
        "--db-host", PG_HOST, "--db-port", PG_PORT, "--db-user", PG_ROLE,
        "--db-password-file", PG_PASSWORD_FILE,
    ], check=True)
    return path


def serves_http(args):
    """Odoo 11 starts its HTTP server in test mode even with --stop-after-init
    (HttpCase tests need it), and always without --stop-after-init."""
    return "--test-enable" in args or "--stop-after-init" not in args \
        or any(a.startswith("--test-file") for a in args)


def odoo(config, *args, logfile=None, timeout=3600):
    """Run Odoo to completion; return (exit code, log text); the timeout
    leaves the whole module suite (about 13 minutes idle) room on a loaded
    2-core machine, where it took over 30 minutes. A run that
    serves HTTP gets free ports (or the requested ones, checked) and stops
    at once, with PortTaken, when its HTTP port turns out to be taken."""
    logfile = logfile or os.path.join(TEST_DIR, "odoo-%d.log" % os.getpid())
    args = ["-c", config] + list(args)
    port = None
    if serves_http(args):
        port, longpolling_port = pick_ports(config)
        args += ["--http-port=%d" % port, "--longpolling-port=%d" % longpolling_port]
    proc = _start_odoo(args, logfile)
    try:
        if port:
            wait_for_listener(proc, port, logfile)
        proc.wait(timeout=timeout)
    except BaseException:
        _stop_process(proc, timeout=10)
        raise
    return proc.returncode, _log_text(logfile)


def installed_states(db, modules):
    rows = psql("SELECT name || '=' || state FROM ir_module_module WHERE name IN (%s)"
                % ", ".join("'%s'" % m for m in modules), db=db)
    return dict(row.split("=") for row in rows.splitlines() if row)


def template_stamp():
    digest = hashlib.sha256()
    for name in ("requirements.txt", "requirements-oca.txt", "constraints.txt"):
        with open(os.path.join(ROOT, name), "rb") as handle:
            digest.update(handle.read())
    digest.update(",".join(external_depends()).encode())
    return digest.hexdigest()[:16]


def template_db():
    """The template's name carries its stamp: checkouts at different
    versions on one machine each use (and keep) their own template."""
    return "%s_%s" % (TEMPLATE_PREFIX, template_stamp()[:8])


def ensure_template(config):
    """A database with our dependencies (and their demo data), built once."""
    name = template_db()
    filestore = os.path.join(DATA_DIR, "filestore", name)
    with template_lock():
        if os.path.isdir(filestore) and db_exists(name):
            return name
        drop_db(name)
        depends = external_depends()
        code, log = odoo(config, "-d", name, "-i", ",".join(depends),
                         "--stop-after-init", "--log-level=warn",
                         logfile=os.path.join(TEST_DIR, "template.log"))
        result = odoo_log.parse(log, code)
        states = installed_states(name, depends)
        if result.problems or any(states.get(m) != "installed" for m in depends):
            drop_db(name)
            raise RuntimeError("building the test template failed: %s %s"
                               % (result.problems, states))
        psql("COMMENT ON DATABASE \"%s\" IS '%s'" % (name, template_stamp()))
    return name


def run_module_tests(config, db, modules, expected=None, addons_path=None):
    """Install ``modules`` with tests on a fresh copy of the template."""
    clone_db(ensure_template(config), db)
    # A test class whose setUpClass fails leaves its cursor open (Odoo 11
    # skips tearDownClass): the next class would wait for its locks for
    # ever. Waiting fails after two minutes instead, with the lock named.
    psql("ALTER DATABASE \"%s\" SET lock_timeout = '120s'" % db)
    args = ["-d", db, "-i", ",".join(modules), "--test-enable",
            "--stop-after-init", "--log-level=info"]
    if addons_path:
        args.append("--addons-path=%s" % addons_path)
    code, log = odoo(config, *args, logfile=os.path.join(TEST_DIR, "%s.log" % db))
    result = odoo_log.parse(log, code, expected_modules=expected or [])
    states = installed_states(db, modules)
    for module in modules:
        if states.get(module) != "installed":
            result.problems.append("module %s is %s, not installed"
                                   % (module, states.get(module, "unknown")))
    return result


# logged at INFO (the level of every configuration the tests write) once the
# registry of the configured database is loaded
REGISTRY_LOADED = "Modules loaded."


class Server:
    """An Odoo server in the background, for end-to-end tests, on a free
    port (or ``http_port``, or TEST_HTTP_PORT, which must be free)."""

    def __init__(self, config, http_port=None, logfile=None):
        self.config = config
        self.http_port = http_port or HTTP_PORT
        self.url = None
        self.logfile = logfile or os.path.join(TEST_DIR, "server.log")
        self.proc = None
        # the gevent longpolling process's port (prefork servers, workers > 0)
        self.longpolling_port = None

    def start(self, timeout=180, attempts=3):
        """Start and wait until the server answers. A requested port that
        is taken fails at once; a free port taken in the meantime by
        someone else is replaced by another one."""
        for attempt in range(attempts):
            try:
                return self._start(timeout)
            except PortTaken:
                if self.http_port or attempt == attempts - 1:
                    raise
        raise AssertionError("not reached")

    def _start(self, timeout):
        port, longpolling_port = pick_ports(self.config, self.http_port)
        self.url = "http://127.0.0.1:%d" % port
        self.longpolling_port = longpolling_port
        self.proc = _start_odoo(["-c", self.config, "--http-port=%d" % port,
                                 "--longpolling-port=%d" % longpolling_port],
                                self.logfile)
        deadline = time.time() + timeout
        if not wait_for_listener(self.proc, port, self.logfile, timeout):
            self.stop()
            raise RuntimeError("Odoo %s on port %s; see %s" % (
                "exited with %s" % self.proc.returncode
                if self.proc.returncode is not None else "did not listen",
                port, self.logfile))
        # Odoo 11 listens before it has loaded the database's registry; a
        # request during that load can deadlock on Python's import locks
        # (seen: "deadlock detected by _ModuleLock('odoo.addons.portal.
        # controllers')", then a half-loaded registry). Wait for the load.
        while time.time() < deadline and self.proc.poll() is None \
                and REGISTRY_LOADED not in _log_text(self.logfile):
            time.sleep(0.5)
        # our own process listens: from here on only Odoo answers there
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError("Odoo exited with %s; see %s"
                                   % (self.proc.returncode, self.logfile))
            try:
                if requests.get(self.url + "/web/login",
                                timeout=REQUEST_TIMEOUT).status_code == 200:
                    return self
            except requests.RequestException:
                pass
            time.sleep(0.5)
        self.stop()
        raise RuntimeError("Odoo did not answer on %s within %ss; see %s"
                           % (self.url, timeout, self.logfile))

    def stop(self):
        if self.proc:
            _stop_process(self.proc)

    def log(self):
        return _log_text(self.logfile)


@contextmanager
def server(config, **kwargs):
    instance = Server(config, **kwargs).start()
    try:
        yield instance
    finally:
        instance.stop()
