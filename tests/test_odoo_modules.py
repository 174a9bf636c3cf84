"""The modules' own Odoo tests, run by Odoo 11's runner and reported one by one.

Each Odoo test becomes one pytest test; the health check fails the run on
anything Odoo's exit code alone would hide (see odoo_log.py).
"""
import pytest


def test_odoo_case(odoo_case):
    if odoo_case.status == "skipped":
        pytest.skip(odoo_case.detail or "skipped by Odoo")
    assert odoo_case.status == "passed", "%s %s:\n%s" % (
        odoo_case.id, odoo_case.status, odoo_case.detail)


def test_odoo_run_is_healthy(module_run):
    print("Odoo module tests: %s in %.0fs" % (module_run.summary(), module_run.seconds))
    assert not module_run.problems, "\n".join(module_run.problems)
    assert module_run.cases, "no Odoo test ran"
