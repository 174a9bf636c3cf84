# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Motions and votes.

Who voted and how are kept apart for a secret ballot:

* ``party.meeting.vote`` is the register of who voted (one row per member and
  motion, enforced by a unique index). For an open named vote it also holds
  the member's choice; for a secret ballot it never does.
* ``party.meeting.ballot`` holds the secret ballots: a motion and the ballot
  encrypted for the motion's public key (exponential ElGamal,
  ``ballot_crypto``), nothing else (no voter, no user, no timestamps). A
  ballot is inserted in the transaction that inserts its register row, so
  ballots always equal the register; the row says nothing about the choice.
* The motion's private key is made when the vote opens and kept in a file
  outside PostgreSQL (``ballot_keys``); the database holds the public key
  only. Closing multiplies the ballots, decrypts the product once (the
  counts, never a single ballot) and, once the close is committed, destroys
  the key file: from then on nobody can decrypt any ballot.
"""
import functools
import logging
import threading
import time
from collections import defaultdict

import psycopg2
from psycopg2.pool import PoolError

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from odoo.addons.party_handbook.models.party_integrity import (
    checked_values, internal_write, is_internal)
from . import ballot_crypto  # pylint: disable=missing-import-error
from . import ballot_keys  # pylint: disable=missing-import-error
from .statute import Tally  # pylint: disable=missing-import-error

_logger = logging.getLogger(__name__)

# casting transactions at a time per server process (see cast_vote)
CASTING_SLOTS = threading.BoundedSemaphore(4)
CASTING_WAIT = 30  # seconds

CHOICES = [("yes", "In favour"), ("no", "Against"), ("abstain", "Abstain")]
METHODS = [
    ("hands", "Open vote, counted by hand"),
    ("named", "Open named vote"),
    ("secret", "Secret ballot"),
]
# fields that are frozen once the vote is closed
RESULT_FIELDS = ("yes_count", "no_count", "abstain_count", "voted_count",
                 "base_count", "voter_count", "result", "explanation",
                 "cited_section_id")
# key files of motions that never opened (an opening rolled back) or of
# interrupted writes are kept this long, so that the collector never takes
# the key of an opening whose transaction is still running
KEY_GRACE_SECONDS = 24 * 3600
KEY_BATCH = 500


class AlreadyRegistered(UserError):
    """The member is already on the motion's register (voted online, took a
    paper ballot, or was entered by the recorder)."""


class PartyMeetingMotion(models.Model):
    _name = "party.meeting.motion"
    _inherit = "party.meeting.part"
    _description = "Meeting motion"
    _order = "meeting_id, sequence, id"
    # moved by opening and closing the vote only; the result is the count's
    _protected_fields = ("organization_id", "meeting_id", "state",
                         "ballot_public_key") + tuple(
        name for name in RESULT_FIELDS if name not in (
            "yes_count", "no_count", "abstain_count", "voted_count")) + (
        "closed_on",)
    # motions are put while the meeting is prepared or held
    _part_editable_states = ("draft", "announced", "in_progress")
    # what the members vote on does not change once the vote is open
    VOTED_TEXT_FIELDS = ("name", "text", "method")

    meeting_date = fields.Date(related="meeting_id.date", store=True, readonly=True)
    sequence = fields.Integer(default=10)
    name = fields.Char(string="Title", required=True,
                       states={"closed": [("readonly", True)]})
    text = fields.Text(states={"closed": [("readonly", True)]})
    method = fields.Selection(
        METHODS, required=True, default="hands",
        states={"open": [("readonly", True)], "closed": [("readonly", True)]})
    state = fields.Selection(
        [("draft", "Not voted yet"), ("open", "Voting"), ("closed", "Closed")],
        string="Status", required=True, default="draft", readonly=True,
        copy=False, index=True)
    yes_count = fields.Integer(string="In favour", copy=False)
    no_count = fields.Integer(string="Against", copy=False)
    abstain_count = fields.Integer(string="Abstaining", copy=False)
    voted_count = fields.Integer(
        string="Voted", compute="_compute_live", help="Members who have voted.")
    base_count = fields.Integer(
        string="Counted members", readonly=True, copy=False)
    voter_count = fields.Integer(
        string="Eligible voters", readonly=True, copy=False)
    result = fields.Selection(
        [("passed", "Passed"), ("rejected", "Rejected"),
         ("invalid", "No quorum")], readonly=True, copy=False, index=True)
    explanation = fields.Text(readonly=True, copy=False)
    cited_section_id = fields.Many2one(
        "party.library.section", string="Article cited", readonly=True,
        copy=False, ondelete="set null",
        help="The library article the verdict's rule is written in, as it "
             "was when the vote closed.")
    preview_result = fields.Selection(
        [("passed", "Passed"), ("rejected", "Rejected"),
         ("invalid", "No quorum")], string="Result so far",
        compute="_compute_live")
    preview_explanation = fields.Text(
        string="Explanation so far", compute="_compute_live")
    vote_ids = fields.One2many("party.meeting.vote", "motion_id", string="Votes")
    closed_on = fields.Datetime(readonly=True, copy=False)
    my_vote = fields.Selection(
        CHOICES + [("secret", "Voted (secret)")], compute="_compute_my_vote")
    # written in SQL when the vote opens (never through write(): see
    # _create_ballot_key); votes are encrypted with the key file's copy
    ballot_public_key = fields.Char(
        readonly=True, copy=False, groups="base.group_system",
        help="Public key (hexadecimal) the ballots of this secret vote are "
             "encrypted with. The private key is kept outside the database "
             "and destroyed when the vote closes.")

    @api.depends("vote_ids", "yes_count", "no_count", "abstain_count", "state")
    def _compute_live(self):
        counts = self._counts()
        tallies = self.mapped("meeting_id")._tallies()
        for motion in self:
            yes, no, abstain, voted = counts.get(motion.id, (0, 0, 0, 0))
            motion.voted_count = voted
            if motion.state == "closed":
                motion.preview_result = motion.result
                motion.preview_explanation = motion.explanation
                continue
            meeting = motion.meeting_id
            if motion.method == "secret":
                # nothing of a secret ballot is counted before it closes:
                # a tally watched vote by vote would reveal each voter's choice
                motion.preview_result = False
                motion.preview_explanation = _(
                    "Secret ballot in progress: %(voted)s of %(voters)s members "
                    "present who can vote have voted. The ballots are counted "
                    "when the vote closes.") % {
                        "voted": voted, "voters": meeting.voter_count}
                continue
            result, explanation = tallies.get(meeting.id, Tally(self.env)).verdict(
                yes, no, abstain, meeting.quorum_numerator or 2,
                meeting.quorum_denominator or 3, **motion._verdict_options())
            motion.preview_result = result
            motion.preview_explanation = explanation

    def _compute_my_vote(self):
        partner = self.env.user.partner_id
        votes = self.env["party.meeting.vote"].sudo().search([
            ("motion_id", "in", self.ids),
            ("member_id.partner_id", "=", partner.id)])
        by_motion = {v.motion_id.id: v for v in votes}
        for motion in self:
            vote = by_motion.get(motion.id)
            motion.my_vote = vote and (vote.choice or "secret")

    def _counts(self):
        """{motion id: (yes, no, abstain, voted)}: the hand count or the named
        votes, counted in SQL. A secret ballot counts only who voted (the
        register): its ballots are decrypted once, when it closes
        (_tally_ballots)."""
        ids = [i for i in self.ids if isinstance(i, int)]
        result = {}
        if not ids:
            return result
        cr = self.env.cr
        cr.execute("""
            SELECT motion_id, count(*) FILTER (WHERE choice = 'yes'),
                   count(*) FILTER (WHERE choice = 'no'),
                   count(*) FILTER (WHERE choice = 'abstain'), count(*)
              FROM party_meeting_vote WHERE motion_id IN %s
             GROUP BY motion_id""", (tuple(ids),))
        named = {row[0]: row[1:] for row in cr.fetchall()}
        for motion in self.filtered(lambda m: isinstance(m.id, int)):
            registered = named.get(motion.id, (0, 0, 0, 0))
            if motion.method == "hands":
                result[motion.id] = (
                    motion.yes_count, motion.no_count, motion.abstain_count,
                    motion.yes_count + motion.no_count + motion.abstain_count)
            elif motion.method == "named":
                result[motion.id] = registered
            else:
                result[motion.id] = (0, 0, 0, registered[3])
        return result

    def _register_counts(self):
        """{motion id: (online, paper)}: members registered as having voted
        online (or through the recorder) and as having taken a paper ballot."""
        ids = tuple(i for i in self.ids if isinstance(i, int))
        if not ids:
            return {}
        self.env.cr.execute("""
            SELECT motion_id,
                   count(*) FILTER (WHERE channel IS DISTINCT FROM 'paper'),
                   count(*) FILTER (WHERE channel = 'paper')
              FROM party_meeting_vote WHERE motion_id IN %s
             GROUP BY motion_id""", (ids,))
        return {row[0]: row[1:] for row in self.env.cr.fetchall()}

    @api.constrains("yes_count", "no_count", "abstain_count")
    def _check_counts(self):
        for motion in self.sudo():
            counts = (motion.yes_count, motion.no_count, motion.abstain_count)
            if min(counts) < 0:
                raise ValidationError(_("Vote counts cannot be negative."))
            if motion.method == "hands" and motion.state == "open" and \
                    sum(counts) > motion.meeting_id.voter_count:
                raise ValidationError(_(
                    "%(total)s votes were entered but only %(voters)s members "
                    "present can vote.") % {
                        "total": sum(counts),
                        "voters": motion.meeting_id.voter_count})

    @api.multi
    def write(self, vals):
        if not is_internal(self):
            self._check_integrity_write(vals)
            self._check_frozen_write(vals)
        with checked_values(vals):
            result = super().write(vals)
        self.mapped("meeting_id")._notify_live()
        return result

    def _check_frozen_write(self, vals):
        """A closed vote is frozen; an open one keeps its text and method;
        counts are entered only for an open hand vote."""
        counts = {"yes_count", "no_count", "abstain_count"} & set(vals)
        self.mapped("meeting_id").sudo()._check_not_frozen()
        for motion in self:
            if motion.state == "closed":
                raise UserError(_("The vote on “%s” is closed: its result can "
                                  "no longer be changed.") % motion.name)
            if motion.state == "open" and set(vals) & set(
                    self.VOTED_TEXT_FIELDS):
                raise UserError(_(
                    "The vote on “%s” is open: what the members vote on can "
                    "no longer be changed.") % motion.name)
            if counts and motion.method != "hands":
                raise UserError(_("The counts of a named or secret vote come "
                                  "from the votes cast."))
            if counts and motion.state != "open":
                raise UserError(_("Open the vote before entering its counts."))
        if "method" in vals and vals["method"] != "hands":
            # a hand count typed before the method changed is not a vote
            for motion in self:
                if motion.yes_count or motion.no_count or motion.abstain_count:
                    raise UserError(_(
                        "Clear the hand count of “%s” before changing how it "
                        "is voted.") % motion.name)

    @api.multi
    def unlink(self):
        if any(m.state != "draft" for m in self):
            raise UserError(_("A motion that was put to the vote cannot be "
                              "deleted."))
        return super().unlink()

    @api.model
    def create(self, vals):
        # a motion is created before its vote is opened: no count yet
        if not is_internal(self) and any(vals.get(name) for name in (
                "yes_count", "no_count", "abstain_count")):
            raise UserError(_("Open the vote before entering its counts."))
        return super().create(vals)

    # the vote ---------------------------------------------------------------------
    @api.multi
    def action_open_vote(self):
        for motion in self:
            if motion.state != "draft":
                raise UserError(_("The vote on “%s” was already opened.") %
                                motion.name)
            if motion.meeting_id.state != "in_progress":
                raise UserError(_("Votes are taken while the meeting is in "
                                  "progress."))
            motion._check_decision_kind()
        with internal_write(self):
            self.write({"state": "open"})
        for motion in self.filtered(lambda m: m.method == "secret"):
            motion._create_ballot_key()
        return True

    @api.multi
    def action_close_vote(self):
        """Freeze the counts, the counted base and the Statute's verdict."""
        if not self:
            return True
        for motion in self:
            if motion.state != "open":
                raise UserError(_("The vote on “%s” is not open.") % motion.name)
        # Take the motions' lock first, in the order votes take it (motion,
        # then ballots), so that closing never deadlocks with a vote. Each
        # vote rewrites its motion's row (see _cast): if one was committed
        # after this transaction's snapshot, PostgreSQL refuses the lock
        # (serialization failure) and Odoo retries the whole request, which
        # then counts that vote; a vote still running is waited for.
        self.env.cr.execute(
            "SELECT id FROM party_meeting_motion WHERE id IN %s ORDER BY id "
            "FOR UPDATE", (tuple(self.ids),))
        counts = self._counts()
        registered = self._register_counts()
        secret = self.filtered(lambda m: m.method == "secret")
        # the paper part is checked before any ballot is decrypted
        secret._check_paper_tally(registered)
        counts.update(secret._tally_ballots(registered))
        tallies = self.mapped("meeting_id")._tallies()
        for motion in self:
            yes, no, abstain = counts[motion.id][:3]
            online, paper = registered.get(motion.id, (0, 0))
            values = {}
            if motion.method == "secret":
                # frozen counts: the online ballots decrypted plus the paper
                # tally of the vote-counting board
                paper_part = motion.sudo()
                yes += paper_part.paper_yes_count
                no += paper_part.paper_no_count
                abstain += paper_part.paper_abstain_count
                # the split by channel is not kept: the online ballots' sum
                # would be the total minus the paper tally (with one online
                # ballot, its choice); only the merged counts remain
                values.update(online_ballot_count=online, paper_yes_count=0,
                              paper_no_count=0, paper_abstain_count=0)
            meeting = motion.meeting_id
            tally = tallies.get(meeting.id, Tally(self.env))
            result, explanation = tally.verdict(
                yes, no, abstain, meeting.quorum_numerator or 2,
                meeting.quorum_denominator or 3, parts=motion._ballot_parts(
                    online, paper), **motion._verdict_options())
            values.update({
                "state": "closed", "yes_count": yes, "no_count": no,
                "abstain_count": abstain, "base_count": tally.base,
                "voter_count": tally.present, "result": result,
                "explanation": explanation,
                "cited_section_id": motion._cited_section().id,
                "closed_on": fields.Datetime.now()})
            with internal_write(motion):
                motion.write(values)
        return True

    @api.multi
    def cast_vote(self, choice, member=None, assisted=False):
        """Cast the current user's vote (or, for a recorder entering a named
        vote, ``member``'s). Runs in its own READ COMMITTED transaction so
        that concurrent voters queue on the motion instead of failing."""
        self.ensure_one()
        if choice not in dict(CHOICES):
            raise UserError(_("Choose in favour, against or abstain."))
        if member is not None and not isinstance(member, int):
            member = member.id
        if member:
            # entering another member's named vote is the recorder's job
            if not self.env.user.has_group(
                    "party_handbook_meetings.group_party_meetings_recorder"):
                raise AccessError(_("Only the meeting's recorder can enter "
                                    "votes for other members."))
            self.check_access_rule("write")
            if self.method == "secret":
                raise UserError(_("Nobody can cast a secret ballot for "
                                  "another member."))
            if assisted:
                # a vote given on the member's behalf needs their consent
                self.env["party.member"].browse(
                    member)._check_assistance_consent()
        else:
            self.check_access_rule("read")
            members = self.env.user.partner_id.sudo().party_member_ids
            member = members[:1].id
            if not member:
                raise UserError(_("You are not a party member."))
        # the register records who entered the vote (the member, or the
        # recorder for an assisted entry), not the superuser
        uid = self.env.uid
        ballot = None
        motion = self.sudo()
        if motion.method == "secret" and motion.state == "open":
            # encrypted here, before the casting transaction takes the
            # motion's lock: the voters' queue waits on no arithmetic. No key
            # here may mean that the vote has just closed: the casting
            # transaction tells, under the lock (and encrypts if still open)
            public = motion._ballot_public_key()
            ballot = public and ballot_crypto.encrypt_ballot(public, choice)
        testing = self.pool.in_test_mode() or getattr(
            threading.currentThread(), "testing", False)
        if testing:
            # tests run in one transaction that a new cursor cannot see
            return self.sudo()._cast(member, choice, assisted, uid=uid,
                                     ballot=ballot)
        # Votes of one motion queue on its row anyway: a few casting
        # transactions at a time per server process are enough, and they
        # bound the extra database connections a rush of voters takes from
        # the process's pool (each cast holds one beside its request's, and
        # one more for the live views' notification at commit).
        if not CASTING_SLOTS.acquire(timeout=CASTING_WAIT):
            raise self._busy_error()
        try:
            result = self._cast_in_own_transaction(
                member, choice, assisted, uid, ballot)
        finally:
            CASTING_SLOTS.release()
        self.invalidate_cache()
        return result

    def _busy_error(self):
        return UserError(_("The server is busy and your vote was not "
                           "recorded: please vote again in a moment."))

    def _cast_in_own_transaction(self, member, choice, assisted, uid,
                                 ballot=None):
        """Cast in a READ COMMITTED transaction of its own, committed here:
        concurrent voters wait for each other on the motion's row instead of
        failing on each other's snapshot."""
        try:
            cr = self.pool.cursor()
        except PoolError:
            _logger.warning("no database connection left to cast a vote")
            raise self._busy_error()
        try:
            cr.execute("SET TRANSACTION ISOLATION LEVEL READ COMMITTED")
            result = self.with_env(self.env(cr=cr)).sudo()._cast(
                member, choice, assisted, uid=uid, ballot=ballot)
            try:
                cr.commit()  # pylint: disable=invalid-commit  (its own cursor)
            except PoolError:
                # the vote is committed: only the notification of the live
                # views (after the commit, on a connection of its own) failed
                _logger.warning("vote cast on motion %s; live views not "
                                "notified (connection pool full)", self.id)
            return result
        finally:
            cr.close()   # rolls back what is not committed

    def _cast(self, member_id, choice, assisted=False, uid=None, ballot=None,
              channel="online"):
        """Register the member's vote and, for a secret ballot, insert the
        encrypted ballot (``ballot``, or encrypted here) in the same
        transaction: ballots always equal the register's online rows.
        ``channel`` "paper": the member takes a paper ballot of a secret
        vote (a register row without choice and without ballot; the paper
        tally of the vote-counting board counts it)."""
        cr = self.env.cr
        # Queue the voters of this motion one behind the other: lock the
        # motion's row by rewriting it, not only with FOR UPDATE. A
        # transaction that read the votes before this one committed and then
        # writes the motion (closing the vote) then fails with a
        # serialization error and is retried, instead of freezing counts
        # that miss this vote (a plain row lock does not make PostgreSQL's
        # REPEATABLE READ refuse a later write).
        cr.execute("""
            UPDATE party_meeting_motion
               SET write_date = now() at time zone 'UTC'
             WHERE id = %s
         RETURNING state, method, meeting_id, paper_tally_recorded""",
                   (self.id,))
        state, method, meeting_id, paper_recorded = cr.fetchone()
        if state != "open":
            raise UserError(_("This vote is not open."))
        paper = channel == "paper"
        if paper and method != "secret":
            raise UserError(_("Paper ballots are handed out for a secret "
                              "ballot only."))
        if paper and paper_recorded:
            raise UserError(_(
                "The vote-counting board has already entered the paper tally: "
                "no more paper ballots can be handed out."))
        line = self.env["party.meeting.attendance"].search([
            ("meeting_id", "=", meeting_id), ("member_id", "=", member_id)])
        if not line:
            raise UserError(_("You are not on this meeting's roster."))
        if not line.can_vote:
            raise UserError(line._vote_refusal())
        if method == "secret" and ballot is None and not paper:
            # not encrypted ahead (tests, or no key seen by the request):
            # refused here, before anything is written, if there is no key
            ballot = self._encrypt_ballot(choice)
        # a second vote of the member (double tap, second tab) is expected:
        # refused without an SQL error in the server log
        cr.execute("""
            INSERT INTO party_meeting_vote (motion_id, member_id,
                   organization_id, choice, assisted, channel, create_uid,
                   create_date, write_uid, write_date)
            VALUES (%s, %s, %s, %s, %s, %s, %s, now() at time zone 'UTC',
                    %s, now() at time zone 'UTC')
            ON CONFLICT (motion_id, member_id) DO NOTHING
            RETURNING id""", (
                self.id, member_id, line.organization_id.id,
                choice if method == "named" else None, bool(assisted),
                "paper" if paper else "online",
                uid or self.env.uid, uid or self.env.uid))
        if not cr.fetchone():
            cr.execute("SELECT channel FROM party_meeting_vote WHERE "
                       "motion_id = %s AND member_id = %s",
                       (self.id, member_id))
            row = cr.fetchone()
            if row and row[0] == "paper":
                raise AlreadyRegistered(_(
                    "%s has taken a paper ballot for this motion and votes on "
                    "paper.") % line.member_id.name)
            if paper:
                raise AlreadyRegistered(_(
                    "%s has already voted online on this motion: no paper "
                    "ballot can be handed out to them.") % line.member_id.name)
            raise AlreadyRegistered(_("%s has already voted on this motion.") %
                                    line.member_id.name)
        if method == "secret" and not paper:
            cr.execute("""
                INSERT INTO party_meeting_ballot (motion_id, yes_a, yes_b,
                       no_a, no_b)
                VALUES (%s, %s, %s, %s, %s)""", (self.id,) + tuple(
                    psycopg2.Binary(component) for component in ballot))
        self.env["party.meeting.vote"].invalidate_cache()
        self.invalidate_cache()
        self.browse(self.id).meeting_id._notify_live()
        return True

    # secret ballots: the key, encrypting, counting ------------------------------
    def _create_ballot_key(self):
        """A new key pair for this secret vote: the private key to its file
        (``ballot_keys``), the public key to the motion's row in SQL (not
        through write(): no caller can set it)."""
        self.ensure_one()
        private, public = ballot_crypto.keygen()
        try:
            ballot_keys.write_key(self.env.cr.dbname, self.id, private, public)
        except ballot_keys.KeyFileError as error:
            _logger.error("secret vote on motion %s: its key could not be "
                          "stored: %s", self.id, error)
            raise UserError(_(
                "The key of the secret ballot could not be stored on the "
                "server, so the vote was not opened. Ask the administrator "
                "to check the server's data directory.")) from None
        del private
        self.env.cr.execute(
            "UPDATE party_meeting_motion SET ballot_public_key = %s "
            "WHERE id = %s", ("%x" % public, self.id))
        self.invalidate_cache(["ballot_public_key"], self.ids)

    def _ballot_key_problem(self):
        return UserError(_(
            "The key of the secret ballot on “%s” is missing on this server "
            "or does not match the vote, so its ballots cannot be recorded or "
            "counted. With several Odoo servers, their data directories must "
            "be shared; otherwise ask the administrator to restore the key "
            "file into the server's data directory.") % self.name)

    def _ballot_public_key(self):
        """The public key of the key file, if it is the one the database
        holds; else None."""
        self.ensure_one()
        self.env.cr.execute(
            "SELECT ballot_public_key FROM party_meeting_motion WHERE id = %s",
            (self.id,))
        row = self.env.cr.fetchone()
        try:
            public = ballot_keys.read_public_key(self.env.cr.dbname, self.id)
        except ballot_keys.KeyFileError:
            return None
        if not public or not row or not row[0] or int(row[0], 16) != public:
            return None
        try:
            return ballot_crypto.check_public_key(public)
        except ballot_crypto.BallotError:
            return None

    def _encrypt_ballot(self, choice):
        """The ballot for ``choice``, encrypted with the key file's public
        key (which must be the one the database holds)."""
        public = self._ballot_public_key()
        if not public:
            _logger.error("secret vote on motion %s: the public key file is "
                          "missing or differs from the database", self.id)
            raise self._ballot_key_problem()
        return ballot_crypto.encrypt_ballot(public, choice)

    def _tally_ballots(self, registered):
        """{motion id: (yes, no, abstain, voted)} of these secret votes' online
        ballots (``registered``: {motion id: (online, paper)}),
        closing: one query reads the ballots of all of them; for each motion
        only the product of its ballots is decrypted, with the key read from
        its file. Nothing is written here; the key files are destroyed once
        the close is committed (never before: a close that is rolled back
        leaves the vote open, and it must still be countable)."""
        if not self:
            return {}
        cr = self.env.cr
        cr.execute("""
            SELECT motion_id, yes_a, yes_b, no_a, no_b FROM party_meeting_ballot
             WHERE motion_id IN %s""", (tuple(self.ids),))
        ballots = defaultdict(list)
        for row in cr.fetchall():
            ballots[row[0]].append(row[1:])
        cr.execute("SELECT id, ballot_public_key FROM party_meeting_motion "
                   "WHERE id IN %s", (tuple(self.ids),))
        public = dict(cr.fetchall())
        result = {}
        for motion in self:
            rows = ballots.get(motion.id, [])
            voted = registered.get(motion.id, (0, 0))[0]
            if len(rows) != voted:
                raise UserError(_(
                    "The secret ballot on “%(motion)s” holds %(ballots)s "
                    "ballots but %(voted)s members are registered as having "
                    "voted: it cannot be counted. Ask the administrator.") % {
                        "motion": motion.name, "ballots": len(rows),
                        "voted": voted})
            if not rows:
                result[motion.id] = (0, 0, 0, 0)
                continue
            try:
                key = ballot_keys.read_private_key(cr.dbname, motion.id)
            except ballot_keys.KeyFileError as error:
                _logger.error("secret vote on motion %s: %s", motion.id, error)
                key = None
            stored = public.get(motion.id)
            if not key or not stored or int(stored, 16) != key[1] or \
                    not ballot_crypto.key_matches(*key):
                _logger.error("secret vote on motion %s: no key file matching "
                              "its public key", motion.id)
                raise motion._ballot_key_problem()
            try:
                yes, no, abstain = ballot_crypto.tally(key[0], rows)
            except ballot_crypto.BallotError:
                raise UserError(_(
                    "The ballots of the secret vote on “%s” cannot be "
                    "counted: they were not all encrypted for this vote. "
                    "Ask the administrator.") % motion.name) from None
            result[motion.id] = (yes, no, abstain, voted)
            # the number of ballots is public (who voted); a motion counted
            # twice in the log is a close that was rolled back
            _logger.info("secret vote on motion %s counted (%s ballots)",
                         motion.id, len(rows))
        cr.after("commit", functools.partial(
            _after_close_commit, cr, cr.dbname, list(self.ids)))
        return result

    @api.model
    def _cron_gc_ballot_keys(self):
        """Daily: remove the key files of motions that are closed, gone or
        never opened; the whole backlog in bounded batches, oldest first."""
        return collect_ballot_keys(self.env.cr, self.env.cr.dbname)


