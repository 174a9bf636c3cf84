# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""File names of the meetings' printed reports, in the printing user's
language (see party_handbook.wizards.party_print_names.py)."""
from odoo import _, api, models

from odoo.addons.party_handbook.wizards.party_print_names import safe_file_name


class PartyMeeting(models.Model):
    _inherit = "party.meeting"

    @api.multi
    def _party_print_name(self):
        self.ensure_one()
        return safe_file_name(_("Minutes - %s") % self.name)


class PartyMeetingMonthlySummary(models.TransientModel):
    _inherit = "party.meeting.monthly.summary"

    @api.multi
    def _party_print_name(self):
        self.ensure_one()
        return safe_file_name(
            _("Monthly meeting summary - %(organization)s - %(month)s-%(year)s") % {
                "organization": self.organization_id.sudo().name,
                "month": self.month, "year": self.year})
