# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Personal data protection, the meetings' part: attendance and
restrictions are classified, reads of restrictions are logged, and the
member's data file has their meeting attendance."""
import io
import json
import zipfile

from odoo.addons.party_handbook.tests.test_data_protection import (
    PARTNER_CONTACT_FIELDS, unclassified_fields)

from .common import MeetingCase


class TestMeetingsDataProtection(MeetingCase):

    def test_every_meeting_member_field_is_classified(self):
        missing = {model: unclassified_fields(self.env, model)
                   for model in ("party.meeting.attendance", "party.member")}
        missing["res.partner"] = unclassified_fields(
            self.env, "res.partner", PARTNER_CONTACT_FIELDS)
        missing = {model: names for model, names in missing.items() if names}
        self.assertFalse(missing, "Classify these fields in "
                         "data/party.data.field.csv: %s" % missing)

    def test_restriction_reads_are_logged(self):
        meeting = self.new_meeting()
        meeting.action_announce()
        self.env.cr.execute("DELETE FROM party_data_access_log")
        line = self.line(meeting, self.suspended)
        self.assertEqual(line.restriction, "suspended")
        line.sudo(self.secretary_user).read(["member_id", "restriction"])
        self.suspended.sudo(self.secretary_user).read(["activity_restriction"])
        rows = self.env["party.data.access.log"].sudo().search([], order="id")
        self.assertEqual(rows.mapped("member_id"), self.suspended)
        self.assertEqual(rows.mapped("field_names"),
                         ["restriction", "activity_restriction"])
        self.assertEqual(rows.mapped("model"),
                         ["party.meeting.attendance", "party.member"])

    def test_data_file_has_own_meeting_attendance_only(self):
        meeting = self.started_meeting(present=self.a1_official | self.a1_other)
        __, content = self.a1_official.sudo(
            self.member_user)._subject_access_file("portal")
        data = json.loads(zipfile.ZipFile(io.BytesIO(content)).read(
            "du_lieu_cua_toi.json").decode())
        sections = {section["key"]: section for section in data["sections"]}
        records = sections["meeting_attendance"]["records"]
        self.assertEqual(len(records), 1)
        self.assertEqual(records[0]["Meeting"], meeting.display_name)
        self.assertEqual(records[0]["Attendance"], "Present")
        text = json.dumps(data, ensure_ascii=False)
        self.assertNotIn(self.a1_other.name, text)
        self.assertNotIn(self.suspended.name, text)
