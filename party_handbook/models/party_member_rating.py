# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import threading
from contextlib import contextmanager

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import html_escape

# pylint: disable=missing-import-error
from .party_integrity import internal_write, is_internal

# the user who takes a step: the step writes as superuser (after its checks),
# its chatter names this user (server-side only, never from the context)
_acting = threading.local()

# who is rated when a period is opened (as the yearly opening always did)
RATED_STATES = ("probationary", "official", "exempted")

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
    _order = "year desc, period_id, member_id"
    # each step is an action: no role writes a step's values directly
    _protected_fields = (
        "organization_id", "member_partner_id", "member_id", "year",
        "rated_organization_id", "state", "self_score", "self_comment",
        "proposed_score", "cell_level", "final_level", "period_id")
    _settable_on_create = ("member_id", "year", "rated_organization_id",
                           "period_id")

    period_id = fields.Many2one(
        "party.member.rating.period", string="Period", required=True,
        index=True, readonly=True, ondelete="restrict")
    period_kind = fields.Selection(related="period_id.kind", readonly=True)
    # the period's year (kept for the reports that count per year)
    year = fields.Integer(required=True, index=True, readonly=True)
    rated_organization_id = fields.Many2one(
        "party.organization", string="Rated in", required=True, index=True,
        readonly=True, ondelete="restrict",
        help="The member's organization when the rating was opened.")
    state = fields.Selection(
        STEPS, string="Step", default="draft", required=True, readonly=True,
        index=True, track_visibility="onchange")
    self_score = fields.Float(readonly=True, track_visibility="onchange",
                              group_operator="avg")
    self_comment = fields.Text(readonly=True)
    proposed_score = fields.Float(readonly=True, track_visibility="onchange",
                                  group_operator="avg")
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
        ("member_period_uniq", "unique(member_id, period_id)",
         "A member is rated once per period."),
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
        return [(r.id, "%s – %s" % (r.member_id.name, r.period_id.name))
                for r in self]

    @api.model
    def create(self, vals):
        # a rating is about one period; the year follows it (callers of
        # the yearly rating give the year: its yearly period is taken)
        Period = self.env["party.member.rating.period"]
        if vals.get("period_id"):
            vals = dict(vals, year=Period.sudo().browse(vals["period_id"]).year)
        elif vals.get("year"):
            vals = dict(vals, period_id=Period._get_period(
                "year", vals["year"]).id)
        return super().create(vals)

    @contextmanager
    def _acting_as(self, user):
        previous = getattr(_acting, "partner_id", None)
        _acting.partner_id = user.partner_id.id
        try:
            yield
        finally:
            _acting.partner_id = previous

    @api.multi
    def message_post(self, *args, **kwargs):
        # a step is written as superuser after its checks: its tracking
        # message names the user who took it, not the superuser
        partner_id = getattr(_acting, "partner_id", None)
        if partner_id and kwargs.get("author_id") is None:
            partner = self.env["res.partner"].sudo().browse(partner_id)
            kwargs["author_id"] = partner_id
            kwargs.setdefault("email_from", partner.email_formatted or False)
        return super().message_post(*args, **kwargs)

    def _step_write(self, vals):
        """Write a step's values (after the step's checks), tracked as the
        acting user."""
        with internal_write(self), self._acting_as(self.env.user):
            self.sudo().write(vals)

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
        self._step_write({"self_score": score, "self_comment": comment,
                          "state": "self"})
        return True

    @api.multi
    def action_propose(self, score):
        """The cell committee proposes a score."""
        self._check_step("self", "party_handbook.group_party_handbook_cell_secretary")
        self._check_score(score)
        self.check_access_rule("write")
        self._step_write({"proposed_score": score, "state": "proposed"})
        return True

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
            rating._step_write({"cell_level": decided, "state": "cell"})
        return True

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
            rating._step_write({"final_level": decided, "state": "approved"})
        return True

    @api.model
    @api.returns("self")
    def open_year(self, organization, year):
        """Open the year's ratings for every member to rate of a subtree."""
        period = self.env["party.member.rating.period"]._get_period("year", year)
        return self.open_period(organization, period)

    @api.model
    def _party_records(self, model, value):
        if isinstance(value, models.BaseModel):
            return value
        if isinstance(value, int) and not isinstance(value, bool):
            value = [value]
        if not isinstance(value, (list, tuple)) or not all(
                isinstance(i, int) and not isinstance(i, bool) for i in value):
            raise UserError(_("Choose one period and the organizations to "
                              "rate."))
        return self.env[model].browse(value).exists()

    @api.model
    def _check_opening(self, organizations):
        if not self.env.user.has_group(
                "party_handbook.group_party_handbook_cell_secretary"):
            raise AccessError(_("Only cell secretaries and officers open ratings."))
        organizations.check_access_rule("read")
        if self.env.user.has_group("party_handbook.group_party_handbook_manager"):
            return
        scope = self.env["party.organization"].sudo().search([
            ("id", "in", organizations.ids),
            ("id", "child_of", self.env.user.party_organization_ids.ids)])
        if scope != organizations.sudo():
            raise AccessError(_(
                "You open ratings only for the organizations you serve."))

    @api.model
    @api.returns("self")
    def open_period(self, organizations, period):
        """Open the period's ratings (step "awaiting self-assessment") for
        every member to rate in the subtrees of ``organizations``: one
        INSERT … SELECT for the missing ones (a member already rated for
        the period is left as is), one for their creation notes. Returns the
        new ratings."""
        # over RPC the records come as ids
        organizations = self._party_records("party.organization", organizations)
        period = self._party_records("party.member.rating.period", period)
        if len(period) != 1 or not organizations:
            raise UserError(_("Choose one period and the organizations to "
                              "rate."))
        self._check_opening(organizations)
        period.check_access_rule("read")
        cr = self.env.cr
        members = self.env["party.member"].sudo().search([
            ("organization_id", "child_of", organizations.ids),
            ("state", "in", RATED_STATES)])
        if not members:
            return self.browse()
        cr.execute("""
            INSERT INTO party_member_rating
                   (member_id, period_id, year, rated_organization_id,
                    organization_id, member_partner_id, state,
                    create_uid, create_date, write_uid, write_date)
            SELECT m.id, %(period)s, %(year)s, m.organization_id,
                   m.organization_id, m.partner_id, 'draft',
                   %(uid)s, now() at time zone 'UTC',
                   %(uid)s, now() at time zone 'UTC'
              FROM party_member m
             WHERE m.id IN %(members)s AND m.organization_id IS NOT NULL
               AND NOT EXISTS (SELECT 1 FROM party_member_rating r
                                WHERE r.member_id = m.id
                                  AND r.period_id = %(period)s)
            ON CONFLICT (member_id, period_id) DO NOTHING
            RETURNING id""", {
                "period": period.id, "year": period.sudo().year,
                "uid": self.env.uid, "members": tuple(members.ids)})
        ids = [row[0] for row in cr.fetchall()]
        if ids:
            # the creation note of each rating, by the user who opened it
            cr.execute("""
                INSERT INTO mail_message
                       (model, res_id, record_name, body, message_type,
                        subtype_id, author_id, email_from, date,
                        create_uid, create_date, write_uid, write_date)
                SELECT 'party.member.rating', r.id, NULL, %(body)s,
                       'notification', %(subtype)s, %(author)s, %(email)s,
                       now() at time zone 'UTC', %(uid)s,
                       now() at time zone 'UTC', %(uid)s,
                       now() at time zone 'UTC'
                  FROM unnest(%(ids)s) AS r(id)""", {
                    "body": "<p>%s</p>" % html_escape(
                        _("Rating opened for %s") % period.sudo().name),
                    "subtype": self.env.ref("mail.mt_note").id,
                    "author": self.env.user.partner_id.id,
                    "email": self.env.user.partner_id.email_formatted or None,
                    "uid": self.env.uid, "ids": ids})
        self.invalidate_cache()
        return self.browse(ids)
