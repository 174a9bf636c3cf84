# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models

from odoo.addons.party_handbook.models.party_member import SENSITIVE

from .statute import RESTRICTIONS  # pylint: disable=missing-import-error


class PartyMember(models.Model):
    _inherit = "party.member"

    activity_restriction = fields.Selection(
        RESTRICTIONS, string="Restriction", groups=SENSITIVE,
        track_visibility="onchange",
        help="Suspended members and members under prosecution or detention "
             "are left out of the counted base of meetings and do not vote.")
    meeting_attendance_ids = fields.One2many(
        "party.meeting.attendance", "member_id", string="Meetings",
        readonly=True)


class PartyOrganization(models.Model):
    _inherit = "party.organization"

    meeting_quorum_numerator = fields.Integer(
        string="Required attendance", default=2,
        help="A meeting is valid when at least this fraction of the counted "
             "members is present (the Statute's common rule is 2/3).")
    meeting_quorum_denominator = fields.Integer(
        string="Required attendance (out of)", default=3)
