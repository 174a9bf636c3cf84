# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Spoken notices and approved minutes (issue #15).

A meeting holds two audios (``party.audio.holder``):

- ``notice``: a spoken summary of the announcement for the cell's members
  (cell, type, day, time, place, agenda, chair). It is asked for when the
  meeting is announced, again when its date, place, chair or agenda change
  while it is announced, and once more when it is cancelled (the notice then
  says so);
- ``minutes``: a spoken summary of the approved minutes (cell, date,
  attendance counts, the conclusion, each motion's published result and
  counts). It is asked for when the minutes are approved.

The texts say nothing a member of the cell cannot read in the portal: no
names or reasons of absent members (counts only), no part of a secret
ballot beyond the published counts. They are built in the handbook's
language (Vietnamese when it is installed: the voice speaks Vietnamese),
each sentence a translatable English source.

Whoever may read the meeting may listen: the notice once the meeting is
announced (a draft's never), the minutes once approved. The cell's book
keepers who may write the meeting may replace either voice by their own
reading (also once approved: the recording is not the record). A member who
listened to most of an audio has it recorded on their roster line
(``notice_listened_on`` / ``minutes_listened_on``); the meeting form counts
them.
"""
import logging
import re
import time

import babel
import babel.dates
import pytz
from lxml import etree
from lxml import html as lxml_html

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import html_escape

from odoo.addons.party_handbook.models.html_text import is_html_empty

_logger = logging.getLogger(__name__)

# meeting states whose notice may be listened to
NOTICE_STATES = ("announced", "in_progress", "closed", "approved",
                 "cancelled")
# fields of an announced meeting that the notice speaks of
NOTICE_FIELDS = {"date_start", "date_end", "location", "online_url",
                 "meeting_type", "chair_id", "name"}
LISTENED_FIELDS = {"notice": "notice_listened_on",
                   "minutes": "minutes_listened_on"}
LISTENED_SQL = {
    "notice": """UPDATE party_meeting_attendance SET notice_listened_on = %s
                  WHERE meeting_id IN %s AND member_id = %s
                    AND notice_listened_on IS NULL""",
    "minutes": """UPDATE party_meeting_attendance SET minutes_listened_on = %s
                   WHERE meeting_id IN %s AND member_id = %s
                     AND minutes_listened_on IS NULL""",
}
# the handbook's language: members are Vietnamese
SPOKEN_LANG = "vi_VN"
BLOCKS = re.compile(r"(?i)<\s*(br\s*/?|/p|/li|/h\d|/div|/tr)\s*>")


def html_to_text(html):
    """The readable text of an HTML field, one line a block."""
    if not html or is_html_empty(html):
        return ""
    try:
        text = lxml_html.fromstring(BLOCKS.sub(r"\g<0>\n", html)).text_content()
    except (ValueError, etree.ParserError):
        return ""
    lines = (" ".join(line.split()) for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def _sentence(text):
    text = (text or "").strip()
    if text and text[-1] not in ".!?:;":
        text += "."
    return text


class PartyMeeting(models.Model):
    _name = "party.meeting"
    _inherit = ["party.meeting", "party.audio.holder"]
    _party_audio_purposes = ("notice", "minutes")

    notice_audio_player = fields.Html(
        string="Spoken notice", compute="_compute_audio_players",
        sanitize=False)
    minutes_audio_player = fields.Html(
        string="Spoken minutes", compute="_compute_audio_players",
        sanitize=False)
    notice_audio_state = fields.Selection(
        [("none", "None"), ("pending", "Being made"), ("ready", "Ready"),
         ("failed", "Failed")], compute="_compute_audio_players",
        string="Spoken notice status")
    minutes_audio_state = fields.Selection(
        [("none", "None"), ("pending", "Being made"), ("ready", "Ready"),
         ("failed", "Failed")], compute="_compute_audio_players",
        string="Spoken minutes status")
    notice_audio_human = fields.Boolean(compute="_compute_audio_players")
    minutes_audio_human = fields.Boolean(compute="_compute_audio_players")
    notice_listened_count = fields.Integer(
        string="Heard the notice", compute="_compute_listened_counts",
        help="Members on the roster who listened to most of the spoken "
             "notice.")
    minutes_listened_count = fields.Integer(
        string="Heard the minutes", compute="_compute_listened_counts",
        help="Members on the roster who listened to most of the spoken "
             "minutes.")

    # --- what is said -----------------------------------------------------

    def _party_audio_lang(self):
        """The language of the spoken texts: the handbook's (Vietnamese)
        when installed, else the current user's."""
        if self.env["res.lang"].sudo().search_count(
                [("code", "=", SPOKEN_LANG)]):
            return SPOKEN_LANG
        return self.env.lang or "en_US"

    def _party_audio_text(self, purpose):
        self.ensure_one()
        meeting = self.sudo().with_context(lang=self._party_audio_lang())
        if purpose == "notice":
            if meeting.state == "cancelled":
                return meeting._spoken_cancellation()
            if meeting.state in NOTICE_STATES:
                return meeting._spoken_notice()
            return ""
        if purpose == "minutes" and meeting.state == "approved":
            return meeting._spoken_minutes()
        return ""

    def _party_audio_title(self, purpose):
        self.ensure_one()
        return self.sudo().with_context(
            lang=self._party_audio_lang())._spoken_title(purpose)

    def _spoken_title(self, purpose):
        if purpose == "minutes":
            return _("Minutes: %s") % self.name
        return _("Meeting notice: %s") % self.name

    def _spoken_when(self, value, with_time=True):
        """"Thursday, day 12 month 3 year 2026, at 7 hours 30" for a UTC
        datetime string, in the city's time zone and the context's
        language."""
        local = pytz.utc.localize(fields.Datetime.from_string(value)).astimezone(
            pytz.timezone(self._city_tz()))
        lang = self.env.context.get("lang") or "en_US"
        try:
            weekday = babel.dates.format_date(local.date(), "EEEE", locale=lang)
        except (ValueError, babel.core.UnknownLocaleError):
            weekday = babel.dates.format_date(local.date(), "EEEE", locale="en")
        values = {"weekday": weekday, "day": local.day, "month": local.month,
                  "year": local.year, "hour": local.hour,
                  "minute": local.minute}
        if not with_time:
            return _("%(weekday)s, day %(day)s month %(month)s year "
                     "%(year)s") % values
        if local.minute:
            time_text = _("%(hour)s hours %(minute)s minutes") % values
        else:
            time_text = _("%(hour)s o'clock") % values
        return _("%(weekday)s, day %(day)s month %(month)s year %(year)s, "
                 "at %(time)s") % dict(values, time=time_text)

    def _spoken_place(self):
        if self.location and self.online_url:
            return _("at %s and online") % self.location
        if self.location:
            return _("at %s") % self.location
        if self.online_url:
            return _("online, with the link in the handbook")
        return _("at a place the cell secretary will announce")

    def _type_label(self):
        return dict(self._fields["meeting_type"]._description_selection(
            self.env)).get(self.meeting_type, "")

    def _spoken_notice(self):
        """The announcement, for members (sudo, in the spoken language)."""
        self.ensure_one()
        lines = [_sentence(_(
            "Meeting notice of %(cell)s: %(type)s meeting, %(topic)s, on "
            "%(when)s, %(place)s") % {
                "cell": self.organization_id.name,
                "type": self._type_label().lower(), "topic": self.name,
                "when": self._spoken_when(self.date_start),
                "place": self._spoken_place()})]
        items = self.agenda_item_ids.mapped("name")
        if items:
            lines.append(_("Agenda:"))
            for index, item in enumerate(items, 1):
                lines.append(_sentence(_("Item %(number)s: %(item)s") % {
                    "number": index, "item": item}))
        if self.chair_id:
            lines.append(_sentence(_("Chaired by comrade %s")
                                   % self.chair_id.name))
        lines.append(_(
            "Comrades who cannot attend, please tell the cell secretary the "
            "reason before the meeting, in the handbook or in person."))
        return "\n".join(lines)

    def _spoken_cancellation(self):
        self.ensure_one()
        return _sentence(_(
            "Notice of %(cell)s: the %(type)s meeting, %(topic)s, planned on "
            "%(when)s, is cancelled") % {
                "cell": self.organization_id.name,
                "type": self._type_label().lower(), "topic": self.name,
                "when": self._spoken_when(self.date_start)})

    def _spoken_minutes(self):
        """The approved minutes in short: attendance counts (no names, no
        reasons), the conclusion, each motion's published result and counts
        (nothing of a secret ballot beyond them)."""
        self.ensure_one()
        counts = self._minutes_attendance().get(self.id, {})
        # as the minutes' attendance section counts them
        summoned = sum(counts.values())
        lines = [_sentence(_(
            "Minutes of the meeting of %(cell)s, %(topic)s, held on "
            "%(when)s") % {"cell": self.organization_id.name,
                           "topic": self.name,
                           "when": self._spoken_when(self.date_start)}),
                 _sentence(_(
                     "Present: %(present)s of %(summoned)s members summoned; "
                     "absent with a reason: %(excused)s; absent without a "
                     "reason: %(absent)s") % {
                         "present": self.present_count,
                         "summoned": summoned,
                         "excused": counts.get("excused", 0) + counts.get(
                             "exempted", 0),
                         "absent": counts.get("absent", 0)})]
        if self.chair_id:
            lines.append(_sentence(_("Chaired by comrade %s")
                                   % self.chair_id.name))
        conclusion = html_to_text(self.conclusion)
        if conclusion:
            lines.append(_("Conclusion of the meeting:"))
            lines.extend(_sentence(line) for line in conclusion.splitlines())
        motions = self.motion_ids.filtered(lambda m: m.state == "closed")
        results = dict(motions._fields["result"]._description_selection(
            self.env))
        if motions:
            lines.append(_("Votes:"))
        for motion in motions:
            lines.append(_sentence(_(
                "%(motion)s: %(result)s, with %(yes)s in favour, %(no)s "
                "against and %(abstain)s abstaining") % {
                    "motion": motion.name,
                    "result": results.get(motion.result, "").lower(),
                    "yes": motion.yes_count, "no": motion.no_count,
                    "abstain": motion.abstain_count}))
        if self.minutes_approved_on:
            lines.append(_sentence(_("The minutes were approved on %s") % (
                self._spoken_when(self.minutes_approved_on, with_time=False))))
        return "\n".join(lines)

    # --- who listens, who replaces the voice ------------------------------

    def _party_audio_may_listen(self, purpose):
        self.ensure_one()
        state = self.sudo().state
        if purpose == "notice":
            return state in NOTICE_STATES
        if purpose == "minutes":
            return state == "approved"
        return False

    def _party_audio_check_manage(self):
        """The cell's book keepers who may write the meeting (and managers),
        also once the minutes are approved: a recording does not change the
        record."""
        try:
            return super()._party_audio_check_manage()
        except AccessError:
            raise AccessError(_(
                "Only the cell's secretaries and the officers who keep its "
                "meeting book can replace the voice of a meeting's notice or "
                "minutes."))

    def _party_audio_listened(self, purpose, member):
        """Record on the member's roster line the first time they listened
        to most of the notice or the minutes (called as the listener). A
        plain column update: the roster line is frozen once the meeting is
        held (its attendance is recorded), the listening is not attendance."""
        name = LISTENED_FIELDS.get(purpose)
        if not name or not member or not self.ids:
            return True
        self.env.cr.execute(LISTENED_SQL[purpose], (
            fields.Datetime.now(), tuple(self.ids), member.id))
        self.env["party.meeting.attendance"].invalidate_cache([name])
        return True

    # --- when it is asked for ---------------------------------------------

    def _party_audio_refresh(self):
        """Ask for the audios that fit each meeting's state now (nothing is
        made when the text did not change)."""
        for meeting in self.sudo():
            if meeting.state in NOTICE_STATES:
                if meeting.state == "cancelled" and not meeting._party_audio(
                        "notice"):
                    continue
                meeting._party_audio_request(["notice"])
            if meeting.state == "approved":
                meeting._party_audio_request(["minutes"])
        return True

    @api.multi
    def write(self, vals):
        before = {meeting.id: meeting.state for meeting in self}
        result = super().write(vals)
        changed = self.filtered(
            lambda m: m.state != before.get(m.id) or (
                m.state == "announced" and NOTICE_FIELDS & set(vals)))
        changed._party_audio_refresh()
        return result

    # --- the back office --------------------------------------------------

    @api.depends("state")
    def _compute_audio_players(self):
        for meeting in self:
            for purpose in self._party_audio_purposes:
                audio = meeting._party_audio(purpose) if isinstance(
                    meeting.id, int) else self.env["party.audio"]
                html = False
                if audio and audio.state == "ready" and \
                        meeting._party_audio_may_listen(purpose):
                    html = (
                        '<audio controls="controls" preload="none" src="%s" '
                        'aria-label="%s"></audio><p>%s</p>') % (
                            "/party_handbook/audio/%s" % audio.id,
                            html_escape(audio.name or ""),
                            html_escape(" · ".join(filter(None, [
                                audio._duration_label(),
                                dict(audio._fields["source"]
                                     ._description_selection(self.env)).get(
                                         audio.source)]))))
                meeting["%s_audio_player" % purpose] = html
                meeting["%s_audio_state" % purpose] = audio.state or "none"
                meeting["%s_audio_human" % purpose] = audio.source == "human"

    def _compute_listened_counts(self):
        counts = {}
        ids = [i for i in self.ids if isinstance(i, int)]
        if ids:
            self.env.cr.execute("""
                SELECT meeting_id, count(notice_listened_on),
                       count(minutes_listened_on)
                  FROM party_meeting_attendance
                 WHERE meeting_id IN %s
                 GROUP BY meeting_id""", (tuple(ids),))
            counts = {row[0]: row[1:] for row in self.env.cr.fetchall()}
        for meeting in self:
            meeting.notice_listened_count, meeting.minutes_listened_count = \
                counts.get(meeting.id, (0, 0))

    @api.multi
    def action_party_audio_upload_wizard(self):
        """Open the upload of a human recording for the notice or the
        minutes (context key ``party_audio_purpose``: only a default)."""
        self.ensure_one()
        self._party_audio_check_manage()
        return {
            "type": "ir.actions.act_window",
            "name": _("Replace the voice by a recording"),
            "res_model": "party.meeting.audio.upload.wizard",
            "view_mode": "form", "target": "new",
            "context": {"default_meeting_id": self.id,
                        "default_purpose": self.env.context.get(
                            "party_audio_purpose") or "notice"},
        }

    @api.multi
    def action_party_audio_make(self):
        """Ask for the audio a meeting lacks (e.g. minutes approved before
        meetings spoke): the cell's book keepers only."""
        for meeting in self:
            meeting._party_audio_check_manage()
        self._party_audio_refresh()
        return True

    @api.multi
    def action_party_audio_notice_synthetic(self):
        return self.action_party_audio_synthetic("notice")

    @api.multi
    def action_party_audio_minutes_synthetic(self):
        return self.action_party_audio_synthetic("minutes")


class PartyMeetingAgenda(models.Model):
    """A change of the agenda of an announced meeting changes its notice."""

    _inherit = "party.meeting.agenda"

    def _refresh_notices(self, meetings):
        meetings.filtered(lambda m: m.state == "announced")._party_audio_refresh()

    @api.model
    def create(self, vals):
        item = super().create(vals)
        self._refresh_notices(item.sudo().meeting_id)
        return item

    @api.multi
    def write(self, vals):
        result = super().write(vals)
        if {"name", "sequence"} & set(vals):
            self._refresh_notices(self.sudo().mapped("meeting_id"))
        return result

    @api.multi
    def unlink(self):
        meetings = self.sudo().mapped("meeting_id")
        result = super().unlink()
        self._refresh_notices(meetings.exists())
        return result


class PartyMeetingAttendance(models.Model):
    """When the member listened to most of the notice and of the minutes."""

    _inherit = "party.meeting.attendance"

    notice_listened_on = fields.Datetime(
        string="Heard the notice on", readonly=True, copy=False,
        groups="party_handbook_meetings.group_party_meetings_recorder,"
               "party_handbook.group_party_handbook_supervisor,"
               "party_handbook.group_party_handbook_manager")
    minutes_listened_on = fields.Datetime(
        string="Heard the minutes on", readonly=True, copy=False,
        groups="party_handbook_meetings.group_party_meetings_recorder,"
               "party_handbook.group_party_handbook_supervisor,"
               "party_handbook.group_party_handbook_manager")

    @api.model
    def _setup_complete(self):
        result = super()._setup_complete()
        cls = type(self)
        cls._protected_fields = tuple(cls._protected_fields) + tuple(
            name for name in LISTENED_FIELDS.values()
            if name not in cls._protected_fields)
        return result


class PartyMeetingAudioUploadWizard(models.TransientModel):
    """A human recording replaces the synthetic voice of a meeting's notice
    or minutes (the checks are the meeting's: ``action_party_audio_upload``)."""

    _name = "party.meeting.audio.upload.wizard"
    _description = "Recording of a meeting's notice or minutes"

    meeting_id = fields.Many2one("party.meeting", required=True,
                                 ondelete="cascade")
    purpose = fields.Selection(
        [("notice", "Meeting notice"), ("minutes", "Minutes")],
        string="Replaces", required=True, default="notice")
    recording = fields.Binary(required=True, attachment=False)
    filename = fields.Char()

    @api.multi
    def action_upload(self):
        self.ensure_one()
        if not self.recording:
            raise UserError(_("Choose the recording to upload."))
        self.meeting_id.action_party_audio_upload(
            self.purpose, self.recording, self.filename)
        return {"type": "ir.actions.act_window_close"}


class PartyMeetingDemo(models.AbstractModel):
    _inherit = "party.meeting.demo"

    @api.model
    def _make_demo_audio(self):
        """The demo's notices and approved minutes can be listened to at
        once: their pending audio is made here, at the end of the demo
        data (about a second each)."""
        started = time.time()
        done = self.env["party.audio"].sudo()._cron_make_audio(commit=False)
        _logger.info("demo meetings: %s audios made in %.1f s", done,
                     time.time() - started)
        return done
