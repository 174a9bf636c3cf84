# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The Vietnamese working-day calendar (issue #16): deadlines of the Party's
rules counted in working days (admission ceremony and recognition within 30,
transfer within 60 and 30: QĐ 294-QĐ/TW) skip weekends and public holidays,
Tết by the lunar calendar included.

The table ``party.holiday`` is the authority and the administrator keeps it:
each year the Government announces the actual days off (which days around
Tết, a weekday swapped with a Saturday that is then worked). A year without
any row falls back on the Labour Code's defaults (``workdays.labour_code``,
computed for Vietnam's meridian); the yearly scheduled action writes those
defaults for the coming years so the administrator corrects rows rather than
typing them.

The code asks ``env["party.holiday"]``: ``is_working_day(day)``,
``add_working_days(start, count)``, ``working_days_between(start, end)``.
Dates are accepted as ``date`` or Odoo's strings; results are strings."""
from datetime import date, timedelta

from babel.dates import format_date as babel_format_date

from odoo import _, api, fields, models, tools
from odoo.exceptions import UserError, ValidationError

from ..workdays import labour_code  # pylint: disable=missing-import-error

KINDS = [
    ("holiday", "Day off (holiday or compensation)"),
    ("workday", "Working weekend day (swapped)"),
]
# years the install and the yearly action write defaults for, around today
YEARS_BEHIND, YEARS_AHEAD = 1, 2
# the longest span a question may cover (the rules count at most 60
# working days; anything beyond a few years is a mistake or an abuse)
MAX_DAYS = 3660


def _as_date(value):
    if isinstance(value, date):
        return value
    return fields.Date.from_string(value)


class PartyHoliday(models.Model):
    _name = "party.holiday"
    _description = "Public holiday or working weekend day"
    _inherit = ["party.audited.thread"]
    _order = "date desc"

    date = fields.Date(required=True, index=True, track_visibility="onchange")
    year = fields.Integer(compute="_compute_year", store=True, index=True)
    kind = fields.Selection(KINDS, required=True, default="holiday",
                            track_visibility="onchange")
    name = fields.Char(required=True, track_visibility="onchange")
    source = fields.Char(
        required=True, track_visibility="onchange",
        help="The announcement or law the day comes from, e.g. the "
             "Government's notice of the year's holidays.")
    weekday = fields.Char(compute="_compute_year")

    _sql_constraints = [
        ("date_uniq", "unique(date)", "This day is already in the calendar."),
    ]

    @api.depends("date")
    def _compute_year(self):
        for day in self:
            value = day.date and _as_date(day.date)
            day.year = value.year if value else 0
            day.weekday = value and babel_format_date(
                value, "EEEE", locale=self.env.lang or "vi_VN")

    @api.constrains("date", "kind")
    def _check_kind(self):
        for day in self:
            weekend = _as_date(day.date).weekday() >= 5
            if day.kind == "workday" and not weekend:
                raise ValidationError(_(
                    "%s is a weekday: only a Saturday or a Sunday can be a "
                    "working weekend day.") % day.date)
            if day.kind == "holiday" and weekend:
                raise ValidationError(_(
                    "%s is already a weekend day: enter the day that "
                    "compensates it instead.") % day.date)

    @api.model
    def create(self, vals):
        record = super().create(vals)
        self.clear_caches()
        return record

    @api.multi
    def write(self, vals):
        result = super().write(vals)
        self.clear_caches()
        return result

    @api.multi
    def unlink(self):
        result = super().unlink()
        self.clear_caches()
        return result

    # --- the calendar ---------------------------------------------------

    @tools.ormcache("year")
    def _days_of_year(self, year):
        """(days off, worked weekend days) of ``year`` as frozensets of
        dates: the table's rows when it has any for the year, else the
        Labour Code's defaults."""
        self.env.cr.execute(
            "SELECT date, kind FROM party_holiday WHERE year = %s", (year,))
        rows = self.env.cr.fetchall()
        if not rows:
            return (frozenset(day for day, _name in
                              labour_code.public_holidays(year)), frozenset())
        off = frozenset(_as_date(day) for day, kind in rows if kind == "holiday")
        worked = frozenset(_as_date(day) for day, kind in rows if kind == "workday")
        return off, worked

    @api.model
    def is_working_day(self, day):
        day = _as_date(day)
        off, worked = self._days_of_year(day.year)
        if day in worked:
            return True
        return day.weekday() < 5 and day not in off

    @api.model
    def add_working_days(self, start, count):
        """The day ``count`` working days after ``start`` (``start`` itself
        not counted: a decision of Friday 13/2/2026 with 1 working day gives
        Monday 23/2/2026, after Tết). ``count`` ≤ 0 gives ``start``."""
        day = _as_date(start)
        left = int(count)
        if left > MAX_DAYS // 2:
            raise UserError(_("A deadline of %s working days is beyond what "
                              "the calendar counts.") % left)
        while left > 0:
            day += timedelta(days=1)
            if self.is_working_day(day):
                left -= 1
        return fields.Date.to_string(day)

    @api.model
    def working_days_between(self, start, end):
        """Working days after ``start`` up to ``end`` included (0 when
        ``end`` ≤ ``start``): how many of a deadline's days have passed."""
        start, end = _as_date(start), _as_date(end)
        if (end - start).days > MAX_DAYS:
            raise UserError(_("The period is longer than the calendar "
                              "counts (ten years)."))
        count, day = 0, start
        while day < end:
            day += timedelta(days=1)
            if self.is_working_day(day):
                count += 1
        return count

    # --- keeping the table ----------------------------------------------

    @api.model
    def _fill_year(self, year):
        """Write the Labour Code's defaults for ``year`` unless the table
        already has a row in it (the administrator's or the Government's
        days win). Returns the number of rows written."""
        self.env.cr.execute(
            "SELECT 1 FROM party_holiday WHERE year = %s LIMIT 1", (year,))
        if self.env.cr.fetchone():
            return 0
        count = 0
        for day, name in labour_code.public_holidays(year):
            if day.weekday() < 5:
                self.sudo().create({
                    "date": fields.Date.to_string(day), "kind": "holiday",
                    "name": name, "source": labour_code.SOURCE_DEFAULT})
                count += 1
        return count

    @api.model
    def _cron_fill_years(self):
        """Yearly: the defaults of last year to two years ahead, for the
        years the table does not hold yet (a few dozen rows)."""
        today = _as_date(fields.Date.context_today(self))
        return sum(self._fill_year(year) for year in range(
            today.year - YEARS_BEHIND, today.year + YEARS_AHEAD + 1))
