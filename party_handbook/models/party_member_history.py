# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import re

from odoo import _, api, fields, models

from . import party_member


def paid_month_label(value):
    """A stored month (2026-01, or a date 2026-01-01) as Vietnamese pages
    write it: 01/2026; anything else as it is."""
    found = re.match(r"^(\d{4})-(\d{2})", value or "")
    return "%s/%s" % (found.group(2), found.group(1)) if found else value or ""


EVENTS = [
    ("admission", "Admission (probationary)"),
    ("registration", "Registration of an existing member"),
    ("official", "Became an official member"),
    ("exemption", "Exempted from activities"),
    ("exemption_end", "End of exemption"),
    ("transfer_in", "Transferred in"),
    ("transfer_out", "Transferred out"),
    ("transfer_internal", "Transferred to another organization"),
    ("temporary_out", "Temporarily attached elsewhere"),
    ("temporary_end", "End of temporary attachment"),
    ("reorganisation", "Reorganisation of the organizations"),
    ("left", "Left the party"),
    ("deceased", "Deceased"),
]


LEAVE_FORMS = [
    ("resigned", "Resigned (xin ra khỏi Đảng)"),
    ("struck_off", "Struck off (xóa tên)"),
    ("expelled", "Expelled (khai trừ)"),
]


class PartyMemberHistory(models.Model):
    """A dated change in a member's status or organization. Never edited."""

    _name = "party.member.history"
    _inherit = "party.member.record"
    _description = "Party member status history"
    _order = "date desc, id desc"
    # every value: rows are written by party.member._add_history only
    _protected_fields = (
        "member_id", "organization_id", "member_partner_id", "date", "event",
        "from_state", "to_state", "from_organization_id", "to_organization_id",
        "origin", "destination", "fee_paid_until", "leave_form", "decision",
        "reason", "user_id")

    date = fields.Date(required=True, index=True, readonly=True)
    event = fields.Selection(EVENTS, required=True, index=True, readonly=True)
    from_state = fields.Selection(party_member.STATES, readonly=True)
    to_state = fields.Selection(party_member.STATES, readonly=True)
    from_organization_id = fields.Many2one(
        "party.organization", readonly=True, ondelete="set null", index=True)
    to_organization_id = fields.Many2one(
        "party.organization", readonly=True, ondelete="set null", index=True)
    origin = fields.Char(readonly=True, help="Where a transferred member came from.")
    destination = fields.Char(readonly=True, help="Where the member was transferred.")
    fee_paid_until = fields.Char(
        string="Dues paid through (stored)", readonly=True,
        help="Month, as YYYY-MM.")
    fee_paid_until_label = fields.Char(
        string="Dues paid through", compute="_compute_fee_paid_until_label")
    leave_form = fields.Selection(LEAVE_FORMS, readonly=True)
    decision = fields.Char(readonly=True, help="Number of the decision, if any.")
    reason = fields.Text(readonly=True)
    user_id = fields.Many2one("res.users", string="Recorded by", readonly=True)

    @api.depends("fee_paid_until")
    def _compute_fee_paid_until_label(self):
        """The month as Vietnamese pages write it: 01/2026."""
        for row in self:
            row.fee_paid_until_label = paid_month_label(row.fee_paid_until)

    def _create_refusal(self):
        return _("The status history is written by the status actions of the "
                 "member's profile.")

    def _unlink_refusal(self):
        return _("The status history of a member is never deleted.")
