# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What members said about a document: the feedback grouped into themes
(party_handbook/library/themes.py), edited, signed off and published by
the issuing committee's officer.

A summary is made by the document's action "Tổng hợp ý kiến", as the
officer: only the feedback that officer may read is grouped. It is a
draft (the officer edits the labels, the summary of each theme and the
overall summary, and may delete a theme), then signed (by whom, when:
nothing changes any more), then published. Each step is checked in the
model (state, group, record rules of the issuer's subtree), whatever the
caller sends in the context.

What the recipients of the document see in the portal, once published
(:meth:`PartyDocumentFeedbackSummary._portal_values`): the overall summary,
each theme's label, count and summary, as the officer wrote them; never a
member's name nor an organization (a cell of three members would tell who
wrote what). The quotations of a theme are shown only when the feedback
itself was published by the issuer (``party.document.feedback.published``,
already readable by every recipient), and then only its words.
"""
from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

from ..library.themes import find_themes
# pylint: disable=missing-import-error
from .party_integrity import internal_write, is_internal

OFFICER = "party_handbook.group_party_handbook_officer"
MANAGER = "party_handbook.group_party_handbook_manager"


class PartyDocumentFeedbackSummary(models.Model):
    _name = "party.document.feedback.summary"
    _description = "Summary of the feedback on a document"
    _inherit = ["party.integrity.mixin", "party.audited.thread"]
    _order = "create_date desc, id desc"
    _protected_fields = (
        "document_id", "issuing_organization_id", "state", "feedback_count",
        "signed_by", "signed_on", "published_by", "published_on")

    name = fields.Char(compute="_compute_name")
    document_id = fields.Many2one(
        "party.document", required=True, index=True, ondelete="cascade",
        readonly=True)
    issuing_organization_id = fields.Many2one(
        "party.organization", required=True, index=True, readonly=True,
        ondelete="restrict",
        help="Stored from the document, for the issuer's record rules.")
    state = fields.Selection([
        ("draft", "Draft"), ("signed", "Signed off"), ("published", "Published"),
    ], string="Status", default="draft", required=True, readonly=True,
        index=True, copy=False, track_visibility="onchange")
    summary = fields.Text(
        string="Overall summary",
        help="What the committee retains from the feedback, in its own words: "
             "published to the recipients of the document.")
    feedback_count = fields.Integer(
        string="Feedback grouped", readonly=True,
        help="The feedback read when the summary was made.")
    theme_ids = fields.One2many(
        "party.document.feedback.theme", "summary_id", string="Themes")
    signed_by = fields.Many2one("res.users", readonly=True, copy=False,
                                track_visibility="onchange")
    signed_on = fields.Datetime(readonly=True, copy=False)
    published_by = fields.Many2one("res.users", readonly=True, copy=False)
    published_on = fields.Datetime(readonly=True, copy=False)

    @api.depends("document_id")
    def _compute_name(self):
        for summary in self:
            summary.name = _("Summary of the feedback: %s") % (
                summary.document_id.sudo().display_name or "")

    def _create_refusal(self):
        return _("A summary is made from the document's feedback: use the "
                 "button \"Summary of the feedback\" on the document.")

    def _unlink_refusal(self):
        if self.filtered(lambda s: s.state != "draft"):
            return _("A signed summary is kept.")
        return ""

    @api.multi
    def write(self, vals):
        # the chatter's own bookkeeping is not the summary
        if set(vals) - {"message_last_post"} and not is_internal(self) and \
                self.filtered(lambda s: s.state != "draft"):
            raise UserError(_("A signed summary cannot be changed."))
        return super().write(vals)

    @api.multi
    def unlink(self):
        if self.filtered(lambda s: s.state != "draft"):
            self.check_access_rights("unlink")
            raise UserError(_("A signed summary is kept."))
        self._check_issuer()
        themes = self.mapped("theme_ids")
        with internal_write(themes):
            themes.unlink()
        return super().unlink()

    # --- checks -----------------------------------------------------------

    def _check_issuer(self):
        """The caller is an officer of the issuing committee (or above) of
        every summary: group, record rule, and the issuer in the subtree the
        user serves."""
        self._check_officer_of(self.mapped("issuing_organization_id"))
        self.check_access_rights("write")
        self.check_access_rule("write")

    @api.model
    def _check_officer_of(self, organizations):
        """The caller is an officer serving ``organizations`` (the issuing
        committees), or a city officer."""
        user = self.env.user
        refusal = AccessError(_(
            "Only officers of the issuing committee summarize the feedback."))
        if not user.has_group(OFFICER):
            raise refusal
        if user.has_group(MANAGER):
            return
        served = self.env["party.organization"].sudo().search([
            ("id", "child_of", user.party_organization_ids.ids)]) \
            if user.party_organization_ids else self.env["party.organization"]
        if organizations - served:
            raise refusal

    # --- actions ----------------------------------------------------------

    @api.multi
    def action_sign(self):
        self._check_issuer()
        for summary in self:
            if summary.state != "draft":
                raise UserError(_("This summary is already signed."))
            if not (summary.summary or "").strip():
                raise UserError(_(
                    "Write the overall summary before signing it off."))
            if summary.theme_ids.filtered(lambda t: not (t.label or "").strip()):
                raise UserError(_("Every theme needs a label."))
        with internal_write(self):
            self.write({"state": "signed", "signed_by": self.env.uid,
                        "signed_on": fields.Datetime.now()})
        return True

    @api.multi
    def action_publish(self):
        self._check_issuer()
        for summary in self:
            if summary.state != "signed":
                raise UserError(_(
                    "A summary is published once it has been signed off."))
        with internal_write(self):
            self.write({"state": "published", "published_by": self.env.uid,
                        "published_on": fields.Datetime.now()})
        self.message_post(body=_("Published to the recipients of the document."))
        return True

    @api.multi
    def action_open_feedback(self):
        """The feedback grouped in this summary, as the user may read them."""
        self.ensure_one()
        action = self.env.ref(
            "party_handbook.party_document_feedback_action").read()[0]
        action["domain"] = [("id", "in", self.mapped("theme_ids.feedback_ids").ids)]
        return action

    @api.model
    def _demo_feedback(self, document_id, bodies):
        """Demo data: ``bodies`` given as feedback on the document by its
        recipients in turn (members with a receipt), as opinions."""
        document = self.env["party.document"].sudo().browse(document_id)
        receipts = document.receipt_ids.sorted("id")
        if not receipts:
            return
        Feedback = self.env["party.document.feedback"].sudo()
        with internal_write(Feedback):
            for index, body in enumerate(bodies):
                Feedback.create({
                    "document_id": document.id, "kind": "opinion",
                    "member_id": receipts[index % len(receipts)].member_id.id,
                    "body": body})

    # --- the portal -------------------------------------------------------

    @api.model
    def _portal_values(self, document):
        """What a recipient of ``document`` sees of its latest published
        summary (the caller checked the receipt), or None: the committee's
        texts, the labels and counts of the themes, and the words of the
        quotations that the issuer published as feedback; no name, no
        organization."""
        summary = self.sudo().search([
            ("document_id", "=", document.id), ("state", "=", "published")],
            order="published_on desc, id desc", limit=1)
        if not summary:
            return None
        return {
            "summary": summary.summary or "",
            "published_on": summary.published_on,
            "feedback_count": summary.feedback_count,
            "themes": [{
                "label": theme.label,
                "count": theme.feedback_count,
                "summary": theme.summary or "",
                "quotes": [quote.body for quote in theme.quote_ids
                           if quote.published],
            } for theme in summary.theme_ids],
        }

    # --- making a summary -------------------------------------------------

    @api.model
    def _create_for_document(self, document):
        """A draft summary of the feedback on ``document`` that the current
        user may read (record rules applied by the search), grouped into
        themes. The bodies are read in one query after the ORM's filter;
        the theme lines and their feedback links are written set-wise."""
        document.ensure_one()
        feedback_ids = self.env["party.document.feedback"].search(
            [("document_id", "=", document.id)], order="id").ids
        rows = []
        if feedback_ids:
            self.env.cr.execute("""
                SELECT f.id, f.body, f.organization_id
                  FROM party_document_feedback f
                 WHERE f.id IN %s ORDER BY f.id""", (tuple(feedback_ids),))
            rows = self.env.cr.fetchall()
        themes = find_themes(rows)
        org_ids = {org for theme in themes for org in theme["organizations"]}
        names = dict(self.env["party.organization"].sudo().browse(
            sorted(org_ids)).mapped(lambda o: (o.id, o.name))) if org_ids else {}
        with internal_write(self):
            summary = self.create({
                "document_id": document.id,
                "issuing_organization_id": document.issuing_organization_id.id,
                "feedback_count": len(rows),
            })
        Theme = self.env["party.document.feedback.theme"]
        lines = []
        with internal_write(Theme):
            for sequence, theme in enumerate(themes, 1):
                organizations = theme["organizations"].most_common()
                lines.append(Theme.create({
                    "summary_id": summary.id, "sequence": sequence,
                    "label": theme["label"] or (
                        _("Other feedback") if theme["other"] else
                        _("Theme %s") % sequence),
                    "terms": theme["label"],
                    "feedback_count": theme["count"],
                    "quote_ids": [(6, 0, theme["quote_ids"])],
                    "organization_ids": [(6, 0, [o for o, _n in organizations])],
                    "organizations_text": ", ".join(
                        "%s (%s)" % (names.get(org, "?"), count)
                        for org, count in organizations),
                }))
        # every feedback of each theme, in one INSERT
        pairs = [(line.id, feedback_id)
                 for line, theme in zip(lines, themes)
                 for feedback_id in theme["ids"]]
        if pairs:
            self.env.cr.execute("""
                INSERT INTO party_document_feedback_theme_rel
                    (theme_id, feedback_id)
                SELECT * FROM unnest(%s::int[], %s::int[])""", (
                    [p[0] for p in pairs], [p[1] for p in pairs]))
            Theme.invalidate_cache(["feedback_ids"])
        return summary


class PartyDocumentFeedbackTheme(models.Model):
    """One theme of a summary: its label and summary (the officer's words
    while the summary is a draft), how many feedback, which quotations and
    organizations."""

    _name = "party.document.feedback.theme"
    _description = "Theme of the feedback on a document"
    _inherit = ["party.integrity.mixin"]
    _order = "summary_id, sequence, id"
    _protected_fields = (
        "summary_id", "feedback_count", "feedback_ids", "quote_ids",
        "organization_ids", "organizations_text", "terms")

    summary_id = fields.Many2one(
        "party.document.feedback.summary", string="Summary of the feedback",
        required=True, index=True,
        ondelete="cascade", readonly=True)
    state = fields.Selection(related="summary_id.state", readonly=True)
    sequence = fields.Integer(default=10)
    label = fields.Char(string="Name of the theme", required=True)
    terms = fields.Char(
        string="Members' words", readonly=True,
        help="The words found for this theme, as members wrote them.")
    summary = fields.Text(help="What members said on this theme, in the "
                               "committee's words.")
    feedback_count = fields.Integer(string="Feedback", readonly=True)
    feedback_ids = fields.Many2many(
        "party.document.feedback", "party_document_feedback_theme_rel",
        "theme_id", "feedback_id", string="Feedback of the theme",
        readonly=True)
    quote_ids = fields.Many2many(
        "party.document.feedback", "party_document_feedback_theme_quote_rel",
        "theme_id", "feedback_id", string="Quotations", readonly=True,
        help="The feedback closest to the centre of the theme.")
    organization_ids = fields.Many2many(
        "party.organization", string="Organizations of the theme",
        readonly=True)
    organizations_text = fields.Text(
        string="Organizations", readonly=True,
        help="The organizations of the members who wrote, with their count.")

    def _create_refusal(self):
        return _("Themes are found by the summary of the feedback.")

    def _check_draft(self):
        if not is_internal(self) and self.filtered(
                lambda t: t.summary_id.state != "draft"):
            raise UserError(_("A signed summary cannot be changed."))

    @api.multi
    def write(self, vals):
        self._check_draft()
        return super().write(vals)

    @api.multi
    def unlink(self):
        self._check_draft()
        if not is_internal(self):
            self.mapped("summary_id")._check_issuer()
        return super().unlink()

    @api.multi
    def action_open_feedback(self):
        self.ensure_one()
        action = self.env.ref(
            "party_handbook.party_document_feedback_action").read()[0]
        action["domain"] = [("id", "in", self.feedback_ids.ids)]
        action["name"] = self.label
        return action
