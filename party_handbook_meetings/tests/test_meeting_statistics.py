# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tools import mute_logger

from .report_common import MeetingReportCase

MEASURES = ("due", "held", "meetings", "expected", "present", "no_quorum",
            "motions", "motions_passed", "motions_rejected")


class TestMeetingStatistics(MeetingReportCase):

    def _rows(self, user=None, month=None):
        Statistics = self.env["party.meeting.statistics"]
        # a view: rows read earlier in the test may have changed since
        Statistics.invalidate_cache()
        if user:
            Statistics = Statistics.sudo(user)
        # "in", not child_of: child_of leaves archived organizations out
        cells = self.cell_a1 | self.cell_a2 | self.cell_b1
        rows = Statistics.search([
            ("organization_id", "in", cells.ids),
            ("month", "=", fields.Date.to_string(month or self.month))])
        return {row.organization_id: tuple(row[m] for m in MEASURES)
                for row in rows}

    def test_one_row_per_cell_and_month(self):
        rows = self._rows()
        self.assertEqual(rows, {
            # due, held, meetings, expected, present, no quorum, motions,
            # passed, rejected (or void)
            self.cell_a1: (1, 1, 2, 9, 8, 0, 3, 2, 1),
            self.cell_a2: (1, 0, 0, 0, 0, 0, 0, 0, 0),
            self.cell_b1: (1, 1, 1, 3, 1, 1, 1, 0, 1),
        })
        row = self.env["party.meeting.statistics"].search([
            ("organization_id", "=", self.cell_a1.id),
            ("month", "=", fields.Date.to_string(self.month))])
        self.assertEqual((row.parent_id, row.committee_id),
                         (self.commune_a, self.commune_a))

    def db_month(self):
        """The current month as the view sees it: the database's clock in
        the city's time zone (the Odoo processes' clock may differ: a test
        run with PH_FAKE_DATE moves theirs only)."""
        self.env.cr.execute(
            "SELECT date_trunc('month', now() AT TIME ZONE %s)::date",
            [self.env["party.meeting"]._city_tz()])
        return fields.Date.from_string(str(self.env.cr.fetchone()[0]))

    def test_cells_owe_a_meeting_every_month_until_now(self):
        now = self.db_month()
        # the months begin with the first meeting recorded: one of now at least
        self.env["party.meeting"].create({
            "name": "Sinh hoạt chi bộ", "organization_id": self.cell_a2.id,
            "date_start": "%s 05:00:00" % fields.Date.to_string(now)})
        rows = self._rows(month=now)
        self.assertEqual(set(rows), {self.cell_a1, self.cell_a2, self.cell_b1})
        # (what was held depends on the clocks: the fixtures' month is the
        # Odoo processes' last month, which may be the database's this month)
        self.assertEqual({row[0] for row in rows.values()}, {1})
        # nothing is due before a cell is founded, nor after it is dissolved
        this_month = self.month + relativedelta(months=1)
        self.cell_a2.write({"date_start": fields.Date.to_string(this_month)})
        self.cell_b1.write({"date_end": fields.Date.to_string(
            self.month - relativedelta(days=1)), "active": False})
        rows = self._rows()
        self.assertNotIn(self.cell_a2, rows)
        # B1's meeting still counts, but nothing was due from it
        self.assertEqual(rows[self.cell_b1][:3], (0, 1, 1))

    def test_read_group_sums_for_the_pivot(self):
        groups = self.env["party.meeting.statistics"].read_group(
            [("committee_id", "in", (self.commune_a | self.commune_b).ids),
             ("month", "=", fields.Date.to_string(self.month))],
            ["committee_id", "due", "held", "present", "expected"],
            ["committee_id"])
        sums = {g["committee_id"][0]: (g["due"], g["held"], g["present"], g["expected"])
                for g in groups}
        self.assertEqual(sums, {self.commune_a.id: (2, 1, 8, 9),
                                self.commune_b.id: (1, 1, 1, 3)})

    def test_rules_give_each_officer_their_subtree(self):
        self.assertEqual(set(self._rows(self.officer_user)),
                         {self.cell_a1, self.cell_a2})
        # the supervisor follows A2 and B1: nothing of A1's
        self.assertEqual(set(self._rows(self.supervisor_user)),
                         {self.cell_a2, self.cell_b1})
        self.assertEqual(set(self._rows(self.manager_user)),
                         {self.cell_a1, self.cell_a2, self.cell_b1})
        other = self.create_user("supervisor", [self.commune_b],
                                 login="ph_other_supervisor")
        self.assertEqual(set(self._rows(other)), {self.cell_b1})

    @mute_logger("odoo.addons.base.ir.ir_model", "odoo.models")
    def test_members_and_cell_secretaries_see_no_statistics(self):
        for user in (self.member_user, self.secretary_user):
            with self.assertRaises(AccessError):
                self._rows(user)

    def test_menu_for_supervisors_and_officers(self):
        menu = self.env.ref(
            "party_handbook_meetings.party_meeting_menu_statistics_root")
        self.assertEqual(menu.groups_id, self.env.ref(
            "party_handbook.group_party_handbook_supervisor") | self.env.ref(
                "party_handbook.group_party_handbook_officer"))


