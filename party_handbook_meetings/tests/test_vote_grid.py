# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The vote grid (issue #12): a hand or named vote of the whole roster on
one screen, assisted entries only with the member's consent, members who
voted themselves left untouched."""
from odoo.exceptions import AccessError, UserError
from odoo.tools import mute_logger

from .common import MeetingCase


class TestVoteGrid(MeetingCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # cell A1 grows to 14 official members present who can vote
        cls.more = cls.env["party.member"]
        for index in range(8):
            cls.more |= cls.create_member(
                "Đảng viên lưới %s" % index, cls.cell_a1, "official",
                email="luoi%s@example.org" % index)

    def grid(self, motion, user=None):
        Grid = self.env["party.meeting.vote.grid"].sudo(user or self.secretary_user)
        return Grid.with_context(default_motion_id=motion.id).create({})

    def test_fourteen_named_votes_in_one_save(self):
        meeting = self.started_meeting()
        motion = self.motion(meeting, method="named")
        motion.action_open_vote()
        grid = self.grid(motion)
        self.assertEqual(len(grid.line_ids), 14)
        self.assertNotIn(self.a1_probationary, grid.line_ids.mapped("member_id"))
        choices = ["yes"] * 9 + ["no"] * 3 + ["abstain"] * 2
        for line, choice in zip(grid.line_ids, choices):
            line.choice = choice
        grid.action_save()
        self.assertEqual(motion.voted_count, 14)
        self.assertEqual(set(motion.vote_ids.mapped("create_uid")),
                         {self.secretary_user})
        self.assertFalse(any(motion.vote_ids.mapped("assisted")))
        motion.action_close_vote()
        self.assertEqual((motion.yes_count, motion.no_count, motion.abstain_count,
                          motion.result), (9, 3, 2, "passed"))

    def test_assisted_lines_need_the_members_consent(self):
        meeting = self.started_meeting()
        motion = self.motion(meeting, method="named")
        motion.action_open_vote()
        grid = self.grid(motion)
        lines = {line.member_id: line for line in grid.line_ids}
        for line in grid.line_ids:
            line.choice = "yes"
        lines[self.more[0]].assisted = True
        with self.assertRaisesRegex(UserError, "has not agreed"):
            grid.action_save()
        # nothing was recorded
        self.assertEqual(motion.voted_count, 0)
        self.more[0].sudo(self.secretary_user).action_record_assistance_consent(
            "Signed form kept by the cell")
        grid.action_save()
        self.assertEqual(motion.voted_count, 14)
        vote = motion.vote_ids.filtered(lambda v: v.member_id == self.more[0])
        self.assertEqual((vote.assisted, vote.create_uid, vote.choice),
                         (True, self.secretary_user, "yes"))
        self.assertEqual(motion.vote_ids.filtered("assisted"), vote)
        # the single vote path asks for consent as well
        other = self.motion(meeting, method="named", name="Khác")
        other.action_open_vote()
        with self.assertRaisesRegex(UserError, "has not agreed"):
            other.sudo(self.secretary_user).cast_vote(
                "no", member=self.more[1], assisted=True)
        self.assertFalse(other.vote_ids)

    def test_members_who_voted_themselves_are_untouched(self):
        meeting = self.started_meeting()
        motion = self.motion(meeting, method="named")
        motion.action_open_vote()
        motion.sudo(self.member_user).cast_vote("yes")
        grid = self.grid(motion)
        line = grid.line_ids.filtered(lambda l: l.member_id == self.a1_official)
        self.assertEqual((line.already_voted, line.choice), (True, "yes"))
        # another member votes online while the grid is open
        late = grid.line_ids.filtered(lambda l: l.member_id == self.more[0])
        self.assertFalse(late.already_voted)
        motion.sudo()._cast(self.more[0].id, "abstain")
        for line in grid.line_ids:
            line.choice = "no"
        grid.action_save()
        votes = {vote.member_id: vote.choice for vote in motion.vote_ids}
        self.assertEqual(len(votes), 14)
        self.assertEqual(votes[self.a1_official], "yes")
        self.assertEqual(votes[self.more[0]], "abstain")
        self.assertEqual(grid.skipped_names, self.more[0].name)
        self.assertEqual(list(votes.values()).count("no"), 12)

    def test_hand_votes_from_the_grid(self):
        meeting = self.started_meeting()
        motion = self.motion(meeting)
        motion.action_open_vote()
        grid = self.grid(motion)
        for line, choice in zip(grid.line_ids, ["yes"] * 8 + ["no"] * 6):
            line.choice = choice
        grid.action_save()
        self.assertEqual((motion.yes_count, motion.no_count), (8, 6))
        self.assertFalse(motion.vote_ids)
        # or the counts typed directly
        grid = self.grid(motion)
        grid.write({"yes_count": 7, "no_count": 7})
        grid.action_save()
        motion.action_close_vote()
        self.assertEqual((motion.yes_count, motion.no_count, motion.result),
                         (7, 7, "rejected"))

    @mute_logger("odoo.addons.base.ir.ir_model", "odoo.models")
    def test_secret_ballots_and_members_refused(self):
        meeting = self.started_meeting()
        secret = self.motion(meeting, method="secret")
        secret.action_open_vote()
        with self.assertRaisesRegex(UserError, "paper ballots"):
            self.grid(secret).action_save()
        named = self.motion(meeting, method="named", name="Khác")
        named.action_open_vote()
        with self.assertRaises(AccessError):
            self.grid(named, self.member_user).action_save()
        self.assertFalse(named.vote_ids)
