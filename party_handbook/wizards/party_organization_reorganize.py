# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ..models.party_integrity import internal_write


class PartyOrganizationReorganize(models.TransientModel):
    """Merge organizations, move a subtree, or split a cell, keeping every
    member's history and recording what happened (the 2025 mergers)."""

    _name = "party.organization.reorganize"
    _description = "Reorganise party organizations"

    kind = fields.Selection([
        ("merge", "Merge organizations into one"),
        ("move", "Move an organization under another parent"),
        ("split", "Split a cell"),
    ], required=True, default="merge")
    date = fields.Date(required=True, default=fields.Date.context_today)
    source_ids = fields.Many2many(
        "party.organization", string="Organizations to merge")
    target_id = fields.Many2one(
        "party.organization", string="Merge into",
        help="The organization that receives members and sub-organizations.")
    organization_id = fields.Many2one(
        "party.organization", string="Organization",
        help="The organization to move, or the cell to split.")
    new_parent_id = fields.Many2one("party.organization", string="New parent")
    new_name = fields.Char(string="New cell name")
    new_code = fields.Char(string="New cell code")
    member_ids = fields.Many2many(
        "party.member", string="Members moving to the new cell")
    note = fields.Text(string="Reference (decision, reason)")

    @api.multi
    def action_apply(self):
        self.ensure_one()
        if not self.env.user.has_group("party_handbook.group_party_handbook_manager"):
            raise UserError(_("Only city officers reorganise the tree."))
        event = getattr(self, "_apply_%s" % self.kind)()
        return {
            "type": "ir.actions.act_window", "res_model": "party.organization",
            "res_id": event.target_id.id, "view_mode": "form",
        }

    def _record(self, **values):
        return self.env["party.organization.event"].create(dict({
            "kind": self.kind, "date": self.date, "note": self.note,
            "user_id": self.env.uid}, **values))

    def _apply_merge(self):
        sources = self.source_ids - self.target_id
        if not self.target_id or not sources:
            raise UserError(_("Choose the organizations to merge and the one to "
                              "merge them into."))
        if self.target_id in self.env["party.organization"].search(
                [("id", "child_of", sources.ids)]):
            raise UserError(_("An organization cannot be merged into one of its "
                              "own sub-organizations."))
        members = self.env["party.member"].search(
            [("organization_id", "in", sources.ids)])
        for member in members:
            member._add_history(
                "reorganisation", date=self.date,
                from_organization_id=member.organization_id.id,
                to_organization_id=self.target_id.id, reason=self.note)
        # the history rows above date the move: no second row per member
        with internal_write(members):
            members.write({"organization_id": self.target_id.id})
        sources.mapped("child_ids").filtered(
            lambda child: child not in sources).write(
                {"parent_id": self.target_id.id})
        sources.mapped("position_ids").filtered(
            lambda p: not p.date_end).write({"date_end": self.date})
        sources.write({"active": False, "date_end": self.date})
        return self._record(source_ids=[(6, 0, sources.ids)],
                            target_id=self.target_id.id,
                            member_count=len(members))

    def _apply_move(self):
        organization = self.organization_id
        if not organization or not self.new_parent_id:
            raise UserError(_("Choose the organization and its new parent."))
        previous = organization.parent_id
        organization.parent_id = self.new_parent_id
        members = self.env["party.member"].search(
            [("organization_id", "child_of", organization.id)])
        return self._record(source_ids=[(6, 0, organization.ids)],
                            target_id=organization.id,
                            previous_parent_id=previous.id,
                            member_count=len(members))

    def _apply_split(self):
        cell = self.organization_id
        if not cell or not self.new_name or not self.member_ids:
            raise UserError(_("Choose the cell, the new cell's name and the "
                              "members who move to it."))
        if self.member_ids.filtered(lambda m: m.organization_id != cell):
            raise UserError(_("Only members of the cell being split can move to "
                              "the new cell."))
        new_cell = cell.copy({
            "name": self.new_name, "code": self.new_code or False,
            "date_start": self.date, "date_end": False})
        for member in self.member_ids:
            member._add_history(
                "reorganisation", date=self.date, from_organization_id=cell.id,
                to_organization_id=new_cell.id, reason=self.note)
        with internal_write(self.member_ids):
            self.member_ids.write({"organization_id": new_cell.id})
        return self._record(source_ids=[(6, 0, cell.ids)], target_id=new_cell.id,
                            member_count=len(self.member_ids))
