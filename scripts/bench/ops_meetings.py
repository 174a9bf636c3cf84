# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Benchmark operations: the supervisor's day view and the meeting statistics.

The contract is in ``core.py``. ``setup`` (committed, idempotent) gives the
generated city (``scripts/generate_data.py``):

* 24 months of meeting history written in SQL, once (marked by the topic
  ``Benchmark regular``): every generated cell holds its regular meeting in
  9 months out of 10 (4 in 5 with approved minutes, 1 in 20 without quorum,
  two closed motions each) and a thematic meeting every quarter, so that the
  statistics have 5,000 cells × 24 months and the day's meetings are found
  among more than 100,000;
* today's meetings (in the city's time zone), once a day (topic
  ``Benchmark day view``), through the secretaries' own actions: 100
  meetings in 25 cells of each of the first 4 generated communes, with a
  three-item agenda, announced (roster, calendar event, invitations), three
  in four started, attendance recorded (most present, some absent, some
  excused, a few excuse requests), a hand vote closed in each started
  meeting and an open secret ballot with votes in every other one.

Each operation's floor is the same work in hand-written SQL: the rows the
answer is made of (day view), or the sums of the pivot from the tables
(statistics), for the same user's subtree.
"""
import random

from dateutil.relativedelta import relativedelta

from odoo import fields

CITY_TZ = "Asia/Ho_Chi_Minh"
DAY_TOPIC = "Benchmark day view"
HISTORY_MONTHS = 24
DAY_MEETINGS = 100
DAY_COMMUNES = 4
HELD = ("closed", "approved")

HISTORY_SQL = """
    SELECT setseed(0.13);
    CREATE TEMP TABLE bench_month ON COMMIT DROP AS
    SELECT o.id AS org, m::date AS month, random() AS r
      FROM party_organization o,
           generate_series(
               %(first)s::date, %(last)s::date, interval '1 month') m
     WHERE o.level = 'cell' AND o.code LIKE 'GEN-%%'
     ORDER BY o.id, m;
    INSERT INTO party_meeting (name, organization_id, meeting_type, date_start,
           date_end, date, state, quorum_numerator, quorum_denominator,
           expected_count, present_count, base_count, voter_count,
           excuse_pending_count, quorum_met, create_uid, create_date,
           write_uid, write_date)
    SELECT 'Benchmark regular', org, 'regular',
           month + interval '4 days 30 minutes',
           month + interval '4 days 3 hours', month + 4,
           CASE WHEN r < 0.8 THEN 'approved' ELSE 'closed' END, 2, 3, 20,
           14 + (r * 6)::int, 19, 13 + (r * 6)::int, 0, r > 0.05, 1,
           now() at time zone 'UTC', 1, now() at time zone 'UTC'
      FROM bench_month WHERE r < 0.9
    UNION ALL
    SELECT 'Benchmark thematic', org, 'thematic',
           month + interval '19 days 30 minutes',
           month + interval '19 days 3 hours', month + 19, 'approved', 2, 3,
           20, 16, 19, 15, 0, TRUE, 1, now() at time zone 'UTC', 1,
           now() at time zone 'UTC'
      FROM bench_month WHERE extract(month FROM month)::int %% 3 = 0;
    INSERT INTO party_meeting_motion (meeting_id, organization_id, meeting_date,
           sequence, name, method, state, yes_count, no_count, abstain_count,
           base_count, voter_count, result, create_uid, create_date,
           write_uid, write_date)
    SELECT m.id, m.organization_id, m.date, s, 'Benchmark motion', 'hands',
           'closed', 12, 1, 0, 19, 13,
           CASE WHEN NOT m.quorum_met THEN 'invalid'
                WHEN s = 1 THEN 'passed' ELSE 'rejected' END, 1,
           now() at time zone 'UTC', 1, now() at time zone 'UTC'
      FROM party_meeting m, generate_series(1, 2) s
     WHERE m.name = 'Benchmark regular';
