# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The calendar entry of a meeting (event and attendees: the roster) is
read by who may read the meeting, and by nobody else (issue #11)."""
from odoo.exceptions import AccessError, UserError
from odoo.tools import mute_logger

from .common import MeetingCase

PASSWORD = "Ph-Calendar-2026!x"


class TestMeetingCalendarAccess(MeetingCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Users = cls.env["res.users"].with_context(no_reset_password=True)
        cls.plain_user = Users.create({
            "name": "Plain internal user", "login": "ph_cal_plain",
            "password": PASSWORD,
            "groups_id": [(6, 0, [cls.env.ref("base.group_user").id])]})
        cls.portal_user = Users.create({
            "name": "Portal user", "login": "ph_cal_portal", "password": PASSWORD,
            "groups_id": [(6, 0, [cls.env.ref("base.group_portal").id])]})
        # a member of another cell (commune B)
        cls.b1_member_user = cls.create_user(
            "member", [], partner=cls.b1_official, login="ph_cal_b1")

    def setUp(self):
        super().setUp()
        self.meeting = self.new_meeting()
        self.meeting.action_announce()
        self.event = self.meeting.calendar_event_id
        self.attendees = self.event.attendee_ids
        self.assertTrue(self.attendees)

    def seen(self, user):
        events = self.env["calendar.event"].sudo(user).search(
            [("id", "=", self.event.id)])
        attendees = self.env["calendar.attendee"].sudo(user).search(
            [("id", "in", self.attendees.ids)])
        return bool(events), len(attendees)

    def test_who_reads_the_meeting_reads_its_event_and_roster(self):
        for user in (self.member_user, self.secretary_user, self.officer_user,
                     self.manager_user):
            events, attendees = self.seen(user)
            self.assertEqual(attendees, len(self.attendees), user.login)
            if not user.share:
                self.assertTrue(events, user.login)
        # the member reads the event they are invited to
        self.assertTrue(self.seen(self.member_user)[0])
        self.env["calendar.event"].sudo(self.member_user).browse(
            self.event.id).read(["name", "start"])

    def test_others_do_not(self):
        for user in (self.plain_user, self.portal_user, self.b1_member_user,
                     self.supervisor_user):
            self.assertEqual(self.seen(user), (False, 0), user.login)
            with self.assertRaises(AccessError), mute_logger("odoo.models"):
                self.env["calendar.attendee"].sudo(user).browse(
                    self.attendees[0].id).read(["partner_id"])
            with self.assertRaises(AccessError), mute_logger("odoo.models"):
                self.env["calendar.event"].sudo(user).browse(
                    self.event.id).read(["partner_ids"])

    def test_the_column_follows_the_meeting_not_the_caller(self):
        with self.assertRaises(UserError):
            self.event.sudo(self.secretary_user).write(
                {"party_organization_id": False})
        with self.assertRaises(UserError):
            self.attendees[0].sudo(self.secretary_user).write(
                {"party_organization_id": False})
        self.assertEqual(set(self.attendees.mapped("party_organization_id")),
                         {self.cell_a1})

    def test_events_that_are_no_meeting_behave_as_before(self):
        event = self.env["calendar.event"].sudo(self.plain_user).create({
            "name": "Team lunch", "start": "2026-11-06 05:00:00",
            "stop": "2026-11-06 06:00:00",
            "partner_ids": [(6, 0, [self.plain_user.partner_id.id])]})
        self.assertTrue(self.env["calendar.event"].sudo(self.officer_user).search(
            [("id", "=", event.id)]))
