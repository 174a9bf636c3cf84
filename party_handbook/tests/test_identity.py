# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The organization's identity instead of Odoo's (issue #14): the company,
the emblem, the system user, our reports' layout and each role's home."""
import base64
from email.header import decode_header, make_header

from odoo.modules.module import get_module_resource

from .report_common import RegisterCase

ODOO_TEXTS = ("YourCompany", "Your logo", "Scranton", "Slough", "My Company",
              "Administrator", "+1 555", "yourcompany")
SYSTEM_NAME = "Hệ thống Sổ tay đảng viên"


def emblem():
    path = get_module_resource("party_handbook", "static", "src", "img",
                               "party_emblem.png")
    with open(path, "rb") as handle:
        return handle.read()


class IdentityCase(RegisterCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.member = cls._member("Nguyễn Thị Hương", cls.cell_a1, "2005-06-12")
        cls.dpo = cls.env["res.users"].with_context(no_reset_password=True).create({
            "name": "Cán bộ bảo vệ dữ liệu", "login": "ph_test_identity_dpo",
            "email": "ph_test_identity_dpo@example.org",
            "groups_id": [(6, 0, [
                cls.env.ref("base.group_user").id,
                cls.env.ref("party_handbook.group_party_handbook_dpo").id])]})

    def assertNoOdooIdentity(self, text, where):
        for word in ODOO_TEXTS:
            self.assertNotIn(word, text, "%r in %s" % (word, where))


class TestCompanyIdentity(IdentityCase):

    def test_the_company_is_the_citys_party_organization(self):
        company = self.env.ref("base.main_company")
        self.assertEqual(company.name, "Đảng bộ thành phố Huế")
        self.assertEqual(company.country_id, self.env.ref("base.vn"))
        self.assertEqual(company.currency_id, self.env.ref("base.VND"))
        self.assertEqual(company.city, "Huế")
        for field in ("street", "street2", "zip", "phone", "email", "website",
                      "vat", "state_id"):
            self.assertFalse(company[field], field)
        self.assertNoOdooIdentity(
            company.partner_id._display_address() or "", "the company's address")

    def test_the_logo_is_the_emblem(self):
        company = self.env.ref("base.main_company")
        self.assertTrue(company.logo)
        self.assertEqual(base64.b64decode(company.logo), emblem())
        odoo_logo = get_module_resource("base", "res", "res_company_logo.png")
        with open(odoo_logo, "rb") as handle:
            self.assertNotEqual(base64.b64decode(company.logo), handle.read())

    def test_the_superuser_is_the_system(self):
        root = self.env.ref("base.partner_root")
        self.assertEqual(root.name, SYSTEM_NAME)
        self.assertEqual(self.env.ref("base.user_root").name, SYSTEM_NAME)
        self.assertEqual(self.env.ref("base.user_root").login, "admin")
        self.assertNoOdooIdentity(
            "%s %s %s" % (root.email, root.phone, root.street), "the system user")
        if self.env["res.lang"].search_count([("code", "=", "vi_VN")]):
            self.assertEqual(root.lang, "vi_VN")

    def test_what_automatic_steps_write_is_signed_by_the_system(self):
        # a scheduled action runs as the superuser: its chatter messages
        # and the mails they send carry the system's name
        body = "Nhắc việc tự động"
        message = self.member.sudo().message_post(body=body)
        self.assertEqual(message.author_id, self.env.ref("base.partner_root"))
        self.assertEqual(message.author_id.name, SYSTEM_NAME)
        sender = str(make_header(decode_header(message.email_from)))
        self.assertIn(SYSTEM_NAME, sender)
        self.assertNotIn("Administrator", sender)

    def test_scheduled_actions_run_as_the_system(self):
        # what they post, the activities they assign ("assigned by"), the
        # mails they send show the system's name
        names = self.env["ir.model.data"].search([
            ("model", "=", "ir.cron"),
            ("module", "in", ("party_handbook", "party_handbook_meetings"))])
        crons = self.env["ir.cron"].browse(names.mapped("res_id"))
        self.assertTrue(crons)
        for cron in crons:
            self.assertEqual(cron.user_id.name, SYSTEM_NAME, cron.name)
        activity_type = self.env.ref("mail.mail_activity_data_todo")
        activity = self.env["mail.activity"].create({
            "res_id": self.member.id, "activity_type_id": activity_type.id,
            "res_model_id": self.env.ref("party_handbook.model_party_member").id,
            "user_id": self.cell_secretary.id, "summary": "Nhắc việc"})
        self.assertEqual(activity.create_uid.name, SYSTEM_NAME)

    def test_identity_is_applied_again_without_overwriting_changes(self):
        company = self.env.ref("base.main_company")
        company.phone = "0234 3822 000"
        company.name = "Đảng bộ thành phố Huế (thử)"
        self.env["res.company"]._party_apply_identity({
            "company": {"name": "Đảng bộ thành phố Huế",
                        "currency_id": self.env.ref("base.VND").id},
            "address": {"city": "Huế", "country_id": self.env.ref("base.vn").id},
            "system_user": {"name": SYSTEM_NAME, "lang": "vi_VN"}})
        self.assertEqual(company.phone, "0234 3822 000")
        self.assertEqual(company.name, "Đảng bộ thành phố Huế (thử)")

    def test_odoo_placeholders_are_replaced(self):
        company = self.env.ref("base.main_company")
        company.write({"name": "YourCompany", "city": "Scranton",
                       "street": "1725 Slough Ave.", "phone": "+1 555 123 8069",
                       "website": "http://www.example.com"})
        self.env["res.company"]._party_apply_identity({
            "company": {"name": "Đảng bộ thành phố Huế"},
            "address": {"city": "Huế", "country_id": self.env.ref("base.vn").id}})
        self.assertEqual(company.name, "Đảng bộ thành phố Huế")
        self.assertEqual((company.city, company.street, company.phone, company.website),
                         ("Huế", False, False, False))
        self.assertEqual(base64.b64decode(company.logo), emblem())


class TestReportLayout(IdentityCase):

    def _html(self, xmlid, records, user=None):
        report = self.env.ref(xmlid)
        html, __ = report.sudo(user or self.secretary).render_qweb_html(records.ids)
        return html.decode()

    def assertPartyHeading(self, html, where, issuer=None, upper=None):
        self.assertNoOdooIdentity(html, where)
        self.assertIn("o_party_report_layout", html)
        self.assertIn("o_party_national_heading", html)
        self.assertIn("COMMUNIST PARTY OF VIETNAM", html)
        self.assertNotIn("o_report_layout_standard", html)
        self.assertNotIn("company_address", html)
        if issuer:
            self.assertIn(issuer.upper(), html)
        if upper:
            self.assertIn(upper.upper(), html)
            self.assertLess(html.index(upper.upper()), html.index(issuer.upper()))

    def test_member_register(self):
        html = self._html("party_handbook.action_report_member_register", self.cell_a1)
        self.assertPartyHeading(html, "the 7-HSĐV register",
                                self.cell_a1.name, self.commune_a.name)

    def test_member_profile(self):
        html = self._html("party_handbook.action_report_member_profile", self.member,
                          self.cell_secretary)
        self.assertPartyHeading(html, "the profile sheet",
                                self.cell_a1.name, self.commune_a.name)

    def test_reconciliation(self):
        wizard = self.env["party.reconciliation.wizard"].sudo(self.secretary).create({
            "organization_id": self.commune_a.id, "year": 2026, "quarter": "2"})
        html = self._html("party_handbook.action_report_reconciliation", wizard)
        self.assertPartyHeading(html, "the reconciliation",
                                self.commune_a.name, self.city.name)

    def test_document_summary(self):
        document = self.env["party.document"].create({
            "name": "Thông báo thử", "document_type": "notice",
            "issuing_organization_id": self.commune_a.id,
            "content": "<p>Nội dung</p>",
            "target_ids": [(0, 0, {"organization_id": self.commune_a.id,
                                   "include_subtree": True})]})
        document.action_publish()
        html = self._html("party_handbook.action_report_document_summary", document)
        self.assertPartyHeading(html, "the document summary",
                                self.commune_a.name, self.city.name)

    def test_data_access_summary(self):
        wizard = self.env["party.data.access.summary"].sudo(self.dpo).create({})
        html = self._html("party_handbook.action_report_data_access_summary", wizard,
                          self.dpo)
        self.assertPartyHeading(html, "the data protection print",
                                self.env.user.company_id.name)

    def test_every_report_of_ours_uses_our_layout(self):
        views = self.env["ir.ui.view"].search([
            ("type", "=", "qweb"), ("arch_db", "like", "web.external_layout")])
        ours = views.filtered(lambda view: view.xml_id.split(".")[0] in (
            "party_handbook", "party_handbook_meetings"))
        for view in ours:
            arch = view.read_combined(["arch"])["arch"]
            self.assertNotIn('t-call="web.external_layout"', arch, view.xml_id)


class TestRoleHomes(IdentityCase):

    def _user(self, login, groups, organizations=None, share=False):
        groups = [self.env.ref(group).id for group in groups]
        if share:
            groups.append(self.env.ref("base.group_portal").id)
        return self.env["res.users"].with_context(no_reset_password=True).create({
            "name": login, "login": "ph_test_home_%s" % login,
            "email": "ph_test_home_%s@example.org" % login,
            "party_organization_ids": [(6, 0, (organizations or self.city).ids)],
            "groups_id": [(6, 0, groups)]})

    def _home(self, user):
        home = self.env.ref("party_handbook.action_party_home")
        self.assertEqual(user.action_id.id, home.id)
        return self.env.ref("party_handbook.action_party_home").sudo(user).run()

    def test_officers_land_on_the_dashboard(self):
        for group in ("party_handbook.group_party_handbook_officer",
                      "party_handbook.group_party_handbook_manager"):
            user = self._user(group.split("_")[-1], [group], self.commune_a)
            action = self._home(user)
            self.assertEqual(action["res_model"], "party.document.receipt")
            self.assertEqual(action["type"], "ir.actions.act_window")

    def test_a_secretary_lands_on_their_cell(self):
        user = self._user("secretary", [
            "party_handbook.group_party_handbook_cell_secretary"], self.cell_a1)
        action = self._home(user)
        self.assertEqual((action["res_model"], action["res_id"]),
                         ("party.organization", self.cell_a1.id))
        self.assertEqual(action["views"], [(False, "form")])

    def test_a_secretary_of_two_cells_lands_on_both(self):
        cells = self.cell_a1 | self.cell_a2
        user = self._user("secretary2", [
            "party_handbook.group_party_handbook_cell_secretary"], cells)
        action = self._home(user)
        self.assertEqual(action["res_model"], "party.organization")
        self.assertEqual(action["domain"], [("id", "in", cells.ids)])

    def test_users_created_later_get_the_home_and_groups_decide(self):
        # a user created as a member, promoted to secretary later
        user = self._user("promoted", [
            "party_handbook.group_party_handbook_member", "base.group_user"],
            self.cell_a1)
        self.assertNotEqual(self._home(user)["res_model"], "party.organization")
        user.groups_id = [(4, self.env.ref(
            "party_handbook.group_party_handbook_cell_secretary").id)]
        self.assertEqual(self._home(user)["res_model"], "party.organization")

    def test_members_of_the_portal_have_the_home_but_go_to_my(self):
        user = self._user("portal", ["party_handbook.group_party_handbook_member"],
                          self.cell_a1, share=True)
        self.assertEqual(user._party_home_role(), "portal")

    def test_no_user_lands_on_discuss(self):
        discuss = self.env.ref("mail.mail_channel_action_client_chat")
        users = self.env["res.users"].search([
            ("share", "=", False), ("groups_id", "in", self.env.ref(
                "party_handbook.group_party_handbook_member").id)])
        self.assertTrue(users)
        for user in users:
            self.assertTrue(user.action_id, user.login)
            self.assertNotEqual(user.action_id.id, discuss.id, user.login)
