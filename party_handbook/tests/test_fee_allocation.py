# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A payment for a run of months pays them oldest month first (issue #16):
each month up to its due, the rest on the run's last month; the same
allocation when the dues are generated after the payment, when they are
recomputed and when the payments are settled."""
from ..models.party_integrity import (  # pylint: disable=missing-import-error
    internal_write)
from .common import PartyCase


class TestFeeAllocation(PartyCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.city.fee_wage_region = "2"
        cls.Due = cls.env["party.fee.due"]
        cls.Payment = cls.env["party.fee.payment"].sudo()

    def member(self, name, salary=10000000):
        member = self.create_member(name, self.cell_a1, "official")
        self.env["party.fee.basis"].create({
            "member_id": member.id, "category": "salary", "amount": salary,
            "date_from": "2026-02-01"})
        return member

    def pay(self, member, month_from, month_to, amount, settle=True):
        # paid in advance on a fixed past day (a payment is never dated in
        # the future; the months it pays may be)
        payment = self.Payment.create({
            "member_id": member.id, "date": "2026-02-15",
            "month_from": month_from, "month_to": month_to, "amount": amount,
            "channel": "cash"})
        if settle:
            self.Due._party_fee_settle(member.ids)
        return payment

    def dues(self, member, month_from, month_to):
        return [(d.month[:7], d.amount, d.amount_paid, d.state)
                for d in self.Due.search([
                    ("member_id", "=", member.id), ("month", ">=", month_from),
                    ("month", "<=", month_to)], order="month")]

    def reduce(self, member, month_from, month_to, percent=50):
        reduction = self.env["party.fee.exemption"].sudo(
            self.secretary_user).create({
                "member_id": member.id, "kind": "reduction",
                "percent": percent, "date_from": month_from,
                "date_to": month_to})
        reduction.sudo(self.officer_user).action_approve()

    def test_reduced_month_inside_a_paid_run(self):
        member = self.member("Trả Ba Tháng")
        self.Due._generate_for(member.ids, "2027-03-01")
        self.reduce(member, "2027-02-01", "2027-02-28")
        # January 100,000 + February 50,000 + March 100,000
        self.pay(member, "2027-01-01", "2027-03-01", 250000)
        self.assertEqual(self.dues(member, "2027-01-01", "2027-03-01"), [
            ("2027-01", 100000, 100000, "paid"),
            ("2027-02", 50000, 50000, "paid"),
            ("2027-03", 100000, 100000, "paid")])

    def test_underpayment_fills_oldest_months_first(self):
        member = self.member("Trả Thiếu")
        self.Due._generate_for(member.ids, "2026-04-01")
        self.pay(member, "2026-02-01", "2026-04-01", 150000)
        self.assertEqual(self.dues(member, "2026-02-01", "2026-04-01"), [
            ("2026-02", 100000, 100000, "paid"),
            ("2026-03", 100000, 50000, "partial"),
            ("2026-04", 100000, 0, "due")])
        self.assertEqual(member._party_fee_paid_through()[member.id], "2026-02")

    def test_overpayment_stays_on_the_last_month(self):
        member = self.member("Trả Thêm")
        self.Due._generate_for(member.ids, "2026-03-01")
        self.pay(member, "2026-02-01", "2026-03-01", 230000)
        self.assertEqual(self.dues(member, "2026-02-01", "2026-03-01"), [
            ("2026-02", 100000, 100000, "paid"),
            ("2026-03", 100000, 130000, "paid")])

    def test_cancelled_payment_ignored(self):
        member = self.member("Hủy Phiếu")
        self.Due._generate_for(member.ids, "2026-03-01")
        payment = self.pay(member, "2026-02-01", "2026-03-01", 200000)
        with internal_write(payment):
            payment.write({"state": "cancelled"})
        self.pay(member, "2026-02-01", "2026-02-01", 100000)
        self.assertEqual(self.dues(member, "2026-02-01", "2026-03-01"), [
            ("2026-02", 100000, 100000, "paid"),
            ("2026-03", 100000, 0, "due")])

    def test_rate_change_of_2028_inside_a_paid_run(self):
        # an "other member" in region II: 14,190 đ in 2027, 23,650 đ in 2028
        member = self.create_member("Đổi Mức", self.cell_a1, "official")
        self.Due._generate_for(member.ids, "2028-02-01")
        self.pay(member, "2027-11-01", "2028-02-01", 2 * 14190 + 2 * 23650)
        self.assertEqual(self.dues(member, "2027-11-01", "2028-02-01"), [
            ("2027-11", 14190, 14190, "paid"),
            ("2027-12", 14190, 14190, "paid"),
            ("2028-01", 23650, 23650, "paid"),
            ("2028-02", 23650, 23650, "paid")])

    def test_paid_in_advance_then_generated(self):
        """The dues generated after an advance payment get what settling
        them would give (one definition of the allocation)."""
        member = self.member("Trả Trước")
        self.Due._generate_for(member.ids, "2026-02-01")
        self.pay(member, "2026-02-01", "2026-04-01", 320000)
        # only February is generated: it takes its due, the rest waits
        self.assertEqual(self.dues(member, "2026-02-01", "2026-04-01"), [
            ("2026-02", 100000, 100000, "paid")])
        self.Due._generate_for(member.ids, "2026-04-01")
        generated = self.dues(member, "2026-02-01", "2026-04-01")
        self.assertEqual(generated, [
            ("2026-02", 100000, 100000, "paid"),
            ("2026-03", 100000, 100000, "paid"),
            ("2026-04", 100000, 120000, "paid")])
        self.Due._party_fee_settle(member.ids)
        self.assertEqual(self.dues(member, "2026-02-01", "2026-04-01"),
                         generated)

    def test_recompute_moves_the_allocation(self):
        """A reduction approved after a run was paid (recompute, then
        settle): the paid months keep what they got, the reduced later
        month owes half."""
        member = self.member("Giảm Sau")
        self.Due._generate_for(member.ids, "2026-04-01")
        self.pay(member, "2026-02-01", "2026-03-01", 200000)
        self.reduce(member, "2026-04-01", "2026-04-30")
        self.assertEqual(self.dues(member, "2026-02-01", "2026-04-01"), [
            ("2026-02", 100000, 100000, "paid"),
            ("2026-03", 100000, 100000, "paid"),
            ("2026-04", 50000, 0, "due")])
