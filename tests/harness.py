"""Drive Odoo for the repository-level tests: databases, configs, servers.

Runs on the test virtualenv's Python; Odoo itself always runs in a subprocess
with the Odoo virtualenv (Python 3.7) through ``scripts/odoo-bin``.
"""
import ast
import fcntl
import hashlib
import os
import shutil
import signal
import subprocess
import time
from contextlib import contextmanager

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
HTTP_PORT = int(os.environ.get("TEST_HTTP_PORT", "8169"))
LONGPOLLING_PORT = int(os.environ.get("TEST_LONGPOLLING_PORT", "8172"))


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
    shutil.rmtree(os.path.join(data_dir, "filestore", name), ignore_errors=True)


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


def write_config(path, db, http_port=HTTP_PORT, longpolling_port=LONGPOLLING_PORT,
                 data_dir=DATA_DIR):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    subprocess.run([
        PYTHON, os.path.join(ROOT, "scripts", "write_config.py"),
        "--output", path, "--db", db, "--http-port", str(http_port),
        "--longpolling-port", str(longpolling_port), "--data-dir", data_dir,
        "--db-host", PG_HOST, "--db-port", PG_PORT, "--db-user", PG_ROLE,
        "--db-password-file", PG_PASSWORD_FILE,
    ], check=True)
    return path


def odoo(config, *args, logfile=None, timeout=1800):
    """Run Odoo to completion; return (exit code, log text)."""
    logfile = logfile or os.path.join(TEST_DIR, "odoo-%d.log" % os.getpid())
    if os.path.exists(logfile):
        os.unlink(logfile)
    command = [PYTHON, ODOO_BIN, "-c", config, "--logfile", logfile] + list(args)
    proc = subprocess.run(command, timeout=timeout, stdin=subprocess.DEVNULL)
    with open(logfile, errors="replace") as handle:
        return proc.returncode, handle.read()


def installed_states(db, modules):
    rows = psql("SELECT name || '=' || state FROM ir_module_module WHERE name IN (%s)"
                % ", ".join("'%s'" % m for m in modules), db=db)
    return dict(row.split("=") for row in rows.splitlines() if row)


def template_stamp():
    digest = hashlib.sha256()
    for name in ("requirements.txt", "constraints.txt"):
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


class Server:
    """An Odoo server in the background, for end-to-end tests."""

    def __init__(self, config, http_port=HTTP_PORT, logfile=None):
        self.config = config
        self.url = "http://127.0.0.1:%d" % http_port
        self.logfile = logfile or os.path.join(TEST_DIR, "server.log")
        self.proc = None

    def start(self, timeout=120):
        if os.path.exists(self.logfile):
            os.unlink(self.logfile)
        self.proc = subprocess.Popen(
            [PYTHON, ODOO_BIN, "-c", self.config, "--logfile", self.logfile],
            stdin=subprocess.DEVNULL, start_new_session=True)
        deadline = time.time() + timeout
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError("Odoo exited with %s; see %s"
                                   % (self.proc.returncode, self.logfile))
            try:
                if requests.get(self.url + "/web/login", timeout=5).status_code == 200:
                    return self
            except requests.RequestException:
                pass
            time.sleep(0.5)
        self.stop()
        raise RuntimeError("Odoo did not answer on %s within %ss" % (self.url, timeout))

    def stop(self):
        if self.proc and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()

    def log(self):
        with open(self.logfile, errors="replace") as handle:
            return handle.read()


@contextmanager
def server(config, **kwargs):
    instance = Server(config, **kwargs).start()
    try:
        yield instance
    finally:
        instance.stop()
