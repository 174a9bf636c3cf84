# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Scheduled notices about documents: the members' daily digest and the
reminders to cell secretaries. Each run handles a bounded batch and marks
what it did, so a rerun sends nothing twice."""
import logging
from datetime import timedelta

from odoo import _, api, fields, models

from .party_integrity import internal_write  # pylint: disable=missing-import-error

_logger = logging.getLogger(__name__)


class PartyDocumentNotice(models.AbstractModel):
    _name = "party.document.notice"
    _description = "Scheduled notices about party documents"

    @api.model
    def _cron_send_digest(self, limit=1000):
        """One email per member listing the documents received since the
        last digest, in the member's language; members who chose no email
        are skipped. Returns the number of emails queued."""
        self.env.cr.execute("""
            SELECT r.member_id, array_agg(r.id ORDER BY r.document_id)
              FROM party_document_receipt r
              JOIN party_document d ON d.id = r.document_id
             WHERE NOT r.notified AND r.state = 'received'
               AND d.state = 'published'
             GROUP BY r.member_id
             ORDER BY r.member_id
             LIMIT %s""", (limit,))
        batch = self.env.cr.fetchall()
        template = self.env.ref("party_handbook.mail_template_document_digest")
        Receipt = self.env["party.document.receipt"]
        sent = 0
        for member_id, receipt_ids in batch:
            receipts = Receipt.browse(receipt_ids)
            member = receipts[:1].member_id
            try:
                with self.env.cr.savepoint():
                    if member.notice_preference == "digest" and member.email:
                        template.with_context(
                            documents=receipts.mapped("document_id"),
                            lang=member.lang,
                        ).send_mail(member.id, force_send=False)
                        sent += 1
                    with internal_write(receipts):
                        receipts.write({"notified": True})
            except Exception:  # pylint: disable=broad-except
                _logger.exception("digest for member %s failed", member_id)
        _logger.info("document digest: %s emails for %s members", sent, len(batch))
        return sent

    @api.model
    def _cron_remind_unacknowledged(self, days=7, limit=200):
        """An activity on the document for each cell secretary whose cell
        still has members who did not acknowledge it ``days`` after it was
        published (once per document and cell)."""
        since = fields.Datetime.to_string(
            fields.Datetime.from_string(fields.Datetime.now()) - timedelta(days=days))
        self.env.cr.execute("""
            SELECT r.document_id, r.organization_id, count(*)
              FROM party_document_receipt r
              JOIN party_document d ON d.id = r.document_id
             WHERE r.state != 'acknowledged' AND d.state = 'published'
               AND d.published_on <= %s
             GROUP BY r.document_id, r.organization_id
             ORDER BY r.document_id, r.organization_id""", (since,))
        rows = self.env.cr.fetchall()
        activity_type = self.env.ref("party_handbook.mail_activity_unacknowledged")
        Activity = self.env["mail.activity"]
        model_id = self.env["ir.model"]._get("party.document").id
        existing = {(a.res_id, a.user_id.id) for a in Activity.search([
            ("res_model", "=", "party.document"),
            ("activity_type_id", "=", activity_type.id)])}
        organizations = self.env["party.organization"].browse(
            {row[1] for row in rows})
        secretaries = organizations._current_secretary_users()
        created = 0
        for document_id, organization_id, count in rows:
            user = secretaries.get(organization_id)
            if not user or (document_id, user.id) in existing or created >= limit:
                continue
            organization = organizations.browse(organization_id)
            Activity.create({
                "res_model_id": model_id, "res_id": document_id,
                "activity_type_id": activity_type.id, "user_id": user.id,
                "date_deadline": fields.Date.context_today(self),
                "summary": _("%(count)s members of %(cell)s have not acknowledged "
                             "this document yet.") % {
                                 "count": count, "cell": organization.name},
            })
            existing.add((document_id, user.id))
            created += 1
        return created
