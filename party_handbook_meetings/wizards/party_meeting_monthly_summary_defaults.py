# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The monthly summary opens on data: the user's committee (the highest
organization they serve rather than a cell) and the last month, up to this
one, in which its cells held a meeting (the previous month when none has)."""
from odoo import fields, models

from odoo.addons.party_handbook.models.party_city import city_today

HELD = ("closed", "approved")


class PartyMeetingMonthlySummary(models.TransientModel):
    _inherit = "party.meeting.monthly.summary"

    def _default_organization(self):
        organizations = self.env.user.party_organization_ids
        committees = organizations.filtered(lambda o: o.level != "cell")
        return (committees or organizations).sorted(
            lambda o: (o.parent_left or 0, o.id))[:1]

    def _last_month_with_meetings(self):
        organization = self._default_organization()
        today = city_today(self)  # as _previous_month
        if organization:
            meeting = self.env["party.meeting"].sudo().search([
                ("organization_id", "child_of", organization.id),
                ("state", "in", HELD), ("date", "<=", today)],
                order="date desc", limit=1)
            if meeting:
                return fields.Date.from_string(meeting.date)
        return None

    def _default_month(self):
        day = self._last_month_with_meetings() or self._previous_month()
        return str(day.month)

    def _default_year(self):
        day = self._last_month_with_meetings() or self._previous_month()
        return day.year
