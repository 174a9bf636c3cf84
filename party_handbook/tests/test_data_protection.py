# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Personal data protection (Law 91/2025/QH15, Decree 356/2025/NĐ-CP):
classification of every member field, the log of reads, reports, exports
and downloads of logged fields, restricted exports, the member's data file
and spreadsheets whose cells never run as formulas."""
import csv
import io
import json
import re
import zipfile

import xlrd

from odoo.exceptions import AccessError, UserError
from odoo.tools import mute_logger

from ..controllers.data_protection import PartyCSVExport, PartyExcelExport
from .common import PartyCase

# the member models of this module (party_handbook_meetings checks its own)
MEMBER_MODELS = (
    "party.member", "party.member.history", "party.member.work",
    "party.member.training", "party.member.position", "party.member.reward",
    "party.member.discipline", "party.member.rating",
    "party.member.change.request", "party.member.change.request.line",
    "party.document.feedback", "party.document.receipt",
    "party.audio.listen",
    "party.fee.basis", "party.fee.exemption", "party.fee.due",
    "party.fee.payment",
)
# the contact fields of a member's res.partner that the handbook uses
PARTNER_CONTACT_FIELDS = (
    "name", "email", "phone", "mobile", "street", "street2", "city", "zip",
    "state_id", "country_id", "image", "image_medium", "image_small", "title",
    "function", "comment", "lang", "tz")
OUR_MODULES = ("party_handbook", "party_handbook_meetings")
MAGIC = {"id", "display_name", "create_uid", "create_date", "write_uid",
         "write_date", "__last_update"}
FORMULA = '=HYPERLINK("http://x","y")'


def unclassified_fields(env, model_name, extra=()):
    """The fields of a model that have no row in party.data.field: every
    field but the magic ones, the chatter's and the inherited contact's
    (classified on res.partner)."""
    model = env[model_name]
    framework = set(env["mail.thread"]._fields) | set(
        env["mail.activity.mixin"]._fields) | MAGIC
    if model_name == "res.partner":
        names = {name for name, field in model._fields.items()
                 if field._module in OUR_MODULES} | set(extra)
    else:
        names = {name for name, field in model._fields.items()
                 if not field.inherited} - framework
    classified = set(env["party.data.field"].search(
        [("model", "=", model_name)]).mapped("field_name"))
    return sorted(names - classified)


class DataProtectionCase(PartyCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Log = cls.env["party.data.access.log"]
        cls.dpo_user = cls.env["res.users"].with_context(
            no_reset_password=True).create({
                "name": "Data protection officer", "login": "ph_dpo",
                "email": "ph_dpo@example.org",
                "groups_id": [(6, 0, [cls.env.ref(
                    "party_handbook.group_party_handbook_dpo").id])]})
        cls.a1_official.write({"national_id": "046080000001",
                               "religion": "Phật giáo", "ethnicity": "Kinh"})
        cls.a1_probationary.write({"national_id": "046080000002"})
        cls.a1_other.write({"national_id": "046080000003"})

    def log_rows(self, **domain):
        return self.Log.sudo().search(
            [(key, "=", value) for key, value in domain.items()], order="id")

    def fresh_log(self):
        self.env.cr.execute("DELETE FROM party_data_access_log")
        self.Log.invalidate_cache()


class TestClassification(DataProtectionCase):

    def test_every_member_field_is_classified(self):
        missing = {model: unclassified_fields(self.env, model)
                   for model in MEMBER_MODELS}
        missing["res.partner"] = unclassified_fields(
            self.env, "res.partner", PARTNER_CONTACT_FIELDS)
        missing = {model: names for model, names in missing.items() if names}
        self.assertFalse(missing, "Classify these fields in "
                         "data/party.data.field.csv: %s" % missing)

    def test_every_classification_names_a_field(self):
        for row in self.env["party.data.field"].search([]):
            if row.model in self.env:
                self.assertIn(row.field_name, self.env[row.model]._fields,
                              "%s.%s" % (row.model, row.field_name))
            self.assertTrue(row.purpose and row.legal_basis and row.source)

    def test_decisions(self):
        Field = self.env["party.data.field"]

        def row(model, name):
            return Field.search([("model", "=", model), ("field_name", "=", name)])
        for name in ("ethnicity", "religion", "discipline_ids", "rating_ids",
                     "state", "admission_date", "card_number"):
            self.assertEqual(row("party.member", name).category, "sensitive", name)
        # the personal identification number is basic data under the law,
        # logged and export-restricted by the product
        self.assertEqual(row("party.member", "national_id").category, "basic")
        self.assertEqual(Field._logged_fields("party.member"), {
            "ethnicity", "religion", "national_id", "discipline_ids",
            "rating_ids"} | ({"activity_restriction"} if "activity_restriction"
                             in self.env["party.member"]._fields else set()))

    @mute_logger("odoo.addons.base.ir.ir_model", "odoo.models")
    def test_classification_is_read_only_but_for_administrators(self):
        row = self.env["party.data.field"].search([], limit=1)
        self.assertTrue(row.sudo(self.secretary_user).read(["purpose"]))
        for user in (self.secretary_user, self.manager_user, self.dpo_user):
            with self.assertRaises(AccessError):
                row.sudo(user).write({"purpose": "x"})


class TestReadLog(DataProtectionCase):

    def test_secretary_reading_national_id_logs_one_row_per_member(self):
        self.fresh_log()
        members = self.a1_official | self.a1_probationary
        members.sudo(self.secretary_user).read(["name", "national_id"])
        rows = self.log_rows(user_id=self.secretary_user.id)
        self.assertEqual(rows.mapped("member_id"), members)
        self.assertEqual(set(rows.mapped("field_names")), {"national_id"})
        self.assertEqual(set(rows.mapped("operation")), {"read"})
        self.assertTrue(all(rows.mapped("channel")))
        # reading no logged field logs nothing
        members.sudo(self.secretary_user).read(["name", "occupation"])
        self.assertEqual(len(self.log_rows(user_id=self.secretary_user.id)), 2)
        # all the fields the user may read (a form) include the logged ones
        self.a1_official.sudo(self.secretary_user).read()
        last = self.log_rows(user_id=self.secretary_user.id)[-1]
        self.assertEqual(set(last.field_names.split(",")), {
            "discipline_ids", "ethnicity", "national_id", "rating_ids",
            "religion"} | ({"activity_restriction"} if "activity_restriction"
                           in self.env["party.member"]._fields else set()))

    def test_records_of_sensitive_models_are_logged_by_member(self):
        discipline = self.env["party.member.discipline"].create({
            "member_id": self.a1_official.id, "decision_number": "01-QĐ/CB",
            "issuing_body": "Chi bộ A1", "form": "reprimand",
            "date": "2025-01-10"})
        self.fresh_log()
        discipline.sudo(self.secretary_user).read(["form", "decision_number"])
        rows = self.log_rows(user_id=self.secretary_user.id)
        self.assertEqual(rows.member_id, self.a1_official)
        self.assertEqual(rows.model, "party.member.discipline")
        self.assertEqual(rows.field_names, "decision_number,form")

    def test_own_data_is_not_logged(self):
        """A member reading their own data is not a disclosure: not logged
        (their download of it is, see TestSubjectAccess)."""
        self.fresh_log()
        (self.a1_other | self.a1_official).sudo(self.secretary_user).read(
            ["national_id"])
        rows = self.log_rows(user_id=self.secretary_user.id)
        self.assertEqual(rows.member_id, self.a1_official)

    def test_list_of_80_members_is_logged_in_one_statement(self):
        Member = self.env["party.member"]
        members = Member.browse([Member.create({
            "name": "Thành viên %02d" % index, "organization_id": self.cell_a1.id,
            "date_of_birth": "1970-01-15", "admission_date": "2010-05-19",
            "national_id": "0460900000%02d" % index}).id for index in range(80)])
        as_secretary = members.sudo(self.secretary_user)
        fields = ("name", "national_id", "religion", "ethnicity", "state")

        def queries(records, names=fields):
            records.invalidate_cache()
            before = self.env.cr.sql_log_count
            records.read(list(names))
            return self.env.cr.sql_log_count - before
        queries(as_secretary[:1])  # warm the caches (rules, groups)
        self.fresh_log()
        few, many = queries(as_secretary[:10]), queries(as_secretary)
        self.assertEqual(few, many, "the log costs the same for 10 or 80 members")
        unlogged = queries(as_secretary, ["name", "occupation", "state"])
        self.assertEqual(many, unlogged + 1, "one INSERT for the whole page")
        self.assertEqual(len(self.log_rows(user_id=self.secretary_user.id)), 90)
        self.env.cr.execute("""
            SELECT count(DISTINCT date), count(*) FROM party_data_access_log
             WHERE user_id = %s""", (self.secretary_user.id,))
        self.assertEqual(self.env.cr.fetchone(), (1, 90))

    def test_profile_sheet_and_register_are_logged(self):
        self.fresh_log()
        report = self.env["report.party_handbook.report_member_profile"].sudo(
            self.secretary_user)
        report.get_report_values([self.a1_official.id, self.a1_probationary.id])
        rows = self.log_rows(operation="report")
        self.assertEqual(rows.mapped("member_id"),
                         self.a1_official | self.a1_probationary)
        self.assertIn("national_id", rows[0].field_names)
        self.fresh_log()
        self.cell_a1.sudo(self.secretary_user)._register_xlsx()
        rows = self.log_rows(operation="report")
        self.assertEqual(set(rows.mapped("member_id").ids), set(
            self.env["party.member"].search([
                ("organization_id", "=", self.cell_a1.id)]).ids))
        self.assertEqual(set(rows.mapped("field_names")), {"ethnicity,religion"})


class TestLogIsAppendOnly(DataProtectionCase):

    @mute_logger("odoo.addons.base.ir.ir_model", "odoo.models")
    def test_nobody_writes_or_deletes_the_log(self):
        self.fresh_log()
        self.a1_official.sudo(self.secretary_user).read(["national_id"])
        row = self.log_rows()
        self.assertEqual(len(row), 1)
        values = {"member_id": self.a1_official.id, "date": "2026-01-01 00:00:00",
                  "channel": "web", "operation": "read"}
        # the superuser (as an RPC caller acting as administrator) too
        for env in (self.env, self.env(user=self.manager_user.id)):
            Log = env["party.data.access.log"].sudo()
            with self.assertRaises(UserError):
                Log.create(values)
            with self.assertRaises(UserError):
                Log.browse(row.id).write({"field_names": "name"})
            with self.assertRaises(UserError):
                Log.browse(row.id).unlink()
        for user in (self.dpo_user, self.manager_user):
            Log = self.Log.sudo(user)
            with self.assertRaises((AccessError, UserError)):
                Log.create(values)
            with self.assertRaises((AccessError, UserError)):
                Log.browse(row.id).write({"field_names": "name"})
            with self.assertRaises((AccessError, UserError)):
                Log.browse(row.id).unlink()
        self.assertEqual(self.log_rows().field_names, "national_id")

    @mute_logger("odoo.addons.base.ir.ir_model", "odoo.models")
    def test_only_the_dpo_reads_the_log(self):
        self.fresh_log()
        self.a1_official.sudo(self.secretary_user).read(["national_id"])
        self.assertEqual(len(self.Log.sudo(self.dpo_user).search([])), 1)
        for user in (self.secretary_user, self.officer_user, self.manager_user,
                     self.member_user):
            with self.assertRaises(AccessError):
                self.Log.sudo(user).search([])

    def test_dpo_summary(self):
        self.fresh_log()
        self.a1_official.sudo(self.secretary_user).read(["national_id"])
        wizard = self.env["party.data.access.summary"].sudo(self.dpo_user).create(
            {"date_from": "2000-01-01", "date_to": "2100-12-31"})
        html = self.env.ref(
            "party_handbook.action_report_data_access_summary").sudo(
                self.dpo_user).render_qweb_html(wizard.ids)[0].decode()
        self.assertIn(self.secretary_user.name, html)
        self.assertIn("national_id", html)
        with self.assertRaises(AccessError):
            self.env["report.party_handbook.report_data_access_summary"].sudo(
                self.officer_user).get_report_values(wizard.ids)

    def test_retention_purges_the_whole_backlog(self):
        self.fresh_log()
        retention = self.env.ref("party_handbook.data_retention_access_log")
        retention.write({"batch_size": 3})
        self.env.cr.execute("""
            INSERT INTO party_data_access_log
                (date, user_id, member_id, field_names, channel, operation)
            SELECT now() AT TIME ZONE 'UTC' - interval '1 day' * %s, %s, %s,
                   'national_id', 'web', 'read'
              FROM generate_series(1, 10)""",
                            (retention.days + 5, self.secretary_user.id,
                             self.a1_official.id))
        self.a1_official.sudo(self.secretary_user).read(["national_id"])
        self.assertEqual(self.Log._cron_purge(), 10)
        self.assertEqual(len(self.log_rows()), 1)


class TestExport(DataProtectionCase):

    @mute_logger("odoo.addons.base.ir.ir_model", "odoo.models")
    def test_export_of_logged_fields_needs_the_group_and_is_logged(self):
        self.fresh_log()
        members = self.env["party.member"].sudo(self.officer_user).search([
            ("organization_id", "child_of", self.commune_a.id)])
        with self.assertRaises(AccessError):
            members.export_data(["name", "national_id"])
        with self.assertRaises(AccessError):  # through a relation too
            self.env["party.member.work"].sudo(self.officer_user).search(
                []).export_data(["employer", "member_id/religion"])
        # fields that are not logged export as before, unlogged
        self.assertEqual(len(members.export_data(["name"])["datas"]),
                         len(members))
        self.assertFalse(self.log_rows(), self.log_rows().read())
        self.officer_user.write({"groups_id": [(4, self.env.ref(
            "party_handbook.group_party_handbook_export_sensitive").id)]})
        datas = members.export_data(["name", "national_id"])["datas"]
        self.assertIn(["Nguyễn Văn An", "046080000001"], datas)
        rows = self.log_rows(operation="export")
        self.assertEqual(rows.mapped("member_id"), members)
        self.assertEqual(set(rows.mapped("record_count")), {len(members)})
        self.assertEqual(set(rows.mapped("field_names")), {"national_id"})
        self.assertEqual(set(rows.mapped("user_id")), {self.officer_user})

    @mute_logger("odoo.addons.base.ir.ir_model", "odoo.models")
    def test_export_through_a_relation_from_any_model(self):
        """A model without the logged-data mixin (reward, organization)
        cannot export a member's logged fields through a relation either;
        with the group, the members reached are logged, one row each."""
        Reward = self.env["party.member.reward"]
        for member in (self.a1_official, self.a1_official, self.a1_probationary,
                       self.b1_official):
            Reward.create({
                "member_id": member.id, "decision_number": "12-QĐ/ĐU",
                "issuing_body": "Đảng ủy xã A", "form": "certificate",
                "date": "2024-02-03"})
        self.fresh_log()
        rewards = Reward.sudo(self.secretary_user).search([])
        self.assertEqual(rewards.mapped("member_id"),
                         self.a1_official | self.a1_probationary)
        cells = self.env["party.organization"].sudo(self.secretary_user).browse(
            self.cell_a1.id)
        for records, fields in (
                (rewards, ["decision_number", "member_id/national_id"]),
                (rewards, ["member_id/religion"]),
                (rewards, ["member_id/discipline_ids/form"]),
                (rewards, ["member_id/rating_ids/id"]),
                (cells, ["name", "member_ids/ethnicity"])):
            with self.subTest(model=records._name, fields=fields):
                with self.assertRaisesRegex(AccessError, "Export sensitive"):
                    records.export_data(fields)
        # other fields of the member export as before, unlogged
        self.assertEqual(len(rewards.export_data(["member_id/name"])["datas"]),
                         len(rewards))
        self.assertFalse(self.log_rows(), self.log_rows().read())
        self.secretary_user.write({"groups_id": [(4, self.env.ref(
            "party_handbook.group_party_handbook_export_sensitive").id)]})
        datas = rewards.export_data(
            ["decision_number", "member_id/national_id", "member_id/religion"]
        )["datas"]
        self.assertIn(["12-QĐ/ĐU", "046080000001", "Phật giáo"], datas)
        rows = self.log_rows(operation="export")
        self.assertEqual(sorted(rows.mapped("member_id").ids),
                         sorted((self.a1_official | self.a1_probationary).ids))
        self.assertEqual(len(rows), 2)
        self.assertEqual(set(rows.mapped("channel")), {"export"})
        self.assertEqual(set(rows.mapped("model")), {"party.member.reward"})
        self.assertEqual(set(rows.mapped("field_names")),
                         {"member_id/national_id,member_id/religion"})
        self.assertEqual(set(rows.mapped("record_count")), {len(rewards)})
        self.assertEqual(set(rows.mapped("user_id")), {self.secretary_user})
        # through a one-to-many: the cell's members are reached
        self.fresh_log()
        cells.export_data(["name", "member_ids/ethnicity"])
        self.assertEqual(
            sorted(self.log_rows(operation="export").mapped("member_id").ids),
            sorted(cells.member_ids.ids))


class TestSubjectAccess(DataProtectionCase):

    def read_file(self, content):
        archive = zipfile.ZipFile(io.BytesIO(content))
        self.assertEqual(sorted(archive.namelist()),
                         ["du_lieu_cua_toi.html", "du_lieu_cua_toi.json"])
        return (json.loads(archive.read("du_lieu_cua_toi.json").decode()),
                archive.read("du_lieu_cua_toi.html").decode())

    def test_member_downloads_own_data_only(self):
        self.env["party.member.reward"].create({
            "member_id": self.a1_official.id, "decision_number": "12-QĐ/ĐU",
            "issuing_body": "Đảng ủy xã A", "form": "certificate",
            "date": "2024-02-03"})
        self.env["party.member.reward"].create({
            "member_id": self.a1_other.id, "decision_number": "99-QĐ/ĐU",
            "issuing_body": "Đảng ủy xã A", "form": "certificate",
            "date": "2024-02-03"})
        self.fresh_log()
        member = self.a1_official.sudo(self.member_user)
        __, content = member._subject_access_file("portal")
        data, html = self.read_file(content)
        self.assertEqual(data["member"], "Nguyễn Văn An")
        self.assertEqual(data["profile"]["National ID"], "046080000001")
        self.assertEqual(data["profile"]["Religion"], "Phật giáo")
        sections = {section["key"]: section for section in data["sections"]}
        for key in ("history", "work", "training", "positions", "rewards",
                    "discipline", "ratings", "change_requests",
                    "document_receipts", "feedback"):
            self.assertIn(key, sections)
        self.assertEqual([r["Decision Number"] for r in
                          sections["rewards"]["records"]], ["12-QĐ/ĐU"])
        text = json.dumps(data, ensure_ascii=False) + html
        for other in (self.a1_other, self.a1_probationary, self.b1_official):
            self.assertNotIn(other.name, text)
        self.assertNotIn("046080000003", text)
        self.assertNotIn("99-QĐ/ĐU", text)
        self.assertIn("046080000001", html)
        row = self.log_rows(operation="subject_access")
        self.assertEqual((row.member_id, row.user_id, row.channel),
                         (self.a1_official, self.member_user, "portal"))

    @mute_logger("odoo.addons.base.ir.ir_model", "odoo.models")
    def test_assisted_download_for_a_member_without_login(self):
        self.fresh_log()
        member = self.a1_probationary.sudo(self.secretary_user)
        member._check_assisted_subject_access()
        data, __ = self.read_file(member._subject_access_file("assisted")[1])
        self.assertEqual(data["member"], self.a1_probationary.name)
        row = self.log_rows(operation="subject_access")
        self.assertEqual((row.user_id, row.channel),
                         (self.secretary_user, "assisted"))
        with self.assertRaises(AccessError):  # another commune
            self.b1_official.sudo(self.officer_user)._check_assisted_subject_access()
        with self.assertRaises(AccessError):  # a member for another member
            self.a1_other.sudo(self.member_user)._check_assisted_subject_access()


class TestFormulaNeutralization(DataProtectionCase):

    def test_register_xlsx_cells_are_text(self):
        self.a1_official.write({"occupation": FORMULA})
        content = self.cell_a1.sudo(self.secretary_user)._register_xlsx()
        archive = zipfile.ZipFile(io.BytesIO(content))
        sheet = archive.read("xl/worksheets/sheet1.xml").decode()
        strings = archive.read("xl/sharedStrings.xml").decode()
        self.assertNotIn("<f>", sheet)
        self.assertIn("'=HYPERLINK(", strings)
        self.assertFalse(re.search(r"<t[^>]*>=HYPERLINK", strings))

    def test_odoo_csv_and_xls_exports_neutralize(self):
        values = [FORMULA, "+1", "-2", "@SUM(A1)", "\tx", "\rx", "plain", 3]
        expected = ["'" + FORMULA, "'+1", "'-2", "'@SUM(A1)", "'\tx", "'\rx",
                    "plain", "3"]
        content = PartyCSVExport().from_data(["c%d" % i for i in range(8)],
                                             [values])
        rows = list(csv.reader(io.StringIO(content.decode())))
        self.assertEqual(rows[1], expected)
        content = PartyExcelExport().from_data(["c%d" % i for i in range(8)],
                                               [values])
        sheet = xlrd.open_workbook(file_contents=content).sheet_by_index(0)
        cells = [sheet.cell(1, col) for col in range(8)]
        self.assertEqual([cell.value for cell in cells[:4]], expected[:4])
        self.assertEqual(cells[5].value, "' x")  # the export turns CR to a space
        self.assertTrue(all(cell.ctype == xlrd.XL_CELL_TEXT for cell in cells[:7]))
