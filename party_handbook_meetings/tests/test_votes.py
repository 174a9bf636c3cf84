# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import psycopg2

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import mute_logger

from .common import MeetingCase


class TestVotes(MeetingCase):

    def test_hand_count_verdict_and_frozen_result(self):
        meeting = self.started_meeting()
        self.assertEqual((meeting.base_count, meeting.voter_count), (6, 6))
        motion = self.motion(meeting)
        with self.assertRaisesRegex(UserError, "Open the vote"):
            motion.write({"yes_count": 3})
        motion.action_open_vote()
        with self.assertRaises(ValidationError):
            motion.write({"yes_count": 5, "no_count": 2})  # 7 > 6 voters
        motion.write({"yes_count": 3, "no_count": 3})
        self.assertEqual(motion.preview_result, "rejected")
        motion.write({"yes_count": 4, "no_count": 2})
        self.assertEqual(motion.preview_result, "passed")
        motion.action_close_vote()
        self.assertEqual((motion.result, motion.base_count, motion.voter_count),
                         ("passed", 6, 6))
        self.assertIn("4 in favour is more than half of the 6 counted members",
                      motion.explanation)
        with self.assertRaisesRegex(UserError, "closed"):
            motion.write({"yes_count": 1})
        with self.assertRaises(UserError):
            motion.action_close_vote()
        with self.assertRaises(UserError):
            motion.unlink()
        # later attendance changes do not move a frozen verdict
        self.line(meeting, self.a1_official).action_absent()
        self.assertEqual((motion.result, motion.base_count), ("passed", 6))

    def test_exactly_half_fails_through_the_orm(self):
        meeting = self.started_meeting()
        motion = self.motion(meeting)
        motion.action_open_vote()
        motion.write({"yes_count": 3, "no_count": 1, "abstain_count": 2})
        motion.action_close_vote()
        self.assertEqual(motion.result, "rejected")
        self.assertIn("exactly half", motion.explanation)

    def test_quorum_missed_gives_no_resolution(self):
        # 3 of 6 counted members present: 4 are required
        meeting = self.started_meeting(present=self.officials[:3])
        self.assertFalse(meeting.quorum_met)
        motion = self.motion(meeting)
        motion.action_open_vote()
        motion.write({"yes_count": 3})
        motion.action_close_vote()
        self.assertEqual(motion.result, "invalid")
        self.assertIn("4 (2/3) are required", motion.explanation)

    def test_quorum_just_met(self):
        meeting = self.started_meeting(present=self.officials)  # 4 of 6
        self.assertTrue(meeting.quorum_met)
        motion = self.motion(meeting)
        motion.action_open_vote()
        motion.write({"yes_count": 4})
        motion.action_close_vote()
        self.assertEqual(motion.result, "passed")

    def test_named_vote_once_per_member(self):
        meeting = self.started_meeting()
        motion = self.motion(meeting, method="named")
        motion.action_open_vote()
        motion.sudo(self.member_user).cast_vote("yes")
        self.assertEqual(motion.sudo(self.member_user).my_vote, "yes")
        with self.assertRaisesRegex(UserError, "already voted"):
            motion.sudo(self.member_user).cast_vote("no")
        # the secretary enters another member's vote, flagged as assisted
        motion.sudo(self.secretary_user).cast_vote(
            "no", member=self.officials[0], assisted=True)
        vote = motion.vote_ids.filtered(lambda v: v.member_id == self.officials[0])
        self.assertEqual((vote.choice, vote.assisted), ("no", True))
        with self.assertRaises(AccessError):
            motion.sudo(self.member_user).cast_vote("yes", member=self.officials[1])
        with self.assertRaises(UserError):
            motion.sudo(self.member_user).cast_vote("maybe")
        self.assertEqual(motion.voted_count, 2)
        # the database refuses a second row even without the ORM's checks
        with self.assertRaises(psycopg2.IntegrityError), mute_logger("odoo.sql_db"), \
                self.env.cr.savepoint():
            self.env.cr.execute(
                "INSERT INTO party_meeting_vote (motion_id, member_id) VALUES (%s, %s)",
                (motion.id, self.a1_official.id))
        with self.assertRaises(UserError):
            vote.write({"choice": "yes"})
        motion.action_close_vote()
        self.assertEqual((motion.yes_count, motion.no_count), (1, 1))

    def test_who_cannot_vote_is_told_why(self):
        meeting = self.started_meeting()
        motion = self.motion(meeting, method="named")
        motion.action_open_vote()
        Motion = motion.sudo(self.secretary_user)
        with self.assertRaisesRegex(UserError, "probationary"):
            Motion.cast_vote("yes", member=self.a1_probationary)
        with self.assertRaisesRegex(UserError, "suspended"):
            Motion.cast_vote("yes", member=self.suspended)
        with self.assertRaisesRegex(UserError, "not recorded as present"):
            Motion.cast_vote("yes", member=self.exempted)
        with self.assertRaisesRegex(UserError, "not on this meeting"):
            Motion.cast_vote("yes", member=self.b1_official)

    def test_votes_only_while_open(self):
        meeting = self.started_meeting()
        motion = self.motion(meeting, method="named")
        with self.assertRaisesRegex(UserError, "not open"):
            motion.sudo(self.member_user).cast_vote("yes")
        motion.action_open_vote()
        motion.action_close_vote()
        with self.assertRaisesRegex(UserError, "not open"):
            motion.sudo(self.member_user).cast_vote("yes")

    def test_votes_need_a_meeting_in_progress(self):
        meeting = self.new_meeting()
        meeting.action_announce()
        with self.assertRaises(UserError):
            self.motion(meeting).action_open_vote()

    def test_closing_the_meeting_closes_open_votes(self):
        meeting = self.started_meeting()
        motion = self.motion(meeting, method="named")
        motion.action_open_vote()
        motion.sudo(self.member_user).cast_vote("yes")
        meeting.action_close()
        self.assertEqual((motion.state, motion.result), ("closed", "rejected"))


