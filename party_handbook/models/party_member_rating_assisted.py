# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Paper self-assessments (issue #12): most members of a village cell have
no login and write their self-assessment on paper (bản tự kiểm điểm). The
cell secretary enters its score and text on the member's behalf, with the
member's consent to assisted entries; the rating carries the assisted
flag and who entered it, shows in the member's page of entries made on
their behalf and can be disputed there."""
from odoo import _, api, fields, models

# pylint: disable=missing-import-error
from .party_member_rating import PartyMemberRating as _Rating

CELL_SECRETARY = "party_handbook.group_party_handbook_cell_secretary"


class PartyMemberRating(models.Model):
    _inherit = "party.member.rating"
    _protected_fields = _Rating._protected_fields + (
        "self_assisted", "self_recorded_by")

    self_assisted = fields.Boolean(
        string="Self-assessment entered on the member's behalf", readonly=True,
        copy=False, help="The member wrote the self-assessment on paper; the "
                         "cell secretary entered it with the member's consent.")
    self_recorded_by = fields.Many2one(
        "res.users", string="Self-assessment entered by", readonly=True,
        copy=False, ondelete="restrict")

    @api.multi
    def action_self_assess_on_paper(self, score, comment=None):
        """The cell secretary enters the member's paper self-assessment."""
        self._check_step("draft", CELL_SECRETARY)
        self.check_access_rule("write")
        self._check_score(score)
        # one's own self-assessment is one's own step, never "assisted"
        own = self.filtered(
            lambda r: r.member_id.partner_id == self.env.user.partner_id)
        for rating in own:
            rating.action_self_assess(score, comment)
        others = self - own
        others.mapped("member_id")._check_assistance_consent()
        if others:
            others._step_write({"self_score": score, "self_comment": comment,
                                "state": "self", "self_assisted": True,
                                "self_recorded_by": self.env.uid})
        return True


class PartyMember(models.Model):
    _inherit = "party.member"

    def _assisted_entries(self):
        entries = super()._assisted_entries()
        ratings = self.env["party.member.rating"].sudo().search([
            ("member_id", "=", self.id), ("self_assisted", "=", True)],
            order="id desc")
        for rating in ratings:
            entries.append({
                "model": rating._name, "res_id": rating.id,
                "date": rating.write_date,
                "kind": _("Self-assessment entered from paper"),
                "what": "%s: %s" % (rating.period_id.name,
                                    rating.self_score),
                "recorder": rating.self_recorded_by,
            })
        return entries
