# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import defaultdict

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

LEVELS = [
    ("city", "City/province committee"),
    ("commune", "Commune/ward committee"),
    ("grassroots", "Grassroots organization"),
    ("subcommittee", "Sub-committee"),
    ("cell", "Party cell"),
    ("group", "Party group"),
]
# A cell needs at least this many official members (Party Statute).
CELL_MIN_OFFICIAL = 3


class PartyOrganization(models.Model):
    """A node of the party organization tree (Thành ủy → Đảng ủy → Chi bộ)."""

    _name = "party.organization"
    _description = "Party organization"
    _inherit = ["party.audited.thread"]
    _parent_name = "parent_id"
    _parent_store = True
    _parent_order = "code, name"
    _order = "parent_left"
    _rec_name = "complete_name"

    name = fields.Char(required=True, track_visibility="onchange")
    complete_name = fields.Char(
        string="Full name", compute="_compute_complete_name", store=True,
        index=True)
    code = fields.Char(index=True, track_visibility="onchange")
    level = fields.Selection(
        LEVELS, required=True, default="cell", index=True,
        track_visibility="onchange")
    parent_id = fields.Many2one(
        "party.organization", string="Parent organization", index=True,
        ondelete="restrict", track_visibility="onchange")
    child_ids = fields.One2many(
        "party.organization", "parent_id", string="Sub-organizations")
    parent_left = fields.Integer(index=True)
    parent_right = fields.Integer(index=True)
    active = fields.Boolean(default=True, track_visibility="onchange")
    date_start = fields.Date(string="Founded on", track_visibility="onchange")
    date_end = fields.Date(string="Dissolved on", track_visibility="onchange")
    position_ids = fields.One2many(
        "party.organization.position", "organization_id",
        string="Committee positions")
    member_ids = fields.One2many(
        "party.member", "organization_id", string="Members")
    event_ids = fields.Many2many(
        "party.organization.event", compute="_compute_event_ids",
        string="Reorganisations")
    # Member counts (active members: probationary, official, exempted).
    member_count = fields.Integer(
        compute="_compute_member_counts", string="Members (direct)")
    official_count = fields.Integer(
        compute="_compute_member_counts", string="Official members (direct)")
    probationary_count = fields.Integer(
        compute="_compute_member_counts", string="Probationary members (direct)")
    subtree_member_count = fields.Integer(
        compute="_compute_member_counts", string="Members (whole subtree)")
    subtree_official_count = fields.Integer(
        compute="_compute_member_counts", string="Official members (subtree)")
    subtree_probationary_count = fields.Integer(
        compute="_compute_member_counts",
        string="Probationary members (subtree)")
    warning = fields.Char(compute="_compute_member_counts")

    _sql_constraints = [
        ("code_uniq", "unique(code)", "The organization code must be unique."),
        ("dates_check", "CHECK(date_end IS NULL OR date_start IS NULL "
         "OR date_end >= date_start)",
         "An organization cannot be dissolved before it was founded."),
    ]

    @api.depends("name", "parent_id.complete_name")
    @api.model
    def _party_fresh_bounds(self):
        """Make the nested-set bounds (parent_left/right) right before a
        query reads them: while modules load (install, update, and the
        module tests run then), Odoo defers their computation."""
        if self.pool._init:
            self.env["party.organization"]._parent_store_compute()

    def _compute_complete_name(self):
        for organization in self:
            if organization.parent_id:
                organization.complete_name = "%s / %s" % (
                    organization.parent_id.complete_name, organization.name)
            else:
                organization.complete_name = organization.name

    def _compute_event_ids(self):
        Event = self.env["party.organization.event"]
        for organization in self:
            organization.event_ids = Event.search([
                "|", ("source_ids", "in", organization.ids),
                ("target_id", "=", organization.id)])

    @api.multi
    def _member_counts_by_state(self):
        """{org id: {"direct": {state: n}, "subtree": {state: n}}} in two
        queries for the whole recordset, whatever its size (counts are not
        personal data: they ignore record rules on members)."""
        result = {org_id: {"direct": defaultdict(int), "subtree": defaultdict(int)}
                  for org_id in self.ids}
        if not self.ids:
            return result
        self._party_fresh_bounds()
        cr = self.env.cr
        cr.execute("""
            SELECT organization_id, state, count(*) FROM party_member
             WHERE organization_id IN %s AND active
             GROUP BY organization_id, state""", (tuple(self.ids),))
        for org_id, state, count in cr.fetchall():
            result[org_id]["direct"][state] = count
        cr.execute("""
            SELECT o.id, m.state, count(*)
              FROM party_organization o
              JOIN party_organization c
                ON c.parent_left >= o.parent_left AND c.parent_left < o.parent_right
              JOIN party_member m ON m.organization_id = c.id AND m.active
             WHERE o.id IN %s
             GROUP BY o.id, m.state""", (tuple(self.ids),))
        for org_id, state, count in cr.fetchall():
            result[org_id]["subtree"][state] = count
        return result

    def _compute_member_counts(self):
        counts = self._member_counts_by_state()
        active_states = ("probationary", "official", "exempted")
        for organization in self:
            direct = counts.get(organization.id, {}).get("direct", {})
            subtree = counts.get(organization.id, {}).get("subtree", {})
            organization.member_count = sum(direct.get(s, 0) for s in active_states)
            organization.official_count = direct.get("official", 0)
            organization.probationary_count = direct.get("probationary", 0)
            organization.subtree_member_count = sum(
                subtree.get(s, 0) for s in active_states)
            organization.subtree_official_count = subtree.get("official", 0)
            organization.subtree_probationary_count = subtree.get("probationary", 0)
            official = direct.get("official", 0) + direct.get("exempted", 0)
            if (organization.level == "cell" and organization.active
                    and official < CELL_MIN_OFFICIAL):
                organization.warning = _(
                    "This cell has %(count)s official members: a party cell "
                    "needs at least %(min)s.") % {
                        "count": official, "min": CELL_MIN_OFFICIAL}
            else:
                organization.warning = False

    @api.constrains("parent_id")
    def _check_parent_id(self):
        if not self._check_recursion():
            raise ValidationError(
                _("An organization cannot be placed under itself or one of "
                  "its sub-organizations."))

    @api.model
    def name_search(self, name="", args=None, operator="ilike", limit=100):
        """An exact code finds its organization first (imports give the
        parent or the member's cell by code: "T-A-1")."""
        if name and operator in ("=", "ilike", "=ilike"):
            organizations = self.search(
                [("code", "=ilike", name)] + list(args or []), limit=limit)
            if organizations:
                return organizations.name_get()
        return super().name_search(
            name=name, args=args, operator=operator, limit=limit)

    @api.model
    def _user_organization_ids(self):
        """Organizations the current user is assigned to (rule helper)."""
        return self.env.user.party_organization_ids.ids


