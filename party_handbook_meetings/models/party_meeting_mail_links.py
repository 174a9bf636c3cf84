# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The meetings' emails link to the meeting's page in the member portal
(``party_mail.url(meeting)``, see party_handbook's party_mail_links)."""
# pylint: disable=missing-import-error
from odoo.addons.party_handbook.models.party_mail_links import PORTAL_PATHS

PORTAL_PATHS["party.meeting"] = "/my/party/meetings/%d"
