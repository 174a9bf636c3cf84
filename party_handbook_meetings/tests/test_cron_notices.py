# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Meeting notices and drafting finish their whole backlog in one run
(issue #13): invitations rendered once per meeting and language, queued
set-wise, the same emails as the template renders for each member."""
from unittest import mock

from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.tools import mute_logger

from ..models.party_meeting_attendance import PartyMeetingAttendance
from .common import MeetingCase

BATCH_LOGGER = "odoo.addons.party_handbook.models.party_batch"


class TestNoticesInBatches(MeetingCase):

    def mails(self, lines):
        return self.env["mail.mail"].search(
            [("model", "=", lines._name), ("res_id", "in", lines.ids)], order="id")

    def body_renders(self):
        calls = []
        original = type(self.env["mail.template"])._party_render_shared

        def counting(this, text, obj, safe=False, post_process=False):
            if post_process:
                calls.append(text)
            return original(this, text, obj, safe=safe,
                            post_process=post_process)
        return calls, mock.patch.object(
            type(self.env["mail.template"]), "_party_render_shared", counting)

    def test_announcing_renders_once_per_meeting_and_language(self):
        # the organization's address, which the template sends from (the
        # module leaves it empty until the administrator sets it)
        self.env.user.company_id.email = "vanphong@dangbohue.vn"
        self.env["res.lang"].load_lang("vi_VN")
        self.officials[:2].write({"lang": "vi_VN"})
        first = self.new_meeting()
        second = self.new_meeting(
            organization_id=self.cell_b1.id, chair_id=self.b1_official.id,
            secretary_id=self.b1_official.id,
            date_start="2026-11-06 00:30:00", date_end="2026-11-06 03:00:00")
        calls, patch = self.body_renders()
        with patch:
            (first | second).action_announce()
        # cell A1: two languages; cell B1: one
        self.assertEqual(len(calls), 3)
        lines = (first | second).mapped("attendance_ids").filtered("invitation_sent")
        self.assertEqual(len(lines), 9 + 2)  # B1: b1_official and the guest
        mails = self.mails(lines)
        self.assertEqual(len(mails), len(lines))
        # the very emails the template gives for each member
        template = self.env.ref(
            "party_handbook_meetings.mail_template_meeting_invitation")
        for line in lines:
            mail = mails.filtered(lambda m, line=line: m.res_id == line.id)
            expected = template.generate_email(line.id)
            self.assertEqual(mail.email_to, line.member_id.email)
            for field in ("subject", "body_html", "email_to", "email_from"):
                self.assertEqual(mail[field] or "", expected[field] or "", field)
            self.assertEqual(mail.body, self.env["mail.message"].new(
                {"body": expected["body"]}).body)
            self.assertEqual(mail.auto_delete, True)
            self.assertEqual(mail.state, "outgoing")

    def test_notices_backlog_bigger_than_the_batch_in_one_run(self):
        Attendance = self.env["party.meeting.attendance"]
        meetings = self.new_meeting() | self.new_meeting(
            organization_id=self.cell_b1.id, chair_id=self.b1_official.id,
            secretary_id=self.b1_official.id)
        meetings.action_announce()
        lines = meetings.mapped("attendance_ids").filtered("invitation_sent")
        before = len(self.mails(lines))
        # invitations not sent yet (as if announced while the mail was down)
        self.env.cr.execute(
            "UPDATE party_meeting_attendance SET invitation_sent = FALSE "
            "WHERE id IN %s", (tuple(lines.ids),))
        lines.invalidate_cache()
        sent = Attendance._cron_send_notices(hours_before=0, batch_size=2)
        self.assertGreaterEqual(sent, len(lines))
        self.assertEqual(len(self.mails(lines)), before + len(lines))
        self.assertTrue(all(lines.mapped("invitation_sent")))
        # a rerun queues nothing
        self.assertEqual(Attendance._cron_send_notices(hours_before=0,
                                                       batch_size=2), 0)

    def test_a_failing_line_does_not_lose_the_others(self):
        meeting = self.new_meeting(
            date_start="2099-01-01 00:30:00", date_end="2099-01-01 03:00:00")
        meeting.action_announce()
        lines = meeting.attendance_ids.filtered("invitation_sent")
        bad = lines[3]
        original = PartyMeetingAttendance._send_notices_batch

        def failing(this, batch, kind):
            if bad in batch:
                raise ValueError("cannot render")
            return original(this, batch, kind)
        with mute_logger(BATCH_LOGGER), mock.patch.object(
                PartyMeetingAttendance, "_send_notices_batch", failing):
            self.env["party.meeting.attendance"]._cron_send_notices(
                hours_before=24 * 365 * 100)
        self.assertTrue(all((lines - bad).mapped("reminder_sent")))
        self.assertFalse(bad.reminder_sent)
        reminders = self.env["mail.mail"].search(
            [("model", "=", lines._name), ("res_id", "in", lines.ids),
             ("subject", "like", "Reminder:")])
        self.assertEqual(len(reminders), len(lines) - 1)
        # the next run reminds it
        self.env["party.meeting.attendance"]._cron_send_notices(
            hours_before=24 * 365 * 100)
        self.assertTrue(bad.reminder_sent)

    def test_members_without_email_are_marked_without_mail(self):
        self.officials[0].email = False
        meeting = self.new_meeting()
        meeting.action_announce()
        line = self.line(meeting, self.officials[0])
        self.assertTrue(line.invitation_sent)
        self.assertFalse(self.mails(line))

    def test_drafting_covers_every_cell_in_batches(self):
        Meeting = self.env["party.meeting"]
        cells = self.env["party.organization"].search([("level", "=", "cell")])
        drafted = Meeting._cron_draft_regular_meetings(batch_size=2)
        self.assertTrue(drafted)
        first = fields.Date.from_string(drafted[0].date).replace(day=1)
        groups = Meeting.read_group([
            ("meeting_type", "=", "regular"),
            ("date", ">=", fields.Date.to_string(first)),
            ("date", "<", fields.Date.to_string(first + relativedelta(months=1)))],
            ["organization_id"], ["organization_id"])
        self.assertEqual({g["organization_id"][0] for g in groups}, set(cells.ids))
        self.assertTrue(all(g["organization_id_count"] == 1 for g in groups))
        self.assertFalse(Meeting._cron_draft_regular_meetings(batch_size=2))
