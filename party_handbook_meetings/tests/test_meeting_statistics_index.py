# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The meeting statistics view at scale (issue #13): its month filter is an
index range, the commune is found through the tree, and the rows and filters
stay those of the Statistics menu."""
from dateutil.relativedelta import relativedelta

from odoo import fields

from .report_common import MeetingReportCase


class TestMeetingStatisticsIndex(MeetingReportCase):

    def statistics(self, user=None):
        Statistics = self.env["party.meeting.statistics"]
        Statistics.invalidate_cache()
        return Statistics.sudo(user) if user else Statistics

    def month_text(self, months=0):
        return fields.Date.to_string(self.month + relativedelta(months=months))

    def test_month_filters_and_pivot_by_commune_and_month(self):
        period = [("month", ">=", self.month_text()),
                  ("month", "<", self.month_text(1)),
                  ("committee_id", "in", (self.commune_a | self.commune_b).ids)]
        groups = self.statistics().read_group(
            period, ["committee_id", "month", "due", "held", "meetings",
                     "present", "expected", "motions", "motions_passed"],
            ["committee_id", "month:month"], lazy=False)
        sums = {(g["committee_id"][0], g["month:month"]):
                (g["due"], g["held"], g["meetings"], g["present"], g["expected"],
                 g["motions"], g["motions_passed"]) for g in groups}
        self.assertEqual(len(sums), 2)
        by_commune = {key[0]: value for key, value in sums.items()}
        self.assertEqual(by_commune, {
            self.commune_a.id: (2, 1, 2, 8, 9, 3, 2),
            self.commune_b.id: (1, 1, 1, 1, 3, 1, 0)})
        # the month before: nothing held, one row per cell due (or none
        # before the first meeting recorded)
        rows = self.statistics().search([
            ("month", "=", self.month_text(-1)),
            ("organization_id", "in", (self.cell_a1 | self.cell_b1).ids)])
        self.assertFalse(any(rows.mapped("held")))

    def test_commune_of_cells_deeper_in_the_tree(self):
        Organization = self.env["party.organization"]
        grassroots = Organization.create({
            "name": "Grassroots A", "code": "TC-A-G", "level": "grassroots",
            "parent_id": self.commune_a.id})
        deep = Organization.create({
            "name": "Cell under grassroots", "code": "TC-A-G-1", "level": "cell",
            "parent_id": grassroots.id})
        alone = Organization.create({
            "name": "Cell of the city", "code": "TC-X", "level": "cell",
            "parent_id": self.city.id})
        rows = self.statistics().search([
            ("organization_id", "in", (deep | alone | self.cell_b1).ids),
            ("month", "=", self.month_text())])
        self.assertEqual({row.organization_id: (row.committee_id, row.parent_id)
                          for row in rows}, {
            deep: (self.commune_a, grassroots),
            alone: (Organization, self.city),
            self.cell_b1: (self.commune_b, self.commune_b)})
        # the commune officer of A sees the deep cell's row, not B1's
        rows = self.statistics(self.officer_user).search([
            ("month", "=", self.month_text())])
        self.assertIn(deep, rows.mapped("organization_id"))
        self.assertNotIn(self.cell_b1, rows.mapped("organization_id"))

    def test_filters_by_month_and_by_cell_reach_the_indexes(self):
        self.env.cr.execute("SET LOCAL enable_seqscan = off")
        self.env.cr.execute("""
            EXPLAIN SELECT organization_id, sum(held)
              FROM party_meeting_statistics
             WHERE month >= %s AND month < %s GROUP BY 1""",
                            (self.month_text(), self.month_text(1)))
        plan = "\n".join(row[0] for row in self.env.cr.fetchall())
        self.assertIn("party_meeting_held_month_index", plan)
        # the view's meetings are read once per branch, never per commune
        self.assertNotIn("parent_left", plan)
        self.env.cr.execute("SET LOCAL enable_seqscan = on")

    def test_statistics_of_a_commune_officer_by_cell_and_month(self):
        groups = self.statistics(self.officer_user).read_group(
            [("month", ">=", self.month_text()), ("month", "<", self.month_text(1))],
            ["organization_id", "month", "due", "held", "present"],
            ["organization_id", "month:month"], lazy=False)
        self.assertEqual(
            {g["organization_id"][0]: (g["due"], g["held"], g["present"])
             for g in groups},
            {self.cell_a1.id: (1, 1, 8), self.cell_a2.id: (1, 0, 0)})