"""


def _today(env):
    return fields.Date.from_string(fields.Date.context_today(
        env["party.meeting"].with_context(tz=CITY_TZ)))


def _organization(env, code):
    org = env["party.organization"].search([("code", "=", code)])
    if not org:
        raise RuntimeError("no organization %s: generate the city first "
                           "(scripts/generate_data.py)" % code)
    return org


def add_history(env):
    """The 24 months before this one, once."""
    env.cr.execute("SELECT 1 FROM party_meeting WHERE name = 'Benchmark regular' "
                   "LIMIT 1")
    if env.cr.fetchone():
        return
    this_month = _today(env).replace(day=1)
    env.cr.execute(HISTORY_SQL, {
        "first": this_month - relativedelta(months=HISTORY_MONTHS),
        "last": this_month - relativedelta(months=1)})
    env.cr.execute("ANALYZE party_meeting")
    env.cr.execute("ANALYZE party_meeting_motion")


def day_cells(env):
    """25 cells in each of the first 4 generated communes."""
    Organization = env["party.organization"]
    communes = Organization.search(
        [("code", "like", "GEN-C%"), ("level", "=", "commune")],
        order="code", limit=DAY_COMMUNES)
    cells = Organization.browse()
    per_commune = -(-DAY_MEETINGS // len(communes))
    for commune in communes:
        cells |= Organization.search([
            ("id", "child_of", commune.id), ("level", "=", "cell")],
            order="parent_left", limit=per_commune)
    return cells[:DAY_MEETINGS]


def add_day(env):
    """Today's meetings, once a day, through the secretaries' actions."""
    env = env(context=dict(env.context, tracking_disable=True, mail_notrack=True,
                           mail_create_nolog=True, tz=CITY_TZ))
    Meeting = env["party.meeting"]
    Motion = env["party.meeting.motion"]
    day = _today(env)
    existing = Meeting.search([("name", "=", DAY_TOPIC),
                               ("date", "=", fields.Date.to_string(day))])
    if existing:
        return
    rng = random.Random(1)
    # 07:30 to 10:30 in Hue (00:30 to 03:30 UTC)
    meetings = Meeting.browse()
    for index, cell in enumerate(day_cells(env)):
        hour = index % 4
        meetings |= Meeting.create({
            "name": DAY_TOPIC, "organization_id": cell.id,
            "date_start": "%s %02d:30:00" % (day, hour),
            "date_end": "%s %02d:00:00" % (day, hour + 3),
            "location": "Nhà văn hóa %s" % cell.name,
            "chair_id": cell.member_ids[:1].id,
            "secretary_id": cell.member_ids[:1].id,
            "agenda_item_ids": [
                (0, 0, {"sequence": i, "name": name,
                        "presenter_id": cell.member_ids[:1].id if i == 0 else False})
                for i, name in enumerate((
                    "Thông báo thời sự", "Đánh giá kết quả tháng trước",
                    "Triển khai nhiệm vụ tháng tới"))],
        })
    # announced on the day itself: the secretaries confirm the warnings
    meetings.action_announce_anyway()
    running = meetings.filtered(lambda m: rng.random() < 0.75)
    running.action_start()
    expected = running.mapped("attendance_ids").filtered(
        lambda l: l.state == "expected")
    draws = {line.id: rng.random() for line in expected}
    expected.filtered(lambda l: draws[l.id] < 0.85).action_present()
    expected.filtered(lambda l: 0.85 <= draws[l.id] < 0.92).action_absent()
    expected.filtered(lambda l: 0.92 <= draws[l.id] < 0.97).action_excused()
    waiting = (meetings - running).mapped("attendance_ids")[::40]
    waiting.mapped("member_id").filtered(
        lambda m: not m.assistance_consent_date
    ).action_record_assistance_consent("Signed form")
    for line in waiting:
        line.action_request_excuse("Đi công tác")
    for index, meeting in enumerate(running):
        hands = Motion.create({"meeting_id": meeting.id, "sequence": 1,
                               "name": "Nghị quyết tháng %s" % day.month})
        hands.action_open_vote()
        voters = meeting.voter_count
        hands.write({"yes_count": voters - voters // 5, "no_count": voters // 10,
                     "abstain_count": voters // 5 - voters // 10})
        hands.action_close_vote()
        if index % 2:
            continue
        secret = Motion.create({"meeting_id": meeting.id, "sequence": 2,
                                "method": "secret", "name": "Đề nghị khen thưởng"})
        secret.action_open_vote()
        voting = meeting.attendance_ids.filtered("can_vote")
        for line in voting[:len(voting) // 2]:
            # what cast_vote does, in this transaction
            secret.sudo()._cast(line.member_id.id, rng.choice(["yes", "yes", "no"]))
    env.cr.execute("ANALYZE party_meeting")


def setup(env):
    add_history(env)
    add_day(env)
    city = _organization(env, "GEN")
    commune = _organization(env, "GEN-C01")
    this_month = _today(env).replace(day=1)
    env.cr.execute("SELECT id, parent_left, parent_right FROM party_organization "
                   "WHERE id IN %s", (tuple((city | commune).ids),))
    bounds = {row[0]: row[1:] for row in env.cr.fetchall()}
    return {
        "day": fields.Date.to_string(_today(env)),
        "city": bounds[city.id], "commune": bounds[commune.id],
        "commune_id": commune.id,
        "period": (fields.Date.to_string(this_month - relativedelta(months=12)),
                   fields.Date.to_string(this_month)),
    }


# --- the day view ------------------------------------------------------------------

def day_view_run(env, state):
    overview = env["party.meeting"].with_context(tz=CITY_TZ).get_day_overview(
        state["day"])
    return len(overview["meetings"])


def day_view_floor(bounds):
    """The rows the day view is made of, in SQL, for the meetings of the
    day in the nested-set interval ``bounds`` (None: every meeting)."""
    def floor(cr, state):
        scope = ""
        params = {"day": state["day"]}
        if bounds:
            scope = """JOIN party_organization o ON o.id = m.organization_id
                       AND o.parent_left >= %(left)s AND o.parent_left < %(right)s"""
            params.update(left=state[bounds][0], right=state[bounds][1])
        cr.execute("""
            SELECT m.id, m.name, m.organization_id, m.meeting_type,
                   m.date_start, m.date_end, m.location, m.online_url, m.state,
                   m.expected_count, m.present_count, m.base_count,
                   m.voter_count, m.excuse_pending_count, m.quorum_met,
                   m.quorum_numerator, m.quorum_denominator
              FROM party_meeting m %s WHERE m.date = %%(day)s""" % scope, params)
        meetings = cr.fetchall()
        ids = [row[0] for row in meetings]
        cells = sorted({row[2] for row in meetings})
        cr.execute("""
            WITH RECURSIVE up(id) AS (
                SELECT unnest(%s::integer[]) UNION
                SELECT o.parent_id FROM party_organization o JOIN up ON up.id = o.id
                 WHERE o.parent_id IS NOT NULL)
            SELECT o.id, o.name, o.code, o.level, o.parent_id
              FROM party_organization o JOIN up ON up.id = o.id""", (cells,))
        cr.fetchall()
        cr.execute("""
            SELECT a.id, a.meeting_id, a.name, p.name FROM party_meeting_agenda a
              LEFT JOIN party_member pm ON pm.id = a.presenter_id
              LEFT JOIN res_partner p ON p.id = pm.partner_id
             WHERE a.meeting_id = ANY(%s) ORDER BY a.sequence, a.id""", (ids,))
        cr.fetchall()
        cr.execute("""
            SELECT mo.id, mo.meeting_id, mo.name, mo.method, mo.state,
                   mo.yes_count, mo.no_count, mo.abstain_count, mo.base_count,
                   mo.voter_count, mo.result,
                   (SELECT count(*) FROM party_meeting_vote v
                     WHERE v.motion_id = mo.id)
              FROM party_meeting_motion mo WHERE mo.meeting_id = ANY(%s)
             ORDER BY mo.sequence, mo.id""", (ids,))
        cr.fetchall()
        cr.execute("""
            SELECT meeting_id, member_name FROM party_meeting_attendance
             WHERE meeting_id = ANY(%s) AND excuse_state = 'requested'
             ORDER BY member_name, id""", (ids,))
        cr.fetchall()
        return len(meetings)
    return floor


# --- the statistics ----------------------------------------------------------------

PIVOT_FIELDS = ["due", "held", "meetings", "present", "expected",
                "motions_passed"]


def statistics_run(groupby):
    def run(env, state):
        start, stop = state["period"]
        return len(env["party.meeting.statistics"].read_group(
            [("month", ">=", start), ("month", "<", stop)],
            [groupby, "month"] + PIVOT_FIELDS, [groupby, "month:month"],
            lazy=False))
    return run


FLOOR_STATISTICS_SQL = """
    WITH cells AS MATERIALIZED (
        SELECT cell.id, cell.date_start, cell.date_end, %(key)s AS key
          FROM party_organization cell
          %(join)s
         WHERE cell.level = 'cell' AND (cell.active OR cell.date_end IS NOT NULL)
           AND cell.parent_left > %%(left)s AND cell.parent_left < %%(right)s
    ), months AS (
        SELECT (%%(start)s::date + make_interval(months => i))::date AS month
          FROM generate_series(0, %%(months)s - 1) i
    ), held AS (
        SELECT m.organization_id AS org,
               date_trunc('month', m.date::timestamp)::date AS month,
               max((m.meeting_type = 'regular')::integer) AS held,
               count(*) AS meetings, sum(m.present_count) AS present,
               sum(m.expected_count) AS expected
          FROM party_meeting m
         WHERE m.date >= %%(start)s AND m.date < %%(stop)s
           AND m.state IN ('closed', 'approved')
           AND m.organization_id IN (SELECT id FROM cells)
         GROUP BY 1, 2
    ), passed AS (
        SELECT m.organization_id AS org,
               date_trunc('month', m.date::timestamp)::date AS month,
               count(*) AS passed
          FROM party_meeting m
          JOIN party_meeting_motion mo ON mo.meeting_id = m.id
         WHERE m.date >= %%(start)s AND m.date < %%(stop)s
           AND m.state IN ('closed', 'approved')
           AND m.organization_id IN (SELECT id FROM cells)
           AND mo.state = 'closed' AND mo.result = 'passed'
         GROUP BY 1, 2
    )
    SELECT c.key, months.month,
           count(*) FILTER (WHERE (c.date_start IS NULL
                   OR c.date_start < months.month + interval '1 month')
               AND (c.date_end IS NULL OR c.date_end >= months.month)),
           sum(h.held), sum(h.meetings), sum(h.present), sum(h.expected),
           sum(p.passed)
      FROM cells c CROSS JOIN months
      LEFT JOIN held h ON h.org = c.id AND h.month = months.month
      LEFT JOIN passed p ON p.org = c.id AND p.month = months.month
     GROUP BY 1, 2
