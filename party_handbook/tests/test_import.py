# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Importing paper records with Odoo's import (base_import), using the
templates shipped in static/import."""
import copy
import csv
import io

from odoo.exceptions import UserError
from odoo.modules.module import get_module_resource
from odoo.tests.common import SavepointCase

OPTIONS = {"headers": True, "quoting": '"', "separator": ",", "encoding": "utf-8"}


def read_template(name):
    path = get_module_resource("party_handbook", "static", "import", name)
    with open(path, encoding="utf-8") as template:
        return list(csv.reader(template))


def to_csv(rows):
    output = io.StringIO()
    csv.writer(output).writerows(rows)
    return output.getvalue().encode("utf-8")


class TestImport(SavepointCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Users = cls.env["res.users"].with_context(no_reset_password=True)
        cls.officer = Users.create({
            "name": "City officer", "login": "ph_test_import_officer",
            "email": "ph_test_import_officer@example.org",
            "groups_id": [(6, 0, [
                cls.env.ref("party_handbook.group_party_handbook_manager").id,
                # members are contacts (_inherits res.partner)
                cls.env.ref("base.group_partner_manager").id])]})
        # the templates, with codes and card numbers no other data uses
        cls.organizations = [
            [value.replace("HUE", "IMPT") for value in row]
            for row in read_template("party_organization_template.csv")]
        cls.members = [
            [value.replace("HUE", "IMPT") for value in row]
            for row in read_template("party_member_template.csv")]
        card = cls.members[0].index("card_number")
        for row in cls.members[1:]:
            row[card] = row[card] and "IMPT" + row[card]

    def _members(self, count):
        """The header and the first data rows of the member template."""
        return copy.deepcopy(self.members[:count])

    def _import(self, model, rows, options=None):
        wizard = self.env["base_import.import"].sudo(self.officer).create({
            "res_model": model, "file": to_csv(rows), "file_name": "records.csv",
            "file_type": "text/csv"})
        return wizard.do(rows[0], dict(options or OPTIONS))

    def _import_organizations(self):
        messages = self._import("party.organization", self.organizations)
        self.assertEqual(messages, [])

    def test_templates_import_every_row(self):
        self._import_organizations()
        Organization = self.env["party.organization"]
        city = Organization.search([("code", "=", "IMPT")])
        self.assertEqual(city.level, "city")
        cells = Organization.search([("id", "child_of", city.id),
                                     ("level", "=", "cell")])
        self.assertEqual(sorted(cells.mapped("code")), ["IMPT-PX-01", "IMPT-PX-02"])
        self.assertEqual(cells.mapped("parent_id.code"), ["IMPT-PX"])

        messages = self._import("party.member", self.members)
        self.assertEqual(messages, [])
        members = self.env["party.member"].search(
            [("organization_id", "child_of", city.id)])
        self.assertEqual(len(members), 3)
        by_name = {member.name: member for member in members}
        an = by_name["Nguyễn Văn An"]
        self.assertEqual(an.state, "official")
        self.assertEqual(an.organization_id.code, "IMPT-PX-01")
        self.assertEqual(an.admission_date, "1985-05-19")
        self.assertEqual(an.ethnicity, "Kinh")
        self.assertEqual(an.history_ids.event, "registration")
        self.assertEqual(an.history_ids.date, "1985-05-19")
        self.assertEqual(by_name["Trần Thị Bích"].state, "probationary")
        self.assertEqual(by_name["Trần Thị Bích"].history_ids.event, "admission")
        self.assertEqual(by_name["Hồ Văn Cường"].state, "exempted")

    def _assert_nothing_imported(self, rows):
        names = [row[0] for row in rows[1:]]
        self.assertFalse(self.env["party.member"].search([("name", "in", names)]))

    def test_unknown_organization_imports_nothing(self):
        self._import_organizations()
        rows = self._members(3)
        rows[2][rows[0].index("organization_id")] = "NO-SUCH-CELL"
        messages = self._import("party.member", rows)
        errors = [m for m in messages if m["type"] == "error"]
        self.assertTrue(errors)
        self.assertIn("NO-SUCH-CELL", errors[0]["message"])
        # the second data row (index 1) is named, the first is not
        self.assertEqual({m["record"] for m in errors}, {1})
        self.assertEqual(errors[0]["rows"], {"from": 1, "to": 1})
        self._assert_nothing_imported(rows)

    def test_invalid_date_imports_nothing(self):
        self._import_organizations()
        rows = self._members(3)
        rows[2][rows[0].index("date_of_birth")] = "1996-13-45"
        messages = self._import("party.member", rows)
        errors = [m for m in messages if m["type"] == "error"]
        self.assertTrue(errors)
        self.assertIn("1996-13-45", errors[0]["message"])
        self.assertEqual({m["record"] for m in errors}, {1})
        self._assert_nothing_imported(rows)

    def test_invalid_date_with_a_date_format_names_the_line(self):
        """Dates written as on paper (31/12/1990), the format given in the
        import dialog."""
        self._import_organizations()
        rows = self._members(3)
        for row in rows[1:]:
            for column in ("date_of_birth", "admission_date", "official_date"):
                index = rows[0].index(column)
                if row[index]:
                    row[index] = "/".join(reversed(row[index].split("-")))
        options = dict(OPTIONS, date_format="%d/%m/%Y")
        good = copy.deepcopy(rows)
        rows[2][rows[0].index("date_of_birth")] = "45/13/1996"
        messages = self._import("party.member", rows, options)
        self.assertEqual(len(messages), 1)
        self.assertEqual(messages[0]["type"], "error")
        self.assertIn("line 2", messages[0]["message"])
        self._assert_nothing_imported(rows)
        # the same file with a valid date imports both rows
        self.assertEqual(self._import("party.member", good, options), [])
        member = self.env["party.member"].search([("name", "=", rows[2][0])])
        self.assertEqual(member.date_of_birth, "1996-11-02")

    def test_status_is_changed_by_actions_only(self):
        self._import_organizations()
        self.assertEqual(self._import("party.member", self._members(2)), [])
        member = self.env["party.member"].search([("name", "=", "Nguyễn Văn An")])
        with self.assertRaises(UserError):
            member.write({"state": "probationary"})
        member.write({"state": "official"})  # unchanged: allowed
