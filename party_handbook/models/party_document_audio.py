# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The audio version of a published document (issue #15, part B).

Publishing asks for it (``party.audio._request``: the text is stored, the
scheduled action speaks it in the background); the officers who may publish
the document may replace the voice by a human recording. A member who
listens to most of it has read it: the receipt gets ``listened_on`` and, if
still unread, becomes read as opening the page does. Officers count the
listeners beside the readers (``listened_count``, the receipts' list and
the acknowledgement dashboard)."""
import logging
import re
import time

import lxml.html
from lxml.etree import ParserError

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import html_escape

# pylint: disable=missing-import-error
from .party_audio import PURPOSES
from .party_document_receipt_assisted import PartyDocumentReceiptAssisted
from .party_integrity import internal_write

_logger = logging.getLogger(__name__)

# What the Vietnamese voice says before the number: the voice only speaks
# Vietnamese, so these words are the spoken data, not the user's interface.
SPOKEN_TYPES = {
    "resolution": "Nghị quyết", "directive": "Chỉ thị", "notice": "Thông báo",
    "plan": "Kế hoạch", "report_request": "Công văn", "report": "Báo cáo",
}
BLOCK_TAGS = {
    "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6",
    "blockquote", "pre", "section", "article", "header", "footer", "hr",
    "dt", "dd", "table", "thead", "tbody", "tfoot", "caption", "figure",
}
SKIPPED_TAGS = {"script", "style", "head", "title", "audio", "video",
                "iframe", "object"}
_URL = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
_MARKUP = re.compile(r"[*_#`>|~]+")
_SPACES = re.compile(r"[ \t\u00a0\u200b\ufeff]+")


def _inline_text(element):
    """The text of an element as read aloud: images by their description,
    links by their words (never their address)."""
    if not isinstance(element.tag, str) or element.tag in SKIPPED_TAGS:
        return ""
    if element.tag == "img":
        return " %s " % (element.get("alt") or "")
    parts = [element.text or ""]
    for child in element:
        parts.append(_inline_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _lines(element, out):
    """Append the spoken lines of ``element`` to ``out``: block elements end
    a line, a table is read row by row (its cells joined by commas)."""
    tag = element.tag if isinstance(element.tag, str) else ""
    if tag in SKIPPED_TAGS:
        return
    if tag == "tr":
        cells = [_inline_text(cell) for cell in element
                 if isinstance(cell.tag, str) and cell.tag in ("td", "th")]
        cells = [" ".join(cell.split()) for cell in cells]
        out.append(", ".join(cell for cell in cells if cell))
        out.append("\n")
        return
    if tag == "img":
        out.append(_inline_text(element))
        return
    if tag in BLOCK_TAGS:
        out.append("\n")
    out.append(element.text or "")
    for child in element:
        _lines(child, out)
        out.append(child.tail or "")
    if tag in BLOCK_TAGS:
        out.append("\n")


def html_to_spoken_text(html):
    """Plain text of an HTML content for the voice: one paragraph a line,
    no link address, no markup signs (``*``, ``#``), tables row by row."""
    if not html or not html.strip():
        return ""
    try:
        tree = lxml.html.fromstring("<div>%s</div>" % html)
    except (ParserError, ValueError):
        return ""
    out = []
    _lines(tree, out)
    lines = []
    for line in "".join(out).split("\n"):
        line = _MARKUP.sub(" ", _URL.sub(" ", line))
        line = _SPACES.sub(" ", line).strip(" ,;")
        if line:
            lines.append(line)
    return "\n".join(lines)


class PartyDocument(models.Model):
    _name = "party.document"
    _inherit = ["party.document", "party.audio.holder"]
    _party_audio_purposes = ("document",)

    listened_count = fields.Integer(
        compute="_compute_counts", string="Listened",
        help="Recipients who listened to most of the audio version.")
    audio_state = fields.Selection(
        [("pending", "Being made"), ("ready", "Ready"), ("failed", "Failed")],
        string="Audio status", compute="_compute_audio")
    audio_source = fields.Selection(
        [("synthetic", "Synthetic voice"), ("human", "Human recording")],
        string="Voice", compute="_compute_audio")
    audio_duration = fields.Char(string="Duration", compute="_compute_audio")
    audio_made_by = fields.Char(
        string="Made by", compute="_compute_audio",
        help="The speech engine, or the file of the human recording.")
    audio_seconds_to_make = fields.Float(
        string="Seconds to make", compute="_compute_audio", digits=(16, 2))
    audio_error = fields.Char(string="Why it failed", compute="_compute_audio")
    audio_player = fields.Html(
        string="Player", compute="_compute_audio", sanitize=False,
        help="Built by the server from the audio's id (not user HTML).")

    def _compute_audio(self):
        audios = self._party_audio_map(self.filtered("id"), "document")
        for document in self:
            audio = audios.get(document.id)
            document.audio_state = audio.state if audio else False
            document.audio_source = audio.source if audio else False
            document.audio_duration = audio._duration_label() \
                if audio and audio.state == "ready" else False
            document.audio_made_by = audio.engine if audio else False
            document.audio_seconds_to_make = audio.seconds_to_make \
                if audio else 0.0
            document.audio_error = audio.error if audio else False
            document.audio_player = (
                '<audio controls="controls" preload="none" '
                'class="o_party_audio_backoffice" src="/party_handbook/audio/%d"'
                ' aria-label="%s"></audio>' % (
                    audio.id, html_escape(document.name or ""))
            ) if audio and audio.state == "ready" else False

    # --- the holder's hooks -----------------------------------------------

    def _party_audio_text(self, purpose):
        """What a reader hears: "Nghị quyết số 12-NQ/ĐU", the title, who
        issued it and when, the content, then the attached files' names."""
        self.ensure_one()
        if purpose != "document" or self.state == "draft":
            return ""
        document = self.sudo()
        heading = SPOKEN_TYPES.get(document.document_type, "")
        if document.number:
            heading = "%s số %s" % (heading, document.number)
        lines = [heading.strip(), document.name or ""]
        date = fields.Date.from_string(document.date) if document.date else None
        issued = document.issuing_organization_id.name or ""
        if issued or date:
            line = issued
            if date:
                line = "%s, ngày %s tháng %s năm %s" % (
                    line, date.day, date.month, date.year)
            lines.append(line.strip(" ,"))
        lines.append(html_to_spoken_text(document.content or ""))
        names = [attachment.name or attachment.datas_fname or ""
                 for attachment in document.attachment_ids]
        names = [name for name in names if name]
        if names:
            lines.append("Kèm theo: %s." % "; ".join(names))
        return "\n".join(line for line in lines if line and line.strip())

    def _party_audio_title(self, purpose):
        self.ensure_one()
        if purpose != "document":
            return super()._party_audio_title(purpose)
        document = self.sudo()
        return " · ".join(part for part in (document.number, document.name)
                          if part)

    def _party_audio_may_listen(self, purpose):
        return purpose == "document" and self.sudo().state != "draft"

    def _party_audio_check_manage(self):
        """The officers who may publish the document change its voice."""
        self._check_publisher()

    def _party_audio_listened(self, purpose, member):
        """The current user listened to most of the document: their receipt
        records it, and counts as read (as opening the page does)."""
        if purpose != "document":
            return True
        whose = [("member_id", "=", member.id)] if member else [
            ("member_partner_id", "=", self.env.user.partner_id.id)]
        for document in self:
            receipt = self.env["party.document.receipt"].sudo().search(
                [("document_id", "=", document.id)] + whose, limit=1)
            if not receipt:
                continue  # an officer listening to what was not sent to them
            now = fields.Datetime.now()
            values = {}
            if not receipt.listened_on:
                values.update(listened_on=now, listened=1)
            if receipt.state == "received":
                values.update(state="read", read_on=now)
            if values:
                with internal_write(receipt):
                    receipt.write(values)
        return True

    # --- publishing and the form's buttons --------------------------------

    @api.multi
    def action_publish(self):
        """Publishing asks for the audio (made in the background)."""
        result = super().action_publish()
        started = time.time()
        self._party_audio_request(["document"])
        _logger.debug("audio of documents %s requested in %.4fs", self.ids,
                      time.time() - started)
        return result

    @api.multi
    def action_party_audio_upload_wizard(self):
        """The form's "Upload a recording" button."""
        self.ensure_one()
        self._party_audio_check_manage()
        return {
            "type": "ir.actions.act_window",
            "name": _("Upload a recording"),
            "res_model": "party.audio.upload.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_res_model": self._name,
                        "default_res_id": self.id,
                        "default_purpose": "document"},
        }

    @api.multi
    def action_document_audio_synthetic(self):
        return self.action_party_audio_synthetic("document")

    @api.multi
    def action_document_audio_again(self):
        """Make a failed audio again (or one never asked for)."""
        for document in self:
            document._party_audio_check_manage()
            audio = document._party_audio("document")
            if not audio:
                document._party_audio_request(["document"])
            elif audio.state == "failed":
                with internal_write(audio):
                    audio.write({"state": "pending", "error": False})
                audio._poke_cron()
        return True


