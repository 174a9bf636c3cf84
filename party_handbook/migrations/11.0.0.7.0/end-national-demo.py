# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A demo database made before issue #16 gets the demo's CSDL 3.0 export of
Vinh Lộc commune compared with the handbook, as a new one has it (Odoo 11
skips the ``<function>`` tags of demo files when a module is updated).
Production databases (no demo data) are left alone."""
import logging

from odoo import SUPERUSER_ID, api

_logger = logging.getLogger(__name__)


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    module = env["ir.module.module"].search([("name", "=", "party_handbook")])
    if not module.demo or not env.ref("party_handbook.user_officer_demo",
                                      raise_if_not_found=False):
        return
    if env["party.national.import"].search_count([]):
        return
    record = env["party.national.import"]._demo_national_reconciliation()
    _logger.info("demo CSDL 3.0 export compared: %s rows", record.row_count)
