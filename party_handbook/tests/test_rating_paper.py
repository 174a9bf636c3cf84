# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Paper self-assessments entered by the cell secretary on the member's
behalf (issue #12): consent required, flagged, listed among the member's
assisted entries, own rating never "assisted", other cells refused."""
from odoo.exceptions import AccessError, UserError
from odoo.tools import mute_logger

from .common import PartyCase


class TestPaperSelfAssessment(PartyCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        period = cls.env["party.member.rating.period"]._get_period(
            "quarter", 2031, 2)
        cls.Rating = cls.env["party.member.rating"]
        cls.Rating.sudo(cls.secretary_user).open_period(cls.cell_a1, period)
        ratings = cls.Rating.search([("period_id", "=", period.id)])
        cls.of = {r.member_id: r for r in ratings}
        cls.env["party.member.rating"].sudo().open_period(cls.cell_b1, period)
        cls.other_cell = cls.Rating.search([
            ("period_id", "=", period.id),
            ("member_id", "=", cls.b1_official.id)])

    def paper(self, rating, user=None, score=80):
        return rating.sudo(user or self.secretary_user)\
            .action_self_assess_on_paper(score, "Bản tự kiểm điểm")

    def test_consent_is_required_then_the_entry_is_flagged(self):
        rating = self.of[self.a1_official]
        with self.assertRaises(UserError):
            self.paper(rating)
        self.assertEqual(rating.state, "draft")
        self.a1_official.sudo(self.secretary_user)\
            .action_record_assistance_consent("Ký giấy đồng ý")
        self.paper(rating)
        self.assertEqual((rating.state, rating.self_score, rating.self_assisted,
                          rating.self_recorded_by),
                         ("self", 80, True, self.secretary_user))
        entries = self.a1_official._assisted_entries()
        self.assertIn(("party.member.rating", rating.id),
                      [(e["model"], e["res_id"]) for e in entries])
        # the next step goes on as for an online self-assessment
        rating.sudo(self.secretary_user).action_propose(82)
        self.assertEqual(rating.state, "proposed")

    def test_the_secretary_own_rating_is_not_assisted(self):
        rating = self.of[self.a1_other]
        self.paper(rating, score=90)
        self.assertEqual((rating.state, rating.self_assisted), ("self", False))

    def test_refused_outside_the_role_and_the_scope(self):
        with self.assertRaises(AccessError), mute_logger("odoo.models"):
            self.paper(self.of[self.a1_official], user=self.member_user)
        with self.assertRaises(AccessError), mute_logger("odoo.models"):
            self.paper(self.other_cell, score=70)
        self.assertEqual(self.other_cell.state, "draft")

    def test_the_flag_cannot_be_written(self):
        rating = self.of[self.a1_official]
        for values in ({"self_assisted": True},
                       {"self_recorded_by": self.secretary_user.id}):
            with self.assertRaises((AccessError, UserError)), \
                    mute_logger("odoo.models"):
                rating.sudo(self.secretary_user).with_context(
                    party_internal=True).write(values)
        self.assertFalse(rating.self_assisted)
