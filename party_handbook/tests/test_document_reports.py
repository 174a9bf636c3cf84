# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64
import io
from unittest.mock import patch

from PIL import Image

from odoo.exceptions import AccessError, UserError
from odoo.tools import mute_logger

from ..models.party_integrity import internal_write

from .report_common import RegisterCase


class TestDocumentSummary(RegisterCase):
    """city ─┬─ commune_a ─┬─ cell_a1: 3 members (2 acknowledged, 1 read)
             │             └─ cell_a2: 2 members (1 read)
             └─ commune_b (1 member of its own, acknowledged)
                           └─ cell_b1: 2 members (not read yet)
    sent to commune_a (with its sub-organizations), commune_b (alone) and
    cell_b1."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.a1 = [cls._member(name, cls.cell_a1, "2000-01-01")
                  for name in ("Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường")]
        cls.a2 = [cls._member(name, cls.cell_a2, "2000-01-01")
                  for name in ("Hồ Văn Dũng", "Phan Thị Em")]
        cls.b = cls._member("Võ Văn Giang", cls.commune_b, "2000-01-01")
        cls.b1 = [cls._member(name, cls.cell_b1, "2000-01-01")
                  for name in ("Đặng Thị Hoa", "Bùi Văn Khoa")]
        cls.document = cls.env["party.document"].create({
            "name": "Nghị quyết về chuyển đổi số",
            "document_type": "resolution",
            "issuing_organization_id": cls.city.id,
            "content": "<p>Nội dung <strong>nghị quyết</strong></p>",
            "target_ids": [
                (0, 0, {"organization_id": cls.commune_a.id, "include_subtree": True}),
                (0, 0, {"organization_id": cls.commune_b.id,
                        "include_subtree": False}),
                (0, 0, {"organization_id": cls.cell_b1.id, "include_subtree": True}),
            ],
        })
        cls.document.action_publish()
        # what the members did, recorded as the application records it
        # (receipts and feedback are written by the members' actions only)
        receipts = {r.member_id: r for r in cls.document.receipt_ids}
        for member in cls.a1[:2] + [cls.b]:
            with internal_write(receipts[member]):
                receipts[member].write({"state": "acknowledged"})
        for member in (cls.a1[2], cls.a2[0]):
            with internal_write(receipts[member]):
                receipts[member].write({"state": "read"})
        Feedback = cls.env["party.document.feedback"]
        for member, kind in ((cls.a1[0], "question"), (cls.a1[1], "question"),
                             (cls.b, "proposal")):
            with internal_write(Feedback):
                Feedback.create({"document_id": cls.document.id,
                                 "member_id": member.id, "kind": kind,
                                 "body": "Ý kiến của %s" % member.name})
        cls.report = cls.env.ref("party_handbook.action_report_document_summary")
        cls.Report = cls.env["report.party_handbook.report_document_summary"]

    def _html(self, user, document=None):
        html, __ = self.report.sudo(user).render_qweb_html(
            (document or self.document).ids)
        return html.decode()

    def test_rows_and_totals(self):
        rows = self.Report.sudo(self.secretary)._summary_rows(
            self.document.sudo(self.secretary))
        self.assertEqual(
            [(row["organization"], row["level"], row["received"], row["read"],
              row["acknowledged"]) for row in rows],
            [(self.commune_a, 0, 5, 4, 2),
             (self.cell_a1, 1, 3, 3, 2),
             (self.cell_a2, 1, 2, 1, 0),
             (self.commune_b, 0, 1, 1, 1),  # its own member, not cell_b1's
             (self.cell_b1, 0, 2, 0, 0)])
        self.assertAlmostEqual(rows[0]["rate"], 40.0)
        self.assertAlmostEqual(rows[1]["rate"], 200.0 / 3)
        totals = self.Report._totals(self.document)
        self.assertEqual(
            (totals["received"], totals["read"], totals["acknowledged"]),
            (8, 5, 3))
        self.assertAlmostEqual(totals["rate"], 37.5)
        feedback, total = self.Report._feedback_counts(self.document)
        self.assertEqual(feedback, [("Opinion", 0), ("Proposal", 1), ("Question", 2)])
        self.assertEqual(total, 3)

    def test_html_shows_document_and_numbers_with_one_count_query(self):
        Document = type(self.env["party.document"])
        original = Document._receipt_counts_by_organization
        calls = []

        def counting(document, organizations):
            calls.append(organizations)
            return original(document, organizations)

        with patch.object(Document, "_receipt_counts_by_organization", counting):
            html = self._html(self.secretary)
        self.assertEqual(len(calls), 1)
        for text in (self.city.complete_name, self.document.number,
                     "Nghị quyết về chuyển đổi số", "<strong>nghị quyết</strong>",
                     "Resolution", "Distribution and acknowledgement",
                     "Chi bộ Khu vực 1", "Chi bộ Khu vực 2", "Đảng ủy xã Hương Thủy",
                     "66.7 %", "40.0 %", "100.0 %", "37.5 %", "Feedback received",
                     "Question", "Proposal"):
            self.assertIn(text, html)
        self.assertLess(html.index("Chi bộ Khu vực 1"), html.index("Chi bộ Khu vực 2"))
        self.assertLess(html.index("Chi bộ Khu vực 2"), html.index("Chi bộ Thôn 1"))

    @mute_logger("odoo.models", "odoo.addons.base.ir.ir_model")
    def test_only_officers_print_published_documents(self):
        self.assertEqual(self.report.groups_id, self.env.ref(
            "party_handbook.group_party_handbook_officer"))
        self.assertEqual(self.report.paperformat_id.orientation, "Portrait")
        for user in (self.member_user, self.cell_secretary):
            with self.assertRaises(AccessError):
                self._html(user)
        draft = self.document.copy({
            "name": "Bản nháp", "issuing_organization_id": self.commune_a.id})
        with self.assertRaises(UserError):
            self._html(self.secretary, draft)


class TestMemberProfileSheet(RegisterCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.member = cls._member(
            "Nguyễn Thị Hương", cls.cell_a1, "2005-06-12",
            date_of_birth="1978-02-03", gender="female", home_town="Hương Trà",
            ethnicity="Kinh", religion="Phật giáo", national_id="046178000123",
            card_number="RT-777", political_theory_level="advanced",
            occupation="Giáo viên")
        values = {"member_id": cls.member.id}
        cls.env["party.member.work"].create(dict(
            values, date_from="2000-09-01", date_to="2010-08-31",
            employer="Trường THCS Hương Sơ", job="Giáo viên Ngữ văn"))
        cls.env["party.member.work"].create(dict(
            values, date_from="2010-09-01", employer="Phòng Giáo dục Huế",
            job="Chuyên viên"))
        cls.env["party.member.training"].create(dict(
            values, date_from="2012-01-01", date_to="2013-12-31",
            institution="Trường Chính trị tỉnh", subject="Lý luận chính trị",
            kind="political", degree="Cao cấp"))
        cls.env["party.member.position"].create(dict(
            values, date_from="2015-01-01", title="Phó bí thư chi bộ",
            body="Chi bộ Khu vực 1"))
        cls.env["party.member.reward"].create(dict(
            values, decision_number="KT-12", date="2020-05-19",
            issuing_body="Thành ủy Huế", form="commendation"))
        cls.env["party.member.discipline"].create(dict(
            values, decision_number="KL-3", date="2018-03-01",
            issuing_body="Đảng ủy phường", form="reprimand", reason="Vắng họp"))
        cls.env["party.member.rating"].create(dict(
            values, year=2025, rated_organization_id=cls.cell_a1.id))
        cls.member.action_exempt(date="2024-01-10", reason="Sức khỏe")
        cls.other = cls._member("Võ Văn Khác", cls.cell_b1, "2001-01-01")
        cls.report = cls.env.ref("party_handbook.action_report_member_profile")

    def _html(self, user, member=None):
        report = self.report.sudo(user) if user else self.report
        html, __ = report.render_qweb_html((member or self.member).ids)
        return html.decode()

    def test_photo_when_there_is_one(self):
        without = self._html(self.cell_secretary)
        self.assertIn("o_party_photo_empty", without)
        self.member.image = self._png()
        html = self._html(self.cell_secretary)
        self.assertNotIn("o_party_photo_empty", html)
        self.assertEqual(html.count("<img"), without.count("<img") + 1)

    @staticmethod
    def _png():
        output = io.BytesIO()
        Image.new("RGB", (30, 40), "red").save(output, "PNG")
        return base64.b64encode(output.getvalue())

    def test_profile_sheet_shows_every_section(self):
        self.member.image = self._png()
        html = self._html(self.cell_secretary)
        for text in (
                "PARTY MEMBER PROFILE", "Nguyễn Thị Hương", "Hương Trà",
                "Kinh", "Phật giáo", "046178000123", "RT-777", "Advanced",
                "Giáo viên", "Exempted from activities",
                # work history, training, positions, rewards
                "Trường THCS Hương Sơ", "Giáo viên Ngữ văn", "Phòng Giáo dục Huế",
                "Trường Chính trị tỉnh", "Lý luận chính trị", "Cao cấp",
                "Phó bí thư chi bộ", "KT-12", "Commendation (bằng khen)",
                # sensitive sections, for cell secretaries
                "Discipline", "KL-3", "Reprimand (khiển trách)", "Vắng họp",
                "Annual quality ratings", "2025",
                # status history
                "Status history", "Registration of an existing member",
                "Certified by the cell committee"):
            self.assertIn(text, html)
        self.assertNotIn("o_party_photo_empty", html)  # photo added in the test
        # work history in date order
        self.assertLess(html.index("Trường THCS Hương Sơ"),
                        html.index("Phòng Giáo dục Huế"))
        self.assertNotIn("None recorded.", html)

    def test_empty_sections_say_so(self):
        html = self._html(None, self.other)  # a city officer
        self.assertIn("Võ Văn Khác", html)
        self.assertIn("None recorded.", html)

    @mute_logger("odoo.models", "odoo.addons.base.ir.ir_model")
    def test_members_and_outsiders_cannot_print(self):
        self.assertEqual(self.report.groups_id, self.env.ref(
            "party_handbook.group_party_handbook_cell_secretary"))
        with self.assertRaises(AccessError):
            self._html(self.member_user)
        # a cell secretary prints the members of their own subtree only
        with self.assertRaises(AccessError):
            self._html(self.cell_secretary, self.other)
