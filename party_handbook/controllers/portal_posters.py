# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Posters in the member portal (issue #15): under the document they were
made of, and the list of the posters a member may see (``/my/party/posters``,
the month posters of the member's organizations among them).

A poster's image and PDF are answered by ``/my/party/posters/<id>/image.png``
and ``/my/party/posters/<id>/download`` only when the user may read the
published poster (the record rules: its document was sent to them, or the
month is of one of their organizations); 404 alike for a poster that does
not exist and one that is not theirs."""
import base64

from werkzeug.exceptions import NotFound

from odoo import http
from odoo.http import request

from . import portal_documents


def readable_posters(domain=None):
    """The published posters the user may read (record rules applied)."""
    return request.env["party.poster"].search(
        [("state", "=", "published")] + list(domain or []),
        order="published_on desc, id desc")


class PartyPosterPortal(portal_documents.PartyDocumentPortal):

    def _document_page(self, member, receipt, error=None, feedback_body=""):
        response = super()._document_page(
            member, receipt, error=error, feedback_body=feedback_body)
        if getattr(response, "qcontext", None) is not None:
            response.qcontext["party_posters"] = readable_posters(
                [("document_id", "=", receipt.document_id.id)]).sudo()
        return response

    @http.route("/my/party/posters", type="http", auth="user", website=False,
                methods=["GET"])
    def party_posters(self, **_kwargs):
        member = self._party_member()
        if not member:
            return self._party_no_member()
        posters = readable_posters()
        return self._party_render(
            "party_handbook.portal_party_posters", member, "party_posters",
            posters=posters.sudo())

    @http.route(["/my/party/posters/<int:poster_id>/image.png",
                 "/my/party/posters/<int:poster_id>/download"],
                type="http", auth="user", website=False, methods=["GET"])
    def party_poster_file(self, poster_id, **_kwargs):
        poster = readable_posters([("id", "=", int(poster_id))])
        if not poster:
            raise NotFound()
        poster = poster.sudo()
        wants_pdf = request.httprequest.path.endswith("/download")
        attachment = poster.pdf_attachment_id if wants_pdf else \
            poster.png_attachment_id
        if not attachment or not attachment.datas:
            raise NotFound()
        data = base64.b64decode(attachment.datas)
        mimetype = attachment.mimetype or (
            "application/pdf" if wants_pdf else "image/png")
        headers = [
            ("Content-Type", mimetype), ("Content-Length", str(len(data))),
            ("Cache-Control", "private, no-cache"),
            ("X-Content-Type-Options", "nosniff")]
        if wants_pdf:
            headers.append(("Content-Disposition", http.content_disposition(
                attachment.datas_fname or attachment.name or "poster.pdf")))
        return request.make_response(data, headers=headers)
