# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The member register as a spreadsheet (the PDF is a QWeb report)."""
from werkzeug.exceptions import Forbidden, NotFound

from odoo import http
from odoo.exceptions import AccessError
from odoo.http import content_disposition, request

XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class MemberRegister(http.Controller):

    @http.route("/party_handbook/register/<int:organization_id>/xlsx",
                type="http", auth="user", methods=["GET"])
    def register_xlsx(self, organization_id, **_kwargs):
        organization = request.env["party.organization"].browse(organization_id)
        if not organization.exists():
            raise NotFound()
        try:
            # checks the group and the organization; members are then
            # searched with the user's own rights
            content = organization._register_xlsx()
        except AccessError:
            raise Forbidden()
        return request.make_response(content, headers=[
            ("Content-Type", XLSX_MIMETYPE),
            ("Content-Length", len(content)),
            ("Content-Disposition", content_disposition(
                organization._register_filename("xlsx"))),
            ("X-Content-Type-Options", "nosniff"),
        ])