def collect_ballot_keys(cr, dbname, motion_ids=None, limit=None, now=None):
    """Destroy the key files of the database that are no longer needed:
    motion closed (at once), motion gone or not open, or a temporary file
    (after KEY_GRACE_SECONDS, so that an opening still running keeps its
    key). Reads the committed state through ``cr``; safe to rerun; returns
    the number of files removed. ``motion_ids``: only those motions' files;
    ``limit``: at most that many files looked at."""
    now = now or time.time()
    files = ballot_keys.list_files(dbname)
    if motion_ids is not None:
        wanted = set(motion_ids)
        files = [item for item in files if item[0] in wanted]
    if limit is not None:
        files = files[:limit]
    removed = 0
    for start in range(0, len(files), KEY_BATCH):
        batch = files[start:start + KEY_BATCH]
        cr.execute("SELECT id, state FROM party_meeting_motion WHERE id IN %s",
                   (tuple({item[0] for item in batch}),))
        states = dict(cr.fetchall())
        for motion_id, path, mtime in batch:
            state = states.get(motion_id)
            temporary = path.endswith(".tmp")
            if state == "open" and not temporary:
                continue
            if state != "closed" and now - mtime < KEY_GRACE_SECONDS:
                continue
            if ballot_keys.destroy_path(path):
                removed += 1
    if removed:
        _logger.info("removed %s ballot key files", removed)
    return removed


