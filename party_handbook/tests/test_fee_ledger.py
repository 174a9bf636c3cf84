# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The party fee ledger (issue #16): rates by category and period,
retirement age, exemptions at 50 years of party age, reductions of at most
12 months, dues generated set-wise, arrears, paid-through, access."""
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import mute_logger

from ..fees import retirement  # pylint: disable=missing-import-error
from .common import PartyCase


class TestFeeLedger(PartyCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.city.fee_wage_region = "2"
        cls.commune_b.fee_wage_region = "4"
        cls.Due = cls.env["party.fee.due"]
        cls.Basis = cls.env["party.fee.basis"]
        cls.Exemption = cls.env["party.fee.exemption"]

    def basis(self, member, category, amount=0, date_from="2026-02-01", **vals):
        return self.Basis.create(dict({
            "member_id": member.id, "category": category, "amount": amount,
            "date_from": date_from}, **vals))

    def generate(self, members, through):
        return self.Due._generate_for(members.ids, through)

    def due(self, member, month):
        return self.Due.search([("member_id", "=", member.id),
                                ("month", "=", month)])

    def pay(self, member, month_from, month_to, amount):
        self.env["party.fee.payment"].sudo().create({
            "member_id": member.id, "date": month_from, "month_from": month_from,
            "month_to": month_to, "amount": amount, "channel": "cash"})
        self.Due._party_fee_settle(member.ids)

    # --- rates -----------------------------------------------------------

    def test_each_category_in_2026_and_2028(self):
        cases = [
            ("salary", 10000000, 100000, 100000),
            ("benefit", 5000000, 50000, 50000),
            ("pension", 6000000, 30000, 30000),
            ("student", 0, 5000, 5000),
            # region II (the city's): 4,730,000 đ
            ("other_working", 0, 14190, 23650),
        ]
        for index, (category, amount, in_2026, in_2028) in enumerate(cases):
            member = self.create_member("Thành viên %s" % index, self.cell_a1,
                                        "official")
            self.basis(member, category, amount)
            self.generate(member, "2028-03-01")
            self.assertEqual(self.due(member, "2026-03-01").amount, in_2026, category)
            self.assertEqual(self.due(member, "2027-12-01").amount, in_2026, category)
            self.assertEqual(self.due(member, "2028-01-01").amount, in_2028, category)
            self.assertEqual(self.due(member, "2026-03-01").category, category)
        # at or above retirement age (born 1950), region IV (inherited from
        # the commune): 3,700,000 đ × 0.2% then 0.3%
        retired = self.create_member("Hưu Trí", self.cell_b1, "official",
                                     date_of_birth="1950-04-02")
        self.basis(retired, "other_working")
        self.generate(retired, "2028-01-01")
        self.assertEqual(self.due(retired, "2026-02-01").category, "other_retired")
        self.assertEqual(self.due(retired, "2026-02-01").amount, 7400)
        self.assertEqual(self.due(retired, "2028-01-01").amount, 11100)
        # no basis recorded: an "other member" (below retirement age here)
        self.generate(self.b1_official, "2026-02-01")
        self.assertEqual(self.due(self.b1_official, "2026-02-01").amount, 11100)
        self.assertEqual(self.cell_b1.fee_wage_region_effective, "4")
        self.assertEqual(self.cell_a1.fee_wage_region_effective, "2")

    def test_retirement_age_edges(self):
        month = retirement.retirement_month
        self.assertEqual(month("male", 1960, 12), (2020, 12))    # 60 years
        self.assertEqual(month("male", 1961, 9), (2021, 12))     # 60y3m
        self.assertEqual(month("male", 1961, 10), (2022, 4))     # 60y6m
        self.assertEqual(month("male", 1966, 3), (2027, 12))     # 61y9m
        self.assertEqual(month("male", 1966, 4), (2028, 4))      # 62 years
        self.assertEqual(month("female", 1965, 12), (2020, 12))  # 55 years
        self.assertEqual(month("female", 1966, 1), (2021, 5))    # 55y4m
        self.assertEqual(month("female", 1975, 4), (2034, 12))   # 59y8m
        self.assertEqual(month("female", 1975, 5), (2035, 5))    # 60 years
        self.assertIsNone(month(False, 1970, 1))
        # the ledger switches the rate in the month the age is reached
        member = self.create_member("Sắp Hưu", self.cell_a1, "official",
                                    date_of_birth="1966-03-10")
        self.basis(member, "other_working")
        self.generate(member, "2027-12-01")
        self.assertEqual(self.due(member, "2027-11-01").category, "other_working")
        self.assertEqual(self.due(member, "2027-12-01").category, "other_retired")

    def test_overlaps_refused(self):
        member = self.create_member("Chồng Lấn", self.cell_a1, "official")
        self.basis(member, "salary", 8000000, date_to="2026-06-30")
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            self.basis(member, "pension", 5000000, date_from="2026-06-01")
        self.basis(member, "pension", 5000000, date_from="2026-07-01")
        with self.assertRaises(ValidationError):
            self.env["party.fee.rate"].create({
                "category": "student", "method": "fixed", "value": 6000,
                "date_from": "2027-01-01", "source": "test"})
        with self.assertRaises(ValidationError):
            self.env["party.fee.minimum.wage"].create({
                "region": "1", "amount": 6000000, "date_from": "2027-01-01",
                "source": "test"})

    # --- exemptions ------------------------------------------------------

    def test_exempt_from_the_month_of_50_years(self):
        member = self.create_member("Năm Mươi Năm", self.cell_a1, "official",
                                    admission_date="1976-05-15",
                                    date_of_birth="1950-02-01")
        self.basis(member, "pension", 6000000)
        self.generate(member, "2026-06-01")
        self.assertEqual(self.due(member, "2026-04-01").amount, 30000)
        self.assertEqual(self.due(member, "2026-04-01").state, "due")
        may = self.due(member, "2026-05-01")
        self.assertEqual((may.amount, may.state, may.party_age_exempt),
                         (0, "exempt", True))

    def test_reduction_of_twelve_months(self):
        member = self.create_member("Giảm Phí", self.cell_a1, "official")
        self.basis(member, "salary", 10000000)
        self.generate(member, "2027-04-01")
        with self.assertRaises(ValidationError):
            self.Exemption.create({
                "member_id": member.id, "kind": "reduction", "percent": 50,
                "date_from": "2026-03-01", "date_to": "2027-03-31"})
        with self.assertRaises(ValidationError):
            self.Exemption.create({
                "member_id": member.id, "kind": "reduction", "percent": 40,
                "date_from": "2026-03-01", "date_to": "2027-02-28"})
        reduction = self.Exemption.sudo(self.secretary_user).create({
            "member_id": member.id, "kind": "reduction", "percent": 50,
            "date_from": "2026-03-01", "date_to": "2027-02-28"})
        # requested: nothing changes yet
        self.assertEqual(self.due(member, "2026-03-01").amount, 100000)
        reduction.sudo(self.officer_user).action_approve()
        self.assertEqual(reduction.state, "approved")
        self.assertEqual(reduction.approved_by_id, self.officer_user)
        self.assertEqual(self.due(member, "2026-02-01").amount, 100000)
        self.assertEqual(self.due(member, "2026-03-01").amount, 50000)
        self.assertEqual(self.due(member, "2027-02-01").amount, 50000)
        self.assertEqual(self.due(member, "2027-03-01").amount, 100000)
        with self.assertRaises(UserError):
            reduction.sudo(self.secretary_user).write({"date_to": "2027-03-31"})
        with self.assertRaises(AccessError):
            reduction.sudo(self.secretary_user).action_cancel()
        reduction.sudo(self.officer_user).action_cancel()
        self.assertEqual(self.due(member, "2026-03-01").amount, 100000)

    @mute_logger("odoo.models", "odoo.addons.base.ir.ir_model")
    def test_paper_approval_and_states(self):
        member = self.a1_probationary
        self.basis(member, "salary", 9000000)
        self.generate(member, "2026-05-01")
        exemption = self.Exemption.sudo(self.secretary_user).create({
            "member_id": member.id, "kind": "illness",
            "date_from": "2026-04-01", "reason": "Ốm nặng"})
        self.assertEqual(exemption.percent, 100)
        as_secretary = exemption.sudo(self.secretary_user)
        with self.assertRaises(AccessError):
            as_secretary.action_approve()
        for context in ({}, {"internal_write": True, "tracking_disable": True,
                             "party_trusted": True}):
            with self.assertRaises((UserError, AccessError)):
                as_secretary.with_context(**context).write({"state": "approved"})
            with self.assertRaises((UserError, AccessError)):
                as_secretary.with_context(**context).write(
                    {"approved_by_id": self.secretary_user.id})
        wizard = self.env["party.fee.exemption.paper"].sudo(
            self.secretary_user).create({
                "exemption_id": exemption.id, "decision": "15/QĐ-ĐU",
                "approved_on": "2026-04-10",
                "approved_by": "Đồng chí Bí thư Đảng ủy phường"})
        wizard.action_record()
        self.assertEqual(exemption.state, "approved")
        self.assertEqual(exemption.recorded_by_id, self.secretary_user)
        self.assertEqual(exemption.paper_approved_by,
                         "Đồng chí Bí thư Đảng ủy phường")
        self.assertEqual(exemption.decision, "15/QĐ-ĐU")
        self.assertEqual(self.due(member, "2026-04-01").state, "exempt")
        self.assertEqual(self.due(member, "2026-03-01").amount, 90000)
        with self.assertRaises((AccessError, UserError)):
            as_secretary.unlink()
        with self.assertRaises(UserError):
            exemption.sudo(self.officer_user).unlink()
        with self.assertRaises(AccessError):
            as_secretary.action_refuse()
        # the audit trail: the approval is in the chatter
        self.assertTrue(exemption.sudo().message_ids.filtered(
            lambda m: m.tracking_value_ids))

    def test_basis_change_recomputes_unpaid_months(self):
        member = self.create_member("Đổi Lương", self.cell_a1, "official")
        basis = self.basis(member, "salary", 10000000)
        self.generate(member, "2026-04-01")
        self.pay(member, "2026-02-01", "2026-02-01", 100000)
        basis.amount = 12000000
        self.assertEqual(self.due(member, "2026-02-01").amount, 100000)  # paid
        self.assertEqual(self.due(member, "2026-03-01").amount, 120000)

    # --- generation, paid-through, arrears ---------------------------------

    def test_generation_idempotent_and_batched(self):
        Due = self.Due
        first = Due._cron_generate_dues(through="2026-04-20", batch_size=2,
                                        commit=False)
        self.assertGreaterEqual(first, 3 * 4)
        self.assertEqual(len(Due.search([("member_id", "=", self.a1_official.id)])), 3)
        self.assertEqual(Due._cron_generate_dues(
            through="2026-04-20", batch_size=2, commit=False), 0)
        # a new month: one due more per paying member
        Due._cron_generate_dues(through="2026-05-02", batch_size=3, commit=False)
        self.assertEqual(len(Due.search([("member_id", "=", self.a1_official.id)])), 4)
        # the probationary member owes from the month of admission
        self.assertEqual(
            Due.search([("member_id", "=", self.a1_probationary.id)]).mapped("month"),
            ["2026-05-01", "2026-04-01", "2026-03-01"])
        # a member who left owes through the month he left
        leaving = self.create_member("Ra Đi", self.cell_a1, "official")
        leaving.action_leave("removed" if "removed" in dict(
            self.env["party.member.history"]._fields["leave_form"].selection)
            else self.env["party.member.history"]._fields[
                "leave_form"].selection[0][0], date="2026-03-10")
        Due._cron_generate_dues(through="2026-05-02", commit=False)
        self.assertEqual(Due.search([("member_id", "=", leaving.id)]).mapped(
            "month"), ["2026-03-01", "2026-02-01"])
        # recorded late: the unpaid dues after the month he left go
        late = self.create_member("Ra Đi Muộn", self.cell_a1, "official")
        self.generate(late, "2026-05-01")
        late.action_deceased(date="2026-03-20")
        self.assertEqual(Due.search([("member_id", "=", late.id)]).mapped(
            "month"), ["2026-03-01", "2026-02-01"])

    def test_paid_through(self):
        member = self.create_member("Đóng Đủ", self.cell_a1, "official")
        self.basis(member, "salary", 10000000)
        self.assertEqual(member._party_fee_paid_through(), {member.id: False})
        self.generate(member, "2026-06-01")
        self.pay(member, "2026-02-01", "2026-03-01", 200000)
        self.pay(member, "2026-05-01", "2026-05-01", 100000)
        self.assertEqual(member._party_fee_paid_through()[member.id], "2026-03")
        self.pay(member, "2026-04-01", "2026-04-01", 100000)
        self.pay(member, "2026-06-01", "2026-06-01", 100000)
        self.assertEqual(member._party_fee_paid_through()[member.id], "2026-06")
        self.assertEqual(member.sudo(self.secretary_user).fee_paid_through,
                         "06/2026")

    def test_arrears(self):
        Activity = self.env["mail.activity"]
        kind = self.env.ref("party_handbook.mail_activity_fee_arrears")
        late = self.create_member("Nợ Phí", self.cell_a1, "official")
        reduced = self.create_member("Có Lý Do", self.cell_a1, "official")
        for member in late | reduced:
            self.basis(member, "salary", 10000000)
        self.generate(late | reduced, "2026-12-01")
        reduction = self.Exemption.create({
            "member_id": reduced.id, "kind": "reduction", "percent": 30,
            "date_from": "2026-03-01", "date_to": "2026-03-31"})
        reduction.sudo(self.officer_user).action_approve()

        def activities(member):
            return Activity.search([("res_model", "=", "party.member"),
                                    ("res_id", "=", member.id),
                                    ("activity_type_id", "=", kind.id)])
        # February and March past: two months, nothing
        self.Due._cron_arrears(today="2026-04-15", commit=False)
        self.assertFalse(activities(late))
        # April past too: three months, one activity to the secretary
        self.Due._cron_arrears(today="2026-05-02", commit=False)
        self.assertEqual(len(activities(late)), 1)
        self.assertEqual(activities(late).user_id, self.secretary_user)
        self.assertIn("2026", activities(late).summary)
        # the reduced month does not count: two months without a reason
        self.assertFalse(activities(reduced))
        # rerun, even after the activity is done: never twice a year
        activities(late).unlink()
        self.Due._cron_arrears(today="2026-06-02", commit=False)
        self.assertFalse(activities(late))
        self.assertEqual(len(activities(reduced)), 1)

    def test_arrears_backlog_in_small_batches(self):
        """The whole backlog in one run, batch after batch: each member-year
        once (the batches follow one another, none is read twice)."""
        kind = self.env.ref("party_handbook.mail_activity_fee_arrears")
        late = self.env["party.member"]
        for name in ("Nợ Một", "Nợ Hai", "Nợ Ba"):
            late |= self.create_member(name, self.cell_a1, "official")
        for member in late:
            self.basis(member, "salary", 10000000)
        self.generate(late, "2026-06-01")
        done = self.Due._cron_arrears(today="2026-06-02", batch_size=1,
                                      commit=False)
        self.assertEqual(done, 3)
        found = self.env["mail.activity"].search([
            ("res_model", "=", "party.member"), ("res_id", "in", late.ids),
            ("activity_type_id", "=", kind.id)])
        self.assertEqual(sorted(found.mapped("res_id")), sorted(late.ids))

    # --- access ------------------------------------------------------------

    @mute_logger("odoo.models", "odoo.addons.base.ir.ir_model")
    def test_access(self):
        for member in (self.a1_official, self.a1_other, self.b1_official):
            self.basis(member, "salary", 10000000)
        self.generate(self.a1_official | self.a1_other | self.b1_official,
                      "2026-03-01")
        own = self.Due.sudo(self.member_user).search([])
        self.assertEqual(own.mapped("member_id"), self.a1_official)
        groups = self.Due.sudo(self.member_user).read_group(
            [], ["amount", "member_id"], ["member_id"])
        self.assertEqual([g["member_id"][0] for g in groups], [self.a1_official.id])
        self.assertEqual(groups[0]["amount"], 200000)
        secretary = self.Due.sudo(self.secretary_user)
        self.assertFalse(secretary.search([("member_id", "=", self.b1_official.id)]))
        self.assertTrue(secretary.search([("member_id", "=", self.a1_official.id)]))
        b1_due = self.due(self.b1_official, "2026-02-01")
        with self.assertRaises(AccessError):
            b1_due.sudo(self.secretary_user).read(["amount"])
        self.assertFalse(self.Due.sudo(self.supervisor_user).search([]))
        self.assertFalse(self.env["party.fee.basis"].sudo(
            self.supervisor_user).search([]))
        forged = {"internal_write": True, "party_trusted": True,
                  "tracking_disable": True, "active_test": False}
        a1_due = self.due(self.a1_official, "2026-02-01")
        for user in (self.member_user, self.secretary_user, self.officer_user):
            with self.assertRaises((AccessError, UserError)):
                a1_due.sudo(user).with_context(**forged).write({"state": "paid"})
            with self.assertRaises((AccessError, UserError)):
                self.Due.sudo(user).with_context(**forged).create({
                    "member_id": self.a1_official.id, "month": "2027-01-01",
                    "amount": 0})
        with self.assertRaises((AccessError, UserError)):
            self.Due.with_context(**forged).create({
                "member_id": self.a1_official.id, "month": "2027-01-01"})
        with self.assertRaises(AccessError):
            self.Basis.sudo(self.member_user).create({
                "member_id": self.a1_official.id, "category": "student",
                "date_from": "2027-01-01"})
        with self.assertRaises(AccessError):
            self.Basis.sudo(self.secretary_user).create({
                "member_id": self.b1_official.id, "category": "student",
                "date_from": "2027-01-01"})
        self.assertEqual(a1_due.state, "due")
