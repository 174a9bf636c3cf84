# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Rules as data (party.rule): one row per threshold with its source, read
by code, changed by administrators only, every change in the chatter."""
from odoo.exceptions import AccessError, UserError
from odoo.tools import mute_logger

from .common import PartyCase


class TestPartyRule(PartyCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.admin_user = cls.env["res.users"].with_context(
            no_reset_password=True).create({
                "login": "ph_rules_admin", "name": "Rules administrator",
                "email": "ph_rules_admin@example.org",
                "groups_id": [(6, 0, [cls.env.ref(
                    "party_handbook.group_party_handbook_admin").id])]})

    def test_meeting_rules_are_shipped_with_their_source(self):
        Rule = self.env["party.rule"]
        self.assertEqual(Rule.get_value("meeting_regular_min_minutes"), 90)
        self.assertEqual(Rule.get_value("meeting_combined_min_minutes"), 120)
        self.assertEqual(Rule.get_value("meeting_documents_days_before"), 1)
        for code in ("meeting_regular_min_minutes", "meeting_combined_min_minutes",
                     "meeting_documents_days_before"):
            rule = Rule.search([("code", "=", code)])
            self.assertIn("42-HD/BTCTW", rule.source)
            self.assertTrue(rule.source_detail)

    def test_missing_rule(self):
        Rule = self.env["party.rule"]
        self.assertEqual(Rule.get_value("no_such_rule", default=7), 7)
        with self.assertRaises(UserError):
            Rule.get_value("no_such_rule")

    def test_a_change_is_read_at_once_and_tracked(self):
        rule = self.env.ref("party_handbook.rule_meeting_regular_min_minutes")
        Rule = self.env["party.rule"]
        self.assertEqual(Rule.get_value("meeting_regular_min_minutes"), 90)
        rule.sudo(self.admin_user).with_context(
            tracking_disable=True, mail_notrack=True).write({"value": 60})
        self.assertEqual(Rule.get_value("meeting_regular_min_minutes"), 60)
        tracked = rule.message_ids.mapped("tracking_value_ids").filtered(
            lambda t: t.field == "value" and t.new_value_float == 60)
        self.assertEqual((tracked.old_value_float, tracked.new_value_float),
                         (90.0, 60.0))
        self.assertEqual(tracked.mail_message_id.author_id,
                         self.admin_user.partner_id)

    def test_codes_are_unique(self):
        with self.assertRaises(Exception), mute_logger("odoo.sql_db"), \
                self.env.cr.savepoint():
            self.env["party.rule"].create({
                "code": "meeting_regular_min_minutes", "name": "x",
                "value": 1, "source": "x"})

    @mute_logger("odoo.addons.base.ir.ir_model", "odoo.models")
    def test_only_administrators_change_rules(self):
        rule = self.env.ref("party_handbook.rule_meeting_regular_min_minutes")
        for user in (self.manager_user, self.officer_user,
                     self.secretary_user, self.supervisor_user):
            self.assertEqual(rule.sudo(user).value, 90)
            with self.assertRaises(AccessError):
                rule.sudo(user).write({"value": 30})
            with self.assertRaises(AccessError):
                self.env["party.rule"].sudo(user).create({
                    "code": "x_%s" % user.id, "name": "x", "value": 1,
                    "source": "x"})
            with self.assertRaises(AccessError):
                rule.sudo(user).unlink()
        # a portal member reads nothing of the configuration
        with self.assertRaises(AccessError):
            rule.sudo(self.member_user).read(["value"])
        self.assertEqual(self.env["party.rule"].sudo(
            self.member_user).get_value("meeting_regular_min_minutes"), 90)
