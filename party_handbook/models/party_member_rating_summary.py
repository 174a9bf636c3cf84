# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Quality ratings counted per organization, period and level.

Who decides a member's rating (QĐ 366-QĐ/TW): the member assesses
themself, the cell committee proposes, the cell decides, the committee
above the cell approves. The product gives the per-member ratings to those
roles only: the member (own rating), cell secretaries and committee officers
(their subtree), city officers. A supervising officer (an upper-level
committee member who follows a few cells, read-only) takes no step of a
rating: he sees how many members of his cells reached each level, here,
never who (docs/DESIGN.md, "Ratings and discipline")."""
from odoo import fields, models, tools

from .party_member_rating import LEVELS  # pylint: disable=missing-import-error

PENDING = "pending"


class PartyMemberRatingSummary(models.Model):
    _name = "party.member.rating.summary"
    _description = "Quality ratings per organization and level"
    _auto = False
    _order = "year desc, period_id, organization_id, level"
    _rec_name = "organization_id"

    organization_id = fields.Many2one(
        "party.organization", string="Rated in", readonly=True, index=True)
    period_id = fields.Many2one(
        "party.member.rating.period", string="Period", readonly=True)
    period_kind = fields.Selection(
        [("year", "Year"), ("quarter", "Quarter"), ("adhoc", "Ad hoc")],
        string="Kind of period", readonly=True)
    year = fields.Integer(readonly=True)
    level = fields.Selection(
        LEVELS + [(PENDING, "Not approved yet")], string="Final rating",
        readonly=True)
    rating_count = fields.Integer(string="Members", readonly=True)

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        # one row per organization, period and final level; min(id) is
        # unique (each rating is in one row)
        self.env.cr.execute("""
            CREATE VIEW party_member_rating_summary AS
            SELECT min(r.id) AS id,
                   r.rated_organization_id AS organization_id,
                   r.period_id,
                   p.kind AS period_kind,
                   r.year,
                   CASE WHEN r.state = 'approved' THEN r.final_level
                        ELSE %s END AS level,
                   count(*)::integer AS rating_count
              FROM party_member_rating r
              JOIN party_member_rating_period p ON p.id = r.period_id
             GROUP BY r.rated_organization_id, r.period_id, p.kind, r.year,
                      CASE WHEN r.state = 'approved' THEN r.final_level
                           ELSE %s END
        """, (PENDING, PENDING))
