# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.exceptions import UserError, ValidationError

from .common import PartyCase


class TestMemberLifecycle(PartyCase):

    def events(self, member):
        return member.history_ids.sorted("id").mapped("event")

    def test_admission_is_dated_in_history(self):
        member = self.a1_probationary
        self.assertEqual(member.state, "probationary")
        self.assertEqual(self.events(member), ["admission"])
        self.assertEqual(member.history_ids.date, "2026-03-01")
        self.assertEqual(member.probation_end_date, "2027-03-01")

    def test_probationary_becomes_official_with_the_cell_decision(self):
        member = self.a1_probationary
        member.action_make_official(date="2027-03-02", decision="12-QĐ/CB")
        self.assertEqual(member.state, "official")
        self.assertEqual(member.official_date, "2027-03-02")
        self.assertFalse(member.probation_end_date)
        last = member.history_ids.sorted("id")[-1]
        self.assertEqual((last.event, last.from_state, last.to_state, last.decision),
                         ("official", "probationary", "official", "12-QĐ/CB"))

    def test_official_date_before_admission_is_refused(self):
        with self.assertRaises(UserError):
            self.a1_probationary.action_make_official(date="2026-01-01")
        self.assertEqual(self.a1_probationary.state, "probationary")

    def test_only_probationary_members_become_official(self):
        with self.assertRaises(UserError):
            self.a1_official.action_make_official()

    def test_exemption_and_its_end(self):
        member = self.a1_official
        member.action_exempt(reason="Age and health")
        self.assertEqual(member.state, "exempted")
        member.action_end_exemption()
        self.assertEqual(member.state, "official")
        self.assertEqual(self.events(member)[-2:], ["exemption", "exemption_end"])

    def test_internal_transfer_keeps_history_and_records_dues(self):
        member = self.a1_official
        member.action_transfer_internal(
            self.cell_b1, date="2026-06-01", fee_paid_until="2026-05")
        self.assertEqual(member.organization_id, self.cell_b1)
        last = member.history_ids.sorted("id")[-1]
        self.assertEqual(
            (last.event, last.from_organization_id, last.to_organization_id,
             last.fee_paid_until),
            ("transfer_internal", self.cell_a1, self.cell_b1, "2026-05"))
        # history records follow the member to the new organization
        self.assertEqual(set(member.history_ids.mapped("organization_id")),
                         {self.cell_b1})

    def test_transfer_out_needs_a_destination_and_archives(self):
        with self.assertRaises(UserError):
            self.a2_official.action_transfer_out("")
        self.a2_official.action_transfer_out("Đảng bộ tỉnh Quảng Trị",
                                             fee_paid_until="2026-10")
        self.assertEqual(self.a2_official.state, "transferred_out")
        self.assertFalse(self.a2_official.active)

    def test_temporary_attachment(self):
        member = self.a1_official
        member.action_transfer_temporary(self.cell_b1, until="2027-01-01")
        self.assertEqual(member.state, "official")
        self.assertEqual(member.temporary_organization_id, self.cell_b1)
        member.action_end_temporary()
        self.assertFalse(member.temporary_organization_id)
        self.assertEqual(self.events(member)[-2:], ["temporary_out", "temporary_end"])

    def test_leaving_needs_a_form(self):
        with self.assertRaises(UserError):
            self.a2_official.action_leave("resigned_badly")
        self.a2_official.action_leave("struck_off", reason="Không sinh hoạt")
        self.assertEqual(self.a2_official.state, "left")
        self.assertEqual(self.a2_official.history_ids.sorted("id")[-1].leave_form,
                         "struck_off")

    def test_deceased_is_final(self):
        self.b1_official.action_deceased(date="2026-07-07")
        self.assertEqual(self.b1_official.state, "deceased")
        with self.assertRaises(UserError):
            self.b1_official.action_exempt()

    def test_status_wizard_applies_to_several_members(self):
        wizard = self.env["party.member.status"].with_context(
            active_model="party.member",
            active_ids=(self.a1_official | self.a1_other).ids).create({
                "action": "exempt", "reason": "Tuổi cao"})
        wizard.action_apply()
        self.assertEqual(set((self.a1_official | self.a1_other).mapped("state")),
                         {"exempted"})

    def test_status_wizard_checks_dues_month_format(self):
        wizard = self.env["party.member.status"].create({
            "member_ids": [(6, 0, self.a1_official.ids)],
            "action": "transfer_out", "destination": "Hà Nội",
            "fee_paid_until": "10/2026"})
        with self.assertRaises(UserError):
            wizard.action_apply()
        self.assertEqual(self.a1_official.state, "official")

    def test_dates_are_checked(self):
        with self.assertRaises(ValidationError):
            self.create_member("Too Young", self.cell_a1, "probationary",
                               date_of_birth="2010-01-01",
                               admission_date="2026-01-01")
        with self.assertRaises(ValidationError):
            self.a1_official.date_of_birth = "2999-01-01"

    def test_age_seniority_and_age_band(self):
        member = self.a1_official
        self.assertGreaterEqual(member.age, 56)
        self.assertEqual(member.age_band, "46_60" if member.age < 61 else "61_75")
        self.assertGreaterEqual(member.seniority, 16)
        member.date_of_birth = "1940-01-01"
        self.assertEqual(member.age_band, "over_75")
        # the daily job finds a stale band and fixes it, set-wise
        self.env.cr.execute(
            "UPDATE party_member SET age_band = 'under_30' WHERE id = %s",
            (member.id,))
        self.env["party.member"]._cron_update_age_bands()
        self.assertEqual(member.age_band, "over_75")

    def test_probation_reminder_goes_to_the_cell_secretary_once(self):
        # probation ends in ten days (the reminder comes 30 days before), on
        # the same calendar as the scheduled action's
        today = fields.Date.from_string(
            fields.Date.context_today(self.env["party.member"]))
        member = self.create_member(
            "Võ Thị Giang", self.cell_a1, "probationary",
            admission_date=fields.Date.to_string(
                today + timedelta(days=10) - relativedelta(months=12)))
        self.assertTrue(0 < member.probation_days_left <= 10)
        Member = self.env["party.member"]
        self.assertGreaterEqual(Member._cron_probation_reminders(), 1)
        activity = member.activity_ids
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.user_id, self.secretary_user)
        self.assertEqual(activity.date_deadline, member.probation_end_date)
        Member._cron_probation_reminders()
        self.assertEqual(len(member.activity_ids), 1, "a rerun adds nothing")

    def test_cell_needs_three_official_members_warns_but_does_not_block(self):
        self.assertEqual(self.cell_a1.official_count, 2)
        self.assertIn("needs at least 3", self.cell_a1.warning)
        self.create_member("Đỗ Văn Hải", self.cell_a1, "official")
        self.cell_a1.invalidate_cache()
        self.assertFalse(self.cell_a1.warning)
        self.assertFalse(self.commune_a.warning, "only cells need three")

    def test_counts_per_node_and_subtree(self):
        # counts are computed per request: start from a fresh cache
        self.env["party.organization"].invalidate_cache()
        self.assertEqual(self.cell_a1.member_count, 3)
        self.assertEqual(self.cell_a1.official_count, 2)
        self.assertEqual(self.commune_a.subtree_member_count, 4)
        self.assertEqual(self.commune_a.subtree_probationary_count, 1)
        self.assertEqual(self.city.subtree_official_count, 4)
