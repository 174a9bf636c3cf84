# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Identity (issue #14), the meetings' part: a supervising officer's home
is the day view of their cells' meetings; the calendar's English demo
events ("Presentation for new Services"...) are removed from the demo."""
import logging

from odoo import api, models

_logger = logging.getLogger(__name__)


class ResUsers(models.Model):
    _inherit = "res.users"

    @api.multi
    def _party_home_action(self):
        self.ensure_one()
        if self._party_home_role() == "supervisor":
            return self._party_action(
                "party_handbook_meetings.party_meeting_action_day_view")
        return super()._party_home_action()


class CalendarEvent(models.Model):
    _inherit = "calendar.event"

    @api.model
    def _party_remove_odoo_demo_events(self):
        """Delete the calendar module's demo events (demo data only)."""
        names = self.env["ir.model.data"].sudo().search([
            ("module", "=", "calendar"), ("model", "=", "calendar.event")])
        events = self.sudo().browse(names.mapped("res_id")).exists()
        count = len(events)
        events.unlink()
        _logger.info("%s demo events of the calendar module removed", count)
        return True
