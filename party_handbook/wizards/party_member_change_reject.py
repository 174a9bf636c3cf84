# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class PartyMemberChangeReject(models.TransientModel):
    _name = "party.member.change.reject"
    _description = "Reject a profile change request"

    request_id = fields.Many2one(
        "party.member.change.request", required=True, readonly=True)
    reason = fields.Text(required=True)

    @api.multi
    def action_reject(self):
        self.ensure_one()
        self.request_id.action_reject(self.reason)
        return {"type": "ir.actions.act_window_close"}
