# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""11.0.0.7.0 adds the working-day calendar (issue #16). The data file's
function that writes the Labour Code's defaults runs at installation only
(Odoo 11 skips a noupdate file's functions on update): an updated database
gets them here, last year to two years ahead."""
import logging

from odoo import SUPERUSER_ID, api

_logger = logging.getLogger(__name__)


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    written = env["party.holiday"]._cron_fill_years()
    _logger.info("working-day calendar: %s default holidays written", written)
