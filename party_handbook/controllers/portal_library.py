# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The library in the portal: search the Party's texts and the documents
received, ask a question and read the passages that answer it, read an
article, keep a reading list ("đọc sau").

Every result comes from ``party.library.search_library`` run as the
logged-in user: a document the member did not receive, or a text not in
the library, is never listed, and its article page answers 404 like a
missing one."""
from werkzeug.exceptions import NotFound
from werkzeug.urls import url_quote_plus
from werkzeug.utils import redirect as http_redirect

from odoo import http
from odoo.exceptions import UserError, ValidationError
from odoo.http import request

from . import portal
from ..library import text as vitext  # pylint: disable=missing-import-error

MEMBER_GROUP = "party_handbook.group_party_handbook_member"
MAX_QUERY = 300


def marked(snippet, spans):
    """The snippet as (text, is_marked) segments, for t-esc in <mark>."""
    segments, position = [], 0
    for start, end in spans:
        if start > position:
            segments.append((snippet[position:start], False))
        segments.append((snippet[start:end], True))
        position = end
    if position < len(snippet):
        segments.append((snippet[position:], False))
    return segments


class PartyLibraryPortal(portal.PartyPortal):

    def _library_allowed(self):
        if not request.env.user.has_group(MEMBER_GROUP):
            raise NotFound()

    def _library_results(self, query, limit):
        results = request.env["party.library"].search_library(query, limit=limit)
        bookmarks = self._bookmark_keys()
        for result in results:
            result["segments"] = marked(result["snippet"], result["spans"])
            result["kept"] = (result["kind"], result["id"]) in bookmarks
        return results

    @staticmethod
    def _bookmark_keys():
        bookmarks = request.env["party.library.bookmark"].search([])
        keys = set()
        for bookmark in bookmarks:
            if bookmark.section_id:
                keys.add(("article", bookmark.section_id.id))
            else:
                keys.add(("document", bookmark.document_id.id))
        return keys

    def _reading_list(self):
        """The user's reading list, only what the user may still read."""
        bookmarks = request.env["party.library.bookmark"].search([])
        passages = request.env["party.library.passage"]
        rows = []
        for _bookmark, passage in bookmarks._first_passages().items():
            if passage:
                result = passages._result(passage, [])
                result["kept"] = True
                rows.append(result)
        return rows

    @http.route("/my/party/library", type="http", auth="user", website=False,
                methods=["GET"])
    def party_library(self, q="", ask="", **_kwargs):
        self._library_allowed()
        query = (q or "").strip()[:MAX_QUERY]
        results = self._library_results(query, 3 if ask else 12) \
            if query else []
        return self._party_render(
            "party_handbook.portal_party_library", self._party_member(),
            "party_library", query=query, ask=bool(ask), results=results,
            query_quoted=url_quote_plus(query),
            reading_list=[] if query else self._reading_list(),
            texts=request.env["party.library.text"].search([]))

    @http.route("/my/party/library/article/<int:section_id>", type="http",
                auth="user", website=False, methods=["GET"])
    def party_library_article(self, section_id, q="", **_kwargs):
        self._library_allowed()
        # read as the user: the record rules keep texts not in the library
        section = request.env["party.library.section"].search(
            [("id", "=", section_id)])
        if not section:
            raise NotFound()
        text = section.text_id
        words, pairs = request.env["party.library"]._query_marks(q)
        paragraphs = [marked(line, vitext.highlight_spans(line, words, pairs))
                      for line in (section.body or "").split("\n") if line.strip()]
        siblings = text.section_ids
        position = list(siblings.ids).index(section.id)
        return self._party_render(
            "party_handbook.portal_party_library_article", self._party_member(),
            "party_library", section=section, library_text=text,
            paragraphs=paragraphs,
            query_quoted=url_quote_plus((q or "")[:MAX_QUERY]),
            previous=siblings[position - 1] if position > 0 else None,
            next=siblings[position + 1] if position + 1 < len(siblings) else None,
            kept=("article", section.id) in self._bookmark_keys())

    @http.route("/my/party/library/keep", type="http", auth="user",
                website=False, methods=["POST"])
    def party_library_keep(self, kind="", res_id="", back="", **_kwargs):
        self._library_allowed()
        try:
            request.env["party.library.bookmark"].toggle(kind, res_id)
        except (UserError, ValidationError):
            raise NotFound()
        # back only to a page of the library
        if not back.startswith("/my/party/library") or "//" in back:
            back = "/my/party/library"
        return http_redirect(back, code=303)
