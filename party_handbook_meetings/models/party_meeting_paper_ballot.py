# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Kinds of decision, paper and hybrid ballots, and votes entered for many
members at once (issue #12).

* Every motion has a kind of decision (``party.meeting.decision.kind``):
  the rule it passes by, the voting method it requires, the person it
  concerns and how many failed votes the cell may hold on the same case.
* A secret ballot may be cast online and on paper. The recorder registers
  who takes a paper ballot: a register row (``party.meeting.vote``) with
  channel "paper" and no choice, under the same unique (motion, member)
  index and the same lock of the motion as an online vote, so that nobody
  votes twice either way. The vote-counting board (ban kiểm phiếu) enters
  the paper tally; it must reconcile with the ballots handed out (issued =
  returned + spoiled; in favour + against + abstaining = returned). Closing
  adds the decrypted online ballots and the paper tally, then forgets the
  paper tally's choices: the split by channel would tell the online voters'
  sum (with a single online ballot, its choice). The vote-counting board
  knows the paper tally, so an online voter's anonymity set is the online
  voters (docs/DESIGN.md, "Paper and hybrid ballots").
"""
import logging
import threading

from psycopg2.pool import PoolError

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools.sql import table_exists

from odoo.addons.party_handbook.models.party_integrity import internal_write

# pylint: disable=missing-import-error
from .party_meeting_motion import (
    CASTING_SLOTS, CASTING_WAIT, AlreadyRegistered, PartyMeetingMotion)

_logger = logging.getLogger(__name__)

PAPER_FIELDS = (
    "paper_issued_count", "paper_returned_count", "paper_spoiled_count",
    "paper_yes_count", "paper_no_count", "paper_abstain_count",
    "paper_tally_recorded", "paper_tally_by", "paper_tally_on",
    "counting_board_ids", "online_ballot_count")


class PartyMeetingMotion(models.Model):
    _inherit = "party.meeting.motion"
    _protected_fields = PartyMeetingMotion._protected_fields + PAPER_FIELDS
    VOTED_TEXT_FIELDS = PartyMeetingMotion.VOTED_TEXT_FIELDS + (
        "decision_kind_id", "subject_member_id", "subject_name")

    decision_kind_id = fields.Many2one(
        "party.meeting.decision.kind", string="Kind of decision",
        ondelete="restrict", index=True,
        default=lambda self: self._default_decision_kind(),
        states={"open": [("readonly", True)], "closed": [("readonly", True)]})
    needs_subject = fields.Boolean(
        related="decision_kind_id.needs_subject", readonly=True)
    subject_member_id = fields.Many2one(
        "party.member", string="Member concerned", ondelete="restrict",
        index=True,
        states={"open": [("readonly", True)], "closed": [("readonly", True)]},
        help="The probationary member to recognise, the member under "
             "discipline, or the applicant once on the register.")
    subject_name = fields.Char(
        string="Person concerned",
        states={"open": [("readonly", True)], "closed": [("readonly", True)]},
        help="The applicant's full name when they are not on the register "
             "(admission).")
    counting_board_ids = fields.Many2many(
        "party.member", "party_meeting_motion_counting_board_rel",
        "motion_id", "member_id", string="Vote-counting board",
        readonly=True, copy=False,
        help="Members present who counted the paper ballots (ban kiểm "
             "phiếu), recorded with the paper tally.")
    paper_taken_count = fields.Integer(
        string="Paper ballots handed out", compute="_compute_paper_taken",
        help="Members registered as having taken a paper ballot.")
    paper_issued_count = fields.Integer(
        string="Paper ballots issued", readonly=True, copy=False)
    paper_returned_count = fields.Integer(
        string="Valid paper ballots returned", readonly=True, copy=False)
    paper_spoiled_count = fields.Integer(
        string="Spoiled paper ballots", readonly=True, copy=False)
    paper_yes_count = fields.Integer(
        string="In favour (paper)", readonly=True, copy=False,
        groups="party_handbook_meetings.group_party_meetings_recorder")
    paper_no_count = fields.Integer(
        string="Against (paper)", readonly=True, copy=False,
        groups="party_handbook_meetings.group_party_meetings_recorder")
    paper_abstain_count = fields.Integer(
        string="Abstaining (paper)", readonly=True, copy=False,
        groups="party_handbook_meetings.group_party_meetings_recorder")
    paper_tally_recorded = fields.Boolean(readonly=True, copy=False)
    paper_tally_by = fields.Many2one(
        "res.users", string="Paper tally entered by", readonly=True,
        copy=False)
    paper_tally_on = fields.Datetime(
        string="Paper tally entered on", readonly=True, copy=False)
    online_ballot_count = fields.Integer(
        string="Online ballots", readonly=True, copy=False)
    ballot_parts = fields.Char(
        string="Ballots", compute="_compute_ballot_parts",
        help="The online and paper parts of a secret ballot.")

    @api.model
    def _default_decision_kind(self):
        Kind = self.env["party.meeting.decision.kind"]
        if not table_exists(self.env.cr, Kind._table):
            # updating a database of 11.0.1.2.0: the motions' table is set
            # up before the kinds' (the migration fills existing motions)
            return Kind
        return Kind._default_kind()

    def _compute_paper_taken(self):
        registered = self._register_counts()
        for motion in self:
            motion.paper_taken_count = registered.get(motion.id, (0, 0))[1]

    def _compute_ballot_parts(self):
        registered = self._register_counts()
        for motion in self:
            online, paper = registered.get(motion.id, (0, 0))
            motion.ballot_parts = motion._ballot_parts(online, paper) or False

    def _ballot_parts(self, online, paper):
        """"Online: 3 ballots; paper: 9 issued, 9 returned, 0 spoiled", for a
        secret ballot (None for an open vote)."""
        self.ensure_one()
        if self.method != "secret":
            return None
        board = self.sudo().counting_board_ids if self.paper_tally_recorded \
            else self.env["party.member"]
        return self._ballot_parts_text(
            self._ballot_parts_texts(), online, paper, self.paper_returned_count,
            self.paper_spoiled_count, self.paper_tally_recorded,
            board.mapped("name"))

    @api.model
    def _ballot_parts_texts(self):
        """The sentences of ``_ballot_parts``, translated once (the day view
        formats them for every secret ballot of the day)."""
        return {
            "none": _("Online: %(online)s ballots; no paper ballot."),
            "waiting": _("Online: %(online)s ballots; paper: %(issued)s issued, "
                         "not counted yet."),
            "counted": _("Online: %(online)s ballots; paper: %(issued)s issued, "
                         "%(returned)s returned, %(spoiled)s spoiled."),
            "board": _("Vote-counting board: %s."),
        }

    @api.model
    def _ballot_parts_text(self, texts, online, paper, returned, spoiled,
                           recorded, board_names):
        values = {"online": online, "issued": paper, "returned": returned,
                  "spoiled": spoiled}
        if not paper and not recorded:
            return texts["none"] % values
        if not recorded:
            return texts["waiting"] % values
        text = texts["counted"] % values
        if board_names:
            text += " " + texts["board"] % ", ".join(board_names)
        return text

    # kinds of decision ---------------------------------------------------------
    def _failed_before(self):
        """Closed votes on the same case (kind of decision, person, cell)
        that failed; a vote without quorum is not a vote of the cell."""
        self.ensure_one()
        if not (self.subject_member_id or self.subject_name):
            return 0
        domain = [("id", "!=", self.id if isinstance(self.id, int) else 0),
                  ("organization_id", "=", self.organization_id.id),
                  ("decision_kind_id", "=", self.decision_kind_id.id),
                  ("state", "=", "closed"), ("result", "=", "rejected")]
        if self.subject_member_id:
            domain.append(("subject_member_id", "=", self.subject_member_id.id))
        else:
            # the same name, whatever the case (no wildcard)
            name = self.subject_name.strip()
            for char in ("\\", "%", "_"):
                name = name.replace(char, "\\" + char)
            domain += [("subject_member_id", "=", False),
                       ("subject_name", "=ilike", name)]
        return self.sudo().search_count(domain)

    def _verdict_options(self):
        self.ensure_one()
        kind = self.sudo().decision_kind_id
        rule = kind._rule()
        failed = self._failed_before() if rule and rule.max_failed else 0
        section = self._cited_section()
        return {"rule": rule, "failed_before": failed,
                "citation": section.display_name if section else None}

    def _cited_section(self):
        """The library article the verdict cites: the kind of decision's,
        else the Statute's rule of the majority (empty when the library does
        not hold it)."""
        self.ensure_one()
        key = self.sudo().decision_kind_id.cite_key or "vote_majority"
        return self.env["party.library.section"].cited(key)

    def _check_decision_kind(self):
        """Refuse to open a vote the kind of decision does not allow."""
        self.ensure_one()
        kind = self.sudo().decision_kind_id
        if not kind:
            return
        rule = kind._rule()
        if kind.required_method and self.method != kind.required_method:
            raise UserError(_(
                "A vote on “%(kind)s” is taken by %(method)s (%(source)s): "
                "change how “%(motion)s” is voted before opening it.") % {
                    "kind": kind.name, "motion": self.name,
                    "method": dict(self._fields["method"]._description_selection(
                        self.env))[kind.required_method].lower(),
                    "source": rule.source})
        if kind.needs_subject and not (
                self.subject_member_id or (self.subject_name or "").strip()):
            raise UserError(_(
                "Name the person concerned by “%s” before opening the vote.")
                % self.name)
        if kind.max_failed_votes:
            failed = self._failed_before()
            if failed >= kind.max_failed_votes:
                raise UserError(_(
                    "The cell has already voted %(failed)s times on this case "
                    "without passing it (%(kind)s): after %(max)s failed votes "
                    "the case goes to the upper committee (%(source)s); the "
                    "cell cannot vote on it again.") % {
                        "failed": failed, "max": kind.max_failed_votes,
                        "kind": kind.name, "source": rule.source})

    # paper ballots ---------------------------------------------------------------
    def _check_recorder(self):
        if not self.env.user.has_group(
                "party_handbook_meetings.group_party_meetings_recorder"):
            raise AccessError(_("Only the meeting's recorder can do this."))
        self.check_access_rights("write")
        self.check_access_rule("write")

    @api.multi
    def action_issue_paper_ballots(self, member_ids):
        """Register that these members take a paper ballot of this secret
        vote. Members who already voted online (or took a paper ballot) are
        left as they are; returns {"registered": [ids], "skipped": [ids]}."""
        self.ensure_one()
        self._check_recorder()
        if self.method != "secret":
            raise UserError(_("Paper ballots are handed out for a secret "
                              "ballot only."))
        entries = [(int(member_id), None, False, "paper")
                   for member_id in member_ids]
        return self._cast_many(entries)

    @api.multi
    def action_record_paper_tally(self, board_member_ids, returned, spoiled,
                                  yes, no, abstain):
        """The vote-counting board's tally of the paper ballots. Refused,
        with nothing written, unless it reconciles with the ballots handed
        out."""
        self.ensure_one()
        self._check_recorder()
        numbers = {"returned": returned, "spoiled": spoiled, "yes": yes,
                   "no": no, "abstain": abstain}
        try:
            numbers = {key: int(value or 0) for key, value in numbers.items()}
        except (TypeError, ValueError):
            raise UserError(_("The paper tally holds numbers only.")) from None
        cr = self.env.cr
        # the lock votes and paper ballots take (see _cast): nobody takes a
        # paper ballot while the tally is checked
        cr.execute("""
            UPDATE party_meeting_motion
               SET write_date = now() at time zone 'UTC'
             WHERE id = %s RETURNING state, method""", (self.id,))
        state, method = cr.fetchone()
        if state != "open" or method != "secret":
            raise UserError(_("The paper tally is entered while a secret "
                              "ballot is open."))
        if min(numbers.values()) < 0:
            raise UserError(_("The paper tally cannot hold negative numbers."))
        board = self.env["party.member"].browse(
            [int(i) for i in board_member_ids or []])
        if not board:
            raise UserError(_("Record the members of the vote-counting board "
                              "(at least one)."))
        present = self.sudo().meeting_id.attendance_ids.filtered(
            lambda l: l.state == "present").mapped("member_id")
        absent = board.sudo() - present
        if absent:
            raise UserError(_(
                "The vote-counting board is chosen among the members present: "
                "%s is not recorded as present.") % ", ".join(
                    absent.mapped("name")))
        issued = self._register_counts().get(self.id, (0, 0))[1]
        numbers["issued"] = issued
        if issued != numbers["returned"] + numbers["spoiled"]:
            raise UserError(_(
                "The paper tally does not reconcile: %(issued)s paper ballots "
                "were handed out, but %(returned)s valid ballots returned and "
                "%(spoiled)s spoiled ballots were entered. A ballot that was "
                "not put back counts as spoiled. Nothing was recorded: correct "
                "the numbers and enter them again.") % numbers)
        if numbers["yes"] + numbers["no"] + numbers["abstain"] != \
                numbers["returned"]:
            raise UserError(_(
                "The paper tally does not reconcile: %(yes)s in favour, "
                "%(no)s against and %(abstain)s abstaining do not add up to "
                "the %(returned)s valid ballots returned. Nothing was "
                "recorded: correct the numbers and enter them again.")
                % numbers)
        with internal_write(self):
            self.sudo().write({
                "counting_board_ids": [(6, 0, board.ids)],
                "paper_issued_count": issued,
                "paper_returned_count": numbers["returned"],
                "paper_spoiled_count": numbers["spoiled"],
                "paper_yes_count": numbers["yes"],
                "paper_no_count": numbers["no"],
                "paper_abstain_count": numbers["abstain"],
                "paper_tally_recorded": True,
                "paper_tally_by": self.env.uid,
                "paper_tally_on": fields.Datetime.now()})
        return True

    def _check_paper_tally(self, registered):
        """Closing: the paper part of these secret ballots is counted and
        still matches the ballots handed out."""
        for motion in self:
            paper = registered.get(motion.id, (0, 0))[1]
            if paper and not motion.paper_tally_recorded:
                raise UserError(_(
                    "%(paper)s members took a paper ballot on “%(motion)s”: "
                    "the vote-counting board enters the paper tally before "
                    "the vote is closed.") % {
                        "paper": paper, "motion": motion.name})
            if motion.paper_tally_recorded and \
                    motion.paper_issued_count != paper:
                raise UserError(_(
                    "The paper tally of “%(motion)s” counts %(issued)s "
                    "ballots handed out, but %(paper)s members are registered "
                    "with a paper ballot: enter the paper tally again.") % {
                        "motion": motion.name, "paper": paper,
                        "issued": motion.paper_issued_count})

    # many members at once ----------------------------------------------------------
    def _cast_many(self, entries):
        """Register ``entries`` [(member id, choice, assisted, channel)] in
        one transaction, through ``_cast`` (same index, same lock). Members
        already on the register are left untouched and reported; any other
        refusal undoes the whole batch."""
        self.ensure_one()
        uid = self.env.uid
        testing = self.pool.in_test_mode() or getattr(
            threading.currentThread(), "testing", False)
        if testing:
            return self.sudo()._cast_entries(entries, uid)
        if not CASTING_SLOTS.acquire(timeout=CASTING_WAIT):
            raise self._busy_error()
        try:
            try:
                cr = self.pool.cursor()
            except PoolError:
                raise self._busy_error()
            try:
                cr.execute("SET TRANSACTION ISOLATION LEVEL READ COMMITTED")
                result = self.with_env(self.env(cr=cr)).sudo()._cast_entries(
                    entries, uid)
                try:
                    cr.commit()  # pylint: disable=invalid-commit
                except PoolError:
                    _logger.warning("votes entered on motion %s; live views "
                                    "not notified", self.id)
            finally:
                cr.close()
        finally:
            CASTING_SLOTS.release()
        self.invalidate_cache()
        self.env["party.meeting.vote"].invalidate_cache()
        return result

    def _cast_entries(self, entries, uid):
        registered, skipped = [], []
        for member_id, choice, assisted, channel in entries:
            try:
                self._cast(member_id, choice, assisted, uid=uid,
                           channel=channel)
            except AlreadyRegistered:
                skipped.append(member_id)
                continue
            registered.append(member_id)
        return {"registered": registered, "skipped": skipped}

    @api.multi
    def action_open_paper_tally(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window", "name": _("Paper tally"),
            "res_model": "party.meeting.paper.tally", "view_mode": "form",
            "target": "new", "context": {"default_motion_id": self.id}}


class PartyMeetingPaperTally(models.TransientModel):
    """The vote-counting board's paper tally of a secret ballot."""

    _name = "party.meeting.paper.tally"
    _description = "Paper tally of a secret ballot"

    motion_id = fields.Many2one("party.meeting.motion", required=True)
    meeting_id = fields.Many2one(related="motion_id.meeting_id", readonly=True)
    issued = fields.Integer(
        string="Ballots handed out", related="motion_id.paper_taken_count",
        readonly=True)
    board_member_ids = fields.Many2many(
        "party.member", string="Vote-counting board",
        domain="[('meeting_attendance_ids.meeting_id', '=', meeting_id), "
               "('meeting_attendance_ids.state', '=', 'present')]")
    returned = fields.Integer(string="Valid ballots returned")
    spoiled = fields.Integer(string="Spoiled ballots")
    yes = fields.Integer(string="In favour")
    no = fields.Integer(string="Against")
    abstain = fields.Integer(string="Abstaining")

    @api.multi
    def action_record(self):
        self.ensure_one()
        self.motion_id.action_record_paper_tally(
            self.board_member_ids.ids, self.returned, self.spoiled, self.yes,
            self.no, self.abstain)
        return {"type": "ir.actions.act_window_close"}


