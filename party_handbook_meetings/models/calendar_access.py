# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Calendar events of party meetings follow the meeting's rules (issue #11).

A meeting's event (``party.meeting.calendar_event_id``, written as
superuser by ``_sync_calendar_event``) invites the roster: without a rule
any portal user listed every roster through ``calendar.attendee``. The
event and its attendees carry the meeting's organization in a stored,
indexed column written in SQL by the meeting (never by a caller); global
rules (``security/calendar_rules.xml``) let only who may read the meeting
see them. Events that are not party meetings keep Odoo's rules.
"""
from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.osv import expression

from odoo.addons.party_handbook.models.party_integrity import (  # noqa
    loading_data_files)

MEMBER = "party_handbook.group_party_handbook_member"
SUPERVISOR = "party_handbook.group_party_handbook_supervisor"
MANAGER = "party_handbook.group_party_handbook_manager"
RECORDER = "party_handbook_meetings.group_party_meetings_recorder"
COLUMN = "party_organization_id"


def _refuse_column(vals):
    if COLUMN in vals and not loading_data_files():
        raise UserError(_("The organization of a meeting's calendar entry "
                          "follows the meeting."))


class CalendarEvent(models.Model):
    _inherit = "calendar.event"

    party_organization_id = fields.Many2one(
        "party.organization", string="Party meeting of", readonly=True,
        index=True, copy=False, ondelete="set null")

    @api.model_cr
    def init(self):
        _sync_all(self.env.cr)

    @api.model
    def create(self, vals):
        _refuse_column(vals)
        return super().create(vals)

    @api.multi
    def write(self, vals):
        _refuse_column(vals)
        return super().write(vals)


class CalendarAttendee(models.Model):
    _inherit = "calendar.attendee"

    party_organization_id = fields.Many2one(
        "party.organization", string="Party meeting of", readonly=True,
        index=True, copy=False, ondelete="set null")

    @api.model_cr
    def init(self):
        _sync_all(self.env.cr)

    @api.model
    def create(self, vals):
        _refuse_column(vals)
        attendee = super().create(vals)
        # attendees added to a party meeting's event (by Odoo's calendar,
        # as superuser) take its organization
        self.env.cr.execute("""
            UPDATE calendar_attendee a
               SET party_organization_id = e.party_organization_id
              FROM calendar_event e
             WHERE a.event_id = e.id AND a.id = %s
               AND e.party_organization_id IS NOT NULL""", (attendee.id,))
        return attendee

    @api.multi
    def write(self, vals):
        _refuse_column(vals)
        return super().write(vals)


def _sync_all(cr):
    """Existing databases: set-wise, once both columns exist (each model's
    ``init`` calls it; the last one set up finds them)."""
    cr.execute("""SELECT count(*) FROM information_schema.columns
                   WHERE table_name IN ('calendar_event', 'calendar_attendee')
                     AND column_name = 'party_organization_id'""")
    if cr.fetchone()[0] != 2:
        return
    cr.execute("""SELECT 1 FROM information_schema.columns
                   WHERE table_name = 'party_meeting'
                     AND column_name = 'calendar_event_id'""")
    if cr.fetchone():
        _sync_all_sql(cr)


def _sync_all_sql(cr):
    cr.execute("""
        UPDATE calendar_event e SET party_organization_id = m.organization_id
          FROM party_meeting m
         WHERE m.calendar_event_id = e.id
           AND e.party_organization_id IS DISTINCT FROM m.organization_id""")
    cr.execute("""
        UPDATE calendar_attendee a SET party_organization_id = e.party_organization_id
          FROM calendar_event e
         WHERE a.event_id = e.id
           AND a.party_organization_id IS DISTINCT FROM e.party_organization_id""")


class PartyMeeting(models.Model):
    _inherit = "party.meeting"

    @api.model_cr
    def init(self):
        _sync_all(self.env.cr)

    def _sync_calendar_event(self):
        res = super()._sync_calendar_event()
        events = self.filtered("calendar_event_id")
        if events:
            self.env.cr.execute("""
                UPDATE calendar_event e SET party_organization_id = m.organization_id
                  FROM party_meeting m
                 WHERE m.calendar_event_id = e.id AND m.id IN %s""",
                                (tuple(events.ids),))
            self.env.cr.execute("""
                UPDATE calendar_attendee a
                   SET party_organization_id = e.party_organization_id
                  FROM calendar_event e, party_meeting m
                 WHERE a.event_id = e.id AND m.calendar_event_id = e.id
                   AND m.id IN %s""", (tuple(events.ids),))
            self.env["calendar.event"].invalidate_cache([COLUMN])
            self.env["calendar.attendee"].invalidate_cache([COLUMN])
        return res


class ResUsers(models.Model):
    _inherit = "res.users"

    def _party_meeting_domain(self, field=COLUMN):
        """Records of party meetings as the meeting rules say: members
        their own cell (and where they are attached), supervisors and
        recorders their subtree, city officers all; others nothing."""
        self.ensure_one()
        if self.has_group(MANAGER):
            return [(1, "=", 1)]
        clauses = [[(field, "=", False)]]
        if self.has_group(MEMBER):
            members = self.env["party.member"].sudo().with_context(
                active_test=False).search([("partner_id", "=", self.partner_id.id)])
            own = (members.mapped("organization_id")
                   | members.mapped("temporary_organization_id")).ids
            if own:
                clauses.append([(field, "in", own)])
        served = self.party_organization_ids.ids
        if served and (self.has_group(SUPERVISOR) or self.has_group(RECORDER)):
            clauses.append([(field, "child_of", served)])
        return expression.OR(clauses)
