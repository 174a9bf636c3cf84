# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Posters of decisions and of a month's meetings (issue #15).

One click on a published document (or, with the meetings module, on a
month of an organization's meetings) makes a ``party.poster``: its title,
the issuing committee, three to five key points the officer edits (one a
line, prefilled from the document's list items or first sentences) and key
figures computed set-wise when it is made (the document's acknowledgement
rate: acknowledged / recipients). A poster is a snapshot: its figures are
stored, and refreshed only on request while it is a draft.

Publishing renders it in the Party's visual style as an A4 PDF (a QWeb
report, ``party_handbook.report_poster``) and, from that PDF, a PNG about
1080 px wide for phones (``pdftoppm``); both are stored as attachments of
the poster, which is then frozen (and its files with it, see
ir_attachment_access.py). Under ``--test-enable`` Odoo renders reports as
HTML: the HTML is stored instead and no PNG is made.

Who may read the holder sees the poster once published: members who
received the document (a receipt exists for them), the officers of the
issuing committee's subtree and above, who also make and publish them
(record rules in security/party_poster_rules.xml).
"""
import base64
import json
import logging
import os
import re
import subprocess
import tempfile

import lxml.html
from lxml.etree import ParserError

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.modules.module import get_module_resource
from odoo.tools.misc import format_date

from .party_integrity import (  # pylint: disable=missing-import-error
    internal_write, is_internal)
from .party_lang import in_handbook_lang  # pylint: disable=missing-import-error

_logger = logging.getLogger(__name__)

MIN_POINTS, MAX_POINTS = 3, 5
MAX_POINT_LENGTH = 150
PNG_WIDTH = 1080
# what mail.thread writes on any record it posts on or subscribes to
FOLLOWING = {"message_last_post", "message_follower_ids"}
OFFICER = "party_handbook.group_party_handbook_officer"
MANAGER = "party_handbook.group_party_handbook_manager"
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+(?=[A-ZÀ-Ỹ0-9\"“(])")
_BLANKS = re.compile(r"\s+")


def key_points_of_html(html, limit=MAX_POINTS):
    """The first list items of ``html``, else its first sentences (cut at
    semicolons when there are fewer than three), at most ``limit``."""
    if not html:
        return []
    try:
        tree = lxml.html.fromstring("<div>%s</div>" % html)
    except (ParserError, ValueError):
        return []

    def clean(text):
        return _BLANKS.sub(" ", text or "").strip(" ;:-–•\u00a0")

    points = [clean(item.text_content()) for item in tree.iter("li")]
    points = [point for point in points if point]
    if not points:
        blocks = [clean(block.text_content())
                  for block in tree.iter("p", "h1", "h2", "h3", "h4", "div")
                  if not any(child.tag in ("p", "div")
                             for child in block.iterchildren())]
        for block in blocks:
            points.extend(clean(s) for s in _SENTENCE_END.split(block) if clean(s))
        if len(points) < MIN_POINTS:
            parts = []
            for point in points:
                parts.extend(clean(p) for p in point.split(";") if clean(p))
            points = parts
    return [shorten(point) for point in points[:limit]]


def shorten(text, length=MAX_POINT_LENGTH):
    """``text`` cut at a word before ``length`` characters, with "…"."""
    if len(text) <= length:
        return text
    return text[:length].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def pdf_to_png(pdf, width=PNG_WIDTH):
    """The first page of ``pdf`` (bytes) as a PNG ``width`` pixels wide."""
    with tempfile.TemporaryDirectory(prefix="party_poster_") as folder:
        source = os.path.join(folder, "poster.pdf")
        with open(source, "wb") as handle:
            handle.write(pdf)
        target = os.path.join(folder, "poster")
        try:
            subprocess.run(
                ["pdftoppm", "-png", "-singlefile", "-f", "1", "-l", "1",
                 "-scale-to-x", str(width), "-scale-to-y", "-1",
                 source, target],
                check=True, timeout=120, stdout=subprocess.PIPE,
                stderr=subprocess.PIPE)
        except (OSError, subprocess.SubprocessError) as error:
            _logger.error("pdftoppm failed: %s", error)
            raise UserError(_("The poster's image could not be made from its "
                              "PDF. Please try again later or tell the "
                              "administrator."))
        with open(target + ".png", "rb") as handle:
            return handle.read()


class PartyPoster(models.Model):
    _name = "party.poster"
    _description = "Poster"
    _inherit = ["party.integrity.mixin", "party.audited.thread"]
    _order = "id desc"
    # made by the actions (from a document, from a month), published and
    # refreshed by them: never written by a caller
    _protected_fields = (
        "kind", "document_id", "organization_id", "month", "state",
        "figures", "figures_made_on", "published_on", "published_by",
        "pdf_attachment_id", "png_attachment_id")

    name = fields.Char(string="Poster title", required=True,
                       track_visibility="onchange")
    kind = fields.Selection([("document", "Document")], required=True,
                            readonly=True, default="document")
    document_id = fields.Many2one("party.document", readonly=True, index=True,
                                  ondelete="restrict")
    organization_id = fields.Many2one(
        "party.organization", string="Issuing committee", required=True,
        readonly=True, index=True, ondelete="restrict")
    month = fields.Date(readonly=True, help="First day of the month shown.")
    key_points = fields.Text(
        track_visibility="onchange",
        help="Three to five short points, one a line.")
    figures = fields.Text(readonly=True,
                          help="The key figures when the poster was made.")
    figures_made_on = fields.Datetime(readonly=True)
    state = fields.Selection([("draft", "Draft"), ("published", "Published")],
                             string="Status", default="draft", required=True,
                             readonly=True, index=True,
                             track_visibility="onchange")
    published_on = fields.Datetime(readonly=True)
    published_by = fields.Many2one("res.users", readonly=True)
    pdf_attachment_id = fields.Many2one("ir.attachment", string="PDF",
                                        readonly=True)
    png_attachment_id = fields.Many2one("ir.attachment", string="Image",
                                        readonly=True)
    png_preview = fields.Binary(related="png_attachment_id.datas",
                                string="Preview", readonly=True)
    figures_text = fields.Text(compute="_compute_figures_text",
                               string="Key figures")

    def _create_refusal(self):
        return _("Posters are made with the “Make a poster” button of a "
                 "published document or of a month's meeting statistics.")

    # --- figures ----------------------------------------------------------

    def _figure_labels(self):
        """{code: label} of the figures, in the reader's language."""
        return {
            "acknowledged": _("Acknowledged the document"),
            "read": _("Read the document"),
        }

    def _figure_list(self):
        """[{"code", "label", "value", "total", "percent"}] of the stored
        figures."""
        self.ensure_one()
        try:
            stored = json.loads(self.figures or "[]")
        except ValueError:
            stored = []
        labels = self._figure_labels()
        result = []
        for figure in stored:
            value, total = figure.get("value", 0), figure.get("total", 0)
            percent = 100.0 * value / total if total else None
            result.append(dict(figure, label=labels.get(figure.get("code"),
                                                        figure.get("code")),
                               percent=percent))
        return result

    @api.model
    def _format_percent(self, percent):
        if percent is None:
            return "–"
        return ("%.1f" % percent).rstrip("0").rstrip(".").replace(
            ".", "," if (self.env.lang or "").startswith("vi") else ".") + " %"

    def _figure_sentence(self, figure):
        return _("%(label)s: %(value)s of %(total)s (%(percent)s)") % {
            "label": figure["label"], "value": figure["value"],
            "total": figure["total"],
            "percent": self._format_percent(figure["percent"])}

    @api.depends("figures")
    def _compute_figures_text(self):
        for poster in self:
            poster.figures_text = "\n".join(
                poster._figure_sentence(figure)
                for figure in poster._figure_list())

    def _compute_figure_values(self):
        """[{"code", "value", "total"}] computed now (set-wise queries)."""
        self.ensure_one()
        if self.kind == "document" and self.document_id:
            document = self.document_id.sudo()
            document.invalidate_cache(["recipient_count", "read_count",
                                       "acknowledged_count"])
            return [
                {"code": "acknowledged", "value": document.acknowledged_count,
                 "total": document.recipient_count},
                {"code": "read", "value": document.read_count,
                 "total": document.recipient_count},
            ]
        return []

    def _store_figures(self):
        for poster in self:
            with internal_write(poster):
                poster.sudo().write({
                    "figures": json.dumps(poster._compute_figure_values()),
                    "figures_made_on": fields.Datetime.now()})

    def _figure_counts(self, figure):
        return _("%(value)s of %(total)s") % {"value": figure["value"],
                                              "total": figure["total"]}

    def _figures_date(self):
        """The day the figures were counted, in the reader's format."""
        self.ensure_one()
        return format_date(self.env, fields.Datetime.context_timestamp(
            self, fields.Datetime.from_string(self.figures_made_on)).date())

    @api.model
    def _emblem_data_uri(self):
        """The emblem, inlined: the report fetches nothing to draw it."""
        path = get_module_resource("party_handbook", "static", "src", "img",
                                   "party_emblem.png")
        with open(path, "rb") as handle:
            return "data:image/png;base64,%s" % base64.b64encode(
                handle.read()).decode("ascii")

    def _point_list(self):
        self.ensure_one()
        return [_BLANKS.sub(" ", line).strip(" •-–\t")
                for line in (self.key_points or "").splitlines()
                if line.strip(" •-–\t")]

    def _image_alt(self):
        """The image's text alternative: title and key points."""
        self.ensure_one()
        return ". ".join([self.name or ""] + self._point_list())

    def _month_label(self):
        self.ensure_one()
        if not self.month:
            return ""
        day = fields.Date.from_string(self.month)
        return _("Month %(month)s/%(year)s") % {
            "month": "%02d" % day.month, "year": day.year}

    # --- rights -----------------------------------------------------------

    def _check_manager(self):
        """Officers of the issuing committee's subtree (and above) and city
        officers manage posters; AccessError otherwise."""
        user = self.env.user
        if not user.has_group(OFFICER):
            raise AccessError(_("Only committee officers make and publish "
                                "posters."))
        self.check_access_rights("write")
        self.check_access_rule("write")
        if user.has_group(MANAGER):
            return True
        allowed = self.env["party.organization"].sudo().search([
            ("id", "child_of", user.party_organization_ids.ids)])
        for poster in self.sudo():
            if poster.organization_id not in allowed:
                raise AccessError(_(
                    "You can only make posters of the organizations you "
                    "serve."))
        return True

    # --- CRUD -------------------------------------------------------------

    @api.multi
    def write(self, vals):
        published = self.sudo().filtered(lambda p: p.state == "published")
        if published and set(vals) - FOLLOWING:
            if not is_internal(self):
                raise UserError(_("A published poster cannot be changed: make "
                                  "a new poster instead."))
        return super().write(vals)

    @api.multi
    def unlink(self):
        if self.sudo().filtered(lambda p: p.state == "published"):
            raise UserError(_("A published poster is kept: it may already "
                              "have been printed or sent."))
        return super().unlink()

    @api.multi
    def _party_attachments_frozen(self):
        return self.filtered(lambda p: p.state == "published")

    # --- making -----------------------------------------------------------

    @api.model
    def _make(self, vals):
        """Create a poster (after the caller's checks) and fill its figures;
        returns it as the current user."""
        Poster = self.sudo()
        with internal_write(Poster):
            poster = Poster.create(vals)
        poster = poster.sudo(self.env.uid)
        poster._check_manager()
        # counted as the officer: their own scope is checked once more
        poster._store_figures()
        return poster

    @api.multi
    def _set_prefilled_points(self, points):
        """The key points proposed to the officer (a draft's own field)."""
        self.ensure_one()
        self.write({"key_points": "\n".join(points)})

    @api.multi
    def _form_action(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window", "res_model": "party.poster",
            "res_id": self.id, "view_mode": "form",
            "views": [(False, "form")], "target": "current",
            "name": _("Poster"),
        }

    @api.multi
    def action_refresh_figures(self):
        self._check_manager()
        if self.filtered(lambda p: p.state != "draft"):
            raise UserError(_("The figures of a published poster stay as "
                              "they were when it was published."))
        self._store_figures()
        return True

    @api.multi
    def _check_points(self):
        for poster in self:
            points = poster._point_list()
            if not MIN_POINTS <= len(points) <= MAX_POINTS:
                raise ValidationError(_(
                    "A poster shows between %(min)s and %(max)s key points, "
                    "one a line; “%(title)s” has %(count)s.") % {
                        "min": MIN_POINTS, "max": MAX_POINTS,
                        "title": poster.name, "count": len(points)})
            long_points = [p for p in points if len(p) > MAX_POINT_LENGTH]
            if long_points:
                raise ValidationError(_(
                    "Each key point fits on a poster in at most %(max)s "
                    "characters: shorten “%(point)s”.") % {
                        "max": MAX_POINT_LENGTH,
                        "point": shorten(long_points[0], 60)})

    @api.multi
    def action_publish(self):
        """Render the PDF and the PNG, store them, freeze the poster."""
        self._check_manager()
        for poster in self:
            if poster.state != "draft":
                raise UserError(_("%s is already published.")
                                % poster.display_name)
        self._check_points()
        return self._publish()

    def _publish(self):
        """Render, store and freeze (after the caller's checks)."""
        for poster in self.sudo():
            content, kind = poster._render_pdf()
            Attachment = self.env["ir.attachment"].sudo()
            base = poster._file_name()
            if kind == "pdf":
                png_bytes = pdf_to_png(content)
                pdf = Attachment.create({
                    "name": "%s.pdf" % base, "datas_fname": "%s.pdf" % base,
                    "datas": base64.b64encode(content),
                    "mimetype": "application/pdf",
                    "res_model": "party.poster", "res_id": poster.id})
                png = Attachment.create({
                    "name": "%s.png" % base, "datas_fname": "%s.png" % base,
                    "datas": base64.b64encode(png_bytes),
                    "mimetype": "image/png",
                    "res_model": "party.poster", "res_id": poster.id})
            else:
                # Odoo under --test-enable renders reports as HTML
                pdf = Attachment.create({
                    "name": "%s.html" % base, "datas_fname": "%s.html" % base,
                    "datas": base64.b64encode(content),
                    "mimetype": "text/html",
                    "res_model": "party.poster", "res_id": poster.id})
                png = Attachment
            with internal_write(poster):
                poster.write({
                    "state": "published", "published_on": fields.Datetime.now(),
                    "published_by": self.env.uid,
                    "pdf_attachment_id": pdf.id, "png_attachment_id": png.id})
            poster.message_post(body=_("Poster published."))
        return True

    def _file_name(self):
        self.ensure_one()
        name = re.sub(r"[^\w\-]+", "-", self.name or "poster",
                      flags=re.UNICODE).strip("-")[:60]
        return "%s-%s" % (_("poster"), name or self.id)

    def _render_pdf(self):
        """(bytes, "pdf") of the poster, or (html, "html") under tests."""
        self.ensure_one()
        report = in_handbook_lang(self.env.ref(
            "party_handbook.action_report_poster").sudo())
        content, kind = report.render_qweb_pdf([self.id])
        if isinstance(content, str):
            content = content.encode("utf-8")
        return content, kind

    @api.model
    def _demo_posters(self, document_ids):
        """Demo data: a published poster of each of these documents (left a
        draft, with a warning, when the server cannot draw it now)."""
        posters = self.browse()
        for document in self.env["party.document"].browse(document_ids):
            poster = self.browse(document.action_make_poster()["res_id"])
            posters |= poster
            poster._demo_publish()
        return posters.ids

    def _demo_publish(self):
        # no savepoint: drawing the first PDF of a database commits the
        # report's stylesheets (Odoo's commit_assetsbundle); nothing is
        # written before the files are drawn
        try:
            self._check_points()
            self._publish()
        except (UserError, ValidationError, OSError) as error:
            _logger.warning("demo poster %s left a draft: %s", self.id, error)

    # --- sending ----------------------------------------------------------

    @api.multi
    def _message_holder(self):
        """The record the poster is sent from: its document, else itself."""
        self.ensure_one()
        return self.document_id or self

    @api.multi
    def action_send_message(self):
        """The mail composer on the document (or the poster) with the image
        attached."""
        self.ensure_one()
        self._check_manager()
        if self.state != "published":
            raise UserError(_("Publish the poster first: its image is made "
                              "when it is published."))
        holder = self._message_holder()
        attachments = (self.sudo().png_attachment_id
                       or self.sudo().pdf_attachment_id)
        context = {
            "default_model": holder._name, "default_res_id": holder.id,
            "default_composition_mode": "comment",
        }
        # the composer is made here with its attachment (Odoo's composer
        # does not take attachments from the context's defaults)
        composer = self.env["mail.compose.message"].with_context(
            **context).create({
                "subject": self.name,
                "body": "<p>%s</p>" % _("The poster is attached."),
                "attachment_ids": [(6, 0, attachments.ids)],
            })
        return {
            "type": "ir.actions.act_window", "res_model": "mail.compose.message",
            "res_id": composer.id, "view_mode": "form",
            "views": [(False, "form")], "target": "new",
            "name": _("Send the poster in a message"), "context": context,
        }


class PartyDocumentPoster(models.Model):
    _inherit = "party.document"

    poster_ids = fields.One2many("party.poster", "document_id",
                                 string="Posters", readonly=True)
    poster_count = fields.Integer(compute="_compute_poster_count",
                                  string="Posters")

    def _compute_poster_count(self):
        counts = {}
        if self.ids:
            for row in self.env["party.poster"].read_group(
                    [("document_id", "in", self.ids)], ["document_id"],
                    ["document_id"]):
                counts[row["document_id"][0]] = row["document_id_count"]
        for document in self:
            document.poster_count = counts.get(document.id, 0)

    @api.multi
    def action_make_poster(self):
        """One click: a draft poster of this published document, its key
        points prefilled and its figures counted."""
        self.ensure_one()
        self._check_publisher()
        if self.state not in ("published", "archived"):
            raise UserError(_("Make a poster of a document once it is "
                              "published."))
        document = self.sudo()
        poster = self.env["party.poster"]._make({
            "name": document.name, "kind": "document",
            "document_id": document.id,
            "organization_id": document.issuing_organization_id.id,
            "key_points": "\n".join(key_points_of_html(document.content)),
        })
        return poster._form_action()

    @api.multi
    def _published_posters(self):
        """The published posters of this document the user may see."""
        self.ensure_one()
        return self.env["party.poster"].search([
            ("document_id", "=", self.id), ("state", "=", "published")])


class IrAttachmentPosters(models.Model):
    _inherit = "ir.attachment"

    @api.model
    def _party_frozen_models(self):
        return super()._party_frozen_models() + ["party.poster"]
