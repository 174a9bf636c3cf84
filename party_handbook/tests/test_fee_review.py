# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Issue #16's review: what a member owes is told only to those who record
their payments (onchange and the cash sheet are not access-checked by
Odoo 11), nobody approves their own exemption, and the working-day calendar
answers bounded questions only."""
from odoo.exceptions import AccessError, UserError

from .test_fee_payment import FeeCase


class TestFeeReview(FeeCase):

    def onchange_amount(self, user, member):
        result = self.Payment.sudo(user).onchange(
            {"member_id": member.id, "month_from": False, "month_to": False,
             "amount": 0},
            "member_id",
            {"member_id": "1", "month_from": "", "month_to": "", "amount": ""})
        return result.get("value", {}).get("amount")

    def test_onchange_tells_only_the_recorder(self):
        # the cell's secretary is proposed the member's oldest unpaid month
        self.assertEqual(self.onchange_amount(self.secretary_user,
                                              self.a1_official), 30000)
        # a member, a supervisor, an officer of another commune: nothing
        for user in (self.member_user, self.supervisor_user, self.officer_user):
            self.assertFalse(self.onchange_amount(user, self.b1_official),
                             user.login)

    def test_cash_sheet_shows_no_fees_to_a_supervisor(self):
        Sheet = self.env["party.fee.cash.sheet"]
        # the supervisor follows cell B1's meetings, not its money
        self.assertEqual(Sheet.sudo(self.supervisor_user)._lines_for(
            self.cell_b1), [(5, 0, 0)])
        lines = Sheet.sudo(self.secretary_user)._lines_for(self.cell_a1)
        self.assertTrue(any(line[2]["amount"] == 30000 for line in lines[1:]))

    def test_nobody_approves_their_own_exemption(self):
        Exemption = self.env["party.fee.exemption"]
        own = Exemption.sudo(self.secretary_user).create({
            "member_id": self.a1_other.id, "kind": "poor_household",
            "date_from": "2026-02-01", "date_to": "2026-12-01",
            "reason": "Hộ cận nghèo"})
        with self.assertRaises(AccessError):
            own.action_record_paper_approval("01/GXN", "2026-02-10", "Bí thư")
        self.assertEqual(own.state, "draft")
        # for another member of the cell the paper approval is recorded
        other = Exemption.sudo(self.secretary_user).create({
            "member_id": self.a1_official.id, "kind": "poor_household",
            "date_from": "2026-02-01", "date_to": "2026-12-01",
            "reason": "Hộ cận nghèo"})
        other.action_record_paper_approval("02/GXN", "2026-02-10", "Bí thư")
        self.assertEqual(other.state, "approved")

    def test_calendar_questions_are_bounded(self):
        Holiday = self.env["party.holiday"].sudo(self.member_user)
        with self.assertRaises(UserError):
            Holiday.add_working_days("2026-01-01", 10 ** 9)
        with self.assertRaises(UserError):
            Holiday.working_days_between("2026-01-01", "9999-12-31")
        self.assertEqual(Holiday.add_working_days("2026-01-05", 30),
                         "2026-02-23")
