# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Personal data protection: meeting attendance is logged like the member's
other records and is part of the member's data file."""
from odoo import _, api, models


class PartyMeetingAttendance(models.Model):
    _name = "party.meeting.attendance"
    _inherit = ["party.meeting.attendance", "party.data.logged"]


class PartyMember(models.Model):
    _inherit = "party.member"

    @api.model
    def _subject_access_sections(self):
        return super()._subject_access_sections() + [
            ("meeting_attendance", _("Meeting attendance"),
             "party.meeting.attendance")]
