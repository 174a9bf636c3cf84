# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The supervisor's live day view: every meeting of a day in one answer.

``get_day_overview`` feeds the web client's day view (static/src/js/
party_meeting_day_view.js). It is assembled from a few SQL queries (the
meetings, the organizations above their cells, the agenda items, the motions,
the pending excuse requests), each for all the meetings of the day, so its
number of queries does not grow with the number of meetings. Visibility is the
user's own: the meetings are those the meeting's record rules let the user
read (``_day_overview_allowed``: the rules' SQL in a subquery, resolved once),
their agenda, motions and roster rows are theirs (rows that carry their
meeting's organization, which the rules of those models test); the user's
right to read each model is checked. Labels are translated once per call;
the explanations of the Statute's verdicts are built on demand
(``get_day_explanations``) or for the items the user has open.
"""
import re
from collections import Counter
from datetime import datetime

import pytz
from psycopg2 import sql

from odoo import _, api, fields, models
from odoo.exceptions import UserError


# refresh period of open day views when no bus message arrives (seconds)
REFRESH_PARAM = "party_handbook_meetings.day_view_refresh_seconds"
DEFAULT_REFRESH = 20
# explanations asked in one call ("motion-12"): a day of a city's meetings
# has a few thousand motions at most
MAX_EXPLANATIONS = 5000
KEY_NUMBER = re.compile(r"^[0-9]{1,10}$")
MIN_REFRESH = 2
MEETING_FIELDS = [
    "name", "organization_id", "meeting_type", "date_start", "date_end",
    "location", "online_url", "state", "expected_count", "present_count",
    "base_count", "voter_count", "excuse_pending_count", "quorum_met",
    "quorum_numerator", "quorum_denominator",
]
# organization levels offered as a filter of the day view
FILTER_LEVELS = ("city", "commune", "grassroots", "subcommittee")


class PartyMeeting(models.Model):
    _inherit = "party.meeting"

    @api.model
    def get_day_overview(self, date=False, organization_id=False, expanded=None):
        """The meetings of ``date`` (local day, ``YYYY-MM-DD``; today when
        empty) that the user can read, optionally only those of the subtree
        of ``organization_id``, as a JSON-able dict::

            {"date", "today", "refresh_seconds", "organization_id",
             "organizations": [{id, name, level, depth, count}],
             "totals": {meetings, draft, announced, in_progress, closed,
                        cancelled, present, expected, quorum_met,
                        excuse_pending},
             "meetings": [{id, cell, commune, topic, state, state_label,
                           start, end, present, expected, voters, base,
                           required, quorum_met, quorum_explanation,
                           agenda: [...], motions: [...], ...}]}

        Explanations (of the quorum, of a motion's result) are built on
        demand: only for the keys of ``expanded`` (``"meeting-<id>"``,
        ``"motion-<id>"``: those the user has open), else empty; the client
        asks ``get_day_explanations`` when the user opens one. A motion
        says whether it has one (``has_explanation``).
        """
        day = self._day_overview_date(date)
        scope = self._day_overview_scope(organization_id)
        wanted = self._day_overview_expanded(expanded)
        # every meeting of the day that the user may read (record rules),
        # in one query
        rows = self._day_overview_rows(day)
        cell_counts = Counter(row["organization_id"] for row in rows)
        # the cells and the organizations above them: names, communes, the
        # choices of the filter and the order of the tree
        tree = self._day_overview_tree(cell_counts)
        if scope:
            rows = [row for row in rows
                    if scope.id in tree["chains"][row["organization_id"]]]
        rows.sort(key=lambda row: (tree["paths"][row["organization_id"]],
                                   row["date_start"], row["id"]))
        meetings = self.browse([row["id"] for row in rows])
        details = meetings._day_overview_details(
            {row["id"]: row["voter_count"] for row in rows},
            wanted["motion"])
        explanations = meetings.browse(
            [row["id"] for row in rows if row["id"] in wanted["meeting"]]
        )._day_overview_quorum_explanations()
        labels = self._day_overview_labels()
        zone = pytz.timezone(self._day_overview_tz())
        result = []
        for row in rows:
            cell = tree["by_id"][row["organization_id"]]
            numerator = row["quorum_numerator"] or 2
            denominator = row["quorum_denominator"] or 3
            required = 0
            if row["state"] != "draft":
                # Tally.required() of the stored counted base
                required = -(-(row["base_count"] or 0) * numerator // denominator)
            result.append({
                "id": row["id"],
                "topic": row["name"],
                "cell_id": cell["id"],
                "cell": cell["name"],
                "commune": tree["communes"].get(cell["id"], ""),
                "meeting_type": row["meeting_type"],
                "meeting_type_label": labels["meeting_type"].get(
                    row["meeting_type"], ""),
                "date_start": row["date_start"],
                "start": self._day_overview_time(row["date_start"], zone),
                "end": self._day_overview_time(row["date_end"], zone),
                "location": row["location"] or "",
                "online_url": row["online_url"] or "",
                "state": row["state"],
                "state_label": labels["state"].get(row["state"], ""),
                "present": row["present_count"],
                "expected": row["expected_count"],
                "voters": row["voter_count"],
                "base": row["base_count"],
                "required": required,
                "quorum": "%s/%s" % (numerator, denominator),
                "quorum_met": row["quorum_met"],
                "quorum_explanation": explanations.get(row["id"], ""),
                "excuse_pending": row["excuse_pending_count"],
                "excuse_pending_names": details["excuses"].get(row["id"], []),
                "agenda": details["agenda"].get(row["id"], []),
                "motions": details["motions"].get(row["id"], []),
            })
        return {
            "date": day,
            "today": self._day_overview_today(),
            "organization_id": scope.id if scope else False,
            "organizations": tree["filters"],
            "refresh_seconds": self._day_overview_refresh(),
            "totals": self._day_overview_totals(result),
            "meetings": result,
        }

    @api.model
    def get_day_explanations(self, keys):
        """The explanations the day view shows when the user opens them:
        ``keys`` are ``"meeting-<id>"`` (how the quorum is counted) and
        ``"motion-<id>"`` (why a motion passed or not). Returns {key: text}
        for the meetings and motions the user may read (record rules),
        an empty text for a meeting still in draft."""
        wanted = self._day_overview_expanded(keys)
        result = {}
        meetings = self.search([("id", "in", sorted(wanted["meeting"]))])
        for meeting_id, text in meetings._day_overview_quorum_explanations(
                ).items():
            result["meeting-%d" % meeting_id] = text
        Motion = self.env["party.meeting.motion"]
        motions = Motion.search([("id", "in", sorted(wanted["motion"]))])
        for row in motions.read(["explanation"], load=None):
            result["motion-%d" % row["id"]] = row["explanation"] or ""
        return result

    @api.model
    def day_view_listen(self):
        """Called by a day view that has just added its channel to the bus.

        Odoo 11's bus reads its channels when a long-polling request starts,
        and the web client's request may wait 50 seconds before the next one:
        a ping on the user's own contact channel (which the web client
        ignores) ends the pending request, and the next one listens to the
        meetings' live channel too."""
        self.check_access_rights("read")
        self.env["bus.bus"].sendone(
            (self._cr.dbname, "res.partner", self.env.user.partner_id.id),
            {"type": "party_meeting_day_view"})
        return True

    # helpers ------------------------------------------------------------------
    @api.model
    def _day_overview_date(self, date):
        if not date:
            return self._day_overview_today()
        try:
            return fields.Date.to_string(fields.Date.from_string(date))
        except (TypeError, ValueError):
            raise UserError(_("“%(date)s” is not a date: choose a day such as "
                              "2026-11-05.") % {"date": date})

    @api.model
    def _day_overview_today(self):
        """Today in the user's time zone, or else in the city's."""
        return fields.Date.context_today(self.with_context(tz=self._day_overview_tz()))

    @api.model
    def _day_overview_tz(self):
        tz = self.env.context.get("tz") or self.env.user.tz
        return tz if tz in pytz.all_timezones_set else self._city_tz()

    @api.model
    def _day_overview_scope(self, organization_id):
        if not organization_id:
            return self.env["party.organization"]
        if not isinstance(organization_id, int) or isinstance(organization_id, bool):
            raise UserError(_("Choose an organization from the list."))
        scope = self.env["party.organization"].browse(organization_id).exists()
        if not scope:
            raise UserError(_("This organization no longer exists."))
        return scope

    @api.model
    def _day_overview_tree(self, cell_counts):
        """The organizations of ``cell_counts`` ({organization id: number of
        meetings}) and every organization above them, read in one
        recursive query following ``parent_id`` (the nested sets are not
        maintained while modules install). Returns
        ``by_id`` (the rows read), ``chains`` ({cell id: ids of the cell and
        the organizations above it}), ``paths`` (sort keys in the tree's
        order: codes and names from the top), ``communes`` ({cell id: name
        of its commune, or else of the organization just above it}) and
        ``filters`` (the organizations above the cells, in the tree's order,
        with their depth and number of meetings)."""
        result = {"by_id": {}, "chains": {}, "paths": {}, "communes": {},
                  "filters": []}
        by_id = result["by_id"]
        if cell_counts:
            # organizations are not personal data and have no record rule:
            # every user who may read a meeting may read its cell's tree
            self.env["party.organization"].check_access_rights("read")
            self.env.cr.execute("""
                WITH RECURSIVE up(id) AS (
                    SELECT unnest(%s::integer[])
                    UNION
                    SELECT o.parent_id FROM party_organization o
                      JOIN up ON up.id = o.id
                     WHERE o.parent_id IS NOT NULL)
                SELECT o.id, o.name, o.code, o.level, o.parent_id
                  FROM party_organization o JOIN up ON up.id = o.id""",
                                (sorted(cell_counts),))
            for org_id, name, code, level, parent_id in self.env.cr.fetchall():
                by_id[org_id] = {"id": org_id, "name": name, "code": code or False,
                                 "level": level or False,
                                 "parent_id": parent_id or False}

        def chain(org_id):
            ids = []
            while org_id and org_id in by_id and org_id not in ids:
                ids.append(org_id)
                org_id = by_id[org_id]["parent_id"]
            return ids  # from the organization up to the top

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

    def _day_overview_details(self, voters, explained=()):
        """Agenda items, motions and pending excuse requests of these
        meetings: one query per model for all of them. ``self``: meetings
        the user may read (their record rules applied); the rows of their
        agenda, motions and roster carry their meeting's organization, which
        is what these models' rules test, so the meetings' rules are not
        resolved again for each (the user's right to read each model is
        checked). ``voters``: {meeting id: eligible voters present};
        ``explained``: ids of the motions whose explanation is wanted (the
        others' is left empty)."""
        result = {"agenda": {}, "motions": {}, "excuses": {}}
        if not self:
            return result
        cr = self.env.cr
        for model in ("party.meeting.agenda", "party.meeting.motion",
                      "party.meeting.attendance"):
            self.env[model].check_access_rights("read")
        ids = list(self.ids)
        # the presenters' names as name_get gives them (the partner's)
        cr.execute("""
            SELECT a.id, a.meeting_id, a.name, p.name
              FROM party_meeting_agenda a
              LEFT JOIN party_member pm ON pm.id = a.presenter_id
              LEFT JOIN res_partner p ON p.id = pm.partner_id
             WHERE a.meeting_id = ANY(%s)
             ORDER BY a.sequence, a.id""", (ids,))
        for item_id, meeting_id, name, presenter in cr.fetchall():
            result["agenda"].setdefault(meeting_id, []).append({
                "id": item_id, "name": name, "presenter": presenter or ""})
        # how many have voted so far on open votes (the register of who
        # voted, whatever the method: never how)
        cr.execute("""
            SELECT mo.id, mo.meeting_id, mo.name, mo.method, mo.state,
                   COALESCE(mo.yes_count, 0), COALESCE(mo.no_count, 0),
                   COALESCE(mo.abstain_count, 0), COALESCE(mo.base_count, 0),
                   COALESCE(mo.voter_count, 0), mo.result,
                   COALESCE(mo.explanation, '') != '',
                   CASE WHEN mo.state = 'open' THEN
                       (SELECT count(*) FROM party_meeting_vote v
                         WHERE v.motion_id = mo.id) END,
                   CASE WHEN mo.id = ANY(%s) THEN mo.explanation END
              FROM party_meeting_motion mo
             WHERE mo.meeting_id = ANY(%s)
             ORDER BY mo.sequence, mo.id""", (sorted(explained), ids))
        columns = ("id", "meeting_id", "name", "method", "state", "yes_count",
                   "no_count", "abstain_count", "base_count", "voter_count",
                   "result", "has_explanation", "voted", "explanation")
        rows = [dict(zip(columns, row)) for row in cr.fetchall()]
        voted = {row["id"]: row["voted"] for row in rows if row["voted"] is not None}
        Motion = self.env["party.meeting.motion"]
        labels = {name: dict(Motion._fields[name]._description_selection(self.env))
                  for name in ("method", "state", "result")}
        for row in rows:
            result["motions"].setdefault(row["meeting_id"], []).append(
                self._day_overview_motion(row, labels, voters, voted))
        cr.execute("""
            SELECT meeting_id, member_name FROM party_meeting_attendance
             WHERE meeting_id = ANY(%s) AND excuse_state = 'requested'
             ORDER BY member_name, id""", (ids,))
        for meeting_id, name in cr.fetchall():
            result["excuses"].setdefault(meeting_id, []).append(name or False)
        return result

    @api.model
    def _day_overview_motion(self, row, labels, voters, voted):
        motion = {
            "id": row["id"], "title": row["name"],
            "method": row["method"] or False,
            "method_label": labels["method"].get(row["method"], ""),
            "state": row["state"] or False,
            "state_label": labels["state"].get(row["state"], ""),
            "yes": None, "no": None, "abstain": None, "voted": None,
            "voters": row["voter_count"], "base": row["base_count"],
            "result": row["result"] or False,
            "result_label": labels["result"].get(row["result"], ""),
            "has_explanation": bool(row["has_explanation"]),
            "explanation": row["explanation"] or "",
        }
        if row["state"] == "closed" or (
                row["state"] == "open" and row["method"] == "hands"):
            motion.update(yes=row["yes_count"], no=row["no_count"],
                          abstain=row["abstain_count"])
            motion["voted"] = row["yes_count"] + row["no_count"] + \
                row["abstain_count"]
        if row["state"] == "open":
            # while the vote is open: how many have voted, not how (the
            # running counts of a named or secret vote are not shown)
            motion["voters"] = voters.get(row["meeting_id"], 0)
            if row["method"] != "hands":
                motion["voted"] = voted.get(row["id"], 0)
        return motion

    @api.model
    def _day_overview_allowed(self, model, domain):
        """(psycopg2 SQL, params) of a subquery selecting the ids of the records of
        ``model`` matching ``domain`` that the user may read: the access
        rights are checked and the model's record rules applied as a search
        would (AccessError without the right to read)."""
        Model = self.env[model]
        Model.check_access_rights("read")
        query = Model._where_calc(domain)
        Model._apply_ir_rules(query, "read")
        from_clause, where_clause, params = query.get_sql()
        return sql.SQL('SELECT "%s".id FROM %s WHERE %s' % (
            Model._table, from_clause, where_clause or "TRUE")), list(params)

    @api.model
    def _day_overview_rows(self, day):
        """The meetings of ``day`` the user may read: one query."""
        allowed, params = self._day_overview_allowed(
            "party.meeting", [("date", "=", day)])
        cr = self.env.cr
        cr.execute(sql.SQL("""
            SELECT m.id, m.name, m.organization_id, m.meeting_type,
                   m.date_start, m.date_end,
                   m.location, m.online_url, m.state,
                   COALESCE(m.expected_count, 0), COALESCE(m.present_count, 0),
                   COALESCE(m.base_count, 0), COALESCE(m.voter_count, 0),
                   COALESCE(m.excuse_pending_count, 0),
                   COALESCE(m.quorum_met, FALSE),
                   COALESCE(m.quorum_numerator, 0),
                   COALESCE(m.quorum_denominator, 0)
              FROM party_meeting m
             WHERE m.id IN ({})""").format(allowed).as_string(cr._obj), params)
        columns = ["id"] + MEETING_FIELDS
        rows = []
        for values in cr.fetchall():
            row = dict(zip(columns, values))
            for name in ("meeting_type", "state"):
                row[name] = row[name] or False
            # UTC strings, as the ORM gives them (to the second)
            for name in ("date_start", "date_end"):
                row[name] = row[name] and str(row[name])[:19] or False
            rows.append(row)
        return rows

    @api.model
    def _day_overview_expanded(self, keys):
        """{"meeting": ids, "motion": ids} of keys such as "motion-12"."""
        wanted = {"meeting": set(), "motion": set()}
        if not keys:
            return wanted
        if not isinstance(keys, (list, tuple)) or len(keys) > MAX_EXPLANATIONS:
            raise UserError(_("Choose the explanations to show from the list."))
        for key in keys:
            kind, _sep, number = str(key).partition("-")
            if kind in wanted and KEY_NUMBER.match(number):
                wanted[kind].add(int(number))
        return wanted

    def _day_overview_quorum_explanations(self):
        """{meeting id: how the quorum is counted} (the words of the
        meeting's form), empty for a draft meeting or an empty roster."""
        if not self:
            return {}
        tallies = self._tallies()
        result = {}
        for row in self.read(["state", "quorum_numerator", "quorum_denominator"],
                             load=None):
            tally = tallies.get(row["id"])
            result[row["id"]] = "" if not tally or row["state"] == "draft" else \
                "\n".join((tally.explain_base(), tally.explain_quorum(
                    row["quorum_numerator"] or 2, row["quorum_denominator"] or 3)))
        return result

    @api.model
    def _day_overview_labels(self):
        return {name: dict(self._fields[name]._description_selection(self.env))
                for name in ("state", "meeting_type")}

    @api.model
    def _day_overview_time(self, value, zone=None):
        """``HH:MM`` of a UTC datetime string in the user's time zone."""
        if not value:
            return ""
        zone = zone or pytz.timezone(self._day_overview_tz())
        # "YYYY-MM-DD HH:MM:SS", read by position (strptime is slow)
        moment = pytz.utc.localize(datetime(
            int(value[0:4]), int(value[5:7]), int(value[8:10]),
            int(value[11:13]), int(value[14:16]), int(value[17:19] or 0)))
        return moment.astimezone(zone).strftime("%H:%M")

    @api.model
    def _day_overview_refresh(self):
        value = self.env.context.get("day_view_refresh_seconds") or \
            self.env["ir.config_parameter"].sudo().get_param(
                REFRESH_PARAM, DEFAULT_REFRESH)
        try:
            return max(MIN_REFRESH, int(value))
        except (TypeError, ValueError):
            return DEFAULT_REFRESH

    @api.model
    def _day_overview_totals(self, meetings):
        totals = {"meetings": len(meetings), "present": 0, "expected": 0,
                  "quorum_met": 0, "excuse_pending": 0}
        for state in ("draft", "announced", "in_progress", "closed", "cancelled"):
            totals[state] = 0
        for meeting in meetings:
            state = "closed" if meeting["state"] == "approved" else meeting["state"]
            totals[state] = totals.get(state, 0) + 1
            if meeting["state"] == "cancelled":
                continue
            totals["present"] += meeting["present"]
            totals["expected"] += meeting["expected"]
            totals["excuse_pending"] += meeting["excuse_pending"]
            if meeting["quorum_met"] and meeting["state"] != "draft":
                totals["quorum_met"] += 1
        return totals
