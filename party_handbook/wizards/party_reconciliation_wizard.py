# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Quarterly reconciliation of member numbers (đối chiếu số liệu đảng viên).

Numbers are rebuilt from the status history, set-wise in SQL: a member's
status on a date is the ``to_state`` of their last history event on or
before that date, and their organization the target of their last event
that placed them somewhere (admission, registration, transfers,
reorganisations). Counts are statistics, not personal data: like the
organization's member counters they are computed in SQL, after checking that
the user may report on the organization.
"""
from datetime import date

from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools.misc import format_date

from ..models.party_member import ACTIVE_STATES, SENSITIVE

# Events that place a member in an organization (to_organization_id).
PLACING_EVENTS = ("admission", "registration", "transfer_in",
                  "transfer_internal", "reorganisation")
# Events that move a member between two organizations of the tree.
MOVING_EVENTS = ("transfer_internal", "reorganisation")

# For each history event: the member's organization after the event
# ("org") and the organization before a move ("from_org").
_EVENTS_SQL = """
    SELECT h.id, h.member_id, h.date, h.event, h.to_state,
           CASE WHEN h.event IN %(moving)s THEN h.from_organization_id
           END AS from_org,
           COALESCE(
               CASE WHEN h.event IN %(placing)s THEN h.to_organization_id END,
               (SELECT p.to_organization_id FROM party_member_history p
                 WHERE p.member_id = h.member_id AND p.event IN %(placing)s
                   AND p.to_organization_id IS NOT NULL
                   AND (p.date, p.id) < (h.date, h.id)
                 ORDER BY p.date DESC, p.id DESC LIMIT 1),
               m.organization_id) AS org
      FROM party_member_history h
      JOIN party_member m ON m.id = h.member_id
     WHERE h.date <= %(end)s
"""


# Members by status on a date (%(upto)s), for each row's subtree: the last
# event of each member up to that date.
_STATES_SQL = """
    WITH events AS (""" + _EVENTS_SQL + """),
    last AS (
        SELECT DISTINCT ON (member_id) member_id, to_state, org
          FROM events
         WHERE date <= %(upto)s
         ORDER BY member_id, date DESC, id DESC)
    SELECT r.id, last.to_state, count(*)
      FROM party_organization r
      JOIN party_organization o
        ON o.parent_left >= r.parent_left AND o.parent_left < r.parent_right
      JOIN last ON last.org = o.id
     WHERE r.id IN %(rows)s AND last.to_state IN %(active)s
     GROUP BY r.id, last.to_state
"""
# Events of the quarter, by row: whether the organization after the event
# (to_in) and before a move (from_in) lie in the row's subtree.
CHANGES = ("admitted", "became_official", "transferred_in", "transferred_out",
           "left", "deceased")
_CHANGES_SQL = """
    WITH events AS (""" + _EVENTS_SQL + """),
    inside AS (
        SELECT r.id AS row_id, e.event,
               COALESCE(o.parent_left >= r.parent_left
                        AND o.parent_left < r.parent_right, FALSE) AS to_in,
               COALESCE(f.parent_left >= r.parent_left
                        AND f.parent_left < r.parent_right, FALSE) AS from_in
          FROM events e
         CROSS JOIN party_organization r
          LEFT JOIN party_organization o ON o.id = e.org
          LEFT JOIN party_organization f ON f.id = e.from_org
         WHERE r.id IN %(rows)s AND e.date >= %(start)s)
    SELECT row_id,
           count(*) FILTER (WHERE to_in AND event IN ('admission', 'registration')),
           count(*) FILTER (WHERE to_in AND event = 'official'),
           count(*) FILTER (WHERE to_in AND (event = 'transfer_in'
                            OR (event IN %(moving)s AND NOT from_in))),
           count(*) FILTER (WHERE (to_in AND event = 'transfer_out')
                            OR (from_in AND event IN %(moving)s AND NOT to_in)),
           count(*) FILTER (WHERE to_in AND event = 'left'),
           count(*) FILTER (WHERE to_in AND event = 'deceased')
      FROM inside GROUP BY row_id
