# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models

# pylint: disable=missing-import-error
from ..models.party_meeting_attendance_assisted import EXCUSE_REASONS


class PartyMeetingExcuseWizard(models.TransientModel):
    """The cell secretary asks to excuse a member on their behalf (issue
    #12): the reason chosen from the usual ones, or written."""

    _name = "party.meeting.excuse.wizard"
    _description = "Ask to excuse a member on their behalf"

    attendance_id = fields.Many2one(
        "party.meeting.attendance", string="Roster line", required=True,
        readonly=True)
    member_id = fields.Many2one(related="attendance_id.member_id",
                                readonly=True)
    reason_code = fields.Selection(EXCUSE_REASONS, string="Reason",
                                   required=True, default="illness")
    reason = fields.Char(string="Details")

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        if self.env.context.get("active_model") == \
                "party.meeting.attendance" and "attendance_id" in fields_list:
            values.setdefault("attendance_id",
                              self.env.context.get("active_id"))
        return values

    @api.multi
    def action_request(self):
        self.ensure_one()
        self.attendance_id.action_request_excuse(
            reason=self.reason, reason_code=self.reason_code)
        return {"type": "ir.actions.act_window_close"}
