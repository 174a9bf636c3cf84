# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""File names of the printed reports, in the language of the user who prints.

A report's ``print_report_name`` is a Python expression evaluated without
translation, so each one calls ``object._party_print_name()``, which builds
the name with ``_()`` in the printing user's language. Odoo sends the name
as RFC 5987 UTF-8 (``filename*=UTF-8''...``), which every current browser
reads: Vietnamese names keep their diacritics. Characters that no file
system accepts (``/`` in a document number, ``:``...) become ``-``.
"""
import re

from odoo import _, api, fields, models

UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f]+')


def safe_file_name(text):
    """``text`` made safe as a file name on any system (at most 150 chars)."""
    return " ".join(UNSAFE.sub("-", text or "").split())[:150].strip() or "-"


def file_date(record, value):
    """``value`` (a date) in the user's date format, usable in a file name."""
    if not value:
        return ""
    lang = record.env["res.lang"]._lang_get(record.env.lang or "en_US")
    fmt = (lang.date_format if lang else "%d/%m/%Y").replace("/", "-")
    return fields.Date.from_string(value).strftime(fmt)


class PartyOrganization(models.Model):
    _inherit = "party.organization"

    @api.multi
    def _party_print_name(self):
        self.ensure_one()
        return safe_file_name(_("Member register - %s") % (self.code or self.name))


class PartyDocument(models.Model):
    _inherit = "party.document"

    @api.multi
    def _party_print_name(self):
        self.ensure_one()
        return safe_file_name(_("Document - %s") % (self.number or self.name))


class PartyMember(models.Model):
    _inherit = "party.member"

    @api.multi
    def _party_print_name(self):
        self.ensure_one()
        return safe_file_name(_("Member profile - %s") % self.name)


class PartyDataAccessSummary(models.TransientModel):
    _inherit = "party.data.access.summary"

    @api.multi
    def _party_print_name(self):
        self.ensure_one()
        return safe_file_name(_("Personal data access log - %(start)s - %(end)s") % {
            "start": file_date(self, self.date_from),
            "end": file_date(self, self.date_to)})


class PartyReconciliationWizard(models.TransientModel):
    _inherit = "party.reconciliation.wizard"

    @api.multi
    def _party_print_name(self):
        self.ensure_one()
        quarter = dict(self._fields["quarter"]._description_selection(self.env))
        return safe_file_name(
            _("Quarterly reconciliation - %(organization)s - %(quarter)s %(year)s") % {
                "organization": self.organization_id.name,
                "quarter": quarter.get(self.quarter, ""), "year": self.year})
