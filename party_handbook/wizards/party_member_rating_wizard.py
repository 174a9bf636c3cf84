# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Screens of the rating steps: opening a period for a cell (or a
subtree), the cell committee's proposals, the cell's decision and the
upper committee's approval, for many members at once. They only call the
model's actions, which check the step, the role and the scope."""
from odoo import _, api, fields, models
from odoo.exceptions import UserError

# pylint: disable=missing-import-error
from ..models.party_member_rating import LEVELS, level_for
from ..models.party_member_rating_period import KINDS

# the rating's values a step line shows (related, read as the user)
DISPLAYED = ("member_id", "self_score", "self_comment", "proposed_score",
             "evidence_summary", "score_level")
QUARTERS = [("1", "I"), ("2", "II"), ("3", "III"), ("4", "IV")]


class PartyMemberRatingOpen(models.TransientModel):
    _name = "party.member.rating.open"
    _description = "Open the ratings of a period"

    organization_ids = fields.Many2many(
        "party.organization", string="Organizations", required=True,
        default=lambda self: self._default_organization_ids(),
        help="Every member to rate in these organizations and below gets a "
             "rating awaiting self-assessment.")
    kind = fields.Selection(KINDS, required=True, default="quarter")
    year = fields.Integer(required=True,
                          default=lambda self: self._default_today().year)
    quarter = fields.Selection(
        QUARTERS, default=lambda self: str(
            (self._default_today().month - 1) // 3 + 1))
    period_id = fields.Many2one(
        "party.member.rating.period", string="Ad hoc period",
        domain=[("kind", "=", "adhoc")])

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        # opened from a period: that period
        period = self.env["party.member.rating.period"].browse(
            values.get("period_id") or [])
        if period:
            values.update(kind=period.kind, year=period.year,
                          quarter=period.quarter and str(period.quarter))
            if period.kind != "adhoc":
                values["period_id"] = False
        return values

    def _default_today(self):
        return fields.Date.from_string(fields.Date.context_today(self))

    def _default_organization_ids(self):
        context = self.env.context
        if context.get("active_model") == "party.organization" and \
                context.get("active_ids"):
            return [(6, 0, context["active_ids"])]
        return [(6, 0, self.env.user.party_organization_ids.ids)]

    def _period(self):
        Period = self.env["party.member.rating.period"]
        if self.kind == "adhoc":
            if not self.period_id:
                raise UserError(_("Choose the ad hoc period."))
            return self.period_id
        if self.kind == "quarter" and not self.quarter:
            raise UserError(_("Choose the quarter."))
        return Period._get_period(self.kind, self.year,
                                  self.kind == "quarter" and int(self.quarter))

    @api.multi
    def action_open(self):
        self.ensure_one()
        period = self._period()
        ratings = self.env["party.member.rating"].open_period(
            self.organization_ids, period)
        action = self.env.ref(
            "party_handbook.party_member_rating_action").read()[0]
        action.update(
            domain=[("period_id", "=", period.id),
                    ("rated_organization_id", "child_of",
                     self.organization_ids.ids)],
            context={"search_default_group_state": 1},
            name=_("%(period)s: %(count)s ratings opened") % {
                "period": period.name, "count": len(ratings)})
        return action


STEPS = [("paper", "Enter paper self-assessments"),
         ("propose", "Propose scores (cell committee)"),
         ("decide", "Record the cell's decision"),
         ("approve", "Approve (upper committee)")]
STEP_STATES = {"paper": "draft", "propose": "self", "decide": "proposed",
               "approve": "cell"}


class PartyMemberRatingStep(models.TransientModel):
    _name = "party.member.rating.step"
    _description = "Take a rating step for several members"

    step = fields.Selection(STEPS, required=True)
    line_ids = fields.One2many("party.member.rating.step.line", "wizard_id",
                               string="Members")
    skipped_count = fields.Integer(
        readonly=True, help="Selected ratings that are not at this step.")
    score_all = fields.Float(
        string="Same score for all",
        help="Fills every line's score; each line can still be changed.")

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        step = self.env.context.get("party_rating_step") or values.get("step")
        if step not in STEP_STATES:
            raise UserError(_("Choose the step to take."))
        ratings = self.env["party.member.rating"].browse(
            self.env.context.get("active_ids") or [])
        if self.env.context.get("active_model") != "party.member.rating":
            ratings = ratings.browse()
        ready = ratings.filtered(lambda r: r.state == STEP_STATES[step])
        if not ready:
            raise UserError(_("None of the selected ratings is at this step."))
        values.update(step=step, skipped_count=len(ratings - ready), line_ids=[
            (0, 0, {"rating_id": rating.id,
                    # shown at once (the screen does not compute related
                    # values of new lines); read as the user
                    "member_id": rating.member_id.id,
                    "self_score": rating.self_score,
                    "self_comment": rating.self_comment,
                    "proposed_score": rating.proposed_score,
                    "evidence_summary": rating.evidence_summary,
                    "score": rating.proposed_score if step not in (
                        "propose", "paper") else rating.self_score,
                    "score_level": level_for(
                        rating.proposed_score if step != "propose"
                        else rating.self_score),
                    "level": rating.cell_level if step == "approve"
                    else rating.proposed_level})
            for rating in ready])
        return values

    @api.onchange("score_all")
    def _onchange_score_all(self):
        if self.score_all:
            for line in self.line_ids:
                line.score = self.score_all

    @api.multi
    def action_apply(self):
        self.ensure_one()
        for line in self.line_ids:
            rating = line.rating_id
            if self.step == "paper":
                rating.action_self_assess_on_paper(line.score, line.comment)
            elif self.step == "propose":
                rating.action_propose(line.score)
            elif self.step == "decide":
                rating.action_cell_decide(line.level or None)
            else:
                rating.action_approve(line.level or None)
        return {"type": "ir.actions.act_window_close"}


class PartyMemberRatingStepLine(models.TransientModel):
    _name = "party.member.rating.step.line"
    _description = "One member in a rating step"

    wizard_id = fields.Many2one("party.member.rating.step", required=True,
                                ondelete="cascade")
    rating_id = fields.Many2one("party.member.rating", required=True,
                                ondelete="cascade")
    # read as the user (anyone may create a transient line: the rating's
    # rules decide what it shows)
    member_id = fields.Many2one(related="rating_id.member_id", readonly=True,
                                related_sudo=False)
    self_score = fields.Float(related="rating_id.self_score", readonly=True,
                              related_sudo=False)
    self_comment = fields.Text(related="rating_id.self_comment", readonly=True,
                               related_sudo=False)
    proposed_score = fields.Float(related="rating_id.proposed_score",
                                  readonly=True, related_sudo=False)
    evidence_summary = fields.Char(related="rating_id.evidence_summary",
                                   readonly=True, related_sudo=False)
    score = fields.Float()
    comment = fields.Char(string="Self-assessment (summary)")
    level = fields.Selection(LEVELS)
    score_level = fields.Selection(LEVELS, string="Level of the score",
                                   compute="_compute_score_level")

    @api.model
    def create(self, vals):
        # the rating's values are shown, never written through the line
        vals = {key: value for key, value in vals.items()
                if key not in DISPLAYED}
        return super().create(vals)

    @api.depends("score")
    def _compute_score_level(self):
        for line in self:
            line.score_level = level_for(line.score)
