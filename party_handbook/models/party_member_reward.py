# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

DISCIPLINE_FORMS = [
    ("reprimand", "Reprimand (khiển trách)"),
    ("warning", "Warning (cảnh cáo)"),
    ("removal", "Removal from post (cách chức)"),
    ("expulsion", "Expulsion (khai trừ)"),
]
# Party Statute: a probationary member can only be reprimanded or warned.
PROBATIONARY_FORMS = ("reprimand", "warning")


class PartyMemberDecision(models.AbstractModel):
    """A decision about a member: number, date, issuing body."""

    _name = "party.member.decision"
    _inherit = ["party.member.record", "party.audited.thread"]
    _description = "Decision about a party member"
    _order = "date desc, id desc"

    decision_number = fields.Char(required=True, track_visibility="onchange")
    date = fields.Date(
        required=True, default=fields.Date.context_today, track_visibility="onchange")
    issuing_body = fields.Char(required=True, track_visibility="onchange")
    reason = fields.Text(track_visibility="onchange")

    @api.constrains("date")
    def _check_date(self):
        today = fields.Date.context_today(self)
        for decision in self.sudo():  # see party.member._check_dates
            if decision.date > today:
                raise ValidationError(_("A decision cannot be dated in the future."))


class PartyMemberReward(models.Model):
    _name = "party.member.reward"
    _inherit = "party.member.decision"
    _description = "Party member reward"

    form = fields.Selection([
        ("certificate", "Certificate of merit (giấy khen)"),
        ("commendation", "Commendation (bằng khen)"),
        ("emulation", "Emulation title"),
        ("badge", "Party badge"),
        ("medal", "Medal or order"),
        ("other", "Other"),
    ], required=True, track_visibility="onchange")


class PartyMemberDiscipline(models.Model):
    _name = "party.member.discipline"
    _inherit = "party.member.decision"
    _description = "Party member discipline"

    form = fields.Selection(
        DISCIPLINE_FORMS, required=True, track_visibility="onchange")
    member_state = fields.Selection(
        related="member_id.state", readonly=True, string="Member status")

    @api.constrains("form", "member_id")
    def _check_form_for_probationary(self):
        for discipline in self.sudo():  # see party.member._check_dates
            if (discipline.member_id.state == "probationary"
                    and discipline.form not in PROBATIONARY_FORMS):
                raise ValidationError(_(
                    "%(name)s is a probationary member: the only discipline "
                    "forms for probationary members are reprimand and "
                    "warning.") % {"name": discipline.member_id.name})

    @api.model
    def create(self, vals):
        discipline = super().create(vals)
        if discipline.form == "expulsion":
            discipline.member_id.action_leave(
                "expelled", date=discipline.date, decision=discipline.decision_number,
                reason=discipline.reason)
        return discipline
