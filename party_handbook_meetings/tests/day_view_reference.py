# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The day view as it was assembled before issue #13 (ORM reads of every
model, every explanation built): the reference that the SQL version's
answers are compared with in test_day_view_sql.py."""
from collections import Counter

from ..models.party_meeting_day_view import (
    FILTER_LEVELS, MEETING_FIELDS)

MOTION_FIELDS = [
    "meeting_id", "name", "method", "state", "yes_count", "no_count",
    "abstain_count", "base_count", "voter_count", "result", "explanation",
]


def reference_overview(Meeting, date=False, organization_id=False):
    """What get_day_overview answered for the user of ``Meeting``."""
    day = Meeting._day_overview_date(date)
    scope = Meeting._day_overview_scope(organization_id)
    rows = Meeting.search([("date", "=", day)]).read(MEETING_FIELDS, load=None)
    cell_counts = Counter(row["organization_id"] for row in rows)
    tree = _tree(Meeting, cell_counts)
    if scope:
        rows = [row for row in rows
                if scope.id in tree["chains"][row["organization_id"]]]
    rows.sort(key=lambda row: (tree["paths"][row["organization_id"]],
                               row["date_start"], row["id"]))
    meetings = Meeting.browse([row["id"] for row in rows])
    details = _details(meetings, {row["id"]: row["voter_count"] for row in rows})
    tallies = meetings._tallies()
    labels = Meeting._day_overview_labels()
    result = []
    for row in rows:
        cell = tree["by_id"][row["organization_id"]]
        tally = tallies.get(row["id"])
        numerator = row["quorum_numerator"] or 2
        denominator = row["quorum_denominator"] or 3
        explanation = ""
        required = 0
        if tally and row["state"] != "draft":
            required = tally.required(numerator, denominator)
            explanation = "\n".join((
                tally.explain_base(),
                tally.explain_quorum(numerator, denominator)))
        result.append({
            "id": row["id"], "topic": row["name"], "cell_id": cell["id"],
            "cell": cell["name"],
            "commune": tree["communes"].get(cell["id"], ""),
            "meeting_type": row["meeting_type"],
            "meeting_type_label": labels["meeting_type"].get(
                row["meeting_type"], ""),
            "date_start": row["date_start"],
            "start": Meeting._day_overview_time(row["date_start"]),
            "end": Meeting._day_overview_time(row["date_end"]),
            "location": row["location"] or "",
            "online_url": row["online_url"] or "",
            "state": row["state"],
            "state_label": labels["state"].get(row["state"], ""),
            "present": row["present_count"], "expected": row["expected_count"],
            "voters": row["voter_count"], "base": row["base_count"],
            "required": required,
            "quorum": "%s/%s" % (numerator, denominator),
            "quorum_met": row["quorum_met"],
            "quorum_explanation": explanation,
            "excuse_pending": row["excuse_pending_count"],
            "excuse_pending_names": details["excuses"].get(row["id"], []),
            "agenda": details["agenda"].get(row["id"], []),
            "motions": details["motions"].get(row["id"], []),
        })
    return {
        "date": day, "today": Meeting._day_overview_today(),
        "organization_id": scope.id if scope else False,
        "organizations": tree["filters"],
        "refresh_seconds": Meeting._day_overview_refresh(),
        "totals": Meeting._day_overview_totals(result),
        "meetings": result,
    }


def _tree(Meeting, cell_counts):
    result = {"by_id": {}, "chains": {}, "paths": {}, "communes": {},
              "filters": []}
    Organization = Meeting.env["party.organization"]
    by_id = result["by_id"]
    ids = set(cell_counts)
    while ids:
        for row in Organization.browse(ids).read(
                ["name", "code", "level", "parent_id"], load=None):
            by_id[row["id"]] = row
        ids = {row["parent_id"] for row in by_id.values()
               if row["parent_id"]} - set(by_id)

    def chain(org_id):
        ids = []
        while org_id and org_id in by_id and org_id not in ids:
            ids.append(org_id)
            org_id = by_id[org_id]["parent_id"]
        return ids

    counts = Counter()
    for cell_id, count in cell_counts.items():
        up = chain(cell_id)
        result["chains"][cell_id] = set(up)
        above = [by_id[i] for i in up[1:]]
        nearest = [a for a in above if a["level"] == "commune"][:1] or above[:1]
        result["communes"][cell_id] = nearest[0]["name"] if nearest else ""
        for org_id in up:
            counts[org_id] += count
    for org_id, row in by_id.items():
        up = chain(org_id)
        result["paths"][org_id] = tuple(
            (by_id[i]["code"] or "", by_id[i]["name"]) for i in reversed(up))
        if row["level"] in FILTER_LEVELS:
            result["filters"].append({
                "id": org_id, "name": row["name"], "level": row["level"],
                "depth": len(up) - 1, "count": counts[org_id]})
    result["filters"].sort(key=lambda f: result["paths"][f["id"]])
    return result


def _details(meetings, voters):
    result = {"agenda": {}, "motions": {}, "excuses": {}}
    if not meetings:
        return result
    env = meetings.env
    domain = [("meeting_id", "in", meetings.ids)]
    rows = env["party.meeting.agenda"].search(
        domain, order="sequence, id").read(
            ["meeting_id", "name", "presenter_id"], load=None)
    presenters = dict(env["party.member"].browse(
        {row["presenter_id"] for row in rows if row["presenter_id"]}
    ).sudo().name_get())
    for row in rows:
        result["agenda"].setdefault(row["meeting_id"], []).append({
            "id": row["id"], "name": row["name"],
            "presenter": presenters.get(row["presenter_id"], "")})
    Motion = env["party.meeting.motion"]
    rows = Motion.search(domain, order="sequence, id").read(
        MOTION_FIELDS, load=None)
    voted = {}
    live = [row["id"] for row in rows if row["state"] == "open"]
    if live:
        env.cr.execute("""
            SELECT motion_id, count(*) FROM party_meeting_vote
             WHERE motion_id IN %s GROUP BY motion_id""", (tuple(live),))
        voted = dict(env.cr.fetchall())
    labels = {name: dict(Motion._fields[name]._description_selection(env))
              for name in ("method", "state", "result")}
    for row in rows:
        motion = _motion(row, labels, voters, voted)
        if row["method"] == "secret":
            motion["ballot_parts"] = Motion.browse(row["id"]).ballot_parts or ""
        result["motions"].setdefault(row["meeting_id"], []).append(motion)
    rows = env["party.meeting.attendance"].search(
        domain + [("excuse_state", "=", "requested")], order="member_name, id"
    ).read(["meeting_id", "member_name"], load=None)
    for row in rows:
        result["excuses"].setdefault(row["meeting_id"], []).append(
            row["member_name"])
    return result


def _motion(row, labels, voters, voted):
    motion = {
        "id": row["id"], "title": row["name"], "method": row["method"],
        "method_label": labels["method"].get(row["method"], ""),
        "state": row["state"],
        "state_label": labels["state"].get(row["state"], ""),
        "yes": None, "no": None, "abstain": None, "voted": None,
        "voters": row["voter_count"], "base": row["base_count"],
        "result": row["result"] or False,
        "result_label": labels["result"].get(row["result"], ""),
        "explanation": row["explanation"] or "",
    }
    if row["state"] == "closed" or (
            row["state"] == "open" and row["method"] == "hands"):
        motion.update(yes=row["yes_count"], no=row["no_count"],
                      abstain=row["abstain_count"])
        motion["voted"] = row["yes_count"] + row["no_count"] + \
            row["abstain_count"]
    if row["state"] == "open":
        motion["voters"] = voters.get(row["meeting_id"], 0)
        if row["method"] != "hands":
            motion["voted"] = voted.get(row["id"], 0)
    return motion
