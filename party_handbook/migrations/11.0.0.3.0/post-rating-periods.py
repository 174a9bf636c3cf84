# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""11.0.0.3.0 rates members per period (yearly, quarterly, ad hoc: Quy định
366-QĐ/TW, 30/8/2025). Each existing rating gets the yearly period of its
year, and the old constraint (one rating per member and year) gives way to
one per member and period. The work runs before the ORM updates the tables
(so that the new column can be NOT NULL at once) and again after (a no-op
unless something was left): see migrate_year_ratings."""
from odoo.addons.party_handbook.models.party_member_rating_period import (
    migrate_year_ratings)


def migrate(cr, version):
    if version:
        migrate_year_ratings(cr)
