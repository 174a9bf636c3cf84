#!/usr/bin/env python3
# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Time a secret ballot of many voters: opening, casting, closing.

    .venv/bin/python scripts/bench_ballots.py -c <odoo.conf> -d <db> [--voters 200]

On a database with the suite installed. It COMMITS (votes are cast in their
own transactions, as on the server): use a throwaway database, such as the
test database. It builds a cell of ``--voters`` official members and a
meeting in progress with everybody present, opens a secret vote (key pair,
key files), casts every vote as ``cast_vote`` does (the ballot encrypted
first, then the register row and the ballot in a READ COMMITTED
transaction of their own), then closes the vote (one query for the
ballots, one decryption of their product) and prints the times and the
queries of the close.
"""
import argparse
import random
import statistics
import time

import odoo
from odoo import SUPERUSER_ID, api


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--voters", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    odoo.tools.config.parse_config(["-c", args.config, "-d", args.database])
    registry = odoo.registry(args.database)
    rng = random.Random(args.seed)
    tag = "%x" % int(time.time())
    with api.Environment.manage(), registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {
            "tracking_disable": True, "mail_notrack": True,
            "mail_create_nolog": True})
        Org = env["party.organization"]
        commune = Org.create({"name": "Bench ballots %s" % tag,
                              "code": "BENCH-B%s" % tag, "level": "commune"})
        cell = Org.create({"name": "Bench ballots cell %s" % tag,
                           "code": "BENCH-B%s-1" % tag, "level": "cell",
                           "parent_id": commune.id})
        members = env["party.member"]
        for index in range(args.voters):
            members |= env["party.member"].create({
                "name": "Bench voter %03d %s" % (index, tag),
                "organization_id": cell.id, "admission_date": "2010-01-01",
                "official_date": "2011-01-01", "state": "official"})
        meeting = env["party.meeting"].create({
            "name": "Bench ballots %s" % tag, "organization_id": cell.id,
            "date_start": "2026-11-20 01:00:00", "location": "Hội trường",
            "chair_id": members[0].id, "secretary_id": members[-1].id})
        meeting.action_announce()
        meeting.action_start()
        meeting.attendance_ids.action_present()
        motion = env["party.meeting.motion"].create({
            "meeting_id": meeting.id, "name": "Bench", "method": "secret"})
        started = time.perf_counter()
        motion.action_open_vote()
        cr.commit()
        opened = time.perf_counter() - started

        choices = [rng.choice(("yes", "yes", "no", "abstain"))
                   for _member in members]
        encrypt, transaction = [], []
        started = time.perf_counter()
        for member, choice in zip(members, choices):
            began = time.perf_counter()
            ballot = motion._encrypt_ballot(choice)
            middle = time.perf_counter()
            motion._cast_in_own_transaction(member.id, choice, False,
                                            SUPERUSER_ID, ballot)
            encrypt.append(middle - began)
            transaction.append(time.perf_counter() - middle)
        cast = time.perf_counter() - started

        cr.commit()
        motion.invalidate_cache()
        before = cr.sql_log_count
        started = time.perf_counter()
        motion.action_close_vote()
        cr.commit()
        closed = time.perf_counter() - started
        queries = cr.sql_log_count - before
        expected = tuple(choices.count(c) for c in ("yes", "no", "abstain"))
        got = (motion.yes_count, motion.no_count, motion.abstain_count)
        assert got == expected, (got, expected)
        meeting.action_close()
        cr.commit()

    print("%d voters, motion %s" % (args.voters, motion.id))
    print("open (key pair, key files): %.0f ms" % (1000 * opened))
    print("cast: %.1f s for %d votes, %.0f ms a vote (encrypting: median %.0f ms; "
          "transaction: median %.0f ms, max %.0f ms)" % (
              cast, args.voters, 1000 * cast / args.voters,
              1000 * statistics.median(encrypt), 1000 * statistics.median(transaction),
              1000 * max(transaction)))
    print("close (read %d ballots, decrypt the product, freeze, commit): %.0f ms, "
          "%d queries; counts %s" % (args.voters, 1000 * closed, queries, got))


if __name__ == "__main__":
    main()
