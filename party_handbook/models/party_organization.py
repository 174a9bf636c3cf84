# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
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


class PartyOrganization(models.Model):
    """A node of the party organization tree (Thành ủy → Đảng ủy → Chi bộ)."""

    _name = "party.organization"
    _description = "Party organization"
    _parent_name = "parent_id"
    _parent_store = True
    _parent_order = "code, name"
    _order = "parent_left"
    _rec_name = "complete_name"

    name = fields.Char(required=True, translate=False)
    complete_name = fields.Char(
        string="Full name", compute="_compute_complete_name", store=True,
        index=True)
    code = fields.Char(index=True)
    level = fields.Selection(LEVELS, required=True, default="cell", index=True)
    parent_id = fields.Many2one(
        "party.organization", string="Parent organization", index=True,
        ondelete="restrict")
    child_ids = fields.One2many(
        "party.organization", "parent_id", string="Sub-organizations")
    parent_left = fields.Integer(index=True)
    parent_right = fields.Integer(index=True)
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("code_uniq", "unique(code)", "The organization code must be unique."),
    ]

    @api.depends("name", "parent_id.complete_name")
    def _compute_complete_name(self):
        for organization in self:
            if organization.parent_id:
                organization.complete_name = "%s / %s" % (
                    organization.parent_id.complete_name, organization.name)
            else:
                organization.complete_name = organization.name

    @api.constrains("parent_id")
    def _check_parent_id(self):
        if not self._check_recursion():
            raise ValidationError(
                _("An organization cannot be placed under itself or one of "
                  "its sub-organizations."))
