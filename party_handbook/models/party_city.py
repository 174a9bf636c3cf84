# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The city's clock: its time zone (system parameter
``party_handbook.timezone``, Huế's by default) and its today. Dates the
organization keeps (a transfer's request and letter, the month of dues, the
last month of a summary) are the city's, whoever records them and whatever
time zone their session or RPC context carries: from 17:00 UTC it is
already tomorrow in Huế."""
from odoo import fields

CITY_TZ = "Asia/Ho_Chi_Minh"


def city_tz(env):
    """The city's time zone name."""
    return env["ir.config_parameter"].sudo().get_param(
        "party_handbook.timezone") or CITY_TZ


def city_today(records):
    """Today in the city's calendar, as a date string."""
    return fields.Date.context_today(
        records.with_context(tz=city_tz(records.env)))
