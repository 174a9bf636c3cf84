#!/usr/bin/env python3
# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Time the supervisor's day view over a generated city.

    .venv/bin/python scripts/bench_day_view.py -c <odoo.conf> -d <db> \\
        [--meetings 100] [--communes 4] [--history-months 12] [--runs 5]

Run after scripts/generate_data.py. Everything happens in one transaction,
rolled back at the end:

1. history: one regular meeting for every generated cell on the 5th of each
   of the last ``--history-months`` months (one set-based INSERT per month,
   as the monthly drafting does), so that the day's meetings are found among
   tens of thousands;
2. ``--meetings`` meetings today (in the city's time zone) in the cells of
   the first ``--communes`` generated communes (GEN-C01, ...), through the
   secretaries' own actions: created with a three-item agenda, announced
   (``action_announce``: the roster of the cell, the calendar event, the
   invitations queued), three in four started, attendance recorded (most
   present, some absent, some excused, a few excuse requests), a hand vote
   closed in every started meeting and an open secret ballot with votes cast
   in every other one;
3. the users ``gen_city_officer`` (City officer, the city) and
   ``gen_officer`` (Committee officer, GEN-C01);
4. for each user, after one warm-up and with the record cache cleared before
   each run: ``get_day_overview(today)`` ``--runs`` times (median), its
   number of SQL queries and the size of its JSON answer.
"""
import argparse
import json
import random
import statistics
import time
from datetime import date, timedelta

import odoo
from odoo import SUPERUSER_ID, api, fields

CITY_TZ = "Asia/Ho_Chi_Minh"


def phase(label, started):
    print("%-46s %7.2f s" % (label, time.perf_counter() - started), flush=True)
    return time.perf_counter()


def add_history(env, months):
    """One approved regular meeting per generated cell on the 5th of each
    of the last ``months`` months."""
    today = fields.Date.from_string(fields.Date.context_today(
        env["party.meeting"].with_context(tz=CITY_TZ)))
    total = 0
    for back in range(1, months + 1):
        month = today.replace(day=1)
        for _i in range(back):
            month = (month - timedelta(days=1)).replace(day=1)
        day = month.replace(day=5)
        env.cr.execute("""
            INSERT INTO party_meeting (name, organization_id, meeting_type,
                   date_start, date_end, date, state, quorum_numerator,
                   quorum_denominator, expected_count, present_count,
                   base_count, voter_count, excuse_pending_count, quorum_met,
                   create_uid, create_date, write_uid, write_date)
            SELECT %(name)s, o.id, 'regular', %(start)s, %(stop)s, %(day)s,
                   'approved', 2, 3, 20, 17, 18, 16, 0, true, 1,
                   now() at time zone 'UTC', 1, now() at time zone 'UTC'
              FROM party_organization o
             WHERE o.level = 'cell' AND o.code LIKE 'GEN-%%'""", {
                "name": "Sinh hoạt chi bộ %s" % day.strftime("%m/%Y"),
                "start": "%s 00:30:00" % day, "stop": "%s 03:00:00" % day,
                "day": day})
        total += env.cr.rowcount
    env.cr.execute("ANALYZE party_meeting")
    return total


def cells_of(env, count, communes):
    """``count`` cells spread evenly over the first ``communes`` communes."""
    Organization = env["party.organization"]
    communes = Organization.search(
        [("code", "like", "GEN-C%"), ("level", "=", "commune")],
        order="code", limit=communes)
    assert communes, "no generated commune: run scripts/generate_data.py"
    cells = Organization.browse()
    per_commune = -(-count // len(communes))
    for commune in communes:
        cells |= Organization.search([
            ("id", "child_of", commune.id), ("level", "=", "cell")],
            order="parent_left", limit=per_commune)
    return communes, cells[:count]


def make_meetings(env, cells, day, rng):
    """The day's meetings, through the secretaries' actions."""
    Meeting = env["party.meeting"]
    Motion = env["party.meeting.motion"]
    started = time.perf_counter()
    meetings = Meeting.browse()
    for index, cell in enumerate(cells):
        hour = 0 + index % 4  # 07:30 to 10:30 in Hue
        meetings |= Meeting.create({
            "name": "Sinh hoạt chi bộ %s" % day.strftime("%m/%Y"),
            "organization_id": cell.id,
            "date_start": "%s %02d:30:00" % (day, hour),
            "date_end": "%s %02d:00:00" % (day, hour + 3),
            "location": "Nhà văn hóa %s" % cell.name,
            "chair_id": cell.member_ids[:1].id,
            "secretary_id": cell.member_ids[:1].id,
            "agenda_item_ids": [(0, 0, {"sequence": i, "name": name}) for i, name in
                                enumerate(("Thông báo thời sự",
                                           "Đánh giá kết quả tháng trước",
                                           "Triển khai nhiệm vụ tháng tới"))],
        })
    started = phase("create %d meetings (agenda of 3)" % len(meetings), started)
    meetings.action_announce()
    lines = meetings.mapped("attendance_ids")
    started = phase("action_announce (%d roster lines)" % len(lines), started)
    running = meetings.filtered(lambda m: rng.random() < 0.75)
    running.action_start()
    expected = running.mapped("attendance_ids").filtered(
        lambda l: l.state == "expected")
    draws = {line.id: rng.random() for line in expected}
    present = expected.filtered(lambda l: draws[l.id] < 0.85)
    absent = expected.filtered(lambda l: 0.85 <= draws[l.id] < 0.92)
    excused = expected.filtered(lambda l: 0.92 <= draws[l.id] < 0.97)
    present.action_present()
    absent.action_absent()
    excused.action_excused()
    waiting = (meetings - running).mapped("attendance_ids")[::40]
    # asked on the members' behalf: with their consent (issue #12)
    waiting.mapped("member_id").filtered(
        lambda m: not m.assistance_consent_date
    ).action_record_assistance_consent("Signed form")
    for line in waiting:
        line.action_request_excuse("Đi công tác")
    started = phase("attendance (%d present, %d absent, %d excused, %d requests)"
                    % (len(present), len(absent), len(excused), len(waiting)),
                    started)
    motions = 0
    for index, meeting in enumerate(running):
        hands = Motion.create({"meeting_id": meeting.id, "sequence": 1,
                               "name": "Nghị quyết tháng %s" % day.month})
        hands.action_open_vote()
        voters = meeting.voter_count
        hands.write({"yes_count": voters - voters // 5, "no_count": voters // 10,
                     "abstain_count": voters // 5 - voters // 10})
        hands.action_close_vote()
        motions += 1
        if index % 2:
            continue
        secret = Motion.create({"meeting_id": meeting.id, "sequence": 2,
                                "method": "secret", "name": "Đề nghị khen thưởng"})
        secret.action_open_vote()
        motions += 1
        voting = meeting.attendance_ids.filtered("can_vote")
        for line in voting[:len(voting) // 2]:
            # what cast_vote does, in this transaction
            secret.sudo()._cast(line.member_id.id, rng.choice(["yes", "yes", "no"]))
    phase("%d motions (hand votes closed, secret ballots open)" % motions, started)
    return meetings, running


def user(env, login, name, group, organizations):
    values = {
        "party_organization_ids": [(6, 0, organizations.ids)],
        "groups_id": [(6, 0, [env.ref(group).id])],
    }
    found = env["res.users"].search([("login", "=", login)])
    if found:
        found.write(values)
        return found
    return env["res.users"].with_context(no_reset_password=True).create(dict(
        values, name=name, login=login, email="%s@example.com" % login))


def timed(env, function, runs):
    function()  # warm-up (rule and translation caches)
    times = []
    for _run in range(runs):
        env.cache.invalidate()
        before = env.cr.sql_log_count
        started = time.perf_counter()
        result = function()
        times.append((time.perf_counter() - started) * 1000)
        queries = env.cr.sql_log_count - before
    return statistics.median(times), times, queries, result


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--meetings", type=int, default=100)
    parser.add_argument("--communes", type=int, default=4)
    parser.add_argument("--history-months", type=int, default=12)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    odoo.tools.config.parse_config(["-c", args.config, "-d", args.database])
    registry = odoo.registry(args.database)
    rng = random.Random(args.seed)
    with api.Environment.manage(), registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {
            "tracking_disable": True, "mail_notrack": True,
            "mail_create_nolog": True, "tz": CITY_TZ})
        started = time.perf_counter()
        history = add_history(env, args.history_months)
        started = phase("history: %d meetings in %d months" % (
            history, args.history_months), started)
        day = date(*map(int, fields.Date.context_today(
            env["party.meeting"]).split("-")))
        communes, cells = cells_of(env, args.meetings, args.communes)
        meetings, running = make_meetings(env, cells, day, rng)
        cr.execute("ANALYZE")
        city = env["party.organization"].search([("code", "=", "GEN")])
        officers = [
            ("city officer (gen_city_officer)", user(
                env, "gen_city_officer", "Generated city officer",
                "party_handbook.group_party_handbook_manager", city), False),
            ("commune officer (gen_officer, %s)" % communes[0].code, user(
                env, "gen_officer", "Generated commune officer",
                "party_handbook.group_party_handbook_officer", communes[0]), False),
            ("city officer, filtered to %s" % communes[0].code,
             env["res.users"].search([("login", "=", "gen_city_officer")]),
             communes[0].id),
        ]
        cr.execute("SELECT count(*) FROM party_meeting")
        print("\n%d meetings in the database; today (%s): %d in %d communes, "
              "%d in progress, %d roster lines" % (
                  cr.fetchone()[0], day, len(meetings), len(communes),
                  len(running), len(meetings.mapped("attendance_ids"))))
        for label, officer, organization in officers:
            Meeting = env["party.meeting"].sudo(officer).with_context(
                tz=CITY_TZ)
            median, times, queries, result = timed(
                env, lambda: Meeting.get_day_overview(str(day), organization),
                args.runs)
            print("%-44s %3d meetings  median %6.1f ms  (runs: %s)  %d queries, "
                  "%d kB JSON" % (
                      label, len(result["meetings"]), median,
                      ", ".join("%.1f" % t for t in times), queries,
                      len(json.dumps(result)) // 1024))
        cr.rollback()


if __name__ == "__main__":
    main()
