# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Thresholds by kind of decision (issue #12): rules as data with their
source, each at its edge."""
from odoo.exceptions import AccessError, UserError
from odoo.tools import mute_logger

from ..models.statute import Rule, Tally
from .common import MeetingCase


def tally_of(official_present, official_absent=0):
    return Tally.from_lines(
        [(True, False, "present", False)] * official_present
        + [(True, False, "absent", False)] * official_absent)


class TestDecisionKinds(MeetingCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Kind = cls.env["party.meeting.decision.kind"]
        cls.ordinary = cls.env.ref("party_handbook_meetings.decision_kind_ordinary")
        cls.admission = cls.env.ref("party_handbook_meetings.decision_kind_admission")
        cls.recognition = cls.env.ref(
            "party_handbook_meetings.decision_kind_recognition")
        cls.discipline = cls.env.ref(
            "party_handbook_meetings.decision_kind_discipline")
        # cell A2: 12 official members
        cls.a2_members = cls.a2_official
        for index in range(11):
            cls.a2_members |= cls.create_member(
                "Thành viên A2 số %s" % index, cls.cell_a2, "official",
                email="a2_%s@example.org" % index)
        cls.a2_candidate = cls.create_member(
            "Dự bị A2", cls.cell_a2, "probationary", admission_date="2025-10-01")

    def a2_meeting(self):
        meeting = self.new_meeting(organization_id=self.cell_a2.id,
                                   chair_id=self.a2_official.id,
                                   secretary_id=self.a2_members[1].id)
        meeting.action_announce()
        meeting.action_start()
        meeting.attendance_ids.filtered(
            lambda l: l.state == "expected").action_present()
        return meeting

    def hand_vote(self, meeting, kind, yes, no=0, **values):
        motion = self.motion(meeting, decision_kind_id=kind.id, **values)
        motion.action_open_vote()
        motion.write({"yes_count": yes, "no_count": no})
        motion.action_close_vote()
        return motion

    def test_rules_are_data_with_their_source(self):
        rows = {kind.code: kind for kind in self.Kind.search([])}
        self.assertTrue({"ordinary", "admission", "recognition",
                         "discipline"} <= set(rows))
        shape = {code: (kind.base, kind.numerator, kind.denominator,
                        kind.comparison, kind.required_method or False,
                        kind.max_failed_votes)
                 for code, kind in rows.items()}
        self.assertEqual(shape["ordinary"], ("counted", 1, 2, "more_than", False, 0))
        self.assertEqual(shape["admission"],
                         ("official_members", 2, 3, "at_least", False, 3))
        self.assertEqual(shape["recognition"],
                         ("official_members", 2, 3, "at_least", False, 3))
        self.assertEqual(shape["discipline"],
                         ("counted", 1, 2, "more_than", "secret", 0))
        for kind in rows.values():
            self.assertTrue(kind.source and kind.explanation, kind.code)
        self.assertIn("294-QĐ/TW", self.recognition.source)
        # existing and new motions are ordinary resolutions by default
        meeting = self.started_meeting()
        self.assertEqual(self.motion(meeting).decision_kind_id, self.ordinary)

    @mute_logger("odoo.addons.base.ir.ir_model", "odoo.models")
    def test_rules_are_read_by_users_and_changed_by_administrators(self):
        self.assertTrue(self.ordinary.sudo(self.secretary_user).read(["name"]))
        self.assertTrue(self.ordinary.sudo(self.supervisor_user).source)
        with self.assertRaises(AccessError):
            self.ordinary.sudo(self.secretary_user).write({"numerator": 1})
        with self.assertRaises(AccessError):
            self.ordinary.sudo(self.manager_user).write({"denominator": 3})
        with self.assertRaises(AccessError):
            self.Kind.sudo(self.manager_user).create({
                "code": "x", "name": "X", "source": "Y"})

    def test_two_thirds_edges_in_the_statute(self):
        rule = self.recognition._rule()
        for members, needed in ((12, 8), (9, 6), (3, 2)):
            tally = tally_of(members)
            self.assertEqual(tally.official_members, members)
            self.assertEqual(tally.needed(rule), needed)
            self.assertTrue(tally.passes_rule(needed, rule))
            self.assertFalse(tally.passes_rule(needed - 1, rule))
            self.assertEqual(tally.verdict(needed, 0, 0, 2, 3, rule=rule)[0],
                             "passed")
            self.assertEqual(tally.verdict(needed - 1, 0, 0, 2, 3, rule=rule)[0],
                             "rejected")
        # ordinary: exactly half fails, one more passes
        ordinary = self.ordinary._rule()
        tally = tally_of(12)
        self.assertEqual(tally.verdict(6, 6, 0, 2, 3, rule=ordinary)[0], "rejected")
        self.assertEqual(tally.verdict(7, 5, 0, 2, 3, rule=ordinary)[0], "passed")
        # a rule with no source or text still explains itself
        bare = Rule("Bare", "official_members", 3, 4, "at_least", "", "", 0)
        result, text = tally.verdict(9, 0, 0, 2, 3, rule=bare)
        self.assertEqual(result, "passed")
        self.assertIn("3/4 of 12 (9 needed)", text)

    def test_official_members_are_counted_present_or_absent(self):
        # 12 official members, 9 present: the quorum (2/3 of 12 = 8) is met,
        # and two thirds are of the 12 official members, not of the present
        tally = tally_of(9, 3)
        rule = self.recognition._rule()
        self.assertEqual((tally.base, tally.official_members), (12, 12))
        self.assertEqual(tally.verdict(7, 2, 0, 2, 3, rule=rule)[0], "rejected")
        self.assertEqual(tally.verdict(8, 1, 0, 2, 3, rule=rule)[0], "passed")
        # cell A1: exempted members count (present or not), members attached
        # elsewhere and suspended members do not
        meeting = self.started_meeting()
        tally = meeting._tallies()[meeting.id]
        self.assertEqual((tally.summoned, tally.base, tally.official_members),
                         (9, 6, 7))

    def test_recognition_needs_two_thirds_of_the_official_members(self):
        meeting = self.a2_meeting()
        self.assertEqual(meeting.voter_count, 12)
        passed = self.hand_vote(meeting, self.recognition, 8, 4,
                                subject_member_id=self.a2_candidate.id)
        self.assertEqual(passed.result, "passed")
        self.assertIn("8 in favour meets the rule, at least two thirds of the 12 "
                      "official members of the cell (8 needed): the motion "
                      "passes.", passed.explanation)
        self.assertIn("Quy định 294-QĐ/TW (26/5/2025)", passed.explanation)
        failed = self.hand_vote(meeting, self.recognition, 7, 5,
                                subject_member_id=self.a2_official.id)
        self.assertEqual(failed.result, "rejected")
        self.assertIn("7 in favour does not meet the rule", failed.explanation)
        self.assertIn("failed vote 1 of 3", failed.explanation)
        # an ordinary resolution with 7 of 12 passes
        self.assertEqual(self.hand_vote(meeting, self.ordinary, 7, 5).result,
                         "passed")
        # and with exactly half fails
        half = self.hand_vote(meeting, self.ordinary, 6, 6)
        self.assertEqual(half.result, "rejected")
        self.assertIn("exactly half", half.explanation)
        self.assertIn("Điều lệ Đảng", half.explanation)

    def test_three_failed_votes_then_the_upper_committee(self):
        meeting = self.a2_meeting()
        for number in (1, 2, 3):
            motion = self.hand_vote(meeting, self.admission, 7, 5,
                                    subject_name="Nguyễn Văn Xin")
            self.assertEqual(motion.result, "rejected")
            self.assertIn("failed vote %s of 3" % number, motion.explanation)
        self.assertIn("goes to the upper committee", motion.explanation)
        fourth = self.motion(meeting, decision_kind_id=self.admission.id,
                             subject_name=" nguyễn văn xin ")
        with self.assertRaisesRegex(UserError, "upper committee"):
            fourth.action_open_vote()
        self.assertEqual(fourth.state, "draft")
        # another person's case and another kind of decision are voted
        other = self.hand_vote(meeting, self.admission, 8, 4,
                               subject_name="Trần Thị Khác")
        self.assertEqual(other.result, "passed")
        recognition = self.motion(meeting, decision_kind_id=self.recognition.id,
                                  subject_name="Nguyễn Văn Xin")
        recognition.action_open_vote()
        self.assertEqual(recognition.state, "open")

    def test_discipline_is_voted_by_secret_ballot_only(self):
        meeting = self.started_meeting()
        for method in ("hands", "named"):
            motion = self.motion(meeting, method=method,
                                 decision_kind_id=self.discipline.id,
                                 subject_member_id=self.officials[0].id)
            with self.assertRaisesRegex(UserError, "secret ballot"):
                motion.action_open_vote()
            self.assertEqual(motion.state, "draft")
        secret = self.motion(meeting, method="secret",
                             decision_kind_id=self.discipline.id,
                             subject_member_id=self.officials[0].id)
        secret.action_open_vote()
        self.assertEqual(secret.state, "open")
        # the kind, the method and the person no longer change
        with self.assertRaisesRegex(UserError, "is open"):
            secret.write({"decision_kind_id": self.ordinary.id})
        with self.assertRaisesRegex(UserError, "is open"):
            secret.write({"subject_member_id": self.officials[1].id})

    def test_a_decision_on_a_person_names_the_person(self):
        meeting = self.started_meeting()
        motion = self.motion(meeting, decision_kind_id=self.recognition.id)
        with self.assertRaisesRegex(UserError, "person concerned"):
            motion.action_open_vote()
        motion.write({"subject_member_id": self.a1_probationary.id})
        motion.action_open_vote()
        self.assertEqual(motion.state, "open")
