# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Rating periods (Quy định 366-QĐ/TW, 30/8/2025: members are rated
yearly, and also quarterly or ad hoc).

A period is city-wide data (no organization): "Năm 2026", "Quý IV/2026",
or an ad hoc period with its own dates. Its name is the official Vietnamese
name of the period, as printed on the rating forms; yearly and quarterly
periods are created on demand (``_get_period``) and exist once each."""
import logging
from datetime import date

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

_logger = logging.getLogger(__name__)

KINDS = [("year", "Year"), ("quarter", "Quarter"), ("adhoc", "Ad hoc")]
ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


def period_values(kind, year, quarter=None):
    """Name and dates of the yearly or quarterly period."""
    if kind == "year":
        return {"kind": "year", "year": year, "quarter": False,
                "name": "Năm %d" % year,
                "date_from": "%04d-01-01" % year, "date_to": "%04d-12-31" % year}
    first = date(year, 3 * quarter - 2, 1)
    last = date(year + 1, 1, 1) if quarter == 4 else date(year, 3 * quarter + 1, 1)
    return {"kind": "quarter", "year": year, "quarter": quarter,
            "name": "Quý %s/%d" % (ROMAN[quarter], year),
            "date_from": fields.Date.to_string(first),
            "date_to": fields.Date.to_string(date.fromordinal(last.toordinal() - 1))}


def migrate_year_ratings(cr):
    """Ratings of the schema before periods (one per member and year) get
    the yearly period of their year. Idempotent; runs before the ORM
    updates the tables (so that ``period_id`` can be NOT NULL) and again
    after (migrations/11.0.0.3.0). Returns (periods created, ratings
    linked)."""
    cr.execute("""
        CREATE TABLE IF NOT EXISTS party_member_rating_period (
            id serial PRIMARY KEY, name varchar NOT NULL, kind varchar NOT NULL,
            year integer NOT NULL, quarter integer,
            date_from date NOT NULL, date_to date NOT NULL)""")
    cr.execute("ALTER TABLE party_member_rating "
               "ADD COLUMN IF NOT EXISTS period_id integer")
    cr.execute("""
        INSERT INTO party_member_rating_period
               (name, kind, year, date_from, date_to)
        SELECT 'Năm ' || y.year, 'year', y.year,
               make_date(y.year, 1, 1), make_date(y.year, 12, 31)
          FROM (SELECT DISTINCT year FROM party_member_rating
                 WHERE period_id IS NULL AND year IS NOT NULL) y
         WHERE NOT EXISTS (SELECT 1 FROM party_member_rating_period p
                            WHERE p.kind = 'year' AND p.year = y.year)""")
    created = cr.rowcount
    cr.execute("""
        UPDATE party_member_rating r SET period_id = p.id
          FROM party_member_rating_period p
         WHERE r.period_id IS NULL AND p.kind = 'year' AND p.year = r.year""")
    linked = cr.rowcount
    # one rating per member and period (a quarter and its year coexist)
    cr.execute("ALTER TABLE party_member_rating "
               "DROP CONSTRAINT IF EXISTS party_member_rating_member_year_uniq")
    _logger.info("Rating periods: %d yearly periods created, %d ratings linked",
                 created, linked)
    return created, linked


class PartyMemberRatingPeriod(models.Model):
    _name = "party.member.rating.period"
    _description = "Quality rating period"
    _order = "date_from desc, kind desc, id desc"

    name = fields.Char(required=True)
    kind = fields.Selection(KINDS, required=True, default="quarter")
    year = fields.Integer(required=True, index=True)
    quarter = fields.Integer(help="1 to 4, for a quarterly period.")
    date_from = fields.Date(required=True)
    date_to = fields.Date(required=True)

    def init(self):
        # one yearly period per year, one quarterly period per quarter
        self.env.cr.execute("""
            CREATE UNIQUE INDEX IF NOT EXISTS party_member_rating_period_uniq
                ON party_member_rating_period (kind, year, coalesce(quarter, 0))
             WHERE kind != 'adhoc'""")

    @api.constrains("kind", "year", "quarter", "date_from", "date_to")
    def _check_dates(self):
        for period in self:
            if period.date_to < period.date_from:
                raise ValidationError(_("A period cannot end before it starts."))
            if period.kind == "quarter" and period.quarter not in ROMAN:
                raise ValidationError(_("A quarter is numbered 1 to 4."))
            if period.kind != "adhoc" and (
                    period.date_from[:4] != "%04d" % period.year):
                raise ValidationError(_("The period does not start in its year."))

    @api.multi
    def write(self, vals):
        # what a period is (its kind, year, quarter) is fixed once rated
        if {"kind", "year", "quarter"} & set(vals) and self.env[
                "party.member.rating"].sudo().search_count(
                    [("period_id", "in", self.ids)]):
            raise UserError(_("Members are already rated for this period: "
                              "its kind, year and quarter cannot change."))
        return super().write(vals)

    @api.onchange("kind", "year", "quarter")
    def _onchange_kind(self):
        if self.kind in ("year", "quarter") and self.year and (
                self.kind == "year" or self.quarter in ROMAN):
            self.update(period_values(self.kind, self.year, self.quarter))

    @api.model
    def _get_period(self, kind, year, quarter=None):
        """The yearly or quarterly period (created when missing, as
        superuser: the period is data every role may take)."""
        if kind == "quarter" and quarter not in ROMAN:
            raise ValidationError(_("A quarter is numbered 1 to 4."))
        domain = [("kind", "=", kind), ("year", "=", year)]
        if kind == "quarter":
            domain.append(("quarter", "=", quarter))
        period = self.sudo().search(domain, limit=1)
        if not period:
            period = self.sudo().create(period_values(kind, year, quarter))
        return self.browse(period.id)

    @api.model
    def _current_quarter(self):
        today = fields.Date.from_string(fields.Date.context_today(self))
        return self._get_period("quarter", today.year, (today.month - 1) // 3 + 1)
