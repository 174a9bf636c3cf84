# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The Statute's counting rules on their edge cases (no database needed,
but run by Odoo's runner with the module's other tests)."""
from odoo.tests.common import TransactionCase

from ..models.statute import Tally


def roster(official_present=0, official_expected=0, probationary_present=0,
           **excluded):
    """Roster lines: (is_official, restriction, state, is_guest)."""
    lines = [(True, False, "present", False)] * official_present
    lines += [(True, False, "expected", False)] * official_expected
    lines += [(False, False, "present", False)] * probationary_present
    lines += [(True, False, "attached_elsewhere", False)] * excluded.get("attached", 0)
    lines += [(True, False, "exempted", False)] * excluded.get("exempted", 0)
    lines += [(True, "suspended", "present", False)] * excluded.get("suspended", 0)
    lines += [(True, "prosecuted", "absent", False)] * excluded.get("prosecuted", 0)
    lines += [(True, False, "excused", False)] * excluded.get("excused", 0)
    lines += [(True, False, "absent", False)] * excluded.get("absent", 0)
    return Tally.from_lines(lines)


class TestStatute(TransactionCase):

    def test_exactly_half_fails_and_one_more_passes(self):
        tally = roster(official_present=10)
        self.assertEqual(tally.base, 10)
        result, explanation = tally.verdict(5, 5, 0, 2, 3)
        self.assertEqual(result, "rejected")
        self.assertIn("exactly half", explanation)
        self.assertIn("6 needed", explanation)
        self.assertEqual(tally.verdict(6, 4, 0, 2, 3)[0], "passed")

    def test_majority_is_of_the_counted_base_not_of_the_votes_cast(self):
        # 12 counted, 8 present: 5 in favour is a majority of the votes
        # cast but not more than half of the counted members
        tally = roster(official_present=8, official_expected=4)
        self.assertEqual(tally.base, 12)
        self.assertEqual(tally.verdict(5, 1, 2, 2, 3)[0], "rejected")
        self.assertEqual(tally.verdict(7, 1, 0, 2, 3)[0], "passed")

    def test_probationary_members_attend_but_are_not_counted(self):
        tally = roster(official_present=4, probationary_present=3)
        self.assertEqual(tally.base, 4)
        self.assertEqual(tally.present, 4)
        self.assertEqual(tally.present_total, 7)
        result, explanation = tally.verdict(3, 1, 0, 2, 3)
        self.assertEqual(result, "passed")
        self.assertIn("Probationary members present: 3", explanation)

    def test_each_exclusion_leaves_the_counted_base(self):
        for category in ("attached", "exempted", "suspended", "prosecuted", "excused"):
            tally = roster(official_present=6, **{category: 2})
            self.assertEqual(tally.summoned, 8, category)
            self.assertEqual(tally.base, 6, category)
            # a member absent without reason stays in the base
        tally = roster(official_present=6, absent=2)
        self.assertEqual(tally.base, 8)

    def test_suspended_member_present_does_not_vote(self):
        tally = roster(official_present=3, suspended=1)
        self.assertEqual(tally.present, 3)
        self.assertEqual(tally.base, 3)

    def test_exempted_member_who_attends_is_counted(self):
        tally = Tally.from_lines([(True, False, "present", False)] * 3)
        self.assertEqual(tally.base, 3)

    def test_quorum_just_met_and_just_missed(self):
        # 9 counted: two thirds is 6
        met = roster(official_present=6, official_expected=3)
        self.assertEqual(met.required(2, 3), 6)
        self.assertTrue(met.quorum_met(2, 3))
        missed = roster(official_present=5, official_expected=4)
        self.assertFalse(missed.quorum_met(2, 3))
        result, explanation = missed.verdict(5, 0, 0, 2, 3)
        self.assertEqual(result, "invalid")
        self.assertIn("6 (2/3) are required", explanation)
        # 10 counted: two thirds is 6.67, so 7 are needed
        ten = roster(official_present=7, official_expected=3)
        self.assertEqual(ten.required(2, 3), 7)
        self.assertFalse(
            roster(official_present=6, official_expected=4).quorum_met(2, 3))

    def test_configured_quorum(self):
        tally = roster(official_present=6, official_expected=4)
        self.assertFalse(tally.quorum_met(2, 3))
        self.assertTrue(tally.quorum_met(1, 2))

    def test_nobody_counted_cannot_vote(self):
        tally = roster(attached=2, excused=1)
        self.assertEqual(tally.base, 0)
        result, explanation = tally.verdict(0, 0, 0, 2, 3)
        self.assertEqual(result, "invalid")
        self.assertIn("No official member can be counted", explanation)

    def test_explanation_lists_the_exclusions(self):
        tally = roster(official_present=5, attached=1, exempted=1, suspended=1,
                       prosecuted=1, excused=1)
        text = tally.explain_base()
        self.assertIn("Counted members: 5 (10 summoned official members", text)
        for part in ("1 attached elsewhere", "1 exempted and absent", "1 suspended",
                     "1 under prosecution or in detention",
                     "1 absent with an approved reason"):
            self.assertIn(part, text)

    def test_guests_are_neither_summoned_nor_counted(self):
        tally = Tally.from_lines([(True, False, "present", True)] * 2 +
                                 [(True, False, "present", False)] * 3)
        self.assertEqual(tally.summoned, 3)
        self.assertEqual(tally.present_total, 5)

    def test_explanations_speak_the_users_language(self):
        self.env["res.lang"].load_lang("vi_VN")
        source = ("Counted members: %(base)s (all %(summoned)s summoned "
                  "official members).")
        self.env["ir.translation"].create({
            "type": "code", "name": "addons/party_handbook_meetings/models/statute.py",
            "lang": "vi_VN", "src": source, "state": "translated",
            "value": "Số đảng viên được tính: %(base)s (cả %(summoned)s đảng viên "
                     "được triệu tập)."})
        lines = [(True, False, "present", False)] * 3
        vietnamese = Tally.from_lines(lines, self.env(context={"lang": "vi_VN"}))
        self.assertEqual(vietnamese.explain_base(),
                         "Số đảng viên được tính: 3 (cả 3 đảng viên được triệu tập).")
        english = Tally.from_lines(lines, self.env(context={"lang": "en_US"}))
        self.assertEqual(english.explain_base(),
                         "Counted members: 3 (all 3 summoned official members).")
