# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, fields, models


class PartyDocumentReceipt(models.Model):
    """One member's copy of a published document: received, read,
    acknowledged. Created set-wise when the document is published."""

    _name = "party.document.receipt"
    _inherit = "party.member.record"
    _description = "Document receipt"
    _order = "document_id desc, organization_id, id"
    # created by publishing (one INSERT … SELECT), moved by reading and
    # acknowledging, marked by the digest: never written by a caller
    _protected_fields = (
        "organization_id", "member_partner_id", "member_id", "document_id",
        "state", "read_on", "acknowledged_on", "notified")

    document_id = fields.Many2one(
        "party.document", required=True, index=True, ondelete="cascade",
        readonly=True)
    state = fields.Selection([
        ("received", "Not read yet"), ("read", "Read"),
        ("acknowledged", "Acknowledged"),
    ], string="Status", default="received", required=True, index=True,
        readonly=True)
    read_on = fields.Datetime(readonly=True)
    acknowledged_on = fields.Datetime(readonly=True)
    notified = fields.Boolean(
        readonly=True, index=True,
        help="Included in a daily digest sent to the member.")
    document_type = fields.Selection(related="document_id.document_type",
                                     readonly=True)
    document_date = fields.Date(related="document_id.date", readonly=True)

    _sql_constraints = [
        ("document_member_uniq", "unique(document_id, member_id)",
         "A member receives a document once."),
    ]

    def _create_refusal(self):
        return _("Documents reach their members when they are published.")

    def _unlink_refusal(self):
        return _("The receipts of a published document are kept.")
