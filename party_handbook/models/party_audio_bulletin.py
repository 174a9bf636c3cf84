# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The monthly audio bulletin of a committee (issue #15, point 3).

A bulletin is one committee's month, said aloud: an introduction, the
documents the committee and its ancestors sent to it that month (title,
number, the first sentences of the content), the sections other modules add
through ``_party_bulletin_sections`` (the meetings module adds its cells'
meeting results), and a closing sentence.

The scheduled action ``_cron_create_drafts`` (the 1st of each month) builds
the draft of the previous month for every committee that has none and gives
the committee's officers an activity to review it. It never publishes: an
officer reads the script, corrects it if needed and publishes it
(``action_publish``), which freezes the script and asks for its audio. A
person signs off what members hear.

The script is what the Vietnamese voice says: its fixed phrases (``SPOKEN``)
are Vietnamese words for the voice, like the demo data, not labels of the
interface (those are translated as usual).

Access: the officers serving the committee (or one of its ancestors) read
and edit its drafts; members read the published bulletins of the committees
above their own organization (ir.rule ``party_audio_bulletin_rule_member``
through ``reader_partner_ids``). The audio follows: the core checks that the
listener may read the bulletin.
"""
import logging
import re
from datetime import datetime, timedelta

import pytz
from dateutil.relativedelta import relativedelta
from markupsafe import escape

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import html2plaintext

from .party_batch import run_in_batches  # pylint: disable=missing-import-error
from .party_city import city_tz  # pylint: disable=missing-import-error
from .party_integrity import (  # pylint: disable=missing-import-error
    internal_write, is_internal)

_logger = logging.getLogger(__name__)

# the levels of organization that have a committee (a cell has a secretary)
COMMITTEE_LEVELS = ("city", "commune", "grassroots", "subcommittee")
BULLETIN_BATCH = 50  # committees per batch of the monthly job
SUMMARY_WORDS = 40

# What the voice says around the month's sections, and the bulletin's title
# (the audio's): Vietnamese words for the Vietnamese voice (espeak-ng "vi"),
# whatever the officer's language, like the documents' own titles.
SPOKEN = {
    "title": "Bản tin tháng %(month)02d/%(year)s – %(organization)s",
    "intro": "Bản tin tháng %(month)s năm %(year)s của %(organization)s.",
    "documents_title": "Văn bản trong tháng",
    "documents_count": "Trong tháng, đảng viên nhận được %(count)s văn bản.",
    "no_document": "Trong tháng không có văn bản mới gửi đến đảng viên.",
    "document": "%(kind)s số %(number)s, ngày %(day)s tháng %(month)s, "
                "của %(issuer)s: %(title)s.",
    "document_no_number": "%(kind)s của %(issuer)s: %(title)s.",
    "closing": "Bản tin tháng %(month)s năm %(year)s đến đây là hết. Cảm ơn "
               "các đồng chí đã lắng nghe. Toàn văn các văn bản có trong Sổ "
               "tay đảng viên điện tử.",
}
DOCUMENT_KINDS = {
    "resolution": "Nghị quyết", "directive": "Chỉ thị",
    "notice": "Thông báo", "plan": "Kế hoạch",
    "report_request": "Công văn đề nghị báo cáo", "report": "Báo cáo",
}
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+")
_BLANKS = re.compile(r"\s+")


def first_sentences(text, words=SUMMARY_WORDS):
    """The first sentences of ``text`` (plain) up to about ``words`` words;
    a first sentence longer than that is cut at a word and ends with "…"."""
    text = _BLANKS.sub(" ", text or "").strip()
    if not text:
        return ""
    kept, count = [], 0
    for sentence in _SENTENCE_END.split(text):
        size = len(sentence.split())
        if kept and count + size > words:
            break
        kept.append(sentence)
        count += size
        if count >= words:
            break
    summary = " ".join(kept)
    cut = summary.split()
    if len(cut) > words + 10:  # one very long sentence
        summary = " ".join(cut[:words]).rstrip(",;:") + "…"
    return summary


def month_start(value):
    """The first day of the month of ``value`` (a date or "YYYY-MM-DD")."""
    if isinstance(value, str):
        value = fields.Date.from_string(value)
    return value.replace(day=1)


class PartyAudioBulletin(models.Model):
    _name = "party.audio.bulletin"
    _description = "Monthly audio bulletin"
    _inherit = ["party.integrity.mixin", "party.audited.thread",
                "mail.activity.mixin", "party.audio.holder"]
    _order = "month desc, organization_id"
    _protected_fields = ("state", "published_on", "published_by",
                         "organization_id", "month")
    _settable_on_create = ("organization_id", "month")
    _party_audio_purposes = ("bulletin",)

    name = fields.Char(string="Title", compute="_compute_name", store=True)
    organization_id = fields.Many2one(
        "party.organization", string="Committee", required=True, index=True,
        ondelete="restrict", domain=[("level", "in", COMMITTEE_LEVELS)])
    month = fields.Date(
        required=True, index=True,
        help="The first day of the month the bulletin tells about.")
    state = fields.Selection([
        ("draft", "Draft"), ("published", "Published"),
    ], string="Status", default="draft", required=True, readonly=True,
        index=True, track_visibility="onchange")
    script = fields.Text(
        readonly=True, states={"draft": [("readonly", False)]},
        track_visibility="onchange",
        help="What the voice says. Built from the month's data; correct it "
             "before publishing if needed. Frozen once published.")
    published_on = fields.Datetime(readonly=True, copy=False)
    published_by = fields.Many2one("res.users", readonly=True, copy=False)
    audio_state = fields.Selection([
        ("none", "Not requested"), ("pending", "Being made"),
        ("ready", "Ready"), ("failed", "Failed"),
    ], string="Audio", compute="_compute_audio")
    audio_duration = fields.Float(string="Duration (s)",
                                  compute="_compute_audio")
    audio_player = fields.Html(string="Listen", compute="_compute_audio",
                               sanitize=False)
    listened_count = fields.Integer(
        string="Listeners", compute="_compute_audio",
        help="Users who listened to most of the bulletin.")
    reader_partner_ids = fields.Many2many(
        "res.partner", string="Members it is for",
        compute="_compute_reader_partner_ids",
        search="_search_reader_partner_ids",
        help="Rule helper: the contacts of the members of the committee's "
             "subtree.")

    _sql_constraints = [
        ("organization_month_uniq", "unique(organization_id, month)",
         "A committee has one bulletin a month."),
    ]

    @api.depends("organization_id.name", "month")
    def _compute_name(self):
        for bulletin in self:
            if not bulletin.month or not bulletin.organization_id:
                bulletin.name = False
                continue
            month = fields.Date.from_string(bulletin.month)
            bulletin.name = SPOKEN["title"] % {
                "month": month.month, "year": month.year,
                "organization": bulletin.organization_id.name}

    def _compute_audio(self):
        saved = self.filtered(lambda b: isinstance(b.id, int))
        audios = self._party_audio_map(saved, "bulletin")
        counts = {}
        if audios:
            self.env.cr.execute("""
                SELECT audio_id, count(*) FROM party_audio_listen
                 WHERE audio_id IN %s GROUP BY audio_id""",
                                (tuple(a.id for a in audios.values()),))
            counts = dict(self.env.cr.fetchall())
        for bulletin in self:
            audio = audios.get(bulletin.id)
            bulletin.audio_state = audio.state if audio else "none"
            bulletin.audio_duration = audio.duration if audio else 0.0
            bulletin.listened_count = counts.get(audio.id, 0) if audio else 0
            if audio and audio.state == "ready":
                bulletin.audio_player = (
                    '<audio controls="controls" preload="none" '
                    'class="o_party_audio_backoffice" src="%s"></audio>'
                    % escape("/party_handbook/audio/%s" % audio.id))
            else:
                bulletin.audio_player = False

    def _compute_reader_partner_ids(self):
        for bulletin in self:
            bulletin.reader_partner_ids = False

    @api.model
    def _search_reader_partner_ids(self, operator, value):
        """Bulletins of the committees above the organizations of the
        members whose contacts are ``value`` (record rule of members)."""
        if operator not in ("=", "in"):
            raise UserError(_("This search is not supported."))
        partner_ids = value if isinstance(value, (list, tuple)) else [value]
        members = self.env["party.member"].sudo().search(
            [("partner_id", "in", [p for p in partner_ids if p])])
        organizations = members.mapped("organization_id")
        if not organizations:
            return [("id", "=", 0)]
        return [("organization_id", "parent_of", organizations.ids)]

    @api.constrains("organization_id")
    def _check_committee(self):
        for bulletin in self:
            if bulletin.organization_id.level not in COMMITTEE_LEVELS:
                raise ValidationError(_(
                    "A monthly bulletin is made for a committee (city, "
                    "commune or ward, grassroots organization or "
                    "sub-committee), not for %s.")
                    % bulletin.organization_id.display_name)

    # --- CRUD -------------------------------------------------------------

    @api.model
    def create(self, vals):
        if vals.get("month"):
            vals = dict(vals, month=fields.Date.to_string(
                month_start(vals["month"])))
        bulletin = super().create(vals)
        if not bulletin.script:
            with internal_write(bulletin):
                bulletin.sudo().write({"script": bulletin._build_script()})
        return bulletin

    @api.multi
    def write(self, vals):
        self.check_access_rights("write")  # who may not write is told so
        if "script" in vals and not is_internal(self) and self.filtered(
                lambda b: b.state != "draft"):
            raise UserError(_("A published bulletin cannot be changed: its "
                              "members have heard it."))
        return super().write(vals)

    @api.multi
    def unlink(self):
        if self.filtered(lambda b: b.state != "draft"):
            raise UserError(_("Only draft bulletins can be deleted."))
        return super().unlink()

    # --- the script -------------------------------------------------------

    def _month_bounds(self, month=None):
        start = month_start(month or self.month)
        return start, start + relativedelta(months=1)

    def _month_documents(self, month=None):
        """The documents (superuser) dated in the month that the committee
        or one of its ancestors issued and sent to the committee's whole
        subtree (to it or an ancestor, subtree included): the documents
        EVERY listener of the bulletin received, oldest first: one query.
        A document sent to a part of the subtree only is not told: the
        bulletin is heard by all the subtree's members."""
        self.ensure_one()
        start, end = self._month_bounds(month)
        self.env["party.organization"]._party_fresh_bounds()
        self.env.cr.execute("""
            SELECT d.id
              FROM party_document d
              JOIN party_organization issuer
                ON issuer.id = d.issuing_organization_id
              JOIN party_organization c ON c.id = %(committee)s
             WHERE d.state != 'draft' AND d.date >= %(start)s
               AND d.date < %(end)s
               AND issuer.parent_left <= c.parent_left
               AND issuer.parent_right >= c.parent_right
               AND EXISTS (
                   SELECT 1 FROM party_document_target t
                     JOIN party_organization o ON o.id = t.organization_id
                    WHERE t.document_id = d.id
                      AND t.include_subtree
                      AND o.parent_left <= c.parent_left
                      AND o.parent_right >= c.parent_right)
             ORDER BY d.date, d.id""", {
                "committee": self.organization_id.id, "start": start,
                "end": end})
        return self.env["party.document"].sudo().browse(
            [row[0] for row in self.env.cr.fetchall()])

    def _document_sentence(self, document):
        kind = DOCUMENT_KINDS.get(document.document_type, "Văn bản")
        issuer = document.issuing_organization_id.name
        if document.number:
            day = fields.Date.from_string(document.date)
            line = SPOKEN["document"] % {
                "kind": kind, "number": document.number, "day": day.day,
                "month": day.month, "issuer": issuer, "title": document.name}
        else:
            line = SPOKEN["document_no_number"] % {
                "kind": kind, "issuer": issuer, "title": document.name}
        summary = first_sentences(html2plaintext(document.content or ""))
        return "%s %s" % (line, summary) if summary else line

    def _party_bulletin_sections(self, month):
        """The sections of the month, in order: a list of (title, text).
        Modules add theirs (the meetings module: its cells' meetings)."""
        self.ensure_one()
        documents = self._month_documents(month)
        if not documents:
            return [(SPOKEN["documents_title"], SPOKEN["no_document"])]
        lines = [SPOKEN["documents_count"] % {"count": len(documents)}]
        lines += [self._document_sentence(document) for document in documents]
        return [(SPOKEN["documents_title"], "\n".join(lines))]

    def _build_script(self):
        """The script of the month from its data (plain text: paragraphs
        separated by blank lines, each section under its title)."""
        self.ensure_one()
        start = month_start(self.month)
        values = {"month": start.month, "year": start.year,
                  "organization": self.organization_id.name}
        parts = [SPOKEN["intro"] % values]
        for title, text in self.sudo()._party_bulletin_sections(start):
            if text and text.strip():
                parts.append("%s.\n%s" % (title, text.strip()))
        parts.append(SPOKEN["closing"] % values)
        return "\n\n".join(parts)

    # --- checks -----------------------------------------------------------

    def _check_officer(self):
        """The current user is an officer serving the committee (or one of
        its ancestors), or a city officer; AccessError otherwise."""
        user = self.env.user
        if not user.has_group("party_handbook.group_party_handbook_officer"):
            raise AccessError(_("Only the committee's officers prepare and "
                                "publish its monthly bulletin."))
        self.check_access_rights("write")
        self.check_access_rule("write")
        if user.has_group("party_handbook.group_party_handbook_manager"):
            return
        served = self.env["party.organization"].sudo().search(
            [("id", "child_of", user.party_organization_ids.ids)])
        if self.mapped("organization_id") - served:
            raise AccessError(_("Only the committee's officers prepare and "
                                "publish its monthly bulletin."))

    # --- actions ----------------------------------------------------------

    @api.multi
    def action_rebuild(self):
        """Rebuild the script from the month's data (drafts only)."""
        self._check_officer()
        for bulletin in self:
            if bulletin.state != "draft":
                raise UserError(_("A published bulletin cannot be changed: "
                                  "its members have heard it."))
            bulletin.write({"script": bulletin._build_script()})
        return True

    @api.multi
    def action_publish(self):
        """Publish: freeze the script and ask for its audio."""
        self._check_officer()
        for bulletin in self:
            if bulletin.state != "draft":
                raise UserError(_("%s is already published.")
                                % bulletin.display_name)
            if not (bulletin.script or "").strip():
                raise UserError(_("Write the bulletin's script (or rebuild it "
                                  "from the month's data) before publishing."))
        for bulletin in self:
            with internal_write(bulletin):
                bulletin.sudo().write({
                    "state": "published",
                    "published_on": fields.Datetime.now(),
                    "published_by": self.env.uid})
            bulletin.sudo()._party_audio_request(["bulletin"])
            bulletin.sudo().activity_ids.filtered(
                lambda a: a.activity_type_id == self.env.ref(
                    "party_handbook.mail_activity_bulletin_review",
                    raise_if_not_found=False)).unlink()
            bulletin.message_post(body=_("Published: its audio is being "
                                         "made."))
        return True

    # --- audio hooks ------------------------------------------------------

    def _party_audio_text(self, purpose):
        if purpose == "bulletin" and self.state == "published":
            return self.script or ""
        return ""

    def _party_audio_title(self, purpose):
        return self.name or super()._party_audio_title(purpose)

    def _party_audio_may_listen(self, purpose):
        return purpose == "bulletin" and self.sudo().state == "published"

    def _party_audio_check_manage(self):
        self._check_officer()

    # --- the monthly job --------------------------------------------------

    @api.model
    def _previous_month(self, today=None):
        if today is None:
            tz = pytz.timezone(city_tz(self.env))
            today = datetime.now(tz).date()
        return (month_start(today) - timedelta(days=1)).replace(day=1)

    @api.model
    def _cron_create_drafts(self, month=None, batch_size=BULLETIN_BATCH,
                            commit=True):
        """Create the draft bulletin of ``month`` (default: the previous
        month, in the city's time zone) of every active committee that has
        none, in batches, and give its officers an activity to review and
        publish it. Never publishes."""
        month = month_start(month or self._previous_month())
        cr = self.env.cr

        def fetch(after, limit):
            cr.execute("""
                SELECT o.id FROM party_organization o
                 WHERE o.active AND o.level IN %(levels)s
                   AND o.id > %(after)s
                   AND (o.date_start IS NULL OR o.date_start < %(end)s)
                   AND (o.date_end IS NULL OR o.date_end >= %(start)s)
                   AND NOT EXISTS (
                       SELECT 1 FROM party_audio_bulletin b
                        WHERE b.organization_id = o.id AND b.month = %(start)s)
                 ORDER BY o.id LIMIT %(limit)s""", {
                    "levels": COMMITTEE_LEVELS, "after": after or 0,
                    "start": month, "end": month + relativedelta(months=1),
                    "limit": limit})
            return [row[0] for row in cr.fetchall()]

        def process(organization_ids):
            Bulletin = self.sudo()
            with internal_write(Bulletin):
                bulletins = Bulletin.concat(*[Bulletin.create({
                    "organization_id": organization_id,
                    "month": fields.Date.to_string(month)})
                    for organization_id in organization_ids])
            bulletins._schedule_review()
            return len(bulletins)
        return run_in_batches(self.env, "party bulletins", fetch, process,
                              batch_size=batch_size, commit=commit)

    def _committee_officers(self):
        """{organization id: [user ids]}: for each of these bulletins'
        committees, the active users of the committee officers group who
        serve it directly, or else those who serve its nearest ancestor
        (a commune without an officer of its own: the city's), in one
        query."""
        organization_ids = tuple(set(self.mapped("organization_id").ids))
        if not organization_ids:
            return {}
        group = self.env.ref("party_handbook.group_party_handbook_officer")
        self.env["party.organization"]._party_fresh_bounds()
        self.env.cr.execute("""
            WITH served AS (
                SELECT o.id AS organization_id, a.parent_left, rel.user_id
                  FROM party_organization o
                  JOIN party_organization a
                    ON a.parent_left <= o.parent_left
                   AND a.parent_right >= o.parent_right
                  JOIN party_organization_user_rel rel
                    ON rel.organization_id = a.id
                  JOIN res_users u ON u.id = rel.user_id AND u.active
                 WHERE o.id IN %(organizations)s
                   AND rel.user_id IN (SELECT uid FROM res_groups_users_rel
                                        WHERE gid = %(group)s)
            )
            SELECT s.organization_id, array_agg(DISTINCT s.user_id)
              FROM served s
             WHERE s.parent_left = (
                       SELECT max(n.parent_left) FROM served n
                        WHERE n.organization_id = s.organization_id)
             GROUP BY s.organization_id""", {
            "organizations": organization_ids, "group": group.id})
        return dict(self.env.cr.fetchall())

    def _schedule_review(self):
        """One activity per officer of each bulletin's committee: review
        the draft and publish it."""
        kind = self.env.ref("party_handbook.mail_activity_bulletin_review",
                            raise_if_not_found=False)
        if not kind:
            return
        officers = self._committee_officers()
        model = self.env["ir.model"].sudo()._get(self._name)
        deadline = fields.Date.to_string(
            fields.Date.from_string(fields.Date.context_today(self))
            + timedelta(days=kind.days or 0))
        values = []
        for bulletin in self:
            for user_id in officers.get(bulletin.organization_id.id, ()):
                values.append({
                    "res_model_id": model.id, "res_id": bulletin.id,
                    "activity_type_id": kind.id, "user_id": user_id,
                    "summary": kind.summary, "date_deadline": deadline})
        Activity = self.env["mail.activity"].sudo().with_context(
            mail_activity_quick_update=True)
        for vals in values:
            Activity.create(vals)

    # --- demo -------------------------------------------------------------

    @api.model
    def _create_demo_bulletin(self):
        """Demo: the published bulletin of the demo member's committee for
        the month of the demo documents (the month of the demo resolution's
        date, which the demo data set relative to the day the database was
        created), with its audio. Safe to call again: a later call (the
        meetings module's demo) rebuilds the script with the sections added
        since, and its audio."""
        member = self.env.ref("party_handbook.party_member_member_demo",
                              raise_if_not_found=False)
        resolution = self.env.ref("party_handbook.document_resolution_demo",
                                  raise_if_not_found=False)
        if not member or not resolution:
            return False
        committee = member.organization_id
        while committee and committee.level not in COMMITTEE_LEVELS:
            committee = committee.parent_id
        if not committee:
            return False
        month = fields.Date.to_string(month_start(resolution.date))
        Bulletin = self.sudo()
        bulletin = Bulletin.search([("organization_id", "=", committee.id),
                                    ("month", "=", month)], limit=1)
        if not bulletin:
            with internal_write(Bulletin):
                bulletin = Bulletin.create({"organization_id": committee.id,
                                            "month": month})
        script = bulletin._build_script()
        with internal_write(bulletin):
            bulletin.write({"script": script, "state": "published",
                            "published_on": bulletin.published_on
                            or fields.Datetime.now(),
                            "published_by": bulletin.published_by.id
                            or self.env.uid})
        bulletin._party_audio_request(["bulletin"])
        self.env["party.audio"]._cron_make_audio(commit=False)
        return bulletin.id
