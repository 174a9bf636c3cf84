"""Current rule numbers in the repository's texts (issue #16 §6).

The Party's implementing rules changed in 2025–2026 (../shared/REGULATIONS.md):
QĐ 294-QĐ/TW (26/5/2025) replaced QĐ 232 (20/1/2025), which replaced QĐ 24
(2021); QĐ 01-QĐ/TW (3/2/2026) replaced QĐ 342 (2010) on party fees;
QĐ 366-QĐ/TW (30/8/2025) replaced QĐ 124 on quality ratings. No text of the
product (code, views, data, demo, docs, README, translations) cites a
replaced rule as the one that applies; a historical mention stays when it
says so (kept by / replaced / thay thế / the current number beside it).
"""
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SUFFIXES = {".py", ".xml", ".csv", ".po", ".pot", ".md", ".rst", ".html",
            ".js", ".txt", ".json"}
FOLDERS = ("party_handbook", "party_handbook_meetings", "docs", "scripts",
           "tests")
FILES = ("README.md", "README.rst", "CHANGELOG.md", "SECURITY.md",
         "__manifest__.py")
# the replaced numbers, and what replaced them
REPLACED = {"24": "294", "232": "294", "342": "01", "124": "366"}
CITATION = re.compile(
    r"(?:\b(?:QĐ|QD|Quy\s+định|Quyết\s+định|Regulation|Decision)\s*"
    r"(?:số\s*|No\.?\s*)?(?P<a>24|232|342|124)\b(?!-NQ|-HD|/)"
    r"|\b(?P<b>24|232|342|124)-Q[ĐD](?:/TW)?\b)", re.IGNORECASE)
HISTORICAL = re.compile(
    r"kept by|replac|thay thế|historical|before 2025|(?:294|366|01)-Q[ĐD]"
    r"|QĐ (?:294|366|01)\b", re.IGNORECASE)
# inputs of the speech normalizer's tests: how a number is read aloud, not
# which rule applies
PRONUNCIATION_TESTS = {"tests/test_speech_normalizer.py"}
# the tests of this check, whose samples cite replaced rules on purpose
CHECKS = {"tests/test_rule_numbers.py",
          "party_handbook/tests/test_rule_numbers_data.py"}


def texts():
    paths = [ROOT / name for name in FILES if (ROOT / name).exists()]
    for folder in FOLDERS:
        paths += [path for path in (ROOT / folder).rglob("*")
                  if path.suffix in SUFFIXES and path.is_file()]
    for path in paths:
        relative = path.relative_to(ROOT).as_posix()
        if relative in PRONUNCIATION_TESTS or relative in CHECKS:
            continue
        yield relative, path.read_text(encoding="utf-8", errors="replace")


def outdated_citations(relative, text):
    """(file, line, text) of each citation of a replaced rule that neither
    its line nor its neighbours mark as historical."""
    lines = text.splitlines()
    found = []
    for index, line in enumerate(lines):
        for match in CITATION.finditer(line):
            context = " ".join(lines[max(0, index - 1):index + 2])
            if not HISTORICAL.search(context):
                found.append((relative, index + 1, line.strip()[:160]))
    return found


def test_replaced_rules_are_not_cited_as_current():
    found = []
    for relative, text in texts():
        found += outdated_citations(relative, text)
    assert not found, "\n".join("%s:%s: %s" % row for row in found)


def test_the_check_finds_an_outdated_citation_and_keeps_a_historical_one():
    assert outdated_citations("x", "Theo Quy định 24-QĐ/TW, chi bộ ...")
    assert outdated_citations("x", "Party fees (QĐ 342)")
    assert outdated_citations("x", "Rating per Quy định số 124")
    assert not outdated_citations(
        "x", "the counted base (QĐ 24 §9.3, kept by QĐ 294)")
    assert not outdated_citations(
        "x", "Quy định 01-QĐ/TW thay thế Quy định 342-QĐ/TW")
    assert not outdated_citations("x", "Nghị quyết chi bộ số 24-NQ/CB")
    assert set(REPLACED) == {"24", "232", "342", "124"}
