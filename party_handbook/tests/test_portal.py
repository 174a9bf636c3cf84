# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The member portal over HTTP (controllers/portal.py)."""
import re

from odoo.tests.common import HttpCase
from odoo.tools import mute_logger

PASSWORD = "Portal-test-1"


class PortalCase(HttpCase):
    """The fixtures are written in the registry's test cursor, the one the
    HTTP requests use; it is rolled back when the test ends (leave_test_mode).
    """
    at_install = False
    post_install = True

    def setUp(self):
        super().setUp()
        # authenticate() reads the user through self.cr; TransactionCase's
        # own cleanup needs its cursor back (it runs after leave_test_mode)
        self.addCleanup(setattr, self, "cr", self.cr)
        self.addCleanup(setattr, self, "env", self.env)
        self.cr = self.registry.test_cr
        self.env = env = self.env(
            cr=self.cr,
            context=dict(self.env.context, tracking_disable=True))
        Organization = env["party.organization"]
        self.commune = Organization.create({
            "name": "Commune Portal", "code": "TP-A", "level": "commune"})
        self.cell = Organization.create({
            "name": "Cell Portal One", "code": "TP-A-1", "level": "cell",
            "parent_id": self.commune.id})
        self.other_cell = Organization.create({
            "name": "Cell Portal Two", "code": "TP-A-2", "level": "cell",
            "parent_id": self.commune.id})
        Member = env["party.member"]
        self.member = Member.create({
            "name": "Portal Member Lan", "organization_id": self.cell.id,
            "date_of_birth": "1950-03-02", "admission_date": "1975-05-19",
            "phone": "0234 555 001", "email": "lan@example.org",
            "card_number": "TP-000001", "national_id": "046150000111",
            "home_town": "Hương Trà", "occupation": "Hưu trí"})
        self.member.action_make_official(date="1976-05-19")
        env["party.member.reward"].create({
            "member_id": self.member.id, "decision_number": "12/QĐ-TU",
            "date": "2020-02-03", "issuing_body": "Thành ủy Huế",
            "form": "badge"})
        self.secretary = Member.create({
            "name": "Portal Secretary Hoa", "organization_id": self.cell.id,
            "admission_date": "1990-01-01", "mobile": "0905 111 222",
            "email": "hoa@example.org"})
        self.other = Member.create({
            "name": "Portal Other Minh", "organization_id": self.other_cell.id,
            "admission_date": "1990-01-01", "phone": "0234 999 999",
            "card_number": "TP-000099"})
        env["party.organization.position"].create({
            "organization_id": self.cell.id, "member_id": self.secretary.id,
            "role": "secretary", "date_start": "2020-01-01"})
        env["party.organization.position"].create({
            "organization_id": self.other_cell.id, "member_id": self.other.id,
            "role": "secretary", "date_start": "2020-01-01"})
        Users = env["res.users"].with_context(no_reset_password=True)
        groups = [env.ref("base.group_portal").id,
                  env.ref("party_handbook.group_party_handbook_member").id]
        self.user = Users.create({
            "login": "ph_portal_member", "password": PASSWORD,
            "partner_id": self.member.partner_id.id,
            "groups_id": [(6, 0, groups)]})
        self.secretary_user = Users.create({
            "login": "ph_portal_secretary", "password": PASSWORD,
            "partner_id": self.secretary.partner_id.id,
            "groups_id": [(6, 0, [env.ref(
                "party_handbook.group_party_handbook_cell_secretary").id])],
            "party_organization_ids": [(6, 0, self.cell.ids)]})
        self.stranger = Users.create({
            "login": "ph_portal_stranger", "password": PASSWORD,
            "name": "Portal Stranger", "groups_id": [(6, 0, groups)]})
        self.Request = env["party.member.change.request"]
        self.save()

    def save(self):
        """Keep what the test wrote: a request that ends rolls the test cursor
        back to its last commit."""
        # a TestCursor's commit only moves its savepoint
        self.registry.test_cr.commit()  # pylint: disable=invalid-commit

    def refresh(self):
        """Forget the cache: the requests wrote in their own environment."""
        self.env.clear()

    def get(self, url, login="ph_portal_member"):
        self.save()
        self.authenticate(login, PASSWORD)
        return self.url_open(url, timeout=30)

    def post_correction(self, values):
        form = self.get("/my/party/profile/correct")
        self.assertEqual(form.status_code, 200)
        token = re.search(r'name="csrf_token" value="([^"]+)"', form.text).group(1)
        return self.url_open("/my/party/profile/correct",
                             data=dict(values, csrf_token=token), timeout=30)

    def form_values(self, **changes):
        """The form as the browser sends it: every field, current values."""
        values = {
            "phone": "0234 555 001", "mobile": "", "email": "lan@example.org",
            "street": "", "residence": "", "home_town": "Hương Trà",
            "birth_name": "", "date_of_birth": "1950-03-02", "gender": "",
            "education_level": "", "professional_level": "",
            "political_theory_level": "", "language_level": "",
            "occupation": "Hưu trí", "note": ""}
        values.update(changes)
        return values


