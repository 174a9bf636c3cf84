# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""11.0.0.2.0 brings OCA's password_security. On a fresh database our data
file sets the company's password policy (no forced expiry, no character
classes); on an existing one Odoo does not update ``base.main_company``
(base's noupdate data), so the OCA defaults (60-day expiry, four classes)
would apply. Apply the policy of the data file, which stays its one place."""
import logging

from lxml import etree

from odoo import SUPERUSER_ID, api
from odoo.modules.module import get_module_resource

_logger = logging.getLogger(__name__)


def policy_values():
    path = get_module_resource("party_handbook", "data", "party_signin_data.xml")
    record = etree.parse(path).find(".//record[@id='base.main_company']")
    return {field.get("name"): int(field.text) for field in record.iter("field")}


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    companies = env["res.company"].search([])
    companies.write(policy_values())
    _logger.info("password policy of the data file applied to %s companies",
                 len(companies))
