# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Acknowledging a document on a member's behalf (issue #12).

The cell secretary acknowledges, for members without a phone who consented
(``party.member._check_assistance_consent``), that they received and read a
document (read to them, or handed on paper at the meeting). The receipt
says so: ``assisted`` and ``assisted_by``, with ``acknowledged_on``."""
from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

# pylint: disable=missing-import-error
from .party_document_receipt import PartyDocumentReceipt
from .party_integrity import internal_write

# how the lists mark an entry the member disputes
DISPUTE_STATES = [("open", "Disputed"), ("resolved", "Dispute resolved")]


class PartyDocumentReceiptAssisted(models.Model):
    _inherit = "party.document.receipt"
    _protected_fields = PartyDocumentReceipt._protected_fields + (
        "assisted", "assisted_by")

    assisted = fields.Boolean(
        string="Acknowledged on the member's behalf", readonly=True,
        help="The cell secretary acknowledged the document for the member, "
             "with the member's consent.")
    assisted_by = fields.Many2one(
        "res.users", string="Acknowledged by", readonly=True,
        ondelete="restrict")

    assisted_dispute_state = fields.Selection(
        DISPUTE_STATES, string="Dispute", compute="_compute_dispute_state",
        help="The member disputes this acknowledgement made on their behalf.")

    def _compute_dispute_state(self):
        states = self.env["party.assisted.dispute"]._entry_dispute_states(
            self)
        for receipt in self:
            receipt.assisted_dispute_state = states.get(receipt.id, False)

    @api.multi
    def action_acknowledge_on_behalf(self):
        """The secretary acknowledges these receipts for their members. Every
        member must have consented; receipts already acknowledged are left
        as they are; the secretary's own receipt is acknowledged as their
        own."""
        if not self.env.user.has_group(
                "party_handbook.group_party_handbook_cell_secretary"):
            raise AccessError(_("Only the cell secretary records entries on a "
                                "member's behalf."))
        self.check_access_rights("read")
        self.check_access_rule("read")
        receipts = self.sudo()
        if receipts.filtered(lambda r: r.document_id.state == "draft"):
            raise UserError(_("This document is not published."))
        own_partner = self.env.user.partner_id
        todo = receipts.filtered(lambda r: r.state != "acknowledged")
        own = todo.filtered(lambda r: r.member_partner_id == own_partner)
        others = todo - own
        if others:
            # the secretary of the members' cell (or an officer above)
            others.mapped("member_id").sudo(
                self.env.uid)._check_assistance_recorder()
            missing = others.mapped("member_id").filtered(
                lambda m: not m.assistance_consent_date)
            if missing:
                raise UserError(_(
                    "These members have not agreed to have entries made on "
                    "their behalf: %s. Record their consent first (member "
                    "form, \"Consent to assisted entries\").") % ", ".join(
                        missing.mapped("name")))
        now = fields.Datetime.now()
        for receipt in own:
            receipt.document_id.sudo(self.env.uid).action_acknowledge()
        for receipt in others:
            with internal_write(receipt):
                receipt.write({
                    "state": "acknowledged", "acknowledged_on": now,
                    "read_on": receipt.read_on or now,
                    "assisted": True, "assisted_by": self.env.uid})
        return True
