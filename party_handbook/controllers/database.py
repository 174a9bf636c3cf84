# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Hardening: the web database manager does not exist on this product.

``list_db = False`` already makes Odoo refuse the database functions, but the
manager page still renders and advertises them. Once a database is selected
(``dbfilter`` selects exactly ours), these routes answer 404. The reverse proxy
example (README) also blocks ``/web/database`` before it reaches Odoo.
"""
from werkzeug.exceptions import NotFound

from odoo import http
from odoo.addons.web.controllers import main


class Database(main.Database):

    def _not_found(self, *args, **kwargs):
        raise NotFound()

    # The parent's route methods become plain methods (no route of their own),
    # so the only database routes left are the one below, which answers 404.
    selector = create = duplicate = drop = backup = restore = _not_found
    change_password = list = _not_found

    @http.route([
        "/web/database/selector",
        "/web/database/manager",
        "/web/database/create",
        "/web/database/duplicate",
        "/web/database/drop",
        "/web/database/backup",
        "/web/database/restore",
        "/web/database/change_password",
        "/web/database/list",
    ], type="http", auth="none", csrf=False)
    def manager(self, **kwargs):
        raise NotFound()
