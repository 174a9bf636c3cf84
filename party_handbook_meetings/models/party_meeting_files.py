# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Approved minutes are frozen, and so are the meeting's files: the scan of
the signed paper minutes cannot be replaced afterwards (see
party_handbook/models/ir_attachment_access.py)."""
from odoo import api, models


class PartyMeetingFiles(models.Model):
    _inherit = "party.meeting"

    @api.multi
    def _party_attachments_frozen(self):
        return self.filtered(lambda m: m.state == "approved")
