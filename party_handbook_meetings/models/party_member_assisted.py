# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The meetings' entries made on a member's behalf (issue #12): excuse
requests the secretary asked for them, named votes the recorder entered
for them. Shown in the member's portal page "entries made on my behalf"
(``party.member._assisted_entries`` of party_handbook), disputable there."""
from odoo import _, models


class PartyMember(models.Model):
    _inherit = "party.member"

    def _assisted_entries(self):
        entries = super()._assisted_entries()
        Line = self.env["party.meeting.attendance"].sudo()
        for line in Line.search([("member_id", "=", self.id),
                                 ("excuse_assisted", "=", True)],
                                order="excuse_requested_on desc, id desc"):
            entries.append({
                "model": line._name, "res_id": line.id,
                "date": line.excuse_requested_on,
                "kind": _("Request to be excused"),
                "what": "%s: %s" % (line.meeting_id.name,
                                    line.excuse_reason or ""),
                "recorder": line.excuse_requested_by,
            })
        Vote = self.env["party.meeting.vote"].sudo()
        for vote in Vote.search([("member_id", "=", self.id),
                                 ("assisted", "=", True)], order="id desc"):
            choice = vote.choice and dict(vote._fields[
                "choice"]._description_selection(self.env))[vote.choice]
            entries.append({
                "model": vote._name, "res_id": vote.id,
                "date": vote.create_date,
                "kind": _("Named vote"),
                "what": "%s: %s" % (vote.motion_id.name,
                                    choice or _("secret ballot")),
                "recorder": vote.create_uid,
            })
        return entries
