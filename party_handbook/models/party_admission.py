# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Admission to the Party, one case per candidate (issue #16, §2).

candidate (theory course) → application and two sponsors → verification of
the biography → the cell's vote → the committee's decision → admission
ceremony (the member is created, probationary) → probation → the cell's
vote on recognition → the committee's recognition → official member.

* Each step is an action that checks the case's state, the caller's role
  and the step's data, then dates the step and records who did it; the
  state and what the actions write are protected (``party.integrity.mixin``):
  no context key skips a step. A step's data is frozen once the case has
  passed that step.
* The cell's secretary manages the case up to the vote and records the
  ceremony; the committee's officers decide (admission, recognition,
  province's approval of a candidate over the maximum age).
* Thresholds and deadlines are the ``party.rule`` rows: age at the vote
  (in full months), two thirds of the cell's official members, failed votes
  after which the case goes to the upper committee, 30 working days for the
  ceremony after the decision and for the review after the probation
  (``party.holiday`` working days).
* "Ngày vào Đảng" is the day of the admission ceremony (Điều lệ Đảng, Điều 5,
  khoản 1: the probation runs from the ceremony; Hướng dẫn 01-HD/TW, continued
  by Quy định 294-QĐ/TW): the member's ``admission_date``. A probationary
  member who is recognised is official from the end of the 12 months of
  probation, even when the cell or the committee decides later (same texts):
  the member's ``official_date``.
