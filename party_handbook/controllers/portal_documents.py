# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The member portal: documents for the member, unread first; reading,
acknowledging with one tap, giving feedback, reading the committee's
published summary of the feedback (what it shows: models/
party_document_feedback_summary.py).

A document is shown only through the member's own receipt: the document id
in the URL is looked up among the receipts of the logged-in member, so a
tampered id answers 404 like a missing one."""
from werkzeug.exceptions import NotFound
from werkzeug.utils import redirect as http_redirect

from odoo import _, http
from odoo.exceptions import UserError, ValidationError
from odoo.http import request

from . import portal

FEEDBACK_KINDS = ("opinion", "proposal", "question")


class PartyDocumentPortal(portal.PartyPortal):

    def _prepare_portal_layout_values(self):
        values = super()._prepare_portal_layout_values()
        member = self._party_member()
        values["party_unread_count"] = member and request.env[
            "party.document.receipt"].sudo().search_count([
                ("member_id", "=", member.id), ("state", "=", "received"),
                ("document_id.state", "!=", "draft")])
        return values

    def _own_receipts(self, member, document_id=None):
        domain = [("member_id", "=", member.id),
                  ("document_id.state", "!=", "draft")]
        if document_id is not None:
            domain.append(("document_id", "=", document_id))
        return request.env["party.document.receipt"].sudo().search(domain)

    @http.route("/my/party/documents", type="http", auth="user", website=False,
                methods=["GET"])
    def party_documents(self, **_kwargs):
        member = self._party_member()
        if not member:
            return self._party_no_member()
        receipts = self._own_receipts(member).sorted(
            lambda r: (r.state != "received", r.document_id.date or "",
                       r.document_id.id), reverse=False)
        unread = receipts.filtered(lambda r: r.state == "received").sorted(
            lambda r: (r.document_id.date or "", r.document_id.id), reverse=True)
        others = (receipts - unread).sorted(
            lambda r: (r.document_id.date or "", r.document_id.id), reverse=True)
        return self._party_render(
            "party_handbook.portal_party_documents", member, "party_documents",
            receipts=unread + others)

    def _document_page(self, member, receipt, error=None, feedback_body=""):
        document = receipt.document_id
        feedback = request.env["party.document.feedback"].sudo().search([
            ("document_id", "=", document.id), "|",
            ("member_id", "=", member.id), ("published", "=", True)])
        return self._party_render(
            "party_handbook.portal_party_document", member, "party_document",
            receipt=receipt, document=document, feedback=feedback, error=error,
            feedback_body=feedback_body,
            feedback_summary=request.env[
                "party.document.feedback.summary"]._portal_values(document),
            kinds=[(kind, dict(feedback._fields["kind"]._description_selection(
                request.env))[kind]) for kind in FEEDBACK_KINDS])

    def _receipt_or_404(self, member, document_id):
        receipt = self._own_receipts(member, document_id)
        if not receipt:
            raise NotFound()
        return receipt

    @http.route("/my/party/documents/<int:document_id>", type="http",
                auth="user", website=False, methods=["GET"])
    def party_document(self, document_id, **_kwargs):
        member = self._party_member()
        if not member:
            return self._party_no_member()
        receipt = self._receipt_or_404(member, document_id)
        receipt.document_id.sudo(request.env.user).action_mark_read()
        return self._document_page(member, receipt)

    @http.route("/my/party/documents/<int:document_id>/acknowledge", type="http",
                auth="user", website=False, methods=["POST"])
    def party_document_acknowledge(self, document_id, **_kwargs):
        member = self._party_member()
        if not member:
            return self._party_no_member()
        receipt = self._receipt_or_404(member, document_id)
        receipt.document_id.sudo(request.env.user).action_acknowledge()
        return http_redirect(
            "/my/party/documents/%s?acknowledged=1#acknowledged" % document_id)

    @http.route("/my/party/documents/<int:document_id>/feedback", type="http",
                auth="user", website=False, methods=["POST"])
    def party_document_feedback(self, document_id, kind=None, body=None,
                                **_kwargs):
        member = self._party_member()
        if not member:
            return self._party_no_member()
        receipt = self._receipt_or_404(member, document_id)
        if kind not in FEEDBACK_KINDS:
            return self._document_page(member, receipt, error=_(
                "Choose whether it is an opinion, a proposal or a question."),
                feedback_body=body or "")
        try:
            receipt.document_id.sudo(request.env.user).action_give_feedback(
                kind, body)
        except (UserError, ValidationError) as error:
            return self._document_page(member, receipt, error=error.name,
                                       feedback_body=body or "")
        return http_redirect(
            "/my/party/documents/%s?sent=1#feedback_sent" % document_id)
