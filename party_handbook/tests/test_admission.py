# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Admission cases (issue #16, §2): the steps from the candidate to the
official member, the two-thirds edge, the age edges, the escalation after
three failed votes, working-day deadlines across Tết 2026, the reminders,
and access by role (allowed and denied, forged context). Dates are fixed
and in the past (no test depends on today's date)."""
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import mute_logger

from .common import PartyCase
from .test_data_protection import unclassified_fields

FORGED = {"tracking_disable": True, "install_mode": True, "internal_write": True,
          "skip_checks": True, "bypass_admission": True, "active_test": False}


class TestAdmission(PartyCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Admission = cls.env["party.admission"]
        cls.Holiday = cls.env["party.holiday"]
        cls.env["party.organization.position"].create({
            "organization_id": cls.cell_a1.id, "member_id": cls.a1_other.id,
            "role": "deputy", "date_start": "2024-01-01"})

    # helpers ---------------------------------------------------------------
    def new_case(self, user=None, **values):
        vals = {"name": "Nguyễn Văn Khoa", "organization_id": self.cell_a1.id,
                "date_of_birth": "1995-04-10", "gender": "male",
                "national_id": "046095001234", "phone": "0905 111 222"}
        vals.update(values)
        return self.Admission.sudo(user or self.secretary_user).create(vals)

    def case_at_vote(self, user=None, verification="2024-11-15", **values):
        case = self.new_case(user, **values)
        case.write({"course_name": "Lớp bồi dưỡng nhận thức về Đảng",
                    "course_certificate_date": "2024-09-20"})
        case.action_course_done()
        case.write({"application_date": "2024-10-01",
                    "sponsor_1_id": self.a1_official.id,
                    "sponsor_1_since": "2020-01-01",
                    "sponsor_2_id": self.a1_other.id,
                    "sponsor_2_since": "2021-06-01"})
        case.action_application_done()
        case.write({"verification_date": verification,
                    "verification_by": "Đảng ủy xã A"})
        case.action_verification_done()
        self.assertEqual(case.state, "vote")
        return case

    # the flow ------------------------------------------------------------------
    def test_flow_from_candidate_to_official_member(self):
        case = self.case_at_vote()
        self.assertEqual(case.application_recorded_by, self.secretary_user)
        self.assertTrue(case.verification_recorded_on)
        vote = case._record_vote("2024-12-13", 9, 6)
        self.assertTrue(vote.passed)
        self.assertEqual(vote.recorded_by, self.secretary_user)
        self.assertEqual(case.state, "decision")
        # the committee decides: not the secretary
        with self.assertRaises(AccessError):
            case.write({"decision_number": "12-QĐ/ĐU"})
        with self.assertRaises(AccessError):
            case.action_decide()
        officer_case = case.sudo(self.officer_user)
        officer_case.write({"decision_number": "12-QĐ/ĐU",
                            "decision_date": "2025-02-13"})
        officer_case.action_decide()
        self.assertEqual(case.state, "ceremony")
        self.assertEqual(case.decision_recorded_by, self.officer_user)
        self.assertEqual(case.ceremony_deadline, self.Holiday.add_working_days(
            "2025-02-13", 30))
        # the cell holds the ceremony: the member is created, admitted on
        # the ceremony's day (ngày vào Đảng), probationary
        case.write({"ceremony_date": "2025-03-06"})
        case.action_hold_ceremony()
        member = case.member_id
        self.assertEqual(case.state, "probation")
        self.assertEqual((member.state, member.admission_date,
                          member.organization_id, member.name),
                         ("probationary", "2025-03-06", self.cell_a1,
                          "Nguyễn Văn Khoa"))
        self.assertEqual(member.sudo().national_id, "046095001234")
        self.assertEqual(case.probation_end_date, "2026-03-06")
        self.assertEqual(member.probation_end_date, "2026-03-06")
        self.assertEqual(case.recognition_deadline, self.Holiday.add_working_days(
            "2026-03-06", 30))
        self.assertEqual(case.deadline, case.recognition_deadline)
        # no recognition vote before the probation ends
        with self.assertRaises(UserError):
            case._record_vote("2026-03-05", 9, 9)
        case._record_vote("2026-03-20", 9, 6)
        self.assertEqual(case.state, "recognition")
        officer_case.write({"recognition_decision_number": "40-QĐ/ĐU",
                            "recognition_decision_date": "2026-03-27"})
        officer_case.action_recognize()
        self.assertEqual(case.state, "official")
        # official from the end of the probation, not from the decision
        self.assertEqual((member.state, member.official_date),
                         ("official", "2026-03-06"))
        self.assertEqual(len(case.vote_ids), 2)

    def test_ceremony_date_frozen_once_held(self):
        """The probation counts from the ceremony: once it is recorded, its
        date no longer moves (a secretary could otherwise shorten it)."""
        case = self.case_at_vote()
        case._record_vote("2024-12-13", 9, 6)
        officer_case = case.sudo(self.officer_user)
        officer_case.write({"decision_number": "12-QĐ/ĐU",
                            "decision_date": "2025-02-13"})
        officer_case.action_decide()
        case.write({"ceremony_date": "2025-03-06"})
        case.action_hold_ceremony()
        self.assertEqual(case.state, "probation")
        for user in (self.secretary_user, self.officer_user):
            with self.assertRaises(UserError):
                case.sudo(user).with_context(
                    party_internal=True, install_mode=True).write(
                        {"ceremony_date": "2025-01-06"})
        self.assertEqual(case.probation_end_date, "2026-03-06")

    def test_steps_check_their_data_and_freeze_it(self):
        case = self.new_case()
        with self.assertRaises(UserError):
            case.action_course_done()       # no course recorded yet
        with self.assertRaises(UserError):
            case.action_application_done()  # not the stage
        with self.assertRaises(UserError):
            case._record_vote("2024-12-13", 9, 9)
        case.write({"course_name": "Lớp", "course_certificate_date": "2024-09-20"})
        case.action_course_done()
        with self.assertRaises(UserError):
            case.write({"course_name": "Another course"})
        with self.assertRaises(ValidationError):
            case.write({"application_date": "2999-01-01"})

    def test_sponsors_are_official_members_who_know_the_candidate(self):
        case = self.new_case()
        case.write({"course_name": "Lớp", "course_certificate_date": "2024-09-20"})
        case.action_course_done()
        case.write({"application_date": "2024-10-01",
                    "sponsor_1_id": self.a1_official.id,
                    "sponsor_1_since": "2020-01-01",
                    "sponsor_2_id": self.a1_probationary.id,
                    "sponsor_2_since": "2020-01-01"})
        with self.assertRaisesRegex(UserError, "official member"):
            case.action_application_done()
        case.write({"sponsor_2_id": self.a1_other.id,
                    "sponsor_2_since": "2024-01-01"})
        with self.assertRaisesRegex(UserError, "12 months"):
            case.action_application_done()
        case.write({"sponsor_2_id": self.a1_official.id,
                    "sponsor_2_since": "2020-01-01"})
        with self.assertRaisesRegex(UserError, "different"):
            case.action_application_done()
        # the secretary cannot name a member of another cell (Odoo 11 would
        # read that member's name back as the superuser)
        with self.assertRaises(AccessError), mute_logger("odoo.models"):
            case.with_context(**FORGED).write(
                {"sponsor_2_id": self.a2_official.id})
        self.assertEqual(case.sponsor_2_id, self.a1_official)
        # the commune's officer reads cell A2, but a member of another cell
        # does not sponsor
        as_officer = case.sudo(self.officer_user)
        as_officer.write({"sponsor_2_id": self.a2_official.id})
        with self.assertRaises(UserError):
            as_officer.action_application_done()
        # the Youth Union's committee in place of the second sponsor
        case.write({"sponsor_2_id": False, "youth_union_sponsor": "NQ 07-NQ/ĐTN"})
        case.action_application_done()
        self.assertEqual(case.state, "verification")

    # votes -------------------------------------------------------------------------
    def test_two_thirds_of_the_official_members_exactly(self):
        rule = self.env["party.rule"].get_fraction("admission_vote_fraction")
        self.assertEqual((rule.numerator, rule.denominator), (2, 3))
        passes = self.case_at_vote()
        self.assertTrue(passes._record_vote("2024-12-13", 9, 6).passed)
        self.assertEqual(passes.state, "decision")
        fails = self.case_at_vote(name="Trần Thị Lan")
        vote = fails._record_vote("2024-12-13", 8, 5)
        self.assertFalse(vote.passed)
        self.assertEqual(vote.needed_count, 6)
        self.assertIn("5 in favour of 8", vote.explanation)
        self.assertEqual((fails.state, fails.failed_admission_votes), ("vote", 1))
        with self.assertRaises(UserError):
            fails._record_vote("2024-12-20", 8, 9)   # more in favour than members
        with self.assertRaises(UserError):
            fails._record_vote("2999-12-20", 8, 8)   # in the future

    def test_age_at_the_vote_in_months(self):
        # 18 years 0 month on the day of the vote: may be admitted
        case = self.case_at_vote(date_of_birth="2008-06-15",
                                 verification="2026-06-01")
        case._record_vote("2026-06-15", 9, 9)
        self.assertEqual(case.state, "decision")
        # 17 years 11 months: refused
        case = self.case_at_vote(name="Lê Văn Trẻ", date_of_birth="2008-06-16",
                                 verification="2026-06-01")
        with self.assertRaisesRegex(UserError, "17 years 11 months"):
            case._record_vote("2026-06-15", 9, 9)
        # 60 years 0 month: may be admitted
        case = self.case_at_vote(name="Hồ Văn Niên", date_of_birth="1966-06-15",
                                 verification="2026-06-01")
        case._record_vote("2026-06-15", 9, 9)
        self.assertEqual(case.state, "decision")
        # 60 years 1 month: the province's approval first
        case = self.case_at_vote(name="Phan Văn Lão", date_of_birth="1966-05-15",
                                 verification="2026-06-01")
        with self.assertRaisesRegex(UserError, "60 years 1 months"):
            case._record_vote("2026-06-15", 9, 9)
        with self.assertRaises(AccessError):
            case.write({"province_approval_number": "123-CV/TU",
                        "province_approval_date": "2026-06-10"})
        case.sudo(self.officer_user).write({
            "province_approval_number": "123-CV/TU",
            "province_approval_date": "2026-06-10"})
        case._record_vote("2026-06-15", 9, 9)
        self.assertEqual(case.state, "decision")

    def test_three_failed_votes_go_to_the_upper_committee(self):
        case = self.case_at_vote()
        for day in ("2024-12-13", "2025-01-10"):
            case._record_vote(day, 9, 5)
            self.assertEqual(case.state, "vote")
        case._record_vote("2025-02-14", 9, 4)
        self.assertEqual(case.state, "escalated")
        self.assertEqual(case.escalated_on, "2025-02-14")
        self.assertEqual(case.failed_admission_votes, 3)
        activity = self.env["mail.activity"].search([
            ("res_model", "=", "party.admission"), ("res_id", "=", case.id),
            ("activity_type_id", "=", self.env.ref(
                "party_handbook.mail_activity_admission_escalated").id)])
        # the officers of the commune above the cell
        self.assertEqual(activity.mapped("user_id"), self.officer_user)
        with self.assertRaises(UserError):
            case._record_vote("2025-03-14", 9, 9)
        with self.assertRaises(UserError):
            case.write({"vote_entry_date": "2025-03-14"})

    # deadlines ---------------------------------------------------------------------
    def test_ceremony_deadline_counted_after_tet_2026(self):
        # decided on Friday 13/2/2026: Tết's days off (16–20/2, with the
        # weekends around them) are not working days
        self.assertEqual(self.Holiday.add_working_days("2026-02-13", 1),
                         "2026-02-23")
        case = self.case_at_vote()
        case._record_vote("2025-12-12", 9, 8)
        case.sudo(self.officer_user).write({"decision_number": "215-QĐ/ĐU",
                                            "decision_date": "2026-02-13"})
        case.sudo(self.officer_user).action_decide()
        self.assertEqual(case.ceremony_deadline, "2026-04-03")
        self.assertEqual(case.deadline, "2026-04-03")
        self.assertEqual(case._working_days_left("2026-03-30"), 4)
        self.assertEqual(case._working_days_left("2026-02-13"), 30)
        self.assertEqual(case._working_days_left("2026-04-06"), -1)
        return case

    @mute_logger("odoo.addons.party_handbook.models.party_batch")
    def test_daily_reminders_and_overdue_cases(self):
        case = self.test_ceremony_deadline_counted_after_tet_2026()
        Admission = self.Admission
        # (the demo's case decided on the same day may be reminded too)
        Admission._cron_admission_deadlines(commit=False, today="2026-03-01")
        self.assertFalse(case.activity_ids)   # more than 10 days before
        marked, reminded = Admission._cron_admission_deadlines(
            commit=False, today="2026-03-30")
        self.assertGreaterEqual(reminded, 1)
        activity = case.activity_ids
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.user_id, self.secretary_user)
        self.assertEqual(activity.date_deadline, "2026-04-03")
        # a rerun adds nothing
        self.assertEqual(Admission._cron_admission_deadlines(
            commit=False, today="2026-03-31"), (0, 0))
        # past the deadline: marked once
        self.assertFalse(case.overdue)
        marked, reminded = Admission._cron_admission_deadlines(
            commit=False, today="2026-04-06")
        self.assertGreaterEqual(marked, 1)
        self.assertEqual(reminded, 0)
        self.assertTrue(case.overdue)
        self.assertEqual(Admission._cron_admission_deadlines(
            commit=False, today="2026-04-07"), (0, 0))
        # the ceremony, late: the case moves on and is no longer overdue
        case.write({"ceremony_date": "2026-04-10"})
        case.action_hold_ceremony()
        self.assertFalse(case.overdue)
        self.assertEqual(case.state, "probation")

    # access -----------------------------------------------------------------------
    @mute_logger("odoo.addons.base.ir.ir_model", "odoo.models")
    def test_access_by_role(self):
        case = self.case_at_vote()
        other = self.new_case(user=self.manager_user, name="Hoàng Thị Mai",
                              organization_id=self.cell_b1.id)
        # members and supervising officers: no access at all
        for user in (self.member_user, self.supervisor_user):
            with self.assertRaises(AccessError):
                self.Admission.sudo(user).search([])
            with self.assertRaises(AccessError):
                case.sudo(user).read(["name"])
            with self.assertRaises(AccessError):
                self.new_case(user=user)
        # the secretary: own cell only
        Secretary = self.Admission.sudo(self.secretary_user)
        self.assertIn(case, Secretary.search([]))
        self.assertNotIn(other, Secretary.search([]))
        with self.assertRaises(AccessError):
            other.sudo(self.secretary_user).read(["name"])
        with self.assertRaises(AccessError):
            self.new_case(organization_id=self.cell_b1.id)
        with self.assertRaises(AccessError), self.cr.savepoint():
            # nor moved out of her cell
            case.write({"organization_id": self.cell_b1.id})
        # the commune's officer: its cells, not the other commune's
        Officer = self.Admission.sudo(self.officer_user)
        self.assertIn(case, Officer.search([]))
        self.assertNotIn(other, Officer.search([]))
        # the city's officer: everything
        self.assertIn(other, self.Admission.sudo(self.manager_user).search([]))
        # votes: read by the same roles, never written or created directly
        vote = case._record_vote("2024-12-13", 9, 6)
        with self.assertRaises(AccessError):
            vote.sudo(self.member_user).read(["passed"])
        with self.assertRaises(AccessError):
            vote.sudo(self.supervisor_user).read(["passed"])
        with self.assertRaises((AccessError, UserError)):
            vote.sudo(self.secretary_user).write({"passed": False})
        with self.assertRaises((AccessError, UserError)):
            vote.sudo(self.manager_user).write({"passed": False})
        with self.assertRaises((AccessError, UserError)):
            vote.sudo(self.manager_user).unlink()
        with self.assertRaises((AccessError, UserError)):
            self.env["party.admission.vote"].sudo(self.manager_user).create({
                "admission_id": case.id, "kind": "admission",
                "date": "2024-12-13", "official_count": 3, "yes_count": 3,
                "passed": True})

    @mute_logger("odoo.addons.base.ir.ir_model", "odoo.models")
    def test_forged_context_skips_nothing(self):
        case = self.new_case().with_context(**FORGED)
        for vals in ({"state": "official"}, {"state": "vote"},
                     {"member_id": self.a1_official.id}, {"overdue": True},
                     {"course_recorded_by": self.manager_user.id},
                     {"ceremony_deadline": "2030-01-01"}):
            with self.assertRaises(UserError):
                case.write(vals)
        with self.assertRaises(UserError):
            case.action_application_done()
        with self.assertRaises(AccessError):
            case.write({"decision_number": "1-QĐ"})
        with self.assertRaises(UserError):
            self.Admission.sudo(self.officer_user).with_context(**FORGED).create({
                "name": "X", "organization_id": self.cell_a1.id,
                "date_of_birth": "1990-01-01", "state": "probation"})
        with self.assertRaises(UserError):
            self.Admission.sudo(self.officer_user).with_context(**FORGED).create({
                "name": "X", "organization_id": self.cell_a1.id,
                "date_of_birth": "1990-01-01", "decision_number": "1-QĐ"})
        # the chatter keeps the steps whatever the context says
        case.write({"course_name": "Lớp", "course_certificate_date": "2024-09-20"})
        case.action_course_done()
        self.assertTrue(case.sudo().message_ids.filtered("tracking_value_ids"))
        # deleted only while nothing was recorded past the first step
        with self.assertRaises(UserError):
            case.unlink()
        fresh = self.new_case(name="Mới")
        fresh.unlink()

    def test_close_a_case(self):
        case = self.case_at_vote()
        case._record_vote("2024-12-13", 9, 9)
        with self.assertRaises(UserError):
            case.action_close()   # after the vote: the committee closes
        case.sudo(self.officer_user).action_close()
        self.assertEqual((case.state, case.closed_by), ("closed", self.officer_user))
        with self.assertRaises(UserError):
            case.sudo(self.officer_user).action_decide()

    def test_every_field_is_classified(self):
        for model in ("party.admission", "party.admission.vote"):
            self.assertFalse(unclassified_fields(self.env, model), model)
        self.assertTrue(self.env["party.rule"].get_value(
            "admission_sponsor_known_months"), 12)