class PartyOrganizationPosition(models.Model):
    """A committee position held in an organization (Bí thư, Phó bí thư...)."""

    _name = "party.organization.position"
    _description = "Committee position"
    _order = "organization_id, role, date_start desc"

    organization_id = fields.Many2one(
        "party.organization", required=True, index=True, ondelete="cascade")
    member_id = fields.Many2one(
        "party.member", required=True, index=True, ondelete="restrict")
    role = fields.Selection([
        ("secretary", "Secretary"),
        ("deputy", "Deputy secretary"),
        ("standing", "Standing committee member"),
        ("member", "Committee member"),
    ], required=True, default="member")
    date_start = fields.Date(
        string="From", required=True, default=fields.Date.context_today)
    date_end = fields.Date(string="Until")
    current = fields.Boolean(compute="_compute_current", search="_search_current")

    _sql_constraints = [
        ("dates_check", "CHECK(date_end IS NULL OR date_end >= date_start)",
         "A position cannot end before it starts."),
    ]

    def _compute_current(self):
        today = fields.Date.context_today(self)
        for position in self:
            position.current = position.date_start <= today and (
                not position.date_end or position.date_end >= today)

    def _search_current(self, operator, value):
        today = fields.Date.context_today(self)
        domain = ["&", ("date_start", "<=", today),
                  "|", ("date_end", "=", False), ("date_end", ">=", today)]
        if (operator == "=") == bool(value):
            return domain
        return ["!"] + domain


class PartyOrganizationSecretaries(models.Model):
    _inherit = "party.organization"

    @api.multi
    def _current_secretary_users(self):
        """{organization id: res.users} of each organization's current
        secretary (the deputy when there is no secretary), in one search."""
        if not self.ids:
            return {}
        # one query (the scheduled reminders ask for thousands of cells): the
        # secretary before the deputy, then the positions' and users' order
        today = fields.Date.context_today(self)
        self.env.cr.execute("""
            SELECT DISTINCT ON (p.organization_id) p.organization_id, u.id
              FROM party_organization_position p
              JOIN party_member m ON m.id = p.member_id
              JOIN res_users u ON u.partner_id = m.partner_id AND u.active
              JOIN res_partner up ON up.id = u.partner_id
             WHERE p.organization_id IN %s AND p.role IN ('secretary', 'deputy')
               AND p.date_start <= %s
               AND (p.date_end IS NULL OR p.date_end >= %s)
             ORDER BY p.organization_id, p.role != 'secretary', p.role,
                      p.date_start DESC, p.id, up.name, u.login""",
                            (tuple(self.ids), today, today))
        Users = self.env["res.users"].sudo()
        return {org_id: Users.browse(user_id)
                for org_id, user_id in self.env.cr.fetchall()}
