# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Quality of the library search on labelled Vietnamese questions (issue
#17), asked by a member, with or without diacritics, with typos: the right
document in the first 3 results for at least 90% of the questions (the
issue's measure), and the right article (stricter) for at least the share
measured when the test was written. Two sets: the first one, and a held-out
one written afterwards without seeing the search. The figures are logged
for the notes."""
import logging
import os

import yaml

from odoo.modules.module import get_module_resource
from odoo.tools import convert_file

from .common import PartyCase

_logger = logging.getLogger(__name__)
DATA = os.path.join(os.path.dirname(__file__), "data")
# written with the demo texts in view; the synonyms were then added from
# its misses
QUESTIONS = os.path.join(DATA, "library_questions.yaml")
# written afterwards by another hand, without seeing the search, the first
# set or the synonyms: the honest figure
HELDOUT = os.path.join(DATA, "library_questions_heldout.yaml")
TOP = 3
REQUIRED_DOCUMENT = 0.90
# the right article, measured when written (2026-11-30): first set 0.943,
# held-out 0.842; a change of the ranking must not fall below
REQUIRED_ARTICLE = {"library_questions.yaml": 0.92,
                    "library_questions_heldout.yaml": 0.82}


class TestLibraryQuality(PartyCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        if not cls.env.ref("party_handbook.library_text_statute",
                           raise_if_not_found=False):
            # a database without demo data: load the demo library here
            path = get_module_resource("party_handbook", "demo",
                                       "party_library_demo.xml")
            convert_file(cls.env.cr, "party_handbook", path, {}, mode="init",
                         noupdate=True, kind="demo")

    @staticmethod
    def key(section):
        text = section.text_id
        return (text.number or text.name, section.code)

    def measure(self, path):
        with open(path, encoding="utf-8") as handle:
            questions = yaml.safe_load(handle)
        Section = self.env["party.library.section"]
        library = self.env["party.library"].sudo(self.member_user)
        found, found_text, first, reciprocal, misses = 0, 0, 0, 0.0, []
        for item in questions:
            expected = {(e["text"], e["code"]) for e in item["expect"]}
            results = library.search_library(item["q"], limit=TOP)
            keys = [self.key(Section.browse(r["id"])) if r["kind"] == "article"
                    else ("document", r["id"]) for r in results]
            ranks = [i for i, key in enumerate(keys) if key in expected]
            if {text for text, _code in keys} & {
                    text for text, _code in expected}:
                found_text += 1
            if ranks:
                found += 1
                first += ranks[0] == 0
                reciprocal += 1.0 / (ranks[0] + 1)
            else:
                misses.append("%s -> %s" % (item["q"], keys))
        total = len(questions)
        name = os.path.basename(path)
        _logger.info(
            "library quality %s: %s questions; right document in top %s: %s "
            "(%.1f%%); right article in top %s: %s (%.1f%%), first: %s "
            "(%.1f%%), MRR@3 %.3f", name, total, TOP, found_text,
            100.0 * found_text / total, TOP, found, 100.0 * found / total,
            first, 100.0 * first / total, reciprocal / total)
        for miss in misses:
            _logger.info("library quality %s: missed %s", name, miss)
        return total, found_text / total, found / total, misses

    def check(self, path, minimum):
        total, documents, articles, misses = self.measure(path)
        self.assertGreaterEqual(total, minimum)
        self.assertGreaterEqual(documents, REQUIRED_DOCUMENT,
                                "\n".join(misses))
        self.assertGreaterEqual(
            articles, REQUIRED_ARTICLE[os.path.basename(path)],
            "\n".join(misses))

    def test_first_set(self):
        self.check(QUESTIONS, 60)

    def test_held_out_set(self):
        self.check(HELDOUT, 50)
