# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What the database shows (rules' sources, views, help texts, mail
templates, data classification, documents) cites the rules in force: QĐ 294
(not QĐ 24 or 232), QĐ 01 on fees (not 342), QĐ 366 on ratings (not 124),
unless it says the mention is historical (issue #16 §6; the repository's
files are checked by tests/test_rule_numbers.py)."""
import re

from psycopg2 import sql

from odoo.tests.common import TransactionCase

CITATION = re.compile(
    r"(?:\b(?:QĐ|QD|Quy\s+định|Quyết\s+định|Regulation|Decision)\s*"
    r"(?:số\s*|No\.?\s*)?(?:24|232|342|124)\b(?!-NQ|-HD|/)"
    r"|\b(?:24|232|342|124)-Q[ĐD](?:/TW)?\b)", re.IGNORECASE)
HISTORICAL = re.compile(
    r"kept by|replac|thay thế|historical|(?:294|366|01)-Q[ĐD]|QĐ (?:294|366|01)\b",
    re.IGNORECASE)
# (table, columns): what users read
SOURCES = [
    ("party_rule", ("name", "source", "source_detail", "note")),
    ("party_data_field", ("purpose", "legal_basis", "source")),
    ("ir_ui_view", ("arch_db",)),
    ("ir_act_window", ("help",)),
    ("mail_template", ("subject", "body_html")),
    ("party_document", ("name", "content")),
    ("ir_translation", ("value",)),
]


class TestRuleNumbers(TransactionCase):

    def outdated(self, text):
        return [match.group(0) for match in CITATION.finditer(text or "")
                if not HISTORICAL.search(text[max(0, match.start() - 200):
                                              match.end() + 200])]

    def test_the_check_itself(self):
        self.assertTrue(self.outdated("Theo Quy định 24-QĐ/TW ..."))
        self.assertTrue(self.outdated("Đảng phí theo Quyết định 342"))
        self.assertFalse(self.outdated("QĐ 24 §9.3, kept by QĐ 294"))
        self.assertFalse(self.outdated("Nghị quyết số 24-NQ/CB"))

    def test_texts_in_the_database_cite_the_rules_in_force(self):
        cr = self.env.cr
        found = []
        for table, columns in SOURCES:
            cr.execute("SELECT 1 FROM information_schema.tables "
                       "WHERE table_name = %s", (table,))
            if not cr.fetchone():
                continue
            for column in columns:
                cr.execute("SELECT 1 FROM information_schema.columns WHERE "
                           "table_name = %s AND column_name = %s",
                           (table, column))
                if not cr.fetchone():
                    continue
                # one query per column; the regex in Python decides
                cr.execute(sql.SQL(
                    "SELECT id, {col}::text FROM {table} WHERE {col}::text ~* %s"
                ).format(col=sql.Identifier(column), table=sql.Identifier(table)),
                           (r"(24|232|342|124)",))
                for row_id, text in cr.fetchall():
                    found += ["%s.%s #%s: %s" % (table, column, row_id, hit)
                              for hit in self.outdated(text)]
        self.assertFalse(found, "\n".join(found))