def _after_close_commit(cr, dbname, motion_ids):
    """After a close is committed: destroy those motions' keys (if they are
    closed: a close undone by a savepoint keeps its key), then look at a
    few other files. Never raises: the daily collector retries."""
    try:
        collect_ballot_keys(cr, dbname, motion_ids)
        collect_ballot_keys(cr, dbname, limit=KEY_BATCH)
    except Exception:  # pylint: disable=broad-except
        _logger.exception("ballot keys of motions %s not destroyed yet; the "
                          "daily collector will", motion_ids)


class PartyMeetingVote(models.Model):
    """The register of who voted on a motion (and, for an open named vote,
    how). For a secret ballot the choice is never stored here."""

    _name = "party.meeting.vote"
    _description = "Vote register"
    _order = "motion_id, id"

    motion_id = fields.Many2one(
        "party.meeting.motion", required=True, index=True, ondelete="cascade",
        readonly=True)
    member_id = fields.Many2one(
        "party.member", required=True, index=True, ondelete="restrict",
        readonly=True)
    organization_id = fields.Many2one(
        "party.organization", index=True, readonly=True)
    choice = fields.Selection(CHOICES, readonly=True)
    assisted = fields.Boolean(string="Assisted entry", readonly=True)
    channel = fields.Selection(
        [("online", "Online or recorded"), ("paper", "Paper ballot")],
        readonly=True, default="online",
        help="Paper ballot: the member took a paper ballot of a secret vote "
             "(counted in the paper tally of the vote-counting board).")

    _sql_constraints = [
        ("member_uniq", "unique(motion_id, member_id)",
         "A member votes at most once on a motion."),
    ]

    # Rows are only written by PartyMeetingMotion._cast (SQL, one per member
    # and motion, under the motion's lock): the ORM never creates or changes
    # a vote, so these deliberately do not call super().
    @api.model
    def create(self, vals):  # pylint: disable=method-required-super
        raise UserError(_("Votes are cast with the vote buttons."))

    @api.multi
    def write(self, vals):  # pylint: disable=method-required-super
        raise UserError(_("A vote cannot be changed."))

    @api.multi
    def unlink(self):
        if any(v.motion_id.state != "draft" for v in self):
            raise UserError(_("A vote cannot be deleted."))
        return super().unlink()


