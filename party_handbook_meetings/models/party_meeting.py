# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import hashlib
import logging
from datetime import datetime, timedelta

from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.party_handbook.models.html_text import (
    html_to_text, is_html_empty)
from odoo.addons.party_handbook.models.party_batch import run_in_batches
from odoo.addons.party_handbook.models.party_city import city_tz
from odoo.addons.party_handbook.models.party_integrity import (
    checked_values, internal_write, is_internal)
from odoo.addons.party_handbook.models.party_member import ACTIVE_STATES

# pylint: disable=missing-import-error
from .minutes_draft import condense
from .statute import Tally

_logger = logging.getLogger(__name__)

STATES = [
    ("draft", "Draft"),
    ("announced", "Announced"),
    ("in_progress", "In progress"),
    ("closed", "Closed"),
    ("approved", "Minutes approved"),
    ("cancelled", "Cancelled"),
]
# states in which the roster, the motions and the minutes may still change
RECORDING_STATES = ("announced", "in_progress")
# default time of a drafted regular meeting: 07:30 in Hue (UTC+7), 2.5 hours
DEFAULT_START_UTC = (0, 30)
DEFAULT_DURATION = timedelta(hours=2, minutes=30)
# day of the month the monthly scheduled action drafts regular meetings on
DEFAULT_MEETING_DAY = 5
# fields that may still change once the minutes are approved (chatter)
FREE_FIELDS = {"message_follower_ids", "activity_ids", "message_ids",
               "message_main_attachment_id"}
# what a closed meeting keeps as it was held: its roster, its officers, its
# organization and its dates (the minutes may still be edited until approved)
HELD_FIELDS = {"organization_id", "meeting_type", "date_start", "date_end",
               "chair_id", "secretary_id", "attendance_ids", "motion_ids",
               "quorum_numerator", "quorum_denominator"}
# the minutes' HTML fields (an empty editor's "<p><br></p>" is stored empty)
HTML_MINUTES_FIELDS = ("minutes", "discussion", "conclusion")
# states in which the minutes are drafted from the notes
DRAFT_STATES = ("in_progress", "closed")
# who reads the secretary's notes (the cell's book keepers, supervisors)
NOTE_READERS = ("party_handbook_meetings.group_party_meetings_recorder,"
                "party_handbook.group_party_handbook_supervisor")


