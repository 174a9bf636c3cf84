# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The member profile sheet (lý lịch đảng viên) as PDF. Everything is read
with the printing user's rights: the action is for cell secretaries and
above, who may read the sensitive fields (national ID, ethnicity, religion,
discipline, ratings); the template still shows those only to users of the
fields' group."""
from odoo import _, api, fields, models
from odoo.exceptions import AccessError

from .party_member import SENSITIVE


class ReportMemberProfile(models.AbstractModel):
    _name = "report.party_handbook.report_member_profile"
    _description = "Party member profile sheet"

    @api.model
    def _check_access(self, members):
        if not self.env.user.has_group(SENSITIVE):
            raise AccessError(_(
                "Only cell secretaries and committee officers may print "
                "member profile sheets."))
        members.check_access_rights("read")
        members.check_access_rule("read")

    @api.model
    def get_report_values(self, docids, data=None):  # pylint: disable=unused-argument
        members = self.env["party.member"].browse(docids)
        self._check_access(members)
        return {
            "doc_ids": docids,
            "doc_model": "party.member",
            "docs": members,
            "show_sensitive": self.env.user.has_group(SENSITIVE),
            "printed_on": fields.Date.context_today(self),
            "printed_by": self.env.user,
        }
