# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The member list without the contact rules the member rules imply
(issue #13): every role sees exactly the members it saw, counts equal, any
other contact rule still applies, and a member's contact is never a private
address."""
from psycopg2 import IntegrityError

from odoo.exceptions import ValidationError
from odoo.tools import mute_logger

from .common import PartyCase


class TestMemberListRules(PartyCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # attached to commune A's cell while registered in commune B
        cls.b1_official.sudo().action_transfer_temporary(cls.cell_a2)
        cls.former = cls.create_member("Bùi Văn Khoa", cls.cell_a1, "official")
        cls.former.action_leave("resigned")

    def expected(self, user):
        """Members a user may read, by the definition of the member rules."""
        Member = self.env["party.member"].with_context(active_test=False)
        if user == self.manager_user:
            return Member.search([])
        if user == self.member_user:
            return Member.search([("partner_id", "=", user.partner_id.id)])
        served = user.party_organization_ids.ids
        return Member.search([
            "|", ("organization_id", "child_of", served),
            ("temporary_organization_id", "child_of", served)])

    def joins_contacts(self, user):
        Member = self.env["party.member"].sudo(user)
        query = Member._where_calc([])
        Member._apply_ir_rules(query, "read")
        return any("res_partner" in table for table in query.tables)

    def test_every_role_sees_exactly_its_members(self):
        for user in (self.member_user, self.secretary_user, self.officer_user,
                     self.supervisor_user, self.manager_user):
            self.assertTrue(self.env["ir.rule"].sudo(
                user)._party_member_contact_rules_implied(), user.login)
            self.assertFalse(self.joins_contacts(user), user.login)
            Member = self.env["party.member"].sudo(user).with_context(
                active_test=False)
            expected = self.expected(user)
            self.assertTrue(expected)
            self.assertEqual(Member.search([]).ids, expected.ids, user.login)
            self.assertEqual(Member.search_count([]), len(expected),
                             user.login)
            active = expected.filtered("active")
            self.assertEqual(
                self.env["party.member"].sudo(user).search_count([]),
                len(active), user.login)
            rows = self.env["party.member"].sudo(user).search_read(
                [], ["name", "organization_id", "phone"], limit=80,
                order="organization_id, name, id")
            self.assertEqual([row["id"] for row in rows], active.ids[:80])
            groups = self.env["party.member"].sudo(user).read_group(
                [], ["state"], ["state"])
            self.assertEqual(sum(g["state_count"] for g in groups), len(active))
        # the commune officer's list: commune A's members, and commune B's
        # member attached to cell A2
        self.assertIn(self.b1_official, self.expected(self.officer_user))
        self.assertNotIn(self.b1_official, self.expected(self.secretary_user))

    def test_contacts_keep_their_rules(self):
        """The contacts themselves are read with every rule, as before."""
        Partner = self.env["res.partner"].sudo(self.secretary_user)
        visible = Partner.search([("id", "in", (
            self.a1_official | self.a2_official | self.b1_official
        ).mapped("partner_id").ids)])
        self.assertEqual(visible, self.a1_official.partner_id)

    def test_any_other_contact_rule_still_applies(self):
        self.env["ir.rule"].create({
            "name": "Test: hide one contact",
            "model_id": self.env.ref("base.model_res_partner").id,
            "domain_force": "[('id', '!=', %d)]" % self.a2_official.partner_id.id,
        })
        self.assertFalse(self.env["ir.rule"].sudo(
            self.officer_user)._party_member_contact_rules_implied())
        self.assertTrue(self.joins_contacts(self.officer_user))
        Member = self.env["party.member"].sudo(self.officer_user)
        self.assertNotIn(self.a2_official, Member.search([]))
        self.assertIn(self.a1_official, Member.search([]))

    def test_any_other_member_rule_falls_back(self):
        self.env["ir.rule"].create({
            "name": "Test: another member rule",
            "model_id": self.env.ref("party_handbook.model_party_member").id,
            "domain_force": "[(1, '=', 1)]",
        })
        self.assertFalse(self.env["ir.rule"].sudo(
            self.officer_user)._party_member_contact_rules_implied())
        self.assertTrue(self.joins_contacts(self.officer_user))

    def test_a_members_contact_is_never_a_private_address(self):
        with self.assertRaises(ValidationError):
            self.a1_official.write({"type": "private"})
        with self.assertRaises(ValidationError):
            self.a1_official.partner_id.write({"type": "private"})
        with self.assertRaises(ValidationError):
            self.create_member("Cao Thị Lan", self.cell_a1, "probationary",
                               type="private")
        private = self.env["res.partner"].create({
            "name": "Private address", "type": "private"})
        with self.assertRaises(ValidationError):
            self.create_member("Cao Văn Minh", self.cell_a1, "probationary",
                               partner_id=private.id)
        # other contacts may still be private addresses
        self.assertEqual(private.type, "private")
        # and in SQL, the table refuses it
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError), \
                self.env.cr.savepoint():
            self.env.cr.execute(
                "UPDATE res_partner SET type = 'private' WHERE id = %s",
                (self.a1_official.partner_id.id,))

    def test_a_member_keeps_the_contact_it_was_created_with(self):
        """A secretary cannot swap a member's contact for another person's
        (which would carry that contact into the secretary's cell), nor
        create a member on a contact the secretary may not read."""
        from odoo.exceptions import AccessError, UserError
        outside = self.b1_official.partner_id
        with self.assertRaises(UserError), mute_logger("odoo.sql_db"):
            self.a1_official.sudo(self.secretary_user).write(
                {"partner_id": outside.id})
        self.assertNotEqual(self.a1_official.partner_id, outside)
        stranger = self.env["res.partner"].create({"name": "Lê Thị Mai"})
        self.env.cr.execute(
            "UPDATE res_partner SET party_organization_id = %s WHERE id = %s",
            (self.b1_official.organization_id.id, stranger.id))
        stranger.invalidate_cache()
        with self.assertRaises(AccessError):
            self.env["party.member"].sudo(self.secretary_user).create({
                "partner_id": stranger.id,
                "organization_id": self.a1_official.organization_id.id})
        rows = self.env["party.member"].sudo(self.secretary_user).search_read(
            [("partner_id", "=", stranger.id)], ["name"])
        self.assertEqual(rows, [])
