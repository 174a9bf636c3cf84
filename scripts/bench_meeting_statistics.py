#!/usr/bin/env python3
# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Time the meeting statistics and the monthly summary on a generated city.

    .venv/bin/python scripts/bench_meeting_statistics.py -c <odoo.conf> -d <db> \\
        [--months 24] [--runs 3]

Run after scripts/generate_data.py. In a transaction rolled back at the end:
give every generated cell (codes ``GEN-…``) a regular meeting in 9 months out
of 10 over the last ``--months`` months (4 in 5 approved, 1 in 20 without
quorum, two motions each) and a thematic meeting every quarter, written in
SQL; then time what the Statistics menu and the monthly summary run, as the
city officer (superuser) and as an officer of one generated commune.
"""
import argparse
import statistics
import time
from datetime import date

from dateutil.relativedelta import relativedelta

import odoo
from odoo import SUPERUSER_ID, api

FILL_SQL = """
    CREATE TEMP TABLE bench_month AS
    SELECT o.id AS org, m::date AS month, random() AS r
      FROM party_organization o,
           generate_series(
               date_trunc('month', current_date) - %(months)s * interval '1 month',
               date_trunc('month', current_date) - interval '1 month',
               interval '1 month') m
     WHERE o.level = 'cell' AND o.code LIKE 'GEN-%%';
    INSERT INTO party_meeting (name, organization_id, meeting_type, date_start,
           date_end, date, state, quorum_numerator, quorum_denominator,
           expected_count, present_count, base_count, voter_count,
           excuse_pending_count, quorum_met, create_uid, create_date,
           write_uid, write_date)
    SELECT 'Benchmark regular', org, 'regular', month + interval '4 days 30 minutes',
           month + interval '4 days 3 hours', month + 4,
           CASE WHEN r < 0.8 THEN 'approved' ELSE 'closed' END, 2, 3, 20,
           14 + (r * 6)::int, 19, 13 + (r * 6)::int, 0, r > 0.05, 1, now(), 1, now()
      FROM bench_month WHERE r < 0.9
    UNION ALL
    SELECT 'Benchmark thematic', org, 'thematic', month + interval '19 days 30 minutes',
           month + interval '19 days 3 hours', month + 19, 'approved', 2, 3, 20,
           16, 19, 15, 0, TRUE, 1, now(), 1, now()
      FROM bench_month WHERE extract(month FROM month)::int %% 3 = 0;
    INSERT INTO party_meeting_motion (meeting_id, organization_id, meeting_date,
           sequence, name, method, state, yes_count, no_count, abstain_count,
           base_count, voter_count, result, create_uid, create_date, write_uid,
           write_date)
    SELECT m.id, m.organization_id, m.date, s, 'Benchmark motion', 'hands',
           'closed', 12, 1, 0, 19, 13,
           CASE WHEN NOT m.quorum_met THEN 'invalid'
                WHEN s = 1 THEN 'passed' ELSE 'rejected' END, 1, now(), 1, now()
      FROM party_meeting m, generate_series(1, 2) s
     WHERE m.name = 'Benchmark regular';
    ANALYZE party_meeting;
    ANALYZE party_meeting_motion;
"""


def timed(runs, function):
    times = []
    for _run in range(runs):
        started = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - started)
    return result, times


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--city", default="GEN")
    parser.add_argument("--months", type=int, default=24)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    odoo.tools.config.parse_config(["-c", args.config, "-d", args.database])
    registry = odoo.registry(args.database)
    with api.Environment.manage(), registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
        city = env["party.organization"].search([("code", "=", args.city)])
        assert city, "no organization %s: run generate_data.py" % args.city
        commune = env["party.organization"].search([
            ("parent_id", "=", city.id), ("level", "=", "commune")], limit=1)
        cr.execute(FILL_SQL, {"months": args.months})
        cr.execute("SELECT count(*) FROM party_meeting WHERE name LIKE 'Benchmark%%'")
        meetings = cr.fetchone()[0]
        officer = env["res.users"].with_context(no_reset_password=True).create({
            "name": "Benchmark officer", "login": "bench_statistics_officer",
            "party_organization_ids": [(6, 0, commune.ids)],
            "groups_id": [(6, 0, [env.ref(
                "party_handbook.group_party_handbook_officer").id])]})
        Statistics = env["party.meeting.statistics"]
        Officer = Statistics.sudo(officer)
        this_month = date.today().replace(day=1)
        last = this_month - relativedelta(months=1)
        period = [("month", ">=", str(this_month - relativedelta(years=1))),
                  ("month", "<", str(this_month))]
        Summary = env["party.meeting.monthly.summary"]
        city_summary = Summary.create({
            "organization_id": city.id, "month": str(last.month), "year": last.year})
        commune_summary = Summary.sudo(officer).create({
            "organization_id": commune.id, "month": str(last.month),
            "year": last.year})
        report = env.ref(
            "party_handbook_meetings.action_report_meeting_monthly_summary")
        cases = (
            ("rows of the view, every month (city)",
             lambda: Statistics.search_count([])),
            ("pivot: 12 months by commune and month (city)",
             lambda: len(Statistics.read_group(
                 period, ["committee_id", "month", "due", "held", "meetings",
                          "present", "expected", "motions_passed"],
                 ["committee_id", "month:month"], lazy=False))),
            ("pivot: 12 months, totals (city)",
             lambda: len(Statistics.read_group(period, ["due", "held"], [],
                                               lazy=False))),
            ("pivot: 12 months by cell and month (commune officer)",
             lambda: len(Officer.read_group(
                 period, ["organization_id", "month", "due", "held", "present",
                          "expected"], ["organization_id", "month:month"],
                 lazy=False))),
            ("list: first 80 rows (commune officer)",
             lambda: len(Officer.search_read(
                 period, ["month", "organization_id", "due", "held"], limit=80))),
            ("monthly summary rows (city)",
             lambda: len(city_summary._summary()["rows"])),
            ("monthly summary rows (commune officer)",
             lambda: len(commune_summary._summary()["rows"])),
            ("monthly summary HTML (city)",
             lambda: len(report.render_qweb_html(city_summary.ids)[0])),
        )
        print("%s meetings written for %s months" % (meetings, args.months))
        for label, function in cases:
            result, times = timed(args.runs, function)
            print("%-55s median %7.0f ms  (runs: %s; result %s)" % (
                label, 1000 * statistics.median(times),
                ", ".join("%.0f" % (1000 * t) for t in times), result))
        cr.rollback()


if __name__ == "__main__":
    main()
