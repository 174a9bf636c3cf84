"""The test runner cannot be fooled: each failure Odoo 11 hides makes it fail.

Two parts: the log parser on sample logs, and real Odoo runs on throwaway
addons (a failing test, a tests package that does not import, a module with
no tests, a broken view) in a temporary addons directory.
"""
import os
import textwrap

import pytest

import harness
import odoo_log

PREFIX = "2026-01-01 00:00:00,000 1 %s db %s: %s"


def line(level, logger, msg):
    return PREFIX % (level, logger, msg)


TEST_LOGGER = "odoo.addons.mod.tests.test_a"
CLS = TEST_LOGGER + ".TestA"


def passing_log():
    return "\n".join([
        line("INFO", "odoo.modules.module", TEST_LOGGER + " running tests."),
        line("INFO", TEST_LOGGER, "test_one (%s)" % CLS),
        line("INFO", TEST_LOGGER, "test_two (%s)" % CLS),
        line("INFO", TEST_LOGGER, "` A docstring line"),
        line("INFO", TEST_LOGGER, "test_three (%s)" % CLS),
        line("INFO", TEST_LOGGER, "skipped 'not today'"),
        line("INFO", TEST_LOGGER, "Ran 3 tests in 0.01s"),
        line("INFO", TEST_LOGGER, "OK"),
    ])


def test_parser_reads_a_passing_run():
    result = odoo_log.parse(passing_log(), 0, expected_modules=["mod"])
    assert result.ok, result.problems
    assert [(c.name, c.status) for c in result.cases] == [
        ("test_one", "passed"), ("test_two", "passed"), ("test_three", "skipped")]
    assert result.summary() == "2 passed, 0 failed, 1 skipped"


def test_parser_reports_failures_and_errors():
    log = "\n".join([
        line("INFO", TEST_LOGGER, "test_one (%s)" % CLS),
        line("ERROR", TEST_LOGGER, "FAIL"),
        line("INFO", TEST_LOGGER, "test_two (%s)" % CLS),
        line("ERROR", TEST_LOGGER, "ERROR"),
        line("INFO", TEST_LOGGER, "=" * 70),
        line("ERROR", TEST_LOGGER, "FAIL: test_one (%s)" % CLS),
        line("ERROR", TEST_LOGGER, "Traceback (most recent call last):"),
        line("ERROR", TEST_LOGGER, "` AssertionError: 1 != 2"),
        line("ERROR", TEST_LOGGER, "ERROR: test_two (%s)" % CLS),
        line("ERROR", TEST_LOGGER, "Traceback (most recent call last):"),
        line("ERROR", TEST_LOGGER, "` KeyError: 'x'"),
        line("INFO", TEST_LOGGER, "Ran 2 tests in 0.01s"),
        line("ERROR", "odoo.modules.module", "Module mod: 1 failures, 1 errors"),
    ])
    result = odoo_log.parse(log, 1)
    assert not result.ok
    assert {c.name: c.status for c in result.cases} == {
        "test_one": "failed", "test_two": "error"}
    assert "AssertionError: 1 != 2" in result.cases[0].detail
    assert result.problems == ["Odoo exited with status 1"]


def test_parser_reports_a_fixture_failure():
    log = "\n".join([
        line("ERROR", TEST_LOGGER, "ERROR"),
        line("ERROR", TEST_LOGGER, "ERROR: setUpClass (%s)" % CLS),
        line("ERROR", TEST_LOGGER, "Traceback (most recent call last):"),
        line("INFO", TEST_LOGGER, "Ran 0 tests in 0.01s"),
    ])
    result = odoo_log.parse(log, 0)
    assert [(c.name, c.status) for c in result.cases] == [("setUpClass", "error")]
    assert not result.ok


@pytest.mark.parametrize("bad_line, problem", [
    (line("ERROR", "odoo.modules.module", "Can not `import mod`."),
     "test import failure"),
    (line("CRITICAL", "odoo.service.server", "Failed to initialize database"),
     "CRITICAL"),
    (line("ERROR", "odoo.modules.registry", "Failed to load registry"),
     "loading error"),
    (line("WARNING", "odoo.modules.loading",
          "The model party.x has no access rules, consider adding one."),
     "defect warning"),
])
def test_parser_reports_hidden_failures_even_when_odoo_exits_0(bad_line, problem):
    result = odoo_log.parse(passing_log() + "\n" + bad_line, 0)
    assert not result.ok
    assert any(p.startswith(problem) for p in result.problems), result.problems


