# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import mute_logger

from ..models.party_member_rating import level_for
from .common import PartyCase


class TestDiscipline(PartyCase):

    def discipline(self, member, form, **values):
        vals = {"member_id": member.id, "form": form, "decision_number": "01-QĐ",
                "issuing_body": "Đảng ủy xã", "date": "2026-05-01"}
        vals.update(values)
        return self.env["party.member.discipline"].create(vals)

    def test_probationary_members_only_reprimand_or_warning(self):
        for form in ("reprimand", "warning"):
            self.assertTrue(self.discipline(self.a1_probationary, form))
        for form in ("removal", "expulsion"):
            with self.assertRaises(ValidationError) as error:
                self.discipline(self.a1_probationary, form)
            self.assertIn("probationary", str(error.exception.name))

    def test_official_members_all_forms_and_expulsion_ends_membership(self):
        self.discipline(self.a1_official, "removal")
        self.assertEqual(self.a1_official.state, "official")
        self.discipline(self.a1_other, "expulsion", reason="Vi phạm nghiêm trọng")
        self.assertEqual(self.a1_other.state, "left")
        last = self.a1_other.history_ids.sorted("id")[-1]
        self.assertEqual((last.leave_form, last.decision), ("expelled", "01-QĐ"))

    def test_future_decision_is_refused(self):
        with self.assertRaises(ValidationError):
            self.discipline(self.a1_official, "reprimand", date="2999-01-01")


class TestRating(PartyCase):

    def test_thresholds_of_the_100_point_scale(self):
        cases = [(100, "excellent"), (90, "excellent"), (89.9, "good"), (70, "good"),
                 (69.5, "completed"), (50, "completed"), (49.9, "not_completed"),
                 (0, "not_completed")]
        for score, level in cases:
            self.assertEqual(level_for(score), level, score)

    def open(self):
        return self.env["party.member.rating"].sudo(self.secretary_user).open_year(
            self.cell_a1, 2026)

    def test_steps_each_by_its_role(self):
        ratings = self.open()
        self.assertEqual(len(ratings), 3)
        self.assertEqual(len(self.open()), 0, "opening twice creates nothing")
        rating = ratings.filtered(lambda r: r.member_id == self.a1_official)
        # only the member assesses themself
        with self.assertRaises(AccessError):
            rating.sudo(self.secretary_user).action_self_assess(95)
        rating.sudo(self.member_user).action_self_assess(92, "Hoàn thành tốt")
        self.assertEqual((rating.state, rating.self_level), ("self", "excellent"))
        with self.assertRaises(UserError):
            rating.sudo(self.member_user).action_self_assess(80)
        # the member cannot take the committee's steps
        with self.assertRaises(AccessError):
            rating.sudo(self.member_user).action_propose(85)
        rating.sudo(self.secretary_user).action_propose(85)
        self.assertEqual(rating.proposed_level, "good")
        rating.sudo(self.secretary_user).action_cell_decide()
        self.assertEqual(rating.cell_level, "good")
        # the cell does not approve its own ratings
        with self.assertRaises(AccessError):
            rating.sudo(self.secretary_user).action_approve()
        rating.sudo(self.officer_user).action_approve()
        self.assertEqual((rating.state, rating.final_level), ("approved", "good"))
        with self.assertRaises(UserError):
            rating.sudo(self.officer_user).action_approve("excellent")

    def test_scores_are_checked(self):
        rating = self.open().filtered(lambda r: r.member_id == self.a1_official)
        for bad in (101, -1, "90"):
            with self.assertRaises(ValidationError):
                rating.sudo(self.member_user).action_self_assess(bad)
        self.assertEqual(rating.state, "draft")

    @mute_logger("odoo.addons.base.ir.ir_model", "odoo.models")
    def test_officer_of_another_commune_cannot_approve(self):
        other_officer = self.create_user("officer", [self.commune_b],
                                         login="ph_officer_b")
        rating = self.open().filtered(lambda r: r.member_id == self.a1_official)
        rating.sudo(self.member_user).action_self_assess(60)
        rating.sudo(self.secretary_user).action_propose(60)
        rating.sudo(self.secretary_user).action_cell_decide()
        with self.assertRaises(AccessError):
            rating.sudo(other_officer).action_approve()

    def test_results_per_organization_and_year(self):
        ratings = self.open()
        for rating, score in zip(ratings.sorted("id"), (95, 75, 40)):
            # the member may skip the self-assessment: the proposal is
            # taken as it would be at the meeting
            self.env.cr.execute(
                "UPDATE party_member_rating SET self_score = %s, state = 'self' "
                "WHERE id = %s", (score, rating.id))
            rating.invalidate_cache()
            rating.sudo(self.secretary_user).action_propose(score)
            rating.sudo(self.secretary_user).action_cell_decide()
            rating.sudo(self.officer_user).action_approve()
        groups = self.env["party.member.rating"].read_group(
            [("rated_organization_id", "=", self.cell_a1.id), ("year", "=", 2026)],
            ["final_level"], ["final_level"])
        counts = {g["final_level"]: g["final_level_count"] for g in groups}
        self.assertEqual(counts, {"excellent": 1, "good": 1, "not_completed": 1})
