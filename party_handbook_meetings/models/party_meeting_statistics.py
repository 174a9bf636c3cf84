# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Meeting statistics: one row per cell and month (a PostgreSQL view).

Every cell owes one regular meeting a month, from the month of the first
meeting recorded in the database up to the current month (the database's
clock, in the city's time zone like the meetings' days), while it exists
(between its founding and dissolution dates; dissolved cells keep their past
rows). A month's row also counts the meetings held (closed or with approved
minutes; cancelled and unfinished meetings are left out), their attendance,
their motions and the meetings held without the required attendance.
Meetings of a month in which a cell owed nothing (before it was founded, or
of an organization that is not a cell) still have their row, with nothing
due. Pivot views only sum: rates are left to the monthly summary PDF.
"""
from psycopg2.extensions import AsIs

from odoo import fields, models, tools

from odoo.addons.party_handbook.models.party_city import CITY_TZ

HELD_STATES = ("closed", "approved")  # written as such in the view and its index
# the first day of a meeting's month: immutable (a date cast to a timestamp
# without time zone), so that an index can hold it
MONTH_SQL = "date_trunc('month', (%s)::timestamp)::date"


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
    motions_passed = fields.Integer(string="Passed motions", readonly=True)
    motions_rejected = fields.Integer(
        string="Rejected motions", readonly=True,
        help="Rejected, or void for want of quorum.")

    def init(self):
        # One aggregate over the months due, the meetings held and their
        # motions, grouped by cell and month. No window function and no
        # UNION: filters on the cell or the month reach the tables' indexes.
        # The month of a meeting is an immutable expression of its day
        # (MONTH_SQL), indexed for the meetings held (and with statistics of
        # its own): a filter on the month is an index range. The commune or
        # ward of each row's organization is found by primary-key joins up
        # its parents, not by comparing every row with every commune's
        # nested-set interval (after the stored commune_id of organizations,
        # it is that column). The planner's estimates stay close to the
        # rows (no JIT compilation of a pivot's query).
        # The current month is the city's: current_date is the database
        # server's day (often UTC, 7 hours behind Hue at the turn of a month).
        cr = self.env.cr
        cr.execute("""
            CREATE INDEX IF NOT EXISTS party_meeting_held_month_index
                ON party_meeting ((date_trunc('month', (date)::timestamp)::date),
                                  organization_id)
             WHERE state IN ('closed', 'approved')""")
        if cr._cnx.server_version >= 140000:
            # the planner's estimates of a month filter (PostgreSQL 14+)
            cr.execute("""
                CREATE STATISTICS IF NOT EXISTS party_meeting_month_stats
                    ON (date_trunc('month', (date)::timestamp)::date)
                  FROM party_meeting""")
        tools.drop_view_if_exists(cr, self._table)
        # the months due: from the month of the first meeting recorded to
        # the current one (a function, so that the planner counts a few
        # dozen rows, not a thousand: no JIT compilation for the pivots)
        cr.execute("""
            CREATE OR REPLACE FUNCTION party_meeting_statistics_months()
            RETURNS SETOF date LANGUAGE plpgsql STABLE ROWS 36 AS $$
            BEGIN
                RETURN QUERY
                SELECT generate_series(
                           f.month,
                           greatest(f.month, date_trunc('month', now() AT TIME ZONE
                               COALESCE((SELECT value FROM ir_config_parameter
                                          WHERE key = 'party_handbook.timezone'),
                                        %(tz)s))::date),
                           interval '1 month')::date
                  FROM (SELECT %(month_min)s AS month
                          FROM party_meeting
                         WHERE state != 'cancelled') f
                 WHERE f.month IS NOT NULL;
            END $$""", {"tz": CITY_TZ, "month_min": AsIs(MONTH_SQL % "min(date)")})
        cr.execute("""
            CREATE OR REPLACE VIEW party_meeting_statistics AS (
            WITH months AS (
                SELECT month FROM party_meeting_statistics_months() month
            ), facts AS (
                -- the regular meeting each cell owes each month
                SELECT o.id AS organization_id, months.month, 1 AS due,
                       0 AS regular, 0 AS meetings, 0 AS expected, 0 AS present,
                       0 AS no_quorum, 0 AS motions, 0 AS passed, 0 AS rejected
                  FROM party_organization o
                  JOIN months
                    ON (o.date_start IS NULL
                        OR o.date_start < months.month + interval '1 month')
                   AND (o.date_end IS NULL OR o.date_end >= months.month)
                 WHERE o.level = 'cell' AND (o.active OR o.date_end IS NOT NULL)
                UNION ALL
                -- the meetings held
                SELECT m.organization_id, %(month_m)s, 0,
                       (m.meeting_type = 'regular')::integer, 1,
                       COALESCE(m.expected_count, 0), COALESCE(m.present_count, 0),
                       (NOT COALESCE(m.quorum_met, FALSE))::integer, 0, 0, 0
                  FROM party_meeting m
                 WHERE m.state IN ('closed', 'approved') AND m.date IS NOT NULL
                UNION ALL
                -- the motions voted at them
                SELECT m.organization_id, %(month_m)s, 0, 0,
                       0, 0, 0, 0, 1, (mo.result = 'passed')::integer,
                       (mo.result IN ('rejected', 'invalid'))::integer
                  FROM party_meeting_motion mo
                  JOIN party_meeting m ON m.id = mo.meeting_id
                 WHERE mo.state = 'closed' AND m.state IN ('closed', 'approved')
                   AND m.date IS NOT NULL
            ), cell_months AS (
                SELECT organization_id, month, max(due) AS due,
                       least(sum(regular), 1) AS held, sum(meetings) AS meetings,
                       sum(expected) AS expected, sum(present) AS present,
                       sum(no_quorum) AS no_quorum, sum(motions) AS motions,
                       sum(passed) AS motions_passed,
                       sum(rejected) AS motions_rejected
                  FROM facts
                 GROUP BY organization_id, month
            )
            SELECT cm.organization_id::bigint * 100000
                       + extract(year FROM cm.month)::integer * 12
                       + extract(month FROM cm.month)::integer AS id,
                   cm.organization_id, o.parent_id,
                   o.commune_id AS committee_id,
                   cm.month, cm.due::integer, cm.held::integer,
                   cm.meetings::integer, cm.expected::integer,
                   cm.present::integer, cm.no_quorum::integer,
                   cm.motions::integer, cm.motions_passed::integer,
                   cm.motions_rejected::integer
              FROM cell_months cm
              JOIN party_organization o ON o.id = cm.organization_id
              -- the commune or ward above the cell: stored on the
              -- organization, kept by party_handbook's tree statement
            )""", {"month_m": AsIs(MONTH_SQL % "m.date")})
