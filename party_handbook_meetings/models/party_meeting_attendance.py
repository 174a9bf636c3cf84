# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import logging
from collections import OrderedDict
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import html_escape

from odoo.addons.party_handbook.models.party_batch import (
    BATCH_SIZE, SharedMail, run_in_batches, slicer)
from odoo.addons.party_handbook.models.party_integrity import (
    checked_values, internal_write, is_internal)
from odoo.addons.party_handbook.models.party_member import STATES as MEMBER_STATES

# pylint: disable=missing-import-error
from .statute import ATTENDANCE_STATES, RESTRICTIONS

_logger = logging.getLogger(__name__)


class PartyMeetingPart(models.AbstractModel):
    """A line of a meeting's book (agenda item, roster line, motion).

    ``organization_id`` is the meeting's organization, a plain column written
    with the line (not a stored related field) so that record rules filter on
    one local column that is already there when a rule is checked.
    """

    _name = "party.meeting.part"
    _inherit = "party.integrity.mixin"
    _description = "Part of a meeting's book"
    # the rule column follows the meeting; a part never changes meeting
    _protected_fields = ("organization_id", "meeting_id")
    _settable_on_create = ("meeting_id",)
    # meeting states in which parts of this kind may be added or deleted
    _part_editable_states = ("draft", "announced", "in_progress", "closed",
                             "cancelled")

    meeting_id = fields.Many2one(
        "party.meeting", required=True, index=True, ondelete="cascade")
    organization_id = fields.Many2one(
        "party.organization", index=True, readonly=True, ondelete="restrict",
        help="The meeting's organization (a local column for record rules).")

    @api.model
    def create(self, vals):
        self._check_integrity_create(vals)
        if not vals.get("meeting_id"):
            # the meeting may come from the context's defaults (a line added
            # in a form): the checks below apply to it all the same
            vals = dict(vals, meeting_id=self.default_get(
                ["meeting_id"]).get("meeting_id"))
        if vals.get("meeting_id"):
            meeting = self.env["party.meeting"].sudo().browse(vals["meeting_id"])
            meeting._check_parts_editable(self)
            vals = dict(vals, organization_id=meeting.organization_id.id)
        with checked_values(vals):
            return super().create(vals)

    @api.multi
    def unlink(self):
        if not is_internal(self):
            self.mapped("meeting_id").sudo()._check_parts_editable(self)
        return super().unlink()


class PartyMeetingAgenda(models.Model):
    """An item of a meeting's agenda, with the notes of its discussion."""

    _name = "party.meeting.agenda"
    _inherit = "party.meeting.part"
    _description = "Meeting agenda item"
    _order = "meeting_id, sequence, id"

    sequence = fields.Integer(default=10)
    name = fields.Char(string="Item", required=True)
    presenter_id = fields.Many2one("party.member", string="Presented by")
    document_id = fields.Many2one("party.document", string="Document")
    notes = fields.Text(string="Discussion notes")

    @api.model_cr
    def init(self):
        # items written before the column existed (module update)
        self.env.cr.execute("""
            UPDATE party_meeting_agenda a SET organization_id = m.organization_id
              FROM party_meeting m
             WHERE a.meeting_id = m.id AND a.organization_id IS NULL""")

    @api.multi
    def write(self, vals):
        if not is_internal(self):
            self.mapped("meeting_id").sudo()._check_not_frozen()
        return super().write(vals)


