# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The day view assembled in SQL (issue #13) answers what the ORM version
answered, builds its explanations on demand, and keeps each user's view."""
from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tools import mute_logger

from .common import MeetingCase
from .day_view_reference import reference_overview
from .test_party_meeting_day_view import at, free_day, on_day


def explanation_keys(overview):
    keys = []
    for meeting in overview["meetings"]:
        keys.append("meeting-%s" % meeting["id"])
        keys.extend("motion-%s" % motion["id"] for motion in meeting["motions"])
    return keys


def without_flags(overview):
    """The answer without what the reference did not have."""
    for meeting in overview["meetings"]:
        for motion in meeting["motions"]:
            motion.pop("has_explanation")
    return overview


class TestDayViewSql(MeetingCase):
    """On a day free of other meetings: a started meeting of cell A1 (a
    closed hand vote, an open named vote, an open secret ballot, a closed
    secret ballot with paper ballots, an excuse request, an agenda with a
    presenter), a draft meeting of cell B1, an announced meeting of A2."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.day = free_day(cls.env)
        cls.day_text = fields.Date.to_string(cls.day)
        Meeting = cls.env["party.meeting"]
        cls.meeting = Meeting.create({
            "name": "Sinh hoạt chi bộ", "organization_id": cls.cell_a1.id,
            "date_start": at(cls.day, -1, "23:30:00"),
            "date_end": at(cls.day, 0, "02:00:00"),
            "location": "Nhà văn hóa thôn", "chair_id": cls.a1_other.id,
            "secretary_id": cls.officials[0].id,
            "agenda_item_ids": [
                (0, 0, {"name": "Thời sự", "sequence": 2}),
                (0, 0, {"name": "Kiểm điểm", "sequence": 1,
                        "presenter_id": cls.a1_other.id})]})
        cls.meeting.action_announce()
        with on_day(cls.env, cls.day):
            cls.meeting.action_start()
        lines = {line.member_id: line for line in cls.meeting.attendance_ids}
        for member in cls.officials | cls.a1_other | cls.a1_official:
            lines[member].action_present()
        cls.a1_probationary.action_record_assistance_consent("Signed form")
        lines[cls.a1_probationary].action_request_excuse("Ốm")
        Motion = cls.env["party.meeting.motion"]
        cls.hands = Motion.create({"meeting_id": cls.meeting.id, "sequence": 1,
                                   "name": "Nghị quyết", "method": "hands"})
        cls.hands.action_open_vote()
        cls.hands.write({"yes_count": 5, "no_count": 1, "abstain_count": 0})
        cls.hands.action_close_vote()
        cls.named = Motion.create({"meeting_id": cls.meeting.id, "sequence": 2,
                                   "name": "Khen thưởng", "method": "named"})
        cls.named.action_open_vote()
        cls.named.sudo(cls.manager_user).cast_vote("no", member=cls.a1_other)
        cls.secret = Motion.create({"meeting_id": cls.meeting.id, "sequence": 3,
                                    "name": "Bầu cử", "method": "secret"})
        cls.secret.action_open_vote()
        cls.secret.sudo()._cast(cls.officials[0].id, "yes")
        cls.secret.sudo()._cast(cls.officials[1].id, "no")
        cls.draft_b1 = Meeting.create({
            "name": "Chuyên đề", "organization_id": cls.cell_b1.id,
            "meeting_type": "thematic", "date_start": at(cls.day, 0, "07:00:00")})
        cls.meeting_a2 = Meeting.create({
            "name": "Sinh hoạt A2", "organization_id": cls.cell_a2.id,
            "date_start": at(cls.day, 0, "01:00:00"),
            "online_url": "https://x.example", "chair_id": cls.a2_official.id,
            "secretary_id": cls.a2_official.id})
        cls.meeting_a2.action_announce_anyway()
        cls.nobody = cls.create_user("member", [], partner=cls.b1_official,
                                     login="ph_dvs_b1")

    def overview(self, user, day=None, organization_id=False, expanded=None):
        return self.env["party.meeting"].sudo(user).with_context(
            tz="Asia/Ho_Chi_Minh").get_day_overview(
                day or self.day_text, organization_id, expanded)

    def reference(self, user, day=None, organization_id=False):
        return reference_overview(self.env["party.meeting"].sudo(user).with_context(
            tz="Asia/Ho_Chi_Minh"), day or self.day_text, organization_id)

    def users(self):
        return (self.manager_user, self.officer_user, self.supervisor_user,
                self.secretary_user, self.member_user, self.nobody)

    def test_same_answer_as_the_orm_version(self):
        # the test's day, and every day of the demo's meetings
        self.env.cr.execute("SELECT DISTINCT date FROM party_meeting "
                            "WHERE date IS NOT NULL ORDER BY 1")
        days = [self.day_text] + [str(row[0]) for row in self.env.cr.fetchall()]
        compared = 0
        for user in self.users():
            for day in days:
                expected = self.reference(user, day)
                got = self.overview(user, day, expanded=explanation_keys(expected))
                self.assertEqual(without_flags(got), expected,
                                 "%s on %s" % (user.login, day))
                compared += len(expected["meetings"])
        self.assertGreater(compared, 10)
        for organization in (self.commune_a, self.cell_b1, self.city):
            expected = self.reference(self.manager_user, None, organization.id)
            got = self.overview(self.manager_user, None, organization.id,
                                explanation_keys(expected))
            self.assertEqual(without_flags(got), expected, organization.name)

    def test_explanations_are_built_on_demand(self):
        overview = self.overview(self.officer_user)
        card = [m for m in overview["meetings"] if m["id"] == self.meeting.id][0]
        self.assertEqual(card["quorum_explanation"], "")
        hands, named, secret = card["motions"]
        self.assertEqual((hands["explanation"], hands["has_explanation"]),
                         ("", True))
        self.assertFalse(named["has_explanation"])
        self.assertFalse(secret["has_explanation"])
        keys = ["meeting-%s" % self.meeting.id, "motion-%s" % self.hands.id,
                "meeting-%s" % self.meeting_a2.id, "motion-%s" % self.named.id]
        texts = self.env["party.meeting"].sudo(
            self.officer_user).get_day_explanations(keys)
        self.assertEqual(texts["meeting-%s" % self.meeting.id],
                         self.meeting.quorum_explanation)
        self.assertIn("the meeting is valid", texts["meeting-%s" % self.meeting.id])
        self.assertEqual(texts["motion-%s" % self.hands.id], self.hands.explanation)
        self.assertIn("more than half", texts["motion-%s" % self.hands.id])
        self.assertEqual(texts["motion-%s" % self.named.id], "")
        # A2's roster exists but nothing is recorded yet
        self.assertIn("Counted members", texts["meeting-%s" % self.meeting_a2.id])
        # the open explanations come with the answer
        card = [m for m in self.overview(self.officer_user, expanded=keys)["meetings"]
                if m["id"] == self.meeting.id][0]
        self.assertEqual(card["quorum_explanation"],
                         texts["meeting-%s" % self.meeting.id])
        self.assertEqual(card["motions"][0]["explanation"],
                         texts["motion-%s" % self.hands.id])
        # a draft meeting has none; unknown keys are left out
        texts = self.env["party.meeting"].sudo(self.manager_user).get_day_explanations(
            ["meeting-%s" % self.draft_b1.id, "motion-0", "meeting-x", "other-1"])
        self.assertEqual(texts, {"meeting-%s" % self.draft_b1.id: ""})
        with self.assertRaises(UserError):
            self.env["party.meeting"].sudo(self.manager_user).get_day_explanations(
                "meeting-%s" % self.meeting.id)
        # digits Python's isdigit() accepts but int() refuses; a huge list
        Meeting = self.env["party.meeting"].sudo(self.manager_user)
        self.assertEqual(Meeting.get_day_explanations(
            ["motion-\u00b2", "meeting-\u00b9", "motion-99999999999"]), {})
        with self.assertRaises(UserError):
            Meeting.get_day_explanations(["motion-1"] * 5001)

    def test_explanations_follow_the_record_rules(self):
        keys = ["meeting-%s" % self.meeting.id, "motion-%s" % self.hands.id,
                "meeting-%s" % self.draft_b1.id]
        # the supervisor follows A2 and B1: nothing of A1's
        texts = self.env["party.meeting"].sudo(
            self.supervisor_user).get_day_explanations(keys)
        self.assertEqual(set(texts), {"meeting-%s" % self.draft_b1.id})
        # nor in the answer when asked for as open
        overview = self.overview(self.supervisor_user, expanded=keys)
        self.assertEqual({m["id"] for m in overview["meetings"]},
                         {self.draft_b1.id, self.meeting_a2.id})
        self.assertEqual(self.env["party.meeting"].sudo(
            self.nobody).get_day_explanations(keys[:2]), {})

    def test_each_user_sees_their_subtree(self):
        ids = {user: {m["id"] for m in self.overview(user)["meetings"]}
               for user in self.users()}
        self.assertEqual(ids[self.manager_user],
                         {self.meeting.id, self.draft_b1.id, self.meeting_a2.id})
        # the commune officer of A: A1 and A2, not B1
        self.assertEqual(ids[self.officer_user],
                         {self.meeting.id, self.meeting_a2.id})
        self.assertEqual(ids[self.supervisor_user],
                         {self.draft_b1.id, self.meeting_a2.id})
        self.assertEqual(ids[self.member_user], {self.meeting.id})
        # a member of B1 does not see B1's meeting while it is a draft
        self.assertEqual(ids[self.nobody], set())
        self.draft_b1.organization_id = self.cell_a2
        overview = self.overview(self.nobody)
        self.assertEqual((overview["meetings"], overview["organizations"],
                          overview["totals"]["meetings"]), ([], [], 0))
        # the commune officer's filter offers his subtree's organizations
        self.assertEqual(
            [o["name"] for o in self.overview(self.officer_user)["organizations"]],
            ["City", "Commune A"])

    @mute_logger("odoo.addons.base.ir.ir_model")
    def test_a_user_without_the_right_gets_nothing(self):
        user = self.env["res.users"].with_context(no_reset_password=True).create({
            "name": "Employee", "login": "ph_dvs_employee",
            "groups_id": [(6, 0, [self.env.ref("base.group_user").id])]})
        with self.assertRaises(AccessError):
            self.overview(user)
        with self.assertRaises(AccessError):
            self.env["party.meeting"].sudo(user).get_day_explanations(
                ["meeting-%s" % self.meeting.id])

    def test_secret_ballot_tells_how_many_not_how(self):
        card = [m for m in self.overview(self.manager_user)["meetings"]
                if m["id"] == self.meeting.id][0]
        secret = card["motions"][2]
        self.assertEqual((secret["state"], secret["method"]), ("open", "secret"))
        self.assertEqual((secret["yes"], secret["no"], secret["abstain"],
                          secret["result"], secret["explanation"]),
                         (None, None, None, False, ""))
        self.assertEqual(secret["voted"], 2)
        self.assertIn("Online: 2 ballots", secret["ballot_parts"])
        named = card["motions"][1]
        self.assertEqual((named["yes"], named["no"], named["voted"]),
                         (None, None, 1))

    def test_queries_are_few_and_do_not_depend_on_the_meetings(self):
        Meeting = self.env["party.meeting"].sudo(self.manager_user)
        Meeting.get_day_overview(self.day_text)  # rule and translation caches
        self.env.cache.invalidate()
        before = self.cr.sql_log_count
        Meeting.get_day_overview(self.day_text)
        many = self.cr.sql_log_count - before
        empty_day = fields.Date.to_string(self.day + timedelta(days=3))
        self.env.cache.invalidate()
        before = self.cr.sql_log_count
        Meeting.get_day_overview(empty_day)
        self.assertLessEqual(many, 10)
        self.assertLessEqual(self.cr.sql_log_count - before, many)