class TestMonthlySummary(MeetingReportCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.report = cls.env.ref(
            "party_handbook_meetings.action_report_meeting_monthly_summary")

    def _wizard(self, user, organization):
        return self.env["party.meeting.monthly.summary"].sudo(user).create({
            "organization_id": organization.id,
            "month": str(self.month.month), "year": self.month.year})

    def test_defaults_to_last_month_and_own_committee(self):
        wizard = self.env["party.meeting.monthly.summary"].sudo(
            self.officer_user).create({})
        # last month in the city's calendar, whatever the hour in UTC
        last = fields.Date.from_string(fields.Date.context_today(
            wizard.with_context(tz="Asia/Ho_Chi_Minh"))) - relativedelta(months=1)
        self.assertEqual((wizard.month, wizard.year), (str(last.month), last.year))
        self.assertEqual(wizard.organization_id, self.commune_a)

    def test_rows_and_totals(self):
        summary = self._wizard(self.officer_user, self.commune_a)._summary()
        rows = summary["rows"]
        self.assertEqual([row["organization"] for row in rows],
                         [self.cell_a1, self.cell_a2])
        a1, a2 = rows
        self.assertEqual(
            (a1["held"], a1["present"], a1["expected"], a1["quorum_met"],
             a1["other_meetings"], a1["passed"], a1["rejected"], a1["invalid"]),
            (True, 4, 5, True, 1, 2, 1, 0))
        self.assertAlmostEqual(a1["rate"], 80.0)
        self.assertFalse(a2["held"])
        self.assertIsNone(a2["rate"])
        totals = summary["totals"]
        self.assertEqual((totals["due"], totals["held"], totals["present"],
                          totals["expected"]), (2, 1, 4, 5))
        self.assertAlmostEqual(totals["held_rate"], 50.0)

    def test_city_summary_counts_void_votes_and_missing_quorum(self):
        totals = self._wizard(self.manager_user, self.city)._summary()["totals"]
        self.assertEqual(
            (totals["due"], totals["held"], totals["present"], totals["expected"],
             totals["no_quorum"], totals["passed"], totals["rejected"],
             totals["invalid"]),
            (3, 2, 5, 8, 1, 2, 1, 1))
        self.assertAlmostEqual(totals["rate"], 62.5)

    def test_pdf_content(self):
        wizard = self._wizard(self.officer_user, self.commune_a)
        action = wizard.action_print()
        self.assertEqual(action["report_name"],
                         "party_handbook_meetings.report_monthly_summary")
        html = self.report.sudo(self.officer_user).render_qweb_html(
            wizard.ids)[0].decode()
        for text in ("COMMUNIST PARTY OF VIETNAM", "SUMMARY OF CELL MEETINGS",
                     "Month %02d/%s" % (self.month.month, self.month.year),
                     "Cell A1", "Cell A2", "4 / 5", "80.0 %", "Not held",
                     "Total: 1 held of 2 due", "50.0 %"):
            self.assertIn(text, html)
        self.assertNotIn("Cell B1", html)
        self.assertLess(html.index("Cell A1"), html.index("Cell A2"))

    def test_supervisor_summarises_the_cells_they_follow(self):
        rows = self._wizard(self.supervisor_user, self.cell_b1)._summary()["rows"]
        self.assertEqual([(row["organization"], row["held"], row["quorum_met"])
                          for row in rows], [(self.cell_b1, True, False)])

    def test_access_is_refused_outside_the_assigned_subtree(self):
        for user, organization in (
                (self.officer_user, self.commune_b),
                (self.officer_user, self.city),
                (self.supervisor_user, self.commune_b),
                (self.supervisor_user, self.cell_a1),
                (self.secretary_user, self.cell_a1),  # cell secretaries: no
                (self.member_user, self.cell_a1)):
            wizard = self._wizard(user, organization)
            with self.assertRaises(UserError):
                wizard._summary()
            with self.assertRaises(UserError):
                wizard.action_print()
            with self.assertRaises(UserError):
                self.report.sudo(user).render_qweb_html(wizard.ids)

    def test_bad_year(self):
        wizard = self._wizard(self.manager_user, self.city)
        wizard.year = 26
        with self.assertRaises(UserError):
            wizard._summary()
