# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The Vietnamese import templates (static/import/mau_nhap_*.csv): Odoo's
import matches their column titles with the fields' labels in the user's
language, and their values with the labels of the selections, for an officer
who speaks Vietnamese."""
from odoo.tests.common import SavepointCase

from .test_import import OPTIONS, read_template, to_csv


class TestImportVietnamese(SavepointCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # a member's name is its contact's (res.partner): its label is
        # base's term, the others the module's
        cls.env["ir.translation"].load_module_terms(
            ["base", "party_handbook"], ["vi_VN"])
        cls.officer = cls.env["res.users"].with_context(no_reset_password=True).create({
            "name": "City officer", "login": "ph_test_import_vi_officer",
            "email": "ph_test_import_vi_officer@example.org", "lang": "vi_VN",
            "groups_id": [(6, 0, [
                cls.env.ref("party_handbook.group_party_handbook_manager").id,
                cls.env.ref("base.group_partner_manager").id])]})
        # the templates, with codes and card numbers no other data uses
        cls.organizations = [
            [value.replace("HUE", "IMPV") for value in row]
            for row in read_template("mau_nhap_to_chuc_dang.csv")]
        cls.members = [
            [value.replace("HUE", "IMPV") for value in row]
            for row in read_template("mau_nhap_dang_vien.csv")]
        card = cls.members[0].index("Số thẻ đảng viên")
        for row in cls.members[1:]:
            row[card] = row[card] and "IMPV" + row[card]

    def _wizard(self, model, rows):
        return self.env["base_import.import"].sudo(self.officer).with_context(
            lang="vi_VN").create({
                "res_model": model, "file": to_csv(rows),
                "file_name": "mau.csv", "file_type": "text/csv"})

    def _matches(self, model, rows):
        """The field of each column, as the import dialog matches them."""
        preview = self._wizard(model, rows).parse_preview(dict(OPTIONS))
        self.assertNotIn("error", preview)
        return [preview["matches"].get(index) for index in range(len(rows[0]))]

    def _import(self, model, rows):
        """Import as the dialog does: the columns are matched by title."""
        fields = ["/".join(match) for match in self._matches(model, rows)]
        return self._wizard(model, rows).do(fields, dict(OPTIONS))

    def test_titles_are_the_fields_labels_in_vietnamese(self):
        for model, vietnamese, english in (
                ("party.organization", self.organizations,
                 "party_organization_template.csv"),
                ("party.member", self.members, "party_member_template.csv")):
            self.assertEqual(self._matches(model, vietnamese),
                             [[name] for name in read_template(english)[0]])

    def test_vietnamese_templates_import_every_row(self):
        self.assertEqual(self._import("party.organization", self.organizations), [])
        Organization = self.env["party.organization"]
        city = Organization.search([("code", "=", "IMPV")])
        self.assertEqual(city.level, "city")
        self.assertEqual(Organization.search([("code", "=", "IMPV-PX")]).level,
                         "commune")
        self.assertEqual(Organization.search([("code", "=", "IMPV-PX-01")]).level,
                         "cell")

        self.assertEqual(self._import("party.member", self.members), [])
        members = self.env["party.member"].search(
            [("organization_id", "child_of", city.id)])
        by_name = {member.name: member for member in members}
        self.assertEqual(len(by_name), 3)
        an = by_name["Nguyễn Văn An"]
        self.assertEqual((an.state, an.gender, an.education_level,
                          an.professional_level, an.political_theory_level),
                         ("official", "male", "upper_secondary", "bachelor",
                          "intermediate"))
        self.assertEqual(an.organization_id.code, "IMPV-PX-01")
        self.assertEqual(an.admission_date, "1985-05-19")
        bich = by_name["Trần Thị Bích"]
        self.assertEqual((bich.state, bich.gender, bich.professional_level,
                          bich.political_theory_level),
                         ("probationary", "female", "master", "elementary"))
        cuong = by_name["Hồ Văn Cường"]
        self.assertEqual((cuong.state, cuong.education_level,
                          cuong.professional_level),
                         ("exempted", "lower_secondary", "none"))
