# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Import of the National Public Service Portal's list of party fee payments
(Cổng Dịch vụ công quốc gia), as the portal exports it: CSV (UTF-8 with or
without BOM, or Windows-1258; comma, semicolon or tab) or XLSX (xlrd, which
Odoo 11 ships).

The columns are mapped once: the import remembers the headers of the last
confirmed file (a system parameter) and recognises the portal's usual
Vietnamese headers. "Preview" reads the file into rows, matched to members
by national ID, then party card number (a different name is a warning);
nothing is saved as a payment until "Confirm", which saves the good rows
even when others fail. The import is kept (file, who, when, counts) with its
rows and their errors, in Vietnamese once translated, with the row number.
A transaction already imported is skipped, never doubled."""
import base64
import csv
import io
import json
import re
import unicodedata
from datetime import date, datetime

from odoo import SUPERUSER_ID, _, api, fields, models
from odoo.exceptions import AccessError, UserError

# pylint: disable=missing-import-error
from .party_fee_payment import FIRST_MONTH, MANAGER, OFFICER
from .party_integrity import checked_values, internal_write, is_internal

try:
    import xlrd
except ImportError:  # pragma: no cover - Odoo 11 requires it
    xlrd = None

COLUMNS_PARAM = "party_handbook.fee_import_columns"
MAX_ROWS = 20000
# each column: the field, and the headers the portal's exports use
KNOWN_HEADERS = {
    "reference": ("mã giao dịch", "ma giao dich", "mã gd", "số giao dịch",
                  "mã hồ sơ", "transaction code", "transaction"),
    "national_id": ("số cccd", "cccd", "số định danh", "số định danh cá nhân",
                    "cmnd/cccd", "số cmnd/cccd", "national id"),
    "card_number": ("số thẻ đảng viên", "số thẻ đảng", "thẻ đảng viên",
                    "party card number", "card number"),
    "name": ("họ và tên", "họ tên", "tên người nộp", "người nộp", "name",
             "payer"),
    "amount": ("số tiền", "số tiền nộp", "số tiền (vnđ)", "số tiền (đồng)",
               "amount"),
    "date": ("ngày thanh toán", "ngày nộp", "thời gian thanh toán",
             "ngày giao dịch", "payment date", "date"),
    "months": ("kỳ nộp", "tháng nộp", "nộp cho tháng", "kỳ đảng phí",
               "months", "month"),
}
FIELDS = ("reference", "national_id", "card_number", "name", "amount", "date",
          "months")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
REFERENCE_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._/-]{0,63}$")
LINE_STATES = [("ok", "Ready"), ("warning", "Ready, with a warning"),
               ("error", "Error"), ("duplicate", "Already imported"),
               ("done", "Saved")]


def fold(text):
    """Lower case, Vietnamese diacritics and spaces folded, for headers and
    names."""
    text = unicodedata.normalize("NFD", str(text or "")).replace(
        "đ", "d").replace("Đ", "D")
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(text.lower().split())


def clean_text(value):
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return unicodedata.normalize("NFC", str(value)).strip()


def parse_amount(value):
    """Whole đồng from "120.000", "120,000", "120000 đ" or a number; None
    when it is not one."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return int(value) if float(value).is_integer() else None
    text = re.sub(r"(?i)\s|vnđ|vnd|đồng|đ", "", clean_text(value))
    if re.match(r"^\d{1,3}([.,]\d{3})+$", text):
        return int(re.sub(r"[.,]", "", text))
    if re.match(r"^\d+([.,]0+)?$", text):
        return int(re.split(r"[.,]", text)[0])
    return None


