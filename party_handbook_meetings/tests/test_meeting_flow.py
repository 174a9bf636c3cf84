# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.exceptions import UserError, ValidationError

from .common import MeetingCase


class TestMeetingFlow(MeetingCase):

    def test_roster_is_the_cell_at_announcement_with_status(self):
        meeting = self.new_meeting()
        meeting.action_announce()
        lines = meeting.attendance_ids
        self.assertEqual(len(lines), 10)
        self.assertEqual(self.line(meeting, self.away).state, "attached_elsewhere")
        self.assertEqual(self.line(meeting, self.exempted).state, "exempted")
        self.assertEqual(self.line(meeting, self.suspended).restriction, "suspended")
        self.assertEqual(self.line(meeting, self.a1_probationary).member_state,
                         "probationary")
        self.assertFalse(self.line(meeting, self.a1_probationary).is_official)
        # a member who joins the cell later is not on this roster
        self.create_member("Người mới", self.cell_a1, "official")
        self.assertEqual(len(meeting.attendance_ids), 10)
        # the member attached here from B1 is a guest on B1's roster
        other = self.new_meeting(organization_id=self.cell_b1.id,
                                 chair_id=self.b1_official.id,
                                 secretary_id=self.b1_official.id)
        other.action_announce()
        guest = self.line(other, self.away)
        self.assertTrue(guest.is_guest)
        self.assertEqual(other.base_count, 1)  # only b1_official is counted

    def test_live_counts(self):
        meeting = self.new_meeting()
        meeting.action_announce()
        self.assertEqual(meeting.expected_count, 8)  # not away, not exempted
        self.assertEqual((meeting.present_count, meeting.base_count), (0, 6))
        meeting.action_start()
        self.line(meeting, self.a1_official).action_present()
        self.line(meeting, self.a1_probationary).action_present()
        self.assertEqual(meeting.present_count, 2)
        self.assertEqual(meeting.voter_count, 1)
        self.line(meeting, self.off_member(1)).action_excused()
        self.assertEqual(meeting.base_count, 5)
        self.assertIn("1 absent with an approved reason", meeting.quorum_explanation)

    def off_member(self, index):
        return self.officials[index - 1]

    def test_state_machine(self):
        meeting = self.new_meeting()
        with self.assertRaises(UserError):
            meeting.action_start()
        with self.assertRaises(UserError):
            meeting.action_close()
        meeting.action_announce()
        with self.assertRaises(UserError):
            meeting.action_announce()
        meeting.action_start()
        with self.assertRaises(UserError):
            meeting.action_cancel()
        # closing needs every line recorded
        with self.assertRaisesRegex(UserError, "not recorded"):
            meeting.action_close()
        meeting.attendance_ids.filtered(
            lambda line: line.state == "expected").action_present()
        meeting.action_close()
        self.assertEqual(meeting.state, "closed")
        self.assertIn("Attendance", meeting.minutes)
        with self.assertRaises(UserError):
            self.line(meeting, self.a1_official).action_absent()
        # only the chair (or a manager) approves
        with self.assertRaisesRegex(UserError, "Only the chair"):
            meeting.sudo(self.officer_user).action_approve_minutes()
        meeting.sudo(self.secretary_user).action_approve_minutes()
        self.assertEqual(meeting.state, "approved")
        self.assertEqual(meeting.minutes_approved_by, self.secretary_user)
        with self.assertRaisesRegex(UserError, "approved"):
            meeting.write({"name": "Changed"})
        with self.assertRaises(UserError):
            meeting.agenda_item_ids.create({"meeting_id": meeting.id, "name": "x"}) \
                .write({"name": "y"})
        with self.assertRaises(UserError):
            meeting.unlink()

    def test_cancel_and_reset(self):
        meeting = self.new_meeting()
        meeting.action_announce()
        event = meeting.calendar_event_id
        meeting.action_cancel()
        self.assertFalse(event.active)
        meeting.action_reset_draft()
        self.assertEqual(meeting.state, "draft")

    def test_quorum_configured_per_organization(self):
        self.cell_a1.write({"meeting_quorum_numerator": 1,
                            "meeting_quorum_denominator": 2})
        meeting = self.new_meeting()
        self.assertEqual((meeting.quorum_numerator, meeting.quorum_denominator), (1, 2))
        with self.assertRaises(ValidationError):
            meeting.write({"quorum_numerator": 4, "quorum_denominator": 3})

    def test_chair_must_belong_to_the_cell(self):
        with self.assertRaises(ValidationError):
            self.new_meeting(chair_id=self.b1_official.id)


