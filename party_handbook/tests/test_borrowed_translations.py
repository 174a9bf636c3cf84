# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The app drawer of web_responsive speaks Vietnamese (its terms are
loaded from party_handbook/i18n_extra)."""
from odoo.tests.common import TransactionCase


class TestBorrowedTranslations(TransactionCase):

    def test_web_responsive_terms_load_in_vietnamese(self):
        Translation = self.env["ir.translation"]
        Translation.load_module_terms(["web_responsive"], ["vi_VN"])
        terms = dict(Translation.search([
            ("module", "=", "web_responsive"), ("lang", "=", "vi_VN"),
            ("src", "in", ("Apps", "No Search Supplied.", "Chatter Position")),
        ]).mapped(lambda t: (t.src, t.value)))
        self.assertEqual(terms, {
            "Apps": "Ứng dụng",
            "No Search Supplied.": "Chưa nhập nội dung tìm kiếm.",
            "Chatter Position": "Vị trí trao đổi"})
        # the drawer as a Vietnamese officer gets it
        arch = self.env.ref("web_responsive.menu").with_context(
            lang="vi_VN").arch_db
        self.assertIn("Ứng dụng", arch)
        self.assertNotIn("No Search Supplied.", arch)
