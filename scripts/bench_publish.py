#!/usr/bin/env python3
# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Time publishing one document to every member of a generated city.

    .venv/bin/python scripts/bench_publish.py -c <odoo.conf> -d <db> [--runs 3]

Run after scripts/generate_data.py. Each run, in a transaction rolled back
afterwards: create a resolution of the city committee (code ``GEN``) sent to
the whole tree and time ``action_publish()`` (numbering, the receipts of every
member, the chatter note); then, for comparison, time one raw SQL statement
inserting the same receipt rows.
"""
import argparse
import statistics
import time

import odoo
from odoo import SUPERUSER_ID, api


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--city", default="GEN")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    odoo.tools.config.parse_config(["-c", args.config, "-d", args.database])
    registry = odoo.registry(args.database)
    publish_times, raw_times, counts = [], [], []
    with api.Environment.manage(), registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
        city = env["party.organization"].search([("code", "=", args.city)])
        assert city, "no organization %s: run generate_data.py" % args.city
        for _run in range(args.runs):
            document = env["party.document"].create({
                "name": "Benchmark resolution", "document_type": "resolution",
                "issuing_organization_id": city.id,
                "target_ids": [(0, 0, {"organization_id": city.id,
                                       "include_subtree": True})]})
            started = time.perf_counter()
            document.action_publish()
            publish_times.append(time.perf_counter() - started)
            counts.append(document.recipient_count)
            cr.execute("DELETE FROM party_document_receipt WHERE document_id = %s",
                       (document.id,))
            started = time.perf_counter()
            cr.execute("""
                INSERT INTO party_document_receipt
                    (document_id, member_id, organization_id, member_partner_id,
                     state, notified, create_uid, write_uid, create_date,
                     write_date)
                SELECT %s, m.id, m.organization_id, m.partner_id, 'received',
                       FALSE, 1, 1, now(), now()
                  FROM party_member m
                  JOIN party_organization o ON o.id = m.organization_id
                  JOIN party_organization c ON c.id = %s
                 WHERE m.active
                   AND m.state IN ('probationary', 'official', 'exempted')
                   AND o.parent_left >= c.parent_left
                   AND o.parent_left < c.parent_right""", (document.id, city.id))
            raw_times.append(time.perf_counter() - started)
            assert cr.rowcount == counts[-1], (cr.rowcount, counts[-1])
            cr.rollback()
    print("receipts per document: %s" % counts[0])
    for label, times in (("action_publish()", publish_times),
                         ("one raw INSERT ... SELECT", raw_times)):
        print("%-28s median %6.2f s  (runs: %s)" % (
            label, statistics.median(times),
            ", ".join("%.2f" % t for t in times)))


if __name__ == "__main__":
    main()
