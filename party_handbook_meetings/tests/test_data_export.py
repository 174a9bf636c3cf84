# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Exports of a member's logged fields through a meeting's relations
(attendance lines, chair) need the export group and are logged."""
from odoo.exceptions import AccessError
from odoo.tools import mute_logger

from .common import MeetingCase


class TestMeetingsDataExport(MeetingCase):

    def export_rows(self):
        return self.env["party.data.access.log"].sudo().search(
            [("operation", "=", "export")], order="id")

    @mute_logger("odoo.addons.base.ir.ir_model", "odoo.models")
    def test_export_through_meetings_needs_the_group_and_is_logged(self):
        self.a1_official.write({"national_id": "046080000001",
                                "religion": "Phật giáo"})
        meeting = self.new_meeting()
        meeting.action_announce()
        self.env.cr.execute("DELETE FROM party_data_access_log")
        lines = self.env["party.meeting.attendance"].sudo(
            self.secretary_user).search([("meeting_id", "=", meeting.id)])
        self.assertIn(self.a1_official, lines.mapped("member_id"))
        meetings = meeting.sudo(self.secretary_user)
        for records, fields in (
                (lines, ["member_id/national_id", "member_id/religion"]),
                (lines, ["member_name", "restriction"]),
                (meetings, ["name", "chair_id/national_id"]),
                (meetings, ["attendance_ids/member_id/religion"])):
            with self.subTest(model=records._name, fields=fields):
                with self.assertRaisesRegex(AccessError, "Export sensitive"):
                    records.export_data(fields)
        self.assertEqual(len(lines.export_data(["member_id/name"])["datas"]),
                         len(lines))
        self.assertFalse(self.export_rows())
        self.secretary_user.write({"groups_id": [(4, self.env.ref(
            "party_handbook.group_party_handbook_export_sensitive").id)]})
        datas = lines.export_data(["member_name", "member_id/national_id"])["datas"]
        self.assertIn([self.a1_official.name, "046080000001"], datas)
        rows = self.export_rows()
        self.assertEqual(sorted(rows.mapped("member_id").ids),
                         sorted(lines.mapped("member_id").ids))
        self.assertEqual(len(rows), len(lines.mapped("member_id")))
        self.assertEqual(set(rows.mapped("channel")), {"export"})
        self.assertEqual(set(rows.mapped("model")), {"party.meeting.attendance"})
        self.assertEqual(set(rows.mapped("field_names")), {"member_id/national_id"})
        self.assertEqual(set(rows.mapped("record_count")), {len(lines)})
        # from the meeting: only its chair is reached
        self.env.cr.execute("DELETE FROM party_data_access_log")
        meetings.export_data(["name", "chair_id/national_id"])
        rows = self.export_rows()
        self.assertEqual(rows.mapped("member_id"), self.a1_other)
        self.assertEqual(rows.mapped("model"), ["party.meeting"])