class PartyMeetingAttendance(models.Model):
    """One member on a meeting's roster: their status when the meeting was
    announced and whether they came."""

    _name = "party.meeting.attendance"
    _inherit = "party.meeting.part"
    _description = "Meeting attendance"
    _order = "meeting_id, is_guest, member_name, id"

    meeting_state = fields.Selection(related="meeting_id.state", readonly=True)
    member_id = fields.Many2one(
        "party.member", required=True, index=True, ondelete="restrict")
    member_name = fields.Char(related="member_id.name", store=True, readonly=True)
    member_state = fields.Selection(
        MEMBER_STATES, string="Status at announcement", required=True,
        readonly=True)
    is_official = fields.Boolean(
        compute="_compute_is_official", store=True,
        help="Official members (exempted ones included) vote; probationary "
             "members attend and speak but do not vote.")
    restriction = fields.Selection(
        RESTRICTIONS, readonly=True,
        help="Suspended members and members under prosecution or detention "
             "are not counted and do not vote.")
    is_guest = fields.Boolean(
        string="Attached here", readonly=True,
        help="Member of another cell temporarily attached to this one.")
    state = fields.Selection(
        ATTENDANCE_STATES, string="Attendance", required=True,
        default="expected", index=True)
    can_vote = fields.Boolean(compute="_compute_can_vote")
    excuse_state = fields.Selection([
        ("requested", "Requested"), ("approved", "Approved"),
        ("refused", "Refused")], readonly=True)
    excuse_reason = fields.Text(string="Reason for absence")
    assisted = fields.Boolean(
        string="Assisted entry",
        help="Recorded by someone else on the member's behalf.")
    recorded_by = fields.Many2one("res.users", readonly=True)
    recorded_on = fields.Datetime(readonly=True)
    invitation_sent = fields.Boolean(readonly=True, copy=False)
    reminder_sent = fields.Boolean(readonly=True, copy=False)

    _sql_constraints = [
        ("member_uniq", "unique(meeting_id, member_id)",
         "A member is on a meeting's roster only once."),
    ]
    # the roster is frozen when the meeting is announced: who is on it, with
    # which status, is written by the announcement only
    _protected_fields = (
        "organization_id", "meeting_id", "member_id", "member_state",
        "is_guest", "restriction", "excuse_state", "recorded_by",
        "recorded_on", "invitation_sent", "reminder_sent")
    # lines are created and deleted by the announcement only
    _part_editable_states = ()
    # attendance a recorder enters; "exempted" only for exempted members
    RECORDED_STATES = ("present", "absent", "excused")

    @api.depends("member_state")
    def _compute_is_official(self):
        for line in self:
            line.is_official = line.member_state in ("official", "exempted")

    @api.depends("is_official", "restriction", "is_guest", "state")
    def _compute_can_vote(self):
        for line in self:
            line.can_vote = (line.is_official and not line.restriction
                             and not line.is_guest and line.state == "present")

    def _vote_refusal(self):
        """Why this member cannot vote, in plain words."""
        self.ensure_one()
        if self.is_guest:
            return _("%s is attached to this cell temporarily and does not "
                     "vote here.") % self.member_id.name
        if not self.is_official:
            return _("%s is a probationary member: probationary members "
                     "speak but do not vote.") % self.member_id.name
        if self.restriction:
            return _("%(member)s cannot vote: %(reason)s.") % {
                "member": self.member_id.name,
                "reason": dict(self._fields["restriction"]._description_selection(
                    self.env))[self.restriction].lower()}
        return _("%s is not recorded as present at this meeting.") % \
            self.member_id.name

    @api.multi
    def write(self, vals):
        internal = is_internal(self)
        if not internal:
            self._check_integrity_write(vals)
            if "state" in vals:
                self._check_attendance_change(vals["state"])
        self.mapped("meeting_id").sudo()._check_recording()
        if "state" in vals:
            vals = dict(vals, recorded_by=self.env.uid,
                        recorded_on=fields.Datetime.now())
            if vals["state"] == "excused":
                # absent with an approved reason: the excuse is approved
                vals["excuse_state"] = "approved"
        with checked_values(vals):
            result = super().write(vals)
        self.mapped("meeting_id")._notify_live()
        return result

    def _check_attendance_change(self, state):
        """What a recorder may enter: present, absent or excused, and back
        to exempted for an exempted member; the statuses fixed when the
        meeting was announced (attached elsewhere) do not change."""
        labels = dict(self._fields["state"]._description_selection(self.env))
        for line in self:
            allowed = self.RECORDED_STATES + (
                ("exempted",) if line.member_state == "exempted" else ())
            if line.state == "attached_elsewhere" or state not in allowed:
                raise UserError(_(
                    "%(member)s cannot be recorded as “%(state)s” at this "
                    "meeting.") % {"member": line.member_id.name,
                                   "state": labels.get(state, state)})

    # actions (buttons on the secretary's list) ----------------------------------
    def _set_state(self, state):
        self.write({"state": state})
        return True

    @api.multi
    def action_present(self):
        return self._set_state("present")

    @api.multi
    def action_absent(self):
        return self._set_state("absent")

    @api.multi
    def action_excused(self):
        return self._set_state("excused")

    @api.multi
    def action_request_excuse(self, reason):
        """A member asks to be excused (from the portal). Members read their
        cell's roster but write none of it: a member may ask for their own
        line only, which is then written as superuser; asking for somebody
        else needs the rights of the meeting's recorder."""
        reason = (reason or "").strip()
        if not reason:
            raise UserError(_("Please give the reason for your absence."))
        self.check_access_rule("read")
        partner = self.env.user.partner_id
        lines = self.sudo()
        if lines.filtered(lambda l: l.member_id.partner_id != partner):
            self.check_access_rights("write")
            self.check_access_rule("write")
        for line in lines:
            if line.meeting_id.state not in ("announced", "in_progress"):
                raise UserError(_("This meeting no longer takes excuse requests."))
            if line.state == "present":
                raise UserError(_("You are already recorded as present."))
            if line.state == "excused":
                raise UserError(_("%s is already excused.") % line.member_id.name)
            if line.state not in ("expected", "absent"):
                raise UserError(_("%s is not expected at this meeting.") %
                                line.member_id.name)
        with internal_write(lines):
            lines.write({"excuse_state": "requested", "excuse_reason": reason})
        lines._post_excuse_request(reason, self.env.user)
        return True

    def _post_excuse_request(self, reason, user):  # pylint: disable=unused-argument
        """Say on each meeting's chatter that the member asks to be excused
        (the caller, ``user``, was checked: their own line, or a recorder
        asking for them; see party_meeting_attendance_assisted.py)."""
        for line in self:
            with internal_write(self.env["mail.message"]):
                line.meeting_id.message_post(body=_(
                    "%(member)s asks to be excused: %(reason)s") % {
                        "member": html_escape(line.member_id.name),
                        "reason": html_escape(reason)},
                    author_id=line.member_id.partner_id.id,
                    subtype="mail.mt_note")

    @api.multi
    def action_approve_excuse(self):
        for line in self:
            if line.excuse_state != "requested":
                raise UserError(_("%s has not asked to be excused.") %
                                line.member_id.name)
        self.check_access_rights("write")
        self.check_access_rule("write")
        with internal_write(self):
            self.write({"excuse_state": "approved", "state": "excused"})
        return True

    @api.multi
    def action_refuse_excuse(self):
        self.check_access_rights("write")
        self.check_access_rule("write")
        requested = self.filtered(lambda l: l.excuse_state == "requested")
        with internal_write(requested):
            requested.write({"excuse_state": "refused"})
        return True

    # notices --------------------------------------------------------------------
    @api.model
    def _send_notices(self, lines, kind, batch_size=BATCH_SIZE):
        """Queue the invitation or reminder email of each line (one per
        member with an email, in the member's language) and mark the lines.
        Rendered once per meeting and language, queued set-wise, in batches
        (no commit: announcing calls it inside the user's transaction).
        Returns the number of emails queued."""
        ids = lines.ids
        return run_in_batches(
            self.env, "meeting %ss" % kind, slicer(ids),
            lambda batch: self._send_notices_batch(self.browse(batch), kind),
            batch_size=batch_size, commit=False)

    @api.model
    def _send_notices_batch(self, lines, kind):
        flag = "invitation_sent" if kind == "invitation" else "reminder_sent"
        if not lines:
            return 0
        self.env.cr.execute("""
            SELECT a.id, a.meeting_id, a.invitation_sent, a.reminder_sent,
                   p.name, p.email, p.lang
              FROM party_meeting_attendance a
              JOIN party_member m ON m.id = a.member_id
              JOIN res_partner p ON p.id = m.partner_id
             WHERE a.id IN %s AND a.state IN ('expected', 'exempted')
             ORDER BY a.id""", (tuple(lines.ids),))
        rows = [row for row in self.env.cr.fetchall()
                if not row[2 if kind == "invitation" else 3]]
        if not rows:
            return 0
        mail = SharedMail(
            self.env.ref("party_handbook_meetings.mail_template_meeting_%s" % kind),
            {"member_id.name": "name", "member_id.email": "email"},
            shared=("meeting_id",))
        groups = OrderedDict()
        for line_id, meeting_id, _inv, _rem, name, email, lang in rows:
            if email:
                groups.setdefault((meeting_id, lang or False), []).append(
                    (self.browse(line_id), {"name": name, "email": email}))
        # the batch's meetings read together (one prefetch), not each line
        meetings = self.env["party.meeting"].browse(
            list(OrderedDict.fromkeys(meeting_id for meeting_id, _l in groups)))
        queued = []
        for (meeting_id, lang), members in groups.items():
            queued.extend(mail.render_group(
                members, lang,
                preset={"meeting_id": meetings.browse(meeting_id).with_prefetch(
                    meetings._prefetch)}))
        sent = mail.queue(queued)
        # the lines are marked set-wise (a protected column nothing depends on)
        ids = tuple(row[0] for row in rows)
        if flag == "invitation_sent":
            self.env.cr.execute("""
                UPDATE party_meeting_attendance SET invitation_sent = TRUE,
                       write_uid = %s, write_date = now() at time zone 'UTC'
                 WHERE id IN %s""", (self.env.uid, ids))
        else:
            self.env.cr.execute("""
                UPDATE party_meeting_attendance SET reminder_sent = TRUE,
                       write_uid = %s, write_date = now() at time zone 'UTC'
                 WHERE id IN %s""", (self.env.uid, ids))
        self.invalidate_cache([flag, "write_uid", "write_date"], list(ids))
        return sent

    @api.model
    def _cron_send_notices(self, hours_before=24, batch_size=BATCH_SIZE,
                           commit=True):
        """Invitations still unsent, and reminders for meetings that start
        within ``hours_before`` hours: the whole backlog in one run, oldest
        lines first, in batches of ``batch_size`` lines."""
        now = fields.Datetime.from_string(fields.Datetime.now())
        horizon = fields.Datetime.to_string(
            now + timedelta(hours=hours_before))
        base = [("meeting_id.state", "=", "announced"),
                ("state", "in", ("expected", "exempted"))]
        invitations = self.search(
            base + [("invitation_sent", "=", False)], order="id").ids
        sent = run_in_batches(
            self.env, "meeting invitations", slicer(invitations),
            lambda ids: self._send_notices_batch(self.browse(ids), "invitation"),
            batch_size=batch_size, commit=commit)
        reminders = self.search(base + [
            ("reminder_sent", "=", False),
            ("meeting_id.date_start", ">", fields.Datetime.to_string(now)),
            ("meeting_id.date_start", "<=", horizon)], order="id").ids
        sent += run_in_batches(
            self.env, "meeting reminders", slicer(reminders),
            lambda ids: self._send_notices_batch(self.browse(ids), "reminder"),
            batch_size=batch_size, commit=commit)
        return sent
