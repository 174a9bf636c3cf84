# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The meeting invitation and reminder link to the meeting's page in the
member portal and name the cell secretary with a phone (issue #14), still
rendered once per meeting and language."""
from .common import MeetingCase

BASE = "https://sotay.example.vn"


class TestMeetingMailLinks(MeetingCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["ir.config_parameter"].sudo().set_param("web.base.url", BASE)
        # cell B1's secretary has a phone
        cls.b1_secretary = cls.create_member(
            "Lý Văn Thư", cls.cell_b1, "official", email="thu@example.org",
            phone="0234 3822 111")
        cls.env["party.organization.position"].create({
            "organization_id": cls.cell_b1.id, "member_id": cls.b1_secretary.id,
            "role": "secretary", "date_start": "2025-01-01"})

    def mails(self, lines, subject):
        return self.env["mail.mail"].search([
            ("model", "=", lines._name), ("res_id", "in", lines.ids),
            ("subject", "like", subject)], order="id")

    def test_invitation_and_reminder_link_the_meeting_and_name_the_secretary(self):
        first = self.new_meeting(
            date_start="2099-01-01 00:30:00", date_end="2099-01-01 03:00:00")
        second = self.new_meeting(
            organization_id=self.cell_b1.id, chair_id=self.b1_official.id,
            secretary_id=self.b1_official.id,
            date_start="2099-01-02 00:30:00", date_end="2099-01-02 03:00:00")
        (first | second).action_announce()
        self.env["party.meeting.attendance"]._cron_send_notices(
            hours_before=24 * 365 * 100)
        for meeting, secretary, phone in (
                (first, "Trần Thị Bình", None),
                (second, "Lý Văn Thư", "0234 3822 111")):
            lines = meeting.attendance_ids.filtered("invitation_sent")
            self.assertTrue(lines)
            for subject in ("Cell meeting:", "Reminder:"):
                mails = self.mails(lines, subject)
                self.assertEqual(len(mails), len(lines), subject)
                for mail in mails:
                    body = mail.body_html
                    self.assertIn('href="%s/my/party/meetings/%d"' % (
                        BASE, meeting.id), body)
                    self.assertIn("secretary of your cell: comrade %s." % secretary,
                                  body)
                    if phone:
                        self.assertIn('<a href="tel:+842343822111">%s</a>' % phone,
                                      body)
                    else:
                        self.assertNotIn("tel:", body)
