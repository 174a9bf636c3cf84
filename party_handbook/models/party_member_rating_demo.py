# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Demo: the current quarter's ratings of the demo cell, at every step,
taken through the same actions the secretary and the officer use."""
import random

from odoo import api, models

SELF_COMMENTS = [
    "Tham gia đầy đủ sinh hoạt chi bộ, hoàn thành nhiệm vụ được phân công.",
    "Gương mẫu ở khu dân cư, vận động gia đình chấp hành tốt chủ trương.",
    "Còn hạn chế trong việc tham gia ý kiến tại các kỳ sinh hoạt.",
]


class PartyMemberRatingDemo(models.AbstractModel):
    _name = "party.member.rating.demo"
    _description = "Demo quality ratings"

    @api.model
    def _create_demo_ratings(self):
        Rating = self.env["party.member.rating"]
        cell = self.env.ref("party_handbook.org_vinh_loc_cell_1_demo")
        secretary = self.env.ref("party_handbook.user_secretary_demo")
        officer = self.env.ref("party_handbook.user_officer_demo")
        member_user = self.env.ref("party_handbook.user_member_demo")
        period = self.env["party.member.rating.period"]._current_quarter()
        ratings = Rating.sudo(secretary).open_period(cell, period).sudo()
        # the demo member (portal login) self-assesses in the portal
        others = ratings.filtered(
            lambda r: r.member_partner_id != member_user.partner_id
            and r.member_id.state != "exempted").sorted("id")
        rng = random.Random(366)
        # members without a login: their paper self-assessment, as loaded
        # (recorded by the secretary: the chatter names her)
        assessed = others[:int(len(others) * 0.8)]
        for rating in assessed:
            with Rating._acting_as(secretary):
                rating.write({"self_score": rng.randint(62, 95),
                              "self_comment": rng.choice(SELF_COMMENTS),
                              "state": "self"})
        proposed = assessed[:int(len(assessed) * 0.7)]
        for rating in proposed:
            rating.sudo(secretary).action_propose(
                max(0, min(100, rating.self_score + rng.randint(-6, 2))))
        decided = proposed[:int(len(proposed) * 0.6)]
        decided.sudo(secretary).action_cell_decide()
        decided[:int(len(decided) * 0.5)].sudo(officer).action_approve()
        return ratings