"""
COUNTERS = ("start_total", "official", "probationary", "exempted",
            "total") + CHANGES


class PartyReconciliationWizard(models.TransientModel):
    _name = "party.reconciliation.wizard"
    _description = "Quarterly reconciliation of member numbers"

    def _default_organization(self):
        return self.env.user.party_organization_ids[:1]

    def _default_quarter(self):
        today = fields.Date.from_string(fields.Date.context_today(self))
        return str((today.month - 1) // 3 + 1)

    def _default_year(self):
        return fields.Date.from_string(fields.Date.context_today(self)).year

    organization_id = fields.Many2one(
        "party.organization", required=True, default=_default_organization)
    year = fields.Integer(required=True, default=_default_year)
    quarter = fields.Selection(
        [("1", "Quarter I"), ("2", "Quarter II"), ("3", "Quarter III"),
         ("4", "Quarter IV")], required=True, default=_default_quarter)

    @api.multi
    def _period(self):
        """(first day, last day) of the quarter, as date strings."""
        self.ensure_one()
        if not 1900 < self.year < 2200:
            raise UserError(_("Enter a year such as 2026."))
        start = date(self.year, 3 * int(self.quarter) - 2, 1)
        end = start + relativedelta(months=3, days=-1)
        return fields.Date.to_string(start), fields.Date.to_string(end)

    @api.multi
    def _check_access(self):
        """Cell secretaries and above, on organizations they are assigned to
        (or below them); city officers on any organization."""
        self.ensure_one()
        user = self.env.user
        if not user.has_group(SENSITIVE):
            raise AccessError(_("Only cell secretaries and committee officers "
                                "reconcile member numbers."))
        if user.has_group("party_handbook.group_party_handbook_manager"):
            return
        allowed = self.env["party.organization"].search_count([
            ("id", "=", self.organization_id.id),
            ("id", "child_of", user.party_organization_ids.ids)])
        if not allowed:
            raise AccessError(_("You may only reconcile the numbers of the "
                                "organizations you are assigned to."))

    @api.multi
    def _row_organizations(self):
        """The organization, then each organization directly below it
        (those dissolved before the quarter began are left out)."""
        self.ensure_one()
        start, __ = self._period()
        children = self.env["party.organization"].with_context(
            active_test=False).search([
                ("parent_id", "=", self.organization_id.id),
                "|", ("active", "=", True), ("date_end", ">=", start)])
        return self.organization_id | children

    @api.multi
    def _reconciliation_rows(self):
        """[{"organization", counter: n...}] for the organization (first, the
        total) and each organization directly below it."""
        self.ensure_one()
        self._check_access()
        start, end = self._period()
        organizations = self._row_organizations()
        counts = {org.id: dict.fromkeys(COUNTERS, 0) for org in organizations}
        params = {
            "start": start, "end": end, "rows": tuple(organizations.ids),
            "placing": PLACING_EVENTS, "moving": MOVING_EVENTS,
            "active": ACTIVE_STATES,
        }
        cr = self.env.cr
        # Members by status at the end of the quarter, and in total at its
        # start (the day before).
        day_before = fields.Date.to_string(
            fields.Date.from_string(start) - relativedelta(days=1))
        for key, upto in (("end", end), ("start", day_before)):
            cr.execute(_STATES_SQL, dict(params, upto=upto))
            for org_id, state, count in cr.fetchall():
                if key == "end":
                    counts[org_id][state] += count
                    counts[org_id]["total"] += count
                else:
                    counts[org_id]["start_total"] += count
        # Changes during the quarter.
        cr.execute(_CHANGES_SQL, params)
        for row in cr.fetchall():
            counts[row[0]].update(zip(CHANGES, row[1:]))
        return [dict(counts[org.id], organization=org) for org in organizations]

    @api.multi
    def action_print(self):
        self.ensure_one()
        self._check_access()
        return self.env.ref(
            "party_handbook.action_report_reconciliation").report_action(self)


class ReportReconciliation(models.AbstractModel):
    _name = "report.party_handbook.report_reconciliation"
    _description = "Quarterly reconciliation report"

    @api.model
    def get_report_values(self, docids, data=None):  # pylint: disable=unused-argument
        wizards = self.env["party.reconciliation.wizard"].browse(docids)
        return {
            "doc_ids": docids,
            "doc_model": "party.reconciliation.wizard",
            "docs": wizards,
            "rows": {wizard.id: wizard._reconciliation_rows() for wizard in wizards},
            "periods": {wizard.id: wizard._period() for wizard in wizards},
            "format_date": lambda value: format_date(self.env, value),
            "total_label": _("total"),
            "quarter_labels": dict(self.env["party.reconciliation.wizard"]._fields[
                "quarter"]._description_selection(self.env)),
        }
