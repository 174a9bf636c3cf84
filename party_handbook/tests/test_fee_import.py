# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Import of the National Public Service Portal's list of party fee
payments: CSV (UTF-8 with BOM, Windows-1258, semicolons) and XLSX, bad rows
listed with their row number, good rows saved, transactions never
doubled, nothing saved before the confirmation, columns remembered."""
import base64
import io
import unicodedata

import xlsxwriter

from odoo.exceptions import AccessError, UserError

from .test_fee_payment import FeeCase

HEADER = ["Mã giao dịch", "Số CCCD", "Số thẻ đảng viên", "Họ và tên",
          "Số tiền", "Ngày thanh toán", "Kỳ nộp"]


def to_1258(text):
    """Windows-1258 as Vietnamese Windows writes it: the vowels â, ă, ê,
    ô, ơ, ư precomposed, the tone marks combining."""
    result = []
    for char in text:
        try:
            result.append(char.encode("cp1258"))
        except UnicodeEncodeError:
            parts = unicodedata.normalize("NFD", char)
            result.append(unicodedata.normalize("NFC", parts[:-1]).encode(
                "cp1258") + parts[-1].encode("cp1258"))
    return b"".join(result)


def to_csv(rows, delimiter=";", encoding="utf-8-sig"):
    text = "\r\n".join(delimiter.join(str(v) for v in row) for row in rows)
    return to_1258(text) if encoding == "cp1258" else text.encode(encoding)


def to_xlsx(rows):
    output = io.BytesIO()
    book = xlsxwriter.Workbook(output, {"in_memory": True})
    sheet = book.add_worksheet("Danh sách")
    date_format = book.add_format({"num_format": "dd/mm/yyyy"})
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if hasattr(value, "year"):
                sheet.write_datetime(r, c, value, date_format)
            elif isinstance(value, (int, float)):
                sheet.write_number(r, c, value)
            else:
                sheet.write_string(r, c, value)
    book.close()
    return output.getvalue()


class TestFeeImport(FeeCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.a1_official.write({"national_id": "046080000001"})
        cls.a1_other.write({"national_id": "046080000003",
                            "card_number": "79.012345"})
        cls.a2_official.write({"national_id": "046080000009"})

    def start(self, content, name="dvc.csv", user=None, **vals):
        return self.env["party.fee.import"].sudo(
            user or self.secretary_user).create(dict({
                "name": name, "file": base64.b64encode(content)}, **vals))

    def rows(self, record):
        return {line.row_number: line for line in record.line_ids}

    def test_csv_with_bad_rows(self):
        content = to_csv([
            HEADER,
            ["DVC001", "046080000001", "", "Nguyễn Văn An", "30.000",
             "10/03/2026 08:15:22", "02/2026"],
            ["DVC002", "", "79.012345", "Trần Thị Bình", "60.000",
             "11/03/2026", "02/2026-03/2026"],
            ["DVC003", "046099999999", "", "Không Rõ", "30.000",
             "11/03/2026", "02/2026"],
            ["DVC004", "046080000009", "", "Phạm Thị Dung", "30.000",
             "11/03/2026", "02/2026"],
            ["DVC005", "046080000001", "", "Nguyễn Văn An", "ba mươi nghìn",
             "11/03/2026", "03/2026"],
            ["DVC006", "046080000001", "", "Nguyễn Văn An", "30.000",
             "31/02/2026", "03/2026"],
            ["=HYPERLINK(\"http://x\",\"y\")", "046080000001", "",
             "Nguyễn Văn An", "30.000", "11/03/2026", "03/2026"],
            ["DVC001", "046080000001", "", "Nguyễn Văn An", "30.000",
             "10/03/2026", "02/2026"],
            ["DVC007", "046080000001", "", "Nguyen Van Anh", "30000",
             "12/03/2026", "04/2026"],
            ["DVC008", "046080000001", "", "Nguyễn Văn An", "30000",
             "12/03/2026", "tháng tư"],
        ])
        record = self.start(content)
        record.action_preview()
        rows = self.rows(record)
        self.assertEqual(sorted(rows), list(range(2, 12)))
        self.assertEqual(rows[2].state, "ok")
        self.assertEqual(rows[2].member_id, self.a1_official)
        self.assertEqual((rows[3].state, rows[3].member_id),
                         ("ok", self.a1_other))
        self.assertEqual(rows[3].month_to, "2026-03-01")
        self.assertEqual(rows[4].state, "error")
        self.assertIn("national ID", rows[4].message)
        self.assertEqual(rows[5].state, "error")
        # a member of another commune and nobody read the same: the import
        # does not tell who is a member elsewhere
        self.assertEqual(rows[5].message, rows[4].message)
        self.assertFalse(rows[5].member_id)
        self.assertEqual(rows[6].state, "error")
        self.assertIn("amount", rows[6].message)
        self.assertIn("date", rows[7].message)
        self.assertEqual(rows[8].state, "error")
        self.assertIn("transaction code", rows[8].message)
        self.assertEqual(rows[9].state, "duplicate")
        self.assertEqual(rows[10].state, "warning")
        self.assertIn("Nguyen Van Anh", rows[10].message)
        self.assertIn("month", rows[11].message)
        # nothing saved before the confirmation
        self.assertFalse(self.Payment.search([("reference", "in", (
            "DVC001", "DVC002", "DVC007"))]))
        record.action_confirm()
        self.assertEqual(record.state, "done")
        self.assertEqual(record.imported_by_id, self.secretary_user)
        self.assertEqual((record.count_rows, record.count_saved,
                          record.count_duplicates, record.count_errors),
                         (10, 3, 1, 6))
        payments = record.payment_ids
        self.assertEqual(sorted(payments.mapped("reference")),
                         ["DVC001", "DVC002", "DVC007"])
        self.assertEqual(set(payments.mapped("channel")), {"dvc"})
        self.assertEqual(set(payments.mapped("recorded_by_id")),
                         {self.secretary_user})
        dues = self.dues(self.a1_other)
        self.assertEqual(dues["2026-03-01"], ("paid", 30000))
        self.assertEqual(self.dues(self.a1_official)["2026-04-01"][0], "paid")
        # the import is kept: not changed, not deleted
        with self.assertRaises(UserError):
            record.unlink()
        with self.assertRaises(UserError):
            record.write({"name": "other.csv"})
        with self.assertRaises(UserError):
            rows[4].sudo(self.secretary_user).write({"state": "done"})

    def test_reimport_skips_what_was_imported(self):
        content = to_csv([HEADER, [
            "DVC101", "046080000001", "", "Nguyễn Văn An", "30.000",
            "10/03/2026", "02/2026"]])
        first = self.start(content)
        first.action_preview()
        first.action_confirm()
        self.assertEqual(first.count_saved, 1)
        again = self.start(content)
        again.action_preview()
        self.assertEqual(again.line_ids.state, "duplicate")
        again.action_confirm()
        self.assertEqual((again.count_saved, again.count_duplicates), (0, 1))
        self.assertEqual(self.Payment.search_count(
            [("reference", "=", "DVC101")]), 1)
        self.assertEqual(self.dues(self.a1_official)["2026-02-01"],
                         ("paid", 30000))

    def test_windows_1258_commas_and_remembered_columns(self):
        header = ["Ma GD", "CCCD nguoi nop", "Ten", "Tien", "Ngay", "Thang"]
        content = to_csv([header, [
            "DVC201", "046080000003", "Trần Thị Bình", "30000", "2026-03-10",
            "T3/2026"]], delimiter=",", encoding="cp1258")
        record = self.start(content, col_reference="Ma GD",
                            col_national_id="CCCD nguoi nop", col_name="Ten",
                            col_amount="Tien", col_date="Ngay",
                            col_months="Thang")
        record.action_preview()
        line = record.line_ids
        self.assertEqual(line.state, "ok", line.message)
        self.assertEqual(line.payer_name, "Trần Thị Bình")
        record.action_confirm()
        # the next import proposes the same columns
        defaults = self.env["party.fee.import"].sudo(
            self.secretary_user).default_get(["col_reference", "col_amount"])
        self.assertEqual(defaults["col_reference"], "Ma GD")
        self.assertEqual(defaults["col_amount"], "Tien")

    def test_unknown_columns_are_explained(self):
        record = self.start(to_csv([["a", "b", "c"], ["1", "2", "3"]]))
        with self.assertRaises(UserError):
            record.action_preview()

    def test_xlsx(self):
        from datetime import datetime
        content = to_xlsx([
            ["DANH SÁCH NỘP ĐẢNG PHÍ QUA CỔNG DỊCH VỤ CÔNG"],
            HEADER,
            ["DVC301", "046080000001", "", "Nguyễn Văn An", 30000,
             datetime(2026, 3, 10), "02/2026"],
            ["DVC302", "046080000003", "", "Trần Thị Bình", "60.000",
             "11/03/2026", "02/2026 - 03/2026"],
            ["DVC303", "046080000001", "", "Nguyễn Văn An", -5,
             datetime(2026, 3, 10), "03/2026"],
        ])
        record = self.start(content, name="dvc.xlsx")
        record.action_preview()
        rows = self.rows(record)
        self.assertEqual(sorted(rows), [3, 4, 5])
        self.assertEqual((rows[3].state, rows[3].amount, rows[3].date),
                         ("ok", 30000, "2026-03-10"))
        self.assertEqual(rows[4].state, "ok", rows[4].message)
        self.assertEqual(rows[5].state, "error")
        record.action_confirm()
        self.assertEqual(record.count_saved, 2)

    def test_who_imports(self):
        content = to_csv([HEADER, [
            "DVC401", "046080000009", "", "Phạm Thị Dung", "30.000",
            "10/03/2026", "02/2026"]])
        with self.assertRaises(AccessError):
            self.start(content, user=self.member_user)
        # the commune's officer imports for cell A2
        record = self.start(content, user=self.officer_user)
        record.action_preview()
        self.assertEqual(record.line_ids.state, "ok")
        # another secretary does not see the officer's import nor its rows
        self.assertFalse(self.env["party.fee.import"].sudo(
            self.secretary_user).search([("id", "=", record.id)]))
        self.assertFalse(self.env["party.fee.import.line"].sudo(
            self.secretary_user).search([("import_id", "=", record.id)]))
        with self.assertRaises(AccessError):
            record.sudo(self.secretary_user).action_confirm()
        # the commune's officer sees what the cell's secretary imported
        mine = self.start(content)
        self.assertEqual(mine.organization_id, self.cell_a1)
        self.assertTrue(self.env["party.fee.import"].sudo(
            self.officer_user).search([("id", "=", mine.id)]))
        # nobody imports for an organization they do not serve
        with self.assertRaises(AccessError):
            self.start(content, organization_id=self.cell_b1.id)
        with self.assertRaises(AccessError):
            mine.write({"organization_id": self.cell_b1.id})
        # rows are read from the file only
        with self.assertRaises((UserError, AccessError)):
            self.env["party.fee.import.line"].sudo(self.officer_user).create({
                "import_id": record.id, "row_number": 9, "state": "ok",
                "member_id": self.a2_official.id, "amount": 1})
