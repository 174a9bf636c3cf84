# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""An officer without an email address can still write in the chatter
(Odoo refused every message: "Unable to send email, please configure the
sender's email address"); the message goes out in their name from the
organization's address."""
from .common import PartyCase

NOTE = "Đã liên hệ với đồng chí."


class TestMailWithoutEmail(PartyCase):

    def test_a_secretary_without_email_posts_in_the_chatter(self):
        self.secretary_user.partner_id.email = False
        self.env.user.company_id.email = "vanphong@dangbohue.vn"
        member = self.a1_official.sudo(self.secretary_user)
        message = member.message_post(body=NOTE)
        self.assertEqual(message.author_id, self.secretary_user.partner_id)
        self.assertIn("vanphong@dangbohue.vn", message.email_from)
        self.assertTrue(message.email_from.endswith("<vanphong@dangbohue.vn>"))

    def test_without_any_address_a_local_one_is_used(self):
        self.secretary_user.partner_id.email = False
        self.env.user.company_id.email = False
        message = self.a1_official.sudo(self.secretary_user).message_post(
            body=NOTE)
        self.assertTrue(message.email_from)
        self.assertIn("noreply@", message.email_from)

    def test_a_user_with_an_email_keeps_it(self):
        message = self.a1_official.sudo(self.secretary_user).message_post(
            body=NOTE)
        self.assertIn(self.secretary_user.email, message.email_from)
