# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class PartyDocumentFeedbackReply(models.TransientModel):
    _name = "party.document.feedback.reply"
    _description = "Answer a member's feedback"

    feedback_id = fields.Many2one(
        "party.document.feedback", required=True, readonly=True)
    reply = fields.Text(string="Answer", required=True)

    @api.multi
    def action_reply(self):
        self.ensure_one()
        self.feedback_id.action_reply(self.reply)
        return {"type": "ir.actions.act_window_close"}
