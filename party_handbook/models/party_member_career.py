# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class PartyMemberPeriod(models.AbstractModel):
    """A record with a period (from, until) about a member."""

    _name = "party.member.period"
    _inherit = "party.member.record"
    _description = "Member record with a period"
    _order = "date_from desc, id desc"

    date_from = fields.Date(string="From", required=True)
    date_to = fields.Date(string="Until")

    @api.constrains("date_from", "date_to")
    def _check_period(self):
        for record in self.sudo():  # see party.member._check_dates
            if record.date_to and record.date_to < record.date_from:
                raise ValidationError(_("A period cannot end before it starts."))


class PartyMemberWork(models.Model):
    _name = "party.member.work"
    _inherit = "party.member.period"
    _description = "Member work history"

    employer = fields.Char(string="Workplace", required=True)
    job = fields.Char(string="Job or position")


class PartyMemberTraining(models.Model):
    _name = "party.member.training"
    _inherit = "party.member.period"
    _description = "Member training"

    institution = fields.Char(required=True)
    subject = fields.Char(required=True)
    kind = fields.Selection([
        ("professional", "Professional"),
        ("political", "Political theory"),
        ("state_management", "State management"),
        ("language", "Foreign language"),
        ("other", "Other"),
    ], required=True, default="professional")
    degree = fields.Char(string="Degree or certificate")


class PartyMemberPosition(models.Model):
    _name = "party.member.position"
    _inherit = "party.member.period"
    _description = "Position held by a member"

    title = fields.Char(string="Position", required=True)
    body = fields.Char(string="Organization or body", required=True)
    kind = fields.Selection([
        ("party", "Party"), ("government", "Government"),
        ("mass", "Mass organization"), ("other", "Other"),
    ], required=True, default="party")
