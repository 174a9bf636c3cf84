# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import html_escape, plaintext2html

# pylint: disable=missing-import-error
from .party_integrity import internal_write

MAX_FEEDBACK_LENGTH = 5000


class PartyDocumentFeedback(models.Model):
    """A member's opinion, proposal or question on a document received:
    the channel back up to the issuing committee."""

    _name = "party.document.feedback"
    _inherit = ["party.member.record", "party.audited.thread"]
    _description = "Feedback on a document"
    # the member's words and the issuer's answer are written by the actions
    _protected_fields = (
        "organization_id", "member_partner_id", "member_id", "document_id",
        "issuing_organization_id", "kind", "body", "state", "reply",
        "replied_by", "published")
    _mail_post_access = "read"
    _order = "create_date desc, id desc"

    document_id = fields.Many2one(
        "party.document", required=True, index=True, ondelete="cascade",
        readonly=True)
    issuing_organization_id = fields.Many2one(
        "party.organization", index=True, readonly=True, ondelete="restrict",
        help="Stored from the document, for the issuer's record rules.")
    kind = fields.Selection([
        ("opinion", "Opinion"), ("proposal", "Proposal"), ("question", "Question"),
    ], required=True, default="opinion", readonly=True)
    # Plain text, never HTML: shown escaped everywhere.
    body = fields.Text(string="Feedback", required=True, readonly=True)
    state = fields.Selection([
        ("new", "New"), ("answered", "Answered"), ("taken", "Taken into account"),
    ], string="Status", default="new", required=True, index=True,
        track_visibility="onchange")
    reply = fields.Text(readonly=True)
    replied_by = fields.Many2one("res.users", readonly=True)
    published = fields.Boolean(
        string="Shown to all recipients", index=True, track_visibility="onchange",
        help="The issuer may publish a feedback: every member who received the "
             "document can then read it.")

    @api.model
    def _clean_body(self, body):
        text = (body or "").strip()
        if not text:
            raise ValidationError(_("The feedback is empty."))
        if len(text) > MAX_FEEDBACK_LENGTH:
            raise ValidationError(_(
                "A feedback is at most %s characters long.") % MAX_FEEDBACK_LENGTH)
        return text

    @api.model
    def create(self, vals):
        if vals.get("document_id"):
            document = self.env["party.document"].sudo().browse(vals["document_id"])
            if document.state != "published":
                raise UserError(_("Feedback is given on published documents only."))
            vals["issuing_organization_id"] = document.issuing_organization_id.id
        # checked before anything is written
        vals["body"] = self._clean_body(vals.get("body"))
        return super(PartyDocumentFeedback, self.with_context(
            mail_create_nolog=True)).create(vals)

    def _unlink_refusal(self):
        return _("A member's feedback is kept.")

    def _check_issuer(self):
        user = self.env.user
        if not user.has_group("party_handbook.group_party_handbook_officer"):
            raise AccessError(_("Only officers of the issuing committee answer."))
        self.check_access_rule("write")

    @api.multi
    def action_reply(self, reply):
        self._check_issuer()
        if not reply or not reply.strip():
            raise UserError(_("Write an answer."))
        for feedback in self:
            with internal_write(feedback):
                feedback.write({"reply": reply.strip(),
                                "replied_by": self.env.uid, "state": "answered"})
            feedback.message_post(
                body="<p>%s</p>%s" % (
                    html_escape(_("Answer from %s:")
                                % feedback.issuing_organization_id.name),
                    plaintext2html(reply.strip())),
                partner_ids=feedback.member_partner_id.ids,
                subtype="mail.mt_comment")

    @api.multi
    def action_take_into_account(self):
        self._check_issuer()
        with internal_write(self):
            self.write({"state": "taken"})

    @api.multi
    def action_publish(self):
        self._check_issuer()
        with internal_write(self):
            self.write({"published": True})
