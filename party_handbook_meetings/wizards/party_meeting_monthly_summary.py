# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Monthly summary of a committee's cell meetings (PDF).

For every cell of the committee's subtree that existed during the month:
whether it held its regular meeting (and when), present / expected members
and the attendance rate at that meeting, whether it had the required
attendance, its other meetings and the motions passed and rejected; then the
totals (regular meetings held against those due, overall attendance rate).
One query for the whole subtree. The numbers are statistics, not personal
data: they are read in SQL once the user is known to serve the committee.
"""
from datetime import date

from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools.misc import format_date, formatLang

from odoo.addons.party_handbook.models.party_city import city_today

MANAGER = "party_handbook.group_party_handbook_manager"
REPORTERS = ("party_handbook.group_party_handbook_officer",
             "party_handbook.group_party_handbook_supervisor")
MONTHS = [
    ("1", "January"), ("2", "February"), ("3", "March"), ("4", "April"),
    ("5", "May"), ("6", "June"), ("7", "July"), ("8", "August"),
    ("9", "September"), ("10", "October"), ("11", "November"),
    ("12", "December"),
]

# One row per cell of the subtree that existed during the month: its first
# regular meeting held in the month, its other meetings and its motions.
_SUMMARY_SQL = """
    WITH cells AS (
        SELECT c.id, c.parent_left
          FROM party_organization c
          JOIN party_organization r ON r.id = %(root)s
         WHERE c.parent_left >= r.parent_left AND c.parent_left < r.parent_right
           AND c.level = 'cell'
           AND (c.active OR (c.date_end IS NOT NULL AND c.date_end >= %(start)s))
           AND (c.date_start IS NULL OR c.date_start < %(next)s)
    ), held AS (
        SELECT m.id, m.organization_id, m.meeting_type, m.date, m.present_count,
               m.expected_count, m.quorum_met
          FROM party_meeting m
          JOIN cells ON cells.id = m.organization_id
         WHERE m.state IN ('closed', 'approved')
           AND m.date >= %(start)s AND m.date < %(next)s
    ), regular AS (
        SELECT DISTINCT ON (organization_id) organization_id, id, date,
               present_count, expected_count, quorum_met
          FROM held WHERE meeting_type = 'regular'
         ORDER BY organization_id, date, id
    ), others AS (
        SELECT organization_id, count(*) AS meetings
          FROM held WHERE meeting_type != 'regular'
         GROUP BY organization_id
    ), motions AS (
        SELECT held.organization_id,
               count(*) FILTER (WHERE mo.result = 'passed') AS passed,
               count(*) FILTER (WHERE mo.result = 'rejected') AS rejected,
               count(*) FILTER (WHERE mo.result = 'invalid') AS invalid
          FROM party_meeting_motion mo
          JOIN held ON held.id = mo.meeting_id
         WHERE mo.state = 'closed'
         GROUP BY held.organization_id
    )
    SELECT cells.id, regular.id, regular.date, regular.present_count,
           regular.expected_count, regular.quorum_met,
           COALESCE(others.meetings, 0), COALESCE(motions.passed, 0),
           COALESCE(motions.rejected, 0), COALESCE(motions.invalid, 0)
      FROM cells
      LEFT JOIN regular ON regular.organization_id = cells.id
      LEFT JOIN others ON others.organization_id = cells.id
      LEFT JOIN motions ON motions.organization_id = cells.id
     ORDER BY cells.parent_left