def parse_date(value, datemode=0):
    """A date from "dd/mm/yyyy [hh:mm[:ss]]", "yyyy-mm-dd" or an XLSX date;
    None when it is not one."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, float) and xlrd:
        try:
            return datetime(*xlrd.xldate_as_tuple(value, datemode)).date()
        except (ValueError, xlrd.XLDateError):
            return None
    text = clean_text(value).split(" ")[0]
    for pattern in ("%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d"):
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return None


def parse_months(value):
    """(first month, last month) as dates from "01/2026", "T1/2026",
    "2026-01", "01/2026 - 03/2026", "1-3/2026"; (None, None) when empty;
    False when it cannot be read."""
    text = clean_text(value)
    if not text:
        return None, None
    text = re.sub(r"(?i)th[aá]ng|t(?=\d)", "", text).strip()
    match = re.match(r"^(\d{1,2})\s*[-–]\s*(\d{1,2})\s*/\s*(\d{4})$", text)
    if match:
        pairs = [(int(match.group(1)), int(match.group(3))),
                 (int(match.group(2)), int(match.group(3)))]
    else:
        pairs = [(int(m), int(y)) for m, y in
                 re.findall(r"\b(\d{1,2})\s*[/.]\s*(\d{4})\b", text)]
        if not pairs:
            pairs = [(int(m), int(y)) for y, m in
                     re.findall(r"\b(\d{4})-(\d{1,2})\b", text)]
        if not pairs or len(pairs) > 2:
            return False
    if len(pairs) == 1:
        pairs.append(pairs[0])
    try:
        first, last = (date(y, m, 1) for m, y in pairs)
    except ValueError:
        return False
    if last < first:
        return False
    return first, last


def read_rows(content, file_name):
    """The file's rows as lists of values, and the XLSX date mode."""
    name = (file_name or "").lower()
    if name.endswith((".xlsx", ".xls")) or content[:4] == b"PK\x03\x04":
        if not xlrd:
            raise UserError(_("Excel files cannot be read on this server: "
                              "save the list as CSV."))
        try:
            book = xlrd.open_workbook(file_contents=content)
        except Exception:  # xlrd raises many kinds for a bad file
            raise UserError(_("This file cannot be read as an Excel "
                              "workbook."))
        sheet = book.sheet_by_index(0)
        rows = []
        for index in range(min(sheet.nrows, MAX_ROWS + 1)):
            rows.append([
                cell.value if cell.ctype in (xlrd.XL_CELL_DATE,
                                             xlrd.XL_CELL_NUMBER)
                else clean_text(cell.value)
                for cell in sheet.row(index)])
            for position, cell in enumerate(sheet.row(index)):
                if cell.ctype == xlrd.XL_CELL_DATE:
                    rows[-1][position] = parse_date(cell.value,
                                                    book.datemode)
        return rows
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = content.decode("cp1258", errors="replace")
    text = unicodedata.normalize("NFC", text)
    first_line = text.split("\n", 1)[0]
    delimiter = max((";", ",", "\t"), key=first_line.count)
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    rows = []
    for row in reader:
        rows.append([clean_text(value) for value in row])
        if len(rows) > MAX_ROWS:
            break
    return rows


