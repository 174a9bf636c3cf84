# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta
from unittest.mock import patch

from odoo import fields
from odoo.exceptions import UserError

from odoo.addons.party_handbook.tests.common import PartyCase


def free_day(env):
    """A day on which the database has no meeting, nor in the month around
    it: the city officer sees every meeting of a day, the demo's too (a
    month of them around the day the database was created)."""
    last = env["party.meeting"].sudo().search([], order="date desc", limit=1).date
    today = fields.Date.from_string(fields.Date.context_today(env.user))
    return max([today] + ([fields.Date.from_string(last)] if last else [])) \
        + timedelta(days=40)


def at(day, days=0, time="00:00:00"):
    """UTC datetime string ``days`` after ``day``, at ``time``."""
    return "%s %s" % (day + timedelta(days=days), time)


def on_day(env, day):
    """The meetings' calendar on ``day`` (a meeting starts on its day or
    later, and the test's meetings are 40 days ahead of today)."""
    return patch.object(type(env["party.meeting"]), "_city_today",
                        lambda self: fields.Date.to_string(day))


class TestDayOverview(PartyCase):
    """party.meeting.get_day_overview: what the supervisor's day view shows.

    On the test's day (free of other meetings): a meeting of cell A2 in
    progress (roster of four, three present, an excuse request, two agenda
    items, a passed hand vote and an open named vote), a draft meeting of
    cell B1, and a meeting of cell A1.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.day = free_day(cls.env)
        cls.day_text = fields.Date.to_string(cls.day)
        cls.a2_second = cls.create_member("Vũ Thị Giang", cls.cell_a2, "official")
        cls.a2_third = cls.create_member("Đỗ Văn Hải", cls.cell_a2, "official")
        cls.a2_probationary = cls.create_member(
            "Ngô Thị Hoa", cls.cell_a2, "probationary", admission_date="2026-03-01")
        cls.b1_member_user = cls.create_user(
            "member", [], partner=cls.b1_official, login="ph_dv_b1")
        Meeting = cls.env["party.meeting"]
        # 23:00 UTC the day before is 06:00 on the day in Hue: a meeting of the day
        cls.meeting = Meeting.create({
            "name": "Sinh hoạt chi bộ tháng 11", "organization_id": cls.cell_a2.id,
            "date_start": at(cls.day, -1, "23:00:00"),
            "date_end": at(cls.day, 0, "01:30:00"),
            "location": "Nhà văn hóa tổ 3", "chair_id": cls.a2_official.id,
            "secretary_id": cls.a2_second.id,
            "agenda_item_ids": [
                (0, 0, {"name": "Kiểm điểm công tác tháng 10", "sequence": 1,
                        "presenter_id": cls.a2_official.id}),
                (0, 0, {"name": "Kết nạp đảng viên", "sequence": 2})],
        })
        cls.meeting.action_announce()
        with on_day(cls.env, cls.day):
            cls.meeting.action_start()
        cls.lines = {line.member_id: line for line in cls.meeting.attendance_ids}
        for member in (cls.a2_official, cls.a2_second, cls.a2_probationary):
            cls.lines[member].action_present()
        # asked by the secretary on the member's behalf (issue #12)
        cls.a2_third.action_record_assistance_consent("Signed form")
        cls.lines[cls.a2_third].action_request_excuse("Ốm")
        Motion = cls.env["party.meeting.motion"]
        cls.hands = Motion.create({
            "meeting_id": cls.meeting.id, "name": "Thông qua nghị quyết tháng 11",
            "method": "hands", "sequence": 1})
        cls.hands.action_open_vote()
        cls.hands.write({"yes_count": 2, "no_count": 0, "abstain_count": 0})
        cls.hands.action_close_vote()
        cls.named = Motion.create({
            "meeting_id": cls.meeting.id, "name": "Đề nghị khen thưởng",
            "method": "named", "sequence": 2})
        cls.named.action_open_vote()
        # the city officer (a meeting recorder) enters a named vote
        cls.named.sudo(cls.manager_user).cast_vote("no", member=cls.a2_official)
        cls.draft_b1 = Meeting.create({
            "name": "Sinh hoạt chuyên đề", "organization_id": cls.cell_b1.id,
            "meeting_type": "thematic", "date_start": at(cls.day, 0, "07:00:00")})
        cls.meeting_a1 = Meeting.create({
            "name": "Sinh hoạt chi bộ A1", "organization_id": cls.cell_a1.id,
            "date_start": at(cls.day, 0, "01:00:00")})
        # another day: never in the answer
        Meeting.create({
            "name": "Tháng sau", "organization_id": cls.cell_a2.id,
            "date_start": at(cls.day, 30, "01:00:00")})

    def overview(self, user, date=None, organization_id=False, tz="Asia/Ho_Chi_Minh"):
        Meeting = self.env["party.meeting"].sudo(user).with_context(tz=tz)
        first = Meeting.get_day_overview(date or self.day_text, organization_id)
        # with every explanation open (they are built on demand)
        keys = [key for meeting in first["meetings"] for key in
                ["meeting-%s" % meeting["id"]] + [
                    "motion-%s" % motion["id"] for motion in meeting["motions"]]]
        return Meeting.get_day_overview(date or self.day_text, organization_id, keys)

    def by_id(self, overview):
        return {m["id"]: m for m in overview["meetings"]}

    def test_supervisor_sees_the_meetings_of_assigned_cells(self):
        overview = self.overview(self.supervisor_user)
        self.assertEqual(overview["date"], self.day_text)
        meetings = self.by_id(overview)
        self.assertEqual(set(meetings), {self.meeting.id, self.draft_b1.id})
        card = meetings[self.meeting.id]
        self.assertEqual(card["cell"], "Cell A2")
        self.assertEqual(card["commune"], "Commune A")
        self.assertEqual(card["topic"], "Sinh hoạt chi bộ tháng 11")
        self.assertEqual((card["start"], card["end"]), ("06:00", "08:30"))
        self.assertEqual(card["location"], "Nhà văn hóa tổ 3")
        self.assertEqual((card["state"], card["state_label"]),
                         ("in_progress", "In progress"))
        # four on the roster, three present (the probationary member too);
        # the excused official is still expected until the excuse is answered
        self.assertEqual((card["present"], card["expected"]), (3, 4))
        self.assertEqual((card["voters"], card["base"], card["required"]), (2, 3, 2))
        self.assertTrue(card["quorum_met"])
        self.assertIn("the meeting is valid", card["quorum_explanation"])
        # the same words as the meeting's form
        self.assertEqual(card["quorum_explanation"], self.meeting.quorum_explanation)
        self.assertEqual(card["excuse_pending"], 1)
        self.assertEqual(card["excuse_pending_names"], ["Đỗ Văn Hải"])
        self.assertEqual(
            [(i["name"], i["presenter"]) for i in card["agenda"]],
            [("Kiểm điểm công tác tháng 10", "Phạm Thị Dung"),
             ("Kết nạp đảng viên", "")])
        hands, named = card["motions"]
        self.assertEqual(hands["title"], "Thông qua nghị quyết tháng 11")
        self.assertEqual((hands["state"], hands["result"], hands["result_label"]),
                         ("closed", "passed", "Passed"))
        self.assertEqual((hands["yes"], hands["no"], hands["abstain"]), (2, 0, 0))
        self.assertIn("more than half", hands["explanation"])
        # an open named vote: how many voted, not how
        self.assertEqual((named["state"], named["method"]), ("open", "named"))
        self.assertEqual((named["voted"], named["voters"]), (1, 2))
        self.assertIsNone(named["yes"])
        self.assertFalse(named["result"])
        draft = meetings[self.draft_b1.id]
        self.assertEqual((draft["state"], draft["meeting_type_label"]),
                         ("draft", "Thematic"))
        self.assertEqual((draft["commune"], draft["motions"], draft["agenda"]),
                         ("Commune B", [], []))
        totals = overview["totals"]
        self.assertEqual(
            (totals["meetings"], totals["in_progress"], totals["draft"],
             totals["present"], totals["expected"], totals["quorum_met"],
             totals["excuse_pending"]),
            (2, 1, 1, 3, 4, 1, 1))
        # the filter offers the organizations above the cells, with counts
        self.assertEqual(
            [(o["name"], o["depth"], o["count"]) for o in overview["organizations"]],
            [("City", 0, 2), ("Commune A", 1, 1), ("Commune B", 1, 1)])

    def test_times_are_in_the_users_time_zone(self):
        card = self.by_id(self.overview(self.supervisor_user, tz="UTC"))[
            self.meeting.id]
        self.assertEqual((card["start"], card["end"]), ("23:00", "01:30"))

    def test_other_days_and_cells_are_not_shown(self):
        day_before = fields.Date.to_string(self.day - timedelta(days=1))
        self.assertEqual(self.overview(self.supervisor_user, day_before)[
            "meetings"], [])
        # the commune officer of commune A sees A1 and A2, not B1
        self.assertEqual(set(self.by_id(self.overview(self.officer_user))),
                         {self.meeting.id, self.meeting_a1.id})
        # the city officer sees every meeting of the day
        self.assertEqual(len(self.overview(self.manager_user)["meetings"]), 3)

    def test_members_see_their_own_cell_only(self):
        # the member of cell A1 sees neither A2's meeting nor A1's, a draft
        # (the secretary's work in progress; announced meetings of one's
        # own cell: test_day_view_sql, test_meeting_access)
        self.assertEqual(set(self.by_id(self.overview(self.member_user))),
                         set())
        # the member of cell B1 sees nothing: B1's only meeting is a draft
        # (the secretary's work in progress), and nothing of A
        self.assertEqual(set(self.by_id(self.overview(self.b1_member_user))),
                         set())
        self.draft_b1.organization_id = self.cell_a1
        overview = self.overview(self.b1_member_user)
        self.assertEqual(overview["meetings"], [])
        self.assertEqual(overview["organizations"], [])
        self.assertEqual(overview["totals"]["meetings"], 0)

    def test_organization_filter(self):
        overview = self.overview(self.manager_user, organization_id=self.commune_b.id)
        self.assertEqual(set(self.by_id(overview)), {self.draft_b1.id})
        self.assertEqual(overview["organization_id"], self.commune_b.id)
        # the filter's choices stay those of the whole day
        self.assertEqual(
            [(o["name"], o["count"]) for o in overview["organizations"]],
            [("City", 3), ("Commune A", 2), ("Commune B", 1)])
        # a subtree outside the supervisor's cells shows nothing more
        self.assertEqual(self.overview(
            self.supervisor_user, organization_id=self.cell_a1.id)["meetings"], [])

    def test_counts_follow_the_attendance(self):
        before = self.by_id(self.overview(self.supervisor_user))[self.meeting.id]
        self.lines[self.a2_third].action_approve_excuse()
        after = self.by_id(self.overview(self.supervisor_user))[self.meeting.id]
        self.assertEqual((before["expected"], before["base"]), (4, 3))
        self.assertEqual((after["expected"], after["base"]), (3, 2))
        self.assertEqual((after["excuse_pending"], after["excuse_pending_names"]),
                         (0, []))
        self.lines[self.a2_official].action_absent()
        after = self.by_id(self.overview(self.supervisor_user))[self.meeting.id]
        self.assertEqual((after["present"], after["voters"]), (2, 1))
        self.assertFalse(after["quorum_met"])
        self.assertIn("the meeting is not valid", after["quorum_explanation"])

    def test_refresh_period_is_configurable(self):
        Parameter = self.env["ir.config_parameter"]
        self.assertEqual(self.overview(self.supervisor_user)["refresh_seconds"], 20)
        Parameter.set_param("party_handbook_meetings.day_view_refresh_seconds", "5")
        self.assertEqual(self.overview(self.supervisor_user)["refresh_seconds"], 5)
        Parameter.set_param("party_handbook_meetings.day_view_refresh_seconds", "0")
        self.assertEqual(self.overview(self.supervisor_user)["refresh_seconds"], 2)

    def test_bad_input_is_refused(self):
        with self.assertRaises(UserError):
            self.overview(self.supervisor_user, date="5/11/2026")
        with self.assertRaises(UserError):
            self.overview(self.supervisor_user, organization_id="Commune A")
        with self.assertRaises(UserError):
            self.overview(self.supervisor_user, organization_id=10 ** 8)

    def test_day_view_listen_pings_the_users_own_channel(self):
        Bus = self.env["bus.bus"]
        last = Bus.search([], order="id desc", limit=1).id or 0
        self.env["party.meeting"].sudo(self.supervisor_user).day_view_listen()
        channel = '["%s","res.partner",%s]' % (
            self.env.cr.dbname, self.supervisor_user.partner_id.id)
        self.assertEqual(Bus.search([("id", ">", last)]).mapped("channel"), [channel])

    def test_today_by_default(self):
        overview = self.env["party.meeting"].sudo(
            self.supervisor_user).get_day_overview()
        self.assertEqual(overview["date"], overview["today"])


class TestDayOverviewQueries(PartyCase):
    """The day view reads each model once for all the meetings of the day."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # one meeting on a day without others, twenty on the next day, all
        # alike, in the supervisor's two cells
        cls.day = free_day(cls.env)
        cls.one = cls.make_meeting(cls.cell_b1, at(cls.day, 0, "01:00:00"))
        for index in range(20):
            cls.make_meeting(cls.cell_a2 if index % 2 else cls.cell_b1,
                             at(cls.day, 1, "01:%02d:00" % index))

    @classmethod
    def make_meeting(cls, cell, start):
        meeting = cls.env["party.meeting"].create({
            "name": "Họp %s" % start, "organization_id": cell.id,
            "date_start": start, "location": "Nhà văn hóa",
            "chair_id": cell.member_ids[:1].id,
            "secretary_id": cell.member_ids[:1].id,
            "agenda_item_ids": [(0, 0, {"name": "Báo cáo",
                                        "presenter_id": cell.member_ids[:1].id})]})
        meeting.action_announce()
        with on_day(cls.env, cls.day + timedelta(days=1)):
            meeting.action_start()
        meeting.attendance_ids.action_present()
        Motion = cls.env["party.meeting.motion"]
        hands = Motion.create({"meeting_id": meeting.id, "name": "Biểu quyết 1"})
        hands.action_open_vote()
        hands.write({"yes_count": 1})
        hands.action_close_vote()
        named = Motion.create({"meeting_id": meeting.id, "name": "Biểu quyết 2",
                               "method": "named"})
        named.action_open_vote()
        named.sudo(cls.manager_user).cast_vote(
            "yes", member=meeting.attendance_ids[:1].member_id)
        return meeting

    def count_queries(self, user, date):
        Meeting = self.env["party.meeting"].sudo(user)
        self.env.cache.invalidate()
        before = self.cr.sql_log_count
        overview = Meeting.get_day_overview(date)
        return self.cr.sql_log_count - before, overview

    def test_queries_do_not_grow_with_the_meetings(self):
        one_day = fields.Date.to_string(self.day)
        next_day = fields.Date.to_string(self.day + timedelta(days=1))
        for user in (self.supervisor_user, self.manager_user):
            self.count_queries(user, one_day)  # warm the rule caches
            one, overview = self.count_queries(user, one_day)
            self.assertEqual(len(overview["meetings"]), 1)
            twenty, overview = self.count_queries(user, next_day)
            self.assertEqual(len(overview["meetings"]), 20)
            self.assertTrue(all(len(m["motions"]) == 2 and m["agenda"]
                                for m in overview["meetings"]))
            self.assertEqual(one, twenty, "%s: %s queries for one meeting, %s for "
                             "twenty" % (user.login, one, twenty))
            self.assertLess(twenty, 40)