"""


class PartyMeetingMonthlySummary(models.TransientModel):
    _name = "party.meeting.monthly.summary"
    _description = "Monthly summary of cell meetings"

    def _default_organization(self):
        return self.env.user.party_organization_ids[:1]

    def _previous_month(self):
        """Last month in the city's calendar (as the statistics' months):
        at 00:30 on the 1st in Huế it is still the last day of the month in
        UTC, and the caller's context may carry any time zone."""
        today = fields.Date.from_string(city_today(self))
        return today - relativedelta(months=1)

    def _default_month(self):
        return str(self._previous_month().month)

    def _default_year(self):
        return self._previous_month().year

    organization_id = fields.Many2one(
        "party.organization", string="Committee", required=True,
        default=lambda self: self._default_organization(),
        help="The committee (or cell) whose cells are summarised, with every "
             "organization below it.")
    month = fields.Selection(
        MONTHS, required=True, default=lambda self: self._default_month())
    year = fields.Integer(required=True, default=lambda self: self._default_year())

    @api.multi
    def _period(self):
        """(first day of the month, first day of the next month)."""
        self.ensure_one()
        if not 1900 < self.year < 2200:
            raise UserError(_("Enter a year such as 2026."))
        start = date(self.year, int(self.month), 1)
        return start, start + relativedelta(months=1)

    @api.multi
    def _check_access(self):
        """Committee officers and supervising officers, for organizations
        they are assigned to or below them; city officers for any."""
        self.ensure_one()
        user = self.env.user
        if user.has_group(MANAGER):
            return True
        allowed = any(user.has_group(group) for group in REPORTERS) and \
            self.env["party.organization"].sudo().search_count([
                ("id", "=", self.organization_id.id),
                ("id", "child_of", user.party_organization_ids.ids)])
        if not allowed:
            raise UserError(_(
                "You may only summarise the meetings of the organizations you "
                "are assigned to (or of those below them); %(organization)s "
                "is not one of them.") % {
                    "organization": self.organization_id.sudo().display_name})
        return True

    @api.multi
    def _summary(self):
        """{"rows": [...], "totals": {...}} for the month."""
        self.ensure_one()
        self._check_access()
        start, next_start = self._period()
        Organization = self.env["party.organization"]
        self.env.cr.execute(_SUMMARY_SQL, {
            "root": self.organization_id.id, "start": start, "next": next_start})
        records = self.env.cr.fetchall()
        cells = Organization.sudo().browse([record[0] for record in records])
        cells.mapped("parent_id.name")  # prefetch the names in one go
        rows = []
        for record, cell in zip(records, cells):
            (__, meeting_id, meeting_date, present, expected, quorum_met,
             others, passed, rejected, invalid) = record
            rows.append({
                "organization": cell,
                "parent": cell.parent_id,
                "held": bool(meeting_id),
                "date": meeting_date and format_date(self.env, meeting_date),
                "present": present or 0,
                "expected": expected or 0,
                "rate": self._rate(present, expected) if meeting_id else None,
                "quorum_met": bool(quorum_met),
                "other_meetings": others,
                "passed": passed,
                "rejected": rejected,
                "invalid": invalid,
            })
        held = [row for row in rows if row["held"]]
        present = sum(row["present"] for row in held)
        expected = sum(row["expected"] for row in held)
        totals = {
            "due": len(rows),
            "held": len(held),
            "held_rate": self._rate(len(held), len(rows)),
            "present": present,
            "expected": expected,
            "rate": self._rate(present, expected),
            "no_quorum": len([row for row in held if not row["quorum_met"]]),
            "other_meetings": sum(row["other_meetings"] for row in rows),
            "passed": sum(row["passed"] for row in rows),
            "rejected": sum(row["rejected"] for row in rows),
            "invalid": sum(row["invalid"] for row in rows),
        }
        return {"rows": rows, "totals": totals}

    @staticmethod
    def _rate(part, whole):
        """A percentage, or None when there is nothing to divide by."""
        return 100.0 * part / whole if whole else None

    @api.model
    def _format_rate(self, rate):
        """“84.6 %” in the user's language, “–” when there is no rate."""
        if rate is None:
            return "–"
        return "%s %%" % formatLang(self.env, rate, digits=1)

    @api.multi
    def _texts(self, summary):
        """The sentences of the summary, whole (one term each to translate)."""
        self.ensure_one()
        totals = dict(summary["totals"])
        for key in ("held_rate", "rate"):
            totals[key] = self._format_rate(totals[key])
        void = {}
        for row in summary["rows"]:
            if row["invalid"]:
                void[row["invalid"]] = _("(%(count)s void)") % {
                    "count": row["invalid"]}
        return {
            "overview": _(
                "Regular meetings held: %(held)s of %(due)s cells (%(held_rate)s). "
                "Attendance at these meetings: %(present)s present of "
                "%(expected)s expected (%(rate)s). Meetings without the "
                "required attendance: %(no_quorum)s. Motions passed: "
                "%(passed)s; rejected: %(rejected)s; void for want of quorum: "
                "%(invalid)s.") % totals,
            "total": _("Total: %(held)s held of %(due)s due") % totals,
            "no_quorum": _("%(count)s not met") % {"count": totals["no_quorum"]},
            "void": void,
        }

    @api.multi
    def _title(self):
        self.ensure_one()
        return _("Month %(month)s/%(year)s") % {
            "month": "%02d" % int(self.month), "year": self.year}

    @api.multi
    def action_print(self):
        self.ensure_one()
        self._period()
        self._check_access()
        return self.env.ref(
            "party_handbook_meetings.action_report_meeting_monthly_summary"
        ).report_action(self)


class ReportMonthlySummary(models.AbstractModel):
    _name = "report.party_handbook_meetings.report_monthly_summary"
    _description = "Monthly summary of cell meetings"

    @api.model
    def get_report_values(self, docids, data=None):  # pylint: disable=unused-argument
        wizards = self.env["party.meeting.monthly.summary"].browse(docids)
        today = fields.Date.from_string(fields.Date.context_today(self))
        summaries, texts = {}, {}
        for wizard in wizards:
            summaries[wizard.id] = wizard._summary()
            texts[wizard.id] = wizard._texts(summaries[wizard.id])
        return {
            "doc_ids": docids,
            "doc_model": "party.meeting.monthly.summary",
            "docs": wizards,
            "summaries": summaries,
            "texts": texts,
            "titles": {wizard.id: wizard._title() for wizard in wizards},
            "date_line": self.env["party.meeting"]._admin_date_line(today),
            "format_rate": wizards._format_rate,
        }
