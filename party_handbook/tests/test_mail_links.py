# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The members' emails link to what they announce and name who to ask
(issue #14): the digest links each document's portal page and gives the
cell secretary's name and phone; rendered once per language, documents and
cell, the same email as the template renders for each member."""
from ..models.party_mail_links import tel
from .test_cron_batches import CronCase

BASE = "https://sotay.example.vn"


class TestDigestLinks(CronCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["ir.config_parameter"].sudo().set_param("web.base.url", BASE)
        # cell A2 has a deputy secretary with a phone, no secretary
        cls.a2_deputy = cls.create_member(
            "Đặng Thị Phó", cls.cell_a2, "official", email="pho@example.org",
            mobile="0905 123 456")
        cls.env["party.organization.position"].create({
            "organization_id": cls.cell_a2.id, "member_id": cls.a2_deputy.id,
            "role": "deputy", "date_start": "2025-01-01"})

    def test_each_document_linked_and_the_cells_secretary_named(self):
        first = self.document([(self.commune_a, True)], name="Văn bản chung")
        first.action_publish()
        second = self.document([(self.cell_a1, False)], name="Văn bản A1")
        second.action_publish()
        calls, patch = self.body_renders()
        with patch:
            self.env["party.document.notice"]._cron_send_digest()
        # cell A1 (both documents), cell A2 (the first): still 2 renders
        self.assertEqual(len(calls), 2)
        link = BASE + "/my/party/documents/%d"
        for member in self.a1_official | self.a1_other | self.a2_official:
            body = self.digest_mails(member).body_html
            self.assertIn('href="%s"' % link % first.id, body)
            self.assertEqual(link % second.id in body,
                             member.organization_id == self.cell_a1)
            if member.organization_id == self.cell_a1:
                # the secretary, who has no phone number
                self.assertIn("secretary of your cell: comrade Trần Thị Bình.",
                              body)
                self.assertNotIn("Đặng Thị Phó", body)
                self.assertNotIn("Phone", body)
            else:
                # no secretary: the deputy, with the mobile number
                self.assertIn("comrade Đặng Thị Phó", body)
                self.assertIn(
                    'Phone: <a href="tel:+84905123456">0905 123 456</a>', body)
                self.assertNotIn("Trần Thị Bình", body)

    def test_a_cell_without_secretary_gets_no_contact_line(self):
        document = self.document([(self.cell_b1, False)], name="Văn bản B1")
        document.action_publish()
        self.env["party.document.notice"]._cron_send_digest()
        body = self.digest_mails(self.b1_official).body_html
        self.assertIn(BASE + "/my/party/documents/%d" % document.id, body)
        self.assertNotIn("secretary of your cell", body)

    def test_one_render_per_cell_is_the_email_of_each_member(self):
        """Two cells, the same documents and language: one render per cell
        (its own secretary), identical to the template's own render for
        each member."""
        document = self.document([(self.commune_a, True)], name="Văn bản chung")
        document.action_publish()
        calls, patch = self.body_renders()
        with patch:
            self.env["party.document.notice"]._cron_send_digest()
        self.assertEqual(len(calls), 2)
        template = self.env.ref("party_handbook.mail_template_document_digest")
        for member in self.a1_official | self.a1_other | self.a2_official | \
                self.a2_deputy:
            mail = self.digest_mails(member)
            expected = template.with_context(
                documents=document).generate_email(member.id)
            self.assertEqual(mail.body_html, expected["body_html"])
            self.assertEqual(mail.subject, expected["subject"])

    def test_a_former_secretary_is_not_named(self):
        self.env["party.organization.position"].search([
            ("organization_id", "=", self.cell_a1.id)]).write(
                {"date_end": "2025-06-30"})
        self.document([(self.cell_a1, False)]).action_publish()
        self.env["party.document.notice"]._cron_send_digest()
        body = self.digest_mails(self.a1_official).body_html
        self.assertNotIn("Trần Thị Bình", body)
        self.assertNotIn("secretary of your cell", body)

    def test_phone_numbers_become_international_tel_links(self):
        self.assertEqual(tel("0905 123 456"), "+84905123456")
        self.assertEqual(tel("+84 234 3822 111"), "+842343822111")
        self.assertEqual(tel("0084 905 123 456"), "+84905123456")
        self.assertEqual(tel(""), "")
