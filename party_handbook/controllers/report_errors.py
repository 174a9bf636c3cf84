# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Report URLs answer 404 or 403, not 500, when they cannot be served.

``/report/<converter>/<report>/<ids>``: an unknown report, a converter other
than html/pdf/text or ids that are not a comma-separated list of positive
numbers answer 404; records that do not exist 404; records the user may not
read 403 (``ir.http`` draws the page, see ``models/ir_http_errors.py``).
"""
import re

from werkzeug.exceptions import NotFound

from odoo import http
from odoo.http import request

from odoo.addons.web.controllers import main

IDS = re.compile(r"^[1-9][0-9]{0,9}(,[1-9][0-9]{0,9})*$")
CONVERTERS = ("html", "pdf", "text")
MAX_ID = 2 ** 31 - 1


class ReportController(main.ReportController):

    @http.route()
    def report_routes(self, reportname, docids=None, converter=None, **data):
        if converter not in CONVERTERS or not reportname \
                or len(reportname) > 256 or (docids and not IDS.match(docids)):
            raise NotFound()
        report = request.env["ir.actions.report"]._get_report_from_name(reportname)
        if not report:
            raise NotFound()
        if docids:
            ids = [int(i) for i in docids.split(",")]
            if max(ids) > MAX_ID:
                raise NotFound()
            records = request.env[report.model].browse(ids)
            if len(records.exists()) != len(set(records.ids)):
                raise NotFound()
            # refused before rendering: AccessError, answered 403
            records.check_access_rights("read")
            records.check_access_rule("read")
        elif report.model not in request.env:
            raise NotFound()
        return super(ReportController, self).report_routes(
            reportname, docids=docids, converter=converter, **data)
