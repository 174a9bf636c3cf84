# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The digest email links to each document and names the cell secretary
(issue #14). Its template is ``noupdate``: an update keeps the old text, so
it is reloaded here, unless it already uses ``party_mail`` (edited by an
administrator since: kept). Its old translations are dropped: the update
loads the new ones from vi.po right after."""
from odoo.addons.party_handbook.models.party_mail_links import (
    reload_mail_templates)


def migrate(cr, version):
    if not version:
        return
    reload_mail_templates(cr, "party_handbook", "data/mail_template_data.xml",
                          ["mail_template_document_digest"])
