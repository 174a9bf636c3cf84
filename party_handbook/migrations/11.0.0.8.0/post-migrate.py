# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""11.0.0.8.0 adds the library (issue #17): the documents published before
the update are indexed once, so that they are found like the new ones (the
passages of later documents follow their publication). The text-search
configuration, the extensions and the indexes are made by the passage
model's ``init``, which runs on update too."""
import logging

from odoo import SUPERUSER_ID, api

_logger = logging.getLogger(__name__)


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    env["party.library.passage"]._reindex_all()
    cr.execute("SELECT count(*) FROM party_library_passage")
    _logger.info("library: %s passages indexed", cr.fetchone()[0])
