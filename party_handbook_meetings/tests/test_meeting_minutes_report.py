# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import re

from odoo import SUPERUSER_ID
from odoo.exceptions import AccessError, UserError
from odoo.tools import mute_logger

from .report_common import MeetingReportCase


class TestMinutesReport(MeetingReportCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.report = cls.env.ref(
            "party_handbook_meetings.action_report_meeting_minutes")

    def _html(self, user, meeting):
        html, __ = self.report.sudo(user).render_qweb_html(meeting.ids)
        return html.decode()

    def test_flow_left_the_expected_states(self):
        self.assertEqual(self.regular.state, "approved")
        self.assertEqual((self.regular.expected_count, self.regular.present_count),
                         (5, 4))
        self.assertEqual(self.regular.motion_ids.mapped("result"),
                         ["passed", "rejected"])
        self.assertEqual(self.thematic.state, "closed")
        self.assertFalse(self.b1_regular.quorum_met)

    def test_minutes_in_the_administrative_layout(self):
        html = self._html(self.secretary_user, self.regular)
        day = "05/%02d/%s" % (self.month.month, self.month.year)
        for text in (
                "COMMUNIST PARTY OF VIETNAM", "COMMUNE A", "CELL A1",
                "Huế, %s" % day, "MINUTES", "Cell meeting: Regular monthly",
                "Sinh hoạt chi bộ thường kỳ", "from 07:30 to 10:00",
                "Hội trường thôn", "Trần Thị Bình", "Đỗ Thị Giang",
                # the prefilled minutes: agenda, votes
                "Quán triệt Nghị quyết Đại hội", "Kết nạp quần chúng ưu tú",
                "Đề nghị khen thưởng",
                "The meeting ended at 10:00", "MINUTES SECRETARY", "CHAIR",
                "Minutes approved by"):
            self.assertIn(text, html)
        # the heading comes before the title, the body before the signatures
        self.assertLess(html.index("COMMUNIST PARTY OF VIETNAM"), html.index("MINUTES"))
        self.assertLess(html.index("Kết nạp quần chúng ưu tú"),
                        html.index("MINUTES SECRETARY"))
        # attendance figures: 5 summoned, 4 present, 1 absent without reason,
        # 4 counted members of whom 3 vote
        table = html.split("o_party_minutes_attendance")[1].split("</table>")[0]
        self.assertEqual(re.findall(r"<td[^>]*>\s*(\d+)\s*</td>", table),
                         ["5", "4", "0", "1", "0", "4", "3"])
        self.assertNotIn("o_party_watermark", html)
        self.assertNotIn("DRAFT", html)

    def test_minutes_not_approved_are_marked_draft(self):
        html = self._html(self.secretary_user, self.thematic)
        self.assertIn("o_party_watermark", html)
        self.assertIn("DRAFT: these minutes are not approved by the chair yet.", html)
        self.assertIn("Cell meeting: Thematic", html)
        self.assertNotIn("Minutes approved by", html)

    def test_minutes_approved_by_a_step_of_the_system_name_no_comrade(self):
        self.thematic.action_approve_minutes()  # as the superuser
        self.assertEqual(self.thematic.minutes_approved_by.id, SUPERUSER_ID)
        html = self._html(self.secretary_user, self.thematic)
        self.assertIn("(recorded by the handbook&#39;s system)", html.replace(
            "&#x27;", "&#39;").replace("'", "&#39;"))
        self.assertNotIn("Minutes approved by", html)

    def test_place_falls_back_to_a_plain_date(self):
        self.env["ir.config_parameter"].set_param("party_handbook.place_name", "")
        self.env.user.company_id.city = False
        html = self._html(self.secretary_user, self.regular)
        self.assertIn("Date: 05/%02d/%s" % (self.month.month, self.month.year), html)

    def test_print_button_and_menu(self):
        self.assertEqual(self.report.binding_model_id.model, "party.meeting")
        self.assertEqual(self.report.paperformat_id,
                         self.env.ref("party_handbook.paperformat_a4_portrait"))
        action = self.regular.sudo(self.secretary_user).action_print_minutes()
        self.assertEqual(action["report_name"],
                         "party_handbook_meetings.report_meeting_minutes")
        self.assertEqual(action["context"]["active_ids"], self.regular.ids)

    def test_member_reads_the_approved_minutes_of_their_cell(self):
        meeting = self.regular.sudo(self.member_user)
        meeting._check_minutes_access()
        content = meeting._minutes_pdf()  # HTML under the test runner
        self.assertIsInstance(content, bytes)
        self.assertIn("Quán triệt Nghị quyết Đại hội", content.decode())
        self.assertIn("Trần Thị Bình", self._html(self.member_user, self.regular))

    @mute_logger("odoo.addons.base.ir.ir_rule", "odoo.models")
    def test_member_denied_other_cells_and_unapproved_minutes(self):
        for meeting in (self.thematic, self.b1_regular):
            with self.assertRaises(AccessError):
                meeting.sudo(self.member_user)._check_minutes_access()
            with self.assertRaises(AccessError):
                self._html(self.member_user, meeting)
            with self.assertRaises(AccessError):
                meeting.sudo(self.member_user)._minutes_pdf()
        with self.assertRaises(AccessError):
            self.thematic.sudo(self.member_user).action_print_minutes()

    def test_members_read_the_minutes_fields_only_once_approved(self):
        self.assertEqual(self.thematic.organization_id, self.cell_a1)
        self.assertTrue(self.thematic.minutes)
        draft = self.thematic.sudo(self.member_user).read(
            ["name", "minutes", "conclusion"])[0]
        self.assertEqual(draft["name"], self.thematic.name)
        self.assertFalse(draft["minutes"])
        self.thematic.invalidate_cache()  # as in a new request
        self.assertFalse(self.thematic.sudo(self.member_user).minutes)
        approved = self.regular.sudo(self.member_user).read(["minutes"])[0]
        self.assertEqual(approved["minutes"], self.regular.minutes)
        # the book keepers read drafts
        self.assertEqual(self.thematic.sudo(self.secretary_user).minutes,
                         self.thematic.minutes)

    def test_no_minutes_before_the_meeting_closes(self):
        draft = self.env["party.meeting"].create(self._meeting_vals(
            self.cell_a1, "extraordinary", "Họp bất thường", 20))
        with self.assertRaises(UserError):
            draft.sudo(self.secretary_user)._check_minutes_access()
        # a member does not even see a meeting before it is announced
        with self.assertRaises(AccessError):
            draft.sudo(self.member_user)._check_minutes_access()

    @mute_logger("odoo.addons.base.ir.ir_rule", "odoo.models")
    def test_supervisor_reads_drafts_of_their_cells_only(self):
        # B1 is followed by the supervisor: its closed minutes, not approved
        html = self._html(self.supervisor_user, self.b1_regular)
        self.assertIn("o_party_watermark", html)
        self.assertIn("not met", html)
        with self.assertRaises(AccessError):
            self._html(self.supervisor_user, self.regular)