class PartyMeetingPaperIssue(models.TransientModel):
    """Hand out paper ballots: the members present who can vote and have
    not voted yet, ticked by default."""

    _name = "party.meeting.paper.issue"
    _description = "Hand out paper ballots"

    motion_id = fields.Many2one("party.meeting.motion", required=True)
    meeting_id = fields.Many2one(related="motion_id.meeting_id", readonly=True)
    member_ids = fields.Many2many(
        "party.member", string="Members taking a paper ballot",
        domain="[('meeting_attendance_ids.meeting_id', '=', meeting_id), "
               "('meeting_attendance_ids.state', '=', 'present')]")

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        motion = self.env["party.meeting.motion"].browse(
            values.get("motion_id") or self.env.context.get("default_motion_id"))
        if motion and "member_ids" in fields_list:
            # who has not voted yet is told to who runs the vote only
            motion.check_access_rights("write")
            motion.check_access_rule("write")
            voted = motion.sudo().vote_ids.mapped("member_id")
            lines = motion.sudo().meeting_id.attendance_ids.filtered("can_vote")
            values["member_ids"] = [(6, 0, (lines.mapped("member_id") - voted).ids)]
        return values

    @api.multi
    def action_issue(self):
        self.ensure_one()
        self.motion_id.action_issue_paper_ballots(self.member_ids.ids)
        return {"type": "ir.actions.act_window_close"}


