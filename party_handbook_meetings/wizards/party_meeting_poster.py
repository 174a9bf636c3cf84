# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The monthly summary makes a poster of the month (issue #15): see
models/party_poster.py."""
from datetime import date

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from odoo.addons.party_handbook.models.party_lang import in_handbook_lang
from odoo.addons.party_handbook.models.party_poster import OFFICER


class PartyMeetingMonthlySummaryPoster(models.TransientModel):
    _inherit = "party.meeting.monthly.summary"

    @api.multi
    def action_make_poster(self):
        """One click: a draft poster of this organization's month."""
        self.ensure_one()
        if not self.env.user.has_group(OFFICER):
            raise UserError(_("Only committee officers make posters."))
        start, __ = self._period()
        self._check_access()
        today = fields.Date.from_string(fields.Date.context_today(self))
        if start > date(today.year, today.month, 1):
            raise UserError(_("A poster shows a month that has begun."))
        organization = self.organization_id.sudo()
        Poster = self.env["party.poster"]
        title = in_handbook_lang(self)._poster_title()
        poster = Poster._make({
            "name": title, "kind": "month",
            "organization_id": organization.id,
            "month": fields.Date.to_string(start),
        })
        points = in_handbook_lang(poster)._month_key_points()
        poster._set_prefilled_points(points)
        return poster._form_action()

    @api.multi
    def _poster_title(self):
        self.ensure_one()
        return _("Cell meetings of %(organization)s, month %(month)s/%(year)s") % {
            "organization": self.organization_id.sudo().name,
            "month": "%02d" % int(self.month), "year": self.year}