class TestSecretBallot(MeetingCase):

    def cast_all(self, motion, choices):
        voters = motion.meeting_id.attendance_ids.filtered("can_vote")
        for line, choice in zip(voters, choices):
            motion.sudo()._cast(line.member_id.id, choice)
        return voters

    def test_secret_ballot_counts_and_reconciles(self):
        meeting = self.started_meeting()
        motion = self.motion(meeting, method="secret")
        motion.action_open_vote()
        motion.sudo(self.member_user).cast_vote("yes")
        self.assertEqual(motion.sudo(self.member_user).my_vote, "secret")
        with self.assertRaisesRegex(UserError, "already voted"):
            motion.sudo(self.member_user).cast_vote("no")
        with self.assertRaisesRegex(UserError, "Nobody can cast a secret ballot"):
            motion.sudo(self.secretary_user).cast_vote("no", member=self.officials[0])
        for member, choice in zip(self.officials, ("yes", "yes", "no", "abstain")):
            motion.sudo()._cast(member.id, choice)
        motion.action_close_vote()
        self.assertEqual((motion.yes_count, motion.no_count, motion.abstain_count),
                         (3, 1, 1))
        self.assertEqual(motion.result, "rejected")  # 3 of 6 is not more than half
        cr = self.env.cr
        cr.execute("SELECT count(*) FROM party_meeting_ballot WHERE motion_id = %s",
                   (motion.id,))
        ballots = cr.fetchone()[0]
        cr.execute("SELECT count(*) FROM party_meeting_vote WHERE motion_id = %s",
                   (motion.id,))
        self.assertEqual(ballots, cr.fetchone()[0])
        self.assertEqual(ballots, 5)
        # the register of a secret vote holds no choice
        self.assertFalse(any(motion.vote_ids.mapped("choice")))

    def test_ballots_cannot_be_linked_to_voters_as_administrator(self):
        meeting = self.started_meeting()
        motion = self.motion(meeting, method="secret")
        motion.action_open_vote()
        cr = self.env.cr
        cr.execute("SELECT id FROM party_meeting_ballot WHERE motion_id = %s "
                   "ORDER BY id", (motion.id,))
        slots = [row[0] for row in cr.fetchall()]
        # one blank slot per official who could vote here: the six present
        # and the exempted member, who may still come
        self.assertEqual(len(slots), 7)
        self.cast_all(motion, ["yes", "no", "yes", "abstain", "yes", "no"])
        # 1. the ballot table has no column that names or dates a voter
        cr.execute("""SELECT column_name FROM information_schema.columns
                       WHERE table_name = 'party_meeting_ballot'""")
        self.assertEqual({row[0] for row in cr.fetchall()},
                         {"id", "motion_id", "choice"})
        # 2. no foreign key from ballots to anything but the motion
        cr.execute("""SELECT ccu.table_name FROM information_schema.table_constraints tc
                        JOIN information_schema.constraint_column_usage ccu
                          ON tc.constraint_name = ccu.constraint_name
                       WHERE tc.table_name = 'party_meeting_ballot'
                         AND tc.constraint_type = 'FOREIGN KEY'""")
        self.assertEqual({row[0] for row in cr.fetchall()}, {"party_meeting_motion"})
        # 3. no system column joins them either: every ballot of the motion
        #    carries the transaction id of the latest vote
        cr.execute("SELECT count(DISTINCT xmin::text) FROM party_meeting_ballot "
                   "WHERE motion_id = %s", (motion.id,))
        self.assertEqual(cr.fetchone()[0], 1)
        # 4. voting created no row: the ballots are the slots made at
        #    opening, before any vote, so their ids carry no voting order
        cr.execute("SELECT id FROM party_meeting_ballot WHERE motion_id = %s "
                   "ORDER BY id", (motion.id,))
        self.assertEqual([row[0] for row in cr.fetchall()], slots)
        # 5. nobody but the system group can even read ballots
        with self.assertRaises(AccessError), mute_logger("odoo.models"):
            self.env["party.meeting.ballot"].sudo(self.manager_user).search([])
        # 6. ballots reconcile with the register after closing
        motion.action_close_vote()
        cr.execute("SELECT count(*) FROM party_meeting_ballot WHERE motion_id = %s",
                   (motion.id,))
        self.assertEqual(cr.fetchone()[0], len(motion.vote_ids))

    def test_blank_ballots_are_filled_in_random_order(self):
        """Over many single-vote motions, the filled slot is not always the
        first one: the slot's position says nothing about the voter."""
        meeting = self.started_meeting()
        positions = set()
        for index in range(12):
            motion = self.motion(meeting, method="secret", name="M%s" % index)
            motion.action_open_vote()
            motion.sudo()._cast(self.a1_official.id, "yes")
            self.env.cr.execute(
                "SELECT choice IS NOT NULL FROM party_meeting_ballot "
                "WHERE motion_id = %s ORDER BY id", (motion.id,))
            positions.add([row[0] for row in self.env.cr.fetchall()].index(True))
        self.assertGreater(len(positions), 1)

    def test_closed_secret_vote_is_frozen(self):
        meeting = self.started_meeting()
        motion = self.motion(meeting, method="secret")
        motion.action_open_vote()
        self.cast_all(motion, ["yes"] * 4)
        motion.action_close_vote()
        self.assertEqual(motion.result, "passed")
        with self.assertRaisesRegex(UserError, "not open"):
            motion.sudo()._cast(self.officials[3].id, "no")
        with self.assertRaises(UserError):
            motion.write({"yes_count": 0})