class PartyMeeting(models.Model):
    _inherit = "party.meeting"

    @api.model
    def _day_overview_details(self, voters, explained=()):
        """The day view's motions also tell the online and paper parts of a
        secret ballot (one query for all of them, the sentences translated
        once)."""
        result = super()._day_overview_details(voters, explained)
        motions = [motion for group in result["motions"].values()
                   for motion in group if motion["method"] == "secret"]
        if motions:
            # counts only (the register of who took part, never a choice)
            self.env.cr.execute("""
                SELECT mo.id,
                       count(v.id) FILTER (WHERE v.channel IS DISTINCT FROM 'paper'),
                       count(v.id) FILTER (WHERE v.channel = 'paper'),
                       COALESCE(mo.paper_returned_count, 0),
                       COALESCE(mo.paper_spoiled_count, 0),
                       COALESCE(mo.paper_tally_recorded, FALSE)
                  FROM party_meeting_motion mo
                  LEFT JOIN party_meeting_vote v ON v.motion_id = mo.id
                 WHERE mo.id IN %s
                 GROUP BY mo.id""", (tuple(motion["id"] for motion in motions),))
            rows = {row[0]: row[1:] for row in self.env.cr.fetchall()}
            Motion = self.env["party.meeting.motion"]
            texts = Motion._ballot_parts_texts()
            for motion in motions:
                online, paper, returned, spoiled, recorded = rows[motion["id"]]
                if recorded:
                    # a counted paper tally may name its vote-counting board
                    # (rare: through the ORM, in the board's order)
                    motion["ballot_parts"] = Motion.browse(
                        motion["id"])._ballot_parts(online, paper) or ""
                    continue
                motion["ballot_parts"] = Motion._ballot_parts_text(
                    texts, online, paper, returned, spoiled, recorded, ())
        return result
