# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Issue #16's review: what a member owes is told only to those who record
their payments (onchange and the cash sheet are not access-checked by
Odoo 11), nobody approves their own exemption, and the working-day calendar
answers bounded questions only."""
from odoo import fields
from odoo.exceptions import AccessError, UserError

from ..models.party_fee_payment import month_start
from .test_fee_payment import FORGED, MONTHS, FeeCase


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


class TestRecordsStayWithTheirMember(FeeCase):
    """A record about a member is not given to another member out of the
    caller's reach (Odoo 11 checks the rules before a write only), a fee
    basis or an exemption is not given to another member at all, and a
    basis dues were computed from is ended, not deleted."""

    def reward(self, user, member):
        return self.env["party.member.reward"].sudo(user).create({
            "member_id": member.id, "decision_number": "12-QĐ/ĐU",
            "issuing_body": "Đảng ủy xã A", "form": "certificate",
            "date": "2024-02-03"})

    def test_a_record_is_not_moved_out_of_reach(self):
        reward = self.reward(self.secretary_user, self.a1_official)
        # within the cell: a correction
        reward.write({"member_id": self.a1_other.id})
        self.assertEqual(reward.member_id, self.a1_other)
        # to a member of another cell (or commune), whatever the context
        for target in (self.a2_official, self.b1_official):
            with self.assertRaises(AccessError):
                reward.with_context(**FORGED).write({"member_id": target.id})
        self.assertEqual(reward.sudo().member_id, self.a1_other)
        self.assertEqual(reward.sudo().organization_id, self.cell_a1)
        # nor created for them
        with self.assertRaises(AccessError):
            self.reward(self.secretary_user, self.a2_official)
        # the commune's officer moves a reward between the commune's cells
        as_officer = reward.sudo(self.officer_user)
        as_officer.write({"member_id": self.a2_official.id})
        self.assertEqual(reward.sudo().organization_id, self.cell_a2)
        with self.assertRaises(AccessError):
            as_officer.write({"member_id": self.b1_official.id})

    def test_fee_basis_and_exemption_keep_their_member(self):
        basis = self.env["party.fee.basis"].sudo(self.secretary_user).create({
            "member_id": self.a1_official.id, "category": "pension",
            "amount": 6000000, "date_from": "2026-02-01"})
        exemption = self.env["party.fee.exemption"].sudo(
            self.secretary_user).create({
                "member_id": self.a1_official.id, "kind": "illness",
                "date_from": "2026-02-01", "reason": "Ốm nặng"})
        for record in (basis, exemption):
            with self.assertRaises(UserError):
                record.with_context(**FORGED).write(
                    {"member_id": self.a1_other.id})
            self.assertEqual(record.member_id, self.a1_official)

    def test_a_basis_dues_were_computed_from_is_ended_not_deleted(self):
        Basis = self.env["party.fee.basis"].sudo(self.secretary_user)
        used = Basis.create({
            "member_id": self.a1_official.id, "category": "pension",
            "amount": 6000000, "date_from": "2026-02-01",
            "date_to": "2026-04-30"})
        with self.assertRaises(UserError):
            used.with_context(**FORGED).unlink()
        self.assertTrue(used.exists())
        used.write({"date_to": "2026-03-31"})
        self.assertEqual(used.date_to, "2026-03-31")
        # a basis typed by mistake, no month computed from it yet: deleted
        unused = Basis.create({
            "member_id": self.a1_official.id, "category": "pension",
            "amount": 6000000, "date_from": "2027-01-01"})
        unused.unlink()
        self.assertFalse(unused.exists())

    def test_a_wizard_names_only_members_its_user_reads(self):
        sheet = self.env["party.fee.cash.sheet"].sudo(
            self.secretary_user).create({"organization_id": self.cell_a1.id})
        Line = self.env["party.fee.cash.sheet.line"].sudo(self.secretary_user)
        values = {"sheet_id": sheet.id, "month_from": MONTHS[0],
                  "month_to": MONTHS[0]}
        line = Line.create(dict(values, member_id=self.a1_official.id))
        self.assertEqual(line.read(["member_id"])[0]["member_id"][1],
                         self.a1_official.name)
        # another commune's member: refused, so their name is never read
        # back (Odoo 11 reads a many2one's name as the superuser)
        outsider = self.b1_official.id
        # the id as PostgreSQL reads it: a number, its text, a float, a pair
        for value in (outsider, str(outsider), float(outsider),
                      [outsider, "x"]):
            with self.assertRaises(AccessError, msg=repr(value)):
                Line.create(dict(values, member_id=value))
            with self.assertRaises(AccessError, msg=repr(value)):
                line.write({"member_id": value})
        # nor as a default from the context the caller writes
        with self.assertRaises(AccessError):
            Line.with_context(default_member_id=outsider).create(values)
        self.assertEqual(line.member_id, self.a1_official)
        # a platform-side model without our mixin: a position in a cell
        with self.assertRaises(AccessError):
            self.env["party.organization.position"].sudo(
                self.officer_user).create({
                    "organization_id": self.cell_a1.id, "member_id": outsider,
                    "role": "member", "date_start": "2020-01-01"})

    def test_cash_sheet_leaves_out_who_owes_nothing_and_is_exempt(self):
        # the city's month, as the sheet's, whatever the hour in UTC
        this_month = month_start(fields.Date.context_today(
            self.env.user.with_context(tz="Asia/Ho_Chi_Minh")))
        # this month exempt (50 years of party age): the probationary member
        # owes nothing at all; a1_official still owes February..May
        self.due(self.a1_probationary, this_month, 0)
        self.due(self.a1_official, this_month, 0)
        lines = self.env["party.fee.cash.sheet"].sudo(
            self.secretary_user)._lines_for(self.cell_a1)
        members = {line[2]["member_id"] for line in lines[1:]}
        self.assertNotIn(self.a1_probationary.id, members)
        self.assertIn(self.a1_official.id, members)
        self.assertIn(self.a1_other.id, members)
