# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class PartyMeeting(models.Model):
    """A party cell meeting (sinh hoạt chi bộ)."""

    _name = "party.meeting"
    _description = "Party cell meeting"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date_start desc, id desc"

    name = fields.Char(string="Topic", required=True, track_visibility="onchange")
    organization_id = fields.Many2one(
        "party.organization", required=True, index=True, ondelete="restrict",
        track_visibility="onchange")
    meeting_type = fields.Selection(
        [("regular", "Regular monthly"), ("thematic", "Thematic"),
         ("extraordinary", "Extraordinary")],
        string="Type", required=True, default="regular")
    date_start = fields.Datetime(
        string="Start", required=True, index=True, track_visibility="onchange")
    date_end = fields.Datetime(string="End", track_visibility="onchange")
    location = fields.Char(string="Place or online link")
    state = fields.Selection(
        [("draft", "Draft"), ("announced", "Announced"),
         ("in_progress", "In progress"), ("closed", "Closed"),
         ("approved", "Minutes approved"), ("cancelled", "Cancelled")],
        string="Status", required=True, default="draft", readonly=True, copy=False,
        index=True, track_visibility="onchange")

    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        # as superuser: a create outside the user's scope must fail on the
        # access rule (AccessError), not inside this check
        for meeting in self.sudo():
            if meeting.date_end and meeting.date_end < meeting.date_start:
                raise ValidationError(
                    _("The meeting cannot end before it starts."))
