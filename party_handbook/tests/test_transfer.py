# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Transfers as the QĐ 4192-QĐ/BTCTW procedure (models/party_transfer.py):
the steps and who may do them, the member's move, the working-day deadlines
across Tết 2026, the fees paid through on the letter, the reminders."""
from unittest.mock import patch

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import mute_logger

from .common import PartyCase
from .test_data_protection import unclassified_fields

REVIEW = "Tôi luôn chấp hành Điều lệ Đảng, sinh hoạt đầy đủ."


class TransferCase(PartyCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Transfer = cls.env["party.transfer"]
        cls.b1_secretary_member = cls.create_member(
            "Võ Thị Giang", cls.cell_b1, "official")
        cls.b1_secretary = cls.create_user(
            "secretary", [cls.cell_b1], partner=cls.b1_secretary_member,
            login="ph_b1_secretary")
        cls.env["party.organization.position"].create({
            "organization_id": cls.cell_b1.id,
            "member_id": cls.b1_secretary_member.id,
            "role": "secretary", "date_start": "2025-01-01"})
        cls.officer_b = cls.create_user("officer", [cls.commune_b],
                                        login="ph_officer_b")

    def request(self, member=None, user=None, **values):
        vals = {
            "member_id": (member or self.a1_official).id,
            "reason": "job", "change_date": "2026-01-05",
            "request_date": "2026-01-20",
            "to_organization_id": self.cell_b1.id, "self_review": REVIEW,
        }
        vals.update(values)
        return self.Transfer.sudo(user or self.secretary_user).create(vals)

    def issue(self, transfer, fee="2026-01", date="2026-02-10"):
        transfer.action_review()
        transfer.write({"letter_number": "15-GGT/ĐU", "letter_date": date,
                        "fee_paid_until_entered": fee})
        transfer.action_issue_letter()
        return transfer


class TestTransferFlow(TransferCase):

    def test_internal_transfer_both_sides(self):
        transfer = self.request()
        self.assertEqual(transfer.state, "requested")
        self.assertTrue(transfer.assisted)
        self.assertEqual(transfer.requested_by, self.secretary_user)
        self.assertEqual(transfer.direction, "internal")
        self.assertEqual(transfer.from_organization_id, self.cell_a1)
        # the receiving side cannot review
        as_b1 = transfer.sudo(self.b1_secretary)
        with self.assertRaises(AccessError):
            as_b1.action_review()
        self.issue(transfer)
        self.assertEqual(transfer.state, "letter_issued")
        self.assertEqual(transfer.fee_paid_until, "2026-01")
        self.assertEqual(transfer.fee_paid_source, "entered")
        # the sending side cannot receive nor accept
        with self.assertRaises(AccessError):
            transfer.action_receive()
        # the receiving side sees the transfer, not the member's profile
        self.assertEqual(as_b1.member_name, self.a1_official.name)
        self.assertIn(transfer, self.Transfer.sudo(self.b1_secretary).search([]))
        with self.assertRaises(AccessError), mute_logger("odoo.models"):
            self.a1_official.sudo(self.b1_secretary).read(["name"])
        # neither may write the other's fields
        with self.assertRaises(UserError):
            transfer.write({"dvc_receive_reference": "X-1"})
        as_b1.write({"dvc_receive_reference": "G22-RECV-1",
                     "received_date": "2026-03-02"})
        as_b1.action_receive()
        self.assertEqual(transfer.received_by, self.b1_secretary)
        self.assertFalse(transfer.present_late_received)
        with self.assertRaises(AccessError):
            transfer.action_accept()
        as_b1.write({"accept_date": "2026-03-05"})
        as_b1.action_accept()
        self.assertEqual(transfer.state, "accepted")
        self.assertEqual(self.a1_official.organization_id, self.cell_b1)
        row = self.a1_official.history_ids.filtered(
            lambda h: h.event == "transfer_internal")
        self.assertEqual(len(row), 1)
        self.assertEqual(row.fee_paid_until, "2026-01")
        # as Vietnamese pages write a month
        self.assertEqual(row.fee_paid_until_label, "01/2026")
        self.assertEqual(transfer.fee_paid_until_label, "01/2026")
        self.assertEqual(row.date, "2026-03-05")
        self.assertEqual(row.user_id, self.b1_secretary)
        self.assertEqual(row.decision, "15-GGT/ĐU")
        # now a member of B1: their profile is the receiving side's
        self.a1_official.sudo(self.b1_secretary).read(["name"])

    def test_outgoing_transfer_recorded_by_the_sending_side(self):
        transfer = self.request(to_organization_id=False,
                                to_organization_name="Chi bộ Sở Y tế Đà Nẵng")
        self.assertEqual(transfer.direction, "outgoing")
        self.issue(transfer)
        transfer.action_receive()
        transfer.action_accept()
        self.assertEqual(self.a1_official.state, "transferred_out")
        self.assertFalse(self.a1_official.active)
        row = self.a1_official.with_context(active_test=False).history_ids[:1]
        self.assertEqual(row.event, "transfer_out")
        self.assertEqual(row.destination, "Chi bộ Sở Y tế Đà Nẵng")
        self.assertEqual(row.fee_paid_until, "2026-01")

    def test_temporary_attachment(self):
        transfer = self.request(kind="temporary", to_organization_id=self.cell_a2.id,
                                temporary_until="2026-12-31", self_review=False)
        self.issue(transfer)
        # cell A2 receives: the secretary of A1 cannot, the commune can
        with self.assertRaises(AccessError):
            transfer.action_receive()
        transfer.sudo(self.officer_user).action_receive()
        transfer.sudo(self.officer_user).action_accept()
        self.assertEqual(self.a1_official.temporary_organization_id, self.cell_a2)
        self.assertEqual(self.a1_official.organization_id, self.cell_a1)

    def test_incoming_from_outside_creates_the_member(self):
        values = {
            "member_name": "Lê Thị Thu Hà", "member_gender": "female",
            "member_date_of_birth": "1988-04-12",
            "member_admission_date": "2012-09-02",
            "member_official_date": "2013-09-02", "member_status": "official",
            "from_organization_name": "Chi bộ TDP 5, phường Hòa Khánh, Đà Nẵng",
            "to_organization_id": self.cell_a1.id,
            "letter_number": "42-GGT/ĐU", "letter_date": "2026-03-02",
            "fee_paid_until_entered": "2026-02", "received_date": "2026-03-10",
            "change_date": "2026-02-16", "dvc_reference": "G01-0117",
        }
        # another cell's secretary cannot record it for cell A1
        with self.assertRaises(AccessError):
            self.Transfer.sudo(self.b1_secretary).create(dict(values))
        with self.assertRaises(ValidationError):
            self.Transfer.sudo(self.secretary_user).create(
                dict(values, fee_paid_until_entered=False))
        transfer = self.Transfer.sudo(self.secretary_user).create(values)
        self.assertEqual(transfer.state, "received")
        self.assertEqual(transfer.direction, "incoming")
        self.assertEqual(transfer.fee_paid_until, "2026-02")
        transfer.write({"accept_date": "2026-03-12"})
        transfer.action_accept()
        member = transfer.member_id
        self.assertEqual(member.name, "Lê Thị Thu Hà")
        self.assertEqual(member.organization_id, self.cell_a1)
        self.assertEqual(member.state, "official")
        self.assertEqual(member.history_ids.mapped("event"), ["transfer_in"])
        self.assertEqual(member.history_ids.origin,
                         "Chi bộ TDP 5, phường Hòa Khánh, Đà Nẵng")
        self.assertEqual(member.history_ids.fee_paid_until, "2026-02")
        self.assertEqual(member.history_ids.date, "2026-03-12")

    def test_refuse_and_cancel(self):
        transfer = self.request()
        with self.assertRaises(UserError):
            transfer.action_refuse()  # no reason
        transfer.write({"refuse_reason": "Hồ sơ chưa đầy đủ."})
        transfer.action_refuse()
        self.assertEqual(transfer.state, "refused")
        second = self.request()
        second.action_cancel()
        self.assertEqual(second.state, "cancelled")
        with self.assertRaises(UserError):
            second.action_review()

    def test_receiving_side_sees_the_transfer_from_the_letter_on(self):
        """The request and the member's self-review are the sending side's
        until the letter is issued (QĐ 4192: the sending organization
        reviews, then sends)."""
        Seen = self.Transfer.sudo(self.b1_secretary)
        transfer = self.request()
        self.assertFalse(Seen.search([("id", "=", transfer.id)]))
        with self.assertRaises(AccessError), mute_logger("odoo.models"):
            transfer.sudo(self.b1_secretary).read(["self_review"])
        transfer.action_review()
        self.assertFalse(Seen.search([("id", "=", transfer.id)]))
        self.assertFalse(self.Transfer.sudo(self.officer_b).search(
            [("id", "=", transfer.id)]))
        # refused by the sending side before any letter: never the receiver's
        transfer.write({"refuse_reason": "Hồ sơ chưa đầy đủ."})
        transfer.action_refuse()
        self.assertFalse(Seen.search([("id", "=", transfer.id)]))
        # issued: the receiving side sees it, and keeps seeing its refusal
        issued = self.issue(self.request())
        self.assertEqual(Seen.search([("id", "=", issued.id)]), issued)
        self.assertEqual(issued.sudo(self.b1_secretary).self_review, REVIEW)
        issued.sudo(self.b1_secretary).write(
            {"refuse_reason": "Không đúng địa bàn."})
        issued.sudo(self.b1_secretary).action_refuse()
        self.assertEqual(Seen.search([("id", "=", issued.id)]), issued)

    def test_one_open_transfer_per_member(self):
        self.request()
        with self.assertRaises(UserError):
            self.request()

    def test_official_transfer_needs_the_self_review(self):
        with self.assertRaises(ValidationError):
            self.request(self_review=False)


class TestTransferIntegrity(TransferCase):

    def test_no_context_skips_a_step(self):
        transfer = self.request()
        forged = transfer.with_context(
            party_internal=True, install_mode=True, tracking_disable=True,
            mail_notrack=True, active_test=False)
        with self.assertRaises(UserError):
            forged.write({"state": "accepted"})
        with self.assertRaises(UserError):
            forged.write({"fee_paid_until": "2030-12"})
        with self.assertRaises(UserError):
            forged.write({"letter_number": "1"})  # not at this step
        with self.assertRaises(UserError):
            self.Transfer.sudo(self.secretary_user).with_context(
                default_state="accepted").create({
                    "member_id": self.a1_other.id, "reason": "job",
                    "change_date": "2026-01-05", "self_review": REVIEW,
                    "to_organization_name": "X", "state": "accepted"})
        with self.assertRaises((AccessError, UserError)):
            transfer.unlink()
        with self.assertRaises(UserError):
            transfer.write({"member_id": self.a1_other.id})

    def test_fee_paid_through_is_required_without_the_ledger(self):
        transfer = self.request()
        transfer.action_review()
        transfer.write({"letter_number": "1-GGT", "letter_date": "2026-02-10"})
        with self.assertRaises(UserError):
            transfer.action_issue_letter()
        for wrong in ("13/2026", "2026-13", "tháng 1"):
            with self.assertRaises(ValidationError):
                transfer.write({"fee_paid_until_entered": wrong})
        # as the secretary writes it, stored as the ledger compares it
        transfer.write({"fee_paid_until_entered": "1/2026"})
        self.assertEqual(transfer.fee_paid_until_entered, "2026-01")

    def test_the_ledger_wins_on_the_letter(self):
        transfer = self.request()
        Member = type(self.env["party.member"])
        with patch.object(Member, "_party_fee_paid_through",
                          lambda members: dict.fromkeys(members.ids, "2026-03")):
            self.issue(transfer, fee="2025-12")
        self.assertEqual(transfer.fee_paid_until, "2026-03")
        self.assertEqual(transfer.fee_paid_source, "ledger")

    def test_letter_renders_with_the_fees(self):
        transfer = self.issue(self.request())
        html = self.env.ref(
            "party_handbook.action_report_transfer_letter").sudo(
                self.b1_secretary).render_qweb_html(transfer.ids)[0]
        html = html.decode() if isinstance(html, bytes) else html
        self.assertIn(self.a1_official.name, html)
        self.assertIn("15-GGT/ĐU", html)
        self.assertIn("01/2026", html)
        self.assertIn("Cell B1", html)
        self.assertIn("Commune A".upper(), html)  # issued by the cell's committee
        # not before the letter is issued
        draft = self.request(member=self.a1_other)
        with self.assertRaises(UserError):
            self.env.ref("party_handbook.action_report_transfer_letter").sudo(
                self.secretary_user).render_qweb_html(draft.ids)

    def test_member_requests_in_the_portal_and_sees_only_their_own(self):
        Transfer = self.Transfer.sudo(self.member_user)
        with self.assertRaises(AccessError), mute_logger("odoo.models"):
            Transfer.create({
                "member_id": self.a1_official.id, "reason": "job",
                "change_date": "2026-01-05", "self_review": REVIEW,
                "to_organization_name": "X"})
        transfer = Transfer.request_own_transfer({
            "reason": "move", "change_date": "2026-01-05",
            "to_organization_name": "Chi bộ thôn Hiền An", "self_review": REVIEW,
            "dvc_reference": "G22-0001"})
        self.assertFalse(transfer.assisted)
        self.assertEqual(transfer.sudo().member_id, self.a1_official)
        self.assertEqual(Transfer.search([]), transfer)
        with self.assertRaises(ValidationError):
            Transfer.request_own_transfer({"member_id": self.a1_other.id})
        other = self.request(member=self.a1_other)
        with self.assertRaises(AccessError), mute_logger("odoo.models"):
            other.sudo(self.member_user).read(["member_name"])
        with self.assertRaises(AccessError):
            transfer.action_review()
        # the member may withdraw the request before it is reviewed
        transfer.action_cancel()
        self.assertEqual(transfer.state, "cancelled")

    def test_other_roles_are_denied(self):
        transfer = self.request(member=self.b1_official, user=self.b1_secretary,
                                to_organization_id=False,
                                to_organization_name="Đà Nẵng")
        for user in (self.secretary_user, self.officer_user,
                     self.supervisor_user, self.member_user):
            self.assertNotIn(transfer, self.Transfer.sudo(user).search([]))
            with self.assertRaises(AccessError), mute_logger("odoo.models"):
                transfer.sudo(user).read(["member_name"])
            with self.assertRaises(AccessError), mute_logger("odoo.models"):
                transfer.sudo(user).action_review()
        # the supervisor of cell B1 supervises; it does not do the steps
        with self.assertRaises(AccessError), mute_logger("odoo.models"):
            self.request(member=self.b1_official, user=self.supervisor_user)
        # the commune's officer and the city do
        transfer.sudo(self.officer_b).action_review()
        self.assertIn(transfer, self.Transfer.sudo(self.manager_user).search([]))

    def test_fields_are_classified(self):
        self.assertEqual(unclassified_fields(self.env, "party.transfer"), [])
        self.assertNotIn("transfer_ids",
                         unclassified_fields(self.env, "party.member"))
        self.assertNotIn("transfer_count",
                         unclassified_fields(self.env, "party.member"))


class TestTransferDeadlines(TransferCase):
    """Working days across Tết 2026 (days off Monday 16 to Friday 20
    February, Labour Code art. 112 as announced)."""

    def test_deadlines_skip_tet(self):
        transfer = self.request(change_date="2026-01-05",
                                request_date="2026-01-20")
        # 60 weekdays after 5/1 would be 30/3; Tết's 5 days off push it
        self.assertEqual(transfer.apply_deadline, "2026-04-06")
        self.assertFalse(transfer.apply_late)
        self.issue(transfer, date="2026-02-10")
        # 30 weekdays after 10/2 would be 24/3; with Tết: 31/3
        self.assertEqual(transfer.present_deadline, "2026-03-31")
        Holiday = self.env["party.holiday"]
        self.assertEqual(Holiday.working_days_between(
            "2026-02-10", transfer.present_deadline), 30)

    def test_late_request_is_flagged(self):
        transfer = self.request(change_date="2025-10-01",
                                request_date="2026-01-20")
        self.assertTrue(transfer.apply_late)
        self.assertTrue(transfer.deadline_warning)
        self.assertIn(transfer, self.Transfer.search([("apply_late", "=", True)]))

    def test_letter_presented_late(self):
        transfer = self.issue(self.request())
        transfer.sudo(self.b1_secretary).write({"received_date": "2026-04-01"})
        transfer.sudo(self.b1_secretary).action_receive()
        self.assertTrue(transfer.present_late_received)
        self.assertTrue(transfer.present_late)
        self.assertIn(transfer, self.Transfer.search([("present_late", "=", True)]))

    def test_reminders_for_both_sides_once(self):
        transfer = self.issue(self.request())
        activity_type = self.env.ref(
            "party_handbook.mail_activity_transfer_present")

        def reminders():
            return self.env["mail.activity"].search([
                ("res_model", "=", "party.transfer"), ("res_id", "=", transfer.id),
                ("activity_type_id", "=", activity_type.id)])

        Transfer = self.Transfer.sudo()
        self.assertEqual(Transfer._cron_present_reminders(
            commit=False, today="2026-03-01"), 0)
        # 5 working days before 31/3
        # (the demo's letters may be due too)
        created = Transfer._cron_present_reminders(commit=False, today="2026-03-24")
        self.assertGreaterEqual(created, 2)
        self.assertEqual(len(reminders()), 2)
        self.assertEqual(set(reminders().mapped("user_id").ids),
                         {self.secretary_user.id, self.b1_secretary.id})
        self.assertEqual(reminders()[0].date_deadline, "2026-03-31")
        self.assertEqual(Transfer._cron_present_reminders(
            commit=False, today="2026-04-02"), 0)
        # received: no more reminders
        transfer.sudo(self.b1_secretary).action_receive()
        reminders().unlink()
        self.assertEqual(Transfer._cron_present_reminders(
            commit=False, today="2026-04-02"), 0)
