# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Meeting statistics: one row per cell and month (a PostgreSQL view).

Every cell owes one regular meeting a month, from the month of the first
meeting recorded in the database up to the current month, while it exists
(between its founding and dissolution dates; dissolved cells keep their past
rows). A month's row also counts the meetings held (closed or with approved
minutes; cancelled and unfinished meetings are left out), their attendance,
their motions and the meetings held without the required attendance.
Meetings of a month in which a cell owed nothing (before it was founded, or
of an organization that is not a cell) still have their row, with nothing
due. Pivot views only sum: rates are left to the monthly summary PDF.
"""
from odoo import fields, models, tools

HELD_STATES = ("closed", "approved")


class PartyMeetingStatistics(models.Model):
    _name = "party.meeting.statistics"
    _description = "Meeting statistics by cell and month"
    _auto = False
    _order = "month desc, organization_id"
    _rec_name = "organization_id"

    organization_id = fields.Many2one(
        "party.organization", string="Cell", readonly=True, index=True)
    parent_id = fields.Many2one(
        "party.organization", string="Parent organization", readonly=True)
    committee_id = fields.Many2one(
        "party.organization", string="Commune/ward committee", readonly=True,
        help="The commune or ward committee the cell belongs to.")
    month = fields.Date(readonly=True)
    due = fields.Integer(
        string="Regular meetings due", readonly=True,
        help="1 for each month a cell owes its regular monthly meeting.")
    held = fields.Integer(
        string="Regular meetings held", readonly=True,
        help="1 when the cell held its regular meeting in the month (closed "
             "or minutes approved).")
    meetings = fields.Integer(
        string="Meetings held", readonly=True,
        help="Meetings of every type held in the month.")
    expected = fields.Integer(
        string="Members expected", readonly=True,
        help="Sum of the members expected at the meetings held.")
    present = fields.Integer(
        string="Members present", readonly=True,
        help="Sum of the members present at the meetings held.")
    no_quorum = fields.Integer(
        string="Meetings without quorum", readonly=True)
    motions = fields.Integer(
        string="Motions voted", readonly=True)
    motions_passed = fields.Integer(readonly=True)
    motions_rejected = fields.Integer(
        readonly=True, help="Rejected, or void for want of quorum.")

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute("""
            CREATE OR REPLACE VIEW party_meeting_statistics AS (
            WITH held AS (
                SELECT m.id, m.organization_id, m.meeting_type, m.quorum_met,
                       m.expected_count, m.present_count,
                       date_trunc('month', m.date)::date AS month
                  FROM party_meeting m
                 WHERE m.state IN %(held)s AND m.date IS NOT NULL
            ), first_month AS (
                SELECT date_trunc('month', min(date))::date AS month
                  FROM party_meeting
                 WHERE state != 'cancelled' AND date IS NOT NULL
            ), months AS (
                SELECT generate_series(
                           f.month,
                           greatest(f.month, date_trunc('month', current_date)::date),
                           interval '1 month')::date AS month
                  FROM first_month f
                 WHERE f.month IS NOT NULL
            ), due AS (
                SELECT o.id AS organization_id, months.month
                  FROM party_organization o
                  JOIN months
                    ON (o.date_start IS NULL
                        OR o.date_start < months.month + interval '1 month')
                   AND (o.date_end IS NULL OR o.date_end >= months.month)
                 WHERE o.level = 'cell' AND (o.active OR o.date_end IS NOT NULL)
            ), meetings AS (
                SELECT organization_id, month,
                       count(*) FILTER (WHERE meeting_type = 'regular') AS regular,
                       count(*) AS meetings,
                       sum(expected_count) AS expected,
                       sum(present_count) AS present,
                       count(*) FILTER (WHERE NOT quorum_met) AS no_quorum
                  FROM held GROUP BY organization_id, month
            ), motions AS (
                SELECT held.organization_id, held.month,
                       count(*) AS motions,
                       count(*) FILTER (WHERE mo.result = 'passed') AS passed,
                       count(*) FILTER (WHERE mo.result IN ('rejected', 'invalid'))
                           AS rejected
                  FROM party_meeting_motion mo
                  JOIN held ON held.id = mo.meeting_id
                 WHERE mo.state = 'closed'
                 GROUP BY held.organization_id, held.month
            ), cell_months AS (
                SELECT organization_id, month FROM due
                 UNION
                SELECT organization_id, month FROM meetings
            ), orgs AS (
                -- each organization with its commune/ward committee
                SELECT o.id, o.parent_id,
                       (SELECT c.id FROM party_organization c
                         WHERE c.level = 'commune'
                           AND c.parent_left <= o.parent_left
                           AND c.parent_right > o.parent_left
                         ORDER BY c.parent_left DESC LIMIT 1) AS committee_id
                  FROM party_organization o
                 WHERE o.id IN (SELECT organization_id FROM cell_months)
            )
            SELECT row_number() OVER (ORDER BY cm.month, cm.organization_id)::integer
                       AS id,
                   cm.organization_id, o.parent_id, o.committee_id,
                   cm.month,
                   (due.organization_id IS NOT NULL)::integer AS due,
                   (COALESCE(meetings.regular, 0) > 0)::integer AS held,
                   COALESCE(meetings.meetings, 0)::integer AS meetings,
                   COALESCE(meetings.expected, 0)::integer AS expected,
                   COALESCE(meetings.present, 0)::integer AS present,
                   COALESCE(meetings.no_quorum, 0)::integer AS no_quorum,
                   COALESCE(motions.motions, 0)::integer AS motions,
                   COALESCE(motions.passed, 0)::integer AS motions_passed,
                   COALESCE(motions.rejected, 0)::integer AS motions_rejected
              FROM cell_months cm
              JOIN orgs o ON o.id = cm.organization_id
              LEFT JOIN due ON due.organization_id = cm.organization_id
                   AND due.month = cm.month
              LEFT JOIN meetings ON meetings.organization_id = cm.organization_id
                   AND meetings.month = cm.month
              LEFT JOIN motions ON motions.organization_id = cm.organization_id
                   AND motions.month = cm.month
            )""", {"held": HELD_STATES})
