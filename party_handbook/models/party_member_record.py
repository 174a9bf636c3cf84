# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class PartyMemberRecord(models.AbstractModel):
    """Something recorded about one member (history, work, reward...).

    ``organization_id`` is the member's current organization and
    ``member_partner_id`` the member's contact, stored and indexed on the
    record itself, so that record rules filter on one local column (no
    multi-hop path) and the record follows the member on a transfer.
    """

    _name = "party.member.record"
    _description = "Record about a party member"

    member_id = fields.Many2one(
        "party.member", required=True, index=True, ondelete="cascade")
    organization_id = fields.Many2one(
        related="member_id.organization_id", store=True, index=True,
        readonly=True, related_sudo=False, string="Member's organization")
    member_partner_id = fields.Many2one(
        related="member_id.partner_id", store=True, index=True, readonly=True,
        related_sudo=False, string="Member's contact")
