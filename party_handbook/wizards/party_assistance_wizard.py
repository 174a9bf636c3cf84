# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Back-office dialogs of assisted participation (issue #12): recording a
member's consent, resolving a member's dispute."""
from odoo import _, api, fields, models

CONSENT_WAYS = [
    ("form", "Signed paper form kept by the cell"),
    ("meeting", "Stated in person at a cell meeting"),
    ("visit", "Stated in person to the cell secretary"),
]


class PartyAssistanceConsentWizard(models.TransientModel):
    _name = "party.assistance.consent.wizard"
    _description = "Record a member's consent to assisted entries"

    member_id = fields.Many2one("party.member", required=True, readonly=True)
    way = fields.Selection(CONSENT_WAYS, string="How it was given",
                           required=True, default="form")
    detail = fields.Char(help="For example: the number of the form, or the "
                              "meeting where the member said so.")
    date = fields.Date(string="Given on", required=True,
                       default=fields.Date.context_today)
    scan = fields.Binary(string="Scan of the signed form", attachment=True)
    scan_name = fields.Char()

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        if self.env.context.get("active_model") == "party.member" and \
                "member_id" in fields_list:
            values.setdefault("member_id", self.env.context.get("active_id"))
        return values

    @api.multi
    def action_record(self):
        self.ensure_one()
        note = dict(self._fields["way"]._description_selection(self.env))[
            self.way]
        if self.detail and self.detail.strip():
            note = "%s: %s" % (note, self.detail.strip())
        attachments = self.env["ir.attachment"]
        if self.scan:
            # the secretary attaches it to the member as themself: Odoo checks
            # that they may write the member
            attachments = attachments.create({
                "name": self.scan_name or _("Consent form"),
                "datas_fname": self.scan_name or "consent",
                "datas": self.scan,
                "res_model": "party.member", "res_id": self.member_id.id})
        self.member_id.action_record_assistance_consent(
            note=note[:200], date=self.date, attachment_ids=attachments.ids)
        return {"type": "ir.actions.act_window_close"}


class PartyAssistedDisputeResolve(models.TransientModel):
    _name = "party.assisted.dispute.resolve"
    _description = "Resolve a disputed assisted entry"

    dispute_id = fields.Many2one("party.assisted.dispute", required=True,
                                 readonly=True)
    note = fields.Text(string="Resolution note", required=True)

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        if self.env.context.get("active_model") == \
                "party.assisted.dispute" and "dispute_id" in fields_list:
            values.setdefault("dispute_id", self.env.context.get("active_id"))
        return values

    @api.multi
    def action_resolve(self):
        self.ensure_one()
        self.dispute_id.action_resolve(self.note)
        return {"type": "ir.actions.act_window_close"}


class PartyReceiptAssistWizard(models.TransientModel):
    """Acknowledge on behalf, from the receipts' Action menu: offered to cell
    secretaries only (a window action carries groups, Odoo 11's server
    actions do not); the receipts' action checks everything again."""
    _name = "party.document.receipt.assist.wizard"
    _description = "Acknowledge documents on members' behalf"

    receipt_ids = fields.Many2many(
        "party.document.receipt", string="Receipts", readonly=True)

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        context = self.env.context
        if context.get("active_model") == "party.document.receipt" and \
                "receipt_ids" in fields_list:
            ids = [i for i in context.get("active_ids") or []
                   if isinstance(i, int)]
            values["receipt_ids"] = [(6, 0, ids)]
        return values

    @api.multi
    def action_acknowledge(self):
        self.ensure_one()
        self.receipt_ids.action_acknowledge_on_behalf()
        return {"type": "ir.actions.act_window_close"}
