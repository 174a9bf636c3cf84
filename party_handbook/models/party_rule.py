# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The Party's rules as data, in one place: each threshold, duration or
deadline the product applies is a row with its value, its unit and the text
it comes from (shared/REGULATIONS.md). A new rule is a new row, not a
rewrite; the code reads a value with ``env["party.rule"].get_value(code)``
(``value`` is the field: a method cannot have a field's name)."""
from fractions import Fraction

from odoo import _, api, fields, models, tools
from odoo.exceptions import UserError

UNITS = [
    ("minutes", "Minutes"),
    ("hours", "Hours"),
    ("days", "Days"),
    ("working_days", "Working days"),
    ("months", "Months"),
    ("years", "Years"),
    ("percent", "Percent"),
    ("fraction", "Fraction"),
    ("count", "Count"),
    ("amount", "Amount (VND)"),
]


class PartyRule(models.Model):
    _name = "party.rule"
    _description = "Party rule (threshold, duration, deadline)"
    _inherit = ["party.audited.thread"]
    _order = "category, code"

    code = fields.Char(
        required=True, index=True, track_visibility="onchange",
        help="Technical name the application reads the value by.")
    name = fields.Char(required=True, translate=True,
                       track_visibility="onchange")
    category = fields.Char(
        default="general", required=True, track_visibility="onchange",
        help="Group of rules (meetings, votes, fees, rating...).")
    value = fields.Float(required=True, digits=(16, 4),
                         track_visibility="onchange")
    unit = fields.Selection(UNITS, required=True, default="count",
                            track_visibility="onchange")
    source = fields.Char(
        required=True, track_visibility="onchange",
        help="The text the rule comes from, with its number and date, "
             "e.g. Hướng dẫn 42-HD/BTCTW (28/10/2025).")
    source_detail = fields.Char(
        string="Article", track_visibility="onchange",
        help="Article, section or clause of the text (\"check\" when it "
             "could not be read yet).")
    valid_from = fields.Date(
        track_visibility="onchange",
        help="Day the text came into force (information).")
    note = fields.Text(track_visibility="onchange")

    _sql_constraints = [
        ("code_uniq", "unique(code)", "A rule's code must be unique."),
    ]

    @api.model
    def get_value(self, code, default=None):
        """The value of the rule ``code`` (as a float). ``default`` when the
        row is missing; without a default, a missing rule is an error."""
        found = self._cached_value(code)
        if found is None:
            if default is not None:
                return default
            raise UserError(_(
                "The rule %s is missing: ask an administrator to restore it "
                "under Configuration / Rules.") % code)
        return found

    @api.model
    def get_fraction(self, code):
        """A rule of unit fraction or percent as an exact ``Fraction``: the
        stored 0.6667 is two thirds, so "at least two thirds of 9" is 6
        (``count >= fraction * base`` on exact numbers), never 6.0003."""
        value = self.get_value(code)
        self.env.cr.execute("SELECT unit FROM party_rule WHERE code = %s", (code,))
        if self.env.cr.fetchone()[0] == "percent":
            value = value / 100.0
        return Fraction(value).limit_denominator(12)

    @tools.ormcache("code")
    def _cached_value(self, code):
        self.env.cr.execute(
            "SELECT value FROM party_rule WHERE code = %s", (code,))
        row = self.env.cr.fetchone()
        return row[0] if row else None

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
