# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Personal data (Law 91/2025/QH15): the member's own data file from the
portal, the same file produced by an officer for a member without a login,
and spreadsheet exports whose cells never run as formulas."""
from werkzeug.exceptions import Forbidden, NotFound

from odoo import http
from odoo.exceptions import AccessError
from odoo.http import content_disposition, request

from odoo.addons.web.controllers.main import CSVExport, ExcelExport

# pylint: disable=missing-import-error
from ..models.party_data_protection import neutralize_formula
from .portal import PartyPortal

ZIP_MIMETYPE = "application/zip"


def _zip_response(filename, content):
    return request.make_response(content, headers=[
        ("Content-Type", ZIP_MIMETYPE),
        ("Content-Length", len(content)),
        ("Content-Disposition", content_disposition(filename)),
        ("X-Content-Type-Options", "nosniff"),
        ("Cache-Control", "no-store"),
    ])


class PartyDataPortal(PartyPortal):

    @http.route("/my/party/data", type="http", auth="user", website=False,
                methods=["GET"])
    def party_my_data(self, **_kwargs):
        member = self._party_member()
        if not member:
            return self._party_no_member()
        return self._party_render(
            "party_handbook.portal_party_my_data", member, "party_my_data")

    @http.route("/my/party/data/download", type="http", auth="user",
                website=False, methods=["POST"])
    def party_my_data_download(self, **_kwargs):
        """Only the logged-in user's own member profile (no id in the URL)."""
        member = self._party_member()
        if not member:
            return self._party_no_member()
        filename, content = member.sudo(request.env.uid)._subject_access_file(
            "portal")
        return _zip_response(filename, content)


class PartySubjectAccess(http.Controller):

    @http.route("/party_handbook/subject_access/<int:member_id>", type="http",
                auth="user", methods=["GET"])
    def subject_access_assisted(self, member_id, **_kwargs):
        member = request.env["party.member"].browse(member_id)
        if not member.sudo().exists():
            raise NotFound()
        try:
            member._check_assisted_subject_access()
        except AccessError:
            raise Forbidden()
        filename, content = member._subject_access_file("assisted")
        return _zip_response(filename, content)


def _neutralized(rows):
    return [[neutralize_formula(value) for value in row] for row in rows]


class PartyCSVExport(CSVExport):
    """Odoo's CSV export, with @, tab and CR neutralized too."""

    def from_data(self, fields, rows):
        return super().from_data(fields, _neutralized(rows))


class PartyExcelExport(ExcelExport):
    """Odoo's XLS export: text cells never start a formula."""

    def from_data(self, fields, rows):
        return super().from_data(fields, _neutralized(rows))
