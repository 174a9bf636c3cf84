# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The meeting invitation and reminder link to the meeting and name the cell
secretary (issue #14): their ``noupdate`` templates are reloaded, unless
already edited to use ``party_mail`` (see party_handbook's
migrations/11.0.0.5.0/post-mail-links.py)."""
from odoo.addons.party_handbook.models.party_mail_links import (
    reload_mail_templates)


def migrate(cr, version):
    if not version:
        return
    reload_mail_templates(
        cr, "party_handbook_meetings", "data/mail_template_data.xml",
        ["mail_template_meeting_invitation", "mail_template_meeting_reminder"])