class PartyFeeImport(models.Model):
    _name = "party.fee.import"
    _inherit = ["party.integrity.mixin", "mail.thread"]
    _description = "Import of party fee payments from the public service portal"
    _order = "create_date desc, id desc"
    _protected_fields = ("state", "imported_by_id", "imported_on",
                         "count_rows", "count_saved", "count_errors",
                         "count_duplicates", "count_warnings")

    name = fields.Char(string="File name", required=True, readonly=True,
                       states={"draft": [("readonly", False)]})
    file = fields.Binary(attachment=True, readonly=True,
                         states={"draft": [("readonly", False)]})
    organization_id = fields.Many2one(
        "party.organization", string="For the organization", index=True,
        readonly=True, states={"draft": [("readonly", False)]},
        default=lambda self: self.env.user.party_organization_ids[:1],
        help="The import is seen by the secretaries and officers of this "
             "organization and above, besides its author.")
    state = fields.Selection([("draft", "Preview"), ("done", "Imported")],
                             string="Status",
                             default="draft", required=True, readonly=True,
                             index=True, track_visibility="onchange")
    imported_by_id = fields.Many2one("res.users", readonly=True)
    imported_on = fields.Datetime(readonly=True)
    line_ids = fields.One2many("party.fee.import.line", "import_id",
                               string="Rows", readonly=True)
    payment_ids = fields.One2many("party.fee.payment", "import_id",
                                  string="Payments", readonly=True)
    count_rows = fields.Integer(string="Rows", readonly=True)
    count_saved = fields.Integer(string="Saved", readonly=True)
    count_errors = fields.Integer(string="Errors", readonly=True)
    count_duplicates = fields.Integer(string="Already imported",
                                      readonly=True)
    count_warnings = fields.Integer(string="Warnings", readonly=True)
    col_reference = fields.Char(string="Column: transaction code")
    col_national_id = fields.Char(string="Column: national ID")
    col_card_number = fields.Char(string="Column: party card number")
    col_name = fields.Char(string="Column: name")
    col_amount = fields.Char(string="Column: amount")
    col_date = fields.Char(string="Column: payment date")
    col_months = fields.Char(string="Column: month(s) paid")

    @api.model
    def default_get(self, fields_list):
        defaults = super().default_get(fields_list)
        remembered = self._remembered_columns()
        for name in FIELDS:
            key = "col_" + name
            if key in fields_list and remembered.get(name):
                defaults.setdefault(key, remembered[name])
        return defaults

    @api.model
    def _remembered_columns(self):
        raw = self.env["ir.config_parameter"].sudo().get_param(COLUMNS_PARAM)
        try:
            value = json.loads(raw or "{}")
        except ValueError:
            return {}
        return value if isinstance(value, dict) else {}

    def _unlink_refusal(self):
        if any(record.state == "done" for record in self):
            return _("An import that saved payments is kept: its payments "
                     "are cancelled one by one if needed.")
        return ""

    @api.multi
    def unlink(self):
        self.check_access_rights("unlink")
        self.check_access_rule("unlink")
        refusal = self._unlink_refusal()
        if refusal:
            raise UserError(refusal)
        with internal_write(self.mapped("line_ids")):
            return super().unlink()

    @api.model
    def create(self, vals):
        self._check_importer()
        self._check_organization(vals.get("organization_id"))
        return super().create(vals)

    @api.model
    def _check_organization(self, organization_id):
        if not organization_id or self.env.uid == SUPERUSER_ID or \
                self.env.user.has_group(MANAGER):
            return
        if not self.env["party.organization"].search_count([
                ("id", "=", organization_id),
                ("id", "child_of", self.env.user.party_organization_ids.ids)]):
            raise AccessError(_("You may only import party fees for the "
                                "organizations you serve."))

    @api.multi
    def write(self, vals):
        if not is_internal(self) and any(
                record.state != "draft" for record in self):
            raise UserError(_("A confirmed import is not changed."))
        if "organization_id" in vals:
            self._check_organization(vals["organization_id"])
        return super().write(vals)

    @api.model
    def _check_importer(self):
        if self.env.uid != SUPERUSER_ID and not self.env.user.has_group(
                "party_handbook.group_party_handbook_cell_secretary"):
            raise AccessError(_("Only cell secretaries and committee officers "
                                "import party fee payments."))

    def _header_map(self, header):
        """{field: column index} from the header row: the columns named on
        the import first, then the portal's usual headers."""
        folded = [fold(value) for value in header]
        result = {}
        for name in FIELDS:
            wanted = self["col_" + name]
            candidates = ([wanted] if wanted else []) + list(
                KNOWN_HEADERS[name])
            for candidate in candidates:
                if fold(candidate) in folded:
                    result[name] = folded.index(fold(candidate))
                    break
        return result

    @api.multi
    def action_preview(self):
        """Read the file into rows (replacing an earlier preview); nothing
        is saved as a payment."""
        self.ensure_one()
        self.check_access_rule("write")
        if self.state != "draft":
            raise UserError(_("This import is already confirmed."))
        if not self.file:
            raise UserError(_("Please choose the file exported from the "
                              "National Public Service Portal."))
        rows = read_rows(base64.b64decode(self.file), self.name)
        header_index = next((i for i, row in enumerate(rows[:10])
                             if len(self._header_map(row)) >= 3), None)
        if header_index is None:
            raise UserError(_(
                "The columns of the file were not recognised: write the "
                "headers of the transaction code, the national ID or party "
                "card number, the amount and the payment date on the "
                "import."))
        columns = self._header_map(rows[header_index])
        missing = [label for name, label in (
            ("reference", _("transaction code")), ("amount", _("amount")),
            ("date", _("payment date"))) if name not in columns]
        if "national_id" not in columns and "card_number" not in columns:
            missing.append(_("national ID or party card number"))
        if missing:
            raise UserError(_("These columns are missing from the file: %s.")
                            % ", ".join(missing))
        body = rows[header_index + 1:]
        values = []
        for offset, row in enumerate(body):
            if not any(clean_text(v) for v in row):
                continue
            get = lambda name, row=row: row[columns[name]] if (  # noqa: E731
                name in columns and columns[name] < len(row)) else ""
            values.append({
                "row_number": header_index + offset + 2,
                "raw": {name: get(name) for name in FIELDS}})
        lines = self._check_rows(values)
        with internal_write(self.line_ids):
            self.line_ids.unlink()
        Line = self.env["party.fee.import.line"]
        with internal_write(Line):
            for line in lines:
                Line.create(line)
        self._update_counts()
        return True

    @api.multi
    def _check_rows(self, values):
        """The rows' values checked set-wise: members looked up in two
        queries, known transaction codes in one."""
        today = fields.Date.from_string(fields.Date.context_today(self))
        Member = self.env["party.member"].sudo()
        ids = {clean_text(v["raw"]["national_id"]) for v in values} - {""}
        cards = {clean_text(v["raw"]["card_number"]) for v in values} - {""}
        by_id = {m.national_id: m for m in Member.with_context(
            active_test=False).search([("national_id", "in", list(ids))])} \
            if ids else {}
        by_card = {m.card_number: m for m in Member.with_context(
            active_test=False).search([("card_number", "in", list(cards))])} \
            if cards else {}
        references = {clean_text(v["raw"]["reference"]) for v in values}
        known = set(self.env["party.fee.payment"].sudo().search([
            ("channel", "=", "dvc"), ("state", "=", "posted"),
            ("reference", "in", list(references - {""}))]).mapped(
                "reference"))
        allowed = None
        user = self.env.user
        if self.env.uid != SUPERUSER_ID and not user.has_group(MANAGER):
            allowed = set(self.env["party.organization"].sudo().search(
                [("id", "child_of", user.party_organization_ids.ids)]).ids)
        lookup = {
            "today": today, "by_id": by_id, "by_card": by_card,
            "known": known, "allowed": allowed, "seen": set(),
            "may_old": self.env.uid == SUPERUSER_ID or user.has_group(OFFICER)}
        return [self._check_row(value, lookup) for value in values]

    @api.multi
    def _check_row(self, value, lookup):
        raw = value["raw"]
        errors, warnings = [], []
        reference = clean_text(raw["reference"])
        line = {"import_id": self.id, "row_number": value["row_number"],
                "reference": reference[:64],
                "national_id": clean_text(raw["national_id"])[:20],
                "card_number": clean_text(raw["card_number"])[:20],
                "payer_name": clean_text(raw["name"])[:128],
                "raw_amount": clean_text(raw["amount"])[:32],
                "raw_date": clean_text(raw["date"])[:32],
                "raw_months": clean_text(raw["months"])[:32]}
        state = "ok"
        if not REFERENCE_RE.match(reference or "") or \
                reference.startswith(FORMULA_START):
            errors.append(_("the transaction code is missing or not valid"))
        elif reference in lookup["known"] or reference in lookup["seen"]:
            state = "duplicate"
        self._row_member(line, lookup, errors, warnings)
        self._row_values(raw, line, lookup, errors, warnings)
        if errors:
            state = "error"
        else:
            lookup["seen"].add(reference)
            if state == "ok" and warnings:
                state = "warning"
        line["state"] = state
        message = "; ".join(errors or warnings or (
            [_("already imported")] if state == "duplicate" else []))
        line["message"] = message and message[0].upper() + message[1:] + "."
        return line

    @staticmethod
    def _row_member(line, lookup, errors, warnings):
        member = lookup["by_id"].get(line["national_id"]) \
            if line["national_id"] else None
        if not member and line["card_number"]:
            member = lookup["by_card"].get(line["card_number"])
        if not member or (lookup["allowed"] is not None and
                          member.organization_id.id not in lookup["allowed"]):
            # one message for both: whether someone of another organization
            # is a member is not the importer's to learn
            errors.append(_("no member of the organizations you serve has "
                            "this national ID or party card number"))
        else:
            line["member_id"] = member.id
            name = line["payer_name"]
            if name and fold(name) != fold(member.name):
                warnings.append(_("the name in the file (%s) differs from "
                                  "the member's name") % name)

    @staticmethod
    def _row_values(raw, line, lookup, errors, warnings):
        amount = parse_amount(raw["amount"])
        if amount is None or amount <= 0:
            errors.append(_("the amount is not a whole positive number of "
                            "đồng"))
        else:
            line["amount"] = amount
        paid_on = parse_date(raw["date"])
        if not paid_on or paid_on > lookup["today"] or paid_on.year < 2000:
            errors.append(_("the payment date is not valid"))
        else:
            line["date"] = fields.Date.to_string(paid_on)
        months = parse_months(raw["months"])
        if months is False:
            errors.append(_("the month(s) paid cannot be read (write them "
                            "as 02/2026 or 02/2026-04/2026)"))
        elif months[0]:
            line["month_from"] = fields.Date.to_string(months[0])
            line["month_to"] = fields.Date.to_string(months[1])
            if line["month_from"] < FIRST_MONTH and not lookup["may_old"]:
                errors.append(_("months before February 2026 are recorded "
                                "by a committee officer"))
        else:
            warnings.append(_("no month in the file: the oldest unpaid month "
                              "is used"))

    def _update_counts(self):
        counts = {state: 0 for state, _label in LINE_STATES}
        for line in self.line_ids:
            counts[line.state] += 1
        with internal_write(self):
            self.write({
                "count_rows": len(self.line_ids),
                "count_saved": counts["done"],
                "count_errors": counts["error"],
                "count_duplicates": counts["duplicate"],
                "count_warnings": counts["warning"]})

    @api.multi
    def action_confirm(self):
        """Save the good rows as payments (the bad ones stay listed), settle
        the members' dues once, remember the columns."""
        self.ensure_one()
        self.check_access_rule("write")
        if self.state != "draft":
            raise UserError(_("This import is already confirmed."))
        if not self.line_ids:
            self.action_preview()
        good = self.line_ids.filtered(lambda l: l.state in ("ok", "warning"))
        # check again what may have changed since the preview
        fresh = {line["row_number"]: line for line in self._check_rows([{
            "row_number": line.row_number, "raw": {
                "reference": line.reference, "national_id": line.national_id,
                "card_number": line.card_number, "name": line.payer_name,
                "amount": line.raw_amount, "date": line.raw_date,
                "months": line.raw_months}} for line in good])}
        Payment = self.env["party.fee.payment"]
        oldest = self.env["party.fee.due"]._party_fee_oldest_unpaid(
            good.mapped("member_id").ids)
        members = set()
        for line in good:
            check = fresh[line.row_number]
            if check["state"] not in ("ok", "warning"):
                with internal_write(line):
                    line.write({"state": check["state"],
                                "message": check["message"]})
                continue
            month_from = line.month_from or oldest.get(
                line.member_id.id, {}).get("month") or month_of(line.date)
            vals = {"member_id": line.member_id.id, "date": line.date,
                    "month_from": month_from,
                    "month_to": line.month_to or month_from,
                    "amount": line.amount, "channel": "dvc",
                    "reference": line.reference, "import_id": self.id,
                    "note": _("Imported from %s, row %s") % (
                        self.name, line.row_number)}
            try:
                with self.env.cr.savepoint(), internal_write(Payment):
                    payment = Payment.create(vals)
            except (UserError, AccessError) as error:
                with internal_write(line):
                    line.write({"state": "error", "message": error.name})
                continue
            members.add(line.member_id.id)
            with internal_write(line):
                line.write({"state": "done", "payment_id": payment.id})
        self.env["party.fee.due"]._party_fee_settle(list(members))
        columns = {}
        for name in FIELDS:
            if self["col_" + name]:
                columns[name] = self["col_" + name]
        if columns:
            self.env["ir.config_parameter"].sudo().set_param(
                COLUMNS_PARAM, json.dumps(columns, ensure_ascii=False))
        with internal_write(self):
            self.write({"state": "done", "imported_by_id": self.env.uid,
                        "imported_on": fields.Datetime.now()})
        self._update_counts()
        return True


