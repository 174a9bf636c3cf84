# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What the product already knows of a member for a rating's period, shown
beside the scores as suggestions (never as the score: Quy định 366-QĐ/TW
weighs measurable results, the cell judges them).

Computed for a whole list at once: one grouped query per source over the
ratings shown, never one per row. party_handbook_meetings adds the
meetings attended."""
from odoo import _, api, fields, models


class PartyMemberRatingEvidence(models.Model):
    _inherit = "party.member.rating"

    evidence_documents_received = fields.Integer(
        string="Documents received", compute="_compute_evidence",
        help="Documents sent to the member and dated in the period.")
    evidence_documents_on_time = fields.Integer(
        string="Acknowledged on time", compute="_compute_evidence",
        help="Of the documents received, those the member acknowledged by "
             "their deadline (or by the end of the period).")
    evidence_feedback_count = fields.Integer(
        string="Feedback given", compute="_compute_evidence",
        help="Opinions, proposals and questions the member sent on documents "
             "during the period.")
    evidence_summary = fields.Char(
        string="Suggestions from the data", compute="_compute_evidence",
        help="What the product recorded in the period: a help to judge, "
             "not the score.")

    def _evidence_data(self):
        """{rating id: {name: value}} for the ratings of ``self`` (one
        grouped query per source)."""
        ids = tuple(i for i in self.ids if isinstance(i, int))
        data = {i: {} for i in ids}
        if not ids:
            return data
        cr = self.env.cr
        cr.execute("""
            SELECT r.id, count(rc.id),
                   count(rc.id) FILTER (
                       WHERE rc.state = 'acknowledged'
                         AND rc.acknowledged_on::date
                             <= coalesce(d.deadline, p.date_to))
              FROM party_member_rating r
              JOIN party_member_rating_period p ON p.id = r.period_id
              JOIN party_document_receipt rc ON rc.member_id = r.member_id
              JOIN party_document d ON d.id = rc.document_id
                   AND d.state != 'draft'
                   AND d.date BETWEEN p.date_from AND p.date_to
             WHERE r.id IN %s
             GROUP BY r.id""", (ids,))
        for rating_id, received, on_time in cr.fetchall():
            data[rating_id].update(evidence_documents_received=received,
                                   evidence_documents_on_time=on_time)
        cr.execute("""
            SELECT r.id, count(f.id)
              FROM party_member_rating r
              JOIN party_member_rating_period p ON p.id = r.period_id
              JOIN party_document_feedback f ON f.member_id = r.member_id
                   AND f.create_date >= p.date_from
                   AND f.create_date < p.date_to + 1
             WHERE r.id IN %s
             GROUP BY r.id""", (ids,))
        for rating_id, count in cr.fetchall():
            data[rating_id]["evidence_feedback_count"] = count
        return data

    def _evidence_texts(self, values):
        """The suggestions of one rating, in reading order."""
        received = values.get("evidence_documents_received", 0)
        return [
            _("documents acknowledged on time: %(on_time)s of %(received)s") % {
                "on_time": values.get("evidence_documents_on_time", 0),
                "received": received} if received
            else _("no document received"),
            _("feedback given: %s") % values.get("evidence_feedback_count", 0),
        ]

    @api.depends("period_id", "member_id")
    def _compute_evidence(self):
        data = self._evidence_data()
        for rating in self:
            values = data.get(rating.id, {})
            for name in self._evidence_fields():
                rating[name] = values.get(name, 0)
            rating.evidence_summary = "; ".join(rating._evidence_texts(values))

    @api.model
    def _evidence_fields(self):
        return [name for name, field in self._fields.items()
                if name.startswith("evidence_") and field.type == "integer"]
