# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class PartyOrganizationEvent(models.Model):
    """What a reorganisation did, and when (merges, moves, splits)."""

    _name = "party.organization.event"
    _description = "Reorganisation of party organizations"
    _order = "date desc, id desc"

    kind = fields.Selection([
        ("merge", "Merge"), ("move", "Move under another parent"),
        ("split", "Split"),
    ], required=True, readonly=True)
    date = fields.Date(required=True, readonly=True)
    source_ids = fields.Many2many(
        "party.organization", "party_organization_event_source_rel", "event_id",
        "organization_id", string="Organizations reorganised", readonly=True)
    target_id = fields.Many2one(
        "party.organization", string="Resulting organization", readonly=True,
        index=True, ondelete="restrict")
    previous_parent_id = fields.Many2one(
        "party.organization", readonly=True, ondelete="set null")
    member_count = fields.Integer(string="Members moved", readonly=True)
    note = fields.Text(readonly=True)
    user_id = fields.Many2one("res.users", string="Done by", readonly=True)