"""


def statistics_floor(by_commune):
    """The pivot's sums from the tables: by commune (nested sets) and month
    over the city, or by cell and month over one commune."""
    if by_commune:
        sql = FLOOR_STATISTICS_SQL % {
            "key": "commune.id",
            "join": "JOIN party_organization commune ON commune.level = 'commune'"
                    " AND commune.parent_left <= cell.parent_left"
                    " AND commune.parent_right > cell.parent_left"}
    else:
        sql = FLOOR_STATISTICS_SQL % {"key": "cell.id", "join": ""}

    def floor(cr, state):
        start, stop = state["period"]
        left, right = state["city" if by_commune else "commune"]
        cr.execute(sql, {"start": start, "stop": stop, "left": left,
                         "right": right, "months": 12})
        return len(cr.fetchall())
    return floor


def operations(size):  # pylint: disable=unused-argument
    day_view = "day view: %d meetings" % DAY_MEETINGS
    return [
        {"name": "%s (city officer)" % day_view, "group": "report",
         "target": 3.0, "runs": None, "login": "gen_city_officer",
         "setup": setup, "run": day_view_run, "floor": day_view_floor(None)},
        {"name": "%s (commune officer)" % day_view, "group": "report",
         "target": 3.0, "runs": None, "login": "gen_officer",
         "setup": setup, "run": day_view_run, "floor": day_view_floor("commune")},
        {"name": "%s (supervisor)" % day_view, "group": "report",
         "target": 3.0, "runs": None, "login": "gen_supervisor",
         "setup": setup, "run": day_view_run, "floor": day_view_floor("commune")},
        {"name": "meeting statistics pivot: commune × month, 12 months "
                 "(city officer)", "group": "report", "target": 3.0,
         "runs": None, "login": "gen_city_officer", "setup": setup,
         "run": statistics_run("committee_id"), "floor": statistics_floor(True)},
        {"name": "meeting statistics pivot: cell × month, 12 months "
                 "(commune officer)", "group": "report", "target": 3.0,
         "runs": None, "login": "gen_officer", "setup": setup,
         "run": statistics_run("organization_id"),
         "floor": statistics_floor(False)},
    ]
