# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Beside each rating score: the meetings the member attended of those
they were due to attend in the period (closed meetings only), counted for
the whole list in one grouped query."""
from odoo import _, fields, models

# attendance lines that do not count as "due": the member was exempted or
# attached to another cell for the meeting
NOT_DUE = ("exempted", "attached_elsewhere")


class PartyMemberRatingMeetings(models.Model):
    _inherit = "party.member.rating"

    evidence_meetings_due = fields.Integer(
        string="Meetings due", compute="_compute_evidence",
        help="Closed meetings of the period the member was expected at.")
    evidence_meetings_attended = fields.Integer(
        string="Meetings attended", compute="_compute_evidence",
        help="Of the meetings due, those the member was present at.")

    def _evidence_data(self):
        data = super()._evidence_data()
        ids = tuple(data)
        if not ids:
            return data
        self.env.cr.execute("""
            SELECT r.id,
                   count(a.id) FILTER (WHERE a.state NOT IN %s),
                   count(a.id) FILTER (WHERE a.state = 'present')
              FROM party_member_rating r
              JOIN party_member_rating_period p ON p.id = r.period_id
              JOIN party_meeting_attendance a ON a.member_id = r.member_id
              JOIN party_meeting m ON m.id = a.meeting_id
                   AND m.state IN ('closed', 'approved')
                   AND m.date_start >= p.date_from
                   AND m.date_start < p.date_to + 1
             WHERE r.id IN %s
             GROUP BY r.id""", (NOT_DUE, ids))
        for rating_id, due, attended in self.env.cr.fetchall():
            data[rating_id].update(evidence_meetings_due=due,
                                   evidence_meetings_attended=attended)
        return data

    def _evidence_texts(self, values):
        due = values.get("evidence_meetings_due", 0)
        return [_("meetings attended: %(attended)s of %(due)s") % {
            "attended": values.get("evidence_meetings_attended", 0),
            "due": due} if due else _("no meeting due"),
        ] + super()._evidence_texts(values)
