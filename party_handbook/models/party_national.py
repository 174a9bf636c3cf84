# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Reconciliation with the national member database (CSDL đảng viên 3.0,
issue #16 §5). Not the quarterly statistics reconciliation
(``party.reconciliation.*``).

- ``party.national.mapping``: which column of the export holds what, saved
  once and used again by the next import;
- ``party.national.code``: old national organization codes (before the
  July 2025 mergers) mapped to today's cells;
- ``party.national.import``: one export file (who, when, counts) with its
  rows (``party.national.row``, personal data: officers of the subtree and
  city officers, reads logged);
- ``party.national.difference``: what the comparison found, computed
  set-wise in SQL (``_compare``), with its resolution (a change request of
  the member's profile, "to correct in CSDL 3.0", or ignored with a
  reason), kept across comparisons while the difference still exists.
"""
import base64
import csv
import html
import io
import logging
import re
import time
import unicodedata
from datetime import date, datetime

from psycopg2 import sql
from psycopg2.extras import execute_values

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

# pylint: disable=missing-import-error
from .party_integrity import internal_write
from .party_member import ACTIVE_STATES

_logger = logging.getLogger(__name__)

OFFICER = "party_handbook.group_party_handbook_officer"
SECRETARY = "party_handbook.group_party_handbook_cell_secretary"

# (field of party.national.row, mapping column field, label)
COLUMNS = [
    ("national_id", "col_national_id"),
    ("full_name", "col_full_name"),
    ("date_of_birth", "col_date_of_birth"),
    ("gender", "col_gender"),
    ("card_number", "col_card_number"),
    ("record_number", "col_record_number"),
    ("admission_date", "col_admission_date"),
    ("official_date", "col_official_date"),
    ("organization_code", "col_organization_code"),
    ("organization_name", "col_organization_name"),
]
DATE_COLUMNS = ("date_of_birth", "admission_date", "official_date")
KINDS = [
    ("missing_local", "Missing in the handbook"),
    ("missing_national", "Missing in CSDL 3.0"),
    ("duplicate_national", "Duplicate national ID in the export"),
    ("duplicate_local", "Duplicate national ID in the handbook"),
    ("organization", "Different party cell"),
    ("unknown_organization", "Unknown organization code"),
    ("national_id", "Different national ID"),
    ("card_number", "Different party card number"),
    ("name", "Different name"),
    ("date_of_birth", "Different date of birth"),
    ("admission_date", "Different admission date"),
    ("official_date", "Different official date"),
]
# kinds a change request of the member's profile can fix: member field
FIXABLE = {
    "organization": "organization_id", "national_id": "national_id",
    "card_number": "card_number", "name": "name",
    "date_of_birth": "date_of_birth", "admission_date": "admission_date",
    "official_date": "official_date",
}
STATES = [
    ("open", "To decide"),
    ("change_request", "Correction requested in the handbook"),
    ("resolved", "Corrected in the handbook"),
    ("national", "To correct in CSDL 3.0"),
    ("ignored", "Ignored"),
]
PREVIEW_ROWS = 10
# the match of each row of {source} (rows of one import): the member by
# national ID, else by card number, and the organization its code names
# (temporary tables of _prepare_matching)
MATCH_SQL = """
    SELECT r.id, coalesce(n.id, c.id) AS member_id,
           CASE WHEN n.id IS NOT NULL THEN 'national_id'
                WHEN c.id IS NOT NULL THEN 'card_number' END AS match_by,
           o.organization_id AS national_organization_id
      FROM {source} r
      LEFT JOIN party_national_mn n
             ON r.error IS NULL AND n.nid = r.national_id
      LEFT JOIN party_national_mc c
             ON r.error IS NULL AND c.card = r.card_number
      LEFT JOIN party_national_o o ON o.code = upper(r.organization_code)
     WHERE r.import_id = %(import)s"""


def normalize_id(value):
    """National ID or card number as compared: no spaces, upper case."""
    return re.sub(r"\s+", "", value or "").upper() or False


def name_key(value):
    """A name compared without case, diacritics or extra spaces (the same
    as the SQL function ``party_name_key``)."""
    text = unicodedata.normalize("NFD", value or "")
    text = "".join(c for c in text if unicodedata.category(c) != "Mn")
    text = text.replace("đ", "d").replace("Đ", "D")
    return " ".join(text.lower().split())


def header_key(value):
    return name_key(str(value or ""))


def parse_date(value, datemode=0):
    """A date of the export: a spreadsheet date, dd/mm/yyyy, d-m-yyyy or
    yyyy-mm-dd. Returns a date string, False when empty; raises ValueError."""
    if value in (None, ""):
        return False
    if isinstance(value, (datetime, date)):
        return fields.Date.to_string(value)
    if isinstance(value, float):
        import xlrd  # pylint: disable=import-outside-toplevel
        return fields.Date.to_string(date(*xlrd.xldate_as_tuple(
            value, datemode)[:3]))
    text = str(value).strip()
    if not text:
        return False
    for pattern in ("%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d",
                    "%Y-%m-%d %H:%M:%S"):
        try:
            return fields.Date.to_string(datetime.strptime(text, pattern))
        except ValueError:
            continue
    raise ValueError(text)


def read_table(data, filename):
    """The rows of a CSV or XLSX file: (list of header cells, list of
    (row number, list of cells)) with row numbers as the spreadsheet shows
    them (the header is row 1). ``datemode`` for spreadsheet dates."""
    name = (filename or "").lower()
    if name.endswith((".xlsx", ".xls")) or data[:2] == b"PK":
        import xlrd  # pylint: disable=import-outside-toplevel
        try:
            book = xlrd.open_workbook(file_contents=data)
        except xlrd.XLRDError as error:
            raise UserError(_("The spreadsheet could not be read: %s") % error)
        sheet = book.sheet_by_index(0)
        if not sheet.nrows:
            return [], [], 0
        header = [str(cell).strip() for cell in sheet.row_values(0)]
        rows = []
        for index in range(1, sheet.nrows):
            cells = []
            for cell in sheet.row(index):
                if cell.ctype == xlrd.XL_CELL_DATE:
                    cells.append(float(cell.value))
                elif cell.ctype == xlrd.XL_CELL_NUMBER:
                    value = cell.value
                    cells.append(str(int(value)) if value == int(value)
                                 else str(value))
                else:
                    cells.append(str(cell.value).strip())
            rows.append((index + 1, cells))
        return header, rows, book.datemode
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UserError(_("The CSV file is not in UTF-8: save it again as "
                          "\"CSV UTF-8\"."))
    sample = text[:4096]
    delimiter = max((",", ";", "\t"), key=sample.count)
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    lines = list(reader)
    if not lines:
        return [], [], 0
    header = [cell.strip() for cell in lines[0]]
    rows = [(index + 2, [cell.strip() for cell in line])
            for index, line in enumerate(lines[1:]) if any(
                cell.strip() for cell in line)]
    return header, rows, 0


class PartyNationalMapping(models.Model):
    """Which column of a CSDL 3.0 export holds what (saved once)."""

    _name = "party.national.mapping"
    _description = "Column mapping of a CSDL 3.0 export"
    _order = "name, id"

    name = fields.Char(required=True, default=lambda self: _("CSDL 3.0 export"))
    col_national_id = fields.Char(
        string="National ID column", required=True, default="Số CCCD")
    col_full_name = fields.Char(
        string="Full name column", required=True, default="Họ và tên")
    col_date_of_birth = fields.Char(
        string="Date of birth column", default="Ngày sinh")
    col_gender = fields.Char(string="Sex column", default="Giới tính")
    col_card_number = fields.Char(
        string="Party card number column", default="Số thẻ đảng viên")
    col_record_number = fields.Char(
        string="Record number column", default="Số lý lịch")
    col_admission_date = fields.Char(
        string="Admission date column", default="Ngày vào Đảng")
    col_official_date = fields.Char(
        string="Official date column", default="Ngày chính thức")
    col_organization_code = fields.Char(
        string="Organization code column", default="Mã tổ chức đảng")
    col_organization_name = fields.Char(
        string="Organization name column", default="Tên tổ chức đảng")
    last_used = fields.Datetime(readonly=True)

    @api.model
    def _last_used(self):
        """The mapping of the last import (or the first one)."""
        return self.search([("last_used", "!=", False)], order="last_used desc",
                           limit=1) or self.search([], order="id", limit=1)

    @api.multi
    def _column_indexes(self, header):
        """{row field: index in the header} and the mapped columns that are
        not in the file."""
        self.ensure_one()
        positions = {header_key(cell): index for index, cell in enumerate(header)}
        found, missing = {}, []
        for field_name, column in COLUMNS:
            wanted = self[column]
            if not wanted:
                continue
            if header_key(wanted) in positions:
                found[field_name] = positions[header_key(wanted)]
            else:
                missing.append(wanted)
        return found, missing


class PartyNationalCode(models.Model):
    """A national organization code and the cell it means here (old codes
    of merged communes map to today's cells)."""

    _name = "party.national.code"
    _description = "National organization code"
    _order = "national_code"
    _rec_name = "national_code"

    national_code = fields.Char(required=True, index=True)
    organization_id = fields.Many2one(
        "party.organization", required=True, index=True, ondelete="cascade")
    note = fields.Char(help="Why this code maps here (e.g. the merger "
                            "decision of July 2025).")

    _sql_constraints = [
        ("national_code_uniq", "unique(national_code)",
         "A national organization code maps to one organization."),
    ]

    @api.constrains("national_code", "organization_id")
    def _check_code(self):
        """One organization per code, whatever its case; not the code of
        another organization (a mapping would take its rows)."""
        for record in self:
            code = (record.national_code or "").strip().upper()
            self.env.cr.execute("""
                SELECT 1 FROM party_national_code
                 WHERE upper(national_code) = %s AND id != %s
                UNION ALL
                SELECT 1 FROM party_organization
                 WHERE (upper(national_code) = %s OR upper(code) = %s)
                   AND id != %s AND active LIMIT 1""",
                                (code, record.id, code, code,
                                 record.organization_id.id))
            if self.env.cr.fetchone():
                raise ValidationError(_(
                    "The national code %s is already another organization's "
                    "or mapped: a code maps to one organization.") % code)


class PartyOrganization(models.Model):
    _inherit = "party.organization"

    national_code = fields.Char(
        index=True, track_visibility="onchange",
        help="The organization's code in the national member database "
             "(CSDL đảng viên 3.0).")


class PartyNationalImport(models.Model):
    """One CSDL 3.0 export, as imported: the file, who, when, its rows and
    the differences found."""

    _name = "party.national.import"
    _inherit = ["party.integrity.mixin", "mail.thread"]
    _description = "CSDL 3.0 export"
    _order = "id desc"
    _protected_fields = ("state", "row_count", "error_count", "compared_on",
                         "compare_seconds", "preview_html")

    name = fields.Char(required=True, default=lambda self: _(
        "CSDL 3.0 export"), track_visibility="onchange")
    organization_id = fields.Many2one(
        "party.organization", string="Organization compared", required=True,
        index=True, ondelete="restrict", track_visibility="onchange",
        help="The export covers this organization and its subtree: members "
             "of the subtree missing from the export are reported.")
    export_date = fields.Date(
        string="Exported on", help="The day CSDL 3.0 produced the file.")
    mapping_id = fields.Many2one(
        "party.national.mapping", string="Columns", required=True,
        ondelete="restrict",
        default=lambda self: self.env["party.national.mapping"]._last_used())
    file = fields.Binary(string="Export file", attachment=False, groups=OFFICER)
    filename = fields.Char()
    state = fields.Selection(string="Status", selection=[
        ("draft", "Draft"), ("imported", "Imported"), ("compared", "Compared"),
    ], default="draft", required=True, readonly=True, index=True,
        track_visibility="onchange")
    preview_html = fields.Html(string="Preview", readonly=True, sanitize=True)
    row_ids = fields.One2many("party.national.row", "import_id", readonly=True)
    error_row_ids = fields.One2many(
        "party.national.row", "import_id", string="Rows with errors",
        domain=[("error", "!=", False)], readonly=True)
    difference_ids = fields.One2many(
        "party.national.difference", "import_id", string="Differences",
        readonly=True)
    row_count = fields.Integer(string="Rows", readonly=True)
    error_count = fields.Integer(string="Rows with errors", readonly=True)
    difference_count = fields.Integer(compute="_compute_difference_counts")
    open_difference_count = fields.Integer(
        compute="_compute_difference_counts", string="To decide")
    summary = fields.Text(compute="_compute_difference_counts",
                          string="Differences by kind")
    compared_on = fields.Datetime(readonly=True)
    compare_seconds = fields.Float(string="Comparison time (s)", readonly=True,
                                   digits=(16, 2))

    def _unlink_refusal(self):
        if self.filtered(lambda i: i.state != "draft"):
            return _("An imported CSDL 3.0 export is kept: it cannot be "
                     "deleted.")
        return ""

    @api.multi
    def write(self, vals):
        if self.filtered(lambda i: i.state != "draft") and set(vals) & {
                "file", "filename", "organization_id", "mapping_id"}:
            raise UserError(_("The file and the organization of an imported "
                              "export cannot be changed: import a new one."))
        return super().write(vals)

    def _compute_difference_counts(self):
        data = self.env["party.national.difference"].read_group(
            [("import_id", "in", self.ids)], ["import_id", "kind", "state"],
            ["import_id", "kind", "state"], lazy=False)
        labels = dict(self.env["party.national.difference"]._fields[
            "kind"]._description_selection(self.env))
        for record in self:
            rows = [d for d in data if d["import_id"][0] == record.id]
            record.difference_count = sum(d["__count"] for d in rows)
            record.open_difference_count = sum(
                d["__count"] for d in rows if d["state"] == "open")
            by_kind = {}
            for row in rows:
                by_kind[row["kind"]] = by_kind.get(row["kind"], 0) + row["__count"]
            record.summary = "\n".join(
                "%s: %s" % (labels[kind], by_kind[kind])
                for kind, __ in KINDS if kind in by_kind)

    def _check_importer(self):
        if not self.env.user.has_group(OFFICER):
            raise AccessError(_("Only committee officers import the CSDL 3.0 "
                                "export."))
        self.check_access_rights("write")
        self.check_access_rule("write")

    def _read_export(self):
        self.ensure_one()
        record = self.sudo()
        if not record.file:
            raise UserError(_("Choose the export file first."))
        header, rows, datemode = read_table(
            base64.b64decode(record.file), record.filename)
        found, missing = record.mapping_id._column_indexes(header)
        if missing or "national_id" not in found:
            raise UserError(_(
                "These columns of the mapping are not in the file: %(missing)s."
                " The file's columns are: %(header)s. Correct the mapping "
                "(Columns) and try again.") % {
                    "missing": ", ".join(missing) or record.mapping_id.col_national_id,
                    "header": ", ".join(header)})
        return found, rows, datemode

    @api.model
    def _parse_row(self, found, cells, datemode):
        """The values of one row and its errors (a list of texts)."""
        values, errors = {}, []
        for field_name, index in found.items():
            cell = cells[index] if index < len(cells) else ""
            if field_name in DATE_COLUMNS:
                try:
                    values[field_name] = parse_date(cell, datemode)
                except ValueError:
                    values[field_name] = False
                    errors.append(_("%(column)s: “%(value)s” is not a date") % {
                        "column": self.mapping_id[dict(COLUMNS)[field_name]],
                        "value": cell})
            elif field_name in ("national_id", "card_number"):
                values[field_name] = normalize_id(str(cell))
            else:
                values[field_name] = str(cell).strip() or False
        if not values.get("national_id"):
            errors.append(_("the national ID is empty"))
        elif not re.match(r"^[0-9]{9}$|^[0-9]{12}$", values["national_id"]):
            errors.append(_("the national ID “%s” is not 9 or 12 digits")
                          % values["national_id"])
        if not values.get("full_name"):
            errors.append(_("the name is empty"))
        return values, errors

    @api.multi
    def action_preview(self):
        """Show the first rows as they will be read, and the errors."""
        self._check_importer()
        for record in self:
            found, rows, datemode = record._read_export()
            labels = dict((name, record.mapping_id[column])
                          for name, column in COLUMNS)
            shown = [name for name, __ in COLUMNS if name in found]
            parts = ["<p>%s</p>" % html.escape(_(
                "%(rows)s rows; the first %(shown)s as they will be read:") % {
                    "rows": len(rows), "shown": min(PREVIEW_ROWS, len(rows))}),
                     "<table class='table table-condensed'><thead><tr><th>#</th>"]
            parts += ["<th>%s</th>" % html.escape(labels[name]) for name in shown]
            parts.append("<th>%s</th></tr></thead><tbody>" % html.escape(
                _("Errors")))
            errors = []
            for number, cells in rows:
                values, row_errors = record._parse_row(found, cells, datemode)
                if row_errors:
                    errors.append((number, row_errors))
                if number - 1 <= PREVIEW_ROWS:
                    parts.append("<tr><td>%s</td>" % number + "".join(
                        "<td>%s</td>" % html.escape(str(values.get(name) or ""))
                        for name in shown) + "<td>%s</td></tr>" % html.escape(
                            "; ".join(row_errors)))
            parts.append("</tbody></table>")
            if errors:
                parts.append("<p>%s</p><ul>" % html.escape(
                    _("%s rows have errors and will not be compared:")
                    % len(errors)))
                parts += ["<li>%s</li>" % html.escape(_("Row %(row)s: %(errors)s") % {
                    "row": number, "errors": "; ".join(row_errors)})
                    for number, row_errors in errors[:200]]
                parts.append("</ul>")
            with internal_write(record):
                record.write({"preview_html": "".join(parts)})
        return True

    @api.multi
    def action_import(self):
        """Read the file into rows (one INSERT per 5,000 rows)."""
        self._check_importer()
        for record in self:
            if record.state != "draft":
                raise UserError(_("This export was already imported."))
            found, rows, datemode = record._read_export()
            now = fields.Datetime.now()
            values_list = []
            errors = 0
            # read once, not once per row (100,000 field reads otherwise)
            record_id, scope_id = record.id, record.organization_id.id
            for number, cells in rows:
                values, row_errors = record._parse_row(found, cells, datemode)
                errors += bool(row_errors)
                values_list.append((
                    record_id, scope_id, number,
                    values.get("national_id") or None,
                    values.get("full_name") or None,
                    values.get("date_of_birth") or None,
                    values.get("gender") or None,
                    values.get("card_number") or None,
                    values.get("record_number") or None,
                    values.get("admission_date") or None,
                    values.get("official_date") or None,
                    values.get("organization_code") or None,
                    values.get("organization_name") or None,
                    "; ".join(row_errors) or None))
            record._insert_rows(values_list)
            self.env["party.national.row"].invalidate_cache()
            with internal_write(record):
                record.write({"state": "imported", "row_count": len(rows),
                              "error_count": errors})
            record.mapping_id.sudo().last_used = now
            record.message_post(body=_(
                "Export imported: %(rows)s rows, %(errors)s with errors.") % {
                    "rows": len(rows), "errors": errors})
        return True

    @api.multi
    def action_compare(self):
        """Compute the differences (again): resolutions of differences that
        still exist are kept."""
        self._check_importer()
        for record in self:
            if record.state == "draft":
                record.action_import()
            started = time.time()
            counts = record.sudo()._compare()
            elapsed = time.time() - started
            with internal_write(record):
                record.write({"state": "compared",
                              "compared_on": fields.Datetime.now(),
                              "compare_seconds": elapsed})
            _logger.info("CSDL 3.0 comparison of import %s: %s in %.2fs",
                         record.id, counts, elapsed)
        return True

    @api.multi
    def action_open_differences(self):
        self.ensure_one()
        action = self.env.ref(
            "party_handbook.party_national_difference_action").read()[0]
        action["domain"] = [("import_id", "=", self.id)]
        action["context"] = {"search_default_group_kind": 1}
        return action

    def _prepare_matching(self, left=None, right=None):
        """Temporary tables of the active members (normalized national ID
        and card, name key, in the scope or not) and of the organization
        codes, for MATCH_SQL."""
        cr = self.env.cr
        if left is None:
            self.organization_id._party_fresh_bounds()
            cr.execute("SELECT parent_left, parent_right FROM "
                       "party_organization WHERE id = %s",
                       (self.organization_id.id,))
            left, right = cr.fetchone()
        cr.execute("DROP TABLE IF EXISTS party_national_m, party_national_mn,"
                   " party_national_mc, party_national_o")
        cr.execute("""
            CREATE TEMP TABLE party_national_m ON COMMIT DROP AS
            SELECT m.id, m.organization_id,
                   nullif(upper(regexp_replace(coalesce(m.national_id, ''),
                                               '\\s', '', 'g')), '') AS nid,
                   nullif(upper(regexp_replace(coalesce(m.card_number, ''),
                                               '\\s', '', 'g')), '') AS card,
                   p.name, party_name_key(p.name) AS nkey, m.date_of_birth,
                   m.admission_date, m.official_date,
                   o.parent_left >= %s AND o.parent_left < %s AS in_scope
              FROM party_member m
              JOIN res_partner p ON p.id = m.partner_id
              JOIN party_organization o ON o.id = m.organization_id
             WHERE m.state IN %s""", (left, right, ACTIVE_STATES))
        # one member of the subtree per national ID and per card: rows are
        # matched to the members the import's organization keeps, never to
        # another organization's (their names and values are not the
        # importer's to see; the city's import compares across communes)
        cr.execute("""
            CREATE TEMP TABLE party_national_mn ON COMMIT DROP AS
            SELECT DISTINCT ON (nid) nid, id FROM party_national_m
             WHERE nid IS NOT NULL AND in_scope ORDER BY nid, id""")
        cr.execute("""
            CREATE TEMP TABLE party_national_mc ON COMMIT DROP AS
            SELECT DISTINCT ON (card) card, id FROM party_national_m
             WHERE card IS NOT NULL AND in_scope ORDER BY card, id""")
        # organizations named by the export: the mapping table first, then
        # the national code, then the handbook's own code
        cr.execute("""
            CREATE TEMP TABLE party_national_o ON COMMIT DROP AS
            SELECT coalesce(n.code, o1.code, o2.code) AS code,
                   coalesce(n.organization_id, o1.id, o2.id) AS organization_id
              FROM (SELECT upper(national_code) AS code, organization_id
                      FROM party_national_code) n
              FULL JOIN (SELECT upper(national_code) AS code, min(id) AS id
                           FROM party_organization
                          WHERE national_code IS NOT NULL GROUP BY 1) o1
                     ON o1.code = n.code
              FULL JOIN (SELECT upper(code) AS code, min(id) AS id
                           FROM party_organization
                          WHERE code IS NOT NULL GROUP BY 1) o2
                     ON o2.code = coalesce(n.code, o1.code)""")
        for table, column in (("party_national_m", "id"),
                              ("party_national_mn", "nid"),
                              ("party_national_mc", "card"),
                              ("party_national_o", "code")):
            cr.execute(sql.SQL("CREATE INDEX ON {} ({})").format(
                sql.Identifier(table), sql.Identifier(column)))
            cr.execute(sql.SQL("ANALYZE {}").format(sql.Identifier(table)))

    def _insert_rows(self, values_list):
        """Insert the parsed rows, matched to members and organizations in
        the same statement (no second write of each row)."""
        cr = self.env.cr
        self._prepare_matching()
        cr.execute("""
            CREATE TEMP TABLE party_national_in (
                id serial, import_id int, organization_id int, row_number int,
                national_id varchar, full_name varchar, date_of_birth date,
                gender varchar, card_number varchar, record_number varchar,
                admission_date date, official_date date,
                organization_code varchar, organization_name varchar,
                error text) ON COMMIT DROP""")
        for start in range(0, len(values_list), 5000):
            execute_values(cr, """
                INSERT INTO party_national_in (
                    import_id, organization_id, row_number, national_id,
                    full_name, date_of_birth, gender, card_number,
                    record_number, admission_date, official_date,
                    organization_code, organization_name, error)
                VALUES %s""", values_list[start:start + 5000], page_size=5000)
        cr.execute("ANALYZE party_national_in")
        query = sql.SQL("""
            INSERT INTO party_national_row (
                import_id, organization_id, row_number, national_id, full_name,
                date_of_birth, gender, card_number, record_number,
                admission_date, official_date, organization_code,
                organization_name, error, member_id, match_by,
                national_organization_id, create_uid, create_date, write_uid,
                write_date)
            SELECT i.import_id, i.organization_id, i.row_number, i.national_id,
                   i.full_name, i.date_of_birth, i.gender, i.card_number,
                   i.record_number, i.admission_date, i.official_date,
                   i.organization_code, i.organization_name, i.error,
                   x.member_id, x.match_by, x.national_organization_id,
                   %(uid)s, %(now)s, %(uid)s, %(now)s
              FROM party_national_in i
              JOIN ({match}) x ON x.id = i.id
             ORDER BY i.id""").format(match=sql.SQL(MATCH_SQL).format(
                source=sql.Identifier("party_national_in")))
        cr.execute(query, {"import": self.id, "uid": self.env.uid,
                           "now": fields.Datetime.now()})
        cr.execute("DROP TABLE party_national_in")
        cr.execute("ANALYZE party_national_row")

    def _compare(self):
        """Match the rows to members and write the differences, all in SQL
        (a few statements whatever the size). Returns {kind: count}."""
        self.ensure_one()
        cr = self.env.cr
        scope = self.organization_id
        scope._party_fresh_bounds()
        cr.execute("SELECT parent_left, parent_right FROM party_organization "
                   "WHERE id = %s", (scope.id,))
        left, right = cr.fetchone()
        self._prepare_matching(left, right)
        # rows matched again (members, cells or code mappings changed since
        # the import): only the rows whose match changed are written
        query = sql.SQL("""
            UPDATE party_national_row r
               SET member_id = x.member_id, match_by = x.match_by,
                   national_organization_id = x.national_organization_id
              FROM ({match}) x
             WHERE r.id = x.id AND (
                   r.member_id IS DISTINCT FROM x.member_id
                   OR r.match_by IS DISTINCT FROM x.match_by
                   OR r.national_organization_id
                      IS DISTINCT FROM x.national_organization_id)""").format(
                          match=sql.SQL(MATCH_SQL).format(
                              source=sql.Identifier("party_national_row")))
        cr.execute(query, {"import": self.id})
        cr.execute("""
            CREATE TEMP TABLE party_national_d (
                kind varchar, key varchar, member_id int, row_id int,
                organization_id int, national_organization_id int,
                national_id varchar, local_value varchar,
                national_value varchar) ON COMMIT DROP""")
        params = {"import": self.id, "scope": scope.id, "left": left,
                  "right": right}
        # rows of the export with no member
        cr.execute("""
            INSERT INTO party_national_d
            SELECT DISTINCT ON (r.national_id)
                   'missing_local', 'row:' || r.national_id, NULL, r.id,
                   CASE WHEN r.national_organization_id IN (
                            SELECT id FROM party_organization
                             WHERE parent_left >= %(left)s
                               AND parent_left < %(right)s)
                        THEN r.national_organization_id ELSE %(scope)s END,
                   r.national_organization_id, r.national_id, NULL,
                   concat_ws(' · ', r.full_name, r.card_number,
                             r.organization_code)
              FROM party_national_row r
             WHERE r.import_id = %(import)s AND r.error IS NULL
               AND r.member_id IS NULL
             ORDER BY r.national_id, r.row_number""", params)
        # members of the subtree not in the export
        cr.execute("""
            INSERT INTO party_national_d
            SELECT 'missing_national', 'member:' || m.id, m.id, NULL,
                   m.organization_id, NULL, m.nid,
                   concat_ws(' · ', m.name, m.card), NULL
              FROM party_national_m m
             WHERE m.in_scope AND NOT EXISTS (
                   SELECT 1 FROM party_national_row r
                    WHERE r.import_id = %(import)s AND r.member_id = m.id)""",
                   params)
        # one national ID on several rows of the export
        cr.execute("""
            INSERT INTO party_national_d
            SELECT 'duplicate_national', 'nid:' || r.national_id,
                   min(r.member_id), min(r.id),
                   coalesce(min(m.organization_id), (
                       SELECT min(o.id) FROM party_organization o
                        WHERE o.id = min(r.national_organization_id)
                          AND o.parent_left >= %(left)s
                          AND o.parent_left < %(right)s), %(scope)s),
                   min(r.national_organization_id), r.national_id, NULL,
                   string_agg(concat_ws(' · ', r.row_number, r.full_name),
                              ' | ' ORDER BY r.row_number)
              FROM party_national_row r
              LEFT JOIN party_national_m m ON m.id = r.member_id
             WHERE r.import_id = %(import)s AND r.error IS NULL
             GROUP BY r.national_id HAVING count(*) > 1""", params)
        # one national ID on several members of the handbook (subtree)
        cr.execute("""
            INSERT INTO party_national_d
            SELECT 'duplicate_local', 'nid:' || m.nid, min(m.id), NULL,
                   min(m.organization_id), NULL, m.nid,
                   string_agg(concat_ws(' · ', m.name, o.complete_name),
                              ' | ' ORDER BY m.id), NULL
              FROM party_national_m m
              JOIN party_organization o ON o.id = m.organization_id
             WHERE m.in_scope AND m.nid IS NOT NULL
             GROUP BY m.nid HAVING count(*) > 1""", params)
        # organization codes the handbook does not know
        cr.execute("""
            INSERT INTO party_national_d
            SELECT 'unknown_organization', 'code:' || upper(r.organization_code),
                   NULL, min(r.id), %(scope)s, NULL, NULL, NULL,
                   concat_ws(' · ', r.organization_code,
                             min(r.organization_name), count(*))
              FROM party_national_row r
             WHERE r.import_id = %(import)s AND r.error IS NULL
               AND r.organization_code IS NOT NULL
               AND r.national_organization_id IS NULL
             GROUP BY upper(r.organization_code), r.organization_code""",
                   params)
        # values that differ between a row and its member
        compared = [
            ("organization", "m.organization_id::varchar",
             "r.national_organization_id::varchar",
             "r.national_organization_id IS NOT NULL AND "
             "r.national_organization_id != m.organization_id",
             "(SELECT complete_name FROM party_organization "
             "WHERE id = m.organization_id)",
             "concat_ws(' · ', r.organization_code, (SELECT complete_name "
             "FROM party_organization WHERE id = r.national_organization_id))"),
            ("national_id", "m.nid", "r.national_id",
             "m.nid IS DISTINCT FROM r.national_id", "m.nid", "r.national_id"),
            ("card_number", "m.card", "r.card_number",
             "m.card IS DISTINCT FROM r.card_number", "m.card",
             "r.card_number"),
            ("name", "m.nkey", "party_name_key(r.full_name)",
             "m.nkey IS DISTINCT FROM party_name_key(r.full_name)", "m.name",
             "r.full_name"),
        ] + [(name, "m.%s" % name, "r.%s" % name,
              "m.%s IS DISTINCT FROM r.%s" % (name, name),
              "to_char(m.%s, 'DD/MM/YYYY')" % name,
              "to_char(r.%s, 'DD/MM/YYYY')" % name) for name in DATE_COLUMNS]
        for kind, __, __, condition, local, national in compared:
            # the expressions are constants of this method, not input
            query = sql.SQL("""
                INSERT INTO party_national_d
                SELECT %(kind)s, %(kind)s || ':' || m.id, m.id, r.id,
                       m.organization_id, r.national_organization_id,
                       coalesce(r.national_id, m.nid), {}, {}
                  FROM party_national_row r
                  JOIN party_national_m m ON m.id = r.member_id
                 WHERE r.import_id = %(import)s AND r.error IS NULL
                   AND {}""").format(sql.SQL(local), sql.SQL(national),
                                     sql.SQL(condition))
            cr.execute(query, dict(params, kind=kind))
        return self._merge_differences(params)

    def _merge_differences(self, params):
        """Keep the differences of the scope that were found again (with
        their resolution), drop the open ones not found, archive the decided
        ones not found, add the new ones."""
        cr = self.env.cr
        params = dict(params, uid=self.env.uid,
                      now=fields.Datetime.now())
        cr.execute("ALTER TABLE party_national_d ADD COLUMN kept int")
        cr.execute("""
            WITH kept AS (
                UPDATE party_national_difference d
                   SET import_id = %(import)s, member_id = t.member_id,
                       row_id = t.row_id, organization_id = t.organization_id,
                       national_organization_id = t.national_organization_id,
                       found_on = %(now)s, write_uid = %(uid)s,
                       write_date = %(now)s
                  FROM party_national_d t
                 WHERE d.scope_organization_id = %(scope)s AND d.active
                   AND d.kind = t.kind AND d.key = t.key
                   AND d.local_value IS NOT DISTINCT FROM t.local_value
                   AND d.national_value IS NOT DISTINCT FROM t.national_value
                RETURNING d.id, d.kind, d.key)
            UPDATE party_national_d t SET kept = kept.id FROM kept
             WHERE kept.kind = t.kind AND kept.key = t.key""", params)
        cr.execute("""
            DELETE FROM party_national_difference d
             WHERE d.scope_organization_id = %(scope)s AND d.active
               AND d.state = 'open' AND d.id NOT IN (
                   SELECT kept FROM party_national_d WHERE kept IS NOT NULL)""",
                   params)
        cr.execute("""
            UPDATE party_national_difference d SET active = FALSE
             WHERE d.scope_organization_id = %(scope)s AND d.active
               AND d.id NOT IN (
                   SELECT kept FROM party_national_d WHERE kept IS NOT NULL)""",
                   params)
        cr.execute("""
            INSERT INTO party_national_difference (
                import_id, scope_organization_id, kind, key, member_id,
                row_id, organization_id, national_organization_id,
                national_id, local_value, national_value, state, active,
                found_on, create_uid, create_date, write_uid, write_date)
            SELECT %(import)s, %(scope)s, kind, key, member_id, row_id,
                   organization_id, national_organization_id, national_id,
                   local_value, national_value, 'open', TRUE, %(now)s,
                   %(uid)s, %(now)s, %(uid)s, %(now)s
              FROM party_national_d WHERE kept IS NULL""", params)
        cr.execute("SELECT kind, count(*) FROM party_national_d GROUP BY kind")
        counts = dict(cr.fetchall())
        cr.execute("DROP TABLE party_national_d")
        cr.execute("DROP TABLE party_national_m")
        self.env["party.national.difference"].invalidate_cache()
        self.env["party.national.row"].invalidate_cache()
        return counts


class PartyNationalRow(models.Model):
    """One row of a CSDL 3.0 export (written by the import only)."""

    _name = "party.national.row"
    _inherit = ["party.integrity.mixin", "party.data.logged"]
    _description = "Row of a CSDL 3.0 export"
    _order = "import_id desc, row_number"
    _rec_name = "full_name"
    _protected_fields = (
        "import_id", "organization_id", "row_number", "national_id",
        "full_name", "date_of_birth", "gender", "card_number", "record_number",
        "admission_date", "official_date", "organization_code",
        "organization_name", "national_organization_id", "member_id",
        "match_by", "error")

    import_id = fields.Many2one(
        "party.national.import", required=True, index=True,
        ondelete="cascade", readonly=True)
    organization_id = fields.Many2one(
        "party.organization", string="Organization compared", index=True,
        readonly=True, ondelete="set null")
    row_number = fields.Integer(string="Row", readonly=True)
    national_id = fields.Char(string="National ID", index=True, readonly=True)
    full_name = fields.Char(readonly=True)
    date_of_birth = fields.Date(string="Born on", readonly=True)
    gender = fields.Char(string="Sex", readonly=True)
    card_number = fields.Char(string="Party card number", index=True,
                              readonly=True)
    record_number = fields.Char(string="Party record number", readonly=True)
    admission_date = fields.Date(string="Admitted on", readonly=True)
    official_date = fields.Date(string="Official since", readonly=True)
    organization_code = fields.Char(readonly=True)
    organization_name = fields.Char(readonly=True)
    national_organization_id = fields.Many2one(
        "party.organization", string="Organization in the export",
        readonly=True, ondelete="set null")
    member_id = fields.Many2one(
        "party.member", string="Member", index=True, readonly=True,
        ondelete="set null")
    match_by = fields.Selection([
        ("national_id", "National ID"), ("card_number", "Party card number"),
    ], string="Matched by", readonly=True)
    error = fields.Text(readonly=True)

    def _create_refusal(self):
        return _("Rows of an export are written by its import only.")

    def _unlink_refusal(self):
        return _("Rows of an export are kept with it.")


class PartyNationalDifference(models.Model):
    """A difference between the handbook and CSDL 3.0, and its resolution."""

    _name = "party.national.difference"
    _inherit = ["party.integrity.mixin", "party.data.logged"]
    _description = "Difference with CSDL 3.0"
    _order = "kind, organization_id, id"
    _protected_fields = (
        "import_id", "scope_organization_id", "kind", "key", "member_id",
        "row_id", "organization_id", "national_organization_id",
        "national_id", "local_value", "national_value", "state", "active",
        "found_on", "decision_note", "change_request_id", "decided_by",
        "decided_on")

    import_id = fields.Many2one(
        "party.national.import", string="Last found in", index=True,
        readonly=True, ondelete="set null", groups=OFFICER)
    scope_organization_id = fields.Many2one(
        "party.organization", string="Organization compared", index=True,
        readonly=True, ondelete="cascade")
    kind = fields.Selection(KINDS, required=True, index=True, readonly=True)
    key = fields.Char(required=True, index=True, readonly=True)
    member_id = fields.Many2one(
        "party.member", string="Member", index=True, readonly=True,
        ondelete="cascade")
    row_id = fields.Many2one(
        "party.national.row", string="Row of the export", readonly=True,
        ondelete="set null", groups=OFFICER)
    row_number = fields.Integer(
        related="row_id.row_number", string="Row", readonly=True,
        groups=OFFICER)
    organization_id = fields.Many2one(
        "party.organization", string="Organization", index=True,
        readonly=True, ondelete="set null")
    national_organization_id = fields.Many2one(
        "party.organization", string="Organization in CSDL 3.0",
        readonly=True, ondelete="set null")
    national_id = fields.Char(string="National ID", readonly=True,
                              groups=SECRETARY)
    local_value = fields.Char(string="In the handbook", readonly=True)
    national_value = fields.Char(string="In CSDL 3.0", readonly=True)
    state = fields.Selection(STATES, string="Status", default="open",
                             required=True, index=True, readonly=True)
    active = fields.Boolean(default=True, readonly=True,
                            help="Archived when a comparison no longer finds "
                                 "the difference.")
    found_on = fields.Datetime(string="Last found on", readonly=True)
    fixable = fields.Boolean(compute="_compute_fixable")
    decision_note = fields.Text(string="Note or reason", readonly=True)
    change_request_id = fields.Many2one(
        "party.member.change.request", string="Change request",
        readonly=True, ondelete="set null")
    decided_by = fields.Many2one("res.users", readonly=True)
    decided_on = fields.Datetime(readonly=True)

    @api.model_cr
    def init(self):
        # a name compared without case, diacritics (NFD marks, đ) or extra
        # spaces; name_key() in Python is the same
        self.env.cr.execute(r"""
            CREATE OR REPLACE FUNCTION party_name_key(text) RETURNS text AS $$
                SELECT nullif(btrim(regexp_replace(lower(translate(
                    regexp_replace(normalize(coalesce($1, ''), NFD),
                                   '[\u0300-\u036f]', '', 'g'),
                    'đĐ', 'dD')), '\s+', ' ', 'g')), '')
            $$ LANGUAGE sql IMMUTABLE""")

    @api.multi
    def name_get(self):
        labels = dict(self._fields["kind"]._description_selection(self.env))
        return [(difference.id, "%s: %s" % (
            labels[difference.kind], difference.member_id.sudo().name
            or difference.national_value or difference.local_value or ""))
                for difference in self]

    def _compute_fixable(self):
        for difference in self:
            difference.fixable = difference.kind in FIXABLE and bool(
                difference.member_id)

    def _create_refusal(self):
        return _("Differences are found by the comparison with the export.")

    def _unlink_refusal(self):
        return _("Differences are kept with their decision; a comparison "
                 "removes those that no longer exist.")

    def _check_decider(self, states=("open",)):
        if not self.env.user.has_group(SECRETARY):
            raise AccessError(_("Only the cell secretary or an officer decides "
                                "on a difference."))
        self.check_access_rights("write")
        self.check_access_rule("write")
        for difference in self:
            if difference.state not in states:
                raise UserError(_("This difference was already decided (%s).")
                                % dict(STATES)[difference.state])

    def _decide(self, values):
        values = dict(values, decided_by=self.env.uid,
                      decided_on=fields.Datetime.now())
        with internal_write(self):
            self.sudo().write(values)

    @api.multi
    def action_mark_national(self, note):
        """The handbook is right: CSDL 3.0 is to be corrected."""
        self._check_decider()
        if not (note or "").strip():
            raise UserError(_("Say what is to be corrected in CSDL 3.0."))
        self._decide({"state": "national", "decision_note": note.strip()})
        return True

    @api.multi
    def action_ignore(self, reason):
        self._check_decider()
        if not (reason or "").strip():
            raise UserError(_("Give the reason why this difference is "
                              "ignored."))
        self._decide({"state": "ignored", "decision_note": reason.strip()})
        return True

    @api.multi
    def action_reopen(self):
        """Back to "to decide" (a change request rejected, a decision
        taken by mistake)."""
        self._check_decider(states=("national", "ignored"))
        self._decide({"state": "open", "decision_note": False})
        return True

    @api.multi
    def action_request_change(self):
        """CSDL 3.0 is right: open a change request of the member's profile
        with the national value (old → new lines); approving it resolves
        the difference."""
        self._check_decider()
        requests = self.env["party.member.change.request"]
        for member in self.mapped("member_id"):
            differences = self.filtered(lambda d, m=member: d.member_id == m)
            values = {}
            for difference in differences:
                if difference.kind not in FIXABLE:
                    raise UserError(_(
                        "“%s” is not corrected by a change of the member's "
                        "profile: mark it to correct in CSDL 3.0 or ignore "
                        "it.") % dict(KINDS)[difference.kind])
                values.update(difference.sudo()._national_values())
            request = requests._submit_national(member, values, note=_(
                "Reconciliation with CSDL 3.0: %s") % ", ".join(
                    dict(KINDS)[kind] for kind in differences.mapped("kind")))
            differences._decide({"state": "change_request",
                                 "change_request_id": request.id})
            requests |= request
        if self.filtered(lambda d: not d.member_id):
            raise UserError(_("A difference without a member is not corrected "
                              "by a change request."))
        if len(requests) == 1:
            return {"type": "ir.actions.act_window",
                    "res_model": requests._name, "res_id": requests.id,
                    "view_mode": "form", "views": [(False, "form")]}
        return True

    def _national_values(self):
        """{member field: the export's value} of this difference."""
        self.ensure_one()
        row = self.row_id
        if self.kind == "organization":
            return {"organization_id": row.national_organization_id.id}
        if self.kind == "name":
            return {"name": row.full_name}
        return {FIXABLE[self.kind]: row[FIXABLE[self.kind]] or False}

    @api.multi
    def _on_request_decided(self, approved):
        """The change request was approved (resolved) or rejected (back to
        decide)."""
        values = {"state": "resolved"} if approved else {
            "state": "open", "change_request_id": False}
        with internal_write(self):
            self.sudo().write(values)


class PartyNationalDecision(models.TransientModel):
    """Decide on differences: to correct in CSDL 3.0, or ignored."""

    _name = "party.national.decision"
    _description = "Decide on differences with CSDL 3.0"

    difference_ids = fields.Many2many(
        "party.national.difference", string="Differences", required=True)
    decision = fields.Selection([
        ("national", "To correct in CSDL 3.0"), ("ignored", "Ignore"),
    ], required=True, default="national")
    note = fields.Text(string="Note or reason", required=True)

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        if self.env.context.get("active_model") == "party.national.difference":
            values["difference_ids"] = [(6, 0, self.env.context.get(
                "active_ids") or [])]
        return values

    @api.multi
    def action_apply(self):
        self.ensure_one()
        differences = self.difference_ids
        if self.decision == "national":
            differences.action_mark_national(self.note)
        else:
            differences.action_ignore(self.note)
        return {"type": "ir.actions.act_window_close"}
