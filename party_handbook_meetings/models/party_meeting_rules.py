# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The 2025 meeting rules (Hướng dẫn 42-HD/BTCTW, 28/10/2025; Chỉ thị
50-CT/TW, 23/7/2025), applied when a meeting is announced, started and
closed, and the chair's approval of the minutes on paper.

* Announcing **requires** a place (or an online link), a chair and a minutes
  secretary (refused otherwise, whoever calls).
* Announcing **warns** when a regular meeting is planned shorter than the
  rule (90 minutes, 120 combined with a thematic meeting) or when its
  documents reach the members less than a day before: the button returns a
  confirmation; "Announce anyway" records the warnings in the chatter.
* The supervising officers who follow the cell (users of the *Supervising
  officer* group assigned to the cell) are told time, place and agenda.
* A meeting starts on its day or later (the city's calendar); the actual
  start and end are recorded and printed in the minutes.
* The chair without a login: the minutes secretary records the chair's
  signature on the paper minutes, with a scan (PDF, JPEG or PNG).
"""
import base64
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import html_escape
from odoo.tools.misc import format_date

from odoo.addons.party_handbook.models.html_text import is_html_empty
from odoo.addons.party_handbook.models.party_integrity import internal_write

SUPERVISOR = "party_handbook.group_party_handbook_supervisor"
RECORDER = "party_handbook_meetings.group_party_meetings_recorder"
OFFICER = "party_handbook.group_party_handbook_officer"
# written by the actions of this file only
RULE_PROTECTED = ("actual_start", "actual_end", "minutes_approval_mode",
                  "minutes_paper_scan_id", "minutes_recorded_by")
SCAN_MIMETYPES = ("application/pdf", "image/jpeg", "image/png")
# default largest scan of the paper minutes (system parameter below)
SCAN_MAX_BYTES = 10 * 1024 * 1024
SCAN_MAX_PARAM = "party_handbook_meetings.minutes_scan_max_bytes"


class PartyMeeting(models.Model):
    _inherit = "party.meeting"

    combined_thematic = fields.Boolean(
        string="Combined with a thematic meeting",
        track_visibility="onchange",
        help="A regular meeting held together with a thematic one lasts at "
             "least 120 minutes (Hướng dẫn 42-HD/BTCTW).")
    actual_start = fields.Datetime(
        readonly=True, copy=False, help="When the meeting was started.")
    actual_end = fields.Datetime(
        readonly=True, copy=False, help="When the meeting was closed.")
    minutes_approval_mode = fields.Selection(
        [("account", "By the chair in the handbook"),
         ("paper", "Signed by the chair on the paper minutes")],
        string="Minutes approved", readonly=True, copy=False)
    minutes_paper_scan_id = fields.Many2one(
        "ir.attachment", string="Scan of the signed minutes", readonly=True,
        copy=False, ondelete="restrict")
    minutes_recorded_by = fields.Many2one(
        "res.users", string="Paper approval recorded by", readonly=True,
        copy=False)
    chair_has_account = fields.Boolean(compute="_compute_chair_has_account")

    @api.model
    def _setup_complete(self):
        result = super()._setup_complete()
        cls = type(self)
        cls._protected_fields = tuple(cls._protected_fields) + tuple(
            name for name in RULE_PROTECTED if name not in cls._protected_fields)
        return result

    @api.depends("chair_id")
    def _compute_chair_has_account(self):
        for meeting in self:
            meeting.chair_has_account = bool(meeting._chair_users())

    def _chair_users(self):
        self.ensure_one()
        partner = self.sudo().chair_id.partner_id
        if not partner:
            return self.env["res.users"]
        return self.env["res.users"].sudo().search(
            [("partner_id", "=", partner.id)])

    @api.model
    def default_get(self, fields_list):
        """A cell secretary who serves exactly one cell gets it prefilled."""
        defaults = super().default_get(fields_list)
        if "organization_id" in fields_list and not defaults.get(
                "organization_id"):
            cells = self.env.user.party_organization_ids.filtered(
                lambda o: o.level == "cell")
            if len(cells) == 1:
                defaults["organization_id"] = cells.id
        return defaults

    # rules of the announcement ----------------------------------------------
    def _rule(self, code):
        return self.env["party.rule"].get_value(code)

    def _announce_missing(self):
        """What the meeting lacks to be announced (translated labels)."""
        self.ensure_one()
        meeting = self.sudo()
        missing = []
        if not (meeting.location or "").strip() and not (
                meeting.online_url or "").strip():
            missing.append(_("the place (or the online link)"))
        if not meeting.chair_id:
            missing.append(_("the chair"))
        if not meeting.secretary_id:
            missing.append(_("the minutes secretary"))
        return missing

    def _check_announce_ready(self):
        for meeting in self:
            missing = meeting._announce_missing()
            if missing:
                raise UserError(_(
                    "%(meeting)s cannot be announced yet: set %(missing)s "
                    "first.") % {"meeting": meeting.name,
                                 "missing": ", ".join(missing)})

    def _min_minutes(self):
        """The shortest length the rules allow for this meeting, or 0."""
        self.ensure_one()
        if self.combined_thematic and self.meeting_type in ("regular", "thematic"):
            return self._rule("meeting_combined_min_minutes")
        if self.meeting_type == "regular":
            return self._rule("meeting_regular_min_minutes")
        return 0

    def _documents_available_on(self, now):
        """When the meeting's documents reach its members: from the
        announcement (now), or later when a document is published later."""
        self.ensure_one()
        documents = self.sudo().document_ids | self.sudo().agenda_item_ids.mapped(
            "document_id")
        if not documents:
            return None
        moments = [now] + [d.published_on for d in documents if d.published_on]
        return max(fields.Datetime.from_string(m) if isinstance(m, str) else m
                   for m in moments)

    def _announce_warnings(self, now=None):
        """The rules a meeting would not meet if announced at ``now``
        (informational: the secretary may announce anyway)."""
        self.ensure_one()
        now = now or fields.Datetime.from_string(fields.Datetime.now())
        warnings = []
        start = fields.Datetime.from_string(self.date_start)
        minimum = self._min_minutes()
        if minimum and self.date_end:
            planned = (fields.Datetime.from_string(self.date_end) - start
                       ).total_seconds() / 60.0
            if planned < minimum:
                if self.combined_thematic:
                    message = _(
                        "%(meeting)s is planned for %(planned)d minutes: a "
                        "regular meeting combined with a thematic one lasts "
                        "at least %(minimum)d minutes (%(source)s).")
                else:
                    message = _(
                        "%(meeting)s is planned for %(planned)d minutes: a "
                        "regular meeting lasts at least %(minimum)d minutes "
                        "(%(source)s).")
                warnings.append(message % {
                    "meeting": self.name, "planned": planned, "minimum": minimum,
                    "source": "Hướng dẫn 42-HD/BTCTW"})
        available = self._documents_available_on(now)
        days = self._rule("meeting_documents_days_before")
        if available and available > start - timedelta(days=days):
            warnings.append(_(
                "The documents of %(meeting)s reach its members less than "
                "%(days)d day(s) before the meeting (%(source)s).") % {
                    "meeting": self.name, "days": days,
                    "source": "Hướng dẫn 42-HD/BTCTW"})
        return warnings

    @api.multi
    def action_announce(self):
        """Refuse what the rules require; ask for a confirmation when they
        are not all met (the warnings); announce otherwise."""
        self._check_state(("draft",), _("announced"))
        self._check_announce_ready()
        warnings = [w for meeting in self for w in meeting._announce_warnings()]
        if warnings:
            wizard = self.env["party.meeting.announce.wizard"].create({
                "meeting_ids": [(6, 0, self.ids)],
                "warnings": "\n".join(warnings)})
            return {
                "type": "ir.actions.act_window",
                "name": _("Announce the meeting?"),
                "res_model": "party.meeting.announce.wizard",
                "res_id": wizard.id, "view_mode": "form", "target": "new",
            }
        return self._announce()

    @api.multi
    def action_announce_anyway(self):
        """Announce although some rules are not met (the secretary decided):
        the warnings are recorded in the chatter. What the rules require is
        still refused."""
        self._check_state(("draft",), _("announced"))
        self._check_announce_ready()
        for meeting in self:
            warnings = meeting._announce_warnings()
            if warnings:
                meeting.message_post(body="<p>%s</p><ul>%s</ul>" % (
                    html_escape(_("Announced although:")),
                    "".join("<li>%s</li>" % html_escape(w) for w in warnings)))
        return self._announce()

    def _announce(self):
        result = super().action_announce()
        self._notify_supervisors()
        return result

    def _supervisors(self):
        """Supervising officers who follow the cell: users of the
        supervising officer group assigned to it."""
        self.ensure_one()
        return self.env["res.users"].sudo().search([
            ("groups_id", "in", self.env.ref(SUPERVISOR).id),
            ("party_organization_ids", "in", self.organization_id.id)])

    def _notify_supervisors(self):
        for meeting in self:
            users = meeting._supervisors()
            if not users:
                continue
            start = meeting._local_datetime(meeting.date_start)
            place = meeting.sudo().location or meeting.sudo().online_url or ""
            agenda = meeting.sudo().agenda_item_ids.mapped("name")
            body = "<p>%s</p><ul>%s</ul>" % (
                html_escape(_(
                    "Meeting announced to the cell's members and to the "
                    "supervising officer: %(time)s, %(place)s.") % {
                        "time": "%s %s" % (
                            start.strftime("%H:%M"),
                            format_date(self.env, fields.Date.to_string(
                                start.date()))),
                        "place": place}),
                "".join("<li>%s</li>" % html_escape(item) for item in agenda)
                or "<li>%s</li>" % html_escape(_("No agenda yet.")))
            meeting.message_post(
                body=body, subject=_("Meeting announced: %s") % meeting.name,
                partner_ids=users.mapped("partner_id").ids,
                subtype="mail.mt_comment")

    # start and end -----------------------------------------------------------
    def _city_today(self):
        return fields.Date.context_today(self.with_context(tz=self._city_tz()))

    @api.multi
    def action_start(self):
        today = self._city_today()
        for meeting in self:
            if meeting.state == "announced" and meeting.date and \
                    meeting.date > today:
                raise UserError(_(
                    "%(meeting)s is planned on %(day)s: it cannot start "
                    "before its day.") % {
                        "meeting": meeting.name,
                        "day": format_date(self.env, meeting.date)})
        result = super().action_start()
        with internal_write(self):
            self.write({"actual_start": fields.Datetime.now()})
        return result

    @api.multi
    def action_close(self):
        result = super().action_close()
        with internal_write(self):
            self.write({"actual_end": fields.Datetime.now()})
        return result

    # the chair's approval -----------------------------------------------------
    @api.multi
    def action_approve_minutes(self):
        result = super().action_approve_minutes()
        with internal_write(self):
            self.write({"minutes_approval_mode": "account"})
        return result

    def _check_paper_approval(self, attachment=None):
        """Who may record the chair's signature on paper, and when."""
        self.ensure_one()
        self.check_access_rights("read")
        self.check_access_rule("read")
        self._check_state(("closed",), _("approved"))
        user = self.env.user
        meeting = self.sudo()
        is_minutes_secretary = bool(meeting.secretary_id) and \
            meeting.secretary_id.partner_id == user.partner_id
        keeps_book = user.has_group(RECORDER) or user.has_group(OFFICER)
        if keeps_book:
            # the cell's book keepers write their own meetings only
            self.check_access_rights("write")
            self.check_access_rule("write")
        if not (is_minutes_secretary or keeps_book):
            raise UserError(_(
                "Only the minutes secretary of %(meeting)s (or an officer "
                "who keeps the cell's meeting book) can record the chair's "
                "signature on the paper minutes.") % {"meeting": self.name})
        if not meeting.chair_id:
            raise UserError(_("Set the chair of the meeting first."))
        if self._chair_users():
            raise UserError(_(
                "The chair, %(chair)s, has an account: they approve the "
                "minutes in the handbook themselves.") % {
                    "chair": meeting.chair_id.name})
        if is_html_empty(meeting.minutes):
            raise UserError(_(
                "The minutes of %s are empty: write them (or prefill "
                "them) before approving.") % self.name)
        if attachment is not None:
            attachment = attachment.sudo()
            if not attachment or attachment.res_model != self._name or \
                    attachment.res_id != self.id:
                raise UserError(_(
                    "Attach the scan or photo of the signed minutes."))
            if attachment.mimetype not in SCAN_MIMETYPES:
                raise UserError(_(
                    "The scan of the signed minutes must be a PDF, JPEG or "
                    "PNG file."))
            limit = int(self.env["ir.config_parameter"].sudo().get_param(
                SCAN_MAX_PARAM, SCAN_MAX_BYTES))
            if (attachment.file_size or 0) > limit:
                raise UserError(_(
                    "The scan of the signed minutes is too large (at most "
                    "%(size)d MB).") % {"size": limit // (1024 * 1024)})
            if not attachment.file_size:
                raise UserError(_("The scan of the signed minutes is empty."))
        return True

    @api.multi
    def action_approve_minutes_paper(self, attachment_id):
        """The chair without an account signed the paper minutes: the minutes
        secretary records it with the scan (an ir.attachment of the meeting,
        see the wizard)."""
        self.ensure_one()
        attachment = self.env["ir.attachment"].sudo().browse(
            int(attachment_id or 0)).exists()
        self._check_paper_approval(attachment)
        now = fields.Datetime.now()
        user = self.env.user
        meeting = self.sudo()
        with internal_write(meeting):
            meeting.write({
                "state": "approved", "minutes_approved_by": user.id,
                "minutes_approved_on": now, "minutes_approval_mode": "paper",
                "minutes_paper_scan_id": attachment.id,
                "minutes_recorded_by": user.id})
        # the message is the recorder's, posted by the application
        with internal_write(self.env["mail.message"]):
            meeting.with_context(mail_post_autofollow=False).message_post(
                author_id=user.partner_id.id,
                body="<p>%s</p>" % html_escape(_(
                    "%(recorder)s recorded that the chair, %(chair)s, approved "
                    "and signed the paper minutes (the chair has no account); "
                    "the scan is attached: %(file)s.") % {
                        "recorder": user.name, "chair": meeting.chair_id.name,
                        "file": attachment.name}),
                attachment_ids=[attachment.id])
        return True

    @api.multi
    def action_open_paper_approval(self):
        self.ensure_one()
        self._check_paper_approval()
        return {
            "type": "ir.actions.act_window",
            "name": _("Chair's signature on the paper minutes"),
            "res_model": "party.meeting.paper.approval.wizard",
            "view_mode": "form", "target": "new",
            "context": {"default_meeting_id": self.id},
        }


class PartyMeetingAnnounceWizard(models.TransientModel):
    _name = "party.meeting.announce.wizard"
    _description = "Announce a meeting that does not meet every rule"

    meeting_ids = fields.Many2many("party.meeting", readonly=True)
    warnings = fields.Text(readonly=True)

    @api.multi
    def action_confirm(self):
        self.ensure_one()
        return self.meeting_ids.action_announce_anyway()


class PartyMeetingPaperApprovalWizard(models.TransientModel):
    _name = "party.meeting.paper.approval.wizard"
    _description = "Record the chair's signature on the paper minutes"

    meeting_id = fields.Many2one("party.meeting", required=True)
    scan = fields.Binary(string="Scan or photo", required=True, attachment=False)
    scan_name = fields.Char(string="File name")

    @api.multi
    def action_confirm(self):
        self.ensure_one()
        meeting = self.meeting_id
        meeting._check_paper_approval()
        data = base64.b64decode(self.scan or b"")
        limit = int(self.env["ir.config_parameter"].sudo().get_param(
            SCAN_MAX_PARAM, SCAN_MAX_BYTES))
        if not data or len(data) > limit:
            raise UserError(_(
                "Attach the scan or photo of the signed minutes (a PDF, JPEG "
                "or PNG file of at most %(size)d MB).") % {
                    "size": limit // (1024 * 1024)})
        attachment = self.env["ir.attachment"].sudo().create({
            "name": self.scan_name or _("Signed minutes"),
            "datas_fname": self.scan_name or "minutes",
            "datas": self.scan, "res_model": meeting._name,
            "res_id": meeting.id})
        return meeting.action_approve_minutes_paper(attachment.id)


class ReportMeetingMinutes(models.AbstractModel):
    _inherit = "report.party_handbook_meetings.report_meeting_minutes"

    @api.model
    def get_report_values(self, docids, data=None):
        values = super().get_report_values(docids, data=data)
        actual_lines = {}
        approval_lines = values.get("approval_lines", {})
        for meeting in values["docs"].sudo():
            if meeting.actual_start:
                start = meeting._local_datetime(meeting.actual_start)
                texts = {"start": start.strftime("%H:%M"),
                         "date": format_date(self.env, fields.Date.to_string(
                             start.date()))}
                if meeting.actual_end:
                    end = meeting._local_datetime(meeting.actual_end)
                    texts["end"] = end.strftime("%H:%M")
                    texts["end_date"] = format_date(
                        self.env, fields.Date.to_string(end.date()))
                    actual_lines[meeting.id] = _(
                        "started at %(start)s on %(date)s, ended at %(end)s on "
                        "%(end_date)s") % texts
                else:
                    actual_lines[meeting.id] = _(
                        "started at %(start)s on %(date)s") % texts
            if meeting.state == "approved" and \
                    meeting.minutes_approval_mode == "paper":
                approved_on = meeting._local_datetime(meeting.minutes_approved_on)
                approval_lines[meeting.id] = _(
                    "Minutes signed on paper by the chair, %(chair)s (no account "
                    "in the handbook); recorded with a scan of the signed "
                    "minutes by %(recorder)s on %(date)s.") % {
                        "chair": meeting.chair_id.name,
                        "recorder": meeting.minutes_recorded_by.name,
                        "date": format_date(self.env, fields.Date.to_string(
                            approved_on.date()))}
        values["actual_lines"] = actual_lines
        values["approval_lines"] = approval_lines
        return values