class TestPortal(PortalCase):

    def test_home_has_the_party_entries(self):
        response = self.get("/my")
        self.assertEqual(response.status_code, 200)
        self.assertIn('href="/my/party/profile"', response.text)
        self.assertIn('href="/my/party/contacts"', response.text)

    def test_profile_shows_own_data_and_not_sensitive_fields(self):
        response = self.get("/my/party/profile")
        self.assertEqual(response.status_code, 200)
        text = response.text
        self.assertIn("Portal Member Lan", text)
        self.assertIn("Commune Portal / Cell Portal One", text)
        self.assertIn("TP-000001", text)
        self.assertIn('href="tel:0234555001"', text)
        self.assertIn("12/QĐ-TU", text)
        self.assertIn("o_party_history", text)
        self.assertNotIn("046150000111", text)   # national ID
        self.assertNotIn("Portal Other Minh", text)
        self.assertNotIn("TP-000099", text)

    def test_pages_ignore_any_member_id_in_the_url(self):
        for url in ("/my/party/profile?id=%d" % self.other.id,
                    "/my/party/profile?member_id=%d" % self.other.id,
                    "/my/party/contacts?member_id=%d" % self.other.id):
            text = self.get(url).text
            self.assertNotIn("Portal Other Minh", text)
            self.assertNotIn("TP-000099", text)

    def test_user_without_member_profile_gets_a_clear_message(self):
        for url in ("/my/party/profile", "/my/party/profile/correct",
                    "/my/party/profile/requests", "/my/party/contacts"):
            response = self.get(url, login="ph_portal_stranger")
            self.assertEqual(response.status_code, 404, url)
            self.assertIn("o_party_no_member", response.text)
        home = self.get("/my", login="ph_portal_stranger")
        self.assertEqual(home.status_code, 200)
        self.assertNotIn("/my/party/profile", home.text)

    def test_contacts_show_the_own_cell_secretary_only(self):
        response = self.get("/my/party/contacts")
        self.assertEqual(response.status_code, 200)
        text = response.text
        self.assertIn("Portal Secretary Hoa", text)
        self.assertIn('href="tel:0905111222"', text)
        self.assertIn('href="mailto:hoa@example.org"', text)
        self.assertIn("Commune Portal", text)
        self.assertNotIn("Portal Other Minh", text)

    def test_member_details_go_through_the_correction_form(self):
        response = self.get("/my/account")
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response.url.endswith("/my/party/profile/correct"))
        self.assertIn("o_party_form", response.text)

    def test_correction_creates_a_request_with_the_changed_fields(self):
        response = self.post_correction(self.form_values(
            phone="0905 000 111", political_theory_level="intermediate",
            note="Số mới"))
        self.assertEqual(response.status_code, 200)
        self.assertIn("/my/party/profile/requests?sent=1", response.url)
        self.assertIn("o_party_sent", response.text)
        self.assertIn("Portal Secretary Hoa", response.text)
        self.refresh()
        request = self.Request.search([("member_id", "=", self.member.id)])
        self.assertEqual(len(request), 1)
        lines = {line.field_name: (line.old_value, line.new_value)
                 for line in request.line_ids}
        self.assertEqual(lines, {
            "phone": ("0234 555 001", "0905 000 111"),
            "political_theory_level": ("", "Intermediate")})
        self.assertEqual(request.note, "Số mới")
        self.assertEqual(request.activity_ids.user_id, self.secretary_user)
        self.assertEqual(self.member.phone, "0234 555 001")  # not yet applied
        self.assertIn("0905 000 111", response.text)

    def test_rejection_reason_is_shown_to_the_member(self):
        request = self.Request.sudo(self.user).submit(
            self.member.sudo(self.user), {"occupation": "Nông dân"})
        request.sudo(self.secretary_user).action_reject("Chưa có giấy tờ")
        text = self.get("/my/party/profile/requests").text
        self.assertIn("o_party_request_rejected", text)
        self.assertIn("Chưa có giấy tờ", text)

    def test_forged_fields_are_refused_and_nothing_changes(self):
        for forged in ({"card_number": "TP-777777"},
                       {"national_id": "000000000000"},
                       {"card_number": "TP-777777", "phone": "0905 000 222"}):
            response = self.post_correction(self.form_values(**forged))
            self.assertEqual(response.status_code, 200)
            self.assertIn("o_party_errors", response.text)
        self.refresh()
        self.assertFalse(self.Request.search([("member_id", "=", self.member.id)]))
        self.assertEqual(self.member.card_number, "TP-000001")
        self.assertEqual(self.member.sudo().national_id, "046150000111")
        self.assertEqual(self.member.phone, "0234 555 001")

    def test_bad_input_shows_the_form_again_and_creates_nothing(self):
        for bad in ({"date_of_birth": "1950-02-31"},
                    {"date_of_birth": "2999-01-01"},
                    {"gender": "robot"},
                    {"email": "not an address"},
                    {}):  # no change at all
            response = self.post_correction(self.form_values(
                occupation="Hưu trí", note="ghi chú giữ lại", **bad))
            self.assertEqual(response.status_code, 200)
            self.assertIn("o_party_errors", response.text)
            self.assertIn("ghi chú giữ lại", response.text)   # values kept
            for name, value in bad.items():
                if name != "gender":   # a <select>: no option for it
                    self.assertIn('value="%s"' % value, response.text)
        self.refresh()
        self.assertFalse(self.Request.search([("member_id", "=", self.member.id)]))

    def test_post_without_csrf_token_is_refused(self):
        self.authenticate("ph_portal_member", PASSWORD)
        with mute_logger("odoo.http"):
            response = self.url_open("/my/party/profile/correct",
                                     data=self.form_values(phone="0905 000 333"),
                                     timeout=30)
        self.assertEqual(response.status_code, 400)
        self.refresh()
        self.assertFalse(self.Request.search([("member_id", "=", self.member.id)]))
