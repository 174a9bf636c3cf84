"""Every user-facing string is translatable and translated into Vietnamese.

The .pot is exported afresh from the test database (so a string added to the
code or views and not yet in the template fails here), then gettext checks
that vi.po translates every message, with matching placeholders."""
import os
import subprocess

import pytest

import harness


@pytest.fixture(scope="module")
def fresh_templates(odoo_db, odoo_config, tmp_path_factory):
    out = tmp_path_factory.mktemp("i18n")
    templates = {}
    for module in harness.OUR_MODULES:
        path = str(out / ("%s.po" % module))
        code, log = harness.odoo(
            odoo_config, "-d", odoo_db, "--i18n-export=%s" % path,
            "--modules=%s" % module, "--stop-after-init", "--log-level=warn",
            logfile=str(out / ("%s.log" % module)))
        assert code == 0, log
        templates[module] = path
    return templates


def gettext(*args):
    proc = subprocess.run(list(args), capture_output=True, text=True)
    return proc.returncode, proc.stdout + proc.stderr


@pytest.mark.parametrize("module", harness.OUR_MODULES)
def test_vietnamese_translation_is_complete(module, fresh_templates):
    vi = os.path.join(harness.ROOT, module, "i18n", "vi.po")
    code, output = gettext("msgcmp", vi, fresh_templates[module])
    assert code == 0, "untranslated or missing in %s:\n%s" % (vi, output)


@pytest.mark.parametrize("module", harness.OUR_MODULES)
def test_vietnamese_translation_is_valid(module):
    vi = os.path.join(harness.ROOT, module, "i18n", "vi.po")
    code, output = gettext("msgfmt", "--check", "-o", os.devnull, vi)
    assert code == 0, output


@pytest.mark.parametrize("module", harness.OUR_MODULES)
def test_committed_template_is_up_to_date(module, fresh_templates):
    pot = os.path.join(harness.ROOT, module, "i18n", "%s.pot" % module)
    for a, b in ((pot, fresh_templates[module]), (fresh_templates[module], pot)):
        code, output = gettext("msgcmp", "--use-untranslated", a, b)
        assert code == 0, "run scripts/i18n.sh: %s" % output
