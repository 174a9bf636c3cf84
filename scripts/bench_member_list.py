#!/usr/bin/env python3
# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Time the first page of the member list for a commune officer.

    .venv/bin/python scripts/bench_member_list.py -c <odoo.conf> -d <db> \\
        [--commune GEN-C01] [--runs 5] [--explain]

Run after scripts/generate_data.py. Creates (once) the user ``gen_officer``
in the Committee officer group, assigned to the commune ``--commune``, then
times, as that user, after one warm-up and with the record cache cleared
before each run (median of ``--runs``):

* ``search_read([], [name, organization_id, state, date_of_birth], limit=80)``;
* the web client's list: the same ``search_read`` with the list's order
  ``organization_id, name, id``, then ``search_count([])``.

``--explain`` prints EXPLAIN ANALYZE of the SQL the ORM sent for the web list.
"""
import argparse
import statistics
import time

import odoo
from odoo import SUPERUSER_ID, api

FIELDS = ["name", "organization_id", "state", "date_of_birth"]
LOGIN = "gen_officer"


def capture_queries(cr, function):
    """The SQL (with its parameters) that ``function`` sends."""
    queries, execute = [], cr.execute

    def spy(query, params=None, log_exceptions=None):
        queries.append(cr._obj.mogrify(query, params).decode())
        return execute(query, params, log_exceptions)
    cr.execute = spy
    try:
        function()
    finally:
        del cr.execute
    return queries


def officer(env, commune_code):
    commune = env["party.organization"].search([("code", "=", commune_code)])
    assert commune, "no organization %s: run generate_data.py" % commune_code
    user = env["res.users"].search([("login", "=", LOGIN)])
    values = {
        "party_organization_ids": [(6, 0, commune.ids)],
        "groups_id": [(6, 0, [env.ref(
            "party_handbook.group_party_handbook_officer").id])],
    }
    if user:
        user.write(values)
    else:
        user = env["res.users"].with_context(no_reset_password=True).create(dict(
            values, name="Generated commune officer", login=LOGIN,
            email="gen_officer@example.com"))
    env.cr.commit()
    return user, commune


def timed(function, runs):
    function()  # warm-up
    times = []
    for _run in range(runs):
        started = time.perf_counter()
        function()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), times


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--commune", default="GEN-C01")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--explain", action="store_true")
    args = parser.parse_args()
    odoo.tools.config.parse_config(["-c", args.config, "-d", args.database])
    registry = odoo.registry(args.database)
    with api.Environment.manage(), registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        user, commune = officer(env, args.commune)
        Members = env["party.member"].sudo(user)
        cr.execute("SELECT count(*) FROM party_member")
        total = cr.fetchone()[0]
        visible = Members.search_count([])
        print("%d members in the database; %s (%s) sees %d of them"
              % (total, LOGIN, commune.complete_name, visible))

        def first_page():
            env.cache.invalidate()
            return Members.search_read([], FIELDS, limit=80)

        def web_list():
            env.cache.invalidate()
            rows = Members.search_read([], FIELDS, limit=80,
                                       order="organization_id, name, id")
            return rows, Members.search_count([])

        for label, function in (("search_read limit 80", first_page),
                                ("web list: search_read + search_count",
                                 web_list)):
            median, times = timed(function, args.runs)
            print("%-40s median %7.1f ms  (runs: %s)" % (
                label, median, ", ".join("%.1f" % t for t in times)))
        if args.explain:
            for query in capture_queries(cr, web_list):
                if "party_member" not in query or not query.lstrip().upper(
                        ).startswith("SELECT"):
                    continue
                print("\n" + query)
                cr.execute("EXPLAIN (ANALYZE, BUFFERS) " + query)
                print("\n".join(row[0] for row in cr.fetchall()))
        cr.rollback()


if __name__ == "__main__":
    main()
