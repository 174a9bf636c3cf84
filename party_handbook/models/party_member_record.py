# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import SUPERUSER_ID, api, fields, models

# pylint: disable=missing-import-error
from .party_integrity import checked_values, is_internal


class PartyMemberRecord(models.AbstractModel):
    """Something recorded about one member (history, work, reward...).

    ``organization_id`` (the member's current organization) and
    ``member_partner_id`` (the member's contact) are stored and indexed on the
    record itself, so that record rules filter on one local column (no
    multi-hop path). They are plain columns kept by the code, not related
    fields: a rule cannot wait for a related field to be computed, and a
    member's transfer moves all their records with one UPDATE per table.
    """

    _name = "party.member.record"
    _inherit = "party.integrity.mixin"
    _description = "Record about a party member"
    _party_member_record = True
    # rule columns: set from the member, moved with the member (one UPDATE)
    _protected_fields = ("organization_id", "member_partner_id")

    member_id = fields.Many2one(
        "party.member", required=True, index=True, ondelete="cascade")
    organization_id = fields.Many2one(
        "party.organization", string="Member's organization", index=True,
        readonly=True, ondelete="set null")
    member_partner_id = fields.Many2one(
        "res.partner", string="Member's contact", index=True, readonly=True,
        ondelete="set null")

    def _member_values(self, vals):
        if vals.get("member_id"):
            member = self.env["party.member"].sudo().browse(vals["member_id"])
            vals = dict(vals, organization_id=member.organization_id.id,
                        member_partner_id=member.partner_id.id)
        return vals

    @api.model
    def create(self, vals):
        self._check_integrity_create(vals)
        vals = self._member_values(vals)
        with checked_values(vals):
            return super().create(vals)

    @api.multi
    def write(self, vals):
        self._check_integrity_write(vals)
        vals = self._member_values(vals)
        with checked_values(vals):
            result = super().write(vals)
        if vals.get("member_id") and self.env.uid != SUPERUSER_ID and \
                not is_internal(self):
            # Odoo 11 checks the rules before a write only: a record given to
            # another member is still one the caller may write (not moved
            # out of their organization)
            self.check_access_rule("write")
        return result
