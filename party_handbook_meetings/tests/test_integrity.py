# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The meeting book holds: every protected rule refused to every role, with
context keys a caller could forge, and nothing changed by the attempt."""
from odoo.exceptions import AccessError, UserError
from odoo.tools import mute_logger

from odoo.addons.party_handbook.models.html_text import is_html_empty
from odoo.addons.party_handbook.tests.test_integrity import FORGED

from .common import MeetingCase

REFUSED = (AccessError, UserError)


class TestMeetingIntegrity(MeetingCase):

    def writers(self):
        """Every role that writes meeting books, and the superuser, each
        with every forged context key."""
        return [("secretary", self.secretary_user), ("officer", self.officer_user),
                ("manager", self.manager_user), ("superuser", self.env.user)]

    def assert_refused(self, records, method, *args):
        """``method`` refused for every writer, and the records unchanged."""
        names = [n for n in records._fields
                 if records._fields[n].store and n not in (
                     "write_date", "write_uid", "__last_update")]
        before = records.sudo().read(names)
        for role, user in self.writers():
            target = records.sudo(user).with_context(**FORGED)
            with self.subTest(role=role, method=method, args=args):
                with self.assertRaises(REFUSED), mute_logger("odoo.models"):
                    getattr(target, method)(*args)
                records.invalidate_cache()
                self.assertEqual(records.sudo().read(names), before)

    def closed_motion(self, yes=0, no=3):
        meeting = self.started_meeting()
        motion = self.motion(meeting)
        motion.action_open_vote()
        motion.write({"yes_count": yes, "no_count": no})
        motion.action_close_vote()
        return meeting, motion

    # motions -------------------------------------------------------------
    def test_closed_vote_is_frozen(self):
        __, motion = self.closed_motion()
        self.assertEqual(motion.result, "rejected")
        for vals in ({"yes_count": 3, "no_count": 0},
                     {"result": "passed"}, {"state": "open"},
                     {"explanation": "Thông qua"}, {"base_count": 1},
                     {"name": "Khác"}, {"method": "secret"},
                     {"closed_on": "2020-01-01 00:00:00"}):
            self.assert_refused(motion, "write", vals)
        self.assert_refused(motion, "unlink")

    def test_result_fields_never_written_directly(self):
        meeting = self.started_meeting()
        motion = self.motion(meeting)
        for vals in ({"result": "passed"}, {"state": "closed"},
                     {"state": "open"}, {"voter_count": 99},
                     {"yes_count": 3}):
            self.assert_refused(motion, "write", vals)
        motion.action_open_vote()
        for vals in ({"name": "Đổi nội dung"}, {"text": "..."},
                     {"method": "named"}, {"result": "passed"},
                     {"organization_id": self.cell_b1.id},
                     {"meeting_id": self.new_meeting().id}):
            self.assert_refused(motion, "write", vals)
        # a motion cannot be created closed, or with counts
        Motion = self.env["party.meeting.motion"]
        for role, user in self.writers():
            with self.subTest(role=role), self.assertRaises(REFUSED):
                Motion.sudo(user).with_context(**FORGED).create({
                    "meeting_id": meeting.id, "name": "Giả", "state": "closed",
                    "result": "passed", "yes_count": 6})
        # the hand count of the open vote is the recorder's to enter
        motion.sudo(self.secretary_user).with_context(**FORGED).write(
            {"yes_count": 4, "no_count": 2})
        self.assertEqual(motion.preview_result, "passed")

    # meetings ------------------------------------------------------------
    def test_state_moves_only_through_actions(self):
        meeting = self.new_meeting()
        for state in ("announced", "in_progress", "closed", "approved"):
            self.assert_refused(meeting, "write", {"state": state})
        for vals in ({"minutes_approved_by": self.secretary_user.id},
                     {"minutes_approved_on": "2026-01-01 00:00:00"},
                     {"announced_on": "2026-01-01 00:00:00"},
                     {"quorum_met": True}, {"present_count": 9},
                     {"base_count": 1}, {"date": "2020-01-01"}):
            self.assert_refused(meeting, "write", vals)
        Meeting = self.env["party.meeting"]
        for role, user in self.writers():
            with self.subTest(role=role), self.assertRaises(REFUSED):
                Meeting.sudo(user).with_context(**FORGED).create({
                    "name": "Giả", "organization_id": self.cell_a1.id,
                    "date_start": "2026-11-05 00:30:00", "state": "approved",
                    "minutes_approved_by": self.secretary_user.id})

    def test_approved_minutes_stay_approved(self):
        meeting = self.new_meeting(agenda_item_ids=[(0, 0, {"name": "Tình hình"})])
        meeting.action_announce()
        meeting.action_start()
        meeting.attendance_ids.filtered(
            lambda l: l.state == "expected").action_present()
        meeting.action_close()
        meeting.write({"minutes": "<p>Biên bản đã sửa</p>"})
        meeting.sudo(self.secretary_user).action_approve_minutes()
        self.assertEqual(meeting.state, "approved")
        for vals in ({"state": "closed"}, {"minutes": "<p>Sửa lén</p>"},
                     {"name": "Khác"}, {"chair_id": self.a1_other.id},
                     {"discussion": "<p>x</p>"}, {"location": "Nơi khác"}):
            self.assert_refused(meeting, "write", vals)
        self.assert_refused(meeting, "unlink")
        item = meeting.agenda_item_ids[:1]
        self.assertTrue(item)
        self.assert_refused(item, "write", {"name": "Sửa mục"})
        self.assert_refused(item, "unlink")
        self.assert_refused(meeting.attendance_ids[:1], "write",
                            {"state": "absent"})
        Agenda = self.env["party.meeting.agenda"]
        with self.assertRaises(REFUSED):
            Agenda.sudo(self.secretary_user).create(
                {"meeting_id": meeting.id, "name": "Thêm sau"})

    def test_closed_meeting_keeps_how_it_was_held(self):
        meeting = self.started_meeting()
        meeting.action_close()
        self.assertEqual(meeting.chair_id, self.a1_other)
        for vals in ({"chair_id": self.officials[0].id},
                     {"secretary_id": self.officials[0].id},
                     {"organization_id": self.cell_a2.id},
                     {"date_start": "2026-11-06 00:30:00"},
                     {"date_end": "2026-11-06 03:00:00"},
                     {"quorum_numerator": 1}):
            self.assert_refused(meeting, "write", vals)
        line = meeting.attendance_ids[:1]
        self.assert_refused(line, "write", {"state": "present"})
        self.assert_refused(line, "unlink")
        # the minutes are still the secretary's to edit until approved
        meeting.sudo(self.secretary_user).write({"minutes": "<p>Sửa</p>"})
        self.assertIn("Sửa", meeting.minutes)

    def test_approval_by_the_chair_only(self):
        # the secretary is not the chair here
        meeting2 = self.started_meeting(chair_id=self.officials[0].id)
        meeting2.action_close()
        with self.assertRaisesRegex(UserError, "Only the chair"):
            meeting2.sudo(self.secretary_user).with_context(
                **FORGED).action_approve_minutes()
        self.assertEqual(meeting2.state, "closed")

    def test_meeting_does_not_move_once_announced(self):
        draft = self.new_meeting()
        motion = self.motion(draft)
        item = self.env["party.meeting.agenda"].create(
            {"meeting_id": draft.id, "name": "Tình hình"})
        draft.sudo(self.manager_user).write(
            {"organization_id": self.cell_a2.id, "chair_id": False,
             "secretary_id": False})
        self.assertEqual((motion.organization_id, item.organization_id),
                         (self.cell_a2, self.cell_a2))
        draft.write({"organization_id": self.cell_a1.id,
                     "chair_id": self.a1_other.id,
                     "secretary_id": self.officials[0].id})
        draft.action_announce()
        self.assertTrue(draft.attendance_ids)
        self.assert_refused(draft, "write", {"organization_id": self.cell_a2.id})
        self.assertEqual(set(draft.attendance_ids.mapped("organization_id")),
                         {self.cell_a1})

    # the roster ----------------------------------------------------------
    def test_roster_is_fixed_at_announcement(self):
        meeting = self.started_meeting(present=self.officials)
        away = self.line(meeting, self.away)
        self.assertEqual(away.state, "attached_elsewhere")
        line = self.line(meeting, self.officials[0])
        for vals in ({"member_id": self.b1_official.id},
                     {"member_state": "probationary"},
                     {"restriction": "suspended"}, {"is_guest": True},
                     {"excuse_state": "approved"},
                     {"recorded_by": self.manager_user.id},
                     {"organization_id": self.cell_b1.id},
                     {"is_official": False}, {"member_name": "Tên khác"},
                     {"state": "attached_elsewhere"}, {"state": "exempted"}):
            self.assert_refused(line, "write", vals)
        self.assert_refused(away, "write", {"state": "present"})
        self.assert_refused(line, "unlink")
        Attendance = self.env["party.meeting.attendance"]
        for role, user in self.writers():
            with self.subTest(role=role), self.assertRaises(REFUSED):
                Attendance.sudo(user).with_context(**FORGED).create({
                    "meeting_id": meeting.id, "member_id": self.b1_official.id,
                    "member_state": "official", "state": "present"})
        # what the recorder enters is still entered
        line.sudo(self.secretary_user).with_context(**FORGED).write(
            {"state": "excused"})
        self.assertEqual((line.state, line.excuse_state), ("excused", "approved"))

    def test_excuse_approval_is_an_action(self):
        meeting = self.new_meeting()
        meeting.action_announce()
        line = self.line(meeting, self.a1_official)
        line.sudo(self.member_user).action_request_excuse("Ốm")
        self.assertEqual(line.excuse_state, "requested")
        self.assert_refused(line, "write", {"excuse_state": "approved"})
        line.sudo(self.secretary_user).with_context(
            **FORGED).action_approve_excuse()
        self.assertEqual((line.state, line.excuse_state), ("excused", "approved"))
        # a member cannot approve their own excuse with a forged context
        with self.assertRaises(REFUSED):
            self.line(meeting, self.a1_official).sudo(self.member_user).with_context(
                **FORGED).action_approve_excuse()

    # minutes -------------------------------------------------------------
    def test_empty_minutes_are_empty(self):
        meeting = self.new_meeting(minutes="<p><br></p>",
                                   discussion=" <p>&nbsp;</p> ")
        self.assertFalse(meeting.minutes)
        self.assertFalse(meeting.discussion)
        meeting.action_announce()
        meeting.action_start()
        meeting.attendance_ids.filtered(
            lambda l: l.state == "expected").action_present()
        meeting.write({"minutes": "<p><br/></p>\n"})
        meeting.action_close()
        # closing prefilled them
        self.assertFalse(is_html_empty(meeting.minutes))
        self.assertIn(self.exempted.name, meeting.minutes)
        meeting.write({"minutes": "<div><p> </p><p><br></p></div>"})
        self.assertFalse(meeting.minutes)
        with self.assertRaisesRegex(UserError, "empty"):
            meeting.sudo(self.secretary_user).action_approve_minutes()
        self.assertEqual(meeting.state, "closed")

    def test_members_cannot_search_unapproved_minutes(self):
        meeting = self.started_meeting(agenda_item_ids=[(0, 0, {
            "name": "Tình hình", "notes": "Ý kiến về TỪKHOÁBÍMẬT"})])
        meeting.action_close()
        meeting.write({"minutes": "<p>Bàn về TỪKHOÁBÍMẬT của chi bộ</p>"})
        # the agenda's discussion notes are part of the minutes
        item = meeting.agenda_item_ids.sudo(self.member_user)
        self.assertEqual(item.read(["notes"])[0]["notes"], False)
        Agenda = self.env["party.meeting.agenda"].sudo(self.member_user)
        self.assertFalse(Agenda.search([("notes", "ilike", "TỪKHOÁBÍMẬT")]))
        self.assertFalse(self.env["party.meeting"].sudo(self.member_user).search(
            [("agenda_item_ids.notes", "ilike", "TỪKHOÁBÍMẬT")]))
        with self.assertRaises(AccessError):
            Agenda.search([], order="notes desc")
        Meeting = self.env["party.meeting"].sudo(self.member_user)
        domain = [("minutes", "ilike", "TỪKHOÁBÍMẬT")]
        self.assertFalse(Meeting.search(domain))
        self.assertEqual(Meeting.search_count(domain), 0)
        self.assertFalse(Meeting.search(["!"] + domain + [
            ("id", "=", meeting.id)]))
        self.assertFalse(Meeting.read_group(domain, ["state"], ["state"]))
        with self.assertRaises(AccessError):
            Meeting.search([("id", "=", meeting.id)], order="minutes")
        with self.assertRaises(AccessError):
            Meeting.read_group([], ["name"], ["minutes"])
        # through the roster and the motions (many2one paths)
        for model in ("party.meeting.attendance", "party.meeting.motion",
                      "party.meeting.agenda"):
            self.assertFalse(self.env[model].sudo(self.member_user).search(
                [("meeting_id.minutes", "ilike", "TỪKHOÁBÍMẬT")]), model)
        # the book keepers still search them
        self.assertEqual(self.env["party.meeting"].sudo(
            self.secretary_user).search(domain), meeting)
        # once approved, members find them
        meeting.sudo(self.secretary_user).action_approve_minutes()
        self.assertEqual(Meeting.search(domain), meeting)
        self.assertEqual(Agenda.search([("notes", "ilike", "TỪKHOÁBÍMẬT")]),
                         meeting.agenda_item_ids)
        item.invalidate_cache()
        self.assertIn("TỪKHOÁBÍMẬT", item.notes)

    # the audit trail -----------------------------------------------------
    def test_tracking_cannot_be_switched_off(self):
        meeting = self.new_meeting()
        before = len(meeting.message_ids)
        meeting.sudo(self.secretary_user).with_context(**FORGED).write(
            {"location": "Nhà văn hoá thôn"})
        tracked = meeting.message_ids.mapped("tracking_value_ids").filtered(
            lambda t: t.field == "location")
        self.assertTrue(tracked)
        self.assertGreater(len(meeting.message_ids), before)

    def test_defaults_do_not_set_protected_values(self):
        meeting = self.started_meeting()
        Motion = self.env["party.meeting.motion"].sudo(self.secretary_user)
        motion = Motion.with_context(
            default_state="closed", default_result="passed",
            default_explanation="Thông qua", default_base_count=13,
            default_closed_on="2026-01-01 00:00:00").create({
                "meeting_id": meeting.id, "name": "Giả", "method": "hands"})
        self.assertEqual((motion.state, motion.result, motion.explanation),
                         ("draft", False, False))
        Meeting = self.env["party.meeting"].sudo(self.secretary_user)
        forged = Meeting.with_context(
            default_state="approved",
            default_minutes_approved_by=self.manager_user.id).create({
                "name": "Giả", "organization_id": self.cell_a1.id,
                "date_start": "2026-11-05 00:30:00"})
        self.assertEqual((forged.state, forged.minutes_approved_by),
                         ("draft", self.env["res.users"]))
        # a roster line of a held meeting from the context's meeting
        meeting.action_close()
        with self.assertRaises(REFUSED):
            self.env["party.meeting.attendance"].sudo(
                self.secretary_user).with_context(
                    default_meeting_id=meeting.id,
                    default_member_id=self.b1_official.id,
                    default_member_state="official").create({})
        with self.assertRaises(REFUSED):
            Motion.with_context(default_meeting_id=meeting.id).create(
                {"name": "Sau khi họp"})
        # announcing takes the roster from the members, not the context
        draft = self.new_meeting()
        draft.sudo(self.secretary_user).with_context(
            default_is_guest=True, default_invitation_sent=True,
            default_excuse_state="approved",
            default_recorded_by=self.manager_user.id).action_announce()
        lines = draft.attendance_ids
        self.assertFalse(lines.filtered("is_guest"))
        self.assertFalse(lines.filtered("excuse_state"))
        self.assertFalse(lines.filtered("recorded_by"))
        self.assertEqual(draft.base_count, 6)

    def test_draft_motion_of_approved_minutes_is_frozen(self):
        meeting = self.new_meeting()
        motion = self.motion(meeting)
        meeting.action_announce()
        meeting.action_start()
        meeting.attendance_ids.filtered(
            lambda l: l.state == "expected").action_present()
        meeting.action_close()
        meeting.sudo(self.secretary_user).action_approve_minutes()
        for vals in ({"name": "Sửa"}, {"text": "Sửa"}, {"method": "secret"}):
            self.assert_refused(motion, "write", vals)

    def test_ballots_are_not_written_through_the_orm(self):
        meeting = self.started_meeting()
        motion = self.motion(meeting, method="secret")
        motion.action_open_vote()
        motion.sudo(self.member_user).cast_vote("yes")
        Ballot = self.env["party.meeting.ballot"]
        ballot = Ballot.search([("motion_id", "=", motion.id)])
        self.assertEqual(len(ballot), 1)
        other = self.motion(meeting, method="secret")
        with self.assertRaisesRegex(UserError, "vote buttons"):
            Ballot.with_context(**FORGED).create({"motion_id": motion.id})
        with self.assertRaisesRegex(UserError, "cannot be changed"):
            ballot.with_context(**FORGED).write({"motion_id": other.id})
        with self.assertRaisesRegex(UserError, "cannot be deleted"):
            ballot.with_context(**FORGED).unlink()
        self.assertEqual(Ballot.search([("motion_id", "=", motion.id)]), ballot)
