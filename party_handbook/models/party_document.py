# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import logging
import os
import time

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from .party_integrity import internal_write  # pylint: disable=missing-import-error

_logger = logging.getLogger(__name__)

DOCUMENT_TYPES = [
    ("resolution", "Resolution"),
    ("directive", "Directive"),
    ("notice", "Notice"),
    ("plan", "Plan"),
    ("report_request", "Report request"),
    ("report", "Report"),
]
# Vietnamese abbreviations used in document numbers (12-NQ/ĐU).
TYPE_CODES = {
    "resolution": "NQ", "directive": "CT", "notice": "TB", "plan": "KH",
    "report_request": "CV", "report": "BC",
}
# Members who receive documents: those taking part in the party's life.
RECEIVING_STATES = ("probationary", "official", "exempted")
MAX_ATTACHMENT_SIZE = 20 * 1024 * 1024
DANGEROUS_EXTENSIONS = {
    ".exe", ".bat", ".cmd", ".com", ".js", ".vbs", ".msi", ".scr", ".ps1",
    ".sh", ".jar", ".html", ".htm", ".svg", ".php", ".py",
}


class PartyDocument(models.Model):
    """A document sent down the tree: resolution, directive, notice, plan,
    report request (or a report sent up)."""

    _name = "party.document"
    _description = "Party document"
    _inherit = ["party.integrity.mixin", "party.audited.thread",
                "mail.activity.mixin"]
    # moved by publishing, archiving and superseding only
    _protected_fields = ("state", "number", "published_on", "published_by",
                         "superseded_by_id", "receipt_ids", "report_ids",
                         "feedback_summary_ids")
    _order = "date desc, id desc"

    name = fields.Char(string="Document title", required=True,
                       track_visibility="onchange")
    number = fields.Char(readonly=True, copy=False, index=True,
                         track_visibility="onchange")
    document_type = fields.Selection(
        DOCUMENT_TYPES, string="Type", required=True, default="notice",
        track_visibility="onchange")
    date = fields.Date(required=True, default=fields.Date.context_today,
                       track_visibility="onchange")
    issuing_organization_id = fields.Many2one(
        "party.organization", string="Issued by", required=True, index=True,
        ondelete="restrict", track_visibility="onchange",
        default=lambda self: self._default_issuing_organization())
    content = fields.Html(sanitize=True, sanitize_attributes=True)
    attachment_ids = fields.Many2many(
        "ir.attachment", "party_document_attachment_rel", "document_id",
        "attachment_id", string="Attachments")
    target_ids = fields.One2many(
        "party.document.target", "document_id", string="Sent to", copy=True)
    state = fields.Selection([
        ("draft", "Draft"), ("published", "Published"),
        ("archived", "Archived"), ("superseded", "Superseded"),
    ], string="Status", default="draft", required=True, readonly=True, copy=False,
        index=True, track_visibility="onchange")
    superseded_by_id = fields.Many2one(
        "party.document", string="Superseded by", readonly=True, copy=False)
    supersedes_id = fields.Many2one(
        "party.document", string="Replaces", copy=False,
        domain=[("state", "=", "published")],
        help="A published document this one replaces: it becomes superseded "
             "when this one is published.")
    deadline = fields.Date(help="For report requests: when reports are due.")
    published_on = fields.Datetime(readonly=True, copy=False)
    published_by = fields.Many2one("res.users", readonly=True, copy=False)
    receipt_ids = fields.One2many(
        "party.document.receipt", "document_id", string="Receipts", readonly=True)
    feedback_ids = fields.One2many(
        "party.document.feedback", "document_id", string="Feedback")
    report_ids = fields.One2many(
        "party.document.report", "request_id", string="Reports", readonly=True)
    recipient_count = fields.Integer(compute="_compute_counts", string="Recipients")
    read_count = fields.Integer(compute="_compute_counts", string="Read")
    acknowledged_count = fields.Integer(compute="_compute_counts",
                                        string="Acknowledged")
    feedback_count = fields.Integer(compute="_compute_counts", string="Feedback")
    feedback_summary_ids = fields.One2many(
        "party.document.feedback.summary", "document_id",
        string="Summaries of the feedback", readonly=True)

    _sql_constraints = [
        ("number_uniq", "unique(issuing_organization_id, number)",
         "This number is already used by the issuing organization."),
    ]

    def _default_issuing_organization(self):
        return self.env.user.party_organization_ids[:1]

    def _compute_counts(self):
        """Two grouped queries for the whole recordset."""
        counts = {doc_id: {} for doc_id in self.ids}
        if self.ids:
            self.env.cr.execute("""
                SELECT document_id, state, count(*), count(listened_on)
                  FROM party_document_receipt
                 WHERE document_id IN %s GROUP BY document_id, state""",
                                (tuple(self.ids),))
            for doc_id, state, count, listened in self.env.cr.fetchall():
                counts[doc_id][state] = count
                counts[doc_id]["listened"] = counts[doc_id].get(
                    "listened", 0) + listened
            self.env.cr.execute("""
                SELECT document_id, count(*) FROM party_document_feedback
                 WHERE document_id IN %s GROUP BY document_id""", (tuple(self.ids),))
            feedback = dict(self.env.cr.fetchall())
        for document in self:
            states = dict(counts.get(document.id, {}))
            # listened_on: models/party_document_audio.py (issue #15)
            document.listened_count = states.pop("listened", 0)
            document.recipient_count = sum(states.values())
            document.acknowledged_count = states.get("acknowledged", 0)
            document.read_count = states.get("read", 0) + document.acknowledged_count
            document.feedback_count = self.ids and feedback.get(document.id, 0)

    @api.constrains("attachment_ids")
    def _check_attachments(self):
        for document in self.sudo():
            for attachment in document.attachment_ids:
                name = attachment.datas_fname or attachment.name or ""
                extension = os.path.splitext(name.lower())[1]
                if extension in DANGEROUS_EXTENSIONS or "/" in name or "\\" in name:
                    raise ValidationError(_(
                        "The file %s cannot be attached: send documents as PDF, "
                        "office files or images.") % name)
                if (attachment.file_size or 0) > MAX_ATTACHMENT_SIZE:
                    raise ValidationError(_(
                        "The file %(name)s is larger than %(max)s MB.") % {
                            "name": name, "max": MAX_ATTACHMENT_SIZE // 1024 // 1024})

    @api.multi
    def write(self, vals):
        frozen = set(vals) & {"content", "target_ids", "issuing_organization_id",
                              "document_type", "name", "attachment_ids",
                              "supersedes_id"}
        if frozen and self.filtered(lambda d: d.state != "draft"):
            raise UserError(_("A published document cannot be changed: publish a "
                              "new document that supersedes it."))
        return super().write(vals)

    @api.multi
    def unlink(self):
        if self.filtered(lambda d: d.state != "draft"):
            raise UserError(_("Only draft documents can be deleted."))
        return super().unlink()

    # --- publishing -------------------------------------------------------

    def _check_publisher(self):
        user = self.env.user
        if not user.has_group("party_handbook.group_party_handbook_officer"):
            raise AccessError(_("Only committee officers publish documents."))
        self.check_access_rule("write")
        for document in self:
            if not user.has_group("party_handbook.group_party_handbook_manager") \
                    and document.issuing_organization_id not in self.env[
                        "party.organization"].search([
                            ("id", "child_of", user.party_organization_ids.ids)]):
                raise AccessError(_(
                    "You can only publish documents of the organizations you "
                    "serve."))
            old = document.sudo().supersedes_id
            if old and old.issuing_organization_id != \
                    document.issuing_organization_id:
                raise AccessError(_(
                    "A document supersedes only a document of the same "
                    "issuing committee (%(old)s was issued by %(issuer)s).")
                    % {"old": old.display_name,
                       "issuer": old.issuing_organization_id.display_name})

    @api.multi
    def action_publish(self):
        """Publish: number the document and deliver it to every member of the
        targets, in one INSERT … SELECT (no follower, notification or ORM
        record per member: see docs/DESIGN.md, "Documents")."""
        self._check_publisher()
        for document in self:
            if document.state != "draft":
                raise UserError(_("%s is already published.") % document.display_name)
            if not document.target_ids:
                raise UserError(_("Choose the organizations the document is sent to."))
            if document.document_type == "report_request" and not document.deadline:
                raise UserError(_("A report request needs a deadline."))
        for document in self:
            started = time.time()
            with internal_write(document):
                document.sudo().write({
                    "state": "published", "number": document._next_number(),
                    "published_on": fields.Datetime.now(),
                    "published_by": self.env.uid,
                })
            count = document._deliver()
            if document.document_type == "report_request":
                self.env["party.document.report"]._create_for_request(document)
            _logger.info("document %s published to %s members in %.2fs",
                         document.id, count, time.time() - started)
            document.message_post(body=_("Published to %s members.") % count)
            old = document.sudo().supersedes_id
            if old.state == "published":
                with internal_write(old):
                    old.write({"state": "superseded",
                               "superseded_by_id": document.id})
                old.message_post(body=_("Superseded by %s.") % document.display_name)
        return True

    @api.multi
    def _publish_drafts(self):
        """Publish those of these documents that are still drafts (demo data
        and imports: safe to call again)."""
        return self.filtered(lambda d: d.state == "draft").action_publish()

    def _next_number(self):
        self.ensure_one()
        year = fields.Date.from_string(self.date).year
        code = "party.document.%s.%s" % (self.issuing_organization_id.id, year)
        Sequence = self.env["ir.sequence"].sudo()
        sequence = Sequence.search([("code", "=", code)], limit=1)
        if not sequence:
            sequence = Sequence.create({
                "name": _("Documents of %(org)s, %(year)s") % {
                    "org": self.issuing_organization_id.complete_name,
                    "year": year},
                "code": code, "padding": 1, "number_increment": 1,
                "implementation": "no_gap",
            })
        return "%s-%s/%s" % (sequence.next_by_id(),
                             TYPE_CODES[self.document_type],
                             self.issuing_organization_id.code or "")

    def _deliver(self):
        """Create the receipts of every member reached by the targets, set-wise.
        Returns the number of receipts created."""
        self.ensure_one()
        if self.pool._init:
            # while modules load, Odoo defers the nested-set bounds
            self.env["party.organization"]._parent_store_compute()
        self.env.cr.execute("""
            INSERT INTO party_document_receipt
                (document_id, member_id, organization_id, member_partner_id,
                 state, notified, create_uid, write_uid, create_date, write_date)
            SELECT %(doc)s, m.id, m.organization_id, m.partner_id, 'received',
                   FALSE, %(uid)s, %(uid)s, now() at time zone 'UTC',
                   now() at time zone 'UTC'
              FROM party_member m
              JOIN party_organization o ON o.id = m.organization_id
             WHERE m.active AND m.state IN %(states)s
               AND EXISTS (
                   SELECT 1 FROM party_document_target t
                     JOIN party_organization target ON target.id = t.organization_id
                    WHERE t.document_id = %(doc)s
                      AND (o.id = target.id OR (t.include_subtree
                           AND o.parent_left > target.parent_left
                           AND o.parent_left < target.parent_right)))
            ON CONFLICT (document_id, member_id) DO NOTHING
        """, {"doc": self.id, "uid": self.env.uid, "states": RECEIVING_STATES})
        count = self.env.cr.rowcount
        self.env["party.document.receipt"].invalidate_cache()
        self.invalidate_cache(["receipt_ids"])
        return count

    @api.multi
    def action_archive_document(self):
        self._check_publisher()
        published = self.filtered(lambda d: d.state == "published")
        with internal_write(published):
            published.sudo().write({"state": "archived"})

    # --- members ----------------------------------------------------------

    def _own_receipt(self):
        self.ensure_one()
        receipt = self.env["party.document.receipt"].sudo().search([
            ("document_id", "=", self.id),
            ("member_partner_id", "=", self.env.user.partner_id.id)], limit=1)
        if not receipt:
            raise UserError(_("This document was not sent to you."))
        return receipt

    @api.multi
    def action_mark_read(self):
        for document in self:
            receipt = document._own_receipt()
            if receipt.state == "received":
                with internal_write(receipt):
                    receipt.write({"state": "read",
                                   "read_on": fields.Datetime.now()})

    @api.multi
    def action_acknowledge(self):
        for document in self:
            receipt = document._own_receipt()
            if receipt.state != "acknowledged":
                now = fields.Datetime.now()
                with internal_write(receipt):
                    receipt.write({"state": "acknowledged",
                                   "acknowledged_on": now,
                                   "read_on": receipt.read_on or now})

    @api.multi
    def action_give_feedback(self, kind, body):
        self.ensure_one()
        receipt = self._own_receipt()
        Feedback = self.env["party.document.feedback"].sudo()
        with internal_write(Feedback):
            feedback = Feedback.create({
                "document_id": self.id, "member_id": receipt.member_id.id,
                "kind": kind, "body": body,
            })
        return feedback.sudo(self.env.uid)

    # --- what members said (issue #17) -------------------------------------

    @api.multi
    def action_feedback_summary(self):
        """Group the feedback the officer may read into themes, as a draft
        summary, and open it (models/party_document_feedback_summary.py)."""
        self.ensure_one()
        Summary = self.env["party.document.feedback.summary"]
        Summary._check_officer_of(self.issuing_organization_id)
        self.check_access_rights("write")
        self.check_access_rule("write")
        if self.state == "draft":
            raise UserError(_("A draft document has no feedback yet."))
        summary = Summary._create_for_document(self)
        return {
            "type": "ir.actions.act_window", "name": summary.name,
            "res_model": summary._name, "res_id": summary.id,
            "view_mode": "form", "views": [(False, "form")],
            "target": "current",
        }

    @api.multi
    def _receipt_counts_by_organization(self, organizations):
        """{org id: {state: n}}: receipts of this document in each given
        organization's whole subtree (nested sets; one query)."""
        self.ensure_one()
        result = {org.id: {} for org in organizations}
        if not organizations:
            return result
        self.env.cr.execute("""
            SELECT a.id, r.state, count(*)
              FROM party_organization a
              JOIN party_organization o
                ON o.parent_left >= a.parent_left AND o.parent_left < a.parent_right
              JOIN party_document_receipt r ON r.organization_id = o.id
             WHERE a.id IN %s AND r.document_id = %s
             GROUP BY a.id, r.state""", (tuple(organizations.ids), self.id))
        for org_id, state, count in self.env.cr.fetchall():
            result[org_id][state] = count
        return result


class PartyDocumentTarget(models.Model):
    _name = "party.document.target"
    _description = "Organization a document is sent to"
    _order = "id"

    document_id = fields.Many2one(
        "party.document", required=True, index=True, ondelete="cascade")
    organization_id = fields.Many2one(
        "party.organization", required=True, index=True, ondelete="restrict")
    include_subtree = fields.Boolean(
        string="With its sub-organizations", default=True)

    _sql_constraints = [
        ("document_organization_uniq", "unique(document_id, organization_id)",
         "An organization is targeted once per document."),
    ]
