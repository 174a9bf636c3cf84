# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.http import request

from odoo.addons.bus.controllers.main import BusController

# what the day view asks for (Odoo 11's web client may only send string
# channels) and the channel the meetings post on: (dbname, LIVE_CHANNEL)
LIVE_CHANNEL = "party.meeting.live"


class PartyMeetingBusController(BusController):

    def _poll(self, dbname, channels, last, options):
        """Swap the day view's channel name for the meetings' live channel,
        for users who may read meetings; others get nothing from it."""
        if LIVE_CHANNEL in channels:
            channels = [c for c in channels if c != LIVE_CHANNEL]
            if request.session.uid and request.env["party.meeting"].check_access_rights(
                    "read", raise_exception=False):
                channels.append((request.db, LIVE_CHANNEL))
        return super()._poll(dbname, channels, last, options)
