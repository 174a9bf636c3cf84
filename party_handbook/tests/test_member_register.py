# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import xlrd

from odoo.exceptions import AccessError
from odoo.tools import mute_logger

from .report_common import RegisterCase


class TestMemberRegister(RegisterCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.an = cls._member(
            "Nguyễn Văn An", cls.cell_a1, "1985-05-19", date_of_birth="1958-03-12",
            gender="male", home_town="Phú Vang", ethnicity="Kinh",
            religion="Không", card_number="RT-001", record_number="L-001",
            political_theory_level="intermediate", occupation="Hưu trí")
        cls.binh = cls._member(
            "Trần Thị Bình", cls.cell_a1, "2026-02-03", state="probationary",
            gender="female", ethnicity="Tày", religion="Phật giáo")
        cls.cuong = cls._member("Hồ Văn Cường", cls.cell_a2, "1965-09-02")
        cls.cuong.action_exempt(date="2026-01-10")
        cls.dung = cls._member("Lê Văn Dũng", cls.cell_a2, "1990-01-01")
        cls.dung.action_leave("resigned", date="2026-03-01")
        cls.em = cls._member("Phan Thị Em", cls.cell_a2, "1999-01-01")
        cls.em.action_transfer_temporary(cls.cell_b1, date="2026-10-01")
        cls.other = cls._member("Võ Văn Khác", cls.cell_b1, "2001-01-01")
        cls.report = cls.env.ref("party_handbook.action_report_member_register")

    def _html(self, user, organization):
        html, __ = self.report.sudo(user).render_qweb_html(organization.ids)
        return html.decode()

    def test_register_lists_the_subtree_by_cell(self):
        html = self._html(self.secretary, self.commune_a)
        for text in ("Nguyễn Văn An", "Trần Thị Bình", "Hồ Văn Cường",
                     "Phan Thị Em", "Chi bộ Khu vực 1", "Chi bộ Khu vực 2",
                     "Tày", "Phật giáo", "RT-001", "L-001", "Intermediate",
                     "Probationary until", "Temporarily attached to Chi bộ Thôn 1",
                     "Prepared by", "On behalf of the committee",
                     self.commune_a.complete_name):
            self.assertIn(text, html)
        # another subtree, and members who left, are not listed
        self.assertNotIn("Võ Văn Khác", html)
        self.assertNotIn("Lê Văn Dũng", html)
        # cells in tree order, names sorted within a cell
        self.assertLess(html.index("Chi bộ Khu vực 1"), html.index("Chi bộ Khu vực 2"))
        self.assertLess(html.index("Nguyễn Văn An"), html.index("Trần Thị Bình"))

    def test_register_totals(self):
        data = self.commune_a.sudo(self.secretary)._register_data()
        self.assertEqual(data["totals"],
                         {"official": 2, "probationary": 1, "exempted": 1})
        self.assertEqual(data["total"], 4)
        self.assertEqual([g["cell"] for g in data["groups"]],
                         [self.cell_a1, self.cell_a2])
        self.assertEqual([r["sequence"] for g in data["groups"] for r in g["rows"]],
                         [1, 2, 3, 4])

    def test_register_uses_the_users_rights(self):
        """A cell secretary printing the commune sees only their cell."""
        html = self._html(self.cell_secretary, self.commune_a)
        self.assertIn("Nguyễn Văn An", html)
        self.assertNotIn("Hồ Văn Cường", html)

    @mute_logger("odoo.models", "odoo.addons.base.ir.ir_model")
    def test_member_cannot_print(self):
        with self.assertRaises(AccessError):
            self._html(self.member_user, self.cell_a1)
        with self.assertRaises(AccessError):
            self.cell_a1.sudo(self.member_user)._register_xlsx()
        with self.assertRaises(AccessError):
            self.cell_a1.sudo(self.member_user).action_register_xlsx()

    def test_report_action_is_restricted(self):
        self.assertEqual(
            self.report.groups_id,
            self.env.ref("party_handbook.group_party_handbook_cell_secretary"))
        self.assertEqual(self.report.paperformat_id.orientation, "Landscape")
        self.assertEqual(self.report.binding_model_id.model, "party.organization")

    def test_xlsx(self):
        organization = self.commune_a.sudo(self.secretary)
        action = organization.action_register_xlsx()
        self.assertEqual(action["url"], "/party_handbook/register/%d/xlsx"
                         % self.commune_a.id)
        book = xlrd.open_workbook(file_contents=organization._register_xlsx())
        sheet = book.sheet_by_index(0)
        header = sheet.row_values(4)
        self.assertEqual(header[:3], ["No.", "Full name", "Date of birth"])
        self.assertEqual(header[-1], "Notes")
        self.assertEqual(sheet.cell_value(1, 0), self.commune_a.complete_name)
        names = sheet.col_values(1)
        for name in ("Nguyễn Văn An", "Trần Thị Bình", "Hồ Văn Cường", "Phan Thị Em"):
            self.assertIn(name, names)
        self.assertNotIn("Võ Văn Khác", names)
        self.assertIn(self.cell_a2.complete_name, sheet.col_values(0))
        row = names.index("Nguyễn Văn An")
        values = dict(zip(header, sheet.row_values(row)))
        self.assertEqual(values["Ethnicity"], "Kinh")
        self.assertEqual(values["Party card number"], "RT-001")
        birth = xlrd.xldate_as_tuple(values["Date of birth"], book.datemode)
        self.assertEqual(birth[:3], (1958, 3, 12))
        self.assertEqual(values["Status"], "Official")
        # totals under the table
        self.assertIn("Total", names)
        self.assertEqual(sheet.cell_value(names.index("Total"), 2), 4)

    def test_xlsx_filename_is_safe(self):
        self.commune_a.code = 'Đ "x";\r\n/..'
        filename = self.commune_a._register_filename("xlsx")
        self.assertEqual(
            filename, "Member register - %s.xlsx" % ("_" * 3 + "x" + "_" * 7))
