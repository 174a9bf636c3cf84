# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Party fee payments (issue #16 §1): cash the cell collects and payments
imported from the National Public Service Portal.

A payment is money received for one member, for one month or a run of
months. Who recorded it is set by the server; the member must lie in the
recorder's subtree (record rules, and a clear message first); a payment is
never edited nor deleted: a mistake is cancelled with its reason (through
``action_cancel``, inside ``internal_write``: a caller's context changes
nothing) and recorded again. After each change the member's dues are
settled (``party.fee.due._party_fee_settle``, one statement).

Months before February 2026 (Quy định 01-QĐ/TW in force 1/2/2026) were paid
under the old rules and are in the old books: only a committee officer
records them here (arrears carried over)."""
from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

# pylint: disable=missing-import-error
from .party_integrity import checked_values, internal_write, is_internal

FIRST_MONTH = "2026-02-01"
OFFICER = "party_handbook.group_party_handbook_officer"
MANAGER = "party_handbook.group_party_handbook_manager"
# what may still be written on a payment once recorded
WRITABLE = ("note",)


def month_start(value):
    """The first day of the month of a date (string or date), as a string."""
    if not value:
        return value
    day = fields.Date.from_string(value) if isinstance(value, str) else value
    return fields.Date.to_string(day.replace(day=1))


def month_label(value):
    """"MM/YYYY" of a date string (the way members write a month)."""
    if not value:
        return ""
    day = fields.Date.from_string(value)
    return "%02d/%d" % (day.month, day.year)


def months_between(month_from, month_to):
    start, end = fields.Date.from_string(month_from), \
        fields.Date.from_string(month_to)
    return (end.year - start.year) * 12 + end.month - start.month + 1


class PartyFeePayment(models.Model):
    _inherit = "party.fee.payment"

    _protected_fields = ("organization_id", "member_partner_id", "state",
                         "recorded_by_id", "cancel_reason", "cancelled_by_id",
                         "cancelled_on", "import_id")

    cancel_reason = fields.Char(readonly=True, track_visibility="onchange")
    cancelled_by_id = fields.Many2one("res.users", readonly=True,
                                      track_visibility="onchange")
    cancelled_on = fields.Date(readonly=True, track_visibility="onchange")
    import_id = fields.Many2one(
        "party.fee.import", string="Imported from", readonly=True,
        index=True, ondelete="restrict")
    months = fields.Char(compute="_compute_months")

    @api.depends("month_from", "month_to")
    def _compute_months(self):
        for payment in self:
            first, last = month_label(payment.month_from), \
                month_label(payment.month_to)
            payment.months = first if first == last else "%s–%s" % (
                first, last)

    @api.model_cr
    def init(self):
        # a transaction of the portal is imported once
        self.env.cr.execute("""
            CREATE UNIQUE INDEX IF NOT EXISTS party_fee_payment_dvc_reference
                ON party_fee_payment (reference)
             WHERE channel = 'dvc' AND state = 'posted'""")

    def _unlink_refusal(self):
        return _("A party fee payment is never deleted: cancel it with the "
                 "reason, then record the right payment.")

    @api.onchange("member_id")
    def _onchange_member_fee(self):
        # Odoo 11 checks no access on onchange: only someone who records
        # this member's payments learns what the member owes
        if self.member_id and self.check_access_rights(
                "create", raise_exception=False):
            try:
                self._party_fee_check_member(self.env["party.member"].sudo(
                ).browse(self.member_id.id))
            except AccessError:
                return
            oldest = self.env["party.fee.due"]._party_fee_oldest_unpaid(
                self.member_id.ids).get(self.member_id.id)
            if oldest:
                self.month_from = self.month_to = oldest["month"]
                self.amount = oldest["remaining"]

    @api.model
    def default_get(self, fields_list):
        defaults = super().default_get(fields_list)
        if "date" in fields_list and not defaults.get("date"):
            defaults["date"] = fields.Date.context_today(self)
        return defaults

    @api.model
    def _party_fee_check_member(self, member):
        """The member lies in the recorder's subtree (or the user serves the
        city)."""
        user = self.env.user
        if self.env.uid == 1 or user.has_group(MANAGER):
            return
        allowed = self.env["party.organization"].sudo().search(
            [("id", "child_of", user.party_organization_ids.ids)]).ids
        if member.organization_id.id not in allowed:
            raise AccessError(_(
                "You can record party fees only for members of the "
                "organizations you serve."))

    @api.model
    def _party_fee_validate(self, vals):
        """Checks the values of a new payment; returns them normalised."""
        vals = dict(vals)
        amount = vals.get("amount") or 0
        if not isinstance(amount, int) or amount <= 0:
            raise ValidationError(_("The amount paid must be a whole number "
                                    "of đồng greater than zero."))
        if not vals.get("month_from"):
            raise ValidationError(_("Please give the month the payment is "
                                    "for."))
        vals["month_from"] = month_start(vals["month_from"])
        vals["month_to"] = month_start(vals.get("month_to")
                                       or vals["month_from"])
        if vals["month_to"] < vals["month_from"]:
            raise ValidationError(_("The last month paid cannot come before "
                                    "the first one."))
        if months_between(vals["month_from"], vals["month_to"]) > 60:
            raise ValidationError(_("A payment covers at most 60 months."))
        if not vals.get("date"):
            vals["date"] = fields.Date.context_today(self)
        if vals["date"] > fields.Date.context_today(self):
            raise ValidationError(_("A payment cannot be dated in the "
                                    "future."))
        if vals["month_from"] < FIRST_MONTH and self.env.uid != 1 and \
                not self.env.user.has_group(OFFICER):
            raise ValidationError(_(
                "Months before February 2026 were paid under the former "
                "rules: ask your committee officer to record them."))
        reference = (vals.get("reference") or "").strip()
        vals["reference"] = reference or False
        member = self.env["party.member"].sudo().browse(vals.get("member_id"))
        if not member.exists():
            raise ValidationError(_("Please choose the member who paid."))
        self._party_fee_check_member(member)
        if reference and vals.get("channel") == "dvc" and self.sudo().search(
                [("channel", "=", "dvc"), ("reference", "=", reference),
                 ("state", "=", "posted")], limit=1):
            raise ValidationError(_(
                "The portal transaction %s is already recorded.") % reference)
        return vals

    @api.model
    def create(self, vals):
        self._check_integrity_create(vals)
        vals = self._party_fee_validate(vals)
        vals["recorded_by_id"] = self.env.uid
        vals["state"] = "posted"
        if not is_internal(self):
            vals.pop("import_id", None)
        with checked_values(vals):
            payment = super().create(vals)
        # an import settles all its members at once, at the end
        if not is_internal(self):
            self.env["party.fee.due"]._party_fee_settle(payment.member_id.ids)
        return payment

    @api.multi
    def write(self, vals):
        refused = set(vals) - set(WRITABLE)
        if refused and not is_internal(self):
            raise UserError(_(
                "A recorded payment is not changed: cancel it with the "
                "reason and record the right payment."))
        return super().write(vals)

    @api.multi
    def action_cancel(self, reason):
        """Cancel recorded payments with the reason, then settle the
        members' dues again."""
        reason = (reason or "").strip()
        if not reason:
            raise UserError(_("Please give the reason for the "
                              "cancellation."))
        self.check_access_rights("write")
        self.check_access_rule("write")
        for payment in self:
            if payment.state != "posted":
                raise UserError(_("This payment is already cancelled."))
            self._party_fee_check_member(payment.member_id)
        with internal_write(self):
            self.write({"state": "cancelled", "cancel_reason": reason,
                        "cancelled_by_id": self.env.uid,
                        "cancelled_on": fields.Date.context_today(self)})
        self.env["party.fee.due"]._party_fee_settle(self.mapped(
            "member_id").ids)
        return True


