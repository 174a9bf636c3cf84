# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Quick entry of cash party fees for a whole cell, on a phone at the
meeting: the cell's members with their oldest unpaid month and what
remains of it; the secretary ticks who paid (and may change the months or
the amount: a member may pay more), then records all in one tap. Each
payment goes through ``party.fee.payment.create`` (checks, recorder,
subtree) and the dues are settled once for the cell."""
from odoo import _, api, fields, models
from odoo.exceptions import UserError

# pylint: disable=missing-import-error
from ..models.party_fee_payment import month_label, month_start
from ..models.party_member import ACTIVE_STATES


class PartyFeeCashSheet(models.TransientModel):
    _name = "party.fee.cash.sheet"
    _description = "Cash party fees collected at a cell meeting"

    organization_id = fields.Many2one(
        "party.organization", string="Cell", required=True,
        domain=[("level", "=", "cell")])
    date = fields.Date(string="Collected on", required=True,
                       default=fields.Date.context_today)
    line_ids = fields.One2many("party.fee.cash.sheet.line", "sheet_id",
                               string="Members")
    count_paid = fields.Integer(compute="_compute_totals",
                                string="Members paying")
    total_paid = fields.Integer(compute="_compute_totals",
                                string="Total collected (VND)")

    @api.depends("line_ids.pay", "line_ids.amount")
    def _compute_totals(self):
        for sheet in self:
            paying = sheet.line_ids.filtered("pay")
            sheet.count_paid = len(paying)
            sheet.total_paid = sum(paying.mapped("amount"))

    @api.model
    def default_get(self, fields_list):
        defaults = super().default_get(fields_list)
        if "organization_id" in fields_list and not defaults.get(
                "organization_id"):
            cells = self.env["party.organization"].search(
                [("id", "child_of", self.env.user.party_organization_ids.ids),
                 ("level", "=", "cell")], limit=2)
            if len(cells) == 1:
                defaults["organization_id"] = cells.id
        if defaults.get("organization_id") and "line_ids" in fields_list:
            defaults["line_ids"] = self._lines_for(
                self.env["party.organization"].browse(
                    defaults["organization_id"]))
        return defaults

    @api.onchange("organization_id")
    def _onchange_organization(self):
        self.line_ids = self._lines_for(self.organization_id)

    @api.model
    def _lines_for(self, organization):
        """The cell's active members, by name, with their oldest unpaid
        month (two queries for the whole cell)."""
        if not organization or not self.env["party.fee.payment"].\
                check_access_rights("create", raise_exception=False):
            return [(5, 0, 0)]
        # as the user: their record rules decide whom they see
        members = self.env["party.member"].search(
            [("organization_id", "=", organization.id),
             ("state", "in", ACTIVE_STATES)], order="name")
        # only members whose payments the user records (a supervisor reads
        # members, not their fees)
        allowed = self.env["party.organization"].sudo().search(
            [("id", "child_of", self.env.user.party_organization_ids.ids)]).ids
        if not self.env.user.has_group(
                "party_handbook.group_party_handbook_manager"):
            members = members.filtered(
                lambda member: member.organization_id.id in allowed)
        unpaid = self.env["party.fee.due"]._party_fee_oldest_unpaid(
            members.ids)
        this_month = month_start(fields.Date.context_today(self))
        # members exempt this month who owe nothing are not on the sheet
        exempt = set()
        if members:
            self.env.cr.execute("""
                SELECT member_id FROM party_fee_due
                 WHERE member_id IN %s AND month = %s AND amount = 0""",
                                (tuple(members.ids), this_month))
            exempt = {row[0] for row in self.env.cr.fetchall()}
        lines = [(5, 0, 0)]
        for member in members:
            oldest = unpaid.get(member.id)
            if not oldest and member.id in exempt:
                continue
            lines.append((0, 0, {
                "member_id": member.id,
                "month_from": oldest and oldest["month"] or this_month,
                "month_to": oldest and oldest["month"] or this_month,
                "amount": oldest and oldest["remaining"] or 0,
                "unpaid_count": oldest and oldest["count"] or 0,
                "unpaid_total": oldest and oldest["total"] or 0,
            }))
        return lines

    @api.multi
    def action_record(self):
        self.ensure_one()
        paying = self.line_ids.filtered("pay")
        if not paying:
            raise UserError(_("Tick the members who paid."))
        Payment = self.env["party.fee.payment"]
        payments = Payment
        for line in paying:
            payments |= Payment.create({
                "member_id": line.member_id.id, "date": self.date,
                "month_from": line.month_from,
                "month_to": line.month_to or line.month_from,
                "amount": line.amount, "channel": "cash",
                "reference": line.receipt or False})
        return {
            "type": "ir.actions.act_window", "res_model": "party.fee.payment",
            "name": _("Payments recorded"), "view_mode": "tree,form",
            "domain": [("id", "in", payments.ids)],
        }


class PartyFeeCashSheetLine(models.TransientModel):
    _name = "party.fee.cash.sheet.line"
    _description = "Member on a cash party fee sheet"
    _order = "sheet_id, id"

    sheet_id = fields.Many2one("party.fee.cash.sheet", required=True,
                               ondelete="cascade")
    member_id = fields.Many2one("party.member", required=True,
                                readonly=True)
    pay = fields.Boolean(string="Paid")
    month_from = fields.Date(string="From month", required=True)
    month_to = fields.Date(string="Through month", required=True)
    months = fields.Char(compute="_compute_months")
    amount = fields.Integer(string="Amount (VND)")
    receipt = fields.Char(string="Receipt no.")
    unpaid_count = fields.Integer(string="Unpaid months", readonly=True)
    unpaid_total = fields.Integer(string="Owed (VND)", readonly=True)

    @api.depends("month_from", "month_to")
    def _compute_months(self):
        for line in self:
            first, last = month_label(line.month_from), \
                month_label(line.month_to)
            line.months = first if first == last else "%s–%s" % (first, last)


class PartyFeePaymentCancel(models.TransientModel):
    _name = "party.fee.payment.cancel"
    _description = "Cancellation of a party fee payment"

    reason = fields.Char(required=True)

    @api.multi
    def action_cancel(self):
        self.ensure_one()
        payments = self.env["party.fee.payment"].browse(
            self.env.context.get("active_ids") or [])
        payments.action_cancel(self.reason)
        return {"type": "ir.actions.act_window_close"}
