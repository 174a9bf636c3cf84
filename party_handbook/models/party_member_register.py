# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The member register (sổ danh sách đảng viên, form "Mẫu 7-HSĐV"): one
table per organization, grouped by cell, printed as PDF (QWeb report) or
downloaded as XLSX (controller). Both read the members with the user's
rights: ethnicity and religion are restricted to cell secretaries."""
import io
from collections import OrderedDict

import xlsxwriter

from odoo import _, api, fields, models
from odoo.exceptions import AccessError
from odoo.tools.misc import format_date

from .party_member import ACTIVE_STATES, SENSITIVE


class PartyOrganization(models.Model):
    _inherit = "party.organization"

    @api.multi
    def _check_register_access(self):
        """The register shows sensitive fields: cell secretaries and above,
        on organizations they may read."""
        if not self.env.user.has_group(SENSITIVE):
            raise AccessError(_(
                "Only cell secretaries and committee officers may print the "
                "member register."))
        self.check_access_rights("read")
        self.check_access_rule("read")

    @api.model
    def _register_columns(self):
        """(key, label, width in characters) of each register column."""
        return [
            ("sequence", _("No."), 5),
            ("name", _("Full name"), 26),
            ("date_of_birth", _("Date of birth"), 11),
            ("gender", _("Gender"), 7),
            ("home_town", _("Home town"), 20),
            ("ethnicity", _("Ethnicity"), 9),
            ("religion", _("Religion"), 9),
            ("admission_date", _("Admitted on"), 11),
            ("official_date", _("Official since"), 11),
            ("card_number", _("Party card number"), 12),
            ("record_number", _("Record number"), 12),
            ("education_level", _("General education"), 12),
            ("professional_level", _("Professional level"), 12),
            ("political_theory_level", _("Political theory"), 12),
            ("occupation", _("Occupation"), 18),
            ("state", _("Status"), 12),
            ("notes", _("Notes"), 24),
        ]

    @api.multi
    def _register_data(self):
        """The register of one organization's whole subtree, read with the
        current user's rights: {"organization", "date", "groups": [{"cell",
        "rows"}], "totals": {state: n}, "total"}. Dates stay ISO strings in
        the rows, selections are their translated labels."""
        self.ensure_one()
        self._check_register_access()
        members = self.env["party.member"].search([
            ("organization_id", "child_of", self.id),
            ("state", "in", ACTIVE_STATES),
        ], order="name, id")
        Member = self.env["party.member"]
        labels = {
            name: dict(Member._fields[name]._description_selection(self.env))
            for name in ("gender", "education_level", "professional_level",
                         "political_theory_level", "state")}
        cells = members.mapped("organization_id").sorted(
            lambda org: (org.parent_left, org.id))
        groups = OrderedDict((cell.id, {"cell": cell, "rows": []}) for cell in cells)
        for member in members:
            groups[member.organization_id.id]["rows"].append(member)
        totals = {state: 0 for state in ACTIVE_STATES}
        sequence = 0
        for group in groups.values():
            group["rows"] = [self._register_row(member, labels)
                             for member in group["rows"]]
            for row in group["rows"]:
                sequence += 1
                row["sequence"] = sequence
                totals[row["state_value"]] += 1
        return {
            "organization": self,
            "date": fields.Date.context_today(self),
            "groups": list(groups.values()),
            "totals": totals,
            "total": sum(totals.values()),
        }

    @api.model
    def _register_row(self, member, labels):
        row = {
            "name": member.name,
            "date_of_birth": member.date_of_birth,
            "home_town": member.home_town or "",
            "ethnicity": member.ethnicity or "",
            "religion": member.religion or "",
            "admission_date": member.admission_date,
            "official_date": member.official_date,
            "card_number": member.card_number or "",
            "record_number": member.record_number or "",
            "occupation": member.occupation or "",
            "notes": "; ".join(member._register_notes()),
            "state_value": member.state,
        }
        for name, selection in labels.items():
            row[name] = selection.get(member[name]) or ""
        return row

    @api.multi
    def _register_xlsx(self):
        """The register as the bytes of an XLSX workbook."""
        self.ensure_one()
        data = self._register_data()
        columns = self._register_columns()
        date_keys = {"date_of_birth", "admission_date", "official_date"}
        output = io.BytesIO()
        workbook = xlsxwriter.Workbook(output, {
            "in_memory": True, "strings_to_formulas": False})
        sheet = workbook.add_worksheet(_("Member register")[:31])
        bold = workbook.add_format({"bold": True})
        title = workbook.add_format({"bold": True, "font_size": 14})
        header = workbook.add_format({
            "bold": True, "border": 1, "text_wrap": True, "valign": "vcenter",
            "align": "center", "bg_color": "#DDDDDD"})
        cell_format = workbook.add_format({"bold": True, "bg_color": "#F2F2F2"})
        date_format = workbook.add_format({"num_format": "dd/mm/yyyy"})
        sheet.write(0, 0, _("Member register"), title)
        sheet.write(1, 0, data["organization"].complete_name, bold)
        sheet.write(2, 0, _("Date: %s") % format_date(self.env, data["date"]))
        header_row = 4
        for col, (__, label, width) in enumerate(columns):
            sheet.set_column(col, col, width)
            sheet.write(header_row, col, label, header)
        sheet.set_row(header_row, 30)
        sheet.freeze_panes(header_row + 1, 2)
        row = header_row + 1
        for group in data["groups"]:
            sheet.merge_range(row, 0, row, len(columns) - 1,
                              group["cell"].complete_name, cell_format)
            row += 1
            for line in group["rows"]:
                for col, (key, __, __) in enumerate(columns):
                    value = line[key]
                    if key in date_keys:
                        if value:
                            sheet.write_datetime(
                                row, col, fields.Datetime.from_string(value),
                                date_format)
                    else:
                        sheet.write(row, col, value)
                row += 1
        row += 1
        for label, value in self._register_total_lines(data):
            sheet.write(row, 1, label, bold)
            sheet.write(row, 2, value, bold)
            row += 1
        workbook.close()
        return output.getvalue()

    @api.model
    def _register_total_lines(self, data):
        totals = data["totals"]
        return [
            (_("Official members"), totals["official"]),
            (_("Probationary members"), totals["probationary"]),
            (_("Exempted from activities"), totals["exempted"]),
            (_("Total"), data["total"]),
        ]

    @api.multi
    def _register_filename(self, extension):
        """A file name safe in any header and file system: the organization's
        code is reduced to ASCII; the title is in the user's language (sent as
        RFC 5987 UTF-8 by ``content_disposition``)."""
        self.ensure_one()
        code = "".join(char if char.isascii() and (char.isalnum() or char in "-_")
                       else "_" for char in (self.code or str(self.id)))
        return _("Member register - %(code)s.%(extension)s") % {
            "code": code, "extension": extension}

    @api.multi
    def action_register_xlsx(self):
        """Download the member register as a spreadsheet."""
        self.ensure_one()
        self._check_register_access()
        return {
            "type": "ir.actions.act_url",
            "url": "/party_handbook/register/%d/xlsx" % self.id,
            "target": "self",
        }


class PartyMember(models.Model):
    _inherit = "party.member"

    @api.multi
    def _register_notes(self):
        """Remarks printed in the register's Notes column."""
        self.ensure_one()
        notes = []
        if self.state == "probationary" and self.probation_end_date:
            notes.append(_("Probationary until %s") % format_date(
                self.env, self.probation_end_date))
        if self.state == "exempted":
            notes.append(_("Exempted"))
        if self.temporary_organization_id:
            notes.append(_("Temporarily attached to %s")
                         % self.temporary_organization_id.name)
        return notes


class ReportMemberRegister(models.AbstractModel):
    _name = "report.party_handbook.report_member_register"
    _description = "Member register report"

    @api.model
    def get_report_values(self, docids, data=None):  # pylint: disable=unused-argument
        organizations = self.env["party.organization"].browse(docids)
        registers = {org.id: org._register_data() for org in organizations}
        return {
            "doc_ids": docids,
            "doc_model": "party.organization",
            "docs": organizations,
            "registers": registers,
            "columns": self.env["party.organization"]._register_columns(),
            "total_lines": self.env["party.organization"]._register_total_lines,
            "format_date": lambda value: format_date(self.env, value),
        }
