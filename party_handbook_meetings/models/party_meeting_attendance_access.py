# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A roster line's restriction (suspended, under prosecution or detention)
is as sensitive as the member's own (``party.member.activity_restriction``):
read, searched, grouped, sorted and exported by cell secretaries and
officers only. The meeting's counts (counted base, eligible voters) are
stored on the meeting and shown to every reader of the meeting; a member
is told why they cannot vote by the application (``_vote_refusal``)."""
from odoo import fields, models

from odoo.addons.party_handbook.models.party_member import SENSITIVE


class PartyMeetingAttendance(models.Model):
    _inherit = "party.meeting.attendance"

    restriction = fields.Selection(groups=SENSITIVE)