def month_of(day):
    return day and day[:8] + "01"


class PartyFeeImportLine(models.Model):
    _name = "party.fee.import.line"
    _inherit = ["party.integrity.mixin"]
    _description = "Row of an import of party fee payments"
    _order = "import_id, row_number"

    import_id = fields.Many2one("party.fee.import", required=True,
                                index=True, ondelete="cascade")
    row_number = fields.Integer(string="Row", required=True)
    reference = fields.Char(string="Transaction code", index=True)
    national_id = fields.Char(string="National ID")
    card_number = fields.Char(string="Party card number")
    payer_name = fields.Char(string="Name in the file")
    raw_amount = fields.Char(string="Amount in the file")
    raw_date = fields.Char(string="Date in the file")
    raw_months = fields.Char(string="Months in the file")
    member_id = fields.Many2one("party.member", index=True,
                                ondelete="set null")
    amount = fields.Integer(string="Amount (VND)")
    date = fields.Date(string="Payment date")
    month_from = fields.Date(string="For the month")
    month_to = fields.Date(string="Through the month")
    state = fields.Selection(LINE_STATES, string="Status", required=True, default="ok",
                             index=True)
    message = fields.Char()
    payment_id = fields.Many2one("party.fee.payment", ondelete="set null")

    def _create_refusal(self):
        return _("The rows of an import are read from its file.")

    def _unlink_refusal(self):
        return _("The rows of an import are kept with it.")

    @api.multi
    def write(self, vals):
        if not is_internal(self):
            raise UserError(_("The rows of an import are read from its "
                              "file."))
        with checked_values(vals):
            return super().write(vals)