def test_parser_reports_zero_tests_and_wrong_counts():
    result = odoo_log.parse(passing_log(), 0, expected_modules=["mod", "other"])
    assert result.problems == ["module other: no test ran"]
    lying = passing_log().replace("Ran 3 tests", "Ran 4 tests")
    result = odoo_log.parse(lying, 0)
    assert any("ran 4 tests but the log describes 3" in p for p in result.problems)


def test_parser_ignores_harmless_error_lines():
    harmless = line("ERROR", "odoo.http", "Exception during JSON request handling.")
    result = odoo_log.parse(passing_log() + "\n" + harmless, 0)
    assert result.ok, result.problems


# --- real Odoo runs on throwaway addons --------------------------------------

MANIFEST = """{"name": "%s", "version": "11.0.1.0.0", "license": "LGPL-3",
 "author": "Party Handbook Developers", "depends": ["base"], "data": %r}"""

PASSING_TEST = """
from odoo.tests.common import TransactionCase


class TestOk(TransactionCase):
    def test_partner(self):
        self.assertTrue(self.env["res.partner"].search([], limit=1))
"""

FAILING_TEST = """
from odoo.tests.common import TransactionCase


class TestBad(TransactionCase):
    def test_fails(self):
        self.assertEqual(1, 2)

    def test_errors(self):
        raise KeyError("boom")
"""

BROKEN_VIEW = """<?xml version="1.0"?>
<odoo>
  <record id="view_broken" model="ir.ui.view">
    <field name="model">res.partner</field>
    <field name="arch" type="xml"><form><field name="no_such_field"/></form></field>
  </record>
</odoo>
"""


def make_addon(base, name, tests_init=None, tests=None, data=None):
    path = os.path.join(base, name)
    os.makedirs(path)
    files = {"__init__.py": "",
             "__manifest__.py": MANIFEST % (name, sorted(data or {}))}
    if tests_init is not None:
        files["tests/__init__.py"] = tests_init
    for filename, content in (tests or {}).items():
        files["tests/" + filename] = content
    for filename, content in (data or {}).items():
        files[filename] = content
    for filename, content in files.items():
        full = os.path.join(path, filename)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        with open(full, "w") as handle:
            handle.write(textwrap.dedent(content))


@pytest.fixture(scope="module")
def throwaway_addons(tmp_path_factory, odoo_config):
    base = str(tmp_path_factory.mktemp("addons"))
    make_addon(base, "selftest_pass", "from . import test_ok\n",
               {"test_ok.py": PASSING_TEST})
    make_addon(base, "selftest_fail", "from . import test_bad\n",
               {"test_bad.py": FAILING_TEST})
    make_addon(base, "selftest_import", "from . import test_missing\n")
    make_addon(base, "selftest_notests", "")
    make_addon(base, "selftest_view", data={"views.xml": BROKEN_VIEW})
    return base


@pytest.fixture(scope="module")
def addons_path(throwaway_addons, odoo_config):
    import configparser
    parser = configparser.RawConfigParser()
    parser.read(odoo_config)
    return parser.get("options", "addons_path") + "," + throwaway_addons


def test_real_run_catches_failing_tests_import_failures_and_empty_modules(
        odoo_config, addons_path):
    modules = ["selftest_pass", "selftest_fail", "selftest_import", "selftest_notests"]
    result = harness.run_module_tests(
        odoo_config, harness.TEST_DB + "_selftest", modules, expected=modules,
        addons_path=addons_path)
    statuses = {(c.module, c.name): c.status for c in result.cases}
    assert statuses == {
        ("selftest_pass", "test_partner"): "passed",
        ("selftest_fail", "test_fails"): "failed",
        ("selftest_fail", "test_errors"): "error",
    }
    assert not result.ok
    problems = "\n".join(result.problems)
    assert "Odoo exited with status 1" in problems
    assert "test import failure" in problems and "selftest_import" in problems
    assert "module selftest_import: no test ran" in problems
    assert "module selftest_notests: no test ran" in problems
    harness.drop_db(harness.TEST_DB + "_selftest")


def test_real_run_catches_a_module_that_does_not_install(odoo_config, addons_path):
    result = harness.run_module_tests(
        odoo_config, harness.TEST_DB + "_selftest", ["selftest_view"],
        addons_path=addons_path)
    assert not result.ok
    problems = "\n".join(result.problems)
    assert "module selftest_view is" in problems and "not installed" in problems
    assert "Odoo exited with status" in problems
    harness.drop_db(harness.TEST_DB + "_selftest")
