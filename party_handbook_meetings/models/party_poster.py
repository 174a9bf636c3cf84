# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Posters of a month's cell meetings (issue #15).

From the monthly summary (Cell Meetings → Statistics → Monthly summary) an
officer makes, in one click, a poster of an organization's month: the
regular meetings its cells held against those due, the attendance at them
and the motions passed, counted once with the summary's own query and
stored on the poster (a snapshot, refreshed on request while it is a
draft); the key points are prefilled from the same figures, in the
handbook's language. Members see the published month posters of their own
organization and of the organizations above it
(security/party_poster_rules.xml of this module).
"""
from odoo import _, api, fields, models


class PartyPosterMonth(models.Model):
    _inherit = "party.poster"

    kind = fields.Selection(selection_add=[("month", "Month of meetings")])

    def _figure_labels(self):
        labels = super()._figure_labels()
        labels.update({
            "held": _("Cells that held their regular meeting"),
            "attendance": _("Attendance at these meetings"),
            "motions_passed": _("Motions passed"),
        })
        return labels

    def _month_summary(self):
        """The monthly summary of the poster's organization and month, as
        the current user (whose right to it the summary checks)."""
        self.ensure_one()
        day = fields.Date.from_string(self.month)
        wizard = self.env["party.meeting.monthly.summary"].create({
            "organization_id": self.organization_id.id,
            "month": str(day.month), "year": day.year})
        return wizard._summary()

    def _compute_figure_values(self):
        self.ensure_one()
        if self.kind != "month":
            return super()._compute_figure_values()
        totals = self._month_summary()["totals"]
        voted = totals["passed"] + totals["rejected"] + totals["invalid"]
        return [
            {"code": "held", "value": totals["held"], "total": totals["due"]},
            {"code": "attendance", "value": totals["present"],
             "total": totals["expected"]},
            {"code": "motions_passed", "value": totals["passed"],
             "total": voted},
        ]

    def _month_key_points(self):
        """Three or four sentences of the month's figures (the officer
        edits them), in the language ``self`` speaks."""
        self.ensure_one()
        totals = self._month_summary()["totals"]
        voted = totals["passed"] + totals["rejected"] + totals["invalid"]
        points = [
            _("%(held)s of %(due)s cells held their regular meeting this "
              "month.") % totals,
            _("%(present)s members attended, of %(expected)s expected.")
            % totals,
            _("%(passed)s of %(voted)s motions put to the vote were passed.")
            % dict(totals, voted=voted),
        ]
        if totals["no_quorum"]:
            points.append(_("%(no_quorum)s meetings did not have the required "
                            "attendance.") % totals)
        return points

    @api.model
    def _demo_month_poster(self, organization_id):
        """Demo data: a published poster of the organization's last month
        with meetings held."""
        meeting = self.env["party.meeting"].search([
            ("organization_id", "child_of", organization_id),
            ("state", "in", ("closed", "approved")),
            ("date", "<=", fields.Date.context_today(self))],
            order="date desc", limit=1)
        if not meeting:
            return []
        day = fields.Date.from_string(meeting.date)
        wizard = self.env["party.meeting.monthly.summary"].create({
            "organization_id": organization_id, "month": str(day.month),
            "year": day.year})
        poster = self.browse(wizard.action_make_poster()["res_id"])
        poster._demo_publish()
        return poster.ids
