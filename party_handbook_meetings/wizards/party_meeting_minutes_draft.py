# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class PartyMeetingMinutesDraftWizard(models.TransientModel):
    """Asks before a new draft replaces minutes the secretary has edited
    (the checks are the meeting's: ``action_redraft_minutes``)."""

    _name = "party.meeting.minutes.draft.wizard"
    _description = "Replace edited minutes with a new draft"

    meeting_ids = fields.Many2many("party.meeting", string="Meetings")

    @api.multi
    def action_confirm(self):
        self.ensure_one()
        self.meeting_ids.action_redraft_minutes()
        return {"type": "ir.actions.act_window_close"}
