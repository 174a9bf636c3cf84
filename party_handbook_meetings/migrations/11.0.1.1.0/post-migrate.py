# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Minutes, discussion summaries and conclusions that show nothing to a
reader (``<p><br></p>`` left by the editor) are stored empty from 11.0.1.1.0
on: clear those written before, so that closing prefills them and approval
refuses them."""
import logging

from odoo.addons.party_handbook.models.html_text import is_html_empty

_logger = logging.getLogger(__name__)
FIELDS = ("minutes", "discussion", "conclusion")


def migrate(cr, version):
    if not version:
        return
    for field in FIELDS:
        # empty-looking HTML is short; longer texts have content
        cr.execute("""
            SELECT id, {field} FROM party_meeting
             WHERE {field} IS NOT NULL AND length({field}) < 2000""".format(
                field=field))  # noqa: S608 (a constant column name)
        empty = [row_id for row_id, html in cr.fetchall() if is_html_empty(html)]
        if empty:
            cr.execute("UPDATE party_meeting SET {field} = NULL "
                       "WHERE id IN %s".format(field=field), (tuple(empty),))
        _logger.info("cleared %s empty %s", len(empty), field)