class PartyDocumentReceipt(models.Model):
    _inherit = "party.document.receipt"
    _protected_fields = PartyDocumentReceiptAssisted._protected_fields + (
        "listened_on", "listened")

    listened_on = fields.Datetime(
        string="Listened", readonly=True,
        help="When the member had listened to most of the audio version.")
    listened = fields.Integer(
        string="Listened (count)", readonly=True,
        help="1 once the member listened to the audio version (a measure of "
             "the dashboards).")


class PartyAudio(models.Model):
    _inherit = "party.audio"

    @api.model
    def _party_demo_make_audio(self):
        """After the demo data: the published documents' audio, made now so
        the demo database can be listened to at once."""
        started = time.time()
        done = self._cron_make_audio(commit=False)
        _logger.info("demo: %s audio versions made in %.1f s", done,
                     time.time() - started)
        return done


class PartyAudioUploadWizard(models.TransientModel):
    """Upload a human recording in place of the synthetic voice (any record
    holding audio: the holder checks who may)."""

    _name = "party.audio.upload.wizard"
    _description = "Upload a recording"

    res_model = fields.Char(required=True, readonly=True)
    res_id = fields.Integer(required=True, readonly=True)
    purpose = fields.Selection(PURPOSES, required=True, readonly=True)
    data = fields.Binary(string="Recording", required=True,
                         help="MP3, M4A, OGG or WAV; at most 50 MB.")
    filename = fields.Char()

    def _holder(self):
        self.ensure_one()
        if self.res_model not in self.env or not hasattr(
                self.env[self.res_model], "action_party_audio_upload"):
            return None
        return self.env[self.res_model].browse(self.res_id).exists()

    @api.multi
    def action_upload(self):
        self.ensure_one()
        holder = self._holder()
        if not holder:
            raise UserError(_("This record has no audio version."))
        holder.action_party_audio_upload(self.purpose, self.data,
                                         self.filename)
        return {"type": "ir.actions.act_window_close"}
