"""Every user-facing string is translatable and translated into Vietnamese.

The .pot is exported afresh from the test database (so a string added to the
code or views and not yet in the template fails here), then gettext checks
that vi.po translates every message, with matching placeholders."""
import ast
import os
import re
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


def read_po(path):
    """(msgid, msgstr, flags) of every entry of a .po file (no plural forms)."""
    entries, current, key, flags = [], {}, None, set()

    def unquote(text):
        return ast.literal_eval(text.strip())

    def flush():
        if "msgid" in current:
            entries.append((current["msgid"], current.get("msgstr", ""), set(flags)))
        current.clear()
        flags.clear()

    with open(path, encoding="utf-8") as po:
        for line in po:
            line = line.rstrip("\n")
            if line.startswith("#,"):
                flags.update(flag.strip() for flag in line[2:].split(","))
            elif line.startswith("msgid "):
                flush()
                key = "msgid"
                current[key] = unquote(line[6:])
            elif line.startswith("msgstr "):
                key = "msgstr"
                current[key] = unquote(line[7:])
            elif line.startswith('"') and key:
                current[key] += unquote(line)
    flush()
    return [entry for entry in entries if entry[0]]


# %s, %d, %(name)s, {} and {name}: what code substitutes into a message
PLACEHOLDER = re.compile(r"%\([A-Za-z0-9_]+\)[sdifr]|%[sdifr]|\{[A-Za-z0-9_]*\}")


@pytest.mark.parametrize("module", harness.OUR_MODULES)
def test_vietnamese_keeps_the_placeholders(module):
    """msgfmt --check only checks the entries flagged python-format: every
    translation must keep its source's placeholders, whatever its flags."""
    vi = os.path.join(harness.ROOT, module, "i18n", "vi.po")
    wrong = []
    for msgid, msgstr, _flags in read_po(vi):
        if sorted(PLACEHOLDER.findall(msgid)) != sorted(PLACEHOLDER.findall(msgstr)):
            wrong.append("%r -> %r" % (msgid[:80], msgstr[:80]))
    assert not wrong, "placeholders differ in %s:\n%s" % (vi, "\n".join(wrong))


@pytest.mark.parametrize("module", harness.OUR_MODULES)
def test_vietnamese_has_no_fuzzy_or_english_leftover(module):
    vi = os.path.join(harness.ROOT, module, "i18n", "vi.po")
    # the same in both languages: names, abbreviations, numbers
    same = {"Email", "ID", "II", "III", "IV", "XML-RPC / JSON-RPC", "2026-10",
            "Ngày chính thức.", "Ngày vào Đảng.", "Số lý lịch đảng viên."}
    wrong = []
    for msgid, msgstr, flags in read_po(vi):
        if "fuzzy" in flags:
            wrong.append("fuzzy: %r" % msgid[:80])
        elif msgstr == msgid and msgid not in same and re.search(
                "[A-Za-z]{3}", re.sub(r"%\(\w+\)[sd]", "", msgid)):
            wrong.append("not translated: %r" % msgid[:80])
        elif re.search(r"\bOdoo\b", msgstr):
            wrong.append("names Odoo: %r" % msgstr[:80])
    assert not wrong, "\n".join(wrong)
