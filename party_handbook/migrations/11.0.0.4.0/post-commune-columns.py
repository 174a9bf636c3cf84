# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""11.0.0.4.0: fill the commune of every organization and member (and
repair any full name that drifted), set-wise: see
party.organization._party_fill_tree_columns."""
import logging

from odoo import SUPERUSER_ID, api

_logger = logging.getLogger(__name__)


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    members = env["party.organization"]._party_fill_tree_columns()
    _logger.info("commune columns filled (%s members)", members)
