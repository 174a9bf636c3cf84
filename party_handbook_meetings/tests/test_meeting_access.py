# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import AccessError
from odoo.tools import mute_logger

from .common import MeetingCase

MODELS = ("party.meeting", "party.meeting.agenda", "party.meeting.attendance",
          "party.meeting.motion", "party.meeting.vote")


MUTE = mute_logger("odoo.addons.base.ir.ir_rule", "odoo.models")


class TestMeetingAccess(MeetingCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # a meeting in A1 (the member's and the secretary's cell) and one in
        # B1 (a supervised cell), each with agenda, roster, motion and vote
        cls.meetings = {}
        officers = {cls.cell_a1: cls.a1_other, cls.cell_b1: cls.b1_official}
        for cell in (cls.cell_a1, cls.cell_b1):
            meeting = cls.env["party.meeting"].create({
                "name": "Họp %s" % cell.name, "organization_id": cell.id,
                "date_start": "2026-11-05 00:30:00",
                "location": "Nhà văn hóa", "chair_id": officers[cell].id,
                "secretary_id": officers[cell].id,
                "agenda_item_ids": [(0, 0, {"name": "Thời sự"})]})
            meeting.action_announce()
            meeting.action_start()
            meeting.attendance_ids.filtered(
                lambda l: l.state == "expected").action_present()
            motion = cls.env["party.meeting.motion"].create({
                "meeting_id": meeting.id, "name": "Nghị quyết", "method": "named"})
            motion.action_open_vote()
            voter = meeting.attendance_ids.filtered("can_vote")[:1]
            motion._cast(voter.member_id.id, "yes")
            cls.meetings[cell] = meeting

    def records(self, meeting, model):
        return {
            "party.meeting": meeting,
            "party.meeting.agenda": meeting.agenda_item_ids,
            "party.meeting.attendance": meeting.attendance_ids,
            "party.meeting.motion": meeting.motion_ids,
            "party.meeting.vote": meeting.motion_ids.mapped("vote_ids"),
        }[model]

    def visible(self, user, model):
        return self.env[model].sudo(user).search([])

    @MUTE
    def test_member_sees_own_cell_only_and_writes_nothing(self):
        own, other = self.meetings[self.cell_a1], self.meetings[self.cell_b1]
        for model in MODELS:
            visible = self.visible(self.member_user, model)
            self.assertTrue(self.records(own, model) <= visible, model)
            self.assertFalse(self.records(other, model) & visible, model)
            with self.assertRaises(AccessError, msg=model):
                self.records(other, model).sudo(self.member_user).read()
        with self.assertRaises(AccessError):
            own.sudo(self.member_user).write({"name": "x"})
        with self.assertRaises(AccessError):
            own.attendance_ids[:1].sudo(self.member_user).write({"state": "present"})
        with self.assertRaises(AccessError):
            own.motion_ids.sudo(self.member_user).write({"text": "x"})

    @MUTE
    def test_member_does_not_see_a_draft_meeting(self):
        """A draft meeting, its agenda and its motions are the secretary's
        work in progress: the member sees them only once announced, by any
        path (search, read by id), while the secretary keeps them."""
        draft = self.new_meeting(
            name="Họp dự thảo",
            agenda_item_ids=[(0, 0, {"name": "Dự kiến nội dung"})])
        motion = self.env["party.meeting.motion"].create({
            "meeting_id": draft.id, "name": "Dự thảo nghị quyết",
            "method": "hands"})
        for records in (draft, draft.agenda_item_ids, motion):
            model = records._name
            self.assertFalse(records & self.visible(self.member_user, model), model)
            with self.assertRaises(AccessError, msg=model):
                records.sudo(self.member_user).read(["name"])
            self.assertEqual(
                records & self.visible(self.secretary_user, model), records, model)
        draft.action_announce()
        draft.invalidate_cache()
        for records in (draft, draft.agenda_item_ids, motion):
            self.assertEqual(
                records & self.visible(self.member_user, records._name), records)

    @MUTE
    def test_supervisor_sees_assigned_cells_and_cannot_write(self):
        supervised, other = self.meetings[self.cell_b1], self.meetings[self.cell_a1]
        for model in MODELS:
            visible = self.visible(self.supervisor_user, model)
            self.assertTrue(self.records(supervised, model) <= visible, model)
            self.assertFalse(self.records(other, model) & visible, model)
        with self.assertRaises(AccessError):
            supervised.sudo(self.supervisor_user).write({"location": "x"})
        with self.assertRaises(AccessError):
            supervised.attendance_ids[:1].sudo(self.supervisor_user).action_absent()
        with self.assertRaises(AccessError):
            supervised.motion_ids.sudo(self.supervisor_user).action_close_vote()
        with self.assertRaises(AccessError):
            self.env["party.meeting"].sudo(self.supervisor_user).create({
                "name": "x", "organization_id": self.cell_b1.id,
                "date_start": "2026-11-05 00:30:00"})

    @MUTE
    def test_secretary_keeps_own_cell_book_only(self):
        own, other = self.meetings[self.cell_a1], self.meetings[self.cell_b1]
        own.attendance_ids[:1].sudo(self.secretary_user).action_absent()
        own.sudo(self.secretary_user).write({"location": "Hội trường"})
        with self.assertRaises(AccessError):
            other.sudo(self.secretary_user).write({"location": "x"})
        with self.assertRaises(AccessError):
            other.attendance_ids[:1].sudo(self.secretary_user).action_absent()

    def test_secretary_runs_a_meeting_with_own_rights(self):
        Meeting = self.env["party.meeting"].sudo(self.secretary_user)
        meeting = Meeting.create({
            "name": "Họp của bí thư", "organization_id": self.cell_a1.id,
            "date_start": "2026-11-05 00:30:00", "chair_id": self.a1_other.id,
            "secretary_id": self.a1_official.id, "location": "Hội trường"})
        meeting.action_announce()
        meeting.action_start()
        meeting.attendance_ids.filtered(
            lambda line: line.state == "expected").action_present()
        motion = meeting.motion_ids.create({
            "meeting_id": meeting.id, "name": "Nghị quyết", "method": "hands"})
        self.assertEqual(motion.organization_id, self.cell_a1)
        motion.action_open_vote()
        motion.write({"yes_count": meeting.voter_count})
        motion.action_close_vote()
        meeting.action_close()
        meeting.action_approve_minutes()  # the secretary chairs this meeting
        self.assertEqual((meeting.state, motion.result), ("approved", "passed"))

    @MUTE
    def test_commune_officer_sees_the_commune_subtree(self):
        visible = self.visible(self.officer_user, "party.meeting")
        self.assertIn(self.meetings[self.cell_a1], visible)
        self.assertNotIn(self.meetings[self.cell_b1], visible)
        everything = self.visible(self.manager_user, "party.meeting")
        for meeting in self.meetings.values():
            self.assertIn(meeting, everything)

    @MUTE
    def test_nobody_reads_secret_ballots_but_the_system_group(self):
        for user in (self.member_user, self.secretary_user, self.supervisor_user,
                     self.officer_user, self.manager_user):
            with self.assertRaises(AccessError):
                self.env["party.meeting.ballot"].sudo(user).search([])