class PartyFeeDue(models.Model):
    _inherit = "party.fee.due"

    month_label = fields.Char(compute="_compute_month_label", string="Month")
    amount_remaining = fields.Integer(
        compute="_compute_month_label", string="Remaining (VND)")

    @api.depends("month", "amount", "amount_paid")
    def _compute_month_label(self):
        for due in self:
            due.month_label = month_label(due.month)
            due.amount_remaining = max((due.amount or 0)
                                       - (due.amount_paid or 0), 0)

    @api.model
    def _party_fee_oldest_unpaid(self, member_ids):
        """{member id: {"month", "remaining", "count", "total"}}: each
        member's oldest unpaid month, what remains of it, and the number and
        total of unpaid months, in one query."""
        if not member_ids:
            return {}
        self.env.cr.execute("""
            SELECT member_id,
                   (array_agg(month ORDER BY month))[1],
                   (array_agg(amount - COALESCE(amount_paid, 0)
                              ORDER BY month))[1],
                   count(*), sum(amount - COALESCE(amount_paid, 0))
              FROM party_fee_due
             WHERE member_id IN %s AND state IN ('due', 'partial')
             GROUP BY member_id""", (tuple(member_ids),))
        # Odoo 11's cursor reads dates as strings
        return {row[0]: {"month": str(row[1])[:10],
                         "remaining": int(row[2]), "count": row[3],
                         "total": int(row[4])}
                for row in self.env.cr.fetchall()}
