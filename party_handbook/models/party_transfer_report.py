# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The transfer letter as PDF: whoever may read the transfer (its member,
both sides, the city) may print it once issued; it is then rendered with
the application's rights (the receiving side does not read the member's
profile, the letter carries what it needs)."""
from odoo import api, models


class ReportTransferLetter(models.AbstractModel):
    _name = "report.party_handbook.report_transfer_letter"
    _description = "Transfer letter"

    @api.model
    def get_report_values(self, docids, data=None):  # pylint: disable=unused-argument
        transfers = self.env["party.transfer"].browse(docids)
        transfers._check_print()
        return {
            "doc_ids": docids,
            "doc_model": "party.transfer",
            "docs": transfers.sudo(),
        }
