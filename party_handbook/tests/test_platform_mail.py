# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Odoo's chat reads contacts in SQL or as superuser: it keeps to the
contacts the caller may read (models/mail_channel_access.py)."""
from .test_platform_access import PlatformCase

GREETING = "Xin chào"


class TestChatContacts(PlatformCase):

    def setUp(self):
        super().setUp()
        self.member_partner = self.a1_official.partner_id
        self.member_partner.sudo().write({
            "email": "a1.member@example.org", "street": "12 Lê Lợi"})
        self.channel = self.env["mail.channel"].create({
            "name": "ph chat", "public": "public",
            "channel_partner_ids": [(4, self.member_partner.id),
                                    (4, self.plain_user.partner_id.id)]})

    def test_channel_listeners_are_the_contacts_one_may_read(self):
        rows = self.env["mail.channel"].sudo(self.plain_user) \
            .channel_fetch_listeners(self.channel.uuid)
        ids = {row["id"] for row in rows}
        self.assertIn(self.plain_user.partner_id.id, ids)       # own contact
        self.assertNotIn(self.member_partner.id, ids)           # a member's
        rows = self.env["mail.channel"].sudo(self.secretary_user) \
            .channel_fetch_listeners(self.channel.uuid)         # her cell's
        self.assertIn(self.member_partner.id, {row["id"] for row in rows})

    def test_user_search_shows_the_contacts_one_may_read(self):
        self.member_user.partner_id.sudo().name = "Hồ Thị Tìm Kiếm"
        found = self.env["res.partner"].sudo(self.plain_user).im_search("Tìm Kiếm")
        self.assertFalse(found)
        found = self.env["res.partner"].sudo(self.manager_user).im_search("Tìm Kiếm")
        self.assertEqual([row["id"] for row in found], [self.member_user.partner_id.id])

    def test_the_chatter_names_authors_without_email_or_address(self):
        message = self.channel.message_post(
            body=GREETING, author_id=self.member_partner.id,
            message_type="comment")
        formatted = message.sudo(self.plain_user).with_context(
            show_email=True, show_address=True).message_format()[0]
        self.assertEqual(formatted["author_id"][0], self.member_partner.id)
        self.assertNotIn("example.org", formatted["author_id"][1])
        self.assertNotIn("Lê Lợi", formatted["author_id"][1])


class TestFollowerRows(PlatformCase):

    def test_follower_rows_of_party_records_are_ones_own(self):
        member = self.b1_official
        member.message_subscribe(partner_ids=[self.officer_user.partner_id.id])
        for role in ("plain", "member", "supervisor", "secretary", "officer"):
            rows = self.as_user(role, "mail.followers").search(
                [("res_model", "=", "party.member"), ("res_id", "=", member.id)])
            self.assertEqual(rows.mapped("partner_id"),
                             rows.mapped("partner_id") & self.users[role].partner_id,
                             role)
        # the officer sees his own subscription, and he is a follower
        rows = self.as_user("officer", "mail.followers").search(
            [("res_model", "=", "party.member"), ("res_id", "=", member.id)])
        self.assertEqual(rows.mapped("partner_id"), self.officer_user.partner_id)
        self.assertTrue(member.sudo(self.officer_user).message_is_follower)
        # other models keep Odoo's rules: a company's followers are listed
        self.company_partner.message_subscribe(
            partner_ids=[self.officer_user.partner_id.id])
        rows = self.as_user("plain", "mail.followers").search(
            [("res_model", "=", "res.partner"),
             ("res_id", "=", self.company_partner.id)])
        self.assertIn(self.officer_user.partner_id, rows.mapped("partner_id"))