class PartyMeetingBallot(models.Model):
    """A secret ballot: its motion and the ballot encrypted for the motion's
    key, nothing else (no voter, no user, no timestamps).

    The four ciphertext components (``ballot_crypto``: the bits "in favour"
    and "against", two 256-byte group elements each) are columns made by
    ``init`` and written and read in SQL by the motion only: the ORM never
    shows them."""

    _name = "party.meeting.ballot"
    _inherit = "party.integrity.mixin"
    _description = "Secret ballot"
    # ballots are inserted by PartyMeetingMotion._cast (SQL, with their
    # register row) and deleted with their motion only: no role, the
    # superuser included, creates, moves or deletes one through the ORM
    _protected_fields = ("motion_id",)
    _log_access = False
    _order = "id"

    motion_id = fields.Many2one(
        "party.meeting.motion", required=True, index=True, ondelete="cascade")

    def _create_refusal(self):
        return _("Ballots are cast with the vote buttons.")

    def _unlink_refusal(self):
        return _("A ballot cannot be deleted.")

    def _integrity_error(self, names):  # pylint: disable=unused-argument
        return UserError(_("A ballot cannot be changed."))

    @api.model_cr
    def init(self):
        # a CHECK rather than NOT NULL: Odoo drops NOT NULL from columns it
        # does not know at every update
        self.env.cr.execute("""
            ALTER TABLE party_meeting_ballot
                ADD COLUMN IF NOT EXISTS yes_a bytea,
                ADD COLUMN IF NOT EXISTS yes_b bytea,
                ADD COLUMN IF NOT EXISTS no_a bytea,
                ADD COLUMN IF NOT EXISTS no_b bytea""")
        self.env.cr.execute("""
            SELECT 1 FROM pg_constraint
             WHERE conrelid = 'party_meeting_ballot'::regclass
               AND conname = 'party_meeting_ballot_ciphertext_check'""")
        if not self.env.cr.fetchone():
            self.env.cr.execute("""
                ALTER TABLE party_meeting_ballot
                  ADD CONSTRAINT party_meeting_ballot_ciphertext_check CHECK (
                      COALESCE(octet_length(yes_a), 0) = %(size)s
                      AND COALESCE(octet_length(yes_b), 0) = %(size)s
                      AND COALESCE(octet_length(no_a), 0) = %(size)s
                      AND COALESCE(octet_length(no_b), 0) = %(size)s)""", {
                          "size": ballot_crypto.SIZE})
