# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import re

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ..models import party_member_history

ACTIONS = [
    ("official", "Make official member"),
    ("exempt", "Exempt from activities"),
    ("end_exemption", "End the exemption"),
    ("transfer_internal", "Transfer to another organization"),
    ("transfer_out", "Transfer out of the city"),
    ("temporary", "Attach temporarily elsewhere"),
    ("end_temporary", "End the temporary attachment"),
    ("leave", "Left the party"),
    ("deceased", "Deceased"),
]


class PartyMemberStatus(models.TransientModel):
    """Change the status of one or more members, with its dated details."""

    _name = "party.member.status"
    _description = "Change a party member's status"

    member_ids = fields.Many2many("party.member", string="Members", required=True)
    action = fields.Selection(ACTIONS, required=True)
    date = fields.Date(required=True, default=fields.Date.context_today)
    decision = fields.Char(string="Decision number")
    reason = fields.Text()
    organization_id = fields.Many2one("party.organization", string="Organization")
    destination = fields.Char(help="Party organization outside the city.")
    until = fields.Date(string="Attached until")
    fee_paid_until = fields.Char(
        string="Dues paid through", help="Month, as YYYY-MM.")
    leave_form = fields.Selection(party_member_history.LEAVE_FORMS)

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        if self.env.context.get("active_model") == "party.member":
            values["member_ids"] = [(6, 0, self.env.context.get("active_ids", []))]
        return values

    @api.multi
    def action_apply(self):
        self.ensure_one()
        if self.fee_paid_until and not re.match(
                r"^\d{4}-(0[1-9]|1[0-2])$", self.fee_paid_until):
            raise UserError(_("Write the month dues are paid through as YYYY-MM, "
                              "for example 2026-10."))
        members, date = self.member_ids, self.date
        if self.action == "official":
            members.action_make_official(date=date, decision=self.decision)
        elif self.action == "exempt":
            members.action_exempt(date=date, reason=self.reason, decision=self.decision)
        elif self.action == "end_exemption":
            members.action_end_exemption(date=date, reason=self.reason)
        elif self.action == "transfer_internal":
            if not self.organization_id:
                raise UserError(_("Choose the organization the members move to."))
            members.action_transfer_internal(
                self.organization_id, date=date, fee_paid_until=self.fee_paid_until,
                decision=self.decision)
        elif self.action == "transfer_out":
            members.action_transfer_out(
                self.destination, date=date, fee_paid_until=self.fee_paid_until,
                decision=self.decision)
        elif self.action == "temporary":
            if not self.organization_id:
                raise UserError(_("Choose the organization the members attach to."))
            members.action_transfer_temporary(
                self.organization_id, until=self.until, date=date,
                fee_paid_until=self.fee_paid_until)
        elif self.action == "end_temporary":
            members.action_end_temporary(date=date)
        elif self.action == "leave":
            members.action_leave(self.leave_form, date=date, reason=self.reason,
                                 decision=self.decision)
        elif self.action == "deceased":
            members.action_deceased(date=date)
        return {"type": "ir.actions.act_window_close"}
