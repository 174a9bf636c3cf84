# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class PartyDocumentReportSubmit(models.TransientModel):
    _name = "party.document.report.submit"
    _description = "Send a requested report"

    report_id = fields.Many2one("party.document.report", required=True, readonly=True)
    body = fields.Text(string="Report")
    attachment_ids = fields.Many2many("ir.attachment", string="Attachments")

    @api.multi
    def action_submit(self):
        self.ensure_one()
        self.report_id.action_submit(self.body, self.attachment_ids)
        return {"type": "ir.actions.act_window_close"}