"""
import logging
from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools.misc import format_date

# pylint: disable=missing-import-error
from .party_batch import BATCH_SIZE, create_activities, run_in_batches, slicer
from .party_integrity import checked_values, internal_write, is_internal
from .party_lang import in_handbook_lang
from .party_member import SENSITIVE

_logger = logging.getLogger(__name__)

OFFICER = "party_handbook.group_party_handbook_officer"
STATES = [
    ("candidate", "Candidate"),
    ("application", "Application and sponsors"),
    ("verification", "Verification"),
    ("vote", "Cell's vote"),
    ("decision", "Committee's decision"),
    ("ceremony", "Admission ceremony"),
    ("probation", "Probation"),
    ("recognition", "Recognition decision"),
    ("official", "Official member"),
    ("escalated", "Sent to the upper committee"),
    ("closed", "Closed"),
]
ORDER = [state for state, _label in STATES]
OPEN_STATES = ORDER[:8]
VOTE_KINDS = [("admission", "Admission"), ("recognition", "Recognition")]
# the last state in which each group of fields may still be written
EDITABLE_UNTIL = {
    "vote": ("name", "date_of_birth", "gender", "national_id", "phone",
             "email", "residence", "occupation", "organization_id"),
    "candidate": ("course_name", "course_certificate_date"),
    "application": ("application_date", "sponsor_1_id", "sponsor_1_since",
                    "sponsor_2_id", "sponsor_2_since", "youth_union_sponsor"),
    "verification": ("verification_date", "verification_by",
                     "verification_documents"),
    # the probation counts from it: frozen once the ceremony is recorded
    "ceremony": ("ceremony_date",),
}
# written by the committee's officers only, in these states
OFFICER_FIELDS = {
    ("candidate", "application", "verification", "vote"): (
        "province_approval_number", "province_approval_date"),
    ("decision",): ("decision_number", "decision_date"),
    ("probation", "recognition"): (
        "recognition_decision_number", "recognition_decision_date"),
}
# the paper vote being entered (cleared once recorded)
VOTE_ENTRY = ("vote_entry_date", "vote_entry_official_count",
              "vote_entry_yes_count")
# days before a deadline the cell secretary is reminded
NOTICE_DAYS = 10


def months_between(start, end):
    """Full months from ``start`` to ``end`` (dates or strings)."""
    delta = relativedelta(fields.Date.from_string(end),
                          fields.Date.from_string(start))
    return delta.years * 12 + delta.months


class PartyAdmission(models.Model):
    _name = "party.admission"
    _description = "Admission case"
    _inherit = ["party.integrity.mixin", "party.audited.thread",
                "mail.activity.mixin"]
    _order = "organization_id, state_sequence, id desc"
    _protected_fields = (
        "state", "member_id", "overdue",
        "course_recorded_by", "course_recorded_on",
        "application_recorded_by", "application_recorded_on",
        "verification_recorded_by", "verification_recorded_on",
        "decision_recorded_by", "decision_recorded_on",
        "ceremony_recorded_by", "ceremony_recorded_on",
        "recognition_recorded_by", "recognition_recorded_on",
        "escalated_on", "closed_on", "closed_by")

    # the candidate
    name = fields.Char(string="Candidate", required=True,
                       track_visibility="onchange")
    organization_id = fields.Many2one(
        "party.organization", string="Party cell", required=True, index=True,
        ondelete="restrict", track_visibility="onchange")
    date_of_birth = fields.Date(string="Born on", required=True,
                                track_visibility="onchange")
    gender = fields.Selection([("male", "Male"), ("female", "Female")],
                              track_visibility="onchange")
    national_id = fields.Char(string="National ID", groups=SENSITIVE,
                              copy=False, track_visibility="onchange")
    phone = fields.Char(track_visibility="onchange")
    email = fields.Char(track_visibility="onchange")
    residence = fields.Char(string="Place of residence",
                            track_visibility="onchange")
    occupation = fields.Char(track_visibility="onchange")
    state = fields.Selection(STATES, string="Stage", required=True,
                             default="candidate", index=True, copy=False,
                             track_visibility="onchange",
                             group_expand="_expand_states")
    state_sequence = fields.Integer(compute="_compute_state_sequence",
                                    store=True)
    color = fields.Integer(compute="_compute_color")
    note = fields.Text(string="Notes")

    # theory course
    course_name = fields.Char(
        string="Course", track_visibility="onchange",
        help="The course on the Party's basic political theory (lớp bồi "
             "dưỡng nhận thức về Đảng).")
    course_certificate_date = fields.Date(
        string="Certificate dated", track_visibility="onchange")
    course_recorded_by = fields.Many2one("res.users", readonly=True)
    course_recorded_on = fields.Datetime(readonly=True)

    # application and sponsors
    application_date = fields.Date(string="Application dated",
                                   track_visibility="onchange")
    sponsor_1_id = fields.Many2one(
        "party.member", string="First sponsor", ondelete="restrict",
        track_visibility="onchange")
    sponsor_1_since = fields.Date(
        string="First sponsor has known the candidate since",
        track_visibility="onchange",
        help="Since when the sponsor has worked or lived with the candidate "
             "(at least the months of the rule before the application).")
    sponsor_2_id = fields.Many2one(
        "party.member", string="Second sponsor", ondelete="restrict",
        track_visibility="onchange")
    sponsor_2_since = fields.Date(
        string="Second sponsor has known the candidate since",
        track_visibility="onchange")
    youth_union_sponsor = fields.Char(
        string="Sponsored by the Youth Union",
        track_visibility="onchange",
        help="The resolution of the Youth Union's committee that sponsors "
             "the candidate in place of the second party member (number and "
             "date).")
    application_recorded_by = fields.Many2one(
        "res.users", readonly=True)
    application_recorded_on = fields.Datetime(
        readonly=True)

    # verification
    verification_date = fields.Date(
        string="Biography verified on", track_visibility="onchange")
    verification_by = fields.Char(
        string="Verified by", track_visibility="onchange",
        help="Who verified the candidate's biography (committee, officer).")
    verification_documents = fields.Text(
        string="Paper documents",
        help="The documents of the file, as kept on paper.")
    verification_recorded_by = fields.Many2one(
        "res.users", readonly=True)
    verification_recorded_on = fields.Datetime(
        readonly=True)

    # votes
    vote_ids = fields.One2many("party.admission.vote", "admission_id",
                               string="Votes", readonly=True)
    age_months_today = fields.Integer(
        string="Age (months)", compute="_compute_age")
    age_text = fields.Char(string="Age", compute="_compute_age")
    province_approval_number = fields.Char(
        string="Province's approval number", track_visibility="onchange",
        help="A candidate older than the maximum age at the cell's vote "
             "needs the provincial committee's approval first.")
    province_approval_date = fields.Date(
        string="Province's approval dated", track_visibility="onchange")
    failed_admission_votes = fields.Integer(
        compute="_compute_failed_votes")
    failed_recognition_votes = fields.Integer(
        compute="_compute_failed_votes")
    vote_entry_date = fields.Date(string="Vote held on")
    vote_entry_official_count = fields.Integer(
        string="Official members of the cell")
    vote_entry_yes_count = fields.Integer(string="In favour")

    # the committee's decision and the ceremony
    decision_number = fields.Char(string="Admission decision number",
                                  track_visibility="onchange")
    decision_date = fields.Date(string="Admission decision dated",
                                track_visibility="onchange")
    decision_recorded_by = fields.Many2one(
        "res.users", readonly=True)
    decision_recorded_on = fields.Datetime(
        readonly=True)
    ceremony_deadline = fields.Date(
        compute="_compute_deadlines", store=True,
        help="Working days after the committee's decision (rule "
             "admission_ceremony_working_days).")
    ceremony_date = fields.Date(string="Ceremony held on",
                                track_visibility="onchange")
    ceremony_recorded_by = fields.Many2one(
        "res.users", readonly=True)
    ceremony_recorded_on = fields.Datetime(
        readonly=True)
    member_id = fields.Many2one("party.member", string="Member",
                                readonly=True, ondelete="restrict",
                                index=True)

    # probation and recognition
    probation_end_date = fields.Date(
        string="Probation ends on", compute="_compute_deadlines", store=True)
    recognition_deadline = fields.Date(
        string="Recognition review due by", compute="_compute_deadlines",
        store=True,
        help="Working days after the probation ends (rule "
             "admission_recognition_working_days).")
    recognition_decision_number = fields.Char(track_visibility="onchange")
    recognition_decision_date = fields.Date(
        string="Recognition decision dated", track_visibility="onchange")
    recognition_recorded_by = fields.Many2one(
        "res.users", readonly=True)
    recognition_recorded_on = fields.Datetime(
        readonly=True)

    # deadlines, escalation, closing
    deadline = fields.Date(
        string="Next deadline", compute="_compute_deadlines", store=True,
        index=True)
    days_left = fields.Integer(
        string="Working days left", compute="_compute_days_left",
        help="Working days from today to the next deadline (negative: "
             "overdue by that many working days).")
    overdue = fields.Boolean(
        readonly=True, copy=False, index=True,
        help="Marked by the daily scheduled action when the deadline passed.")
    escalated_on = fields.Date(readonly=True, copy=False)
    closed_on = fields.Date(readonly=True, copy=False)
    closed_by = fields.Many2one("res.users", readonly=True, copy=False)

    _sql_constraints = [
        ("vote_entry_positive", "CHECK (vote_entry_official_count >= 0 AND "
         "vote_entry_yes_count >= 0)", "Vote counts cannot be negative."),
    ]

    # --- computes ---------------------------------------------------------

    @api.depends("state")
    def _compute_state_sequence(self):
        for case in self:
            case.state_sequence = ORDER.index(case.state) if case.state else 0

    def _compute_color(self):
        for case in self:
            case.color = 1 if case.overdue else (
                2 if case.state == "escalated" else 0)

    @api.model
    def _expand_states(self, states, domain, order):  # pylint: disable=unused-argument
        """The stages that hold cases, in the pipeline's order (on a phone
        the kanban opens on the first one: never an empty stage)."""
        return [state for state in ORDER if state in states]

    @api.depends("date_of_birth")
    def _compute_age(self):
        today = fields.Date.context_today(self)
        for case in self:
            months = case.date_of_birth and months_between(
                case.date_of_birth, today) or 0
            case.age_months_today = months
            case.age_text = case.date_of_birth and _(
                "%(years)s years %(months)s months") % {
                    "years": months // 12, "months": months % 12}

    def _compute_failed_votes(self):
        for case in self:
            failed = case.vote_ids.filtered(lambda v: not v.passed)
            case.failed_admission_votes = len(
                failed.filtered(lambda v: v.kind == "admission"))
            case.failed_recognition_votes = len(
                failed.filtered(lambda v: v.kind == "recognition"))

    @api.depends("state", "decision_date", "ceremony_date")
    def _compute_deadlines(self):
        Rule = self.env["party.rule"]
        Holiday = self.env["party.holiday"]
        for case in self:
            ceremony = probation_end = recognition = False
            if case.decision_date:
                ceremony = Holiday.add_working_days(
                    case.decision_date,
                    Rule.get_value("admission_ceremony_working_days"))
            if case.ceremony_date:
                probation_end = fields.Date.to_string(
                    fields.Date.from_string(case.ceremony_date) + relativedelta(
                        months=int(Rule.get_value("admission_probation_months"))))
                recognition = Holiday.add_working_days(
                    probation_end,
                    Rule.get_value("admission_recognition_working_days"))
            case.ceremony_deadline = ceremony
            case.probation_end_date = probation_end
            case.recognition_deadline = recognition
            case.deadline = {"ceremony": ceremony,
                             "probation": recognition}.get(case.state, False)

    def _compute_days_left(self):
        today = fields.Date.context_today(self)
        for case in self:
            case.days_left = case._working_days_left(today)

    def _working_days_left(self, today):
        """Working days from ``today`` to the next deadline (negative when
        it passed)."""
        self.ensure_one()
        Holiday = self.env["party.holiday"]
        if not self.deadline:
            return 0
        if self.deadline >= today:
            return Holiday.working_days_between(today, self.deadline)
        return -Holiday.working_days_between(self.deadline, today)

    # --- constraints ------------------------------------------------------

    @api.constrains("date_of_birth", "course_certificate_date",
                    "application_date", "verification_date", "decision_date",
                    "ceremony_date", "recognition_decision_date")
    def _check_dates(self):
        today = fields.Date.context_today(self)
        for case in self.sudo():
            for name in ("date_of_birth", "course_certificate_date",
                         "application_date", "verification_date",
                         "decision_date", "ceremony_date",
                         "recognition_decision_date"):
                if case[name] and case[name] > today:
                    raise ValidationError(_(
                        "%s cannot be in the future.") % case._fields[
                            name].get_description(self.env)["string"])

    # --- CRUD -------------------------------------------------------------

    @api.model
    def create(self, vals):
        self._check_integrity_create(vals)
        if not is_internal(self):
            given = {name for name in vals if vals[name]}
            if given & self._officer_fields() and not \
                    self.env.user.has_group(OFFICER):
                raise AccessError(_(
                    "Only the committee's officers record its decisions and "
                    "the province's approval."))
            later = given & (self._officer_fields() | set(VOTE_ENTRY)) - {
                "province_approval_number", "province_approval_date"}
            if later or given & {"ceremony_date"}:
                raise UserError(_(
                    "A new case starts with the candidate: decisions, votes "
                    "and the ceremony are recorded at their steps."))
        with checked_values(vals):
            return super().create(vals)

    @api.multi
    def write(self, vals):
        internal = is_internal(self)
        if not internal:
            self._check_integrity_write(vals)
            self._check_step_fields(vals)
        with checked_values(vals):
            result = super().write(vals)
        if "organization_id" in vals and not internal:
            # Odoo checks the rules before a write only: a case is not moved
            # out of its writer's subtree
            self.check_access_rule("write")
        return result

    def _officer_fields(self):
        return {name for names in OFFICER_FIELDS.values() for name in names}

    def _check_step_fields(self, vals):
        """A step's data is written up to its step; the committee's data by
        its officers, in the states it is decided in."""
        officer = self.env.user.has_group(OFFICER)
        for case in self:
            index = ORDER.index(case.state)
            for last, names in EDITABLE_UNTIL.items():
                if set(vals) & set(names) and (
                        index > ORDER.index(last) or case.state in (
                            "escalated", "closed")):
                    raise UserError(_(
                        "The case of %(name)s is at the stage “%(stage)s”: "
                        "what was recorded for an earlier step can no longer "
                        "be changed.") % {
                            "name": case.name,
                            "stage": dict(self._fields["state"]._description_selection(
                                self.env))[case.state]})
            for states, names in OFFICER_FIELDS.items():
                if not set(vals) & set(names):
                    continue
                if not officer:
                    raise AccessError(_(
                        "Only the committee's officers record its decisions "
                        "and the province's approval."))
                if case.state not in states:
                    raise UserError(_(
                        "The case of %s is not at the stage where this "
                        "decision is recorded.") % case.name)
            if set(vals) & set(VOTE_ENTRY) and case.state not in (
                    "vote", "probation"):
                raise UserError(_("The case of %s is not waiting for a vote "
                                  "of the cell.") % case.name)

    def _unlink_refusal(self):
        if all(case.state == "candidate" for case in self):
            return ""
        return _("An admission case that went past its first step is kept: "
                 "close it instead.")

    # --- helpers ----------------------------------------------------------

    def _stage_label(self):
        return dict(self._fields["state"]._description_selection(
            self.env))[self.state]

    def _check_state(self, *states):
        self.check_access_rights("write")
        self.check_access_rule("write")
        for case in self:
            if case.state not in states:
                raise UserError(_(
                    "The case of %(name)s is at the stage “%(stage)s”: this "
                    "step is not possible now.") % {
                        "name": case.name, "stage": case._stage_label()})

    def _check_officer(self):
        if not self.env.user.has_group(OFFICER):
            raise AccessError(_(
                "Only the committee's officers record its decisions."))

    def _require(self, *names):
        for case in self:
            missing = [case._fields[name].get_description(self.env)["string"]
                       for name in names if not case[name]]
            if missing:
                raise UserError(_(
                    "Fill in %(fields)s for %(name)s first.") % {
                        "fields": ", ".join("“%s”" % m for m in missing),
                        "name": case.name})

    def _advance(self, state, step=None, **values):
        """Move to ``state``, dating the step and its author."""
        vals = dict(values, state=state, overdue=False)
        if step:
            vals.update({"%s_recorded_by" % step: self.env.uid,
                         "%s_recorded_on" % step: fields.Datetime.now()})
        with internal_write(self):
            self.write(vals)

    # --- steps ------------------------------------------------------------

    @api.multi
    def action_course_done(self):
        """The candidate passed the theory course."""
        self._check_state("candidate")
        self._require("course_name", "course_certificate_date")
        self._advance("application", "course")
        return True

    @api.multi
    def action_application_done(self):
        """The application and its sponsors are complete."""
        self._check_state("application")
        self._require("application_date")
        for case in self:
            if case.application_date < case.course_certificate_date:
                raise UserError(_("The application cannot precede the course "
                                  "certificate."))
            case._check_sponsors()
        self._advance("verification", "application")
        return True

    def _check_sponsors(self):
        """Two official members of the cell who have worked or lived with the
        candidate for at least the rule's months (Điều lệ Đảng, Điều 4;
        Quy định 294-QĐ/TW); the Youth Union's committee may take the place
        of the second one."""
        self.ensure_one()
        months = int(self.env["party.rule"].get_value(
            "admission_sponsor_known_months"))
        sponsors = [(self.sponsor_1_id, self.sponsor_1_since)]
        if not self.youth_union_sponsor or self.sponsor_2_id:
            sponsors.append((self.sponsor_2_id, self.sponsor_2_since))
        if not all(sponsor for sponsor, _since in sponsors):
            raise UserError(_(
                "Two sponsors are needed (or one and the Youth Union's "
                "committee)."))
        if self.sponsor_1_id == self.sponsor_2_id:
            raise UserError(_("The two sponsors must be different members."))
        for sponsor, since in sponsors:
            member = sponsor.sudo()
            if member.organization_id != self.organization_id or \
                    member.state != "official" or not member.official_date or \
                    member.official_date > self.application_date:
                raise UserError(_(
                    "%s cannot sponsor this candidate: a sponsor is an "
                    "official member of the candidate's cell on the day of "
                    "the application.") % member.name)
            if not since or months_between(since, self.application_date) < months:
                raise UserError(_(
                    "%(sponsor)s cannot sponsor this candidate: a sponsor has "
                    "worked or lived with the candidate for at least "
                    "%(months)s months before the application (record since "
                    "when).") % {"sponsor": member.name, "months": months})

    @api.multi
    def action_verification_done(self):
        """The biography was verified (the documents are on paper)."""
        self._check_state("verification")
        self._require("verification_date", "verification_by")
        for case in self:
            if case.verification_date < case.application_date:
                raise UserError(_("The verification cannot precede the "
                                  "application."))
        self._advance("vote", "verification")
        return True

    @api.multi
    def action_record_vote(self):
        """Record the paper vote typed on the form."""
        self.ensure_one()
        self._require(*VOTE_ENTRY[:2])
        self.record_vote(self.vote_entry_date, self.vote_entry_official_count,
                         self.vote_entry_yes_count)
        with internal_write(self):
            self.write(dict.fromkeys(VOTE_ENTRY, False))
        return True

    @api.multi
    def record_vote(self, date, official_count, yes_count):
        """The cell's vote on admission (at the stage "Cell's vote") or on
        recognition (during probation), from a paper vote; returns the
        vote's id."""
        self.ensure_one()
        return self._record_vote(date, official_count, yes_count).id

    def _record_vote(self, date, official_count, yes_count, motion=None):
        self.ensure_one()
        self._check_state("vote", "probation")
        kind = "admission" if self.state == "vote" else "recognition"
        try:
            official_count, yes_count = int(official_count), int(yes_count)
        except (TypeError, ValueError):
            raise UserError(_("A vote's counts are numbers.")) from None
        if not date:
            raise UserError(_("Record the day of the vote."))
        date = fields.Date.to_string(fields.Date.from_string(date))
        if date > fields.Date.context_today(self):
            raise UserError(_("The day of the vote cannot be in the future."))
        if official_count <= 0 or not 0 <= yes_count <= official_count:
            raise UserError(_(
                "The votes in favour are between 0 and the cell's official "
                "members (%s).") % official_count)
        if kind == "admission":
            if date < self.verification_date:
                raise UserError(_("The cell votes after the verification."))
            self._check_age_at_vote(date)
        elif date < self.probation_end_date:
            raise UserError(_(
                "The cell votes on recognition after the probation ends "
                "(%s).") % format_date(self.env, self.probation_end_date))
        fraction = self.env["party.rule"].get_fraction("admission_vote_fraction")
        passed = yes_count * fraction.denominator >= \
            official_count * fraction.numerator
        vals = {"admission_id": self.id, "kind": kind, "date": date,
                "official_count": official_count, "yes_count": yes_count,
                "passed": passed, "recorded_by": self.env.uid}
        if motion is not None:
            vals.update(self._vote_motion_values(motion))
        Vote = self.env["party.admission.vote"]
        with internal_write(Vote):
            vote = Vote.sudo().create(vals)
        self.message_post(body=vote.explanation)
        if passed:
            self._advance("decision" if kind == "admission" else "recognition")
            return vote
        failed = self.env["party.admission.vote"].sudo().search_count([
            ("admission_id", "=", self.id), ("kind", "=", kind),
            ("passed", "=", False)])
        if failed >= int(self.env["party.rule"].get_value(
                "admission_failed_votes_escalation")):
            self._escalate(date, failed)
        return vote

    def _vote_motion_values(self, motion):  # pylint: disable=unused-argument
        """Values a vote takes from a meeting's motion (the meetings module)."""
        return {}

    def _check_age_at_vote(self, date):
        """18 to 60 years at the cell's vote, counted in full months; over
        60 only with the province's approval recorded before the vote."""
        self.ensure_one()
        Rule = self.env["party.rule"]
        months = months_between(self.date_of_birth, date)
        low = int(Rule.get_value("admission_min_age") * 12)
        high = int(Rule.get_value("admission_max_age") * 12)
        values = {"name": self.name, "years": months // 12,
                  "months": months % 12, "min": low // 12, "max": high // 12}
        if months < low:
            raise UserError(_(
                "%(name)s is %(years)s years %(months)s months old on the day "
                "of the vote: a candidate is at least %(min)s years old when "
                "the cell votes.") % values)
        if months > high and not (
                self.province_approval_number and self.province_approval_date
                and self.province_approval_date <= date):
            raise UserError(_(
                "%(name)s is %(years)s years %(months)s months old on the day "
                "of the vote, over %(max)s years: the provincial committee's "
                "approval (number and date, before the vote) must be recorded "
                "first.") % values)

    def _escalate(self, date, failed):
        """After the rule's failed votes the case goes to the upper
        committee: an activity for its officers, no further cell vote."""
        self._advance("escalated", escalated_on=date)
        activity_type = self.env.ref(
            "party_handbook.mail_activity_admission_escalated")
        users = self._upper_officers()
        summary = _("The cell voted %(count)s times on %(name)s without "
                    "passing: the upper committee decides.") % {
                        "count": failed, "name": self.name}
        create_activities(self.env, self._name, [{
            "res_id": self.id, "activity_type_id": activity_type.id,
            "user_id": user.id, "summary": summary,
            "date_deadline": fields.Date.context_today(self),
        } for user in users])

    def _upper_officers(self):
        """The committee officers of the nearest organization above the
        cell that has any (the superuser when none)."""
        self.ensure_one()
        group = self.env.ref(OFFICER)
        Users = self.env["res.users"].sudo()
        organization = self.organization_id.sudo().parent_id
        while organization:
            users = Users.search([("groups_id", "in", group.id),
                                  ("party_organization_ids", "in",
                                   organization.id)], order="id")
            if users:
                return users
            organization = organization.parent_id
        return self.env.ref("base.user_root")

    @api.multi
    def action_decide(self):
        """The committee's decision on admission (officers)."""
        self._check_officer()
        self._check_state("decision")
        self._require("decision_number", "decision_date")
        for case in self:
            last = case.vote_ids.filtered(
                lambda v: v.kind == "admission" and v.passed)[:1]
            if case.decision_date < last.date:
                raise UserError(_("The decision cannot precede the cell's "
                                  "vote."))
        self._advance("ceremony", "decision")
        return True

    @api.multi
    def action_hold_ceremony(self):
        """The admission ceremony: the candidate becomes a probationary
        member of the cell, admitted on the ceremony's day."""
        self._check_state("ceremony")
        self._require("ceremony_date")
        for case in self:
            if case.ceremony_date < case.decision_date:
                raise UserError(_("The ceremony cannot precede the decision."))
            member = self.env["party.member"].create(case._member_values())
            if case.ceremony_date > case.ceremony_deadline:
                case.message_post(body=_(
                    "The ceremony was held after its deadline (%s).")
                    % format_date(self.env, case.ceremony_deadline))
            case._advance("probation", "ceremony", member_id=member.id)
        return True

    def _member_values(self):
        self.ensure_one()
        case = self.sudo()
        return {
            "name": case.name, "organization_id": case.organization_id.id,
            "date_of_birth": case.date_of_birth, "gender": case.gender,
            "national_id": case.national_id, "phone": case.phone,
            "email": case.email, "residence": case.residence,
            "occupation": case.occupation,
            "admission_date": case.ceremony_date,
        }

    @api.multi
    def action_recognize(self):
        """The committee recognises the member as official, from the end of
        the probation (officers)."""
        self._check_officer()
        self._check_state("recognition")
        self._require("recognition_decision_number",
                      "recognition_decision_date")
        for case in self:
            last = case.vote_ids.filtered(
                lambda v: v.kind == "recognition" and v.passed)[:1]
            if case.recognition_decision_date < last.date:
                raise UserError(_("The decision cannot precede the cell's "
                                  "vote."))
            case.member_id.action_make_official(
                date=case.probation_end_date,
                decision=case.recognition_decision_number)
        self._advance("official", "recognition")
        return True

    @api.multi
    def action_close(self):
        """Close a case that does not go on (the candidate withdrew, the
        committee refused): the secretary before the vote, officers
        anytime."""
        if not self.env.user.has_group(OFFICER):
            self._check_state("candidate", "application", "verification",
                              "vote")
        self._check_state(*(OPEN_STATES + ["escalated"]))
        self._advance("closed", closed_on=fields.Date.context_today(self),
                      closed_by=self.env.uid)
        return True

    # --- daily reminders ----------------------------------------------------

    @api.model
    def _cron_admission_deadlines(self, batch_size=BATCH_SIZE, commit=True,
                                  today=None):
        """Mark the cases past their deadline (one statement) and remind the
        cell secretaries of the deadlines ahead with an activity: a case with
        an activity of that kind is skipped, so reruns add nothing. Returns
        (marked, reminded). ``today``: for tests (a scheduled run uses the
        day it runs on)."""
        today = today or fields.Date.context_today(self)
        cr = self.env.cr
        cr.execute("""
            UPDATE party_admission SET overdue = TRUE
             WHERE state IN ('ceremony', 'probation') AND deadline < %s
               AND NOT coalesce(overdue, FALSE)""", (today,))
        marked = cr.rowcount
        if marked:
            self.invalidate_cache(["overdue"])
        horizon = fields.Date.to_string(
            fields.Date.from_string(today) + timedelta(days=NOTICE_DAYS))
        types = {
            "ceremony": self.env.ref(
                "party_handbook.mail_activity_admission_ceremony"),
            "probation": self.env.ref(
                "party_handbook.mail_activity_admission_recognition"),
        }
        cr.execute("""
            SELECT c.id, c.name, c.deadline, c.organization_id, c.state
              FROM party_admission c
             WHERE c.state IN ('ceremony', 'probation')
               AND c.deadline IS NOT NULL AND c.deadline <= %s
               AND NOT EXISTS (
                   SELECT 1 FROM mail_activity a
                    WHERE a.res_model = 'party.admission' AND a.res_id = c.id
                      AND a.activity_type_id = CASE c.state
                          WHEN 'ceremony' THEN %s ELSE %s END)
             ORDER BY c.deadline, c.id""",
                   (horizon, types["ceremony"].id, types["probation"].id))
        todo = cr.fetchall()
        if not todo:
            return marked, 0
        secretaries = {org_id: user.id for org_id, user in self.env[
            "party.organization"].browse(sorted({row[3] for row in todo}))
            ._current_secretary_users().items()}
        root = self.env.ref("base.user_root").id
        self = in_handbook_lang(self)  # pylint: disable=self-cls-assignment
        summaries = {
            "ceremony": _("Hold the admission ceremony of %(name)s by "
                          "%(date)s."),
            "probation": _("Hold the cell's vote on the recognition of "
                           "%(name)s by %(date)s."),
        }

        def process(items):
            return create_activities(self.env, self._name, [{
                "res_id": case_id, "activity_type_id": types[state].id,
                "res_name": name, "date_deadline": deadline,
                "user_id": secretaries.get(organization_id) or root,
                "summary": summaries[state] % {
                    "name": name, "date": format_date(self.env, deadline)},
            } for case_id, name, deadline, organization_id, state in items])

        reminded = run_in_batches(
            self.env, "admission reminders", slicer(todo), process,
            key=lambda item: (item[2], item[0]), batch_size=batch_size,
            commit=commit)
        return marked, reminded


class PartyAdmissionVote(models.Model):
    """A vote of the cell on a case (admission or recognition): entered from
    a paper vote, or the counts of a closed meeting motion. Never changed."""

    _name = "party.admission.vote"
    _inherit = "party.integrity.mixin"
    _description = "Cell's vote on an admission case"
    _order = "date desc, id desc"

    admission_id = fields.Many2one("party.admission", string="Case",
                                   required=True, index=True,
                                   ondelete="cascade")
    organization_id = fields.Many2one(
        "party.organization", string="Party cell", index=True,
        readonly=True, ondelete="set null")
    kind = fields.Selection(VOTE_KINDS, required=True)
    date = fields.Date(required=True)
    official_count = fields.Integer(string="Official members of the cell",
                                    required=True)
    yes_count = fields.Integer(string="In favour", required=True)
    needed_count = fields.Integer(string="Needed",
                                  compute="_compute_explanation")
    passed = fields.Boolean()
    source = fields.Selection([("paper", "Paper vote entered by the secretary"),
                               ("meeting", "Meeting motion")],
                              default="paper", required=True)
    explanation = fields.Char(compute="_compute_explanation")
    recorded_by = fields.Many2one("res.users", required=True,
                                  default=lambda self: self.env.uid)
    recorded_on = fields.Datetime(required=True,
                                  default=fields.Datetime.now)

    def _create_refusal(self):
        return _("A vote is recorded from its case (Record the vote) or from "
                 "a meeting's motion.")

    def _unlink_refusal(self):
        return _("A vote of the cell is kept: it cannot be deleted.")

    @api.model
    def create(self, vals):
        self._check_integrity_create(vals)
        if vals.get("admission_id"):
            vals = dict(vals, organization_id=self.env["party.admission"].sudo(
            ).browse(vals["admission_id"]).organization_id.id)
        with checked_values(vals):
            return super().create(vals)

    @api.multi
    def write(self, vals):
        if not is_internal(self):
            self.check_access_rights("write")
            raise UserError(_("A vote of the cell is kept as recorded."))
        return super().write(vals)

    @api.depends("official_count", "yes_count")
    def _compute_explanation(self):
        fraction = self.env["party.rule"].get_fraction("admission_vote_fraction")
        for vote in self:
            needed = -(-vote.official_count * fraction.numerator
                       // fraction.denominator)
            vote.needed_count = needed
            values = {"yes": vote.yes_count, "base": vote.official_count,
                      "needed": needed, "fraction": "%s/%s" % (
                          fraction.numerator, fraction.denominator)}
            if vote.passed:
                vote.explanation = _(
                    "%(yes)s in favour of %(base)s official members of the "
                    "cell: at least %(fraction)s (%(needed)s) needed: the "
                    "vote passes.") % values
            else:
                vote.explanation = _(
                    "%(yes)s in favour of %(base)s official members of the "
                    "cell: at least %(fraction)s (%(needed)s) needed: the "
                    "vote fails.") % values
