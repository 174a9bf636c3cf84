# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A member's age can be searched (e.g. the filter "Aged 70 or over"): the
age is computed from the date of birth on the day of the search, never
stored (a stored age would go stale the next day). A search on age becomes
a search on the date of birth, with the very bounds the computed age uses:
a member is N years old from the day ``years_between`` says so (a member
born on 29 February included), and a member without a date of birth has no
age (only ``age = False`` finds them)."""
from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import _, fields, models
from odoo.exceptions import UserError
from odoo.osv import expression

# pylint: disable=missing-import-error
from .party_member import years_between


def _years(start, end):
    """``years_between`` (the age shown) for dates."""
    return years_between(fields.Date.to_string(start), fields.Date.to_string(end))


def born_on_or_before(today, years):
    """The last date of birth of a member who is ``years`` old or older on
    ``today`` (as ``years_between`` counts)."""
    today = fields.Date.from_string(today)
    bound = today - relativedelta(years=years)
    # relativedelta counts the 29th of February its own way: walk to the
    # exact bound (a day or two at most)
    while _years(bound, today) < years:
        bound -= timedelta(days=1)
    while _years(bound + timedelta(days=1), today) >= years:
        bound += timedelta(days=1)
    return bound


class PartyMemberAge(models.Model):
    _inherit = "party.member"

    age = fields.Integer(search="_search_age")

    def _search_age(self, operator, value):
        # Odoo inserts the domain of a search method as it is: normalized
        return expression.normalize_domain(self._age_domain(operator, value))

    def _age_domain(self, operator, value):
        if value is False or value is None:
            if operator in ("=", "!="):
                return [("date_of_birth", operator, False)]
            raise UserError(_("Please give an age to compare with."))
        if operator in ("in", "not in"):
            if not isinstance(value, (list, tuple)):
                raise UserError(_("An age is a whole number of years."))
            ages = [self._age_value(item) for item in value]
            if operator == "in":
                return expression.OR([self._search_age("=", age)
                                      for age in ages]) or expression.FALSE_DOMAIN
            return expression.AND([self._search_age("!=", age)
                                   for age in ages]) or expression.TRUE_DOMAIN
        age = self._age_value(value)
        today = fields.Date.context_today(self)

        def bound(years):
            return fields.Date.to_string(born_on_or_before(today, years))
        known = [("date_of_birth", "!=", False)]
        if operator == ">=":
            return known + [("date_of_birth", "<=", bound(age))]
        if operator == ">":
            return known + [("date_of_birth", "<=", bound(age + 1))]
        if operator == "<":
            return known + [("date_of_birth", ">", bound(age))]
        if operator == "<=":
            return known + [("date_of_birth", ">", bound(age + 1))]
        if operator == "=":
            return known + [("date_of_birth", "<=", bound(age)),
                            ("date_of_birth", ">", bound(age + 1))]
        if operator == "!=":
            return known + ["|", ("date_of_birth", ">", bound(age)),
                            ("date_of_birth", "<=", bound(age + 1))]
        raise UserError(_("An age can only be compared with a number "
                          "(=, !=, <, <=, >, >=, in)."))

    @staticmethod
    def _age_value(value):
        if isinstance(value, bool) or (
                isinstance(value, float) and not value.is_integer()):
            raise UserError(_("An age is a whole number of years."))
        try:
            age = int(value)
        except (TypeError, ValueError):
            raise UserError(_("An age is a whole number of years."))
        if not 0 <= age <= 200:
            raise UserError(_("An age is a whole number of years."))
        return age
