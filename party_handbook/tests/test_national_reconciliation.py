# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Reconciliation with the national member database (CSDL 3.0, issue #16
§5): import of a crafted export, each kind of difference found exactly,
resolutions kept across comparisons, the change request, access."""
import base64
import io

import xlsxwriter

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import mute_logger

from ..models.party_national import name_key
from .common import PartyCase
from .test_data_protection import unclassified_fields

HEADER = ["STT", "Số CCCD", "Họ và tên", "Ngày sinh", "Giới tính",
          "Số thẻ đảng viên", "Số lý lịch", "Ngày vào Đảng", "Ngày chính thức",
          "Mã tổ chức đảng", "Tên tổ chức đảng"]


def export_rows(card_binh="TD-999002"):
    """The crafted export: (row without the STT column)."""
    return [
        # An: same data, name without diacritics: no difference
        ["046099000001", "Nguyen Van An", "15/01/1970", "Nam", "TD-000001",
         "LL-1", "19/05/2010", "19/05/2011", "TC-A-1", "Chi bộ A1"],
        # Bình: another card number (the 2025 card renewal)
        ["046099000002", "Trần Thị Bình", "15/01/1970", "Nữ", card_binh,
         "LL-2", "19/05/2010", "19/05/2011", "TC-A-1", "Chi bộ A1"],
        # Cường: another date of birth
        ["046099000003", "Lê Văn Cường", "15/01/1971", "Nam", "TD-000003",
         "LL-3", "01/03/2026", "", "TC-A-1", "Chi bộ A1"],
        # Dung: an old code of a merged commune, mapped to cell B1
        ["046099000004", "Phạm Thị Dung", "15/01/1970", "Nữ", "TD-000004",
         "LL-4", "19/05/2010", "19/05/2011", "OLD-07", "Chi bộ cũ"],
        # Em: another name and admission date
        ["046099000005", "Hoàng Văn Anh", "1970-01-15", "Nam", "TD-000005",
         "LL-5", "20/05/2010", "19/05/2011", "TC-B-1", "Chi bộ B1"],
        # Lan: matched by card number, another national ID
        ["046099000021", "Bùi Thị Lan", "15/01/1970", "Nữ", "TD-000020",
         "LL-20", "19/05/2010", "19/05/2011", "TC-B-1", "Chi bộ B1"],
        # unknown to the handbook, twice, in an unknown organization
        ["046099000099", "Ngô Văn Phúc", "15/01/1980", "Nam", "TD-000099",
         "LL-99", "19/05/2015", "19/05/2016", "ZZZ-1", "Chi bộ lạ"],
        ["046099000099", "Ngô Văn Phúc", "15/01/1980", "Nam", "TD-000099",
         "LL-99", "19/05/2015", "19/05/2016", "ZZZ-1", "Chi bộ lạ"],
        # errors: a date that does not exist, an empty national ID
        ["046099000031", "Đỗ Văn Quang", "31/02/1970", "Nam", "TD-000031",
         "", "19/05/2010", "", "TC-A-1", "Chi bộ A1"],
        ["", "Đỗ Thị Hoa", "15/01/1970", "Nữ", "TD-000032",
         "", "19/05/2010", "", "TC-A-1", "Chi bộ A1"],
    ]


def to_csv(rows):
    lines = [";".join(HEADER)]
    lines += [";".join([str(i + 1)] + row) for i, row in enumerate(rows)]
    return base64.b64encode("\n".join(lines).encode("utf-8"))


class NationalCase(PartyCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        members = [cls.a1_official, cls.a1_other, cls.a1_probationary,
                   cls.a2_official, cls.b1_official]
        for index, member in enumerate(members, 1):
            member.write({"national_id": "0460990000%02d" % index,
                          "card_number": "TD-%06d" % index})
        cls.a2_missing = cls.create_member(
            "Võ Thị Giang", cls.cell_a2, "official",
            national_id="046099000010", card_number="TD-000010")
        # Em again, typed with spaces (the unique constraint sees two IDs)
        cls.b1_duplicate = cls.create_member(
            "Đặng Văn Hải", cls.cell_b1, "official",
            national_id="046 099 000005", card_number="TD-000011")
        cls.b1_lan = cls.create_member(
            "Bùi Thị Lan", cls.cell_b1, "official",
            national_id="046099000020", card_number="TD-000020")
        cls.env["party.national.code"].create({
            "national_code": "OLD-07", "organization_id": cls.cell_b1.id,
            "note": "Merged on 1/7/2025"})
        cls.mapping = cls.env.ref("party_handbook.party_national_mapping_default")

    def new_import(self, rows=None, user=None, organization=None, **values):
        Import = self.env["party.national.import"]
        if user:
            Import = Import.sudo(user)
        return Import.create(dict({
            "name": "Test export", "organization_id": (
                organization or self.city).id,
            "mapping_id": self.mapping.id, "filename": "export.csv",
            "file": to_csv(export_rows() if rows is None else rows)}, **values))

    def compared(self, rows=None, user=None):
        record = self.new_import(rows, user=user or self.manager_user)
        record.action_import()
        record.action_compare()
        return record

    def differences(self, user=None):
        Difference = self.env["party.national.difference"]
        if user:
            Difference = Difference.sudo(user)
        return Difference.search([("scope_organization_id", "=", self.city.id)])

    def by_kind(self, differences):
        result = {}
        for difference in differences:
            result.setdefault(difference.kind, []).append(difference)
        return result


class TestNationalImport(NationalCase):

    def test_name_key_ignores_case_diacritics_and_spaces(self):
        self.assertEqual(name_key("  Nguyễn  Văn ĐẠT "), "nguyen van dat")
        self.env.cr.execute("SELECT party_name_key(%s), party_name_key(%s)",
                            ("  Nguyễn  Văn ĐẠT ", "Nguye\u0302\u0303n Va\u0306n Đạt"))
        self.assertEqual(self.env.cr.fetchone(),
                         ("nguyen van dat", "nguyen van dat"))

    def test_rows_with_errors_are_listed_with_their_row_numbers(self):
        record = self.new_import(user=self.manager_user)
        record.action_preview()
        self.assertIn("Ngô Văn Phúc", record.preview_html)
        self.assertIn("Row 10", record.preview_html)
        record.action_import()
        self.assertEqual((record.state, record.row_count, record.error_count),
                         ("imported", 10, 2))
        errors = {row.row_number: row.error for row in record.error_row_ids}
        self.assertEqual(sorted(errors), [10, 11])
        self.assertIn("31/02/1970", errors[10])
        self.assertIn("national ID is empty", errors[11])
        with self.assertRaises(UserError):
            record.action_import()

    def test_a_mapped_column_missing_from_the_file_is_named(self):
        rows = base64.b64encode("Họ và tên;Ngày sinh\nA;01/01/1970".encode())
        record = self.new_import(user=self.manager_user)
        record.write({"file": rows})
        with self.assertRaisesRegex(UserError, "Số CCCD"):
            record.action_import()

    def test_the_mapping_is_kept_for_the_next_import(self):
        mapping = self.env["party.national.mapping"].create({
            "name": "Other headings", "col_national_id": "CCCD",
            "col_full_name": "Ho ten", **{column: False for column in (
                "col_date_of_birth", "col_gender", "col_card_number",
                "col_record_number", "col_admission_date", "col_official_date",
                "col_organization_code", "col_organization_name")}})
        record = self.new_import(user=self.manager_user, mapping_id=mapping.id)
        record.write({"file": base64.b64encode(
            "CCCD,Ho ten\n046099000001,Nguyễn Văn An\n".encode())})
        record.action_import()
        self.assertEqual((record.row_count, record.error_count), (1, 0))
        self.assertEqual(self.env["party.national.import"].default_get(
            ["mapping_id"])["mapping_id"], mapping.id)

    def test_xlsx_export_with_date_cells(self):
        buffer = io.BytesIO()
        book = xlsxwriter.Workbook(buffer, {"in_memory": True})
        sheet = book.add_worksheet()
        date_format = book.add_format({"num_format": "dd/mm/yyyy"})
        sheet.write_row(0, 0, HEADER)
        sheet.write_row(1, 0, [1, "046099000001", "Nguyễn Văn An"])
        import datetime
        sheet.write_datetime(1, 3, datetime.datetime(1970, 1, 15), date_format)
        sheet.write_row(1, 4, ["Nam", "TD-000001", "LL-1"])
        sheet.write_datetime(1, 7, datetime.datetime(2010, 5, 19), date_format)
        sheet.write_datetime(1, 8, datetime.datetime(2011, 5, 19), date_format)
        sheet.write_row(1, 9, ["TC-A-1", "Chi bộ A1"])
        book.close()
        record = self.new_import(user=self.manager_user, filename="export.xlsx")
        record.write({"file": base64.b64encode(buffer.getvalue())})
        record.action_import()
        row = record.row_ids.sudo()
        self.assertEqual((row.date_of_birth, row.admission_date, row.error),
                         ("1970-01-15", "2010-05-19", False))
        record.action_compare()
        mine = record.difference_ids.filtered(
            lambda d: d.member_id == self.a1_official)
        self.assertFalse(mine, "a matching member gives no difference")


class TestNationalDiff(NationalCase):

    def test_each_kind_of_difference_is_found_exactly(self):
        record = self.compared()
        kinds = self.by_kind(self.differences())
        self.assertEqual({kind: len(found) for kind, found in kinds.items()}, {
            "card_number": 1, "date_of_birth": 1, "organization": 1,
            "name": 1, "admission_date": 1, "missing_local": 1,
            "unknown_organization": 1, "duplicate_national": 1,
            "missing_national": 2, "duplicate_local": 1, "national_id": 1})
        self.assertEqual(kinds["card_number"][0].member_id, self.a1_other)
        self.assertEqual((kinds["card_number"][0].local_value,
                          kinds["card_number"][0].national_value),
                         ("TD-000002", "TD-999002"))
        self.assertEqual(kinds["date_of_birth"][0].member_id,
                         self.a1_probationary)
        self.assertEqual(kinds["date_of_birth"][0].national_value, "15/01/1971")
        organization = kinds["organization"][0]
        self.assertEqual((organization.member_id, organization.organization_id,
                          organization.national_organization_id),
                         (self.a2_official, self.cell_a2, self.cell_b1))
        self.assertEqual(kinds["name"][0].member_id, self.b1_official)
        self.assertEqual(kinds["name"][0].national_value, "Hoàng Văn Anh")
        self.assertEqual(kinds["national_id"][0].member_id, self.b1_lan)
        self.assertEqual(set(d.member_id for d in kinds["missing_national"]),
                         {self.a2_missing, self.b1_duplicate})
        self.assertEqual(kinds["missing_local"][0].national_id, "046099000099")
        self.assertIn("ZZZ-1", kinds["unknown_organization"][0].national_value)
        self.assertEqual(kinds["duplicate_local"][0].national_id,
                         "046099000005")
        # the matching member, named without diacritics, gives none
        self.assertFalse(self.differences().filtered(
            lambda d: d.member_id == self.a1_official))
        self.assertEqual(record.state, "compared")
        self.assertIn("Different party card number: 1", record.summary)

    def test_card_difference_with_the_same_card_gives_none(self):
        self.compared(export_rows(card_binh="TD-000002"))
        self.assertFalse(self.differences().filtered(
            lambda d: d.kind == "card_number"))

    def test_a_rerun_keeps_the_resolutions_of_differences_that_still_exist(self):
        rows = export_rows()
        record = self.compared(rows)
        kinds = self.by_kind(self.differences())
        card, birth = kinds["card_number"][0], kinds["date_of_birth"][0]
        card.sudo(self.secretary_user).action_mark_national(
            "The new card TD-000002 was issued in 2025")
        birth.sudo(self.secretary_user).action_ignore("Checked on the ID card")
        record.action_compare()
        self.assertEqual((card.state, card.active), ("national", True))
        self.assertEqual((birth.state, birth.decision_note),
                         ("ignored", "Checked on the ID card"))
        open_before = self.differences().filtered(
            lambda d: d.state == "open")
        # a new export where CSDL 3.0 was corrected: the card difference
        # no longer exists, the ignored one still does
        rows[1][4] = "TD-000002"
        second = self.compared(rows)
        self.assertFalse(card.active)
        self.assertEqual((birth.active, birth.state, birth.import_id),
                         (True, "ignored", second))
        self.assertEqual(set(self.differences().filtered(
            lambda d: d.state == "open").mapped("key")),
                         set(open_before.mapped("key")))

    def test_correcting_the_handbook_opens_a_change_request(self):
        record = self.compared()
        kinds = self.by_kind(self.differences())
        name, admission = kinds["name"][0], kinds["admission_date"][0]
        action = (name | admission).sudo(self.manager_user).action_request_change()
        request = self.env["party.member.change.request"].browse(action["res_id"])
        self.assertEqual(request.member_id, self.b1_official)
        lines = {line.field_name: (line.old_value, line.new_value)
                 for line in request.line_ids}
        self.assertEqual(lines, {"name": ("Hoàng Văn Em", "Hoàng Văn Anh"),
                                 "admission_date": ("2010-05-19", "2010-05-20")})
        self.assertEqual((name.state, name.change_request_id),
                         ("change_request", request))
        request.sudo(self.manager_user).action_approve()
        self.assertEqual((self.b1_official.name,
                          self.b1_official.admission_date),
                         ("Hoàng Văn Anh", "2010-05-20"))
        self.assertEqual((name.state, admission.state), ("resolved", "resolved"))
        # the comparison no longer finds them: archived with their decision
        record.action_compare()
        self.assertFalse(name.active)

    def test_a_rejected_request_reopens_the_difference(self):
        self.compared()
        card = self.by_kind(self.differences())["organization"][0]
        card.sudo(self.manager_user).action_request_change()
        card.change_request_id.sudo(self.manager_user).action_reject(
            "The member still meets in cell A2")
        self.assertEqual((card.state, card.change_request_id.id),
                         ("open", False))

    def test_organization_change_moves_the_member(self):
        self.compared()
        organization = self.by_kind(self.differences())["organization"][0]
        # cell B1 is not the commune A officer's
        with self.assertRaises(UserError):
            organization.sudo(self.officer_user).action_request_change()
        organization.sudo(self.manager_user).action_request_change()
        request = organization.change_request_id
        self.assertEqual(request.line_ids.field_name, "organization_id")
        self.assertEqual(request.line_ids.new_value, self.cell_b1.display_name)
        request.sudo(self.manager_user).action_approve()
        self.assertEqual(self.a2_official.organization_id, self.cell_b1)
        self.assertEqual(organization.state, "resolved")

    def test_decisions_need_a_note_and_an_open_difference(self):
        self.compared()
        kinds = self.by_kind(self.differences())
        card = kinds["card_number"][0].sudo(self.secretary_user)
        with self.assertRaises(UserError):
            card.action_ignore(" ")
        card.action_ignore("Known")
        with self.assertRaises(UserError):
            card.action_mark_national("again")
        card.action_reopen()
        self.assertEqual(card.state, "open")
        with self.assertRaises(UserError):
            kinds["missing_local"][0].action_request_change()


class TestNationalAccess(NationalCase):

    @mute_logger("odoo.addons.base.ir.ir_model", "odoo.models")
    def test_members_and_supervisors_are_denied(self):
        record = self.compared()
        for user in (self.member_user, self.supervisor_user):
            for model in ("party.national.import", "party.national.row",
                          "party.national.difference", "party.national.code",
                          "party.national.mapping"):
                with self.assertRaises(AccessError, msg=(user.login, model)):
                    self.env[model].sudo(user).search([])
            with self.assertRaises(AccessError):
                self.env["party.national.difference"].sudo(user).read_group(
                    [], ["kind"], ["kind"])
            with self.assertRaises(AccessError):
                record.sudo(user).read(["name"])

    @mute_logger("odoo.addons.base.ir.ir_model", "odoo.models")
    def test_secretary_sees_and_decides_only_their_cell(self):
        self.compared()
        Difference = self.env["party.national.difference"].sudo(
            self.secretary_user)
        seen = Difference.search([])
        self.assertTrue(seen)
        self.assertEqual(set(seen.mapped("organization_id")), {self.cell_a1})
        groups = Difference.read_group([], ["kind"], ["kind"])
        self.assertEqual({g["kind"] for g in groups},
                         {"card_number", "date_of_birth"})
        # not the export, its rows or the mapping
        for model in ("party.national.import", "party.national.row",
                      "party.national.mapping"):
            with self.assertRaises(AccessError):
                self.env[model].sudo(self.secretary_user).search([])
        other = self.by_kind(self.differences())["organization"][0]
        with self.assertRaises(AccessError):
            other.sudo(self.secretary_user).action_ignore("not mine")

    @mute_logger("odoo.addons.base.ir.ir_model", "odoo.models")
    def test_officer_sees_the_subtree(self):
        record = self.compared()
        imports = self.env["party.national.import"].sudo(self.officer_user)
        self.assertFalse(imports.search([("id", "=", record.id)]),
                         "an export of the city is not the commune's")
        seen = self.env["party.national.difference"].sudo(
            self.officer_user).search([])
        self.assertTrue(all(o.parent_left >= self.commune_a.parent_left and
                            o.parent_left < self.commune_a.parent_right
                            for o in seen.mapped("organization_id")))
        self.assertIn(self.cell_a2, seen.mapped("organization_id"))
        with self.assertRaises(AccessError):
            self.new_import(user=self.officer_user, organization=self.commune_b)
        own = self.new_import(user=self.officer_user,
                              organization=self.commune_a)
        own.action_import()
        own.action_compare()
        self.assertTrue(own.sudo(self.officer_user).difference_ids)

    @mute_logger("odoo.addons.base.ir.ir_model", "odoo.models")
    def test_a_commune_import_matches_only_the_communes_members(self):
        """The whole city's export imported by commune A's officer: its rows
        are matched to commune A's members only, so nothing tells the
        officer who commune B's members are or what the handbook holds about
        them."""
        record = self.new_import(user=self.officer_user,
                                 organization=self.commune_a)
        record.action_import()
        record.action_compare()
        outside = self.env["party.member"].search(
            [("organization_id", "child_of", self.commune_b.id)])
        self.assertTrue(outside)
        rows = record.sudo().row_ids
        self.assertEqual(
            rows.filtered("member_id").mapped("member_id"),
            self.a1_official | self.a1_other | self.a1_probationary |
            self.a2_official)
        found = self.env["party.national.difference"].search(
            [("import_id", "=", record.id)])
        self.assertTrue(found)
        self.assertFalse(found.mapped("member_id") & outside)
        commune_a = self.env["party.organization"].search(
            [("id", "child_of", self.commune_a.id)])
        self.assertLessEqual(found.mapped("organization_id"), commune_a)
        # commune B's rows of the export are "missing here", in commune A
        missing = found.filtered(lambda d: d.kind == "missing_local")
        self.assertEqual(set(missing.mapped("national_id")) & {
            "046099000005", "046099000021"}, {"046099000005", "046099000021"})
        # and the officer sees every difference of the import, no more
        self.assertEqual(self.env["party.national.difference"].sudo(
            self.officer_user).search([("import_id", "=", record.id)]), found)
        self.assertFalse(self.env["party.national.row"].sudo(
            self.officer_user).search([("member_id", "in", outside.ids)]))

    @mute_logger("odoo.addons.base.ir.ir_model", "odoo.models")
    def test_codes_and_mappings_are_the_citys(self):
        """Officers read the national codes and the column mapping; the city
        keeps them, and a code never takes another organization's rows."""
        Code = self.env["party.national.code"]
        for user in (self.officer_user, self.secretary_user):
            with self.assertRaises(AccessError):
                Code.sudo(user).create({"national_code": "OLD-08",
                                        "organization_id": self.cell_a1.id})
            with self.assertRaises(AccessError):
                self.mapping.sudo(user).write({"col_full_name": "Tên"})
        as_manager = Code.sudo(self.manager_user)
        own = as_manager.create({"national_code": "OLD-03",
                                 "organization_id": self.cell_a2.id})
        # the officer reads the codes of the commune, not commune B's
        self.assertEqual(Code.sudo(self.officer_user).search(
            [("national_code", "like", "OLD-")]), own)
        self.cell_b1.national_code = "NB-1"
        for taken in ("NB-1", "nb-1", "old-07", "old-03", self.cell_b1.code):
            with self.assertRaises(ValidationError, msg=taken):
                as_manager.create({"national_code": taken,
                                   "organization_id": self.cell_a1.id})
        created = as_manager.create({"national_code": "OLD-08",
                                     "organization_id": self.cell_a1.id})
        self.assertEqual(created.organization_id, self.cell_a1)

    @mute_logger("odoo.addons.base.ir.ir_model", "odoo.models")
    def test_states_and_values_are_written_by_the_actions_only(self):
        record = self.compared()
        card = self.by_kind(self.differences())["card_number"][0]
        forged = {"party_internal_write": True, "tracking_disable": True,
                  "install_mode": True, "module": "party_handbook"}
        for user in (self.secretary_user, self.manager_user):
            difference = card.sudo(user).with_context(**forged)
            for values in ({"state": "ignored"}, {"decision_note": "x"},
                           {"national_value": "TD-1"}, {"active": False}):
                with self.assertRaises(UserError):
                    difference.write(values)
            with self.assertRaises((UserError, AccessError)):
                difference.unlink()
            with self.assertRaises((UserError, AccessError)):
                self.env["party.national.difference"].sudo(user).with_context(
                    **forged).create({"kind": "name", "key": "x",
                                      "state": "ignored"})
        with self.assertRaises(UserError):
            record.sudo(self.manager_user).with_context(**forged).write(
                {"state": "draft"})
        with self.assertRaises(UserError):
            record.sudo(self.manager_user).unlink()
        with self.assertRaises((UserError, AccessError)):
            record.row_ids[:1].sudo(self.manager_user).with_context(
                **forged).unlink()
        self.assertEqual(card.state, "open")

    def test_reads_of_national_ids_in_rows_are_logged_and_fields_classified(self):
        record = self.compared()
        for model in ("party.national.row", "party.national.difference",
                      "party.national.import"):
            self.assertFalse(unclassified_fields(self.env, model)
                             if model != "party.national.import" else [
                                 name for name in ("file",) if name not in
                                 self.env["party.data.field"].search([
                                     ("model", "=", model)]).mapped(
                                         "field_name")], model)
        Log = self.env["party.data.access.log"].sudo()
        before = Log.search_count([("model", "=", "party.national.row")])
        rows = record.row_ids.sudo(self.manager_user)
        rows.read(["national_id", "full_name"])
        after = Log.search_count([("model", "=", "party.national.row")])
        self.assertEqual(after - before, len(rows.mapped("member_id")))
