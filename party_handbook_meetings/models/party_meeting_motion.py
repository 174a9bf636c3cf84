# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Motions and votes.

Who voted and how are kept apart for a secret ballot:

* ``party.meeting.vote`` is the register of who voted (one row per member and
  motion, enforced by a unique index). For an open named vote it also holds
  the member's choice; for a secret ballot it never does.
* ``party.meeting.ballot`` holds the secret ballots: a motion and a choice,
  nothing else (no voter, no user, no timestamps: ``_log_access = False``).
  When the vote opens, one blank ballot is created per member who could vote,
  in one statement; a voter fills a blank ballot picked at random, so the
  order of the rows says nothing about the order of the votes. Each cast
  rewrites every ballot of the motion in the same statement, so all of them
  carry the transaction id of the latest vote (PostgreSQL's ``xmin``) and no
  system column joins a ballot to its register row either. Blank ballots are
  deleted when the vote closes: ballots then equal the register.
"""
import logging
import random
import threading

from psycopg2.pool import PoolError

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from odoo.addons.party_handbook.models.party_integrity import (
    checked_values, internal_write, is_internal)

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
                 "base_count", "voter_count", "result", "explanation")


class PartyMeetingMotion(models.Model):
    _name = "party.meeting.motion"
    _inherit = "party.meeting.part"
    _description = "Meeting motion"
    _order = "meeting_id, sequence, id"
    # moved by opening and closing the vote only; the result is the count's
    _protected_fields = ("organization_id", "meeting_id", "state") + tuple(
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
                meeting.quorum_denominator or 3)
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
        """{motion id: (yes, no, abstain, voted)}: the hand count, the named
        votes or the filled secret ballots, counted in SQL."""
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
        cr.execute("""
            SELECT motion_id, count(*) FILTER (WHERE choice = 'yes'),
                   count(*) FILTER (WHERE choice = 'no'),
                   count(*) FILTER (WHERE choice = 'abstain')
              FROM party_meeting_ballot WHERE motion_id IN %s
             GROUP BY motion_id""", (tuple(ids),))
        secret = {row[0]: row[1:] for row in cr.fetchall()}
        for motion in self.filtered(lambda m: isinstance(m.id, int)):
            registered = named.get(motion.id, (0, 0, 0, 0))
            if motion.method == "hands":
                result[motion.id] = (
                    motion.yes_count, motion.no_count, motion.abstain_count,
                    motion.yes_count + motion.no_count + motion.abstain_count)
            elif motion.method == "named":
                result[motion.id] = registered
            else:
                result[motion.id] = secret.get(motion.id, (0, 0, 0)) + (
                    registered[3],)
        return result

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
        with internal_write(self):
            self.write({"state": "open"})
        for motion in self.filtered(lambda m: m.method == "secret"):
            # one blank ballot for each member who could vote at this meeting
            self.env.cr.execute("""
                INSERT INTO party_meeting_ballot (motion_id)
                SELECT %s FROM party_meeting_attendance
                 WHERE meeting_id = %s AND is_official AND is_guest IS NOT TRUE
                   AND restriction IS NULL
                   AND state != 'attached_elsewhere'""", (
                    motion.id, motion.meeting_id.id))
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
        self.env.cr.execute(
            "DELETE FROM party_meeting_ballot WHERE motion_id IN %s AND choice IS NULL",
            (tuple(self.ids),))
        counts = self._counts()
        tallies = self.mapped("meeting_id")._tallies()
        for motion in self:
            yes, no, abstain = counts[motion.id][:3]
            meeting = motion.meeting_id
            tally = tallies.get(meeting.id, Tally(self.env))
            result, explanation = tally.verdict(
                yes, no, abstain, meeting.quorum_numerator or 2,
                meeting.quorum_denominator or 3)
            with internal_write(motion):
                motion.write({
                    "state": "closed", "yes_count": yes, "no_count": no,
                    "abstain_count": abstain, "base_count": tally.base,
                    "voter_count": tally.present, "result": result,
                    "explanation": explanation,
                    "closed_on": fields.Datetime.now()})
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
        else:
            self.check_access_rule("read")
            members = self.env.user.partner_id.sudo().party_member_ids
            member = members[:1].id
            if not member:
                raise UserError(_("You are not a party member."))
        # the register records who entered the vote (the member, or the
        # recorder for an assisted entry), not the superuser
        uid = self.env.uid
        testing = self.pool.in_test_mode() or getattr(
            threading.currentThread(), "testing", False)
        if testing:
            # tests run in one transaction that a new cursor cannot see
            return self.sudo()._cast(member, choice, assisted, uid=uid)
        # Votes of one motion queue on its row anyway: a few casting
        # transactions at a time per server process are enough, and they
        # bound the extra database connections a rush of voters takes from
        # the process's pool (each cast holds one beside its request's, and
        # one more for the live views' notification at commit).
        if not CASTING_SLOTS.acquire(timeout=CASTING_WAIT):
            raise self._busy_error()
        try:
            result = self._cast_in_own_transaction(member, choice, assisted, uid)
        finally:
            CASTING_SLOTS.release()
        self.invalidate_cache()
        return result

    def _busy_error(self):
        return UserError(_("The server is busy and your vote was not "
                           "recorded: please vote again in a moment."))

    def _cast_in_own_transaction(self, member, choice, assisted, uid):
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
                member, choice, assisted, uid=uid)
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

    def _cast(self, member_id, choice, assisted=False, uid=None):
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
         RETURNING state, method, meeting_id""", (self.id,))
        state, method, meeting_id = cr.fetchone()
        if state != "open":
            raise UserError(_("This vote is not open."))
        line = self.env["party.meeting.attendance"].search([
            ("meeting_id", "=", meeting_id), ("member_id", "=", member_id)])
        if not line:
            raise UserError(_("You are not on this meeting's roster."))
        if not line.can_vote:
            raise UserError(line._vote_refusal())
        # a second vote of the member (double tap, second tab) is expected:
        # refused without an SQL error in the server log
        cr.execute("""
            INSERT INTO party_meeting_vote (motion_id, member_id,
                   organization_id, choice, assisted, create_uid,
                   create_date, write_uid, write_date)
            VALUES (%s, %s, %s, %s, %s, %s, now() at time zone 'UTC',
                    %s, now() at time zone 'UTC')
            ON CONFLICT (motion_id, member_id) DO NOTHING
            RETURNING id""", (
                self.id, member_id, line.organization_id.id,
                choice if method == "named" else None, bool(assisted),
                uid or self.env.uid, uid or self.env.uid))
        if not cr.fetchone():
            raise UserError(_("%s has already voted on this motion.") %
                            line.member_id.name)
        if method == "secret":
            cr.execute("SELECT id FROM party_meeting_ballot "
                       "WHERE motion_id = %s AND choice IS NULL", (self.id,))
            blanks = [row[0] for row in cr.fetchall()]
            if not blanks:
                raise UserError(_("No ballot is left for this vote."))
            ballot = random.SystemRandom().choice(blanks)
            cr.execute("""
                UPDATE party_meeting_ballot
                   SET choice = CASE WHEN id = %s THEN %s ELSE choice END
                 WHERE motion_id = %s""", (ballot, choice, self.id))
        self.env["party.meeting.vote"].invalidate_cache()
        self.invalidate_cache()
        self.browse(self.id).meeting_id._notify_live()
        return True


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
    """A secret ballot: a motion and a choice, and nothing else."""

    _name = "party.meeting.ballot"
    _description = "Secret ballot"
    _log_access = False
    _order = "id"

    motion_id = fields.Many2one(
        "party.meeting.motion", required=True, index=True, ondelete="cascade")
    choice = fields.Selection(CHOICES)
