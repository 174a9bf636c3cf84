# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import os
import stat
import tempfile
import time
from unittest.mock import patch

import psycopg2

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import mute_logger

from ..models import ballot_crypto, ballot_keys
from ..models import party_meeting_motion as motion_module
from .common import MeetingCase

motion_collect = motion_module.collect_ballot_keys


class Undone(Exception):
    """Whatever makes a caller roll back."""


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
        # (with the member's consent, issue #12)
        self.officials[0].sudo(self.secretary_user).action_record_assistance_consent(
            "Signed form kept by the cell")
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

    def ballots(self, motion):
        self.env.cr.execute(
            "SELECT id, yes_a, yes_b, no_a, no_b FROM party_meeting_ballot "
            "WHERE motion_id = %s ORDER BY id", (motion.id,))
        return self.env.cr.fetchall()

    def key_path(self, motion, kind="key"):
        return os.path.join(self.ballot_key_root, self.env.cr.dbname,
                            "%s.%s" % (motion.id, kind))

    def open_secret(self, meeting=None, **values):
        motion = self.motion(meeting or self.started_meeting(), method="secret",
                             **values)
        motion.action_open_vote()
        return motion

    def test_secret_ballot_counts_and_reconciles(self):
        motion = self.open_secret()
        motion.sudo(self.member_user).cast_vote("yes")
        self.assertEqual(motion.sudo(self.member_user).my_vote, "secret")
        with self.assertRaisesRegex(UserError, "already voted"):
            motion.sudo(self.member_user).cast_vote("no")
        with self.assertRaisesRegex(UserError, "Nobody can cast a secret ballot"):
            motion.sudo(self.secretary_user).cast_vote("no", member=self.officials[0])
        for member, choice in zip(self.officials, ("yes", "yes", "no", "abstain")):
            motion.sudo()._cast(member.id, choice)
        # nothing is counted while the vote is open: only how many voted
        self.assertEqual((motion.yes_count, motion.no_count, motion.abstain_count,
                          motion.voted_count), (0, 0, 0, 5))
        self.assertFalse(motion.preview_result)
        self.assertIn("5 of 6", motion.preview_explanation)
        motion.action_close_vote()
        self.assertEqual((motion.yes_count, motion.no_count, motion.abstain_count),
                         (3, 1, 1))
        self.assertEqual(motion.result, "rejected")  # 3 of 6 is not more than half
        cr = self.env.cr
        cr.execute("SELECT count(*) FROM party_meeting_vote WHERE motion_id = %s",
                   (motion.id,))
        registered = cr.fetchone()[0]
        self.assertEqual(len(self.ballots(motion)), registered)
        self.assertEqual(registered, 5)
        # the register of a secret vote holds no choice
        self.assertFalse(any(motion.vote_ids.mapped("choice")))

    def test_ballots_hold_ciphertexts_only(self):
        motion = self.open_secret()
        self.cast_all(motion, ["yes", "yes", "yes", "no", "no", "abstain"])
        cr = self.env.cr
        # 1. no column that names, dates or spells a choice
        cr.execute("""SELECT column_name FROM information_schema.columns
                       WHERE table_name = 'party_meeting_ballot'""")
        self.assertEqual({row[0] for row in cr.fetchall()},
                         {"id", "motion_id", "yes_a", "yes_b", "no_a", "no_b"})
        # 2. no foreign key from ballots to anything but the motion
        cr.execute("""SELECT ccu.table_name FROM information_schema.table_constraints tc
                        JOIN information_schema.constraint_column_usage ccu
                          ON tc.constraint_name = ccu.constraint_name
                       WHERE tc.table_name = 'party_meeting_ballot'
                         AND tc.constraint_type = 'FOREIGN KEY'""")
        self.assertEqual({row[0] for row in cr.fetchall()}, {"party_meeting_motion"})
        # 3. every component: 256 bytes, an element of the group, never the
        #    same twice (fresh randomness: equal choices look unrelated)
        rows = self.ballots(motion)
        components = [bytes(value) for row in rows for value in row[1:]]
        self.assertEqual(len(rows), 6)
        self.assertEqual({len(value) for value in components}, {256})
        self.assertEqual(len(set(components)), len(components))
        for value in components:
            self.assertEqual(pow(int.from_bytes(value, "big"), ballot_crypto.Q,
                                 ballot_crypto.P), 1)
        # 4. the database refuses a ballot of another size or with a part missing
        with self.assertRaises(psycopg2.IntegrityError), mute_logger("odoo.sql_db"), \
                cr.savepoint():
            cr.execute("INSERT INTO party_meeting_ballot (motion_id, yes_a, yes_b, "
                       "no_a, no_b) VALUES (%s, 'yes', 'x', 'y', 'z')", (motion.id,))
        with self.assertRaises(psycopg2.IntegrityError), mute_logger("odoo.sql_db"), \
                cr.savepoint():
            cr.execute("INSERT INTO party_meeting_ballot (motion_id) VALUES (%s)",
                       (motion.id,))
        # 5. the ORM shows a ballot's motion, nothing else
        ballot = self.env["party.meeting.ballot"].search(
            [("motion_id", "=", motion.id)])
        self.assertEqual(set(ballot.read()[0]) - {"display_name", "__last_update"},
                         {"id", "motion_id"})
        # 6. nobody but the system group can even read ballots
        with self.assertRaises(AccessError), mute_logger("odoo.models"):
            self.env["party.meeting.ballot"].sudo(self.manager_user).search([])

    def test_the_key_lives_in_a_file_and_dies_with_the_close(self):
        motion = self.open_secret()
        path = self.key_path(motion)
        self.assertEqual(stat.S_IMODE(os.stat(path).st_mode), 0o600)
        self.assertEqual(stat.S_IMODE(os.stat(os.path.dirname(path)).st_mode), 0o700)
        private, public = ballot_keys.read_private_key(self.env.cr.dbname, motion.id)
        self.assertTrue(ballot_crypto.key_matches(private, public))
        self.assertEqual(int(motion.ballot_public_key, 16), public)
        self.assertEqual(ballot_keys.read_public_key(self.env.cr.dbname, motion.id),
                         public)
        self.cast_all(motion, ["yes", "no", "abstain"])
        # the database holds no trace of the private key
        cr = self.env.cr
        cr.execute("SELECT row_to_json(m)::text FROM party_meeting_motion m "
                   "WHERE id = %s", (motion.id,))
        motion_row = cr.fetchone()[0]
        cr.execute("SELECT string_agg(encode(yes_a || yes_b || no_a || no_b, "
                   "'hex'), '') FROM party_meeting_ballot WHERE motion_id = %s",
                   (motion.id,))
        ballot_hex = cr.fetchone()[0]
        for text in ("%x" % private, str(private)):
            self.assertNotIn(text, motion_row)
            self.assertNotIn(text, ballot_hex)
        # closing counts with the key, which outlives the transaction until
        # it is committed (a close rolled back leaves the vote countable)
        motion.action_close_vote()
        self.assertEqual((motion.yes_count, motion.no_count, motion.abstain_count),
                         (1, 1, 1))
        self.assertTrue(os.path.exists(path))
        self.run_commit_hooks()
        self.assertFalse(os.path.exists(path))
        self.assertFalse(os.path.exists(self.key_path(motion, "pub")))

    def test_a_close_undone_keeps_the_key(self):
        motion = self.open_secret()
        self.cast_all(motion, ["yes", "no"])
        with self.assertRaises(Undone), self.env.cr.savepoint():
            motion.action_close_vote()
            raise Undone()
        motion.invalidate_cache()
        self.assertEqual(motion.state, "open")
        self.run_commit_hooks()   # the outer transaction commits
        self.assertTrue(os.path.exists(self.key_path(motion)))
        motion.action_close_vote()
        self.assertEqual((motion.yes_count, motion.no_count), (1, 1))

    def test_missing_or_foreign_key_refuses_to_count(self):
        meeting = self.started_meeting()
        motion = self.open_secret(meeting)
        other = self.open_secret(meeting, name="Khác")
        self.cast_all(motion, ["yes", "no"])
        dbname = self.env.cr.dbname
        os.replace(self.key_path(motion), self.key_path(motion) + ".away")
        with self.assertRaisesRegex(UserError, "missing on this server"):
            motion.action_close_vote()
        motion.invalidate_cache()
        self.assertEqual((motion.state, motion.yes_count, motion.result),
                         ("open", 0, False))
        # another motion's key, relabelled: refused too
        private, public = ballot_keys.read_private_key(dbname, other.id)
        ballot_keys.write_key(dbname, motion.id, private, public)
        with self.assertRaisesRegex(UserError, "missing on this server"):
            motion.action_close_vote()
        # the right key back: counted
        os.replace(self.key_path(motion) + ".away", self.key_path(motion))
        motion.action_close_vote()
        self.assertEqual((motion.yes_count, motion.no_count), (1, 1))
        # a vote nobody cast closes without its key
        os.unlink(self.key_path(other))
        other.action_close_vote()
        self.assertEqual((other.state, other.yes_count, other.voted_count),
                         ("closed", 0, 0))

    def test_votes_are_encrypted_with_the_key_file_not_the_database(self):
        """Rewriting the public key in the database cannot make members
        vote for a key somebody else holds: the cast is refused."""
        motion = self.open_secret()
        _private, public = ballot_crypto.keygen()
        self.env.cr.execute(
            "UPDATE party_meeting_motion SET ballot_public_key = %s WHERE id = %s",
            ("%x" % public, motion.id))
        with self.assertRaisesRegex(UserError, "missing on this server"), \
                mute_logger("odoo.addons.party_handbook_meetings.models."
                            "party_meeting_motion"):
            motion.sudo(self.member_user).cast_vote("yes")
        self.assertFalse(self.ballots(motion))
        self.assertFalse(motion.vote_ids)

    def test_a_vote_racing_the_close_is_told_the_vote_is_closed(self):
        """The member's request still sees the vote open while the close
        commits and destroys the key: the vote is refused as too late, not
        with a missing key."""
        motion = self.open_secret()
        self.assertEqual(motion.sudo(self.member_user).state, "open")  # cached
        self.env.cr.execute("UPDATE party_meeting_motion SET state = 'closed' "
                            "WHERE id = %s", (motion.id,))
        ballot_keys.destroy(self.env.cr.dbname, motion.id)
        with self.assertRaisesRegex(UserError, "This vote is not open."):
            motion.sudo(self.member_user).cast_vote("yes")

    def test_ballots_must_match_the_register(self):
        motion = self.open_secret()
        self.cast_all(motion, ["yes", "no", "no"])
        self.env.cr.execute("DELETE FROM party_meeting_ballot WHERE id = %s",
                            (self.ballots(motion)[0][0],))
        with self.assertRaisesRegex(UserError, "holds 2 ballots but 3 members"):
            motion.action_close_vote()

    def test_only_the_members_id_goes_out_no_chatter_no_choice(self):
        motion = self.open_secret()
        messages = self.env["mail.message"].sudo().search_count([])
        sent = []
        Bus = type(self.env["bus.bus"])
        with patch.object(Bus, "sendone", autospec=True,
                          side_effect=lambda bus, channel, message: sent.append(
                              (channel, message))):
            motion.sudo(self.member_user).cast_vote("no")
        self.assertEqual(sent, [((self.env.cr.dbname, "party.meeting.live"),
                                 {"meeting_ids": [motion.meeting_id.id]})])
        self.assertEqual(self.env["mail.message"].sudo().search_count([]), messages)

    def test_key_files_are_collected(self):
        """The collector keeps the keys of open votes and of openings that
        may still be running; it removes those of closed, missing and never
        opened motions (after a day) and leftovers of interrupted writes."""
        # a directory of its own: the other tests' files are not counted
        root = tempfile.mkdtemp(prefix="party_ballot_keys_", dir=self.ballot_key_root)
        patcher = patch.object(ballot_keys, "KEY_ROOT", root)
        patcher.start()
        self.addCleanup(patcher.stop)
        dbname = self.env.cr.dbname
        meeting = self.started_meeting()
        open_motion = self.open_secret(meeting, name="open")
        closed = self.open_secret(meeting, name="closed")
        draft = self.motion(meeting, method="secret", name="rolled back")
        closed.action_close_vote()
        private, public = ballot_crypto.keygen()
        for motion_id in (draft.id, 999999999):
            ballot_keys.write_key(dbname, motion_id, private, public)
        leftover = os.path.join(ballot_keys.key_dir(dbname), ".%s.key.%s.tmp" % (
            open_motion.id, "ab12"))
        with open(leftover, "w") as handle:
            handle.write("half")

        def present():
            return sorted((motion_id, os.path.basename(path))
                          for motion_id, path, _m in ballot_keys.list_files(dbname))

        self.assertEqual(motion_collect(self.env.cr, dbname), 2)  # closed: at once
        self.assertEqual(len(present()), 7)
        later = time.time() + motion_module.KEY_GRACE_SECONDS + 60
        self.assertEqual(motion_collect(self.env.cr, dbname, now=later), 5)
        self.assertEqual(present(), [(open_motion.id, "%s.key" % open_motion.id),
                                     (open_motion.id, "%s.pub" % open_motion.id)])
        self.assertEqual(self.env["party.meeting.motion"]._cron_gc_ballot_keys(), 0)
        self.assertEqual(motion_collect(self.env.cr, dbname, now=later), 0)

    def test_closed_secret_vote_is_frozen(self):
        motion = self.open_secret()
        self.cast_all(motion, ["yes"] * 4)
        motion.action_close_vote()
        self.assertEqual(motion.result, "passed")
        with self.assertRaisesRegex(UserError, "not open"):
            motion.sudo()._cast(self.officials[3].id, "no")
        with self.assertRaises(UserError):
            motion.write({"yes_count": 0})
