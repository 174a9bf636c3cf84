# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import mute_logger

from .common import PartyCase


class TestChangeRequest(PartyCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.a1_official.write({"phone": "0234 111 111", "occupation": "Giáo viên"})
        cls.Request = cls.env["party.member.change.request"]

    def submit(self, values, user=None, member=None):
        user = user or self.member_user
        return self.Request.sudo(user).submit(
            (member or self.a1_official).sudo(user), values, note="Số mới")

    def test_request_shows_old_and_new_and_waits_for_the_secretary(self):
        request = self.submit({"phone": "0905 222 333", "occupation": "Hưu trí",
                               "political_theory_level": "intermediate"})
        lines = {line.field_name: (line.old_value, line.new_value)
                 for line in request.line_ids}
        self.assertEqual(lines["phone"], ("0234 111 111", "0905 222 333"))
        self.assertEqual(lines["occupation"], ("Giáo viên", "Hưu trí"))
        self.assertEqual(lines["political_theory_level"], ("", "Intermediate"))
        # nothing is applied before approval
        self.assertEqual(self.a1_official.phone, "0234 111 111")
        activity = request.sudo().activity_ids
        self.assertEqual(activity.user_id, self.secretary_user)

    def test_approval_applies_and_tracks_in_the_chatter(self):
        request = self.submit({"phone": "0905 222 333"})
        messages_before = len(self.a1_official.message_ids)
        request.sudo(self.secretary_user).action_approve()
        self.assertEqual(request.state, "approved")
        self.assertEqual(request.decided_by, self.secretary_user)
        self.assertEqual(self.a1_official.phone, "0905 222 333")
        self.assertFalse(request.sudo().activity_ids)
        self.assertGreater(len(self.a1_official.message_ids), messages_before)
        with self.assertRaises(UserError):
            request.sudo(self.secretary_user).action_approve()

    def test_rejection_needs_a_reason_and_changes_nothing(self):
        request = self.submit({"phone": "0905 222 333"})
        with self.assertRaises(UserError):
            request.sudo(self.secretary_user).action_reject("  ")
        wizard = self.env["party.member.change.reject"].sudo(
            self.secretary_user).create({"request_id": request.id,
                                         "reason": "Số điện thoại không đúng"})
        wizard.action_reject()
        self.assertEqual(request.state, "rejected")
        self.assertEqual(self.a1_official.phone, "0234 111 111")
        self.assertIn("Số điện thoại không đúng", request.message_ids[0].body)

    def test_identical_or_forbidden_values_are_refused(self):
        with self.assertRaises(UserError):
            self.submit({"phone": "0234 111 111"})
        with self.assertRaises(ValidationError):
            self.submit({"card_number": "000001"})
        with self.assertRaises(ValidationError):
            self.submit({"gender": "robot"})
        self.assertFalse(self.Request.search([("member_id", "=", self.a1_official.id)]))

    @mute_logger("odoo.addons.base.ir.ir_model", "odoo.models")
    def test_only_own_profile_and_only_the_cell_decides(self):
        with self.assertRaises(AccessError):
            self.submit({"phone": "1"}, member=self.a1_other)
        request = self.submit({"phone": "0905 222 333"})
        with self.assertRaises(AccessError):
            request.sudo(self.member_user).action_approve()
        other_secretary = self.create_user("secretary", [self.cell_b1],
                                           login="ph_secretary_b")
        with self.assertRaises(AccessError):
            request.sudo(other_secretary).action_approve()
        self.assertEqual(request.state, "submitted")

    def test_wizard_sends_only_what_changed(self):
        wizard = self.env["party.member.change.wizard"].sudo(
            self.member_user).with_context(
                default_member_id=self.a1_official.id).create({})
        self.assertEqual(wizard.phone, "0234 111 111")
        wizard.occupation = "Hưu trí"
        action = wizard.action_submit()
        request = self.Request.browse(action["res_id"])
        self.assertEqual(request.line_ids.mapped("field_name"), ["occupation"])

    def test_propose_corrections_button_is_for_the_own_profile(self):
        own = self.a1_official.sudo(self.member_user)
        self.assertTrue(own.is_own_profile)
        self.assertFalse(self.a1_official.sudo(self.secretary_user).is_own_profile)
        action = own.action_request_change()
        self.assertEqual((action["res_model"], action["context"]),
                         ("party.member.change.wizard",
                          {"default_member_id": self.a1_official.id}))
