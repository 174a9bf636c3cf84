# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The supervisor's live day view: every meeting of a day in one answer.

``get_day_overview`` feeds the web client's day view (static/src/js/
party_meeting_day_view.js). It reads each model once for all the meetings of
the day (a search_read per model, never a search per meeting), so its number
of queries does not grow with the number of meetings. Visibility is the
user's own: every read goes through the record rules.
"""
from collections import Counter

import pytz

from odoo import _, api, fields, models
from odoo.exceptions import UserError


# refresh period of open day views when no bus message arrives (seconds)
REFRESH_PARAM = "party_handbook_meetings.day_view_refresh_seconds"
DEFAULT_REFRESH = 20
MIN_REFRESH = 2
MEETING_FIELDS = [
    "name", "organization_id", "meeting_type", "date_start", "date_end",
    "location", "online_url", "state", "expected_count", "present_count",
    "base_count", "voter_count", "excuse_pending_count", "quorum_met",
    "quorum_numerator", "quorum_denominator",
]
MOTION_FIELDS = [
    "meeting_id", "name", "method", "state", "yes_count", "no_count",
    "abstain_count", "base_count", "voter_count", "result", "explanation",
]
# organization levels offered as a filter of the day view
FILTER_LEVELS = ("city", "commune", "grassroots", "subcommittee")


class PartyMeeting(models.Model):
    _inherit = "party.meeting"

    @api.model
    def get_day_overview(self, date=False, organization_id=False):
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
        """
        day = self._day_overview_date(date)
        scope = self._day_overview_scope(organization_id)
        # every meeting of the day that the user may read (record rules);
        # read without name_get (load=None): the names of the cells come
        # from the organizations read below
        rows = self.search([("date", "=", day)]).read(MEETING_FIELDS, load=None)
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
            {row["id"]: row["voter_count"] for row in rows})
        tallies = meetings._tallies()
        labels = self._day_overview_labels()
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
                "id": row["id"],
                "topic": row["name"],
                "cell_id": cell["id"],
                "cell": cell["name"],
                "commune": tree["communes"].get(cell["id"], ""),
                "meeting_type": row["meeting_type"],
                "meeting_type_label": labels["meeting_type"].get(
                    row["meeting_type"], ""),
                "date_start": row["date_start"],
                "start": self._day_overview_time(row["date_start"]),
                "end": self._day_overview_time(row["date_end"]),
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
                "quorum_explanation": explanation,
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
        meetings}) and every organization above them, read one level at a
        time (as many reads as the tree is deep), following ``parent_id``:
        the nested sets are not maintained while modules install. Returns
        ``by_id`` (the rows read), ``chains`` ({cell id: ids of the cell and
        the organizations above it}), ``paths`` (sort keys in the tree's
        order: codes and names from the top), ``communes`` ({cell id: name
        of its commune, or else of the organization just above it}) and
        ``filters`` (the organizations above the cells, in the tree's order,
        with their depth and number of meetings)."""
        result = {"by_id": {}, "chains": {}, "paths": {}, "communes": {},
                  "filters": []}
        Organization = self.env["party.organization"]
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

    def _day_overview_details(self, voters):
        """Agenda items, motions and pending excuse requests of these
        meetings: one read per model for all of them. ``voters``: {meeting
        id: eligible voters present}."""
        result = {"agenda": {}, "motions": {}, "excuses": {}}
        if not self:
            return result
        domain = [("meeting_id", "in", self.ids)]
        rows = self.env["party.meeting.agenda"].search(
            domain, order="sequence, id",
        ).read(["meeting_id", "name", "presenter_id"], load=None)
        presenters = dict(self.env["party.member"].browse(
            {row["presenter_id"] for row in rows if row["presenter_id"]}
        ).sudo().name_get())
        for row in rows:
            result["agenda"].setdefault(row["meeting_id"], []).append({
                "id": row["id"], "name": row["name"],
                "presenter": presenters.get(row["presenter_id"], "")})
        Motion = self.env["party.meeting.motion"]
        rows = Motion.search(domain, order="sequence, id").read(
            MOTION_FIELDS, load=None)
        # how many have voted so far on open named votes and secret ballots
        # (the register of who voted, whatever the method)
        voted = {}
        live = [row["id"] for row in rows if row["state"] == "open"]
        if live:
            self.env.cr.execute("""
                SELECT motion_id, count(*) FROM party_meeting_vote
                 WHERE motion_id IN %s GROUP BY motion_id""", (tuple(live),))
            voted = dict(self.env.cr.fetchall())
        labels = {name: dict(Motion._fields[name]._description_selection(self.env))
                  for name in ("method", "state", "result")}
        for row in rows:
            result["motions"].setdefault(row["meeting_id"], []).append(
                self._day_overview_motion(row, labels, voters, voted))
        rows = self.env["party.meeting.attendance"].search(
            domain + [("excuse_state", "=", "requested")], order="member_name, id"
        ).read(["meeting_id", "member_name"], load=None)
        for row in rows:
            result["excuses"].setdefault(row["meeting_id"], []).append(
                row["member_name"])
        return result

    @api.model
    def _day_overview_motion(self, row, labels, voters, voted):
        motion = {
            "id": row["id"], "title": row["name"],
            "method": row["method"],
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
            # while the vote is open: how many have voted, not how (the
            # running counts of a named or secret vote are not shown)
            motion["voters"] = voters.get(row["meeting_id"], 0)
            if row["method"] != "hands":
                motion["voted"] = voted.get(row["id"], 0)
        return motion

    @api.model
    def _day_overview_labels(self):
        return {name: dict(self._fields[name]._description_selection(self.env))
                for name in ("state", "meeting_type")}

    @api.model
    def _day_overview_time(self, value):
        """``HH:MM`` of a UTC datetime string in the user's time zone."""
        if not value:
            return ""
        zone = pytz.timezone(self._day_overview_tz())
        moment = pytz.utc.localize(fields.Datetime.from_string(value))
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