class PartyMeeting(models.Model):
    """A party cell meeting (sinh hoạt chi bộ)."""

    _name = "party.meeting"
    _description = "Party cell meeting"
    _inherit = ["party.integrity.mixin", "party.audited.thread",
                "mail.activity.mixin"]
    _order = "date_start desc, id desc"
    # moved by the state actions only
    _protected_fields = ("state", "announced_on", "minutes_approved_by",
                         "minutes_approved_on", "calendar_event_id",
                         "minutes_draft_checksum")

    name = fields.Char(string="Topic", required=True, track_visibility="onchange",
                       states={"approved": [("readonly", True)]})
    organization_id = fields.Many2one(
        "party.organization", required=True, index=True, ondelete="restrict",
        track_visibility="onchange", states={
            s: [("readonly", True)] for s, _label in STATES if s != "draft"})
    meeting_type = fields.Selection(
        [("regular", "Regular monthly"), ("thematic", "Thematic"),
         ("extraordinary", "Extraordinary")],
        string="Type", required=True, default="regular", index=True)
    date_start = fields.Datetime(
        string="Start", required=True, index=True, track_visibility="onchange")
    date_end = fields.Datetime(string="End", track_visibility="onchange")
    date = fields.Date(
        compute="_compute_date", store=True, index=True,
        help="Day of the meeting in the city's time zone (for day views).")
    location = fields.Char(string="Place", track_visibility="onchange")
    online_url = fields.Char(string="Online link")
    chair_id = fields.Many2one(
        "party.member", string="Chair", ondelete="restrict",
        track_visibility="onchange")
    secretary_id = fields.Many2one(
        "party.member", string="Minutes secretary", ondelete="restrict",
        track_visibility="onchange")
    state = fields.Selection(
        STATES, string="Status", required=True, default="draft", readonly=True,
        copy=False, index=True, track_visibility="onchange")
    agenda_item_ids = fields.One2many(
        "party.meeting.agenda", "meeting_id", string="Agenda", copy=True)
    document_ids = fields.Many2many(
        "party.document", "party_meeting_document_rel", "meeting_id",
        "document_id", string="Documents",
        domain=[("state", "=", "published")])
    attendance_ids = fields.One2many(
        "party.meeting.attendance", "meeting_id", string="Attendance")
    motion_ids = fields.One2many("party.meeting.motion", "meeting_id", string="Motions")
    calendar_event_id = fields.Many2one(
        "calendar.event", string="Calendar event", readonly=True, copy=False,
        ondelete="set null")
    announced_on = fields.Datetime(readonly=True, copy=False)
    # required attendance, copied from the organization when announced
    quorum_numerator = fields.Integer(
        default=2, readonly=True, states={"draft": [("readonly", False)]})
    quorum_denominator = fields.Integer(
        default=3, readonly=True, states={"draft": [("readonly", False)]})

    # live counts, stored so that day views and statistics read columns
    expected_count = fields.Integer(
        string="Expected", compute="_compute_counts", store=True,
        help="Members on the roster who are expected to attend.")
    present_count = fields.Integer(
        string="Present", compute="_compute_counts", store=True)
    base_count = fields.Integer(
        string="Counted members", compute="_compute_counts", store=True,
        help="Summoned official members minus those attached elsewhere, "
             "absent exempted members, suspended members, members under "
             "prosecution or detention and members absent with an approved "
             "reason.")
    voter_count = fields.Integer(
        string="Eligible voters", compute="_compute_counts", store=True,
        help="Counted official members who are present.")
    excuse_pending_count = fields.Integer(
        string="Excuse requests", compute="_compute_counts", store=True)
    quorum_met = fields.Boolean(compute="_compute_counts", store=True)
    quorum_explanation = fields.Text(compute="_compute_quorum_explanation")

    # minutes (biên bản)
    discussion = fields.Html(
        string="Discussion summary", states={"approved": [("readonly", True)]})
    conclusion = fields.Html(states={"approved": [("readonly", True)]})
    minutes = fields.Html(states={"approved": [("readonly", True)]})
    note_ids = fields.One2many(
        "party.meeting.note", "meeting_id", string="Notes",
        groups=NOTE_READERS,
        help="The minutes secretary's notes, one per remark: the draft of "
             "the minutes condenses them into main points.")
    # the minutes as last drafted by the handbook (a checksum): they differ
    # once the secretary has edited them
    minutes_draft_checksum = fields.Char(readonly=True, copy=False)
    minutes_approved_by = fields.Many2one("res.users", readonly=True, copy=False)
    minutes_approved_on = fields.Datetime(readonly=True, copy=False)
    color = fields.Integer(compute="_compute_color")

    @api.depends("date_start")
    def _compute_date(self):
        for meeting in self:
            if meeting.date_start:
                local = fields.Datetime.context_timestamp(
                    meeting.with_context(tz=self._city_tz()),
                    fields.Datetime.from_string(meeting.date_start))
                meeting.date = fields.Date.to_string(local.date())

    @api.model
    def _city_tz(self):
        return city_tz(self.env)

    @api.depends("attendance_ids.state", "attendance_ids.is_official",
                 "attendance_ids.restriction", "attendance_ids.is_guest",
                 "attendance_ids.excuse_state", "quorum_numerator",
                 "quorum_denominator")
    def _compute_counts(self):
        tallies = self._tallies()
        for meeting in self:
            tally = tallies.get(meeting.id) or Tally(self.env)
            meeting.base_count = tally.base
            meeting.voter_count = tally.present
            meeting.present_count = tally.present_total
            meeting.quorum_met = tally.quorum_met(
                meeting.quorum_numerator or 2, meeting.quorum_denominator or 3)
            lines = meeting.attendance_ids
            meeting.expected_count = len(lines.filtered(
                lambda l: l.state in ("expected", "present", "absent")))
            meeting.excuse_pending_count = len(lines.filtered(
                lambda l: l.excuse_state == "requested"))

    def _tallies(self):
        """{meeting id: Tally} of these meetings: their roster lines grouped
        by what the Statute counts, in one query. Officialness is read from
        the status at announcement, which is written with the line (the
        stored ``is_official`` may still wait for its recomputation)."""
        ids = tuple(i for i in self.ids if isinstance(i, int))
        lines = {}
        if ids:
            self.env.cr.execute("""
                SELECT meeting_id, member_state IN ('official', 'exempted'),
                       restriction, state, is_guest, count(*)
                  FROM party_meeting_attendance
                 WHERE meeting_id IN %s
                 GROUP BY 1, 2, 3, 4, 5""", (ids,))
            for meeting_id, official, restriction, state, guest, count in \
                    self.env.cr.fetchall():
                lines.setdefault(meeting_id, []).extend(
                    [(official, restriction, state, guest)] * count)
        result = {meeting_id: Tally.from_lines(group, self.env)
                  for meeting_id, group in lines.items()}
        for meeting in self:
            if not isinstance(meeting.id, int):
                result[meeting.id] = Tally.from_lines(
                    [(line.is_official, line.restriction, line.state,
                      line.is_guest) for line in meeting.attendance_ids],
                    self.env)
        return result

    def _compute_quorum_explanation(self):
        tallies = self._tallies()
        for meeting in self:
            tally = tallies.get(meeting.id) or Tally(self.env)
            meeting.quorum_explanation = "\n".join((
                tally.explain_base(), tally.explain_quorum(
                    meeting.quorum_numerator or 2, meeting.quorum_denominator or 3)))

    def _compute_color(self):
        colors = {"draft": 0, "announced": 4, "in_progress": 3, "closed": 10,
                  "approved": 10, "cancelled": 1}
        for meeting in self:
            meeting.color = colors.get(meeting.state, 0)

    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        # as superuser: a create outside the user's scope must fail on the
        # access rule (AccessError), not inside this check
        for meeting in self.sudo():
            if meeting.date_end and meeting.date_end < meeting.date_start:
                raise ValidationError(
                    _("The meeting cannot end before it starts."))

    @api.constrains("quorum_numerator", "quorum_denominator")
    def _check_quorum(self):
        for meeting in self.sudo():
            if not 0 < meeting.quorum_numerator <= meeting.quorum_denominator:
                raise ValidationError(_(
                    "The required attendance must be a fraction between 0 and "
                    "1, such as 2/3."))

    @api.constrains("chair_id", "secretary_id", "organization_id")
    def _check_officers(self):
        for meeting in self.sudo():
            for member in meeting.chair_id | meeting.secretary_id:
                if meeting.organization_id not in (
                        member.organization_id | member.temporary_organization_id):
                    raise ValidationError(_(
                        "%(member)s is not a member of %(organization)s.") % {
                            "member": member.name,
                            "organization": meeting.organization_id.name})

    @api.onchange("organization_id")
    def _onchange_organization_id(self):
        organization = self.organization_id
        if organization:
            self.quorum_numerator = organization.meeting_quorum_numerator or 2
            self.quorum_denominator = organization.meeting_quorum_denominator or 3
            secretaries = self.env["party.organization.position"].search([
                ("organization_id", "=", organization.id), ("current", "=", True),
                ("role", "in", ("secretary", "deputy"))])
            chair = secretaries.filtered(lambda p: p.role == "secretary")[:1] or \
                secretaries[:1]
            self.chair_id = chair.member_id

    @api.model
    def create(self, vals):
        vals = self._clean_minutes_vals(vals)
        if vals.get("organization_id") and "quorum_numerator" not in vals:
            organization = self.env["party.organization"].sudo().browse(
                vals["organization_id"])
            vals = dict(vals, quorum_numerator=organization.meeting_quorum_numerator
                        or 2, quorum_denominator=organization.meeting_quorum_denominator
                        or 3)
        return super().create(vals)

    @api.model
    def _clean_minutes_vals(self, vals):
        """Minutes that are empty to a reader are stored empty."""
        if any(name in vals and vals[name] and is_html_empty(vals[name])
               for name in HTML_MINUTES_FIELDS):
            vals = dict(vals, **{
                name: False for name in HTML_MINUTES_FIELDS
                if name in vals and vals[name] and is_html_empty(vals[name])})
        return vals

    def _check_frozen_write(self, vals):
        """Approved minutes freeze the meeting; a closed meeting keeps how it
        was held; a meeting stays in its organization once announced."""
        names = set(vals)
        for meeting in self:
            if meeting.state == "approved" and names - FREE_FIELDS:
                raise UserError(_(
                    "The minutes of %s are approved: the meeting can no "
                    "longer be changed.") % meeting.name)
            if meeting.state == "closed" and names & HELD_FIELDS:
                raise UserError(_(
                    "%s is closed: its roster, chair, minutes secretary, "
                    "organization and dates stay as they were at the "
                    "meeting.") % meeting.name)
            if meeting.state != "draft" and "organization_id" in vals and \
                    vals["organization_id"] != meeting.organization_id.id:
                raise UserError(_(
                    "%s was announced to its cell: it cannot move to another "
                    "organization (cancel it and draft a new one).")
                    % meeting.name)

    @api.multi
    def write(self, vals):
        if not is_internal(self):
            self._check_integrity_write(vals)
            self._check_frozen_write(vals)
        vals = self._clean_minutes_vals(vals)
        with checked_values(vals):
            result = super().write(vals)
        if "organization_id" in vals:
            # only drafts move: their parts follow (the rule column)
            for model in ("party.meeting.motion", "party.meeting.agenda",
                          "party.meeting.attendance", "party.meeting.note"):
                parts = self.env[model].sudo().search(
                    [("meeting_id", "in", self.ids)])
                with internal_write(parts):
                    parts.write({"organization_id": vals["organization_id"]})
        if {"date_start", "date_end", "name", "location"} & set(vals):
            self._sync_calendar_event()
        return result

    @api.multi
    def unlink(self):
        if any(m.state != "draft" for m in self):
            raise UserError(_("Only draft meetings can be deleted; cancel an "
                              "announced meeting instead."))
        return super().unlink()

    # state machine ---------------------------------------------------------
    def _check_state(self, allowed, action):
        for meeting in self:
            if meeting.state not in allowed:
                raise UserError(_(
                    "%(meeting)s is %(state)s: it cannot be %(action)s.") % {
                        "meeting": meeting.name, "action": action,
                        "state": dict(self._fields["state"]._description_selection(
                            self.env))[meeting.state]})

    @api.multi
    def action_announce(self):
        """Freeze the roster (the cell's members at this date, with their
        status), invite them in the calendar and queue their notices."""
        self._check_state(("draft",), _("announced"))
        now = fields.Datetime.now()
        for meeting in self:
            Attendance = self.env["party.meeting.attendance"]
            # the roster is written here only (frozen from now on)
            with internal_write(Attendance), internal_write(
                    meeting.attendance_ids):
                meeting.attendance_ids.unlink()
                # the meeting's counts are computed once for the whole roster
                with self.env.norecompute():
                    for vals in meeting._prepare_roster_vals():
                        Attendance.create(vals)
            self.recompute()
            meeting._set_state("announced", announced_on=now)
            meeting._sync_calendar_event()
        self.env["party.meeting.attendance"].sudo()._send_notices(
            self.mapped("attendance_ids"), "invitation")
        return True

    def _prepare_roster_vals(self):
        """One line per member of the cell today (probationary, official and
        exempted members), plus members temporarily attached to it."""
        self.ensure_one()
        Member = self.env["party.member"].sudo()
        home = Member.search([
            ("organization_id", "=", self.organization_id.id),
            ("state", "in", ACTIVE_STATES)])
        guests = Member.search([
            ("temporary_organization_id", "=", self.organization_id.id),
            ("state", "in", ACTIVE_STATES)]) - home
        vals = []
        for member in home:
            if member.temporary_organization_id:
                state = "attached_elsewhere"
            elif member.state == "exempted":
                state = "exempted"
            else:
                state = "expected"
            vals.append({
                "meeting_id": self.id, "member_id": member.id,
                "member_state": member.state, "state": state,
                "restriction": member.activity_restriction or False})
        for member in guests:
            vals.append({
                "meeting_id": self.id, "member_id": member.id,
                "member_state": member.state, "state": "expected",
                "is_guest": True,
                "restriction": member.activity_restriction or False})
        return vals

    @api.multi
    def action_start(self):
        self._check_state(("announced",), _("started"))
        self._set_state("in_progress")
        return True

    @api.multi
    def action_close(self):
        self._check_state(("in_progress",), _("closed"))
        open_motions = self.mapped("motion_ids").filtered(
            lambda m: m.state == "open")
        open_motions.action_close_vote()
        for meeting in self:
            if meeting.attendance_ids.filtered(lambda l: l.state == "expected"):
                raise UserError(_(
                    "Record the attendance of every member before closing "
                    "the meeting (%s not recorded yet).") % len(
                        meeting.attendance_ids.filtered(
                            lambda l: l.state == "expected")))
        self._set_state("closed")
        for meeting in self.filtered(lambda m: is_html_empty(m.minutes)):
            meeting._write_minutes_draft()
        return True

    @api.multi
    def action_approve_minutes(self):
        """The chair (or a manager) approves the minutes: the meeting is then
        frozen and its minutes are shown to the cell's members."""
        self._check_state(("closed",), _("approved"))
        is_manager = self.env.user.has_group(
            "party_handbook.group_party_handbook_manager")
        for meeting in self:
            if not meeting.chair_id:
                raise UserError(_("Set the chair of the meeting first."))
            if not is_manager and self.env.user.partner_id != \
                    meeting.chair_id.partner_id:
                raise UserError(_("Only the chair of the meeting, %s, can "
                                  "approve its minutes.") % meeting.chair_id.name)
            if is_html_empty(meeting.minutes):
                raise UserError(_(
                    "The minutes of %s are empty: write them (or prefill "
                    "them) before approving.") % meeting.name)
        self._set_state("approved", minutes_approved_by=self.env.uid,
                        minutes_approved_on=fields.Datetime.now())
        return True

    @api.multi
    def action_cancel(self):
        self._check_state(("draft", "announced"), _("cancelled"))
        events = self.mapped("calendar_event_id")
        self._set_state("cancelled")
        events.sudo().write({"active": False})
        return True

    @api.multi
    def action_reset_draft(self):
        self._check_state(("cancelled",), _("reset to draft"))
        self._set_state("draft")
        return True

    @api.multi
    def action_prefill_minutes(self):
        """Replace the minutes with a new draft (the form's confirmation
        was given): as ``action_redraft_minutes``."""
        return self.action_redraft_minutes()

    @api.multi
    def action_draft_minutes(self):
        """Soạn dự thảo biên bản: the minutes drafted from the agenda, the
        attendance, the secretary's notes condensed into main points and
        the results of the votes. Minutes the secretary has edited since
        the last draft are not replaced: the user is asked to confirm
        (``action_redraft_minutes``). Nothing is approved here."""
        self._check_minutes_draftable()
        edited = self.filtered(lambda m: m._minutes_edited())
        if edited:
            return {
                "type": "ir.actions.act_window",
                "name": _("Replace the edited minutes?"),
                "res_model": "party.meeting.minutes.draft.wizard",
                "view_mode": "form",
                "target": "new",
                "context": {"default_meeting_ids": [(6, 0, self.ids)]},
            }
        for meeting in self:
            meeting._write_minutes_draft()
        return True

    @api.multi
    def action_redraft_minutes(self):
        """Replace the minutes, edited or not, with a new draft (the user
        confirmed it)."""
        self._check_minutes_draftable()
        for meeting in self:
            meeting._write_minutes_draft()
        return True

    def _check_minutes_draftable(self):
        """Who keeps the meeting's book (write access to it) drafts its
        minutes, while they may change; approved minutes never."""
        self.check_access_rights("write")
        self.check_access_rule("write")
        self._check_state(DRAFT_STATES, _("given a draft of its minutes"))

    @staticmethod
    def _minutes_checksum(html):
        return hashlib.sha1((html or "").encode("utf-8")).hexdigest()

    def _minutes_edited(self):
        """True when the minutes hold text the handbook did not draft."""
        self.ensure_one()
        return not is_html_empty(self.minutes) and self._minutes_checksum(
            self.minutes) != self.minutes_draft_checksum

    def _write_minutes_draft(self):
        """Write a new draft into the minutes (as the acting user, through
        ``write``: the freezes apply) and remember it."""
        self.ensure_one()
        self.write({"minutes": self._default_minutes()})
        with internal_write(self):
            self.write({"minutes_draft_checksum": self._minutes_checksum(
                self.minutes)})

    def _default_minutes(self):
        """Minutes prefilled from the agenda, the attendance, the discussion
        notes condensed into their main points and the results of the votes
        (QWeb, in the user's language: the context's, else the user's own,
        so that a call without a context, over RPC, is not half English)."""
        self.ensure_one()
        meeting = self
        if not self.env.context.get("lang") and self.env.user.lang:
            meeting = self.with_context(lang=self.env.user.lang)
        html = meeting.env["ir.qweb"].render(
            "party_handbook_meetings.minutes_body", {
                "meeting": meeting,
                "discussion": meeting._minutes_discussion(),
                "header": meeting._minutes_header()})
        return html.decode() if isinstance(html, bytes) else html

    def _minutes_header(self):
        """The opening lines of the minutes: the meeting, its time and
        place, its chair and minutes secretary."""
        self.ensure_one()
        meeting = self.sudo()
        lines = [_("Time: %(time)s.") % {"time": self._minutes_time_line()}]
        if meeting.location or meeting.online_url:
            lines.append(_("Place: %(place)s.") % {
                "place": meeting.location or meeting.online_url})
        lines.append(_("Chair: %(chair)s. Minutes secretary: %(secretary)s.")
                     % {"chair": meeting.chair_id.name or "…",
                        "secretary": meeting.secretary_id.name or "…"})
        return lines

    def _minutes_discussion(self):
        """The discussion condensed into its main points, word for word,
        each with the reference of the note it comes from:
        ``{"items": {agenda item id: [point]}, "general": [point],
        "from_notes": bool}``; a point is a dict (text, label, url).

        The notes are the meeting's note records. A meeting written before
        them (no note record) has its agenda items' discussion notes (one
        note a line) and its discussion summary (one note a paragraph)
        condensed instead: nothing is migrated, an approved meeting keeps
        its minutes as approved."""
        self.ensure_one()
        meeting = self.sudo()
        groups = {}
        if meeting.note_ids:
            for note in meeting.note_ids:
                label = _("(note no. %(number)s)") % {"number": note.number}
                groups.setdefault(note.agenda_item_id.id or False, []).append(
                    ((label, note._note_url()), note.text))
        else:
            # translated here: _() finds the language in this frame's
            # locals, never in a comprehension's
            line_label = _("(notes of the item, line %(number)s)")
            paragraph_label = _("(discussion summary, paragraph %(number)s)")
            for item in meeting.agenda_item_ids:
                lines = [line for line in (item.notes or "").split("\n")
                         if line.strip()]
                groups[item.id] = [
                    ((line_label % {"number": index}, False), line)
                    for index, line in enumerate(lines, 1)]
            paragraphs = html_to_text(meeting.discussion).split("\n")
            groups[False] = [
                ((paragraph_label % {"number": index}, False), paragraph)
                for index, paragraph in enumerate(
                    (p for p in paragraphs if p.strip()), 1)]
        result = {"items": {}, "general": [],
                  "from_notes": bool(meeting.note_ids)}
        for key, notes in groups.items():
            # the other items' notes weigh the words (what every item says)
            background = [text for other, other_notes in groups.items()
                          if other != key for __, text in other_notes]
            points = [{"text": point.text, "label": point.key[0],
                       "url": point.key[1]}
                      for point in condense(notes, background=background)]
            if key:
                result["items"][key] = points
            else:
                result["general"] = points
        return result

    def _set_state(self, state, **values):
        """The one way a meeting changes state (after the action's checks,
        as the acting user: access rights and record rules apply)."""
        with internal_write(self):
            self.write(dict(values, state=state))

    def _check_recording(self):
        for meeting in self:
            if meeting.state not in RECORDING_STATES:
                raise UserError(_(
                    "Attendance is recorded while the meeting is announced or "
                    "in progress; %s is not.") % meeting.name)

    def _check_parts_editable(self, parts):
        """Agenda items, roster lines and motions are added and deleted only
        while their kind of part may change (see ``_part_editable_states``);
        the roster only by the announcement."""
        if is_internal(parts):
            return
        for meeting in self:
            if meeting.state in parts._part_editable_states:
                continue
            if parts._name == "party.meeting.attendance":
                raise UserError(_(
                    "The roster of %s is fixed when the meeting is announced: "
                    "record each member's attendance on their line.")
                    % meeting.name)
            raise UserError(_(
                "%(meeting)s is %(state)s: its %(parts)s can no longer be "
                "added or deleted.") % {
                    "meeting": meeting.name,
                    "state": dict(self._fields["state"]._description_selection(
                        self.env))[meeting.state],
                    "parts": parts._description_label().lower()})

    def _check_not_frozen(self):
        if any(m.state == "approved" for m in self):
            raise UserError(_("The minutes of this meeting are approved: the "
                              "meeting can no longer be changed."))

    def _notify_live(self):
        """Tell open day views that these meetings changed (Odoo bus)."""
        if self:
            self.env["bus.bus"].sendone(
                (self._cr.dbname, "party.meeting.live"),
                {"meeting_ids": self.ids})

    # calendar ---------------------------------------------------------------
    def _sync_calendar_event(self):
        """The meeting's calendar event, inviting the roster (every line
        expected to attend). Calendar's own emails are off: members get the
        handbook's notice, in their language."""
        Event = self.env["calendar.event"].sudo().with_context(
            no_mail_to_attendees=True, detaching=True)
        model = self.env["ir.model"]._get(self._name)
        for meeting in self.filtered(lambda m: m.state in RECORDING_STATES):
            partners = meeting.attendance_ids.filtered(
                lambda l: l.state not in ("attached_elsewhere",)).mapped(
                    "member_id.partner_id")
            stop = meeting.date_end or fields.Datetime.to_string(
                fields.Datetime.from_string(meeting.date_start) + DEFAULT_DURATION)
            vals = {
                "name": meeting.name, "start": meeting.date_start, "stop": stop,
                "location": meeting.location or meeting.online_url or "",
                "description": "\n".join(
                    meeting.agenda_item_ids.mapped("name")),
                "privacy": "private", "show_as": "busy",
                "partner_ids": [(6, 0, partners.ids)],
                "res_model_id": model.id, "res_id": meeting.id,
            }
            if meeting.calendar_event_id:
                meeting.calendar_event_id.write(vals)
            else:
                event = Event.create(vals)
                with internal_write(meeting):
                    meeting.calendar_event_id = event

    # scheduled actions --------------------------------------------------------
    @api.model
    def _cron_draft_regular_meetings(self, day=DEFAULT_MEETING_DAY,
                                     batch_size=10000, commit=True):
        """Draft next month's regular meeting for every active cell that has
        none: every cell in one run, in batches of ``batch_size`` cells (one
        INSERT … SELECT each, by cell id); safe to rerun."""
        today = fields.Date.from_string(fields.Date.context_today(self))
        month = (today + relativedelta(months=1)).replace(day=1)
        next_month = month + relativedelta(months=1)
        start = datetime.combine(month.replace(day=day), datetime.min.time()).replace(
            hour=DEFAULT_START_UTC[0], minute=DEFAULT_START_UTC[1])
        topic = _("Regular meeting, %s") % month.strftime("%m/%Y")
        cr = self.env.cr
        ids = []

        def fetch(after, limit):
            cr.execute("""
                SELECT o.id FROM party_organization o
                 WHERE o.level = 'cell' AND o.active AND o.id > %s
                 ORDER BY o.id
                 LIMIT %s""", (after or 0, limit))
            return [row[0] for row in cr.fetchall()]

        def process(cell_ids):
            cr.execute("""
                INSERT INTO party_meeting (name, organization_id, meeting_type,
                       date_start, date_end, date, state, quorum_numerator,
                       quorum_denominator, expected_count, present_count,
                       base_count, voter_count, excuse_pending_count, quorum_met,
                       create_uid, create_date, write_uid, write_date)
                SELECT %(topic)s, o.id, 'regular', %(start)s, %(stop)s, %(day)s,
                       'draft', COALESCE(o.meeting_quorum_numerator, 2),
                       COALESCE(o.meeting_quorum_denominator, 3), 0, 0, 0, 0, 0,
                       false, %(uid)s, now() at time zone 'UTC', %(uid)s,
                       now() at time zone 'UTC'
                  FROM party_organization o
                 WHERE o.id IN %(cells)s
                   AND NOT EXISTS (
                       SELECT 1 FROM party_meeting m
                        WHERE m.organization_id = o.id
                          AND m.meeting_type = 'regular'
                          AND m.date >= %(month)s AND m.date < %(next)s)
                 ORDER BY o.id
                RETURNING id""", {
                    "topic": topic, "start": start, "stop": start + DEFAULT_DURATION,
                    "day": month.replace(day=day), "uid": self.env.uid,
                    "month": month, "next": next_month, "cells": tuple(cell_ids)})
            new = [row[0] for row in cr.fetchall()]
            ids.extend(new)
            return len(new)

        run_in_batches(self.env, "regular meetings for %s" % month, fetch,
                       process, batch_size=batch_size, commit=commit)
        _logger.info("drafted %s regular meetings for %s", len(ids), month)
        return self.browse(ids)