class TestCalendarAndNotices(MeetingCase):

    def test_announcing_invites_the_roster_in_the_calendar(self):
        meeting = self.new_meeting(location="Hội trường thôn")
        meeting.write({"agenda_item_ids": [(0, 0, {"name": "Thời sự"})]})
        meeting.action_announce()
        event = meeting.calendar_event_id
        self.assertTrue(event)
        self.assertEqual(event.start, meeting.date_start)
        self.assertEqual(event.location, "Hội trường thôn")
        invited = event.partner_ids
        self.assertIn(self.a1_official.partner_id, invited)
        self.assertIn(self.a1_probationary.partner_id, invited)
        self.assertNotIn(self.away.partner_id, invited)
        self.assertIn("Thời sự", event.description)
        # the member sees it in their own calendar
        mine = self.env["calendar.event"].sudo(self.member_user).search(
            [("partner_ids", "in", self.member_user.partner_id.id)])
        self.assertIn(event, mine)
        # moving the meeting moves the event
        meeting.write({"date_start": "2026-11-06 00:30:00",
                       "date_end": "2026-11-06 03:00:00"})
        self.assertEqual(event.start, "2026-11-06 00:30:00")

    def test_invitations_are_queued_once_per_member(self):
        Mail = self.env["mail.mail"]
        before = Mail.search_count([])
        meeting = self.new_meeting()
        meeting.action_announce()
        lines = meeting.attendance_ids.filtered("invitation_sent")
        # expected and exempted members, each with an email (not the one away)
        self.assertEqual(len(lines), 9)
        queued = Mail.search([], order="id desc", limit=9)
        self.assertEqual(Mail.search_count([]) - before, 9)
        self.assertIn("Sinh hoạt định kỳ", queued[0].subject)
        # a rerun of the scheduled action sends nothing twice
        self.assertEqual(self.env["party.meeting.attendance"]._cron_send_notices(
            hours_before=0), 0)

    def test_reminders_go_out_in_bounded_batches_before_the_meeting(self):
        """Only this meeting's lines are looked at: the database may hold
        other announced meetings (the demo's, around the day it was made)."""
        Attendance = self.env["party.meeting.attendance"]
        Mail = self.env["mail.mail"]
        meeting = self.new_meeting(
            date_start="2099-01-01 00:30:00", date_end="2099-01-01 03:00:00")
        meeting.action_announce()
        lines = meeting.attendance_ids

        def mails():
            return Mail.search_count([("model", "=", lines._name),
                                      ("res_id", "in", lines.ids)])
        invitations = mails()
        # too early: nothing
        Attendance._cron_send_notices(hours_before=24)
        self.assertFalse(lines.filtered("reminder_sent"))
        # batches of 4 lines: every line reminded in one run
        sent = Attendance._cron_send_notices(
            hours_before=24 * 365 * 100, batch_size=4)
        self.assertGreaterEqual(sent, 9)
        self.assertEqual(len(lines.filtered("reminder_sent")), 9)
        self.assertEqual(mails(), invitations + 9)
        # a rerun reminds nobody twice
        Attendance._cron_send_notices(hours_before=24 * 365 * 100)
        self.assertEqual(mails(), invitations + 9)

    def test_monthly_action_drafts_one_regular_meeting_per_cell(self):
        Meeting = self.env["party.meeting"]
        drafted = Meeting._cron_draft_regular_meetings()
        self.assertTrue(drafted)
        first = fields.Date.from_string(drafted[0].date).replace(day=1)
        domain = [("meeting_type", "=", "regular"),
                  ("date", ">=", fields.Date.to_string(first)),
                  ("date", "<", fields.Date.to_string(first + relativedelta(months=1)))]
        groups = Meeting.read_group(domain, ["organization_id"], ["organization_id"])
        cells = self.env["party.organization"].search([("level", "=", "cell")])
        self.assertEqual({g["organization_id"][0] for g in groups}, set(cells.ids))
        self.assertTrue(all(g["organization_id_count"] == 1 for g in groups))
        mine = drafted.filtered(lambda m: m.organization_id == self.cell_a1)
        self.assertEqual((mine.state, mine.quorum_denominator), ("draft", 3))
        # safe to rerun
        self.assertFalse(Meeting._cron_draft_regular_meetings())


class TestExcuses(MeetingCase):

    def test_member_asks_secretary_approves(self):
        meeting = self.new_meeting()
        meeting.action_announce()
        line = self.line(meeting, self.a1_official)
        with self.assertRaises(UserError):
            line.sudo(self.member_user).action_request_excuse("  ")
        line.sudo(self.member_user).action_request_excuse("Đi viện khám bệnh")
        self.assertEqual(line.excuse_state, "requested")
        self.assertEqual(meeting.excuse_pending_count, 1)
        line.sudo(self.secretary_user).action_approve_excuse()
        self.assertEqual((line.state, line.excuse_state), ("excused", "approved"))
        self.assertEqual(meeting.base_count, 5)
        self.assertEqual(line.recorded_by, self.secretary_user)

    def test_refused_excuse_keeps_the_member_expected(self):
        meeting = self.new_meeting()
        meeting.action_announce()
        line = self.line(meeting, self.a1_official)
        line.sudo(self.member_user).action_request_excuse("Bận việc nhà")
        line.action_refuse_excuse()
        self.assertEqual((line.state, line.excuse_state), ("expected", "refused"))
        with self.assertRaises(UserError):
            line.action_approve_excuse()
