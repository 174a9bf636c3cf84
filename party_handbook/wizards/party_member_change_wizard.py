# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import AccessError

from ..models.party_member_change_request import REQUESTABLE_FIELDS


class PartyMemberChangeWizard(models.TransientModel):
    """A member proposes corrections to their own profile."""

    _name = "party.member.change.wizard"
    _description = "Propose corrections to my profile"

    member_id = fields.Many2one("party.member", required=True, readonly=True)
    phone = fields.Char()
    mobile = fields.Char()
    email = fields.Char()
    street = fields.Char(string="Address")
    residence = fields.Char(string="Place of residence")
    home_town = fields.Char()
    birth_name = fields.Char()
    date_of_birth = fields.Date()
    gender = fields.Selection([("male", "Male"), ("female", "Female")])
    education_level = fields.Selection(
        selection=lambda self: self._member_selection("education_level"),
        string="General education")
    professional_level = fields.Selection(
        selection=lambda self: self._member_selection("professional_level"))
    political_theory_level = fields.Selection(
        selection=lambda self: self._member_selection("political_theory_level"),
        string="Political theory")
    language_level = fields.Char(string="Foreign languages")
    occupation = fields.Char()
    note = fields.Text(string="Why (optional)")

    @api.model
    def _member_selection(self, name):
        return self.env["party.member"]._fields[name].selection

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        member = self.env["party.member"].browse(values.get("member_id"))
        if member:
            # the form shows the member's own profile only: the values are
            # read as superuser after checking whose profile it is
            member.check_access_rule("read")
            if member.sudo().partner_id != self.env.user.partner_id:
                raise AccessError(_(
                    "You can only propose changes to your own profile."))
            current = member.sudo().read(list(REQUESTABLE_FIELDS))[0]
            values.update({name: current[name] for name in REQUESTABLE_FIELDS
                           if name in fields_list})
        return values

    @api.multi
    def action_submit(self):
        self.ensure_one()
        values = {name: self[name] for name in REQUESTABLE_FIELDS}
        current = self.member_id.sudo().read(list(REQUESTABLE_FIELDS))[0]
        changed = {name: value for name, value in values.items()
                   if (value or False) != (current[name] or False)}
        request = self.env["party.member.change.request"].submit(
            self.member_id, changed, note=self.note)
        return {
            "type": "ir.actions.act_window", "res_model": request._name,
            "res_id": request.id, "view_mode": "form",
        }
