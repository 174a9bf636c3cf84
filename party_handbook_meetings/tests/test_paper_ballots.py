# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Paper and hybrid secret ballots (issue #12): the register records who
took a paper ballot, nobody votes twice either way, the vote-counting
board's tally reconciles, and closing adds both parts."""
from odoo.exceptions import AccessError, UserError
from odoo.tools import mute_logger

from .common import MeetingCase


class TestPaperBallots(MeetingCase):

    def open_secret(self, meeting=None, **values):
        motion = self.motion(meeting or self.started_meeting(), method="secret",
                             **values)
        motion.action_open_vote()
        return motion

    def voters(self, motion):
        return motion.meeting_id.attendance_ids.filtered("can_vote").mapped(
            "member_id")

    def register(self, motion):
        return {vote.member_id: vote.channel for vote in motion.vote_ids}

    def test_paper_only(self):
        """Nobody has a login: every member present votes on paper."""
        motion = self.open_secret()
        as_secretary = motion.sudo(self.secretary_user)
        voters = self.voters(motion)
        self.assertEqual(len(voters), 6)
        result = as_secretary.action_issue_paper_ballots(voters.ids)
        self.assertEqual((len(result["registered"]), result["skipped"]), (6, []))
        self.assertEqual(set(self.register(motion).values()), {"paper"})
        self.assertFalse(any(motion.vote_ids.mapped("choice")))
        self.assertEqual(motion.paper_taken_count, 6)
        self.assertEqual(motion.voted_count, 6)
        as_secretary.action_record_paper_tally(
            self.officials[:2].ids, returned=6, spoiled=0, yes=4, no=1, abstain=1)
        motion.action_close_vote()
        self.assertEqual((motion.yes_count, motion.no_count, motion.abstain_count,
                          motion.result), (4, 1, 1, "passed"))
        self.assertIn("Online: 0 ballots; paper: 6 issued, 6 returned, 0 "
                      "spoiled.", motion.explanation)
        self.assertIn(self.officials[0].name, motion.ballot_parts)
        self.assertEqual(motion.online_ballot_count, 0)

    @mute_logger("odoo.models")
    def test_who_has_not_voted_is_told_to_who_runs_the_vote(self):
        motion = self.open_secret()
        Issue = self.env["party.meeting.paper.issue"]
        proposed = Issue.sudo(self.secretary_user).with_context(
            default_motion_id=motion.id).default_get(["motion_id", "member_ids"])
        self.assertEqual(len(proposed["member_ids"][0][2]), 6)
        # a member of the cell, or of another cell, is not told who voted
        for user in (self.member_user, self.supervisor_user):
            with self.assertRaises(AccessError, msg=user.login):
                Issue.sudo(user).with_context(
                    default_motion_id=motion.id).default_get(
                        ["motion_id", "member_ids"])

    def test_hybrid_nobody_votes_twice(self):
        motion = self.open_secret()
        as_secretary = motion.sudo(self.secretary_user)
        # the member with a login votes online: no paper ballot for him
        motion.sudo(self.member_user).cast_vote("yes")
        others = self.voters(motion) - self.a1_official
        result = as_secretary.action_issue_paper_ballots(
            (others | self.a1_official).ids)
        self.assertEqual(result["skipped"], [self.a1_official.id])
        self.assertEqual(len(result["registered"]), 5)
        with self.assertRaisesRegex(UserError, "already voted online"):
            motion.sudo()._cast(self.a1_official.id, None, channel="paper")
        # a member holding a paper ballot cannot vote online (nor get a second)
        with self.assertRaisesRegex(UserError, "paper ballot"):
            motion.sudo()._cast(others[0].id, "no")
        again = as_secretary.action_issue_paper_ballots(others[:1].ids)
        self.assertEqual(again["skipped"], others[:1].ids)
        self.assertEqual(len(motion.vote_ids), 6)
        # one ballot spoiled: 5 issued = 4 returned + 1 spoiled
        as_secretary.action_record_paper_tally(
            self.a1_other.ids, returned=4, spoiled=1, yes=3, no=1, abstain=0)
        motion.action_close_vote()
        # frozen counts: the online ballot decrypted plus the paper tally
        self.assertEqual((motion.yes_count, motion.no_count, motion.abstain_count),
                         (4, 1, 0))
        self.assertEqual(motion.result, "passed")
        self.assertEqual(motion.online_ballot_count, 1)
        # the split by channel is forgotten: with one online ballot it would
        # tell that member's choice
        self.assertEqual((motion.paper_yes_count, motion.paper_no_count,
                          motion.paper_abstain_count), (0, 0, 0))
        self.assertEqual(motion.paper_returned_count, 4)
        self.assertIn("Online: 1 ballots; paper: 5 issued, 4 returned, 1 "
                      "spoiled.", motion.explanation)
        # ballots still equal the register's online rows
        self.env.cr.execute("SELECT count(*) FROM party_meeting_ballot "
                            "WHERE motion_id = %s", (motion.id,))
        self.assertEqual(self.env.cr.fetchone()[0], 1)

    def test_online_only_is_unchanged(self):
        motion = self.open_secret()
        for member, choice in zip(self.voters(motion), ("yes",) * 4 + ("no",) * 2):
            motion.sudo()._cast(member.id, choice)
        motion.action_close_vote()
        self.assertEqual((motion.yes_count, motion.no_count, motion.result),
                         (4, 2, "passed"))
        self.assertIn("Online: 6 ballots; no paper ballot.", motion.explanation)
        self.assertEqual(set(self.register(motion).values()), {"online"})

    def test_a_tally_that_does_not_reconcile_is_refused(self):
        motion = self.open_secret()
        as_secretary = motion.sudo(self.secretary_user)
        as_secretary.action_issue_paper_ballots(self.voters(motion).ids)
        board = self.officials[:1].ids
        with self.assertRaisesRegex(UserError, "6 paper ballots were handed "
                                               "out, but 5 valid ballots"):
            as_secretary.action_record_paper_tally(board, 5, 0, 5, 0, 0)
        with self.assertRaisesRegex(UserError, "do not add up to the 6 valid"):
            as_secretary.action_record_paper_tally(board, 6, 0, 4, 1, 0)
        with self.assertRaisesRegex(UserError, "negative"):
            as_secretary.action_record_paper_tally(board, 7, -1, 7, 0, 0)
        with self.assertRaisesRegex(UserError, "vote-counting board"):
            as_secretary.action_record_paper_tally([], 6, 0, 6, 0, 0)
        with self.assertRaisesRegex(UserError, "not recorded as present"):
            as_secretary.action_record_paper_tally(self.exempted.ids, 6, 0, 6, 0, 0)
        # nothing was recorded, and closing without a tally is refused
        self.assertFalse(motion.paper_tally_recorded)
        self.assertEqual((motion.paper_returned_count, motion.paper_yes_count), (0, 0))
        with self.assertRaisesRegex(UserError, "enters the paper tally"):
            motion.action_close_vote()
        self.assertEqual(motion.state, "open")
        self.assertEqual(len(motion.vote_ids), 6)
        # the right numbers: recorded; no more paper ballot after the tally
        as_secretary.action_record_paper_tally(board, 6, 0, 6, 0, 0)
        self.assertTrue(motion.paper_tally_recorded)
        self.assertEqual(motion.paper_tally_by, self.secretary_user)

    def test_no_more_paper_ballots_once_counted(self):
        meeting = self.started_meeting()
        motion = self.open_secret(meeting)
        as_secretary = motion.sudo(self.secretary_user)
        as_secretary.action_issue_paper_ballots(self.officials[:2].ids)
        as_secretary.action_record_paper_tally(
            self.a1_other.ids, 2, 0, 1, 1, 0)
        with self.assertRaisesRegex(UserError, "no more paper ballots"):
            as_secretary.action_issue_paper_ballots(self.officials[2:3].ids)
        # online votes go on
        motion.sudo(self.member_user).cast_vote("yes")
        motion.action_close_vote()
        self.assertEqual((motion.yes_count, motion.no_count), (2, 1))

    @mute_logger("odoo.addons.base.ir.ir_model", "odoo.models")
    def test_the_paper_part_is_written_by_the_tally_only(self):
        motion = self.open_secret()
        as_secretary = motion.sudo(self.secretary_user)
        for vals in ({"paper_yes_count": 5}, {"paper_tally_recorded": True},
                     {"counting_board_ids": [(6, 0, self.officials.ids)]},
                     {"online_ballot_count": 3}):
            with self.assertRaises(UserError):
                as_secretary.with_context(party_internal=True).write(vals)
        with self.assertRaises(UserError):
            self.env["party.meeting.motion"].sudo(self.secretary_user).create({
                "meeting_id": motion.meeting_id.id, "name": "X",
                "method": "secret", "paper_yes_count": 3})
        # members do not hand out ballots or count them
        with self.assertRaises(AccessError):
            motion.sudo(self.member_user).action_issue_paper_ballots(
                self.officials.ids)
        with self.assertRaises(AccessError):
            motion.sudo(self.member_user).action_record_paper_tally(
                self.officials[:1].ids, 0, 0, 0, 0, 0)
        # paper ballots belong to secret ballots
        hands = self.motion(motion.meeting_id)
        hands.action_open_vote()
        with self.assertRaisesRegex(UserError, "secret ballot only"):
            hands.sudo(self.secretary_user).action_issue_paper_ballots(
                self.officials.ids)
        # a closed vote's paper part is frozen
        motion.action_close_vote()
        with self.assertRaises(UserError):
            as_secretary.action_record_paper_tally(
                self.officials[:1].ids, 0, 0, 0, 0, 0)

    def test_thirteen_present_one_login(self):
        """Issue #12: a secret ballot with 13 present and one login."""
        members = self.env["party.member"]
        for index in range(7):
            members |= self.create_member(
                "Đảng viên giấy %s" % index, self.cell_a1, "official",
                email="giay%s@example.org" % index)
        meeting = self.started_meeting()
        motion = self.open_secret(meeting)
        voters = self.voters(motion)
        self.assertEqual(len(voters), 13)
        motion.sudo(self.member_user).cast_vote("yes")
        as_secretary = motion.sudo(self.secretary_user)
        as_secretary.action_issue_paper_ballots((voters - self.a1_official).ids)
        as_secretary.action_record_paper_tally(
            (self.a1_other | members[0]).ids, 12, 0, 9, 2, 1)
        meeting.action_close()
        self.assertEqual((motion.state, motion.yes_count, motion.no_count,
                          motion.abstain_count, motion.result),
                         ("closed", 10, 2, 1, "passed"))
        self.assertIn("Online: 1 ballots; paper: 12 issued, 12 returned, 0 "
                      "spoiled.", motion.explanation)
        # the minutes, their PDF and the day view show both parts
        self.assertIn("paper: 12 issued", meeting.minutes)
        html = self.env.ref(
            "party_handbook_meetings.action_report_meeting_minutes"
        ).render_qweb_html(meeting.ids)[0]
        html = html.decode() if isinstance(html, bytes) else html
        self.assertIn("paper: 12 issued, 12 returned, 0 spoiled", html)
        overview = self.env["party.meeting"].sudo(self.manager_user).get_day_overview(
            meeting.date)
        cards = [card for card in overview["meetings"] if card["id"] == meeting.id]
        self.assertEqual(len(cards), 1)
        parts = [m.get("ballot_parts") for m in cards[0]["motions"]]
        self.assertIn("Online: 1 ballots", parts[0])
