# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

# pylint: disable=missing-import-error
from .party_integrity import internal_write, is_internal

LEVELS = [
    ("excellent", "Excellently completed tasks"),
    ("good", "Well completed tasks"),
    ("completed", "Completed tasks"),
    ("not_completed", "Did not complete tasks"),
]
STEPS = [
    ("draft", "Awaiting self-assessment"),
    ("self", "Self-assessed"),
    ("proposed", "Proposed by the cell committee"),
    ("cell", "Decided by the cell"),
    ("approved", "Approved by the upper committee"),
]


def level_for(score):
    """The 100-point scale since 2025: ≥90, 70–<90, 50–<70, <50."""
    if score is False or score is None:
        return False
    if score >= 90:
        return "excellent"
    if score >= 70:
        return "good"
    if score >= 50:
        return "completed"
    return "not_completed"


class PartyMemberRating(models.Model):
    """Annual quality rating (xếp loại chất lượng đảng viên)."""

    _name = "party.member.rating"
    _inherit = ["party.member.record", "party.audited.thread"]
    _description = "Annual quality rating of a party member"
    _order = "year desc, member_id"
    # each step is an action: no role writes a step's values directly
    _protected_fields = (
        "organization_id", "member_partner_id", "member_id", "year",
        "rated_organization_id", "state", "self_score", "self_comment",
        "proposed_score", "cell_level", "final_level")
    _settable_on_create = ("member_id", "year", "rated_organization_id")

    year = fields.Integer(required=True, index=True, readonly=True)
    rated_organization_id = fields.Many2one(
        "party.organization", string="Rated in", required=True, index=True,
        readonly=True, ondelete="restrict",
        help="The member's organization when the rating was opened.")
    state = fields.Selection(
        STEPS, string="Step", default="draft", required=True, readonly=True,
        index=True, track_visibility="onchange")
    self_score = fields.Float(readonly=True, track_visibility="onchange")
    self_comment = fields.Text(readonly=True)
    proposed_score = fields.Float(readonly=True, track_visibility="onchange")
    proposed_level = fields.Selection(
        LEVELS, string="Proposed rating", compute="_compute_levels", store=True,
        readonly=True)
    cell_level = fields.Selection(
        LEVELS, string="Cell decision", readonly=True, track_visibility="onchange")
    final_level = fields.Selection(
        LEVELS, string="Final rating", readonly=True, index=True,
        track_visibility="onchange")
    self_level = fields.Selection(
        LEVELS, string="Self-assessed rating", compute="_compute_levels",
        store=True, readonly=True)

    _sql_constraints = [
        ("member_year_uniq", "unique(member_id, year)",
         "A member is rated once a year."),
        ("scores_range", "CHECK(self_score BETWEEN 0 AND 100 "
         "AND proposed_score BETWEEN 0 AND 100)",
         "Scores are between 0 and 100."),
    ]

    @api.depends("self_score", "proposed_score", "state")
    def _compute_levels(self):
        for rating in self:
            rating.self_level = rating.state != "draft" and level_for(rating.self_score)
            rating.proposed_level = rating.state in ("proposed", "cell", "approved") \
                and level_for(rating.proposed_score)

    @api.multi
    def name_get(self):
        return [(r.id, "%s %s" % (r.member_id.name, r.year)) for r in self]

    # Each step is taken by the role allowed to take it, then frozen.

    def _check_score(self, score):
        if not isinstance(score, (int, float)) or not 0 <= score <= 100:
            raise ValidationError(_("A score is a number between 0 and 100."))

    def _check_step(self, state, group):
        for rating in self:
            if rating.state != state:
                raise UserError(_(
                    "The rating of %(name)s for %(year)s is at the step "
                    "\"%(step)s\": this step is not possible now.") % {
                        "name": rating.member_id.name, "year": rating.year,
                        "step": dict(STEPS)[rating.state]})
        if group and not self.env.user.has_group(group):
            raise AccessError(_("Your role cannot take this step of the rating."))
        self.check_access_rule("read")

    @api.multi
    def unlink(self):
        if not is_internal(self) and any(r.state != "draft" for r in self.sudo()):
            self.check_access_rights("unlink")
            raise UserError(_("A rating is deleted only before its "
                              "self-assessment."))
        return super().unlink()

    @api.multi
    def action_self_assess(self, score, comment=None):
        """The member rates themself (only their own rating)."""
        self.ensure_one()
        self._check_step("draft", None)
        if self.member_id.partner_id != self.env.user.partner_id:
            raise AccessError(_("Only the member can assess themself."))
        self._check_score(score)
        with internal_write(self):
            self.sudo().write({"self_score": score, "self_comment": comment,
                               "state": "self"})

    @api.multi
    def action_propose(self, score):
        """The cell committee proposes a score."""
        self._check_step("self", "party_handbook.group_party_handbook_cell_secretary")
        self._check_score(score)
        self.check_access_rule("write")
        with internal_write(self):
            self.sudo().write({"proposed_score": score, "state": "proposed"})

    @api.multi
    def action_cell_decide(self, level=None):
        """The cell's vote; by default it confirms the proposal."""
        self._check_step("proposed",
                         "party_handbook.group_party_handbook_cell_secretary")
        self.check_access_rule("write")
        for rating in self:
            decided = level or rating.proposed_level
            if decided not in dict(LEVELS):
                raise ValidationError(_("Choose one of the four rating levels."))
            with internal_write(rating):
                rating.sudo().write({"cell_level": decided, "state": "cell"})

    @api.multi
    def action_approve(self, level=None):
        """The upper committee decides the final rating."""
        self._check_step("cell", "party_handbook.group_party_handbook_officer")
        self.check_access_rule("write")
        for rating in self:
            if rating.rated_organization_id in self.env.user.party_organization_ids:
                raise AccessError(_(
                    "The final rating is decided by the committee above the "
                    "cell, not by the cell itself."))
            decided = level or rating.cell_level
            if decided not in dict(LEVELS):
                raise ValidationError(_("Choose one of the four rating levels."))
            with internal_write(rating):
                rating.sudo().write({"final_level": decided, "state": "approved"})

    @api.model
    def open_year(self, organization, year):
        """Open the year's ratings for every active member of a subtree."""
        organization.check_access_rule("read")
        if not self.env.user.has_group(
                "party_handbook.group_party_handbook_cell_secretary"):
            raise AccessError(_("Only cell secretaries and officers open ratings."))
        members = self.env["party.member"].search([
            ("organization_id", "child_of", organization.id),
            ("state", "in", ("probationary", "official", "exempted"))])
        members.check_access_rule("write")
        existing = set(self.search([("member_id", "in", members.ids),
                                    ("year", "=", year)]).mapped("member_id").ids)
        Rating = self.sudo().with_context(mail_create_nolog=True)
        ratings = self.browse()
        with internal_write(Rating):
            for member in members.filtered(lambda m: m.id not in existing):
                ratings |= Rating.create({
                    "member_id": member.id, "year": year,
                    "rated_organization_id": member.organization_id.id,
                })
        return ratings
