# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Access matrix over the platform models around ours (issue #11): members'
contacts (res.partner), followers, users and login times, each role ×
allowed and denied, on a member inside the role's scope and one outside."""
from odoo.exceptions import AccessError, UserError
from odoo.tools import mute_logger

from .common import PartyCase

PASSWORD = "Ph-Platform-2026!x"
PRIVATE_NOTE = "Private note about the member"
WELCOME = "Welcome"


class PlatformCase(PartyCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Users = cls.env["res.users"].with_context(no_reset_password=True)
        # Odoo's "demo" user: internal, no party role
        cls.plain_user = Users.create({
            "name": "Plain internal user", "login": "ph_plain",
            "email": "ph_plain@example.org", "password": PASSWORD,
            "groups_id": [(6, 0, [cls.env.ref("base.group_user").id])]})
        # a portal user who is no member
        cls.portal_user = Users.create({
            "name": "Portal user", "login": "ph_portal",
            "email": "ph_portal@example.org", "password": PASSWORD,
            "groups_id": [(6, 0, [cls.env.ref("base.group_portal").id])]})
        cls.company_partner = cls.env["res.partner"].create({
            "name": "Printing house", "is_company": True, "phone": "0234 000"})
        cls.users = {
            "plain": cls.plain_user, "member": cls.member_user,
            "supervisor": cls.supervisor_user, "secretary": cls.secretary_user,
            "officer": cls.officer_user, "manager": cls.manager_user,
        }
        # a member each role may see (None: none), and one it may not
        cls.inside = {
            "plain": None, "member": cls.a1_official,
            "supervisor": cls.a2_official, "secretary": cls.a1_probationary,
            "officer": cls.a2_official, "manager": cls.b1_official,
        }
        cls.outside = {
            "plain": cls.a1_official, "member": cls.a1_other,
            "supervisor": cls.a1_probationary, "secretary": cls.b1_official,
            "officer": cls.b1_official, "manager": None,
        }

    def as_user(self, role, model):
        return self.env[model].sudo(self.users[role])

    def readable(self, role, partner):
        Partner = self.as_user(role, "res.partner")
        found = Partner.search([("id", "=", partner.id)])
        try:
            Partner.browse(partner.id).read(["name", "phone", "email"])
            read = True
        except AccessError:
            read = False
        self.assertEqual(bool(found), read, "search and read disagree")
        return read

    def writable(self, role, partner, vals=None):
        try:
            with self.env.cr.savepoint(), mute_logger("odoo.models"):
                self.as_user(role, "res.partner").browse(partner.id).write(
                    vals or {"phone": "0912 345 678"})
        except AccessError:
            return False
        return True


class TestPartnerAccess(PlatformCase):

    def test_read_partner_of_member_in_scope(self):
        for role, member in self.inside.items():
            if member:
                self.assertTrue(self.readable(role, member.partner_id), role)

    def test_read_partner_of_member_out_of_scope_is_denied(self):
        for role, member in self.outside.items():
            if member:
                self.assertFalse(self.readable(role, member.partner_id), role)

    def test_search_lists_only_members_in_scope(self):
        members = self.env["party.member"].search(
            [("organization_id", "child_of", self.city.id)])
        partners = members.mapped("partner_id")
        expected = {
            "plain": 0, "member": 1,
            "supervisor": len(members.filtered(
                lambda m: m.organization_id in self.cell_a2 | self.cell_b1)),
            "secretary": len(members.filtered(
                lambda m: m.organization_id == self.cell_a1)),
            "officer": len(members.filtered(
                lambda m: m.organization_id in self.cell_a1 | self.cell_a2)),
            "manager": len(members),
        }
        for role, count in expected.items():
            found = self.as_user(role, "res.partner").search(
                [("id", "in", partners.ids)])
            self.assertEqual(len(found), count, role)
            # name_search (many2one fields) and read_group go through the rule
            names = self.as_user(role, "res.partner").name_search(
                "", [("id", "in", partners.ids)], limit=1000)
            self.assertEqual(len(names), count, role)

    def test_partners_that_are_not_members_behave_as_before(self):
        for role in ("plain", "supervisor", "secretary", "officer", "manager"):
            self.assertTrue(self.readable(role, self.company_partner), role)
            # every user reads their own contact
            self.assertTrue(self.readable(role, self.users[role].partner_id), role)
        self.assertTrue(self.writable("secretary", self.company_partner))
        self.assertFalse(self.writable("plain", self.company_partner))

    def test_write_partner_of_member(self):
        allowed = {"secretary", "officer", "manager"}
        for role, member in self.inside.items():
            if member:
                self.assertEqual(self.writable(role, member.partner_id),
                                 role in allowed, role)
        for role, member in self.outside.items():
            if member:
                self.assertFalse(self.writable(role, member.partner_id), role)

    def test_unlink_partner_of_member_out_of_scope_is_denied(self):
        partner = self.b1_official.partner_id.sudo(self.secretary_user)
        with self.assertRaises(AccessError), mute_logger("odoo.models"):
            partner.unlink()

    def test_rule_columns_are_not_written_by_callers(self):
        partner = self.a1_probationary.partner_id.sudo(self.secretary_user)
        for vals in ({"party_organization_id": False},
                     {"party_organization_id": self.cell_b1.id},
                     {"party_temporary_organization_id": self.cell_a1.id}):
            with self.assertRaises(UserError):
                partner.write(vals)
        with self.assertRaises(UserError):
            self.env["res.partner"].sudo(self.secretary_user).create({
                "name": "Sneaky", "party_organization_id": self.cell_b1.id})

    def test_columns_follow_the_member(self):
        member = self.a1_probationary
        self.assertEqual(member.partner_id.party_organization_id, self.cell_a1)
        member.sudo(self.officer_user).write({"organization_id": self.cell_a2.id})
        self.assertEqual(member.partner_id.party_organization_id, self.cell_a2)
        # the secretary of A1 lost it, the officer of commune A keeps it
        self.assertFalse(self.readable("secretary", member.partner_id))
        self.assertTrue(self.readable("officer", member.partner_id))
        self.a2_official.action_transfer_temporary(self.cell_a1, date="2026-02-01")
        self.assertEqual(self.a2_official.partner_id.party_temporary_organization_id,
                         self.cell_a1)
        # members attached to the cell are read (not written) by its secretary
        self.assertTrue(self.readable("secretary", self.a2_official.partner_id))
        self.assertFalse(self.writable("secretary", self.a2_official.partner_id))

    def test_members_out_of_scope_are_not_listed_as_users(self):
        # the member user's partner is a member of cell A1
        Users = self.env["res.users"]
        self.assertFalse(Users.sudo(self.supervisor_user).search(
            [("id", "=", self.member_user.id)]))
        self.assertTrue(Users.sudo(self.secretary_user).search(
            [("id", "=", self.member_user.id)]))


class TestContactHistory(PlatformCase):

    def tracking(self, member):
        messages = self.env["mail.message"].search([
            ("model", "=", "party.member"), ("res_id", "=", member.id)])
        return messages.mapped("tracking_value_ids")

    def test_contact_written_through_the_partner_is_tracked_on_the_member(self):
        member = self.a1_probationary
        before = self.tracking(member)
        member.partner_id.sudo(self.secretary_user).write({
            "phone": "0912 000 111", "name": "Lê Văn Cường (sửa)"})
        values = self.tracking(member) - before
        self.assertEqual(set(values.mapped("field")), {"phone", "name"})
        phone = values.filtered(lambda v: v.field == "phone")
        self.assertEqual(phone.new_value_char, "0912 000 111")
        message = values.mapped("mail_message_id")
        self.assertEqual(len(message), 1)
        self.assertEqual(message.author_id, self.secretary_user.partner_id)

    def test_contact_written_through_the_member_is_tracked_once(self):
        member = self.a1_probationary
        before = self.tracking(member)
        member.sudo(self.secretary_user).write({"email": "cuong@new.example.org"})
        values = self.tracking(member) - before
        self.assertEqual(values.mapped("field"), ["email"])

    def test_tracking_cannot_be_silenced_by_the_context(self):
        member = self.a1_probationary
        before = self.tracking(member)
        member.partner_id.sudo(self.secretary_user).with_context(
            tracking_disable=True, mail_notrack=True).write({"mobile": "0988"})
        self.assertEqual((self.tracking(member) - before).mapped("field"),
                         ["mobile"])


class TestSelfWrite(PlatformCase):

    def test_members_do_not_rename_themselves(self):
        user = self.member_user.sudo(self.member_user)
        for vals in ({"name": "Someone else"}, {"email": "x@example.org"},
                     {"login": "someone"}, {"phone": "0999"}):
            with self.assertRaises(AccessError), mute_logger("odoo.models"):
                user.write(vals)
        self.assertEqual(self.member_user.name, "Nguyễn Văn An")
        # the preferences that are no correction stay theirs
        user.write({"tz": "Asia/Ho_Chi_Minh", "signature": "<p>An</p>"})

    def test_a_member_who_cannot_write_their_profile_does_not_rename_themselves(self):
        supervisor = self.env["res.users"].with_context(
            no_reset_password=True).create({
                "login": "ph_member_supervisor", "partner_id":
                    self.a2_official.partner_id.id,
                "groups_id": [(6, 0, [self.env.ref(
                    "party_handbook.group_party_handbook_supervisor").id])],
                "party_organization_ids": [(6, 0, [self.cell_b1.id])]})
        with self.assertRaises(AccessError), mute_logger("odoo.models"):
            supervisor.sudo(supervisor).write({"name": "Renamed"})
        supervisor.sudo(supervisor).write({"lang": "en_US"})

    def test_officers_keep_their_preferences(self):
        officer = self.officer_user.sudo(self.officer_user)
        officer.write({"name": "Officer A", "email": "officer.a@example.org",
                       "signature": "<p>A</p>", "tz": "Asia/Ho_Chi_Minh"})
        self.assertEqual(self.officer_user.name, "Officer A")
        # the secretary may write her own profile (her cell): tracked there
        self.secretary_user.sudo(self.secretary_user).write(
            {"name": "Trần Thị Bình (thư ký)"})
        self.assertEqual(self.a1_other.name, "Trần Thị Bình (thư ký)")
        tracked = self.env["mail.message"].search([
            ("model", "=", "party.member"), ("res_id", "=", self.a1_other.id),
        ]).mapped("tracking_value_ids").filtered(
            lambda v: v.field == "name"
            and v.new_value_char == "Trần Thị Bình (thư ký)")
        self.assertEqual(len(tracked), 1)

    def test_portal_and_internal_are_exclusive(self):
        with self.assertRaises(Exception), mute_logger("odoo.models"):
            self.officer_user.write({"groups_id": [
                (4, self.env.ref("base.group_portal").id)]})


class TestFollowers(PlatformCase):

    def follow(self, role, member, partner=None):
        user = self.users[role]
        try:
            with self.env.cr.savepoint(), mute_logger("odoo.models"):
                self.env["mail.followers"].sudo(user).create({
                    "res_model": "party.member", "res_id": member.id,
                    "partner_id": (partner or user.partner_id).id})
        except AccessError:
            return False
        return True

    def subscribe(self, role, member, partner=None):
        user = self.users[role]
        try:
            with self.env.cr.savepoint(), mute_logger("odoo.models"):
                return member.sudo(user).message_subscribe(
                    [(partner or user.partner_id).id])
        except AccessError:
            return False

    def test_follow_self_requires_read_access(self):
        for role, member in self.inside.items():
            if member:
                self.assertTrue(self.follow(role, member), role)
                self.assertTrue(self.subscribe(role, member), role)
        for role, member in self.outside.items():
            if member:
                self.assertFalse(self.follow(role, member), role)
                self.assertFalse(self.subscribe(role, member), role)
        self.assertFalse(self.env["mail.followers"].sudo(self.portal_user).search(
            [("partner_id", "=", self.portal_user.partner_id.id)]))

    def test_portal_user_cannot_follow_to_read_messages(self):
        member = self.b1_official
        member.message_post(body=PRIVATE_NOTE)
        self.assertFalse(self.follow("plain", member))
        with self.assertRaises(AccessError), mute_logger("odoo.models"):
            self.env["mail.followers"].sudo(self.portal_user).create({
                "res_model": "party.member", "res_id": member.id,
                "partner_id": self.portal_user.partner_id.id})

    def test_subscribing_others_requires_write_access(self):
        other = self.member_user.partner_id
        member = self.a1_probationary
        self.assertTrue(self.follow("secretary", member, other))
        self.assertTrue(self.subscribe("secretary", member, other))
        self.assertTrue(self.follow("officer", self.a2_official, other))
        for role in ("member", "supervisor", "plain"):
            target = self.inside[role] or member
            self.assertFalse(self.follow(role, target, self.company_partner), role)
            self.assertFalse(self.subscribe(role, target, self.company_partner), role)
        self.assertFalse(self.follow("secretary", self.b1_official, other))

    def test_follower_cannot_be_moved_to_another_record(self):
        follower = self.env["mail.followers"].sudo(self.secretary_user).create({
            "res_model": "party.member", "res_id": self.a1_probationary.id,
            "partner_id": self.secretary_user.partner_id.id})
        with self.assertRaises(AccessError), mute_logger("odoo.models"):
            follower.write({"res_id": self.b1_official.id})

    def test_creating_a_record_and_posting_still_subscribe(self):
        member = self.create_member("Người Mới", self.cell_a1, "probationary",
                                    admission_date="2026-01-10")
        member = member.sudo(self.secretary_user)
        member.message_post(body=WELCOME, message_type="comment")
        self.assertIn(self.secretary_user.partner_id,
                      member.sudo().message_partner_ids)
        created = self.env["party.member"].sudo(self.secretary_user).create({
            "name": "Người Mới Hai", "organization_id": self.cell_a1.id,
            "date_of_birth": "1990-01-01", "admission_date": "2026-01-10"})
        self.assertIn(self.secretary_user.partner_id,
                      created.sudo().message_partner_ids)


class TestUsersAndLogs(PlatformCase):

    def test_login_times_are_ones_own(self):
        Log = self.env["res.users.log"]
        logs = (Log.sudo(self.officer_user).create({}) | Log.sudo(
            self.member_user).create({})).sudo()
        for role in ("plain", "member", "supervisor", "secretary", "officer",
                     "manager"):
            user = self.users[role]
            found = Log.sudo(user).search([("id", "in", logs.ids)])
            self.assertEqual(found, logs.filtered(lambda l: l.create_uid == user),
                             role)
        self.assertFalse(Log.sudo(self.portal_user).search([("id", "in", logs.ids)]))
        admin = self.env.ref("base.user_root")
        self.assertEqual(len(Log.sudo(admin).search([("id", "in", logs.ids)])), 2)

    def test_portal_users_and_members_list_only_themselves(self):
        Users = self.env["res.users"]
        for user in (self.member_user, self.portal_user):
            self.assertEqual(Users.sudo(user).search([]), user)
            with self.assertRaises(AccessError), mute_logger("odoo.models"):
                Users.sudo(user).browse(self.officer_user.id).read(["login"])
        # officers still see the users they work with
        self.assertIn(self.officer_user, Users.sudo(self.manager_user).search([]))
        self.assertIn(self.secretary_user, Users.sudo(self.officer_user).search([]))
