# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models

from .party_meeting_motion import CHOICES  # pylint: disable=missing-import-error


class PartyMeetingVoteWizard(models.TransientModel):
    """The secretary records a member's choice in an open named vote (a
    show of hands recorded name by name, or a vote given on the member's
    behalf: then it is flagged as assisted)."""

    _name = "party.meeting.vote.wizard"
    _description = "Record a named vote"

    motion_id = fields.Many2one("party.meeting.motion", required=True)
    meeting_id = fields.Many2one(related="motion_id.meeting_id", readonly=True)
    member_id = fields.Many2one(
        "party.member", required=True,
        domain="[('meeting_attendance_ids.meeting_id', '=', meeting_id), "
               "('meeting_attendance_ids.state', '=', 'present')]")
    choice = fields.Selection(CHOICES, required=True)
    assisted = fields.Boolean(string="Assisted entry")

    @api.multi
    def action_record(self):
        self.ensure_one()
        self.motion_id.cast_vote(
            self.choice, member=self.member_id, assisted=self.assisted)
        return {"type": "ir.actions.act_window_close"}
