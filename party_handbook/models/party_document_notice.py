# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Scheduled notices about documents: the members' daily digest and the
reminders to cell secretaries. Each run does the whole backlog in bounded
batches (``party_batch``) and marks what it did, so a rerun sends nothing
twice."""
import logging
from collections import OrderedDict
from datetime import timedelta

from odoo import _, api, fields, models

# pylint: disable=missing-import-error
from .party_lang import in_handbook_lang
from .party_batch import (
    BATCH_SIZE, SharedMail, create_activities, run_in_batches, slicer)

_logger = logging.getLogger(__name__)


class PartyDocumentNotice(models.AbstractModel):
    _name = "party.document.notice"
    _description = "Scheduled notices about party documents"

    @api.model
    def _cron_send_digest(self, batch_size=BATCH_SIZE, commit=True):
        """One email per member listing the documents received since the
        last digest, in the member's language; members who chose no email
        (or have no address) are skipped. The whole backlog in one run,
        oldest receipts first, in batches of about ``batch_size`` receipts.
        Returns the number of emails queued."""
        cr = self.env.cr
        mail = SharedMail(
            self.env.ref("party_handbook.mail_template_document_digest"),
            {"name": "name", "email": "email"})

        def fetch(after, limit):
            cr.execute("""
                SELECT r.id, r.member_id
                  FROM party_document_receipt r
                  JOIN party_document d ON d.id = r.document_id
                 WHERE NOT r.notified AND r.state = 'received'
                   AND d.state = 'published' AND r.id > %s
                 ORDER BY r.id
                 LIMIT %s""", (after or 0, limit))
            return cr.fetchall()

        def process(items):
            return self._send_digest_batch(
                list(OrderedDict.fromkeys(m for _r, m in items)), mail)

        return run_in_batches(self.env, "document digest", fetch, process,
                              key=lambda item: item[0], batch_size=batch_size,
                              commit=commit)

    @api.model
    def _send_digest_batch(self, member_ids, mail):
        """The digests of ``member_ids`` (all their pending receipts): one
        render per language, set of documents and cell (the email names the
        cell's secretary), the mails queued and the
        receipts marked set-wise."""
        cr = self.env.cr
        cr.execute("""
            SELECT r.member_id, array_agg(r.id ORDER BY r.document_id),
                   array_agg(r.document_id ORDER BY r.document_id),
                   p.name, p.email, p.lang, m.notice_preference,
                   m.organization_id
              FROM party_document_receipt r
              JOIN party_document d ON d.id = r.document_id
              JOIN party_member m ON m.id = r.member_id
              JOIN res_partner p ON p.id = m.partner_id
             WHERE r.member_id IN %s AND NOT r.notified
               AND r.state = 'received' AND d.state = 'published'
             GROUP BY r.member_id, p.name, p.email, p.lang,
                      m.notice_preference, m.organization_id
             ORDER BY min(r.id)""", (tuple(member_ids),))
        rows = cr.fetchall()
        Member = self.env["party.member"]
        Document = self.env["party.document"]
        groups = OrderedDict()
        receipt_ids = []
        for (member_id, receipts, documents, name, email, lang, preference,
             cell_id) in rows:
            receipt_ids.extend(receipts)
            if preference == "digest" and email:
                # a member's record name (name_get) is its name
                recipient = {"name": name, "email": email, "record_name": name}
                # the cell too: the email names its secretary
                groups.setdefault((lang or False, tuple(documents), cell_id),
                                  []).append((Member.browse(member_id), recipient))
        queued = []
        Organization = self.env["party.organization"]
        for (lang, documents, cell_id), members in groups.items():
            queued.extend(mail.render_group(
                members, lang, {"documents": Document.browse(documents)},
                preset={"organization_id": Organization.browse(cell_id)}))
        sent = mail.queue(queued)
        if receipt_ids:
            cr.execute("""
                UPDATE party_document_receipt
                   SET notified = TRUE, write_uid = %s,
                       write_date = now() at time zone 'UTC'
                 WHERE id IN %s""", (self.env.uid, tuple(receipt_ids)))
        return sent

    @api.model
    def _cron_remind_unacknowledged(self, days=7, batch_size=BATCH_SIZE,
                                    commit=True):
        """An activity on the document for each cell secretary whose cell
        still has members who did not acknowledge it ``days`` after it was
        published (once per document and secretary). The whole backlog in
        one run, oldest documents first, the activities created set-wise."""
        since = fields.Datetime.to_string(
            fields.Datetime.from_string(fields.Datetime.now()) - timedelta(days=days))
        activity_type = self.env.ref("party_handbook.mail_activity_unacknowledged")
        # one aggregate: the (document, cell) pairs still to acknowledge,
        # without those whose secretary has the activity already
        self.env.cr.execute("""
            SELECT r.document_id, r.organization_id, count(*)
              FROM party_document_receipt r
              JOIN party_document d ON d.id = r.document_id
             WHERE r.state != 'acknowledged' AND d.state = 'published'
               AND d.published_on <= %s
             GROUP BY r.document_id, r.organization_id
             ORDER BY r.document_id, r.organization_id""", (since,))
        rows = self.env.cr.fetchall()
        if not rows:
            return 0
        self.env.cr.execute("""
            SELECT DISTINCT res_id, user_id FROM mail_activity
             WHERE res_model = 'party.document' AND activity_type_id = %s
               AND res_id IN %s""", (activity_type.id,
                                     tuple({row[0] for row in rows})))
        existing = set(self.env.cr.fetchall())
        organizations = self.env["party.organization"].browse(
            sorted({row[1] for row in rows}))
        secretaries = {org_id: user.id for org_id, user in
                       organizations._current_secretary_users().items()}
        self.env.cr.execute("SELECT id, name FROM party_organization WHERE id IN %s",
                            (tuple(organizations.ids),))
        names = dict(self.env.cr.fetchall())
        todo = []
        for document_id, organization_id, count in rows:
            user_id = secretaries.get(organization_id)
            if user_id and (document_id, user_id) not in existing:
                existing.add((document_id, user_id))
                todo.append((document_id, organization_id, count, user_id))
        today = fields.Date.context_today(self)
        # the secretaries read it: in the handbook's language, whoever runs
        # the job (``_`` finds the language on ``self``)
        self = in_handbook_lang(self)  # pylint: disable=self-cls-assignment
        # translated once (``_`` looks the language up at each call)
        summary = _("%(count)s members of %(cell)s have not acknowledged "
                    "this document yet.")

        def process(items):
            return create_activities(self.env, "party.document", [{
                "res_id": document_id, "activity_type_id": activity_type.id,
                "user_id": user_id, "date_deadline": today,
                "summary": summary % {
                    "count": count, "cell": names[organization_id]},
            } for document_id, organization_id, count, user_id in items])

        return run_in_batches(
            self.env, "unacknowledged documents", slicer(todo), process,
            key=lambda item: (item[0], item[1]), batch_size=batch_size,
            commit=commit)
