"""Lint: flake8 and pylint with pylint-odoo (OCA's 11.0 toolchain) must be clean."""
import os
import shutil
import subprocess

import harness

LINT_BIN = os.path.join(harness.ROOT, ".venv-lint", "bin")
MODULES = [os.path.join(harness.ROOT, m) for m in harness.OUR_MODULES]


def run(tool, *args):
    proc = subprocess.run([os.path.join(LINT_BIN, tool)] + list(args),
                          cwd=harness.ROOT, capture_output=True, text=True)
    return proc.returncode, proc.stdout + proc.stderr


def test_flake8():
    targets = MODULES + ["__manifest__.py", "__init__.py", "scripts", "tests"]
    code, output = run("flake8", *targets)
    assert code == 0 and not output.strip(), output


def test_flake8_sees_scripts_without_extension():
    code, output = run("flake8", "--select=E,W,F", "scripts/odoo-bin")
    assert code == 0 and not output.strip(), output


def test_pylint_odoo():
    code, output = run("pylint", "--rcfile=.pylintrc", *MODULES)
    assert code == 0, output


def test_pylint_odoo_on_the_suite_manifest(tmp_path):
    # The repository root is the suite module: lint a copy of its two files,
    # pylint would otherwise walk the whole checkout (virtualenvs included).
    suite = tmp_path / harness.SUITE
    suite.mkdir()
    for name in ("__init__.py", "__manifest__.py", "README.rst"):
        shutil.copy(os.path.join(harness.ROOT, name), str(suite / name))
    code, output = run("pylint", "--rcfile=.pylintrc", str(suite))
    assert code == 0, output
