"""Repository-level test session: Odoo's own module tests, end-to-end tests
against a real server, a real browser, and lint, all reported by pytest.

Environment:
  PH_TEST_MODULES  modules installed with --test-enable (default: the suite)
  PH_TEST_DB       the test database's name (default ph_test)
  TEST_HTTP_PORT   the HTTP port of the Odoo processes that serve HTTP
                   (default: a free port each time; a requested port that is
                   taken fails at once)
  PH_FAKE_DATE     run the Odoo processes on a fake clock from that day
                   (2027-01-31, at 10:00 UTC) or moment (2027-01-31 23:30,
                   UTC): see harness.py and docs/TESTING.md
"""
import os
import time

import pytest

import harness

TEST_CONFIG = os.path.join(harness.TEST_DIR, "odoo.conf")
_module_run = {}


def test_config():
    if "config" not in _module_run:
        _module_run["config"] = harness.write_config(TEST_CONFIG, harness.TEST_DB)
    return _module_run["config"]


def module_test_run():
    """Install our modules with --test-enable once per pytest session."""
    if "result" not in _module_run:
        modules = os.environ.get(
            "PH_TEST_MODULES", ",".join(harness.OUR_MODULES + [harness.SUITE]))
        modules = [m.strip() for m in modules.split(",") if m.strip()]
        expected = [m for m in harness.modules_with_tests() if m in modules]
        started = time.time()
        result = harness.run_module_tests(
            test_config(), harness.TEST_DB, modules, expected)
        result.seconds = time.time() - started
        result.modules = modules
        _module_run["result"] = result
    return _module_run["result"]


def pytest_generate_tests(metafunc):
    if "odoo_case" in metafunc.fixturenames:
        run = module_test_run()
        metafunc.parametrize("odoo_case", run.cases, ids=[c.id for c in run.cases])


@pytest.fixture(scope="session")
def module_run():
    return module_test_run()


@pytest.fixture(scope="session")
def odoo_config():
    return test_config()


@pytest.fixture(scope="session")
def odoo_db(odoo_config):
    """The test database with the whole suite installed, with demo data."""
    if "result" in _module_run:
        return harness.TEST_DB
    harness.clone_db(harness.ensure_template(odoo_config), harness.TEST_DB)
    code, log = harness.odoo(
        odoo_config, "-d", harness.TEST_DB, "-i", harness.SUITE,
        "--stop-after-init", logfile=os.path.join(harness.TEST_DIR, "install.log"))
    states = harness.installed_states(harness.TEST_DB, harness.OUR_MODULES)
    assert code == 0 and all(s == "installed" for s in states.values()), \
        "installing the suite failed (%s, %s): see install.log" % (code, states)
    return harness.TEST_DB


@pytest.fixture(scope="session")
def odoo_server(odoo_db, odoo_config):
    with harness.server(odoo_config) as server:
        server.db = odoo_db
        yield server


@pytest.fixture(scope="session")
def artifacts():
    os.makedirs(harness.ARTIFACTS, exist_ok=True)
    return harness.ARTIFACTS


def pytest_report_header(config):
    return "Odoo clock: %s" % harness.clock_description()


def pytest_terminal_summary(terminalreporter):
    started = os.environ.get("PH_TEST_STARTED")
    if harness.FAKE_START:
        terminalreporter.write_line("Odoo clock: %s" % harness.clock_description())
    run = _module_run.get("result")
    if run is not None:
        terminalreporter.write_line("Odoo module tests (%s): %s in %.0fs" % (
            ",".join(run.modules), run.summary(), run.seconds))
    if started:
        terminalreporter.write_line(
            "make test wall time: %.0fs (setup included)"
            % (time.time() - int(started)))
