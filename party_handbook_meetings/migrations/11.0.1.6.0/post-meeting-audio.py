# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Meetings speak (issue #15): the meetings of an updated database that
members may still want to hear get their spoken notice and minutes, made
by the scheduled audio job in the background (about a second each): the
announced and running meetings, and those whose minutes were approved in
the last three months (older ones only when the secretary asks)."""
from datetime import timedelta

from odoo import SUPERUSER_ID, api, fields

RECENT_DAYS = 92


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    since = fields.Datetime.to_string(
        fields.Datetime.from_string(fields.Datetime.now())
        - timedelta(days=RECENT_DAYS))
    meetings = env["party.meeting"].search([
        "|", ("state", "in", ("announced", "in_progress")),
        "&", ("state", "=", "approved"), ("minutes_approved_on", ">=", since)])
    meetings._party_audio_refresh()
