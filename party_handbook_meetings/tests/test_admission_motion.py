# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A meeting's motion of admission or recognition linked to an admission
case (issue #16, §2): its closed counts become the case's vote; the kinds
of decision read their numbers from the party.rule rows."""
from odoo.exceptions import AccessError, UserError
from odoo.tools import mute_logger

from .common import MeetingCase


class TestAdmissionMotion(MeetingCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.kind_admission = cls.env.ref(
            "party_handbook_meetings.decision_kind_admission")
        cls.kind_recognition = cls.env.ref(
            "party_handbook_meetings.decision_kind_recognition")

    def case_at_vote(self, name="Nguyễn Văn Khoa", organization=None):
        case = self.env["party.admission"].sudo(self.secretary_user).create({
            "name": name, "organization_id": (organization or self.cell_a1).id,
            "date_of_birth": "1995-04-10", "gender": "male"})
        if organization and organization != self.cell_a1:
            return case
        case.write({"course_name": "Lớp bồi dưỡng nhận thức về Đảng",
                    "course_certificate_date": "2025-09-20"})
        case.action_course_done()
        case.write({"application_date": "2025-10-01",
                    "sponsor_1_id": self.a1_official.id,
                    "sponsor_1_since": "2020-01-01",
                    "sponsor_2_id": self.a1_other.id,
                    "sponsor_2_since": "2021-06-01"})
        case.action_application_done()
        case.write({"verification_date": "2025-11-15",
                    "verification_by": "Đảng ủy xã A"})
        case.action_verification_done()
        return case

    def hand_vote(self, meeting, case, yes, kind=None):
        motion = self.motion(meeting, name="Kết nạp %s" % case.name,
                             decision_kind_id=(kind or self.kind_admission).id,
                             admission_id=case.id)
        motion.action_open_vote()
        motion.write({"yes_count": yes})
        motion.action_close_vote()
        return motion

    def test_closed_motion_becomes_the_cases_vote(self):
        case = self.case_at_vote()
        meeting = self.started_meeting()
        # cell A1: 7 official members (the exempted one counts; the member
        # attached elsewhere and the suspended one do not): 5 needed
        failed = self.hand_vote(meeting, case, 4)
        self.assertEqual(failed.subject_name, case.name)
        self.assertEqual(failed.result, "rejected")
        vote = case.vote_ids
        self.assertEqual((vote.source, vote.motion_id, vote.official_count,
                          vote.yes_count, vote.passed, vote.date),
                         ("meeting", failed, 7, 4, False, meeting.date_start[:10]))
        self.assertEqual(case.state, "vote")
        passed = self.hand_vote(meeting, case, 5)
        self.assertEqual(passed.result, "passed")
        self.assertEqual(case.state, "decision")
        self.assertEqual(len(case.vote_ids), 2)
        self.assertEqual(case.motion_ids, failed | passed)
        self.assertTrue(case.vote_ids[0].passed)

    def test_the_motion_follows_the_case(self):
        case = self.case_at_vote()
        meeting = self.started_meeting()
        # recognition of a case waiting for its admission vote: refused
        with self.assertRaises(UserError):
            self.hand_vote(meeting, case, 6, kind=self.kind_recognition)
        # a case of another cell
        other = self.env["party.admission"].sudo(self.manager_user).create({
            "name": "Hoàng Thị Mai", "organization_id": self.cell_b1.id,
            "date_of_birth": "1995-04-10"})
        with self.assertRaises(UserError):
            self.hand_vote(meeting, other, 6)
        # someone who may not write the case cannot link it
        with self.assertRaises(AccessError):
            self.env["party.meeting.motion"].sudo(self.supervisor_user).create({
                "meeting_id": meeting.id, "name": "X",
                "decision_kind_id": self.kind_admission.id,
                "admission_id": case.id})

    def test_three_failed_votes_through_meetings(self):
        case = self.case_at_vote()
        meeting = self.started_meeting()
        for _index in range(3):
            self.hand_vote(meeting, case, 3)
        self.assertEqual(case.state, "escalated")
        with self.assertRaises(UserError):
            self.hand_vote(meeting, case, 7)

    @mute_logger("odoo.models")
    def test_one_source_for_the_numbers(self):
        Rule = self.env["party.rule"]
        fraction = Rule.search([("code", "=", "admission_vote_fraction")])
        failed = Rule.search([("code", "=", "admission_failed_votes_escalation")])
        for kind in (self.kind_admission, self.kind_recognition):
            self.assertEqual((kind.numerator, kind.denominator,
                              kind.max_failed_votes), (2, 3, 3))
        fraction.write({"value": 0.75})
        failed.write({"value": 2})
        for kind in (self.kind_admission, self.kind_recognition):
            self.assertEqual((kind.numerator, kind.denominator,
                              kind.max_failed_votes), (3, 4, 2))
            rule = kind._rule()
            self.assertEqual((rule.numerator, rule.denominator, rule.max_failed),
                             (3, 4, 2))
        # the copy is not changed alone
        with self.assertRaises(UserError):
            self.kind_admission.write({"numerator": 2, "denominator": 3})
        self.kind_admission.write({"sequence": 21})
        self.assertEqual(self.kind_admission.numerator, 3)
        # the case reads the same rule: 6 of 8 passes, 5 of 8 fails now
        case = self.case_at_vote()
        self.assertFalse(case._record_vote("2025-12-12", 8, 5).passed)
        self.assertTrue(case._record_vote("2025-12-19", 8, 6).passed)
