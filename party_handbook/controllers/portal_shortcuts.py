# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The member's /my page leads straight to what is most often done
(issue #14): the newest document for the member (read it, confirm it,
answer it) is one tap away; the meetings module adds the next meeting and
the open vote (party_handbook_meetings/controllers/portal_meetings.py)."""
from odoo import http

from . import portal_documents


class PartyShortcutPortal(portal_documents.PartyDocumentPortal):

    def _party_shortcuts(self, member):
        """{value name: value} shown on /my above the entries."""
        receipts = self._own_receipts(member)
        unread = receipts.filtered(lambda r: r.state == "received")
        newest = (unread or receipts).sorted(
            lambda r: (r.document_id.date or "", r.document_id.id),
            reverse=True)[:1]
        return {"party_newest_receipt": newest}

    @http.route()
    def home(self, **kw):
        response = super().home(**kw)
        member = self._party_member()
        if member and getattr(response, "qcontext", None) is not None:
            response.qcontext.update(self._party_shortcuts(member))
        return response
