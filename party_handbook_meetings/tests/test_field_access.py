# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A member's restriction (suspended, under prosecution or detention), on
the member and on the meeting's roster, is read, searched, grouped, sorted,
exported and tracked for cell secretaries and officers only (issue #11)."""
from odoo.exceptions import AccessError
from odoo.tools import mute_logger

from .common import MeetingCase


class TestRestrictionAccess(MeetingCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.meeting = cls.new_meeting(cls)
        cls.meeting.action_announce()
        cls.suspended_line = cls.meeting.attendance_ids.filtered(
            lambda l: l.member_id == cls.suspended)
        # a supervising officer of cell A1, and the member user of cell A1
        cls.cell_supervisor = cls.create_user(
            "supervisor", [cls.cell_a1], login="ph_supervisor_a1")

    def refused(self, call, label="Restriction"):
        with self.assertRaises(AccessError) as caught, mute_logger("odoo.models"):
            call()
        self.assertIn(label, str(caught.exception))

    def test_roster_restriction_for_secretaries_and_officers(self):
        for user in (self.secretary_user, self.officer_user, self.manager_user):
            Attendance = self.env["party.meeting.attendance"].sudo(user)
            self.assertEqual(
                Attendance.search([("meeting_id", "=", self.meeting.id),
                                   ("restriction", "=", "suspended")]),
                self.suspended_line)
            self.assertEqual(
                self.suspended_line.sudo(user).read(["restriction"])[0][
                    "restriction"], "suspended")
            self.assertTrue(Attendance.read_group(
                [("meeting_id", "=", self.meeting.id)], ["restriction"],
                ["restriction"]))

    def test_roster_restriction_hidden_from_supervisors_and_members(self):
        for user in (self.cell_supervisor, self.member_user):
            with self.subTest(user=user.login):
                Attendance = self.env["party.meeting.attendance"].sudo(user)
                # the roster itself is readable
                lines = Attendance.search([("meeting_id", "=", self.meeting.id)])
                self.assertIn(self.suspended_line, lines)
                self.refused(lambda: Attendance.search(
                    [("restriction", "=", "suspended")]))
                self.refused(lambda: Attendance.search_count(
                    ["!", ("restriction", "=", False)]))
                self.refused(lambda: Attendance.search(
                    [("meeting_id", "=", self.meeting.id)], order="restriction"))
                self.refused(lambda: Attendance.read_group(
                    [], ["restriction"], ["restriction"]))
                self.refused(lambda: lines.export_data(["member_id", "restriction"]))
                self.refused(lambda: self.suspended_line.sudo(user).read(
                    ["restriction"]), "security restrictions")
                self.refused(lambda: self.env["party.member"].sudo(user).search(
                    [("activity_restriction", "in", ["suspended", "prosecuted"])]))
                self.refused(lambda: self.env["party.meeting"].sudo(user).search(
                    [("attendance_ids.restriction", "!=", False)]))
                # the meeting's counts, which leave the member out, are shown
                meeting = self.meeting.sudo(user)
                self.assertEqual(meeting.base_count, self.meeting.base_count)

    def test_restriction_tracking_hidden_from_supervisors(self):
        self.officials[0].sudo(self.secretary_user).write(
            {"activity_restriction": "prosecuted", "occupation": "Nông dân"})
        messages = self.env["mail.message"].search([
            ("model", "=", "party.member"), ("res_id", "=", self.officials[0].id)])

        def tracked(user):
            return {value["changed_field"]
                    for message in messages.sudo(user).message_format()
                    for value in message["tracking_value_ids"]}
        self.assertIn("Restriction", tracked(self.secretary_user))
        shown = tracked(self.cell_supervisor)
        self.assertIn("Occupation", shown)
        self.assertNotIn("Restriction", shown)
