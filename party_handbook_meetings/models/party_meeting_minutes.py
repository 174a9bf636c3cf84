# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The minutes of a meeting as a PDF (biên bản sinh hoạt chi bộ).

Who may print them: whoever may read the meeting (record rules: members
their own cell, supervisors, secretaries and officers their subtree) once
the meeting is closed; members who keep no meeting books (neither
recorders nor supervisors) only once the chair has approved the minutes.
``party.meeting._check_minutes_access()`` says so, for the report and for
the portal, which gets the PDF bytes from ``_minutes_pdf()``.
"""
from odoo import SUPERUSER_ID, _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.osv import expression
from odoo.tools.misc import format_date

MINUTES_REPORT = "party_handbook_meetings.action_report_meeting_minutes"
# meetings whose minutes exist (drafted at close, then approved)
MINUTES_STATES = ("closed", "approved")
# groups that see the minutes before they are approved (on the meetings
# their record rules give them)
BOOK_KEEPERS = ("party_handbook_meetings.group_party_meetings_recorder",
                "party_handbook.group_party_handbook_supervisor")


# the minutes' fields, hidden from members until the chair approves them
MINUTES_FIELDS = ("minutes", "discussion", "conclusion")


def _mentions(domain, names):
    """True when a search domain filters on one of ``names``."""
    return any(
        isinstance(leaf, (list, tuple)) and len(leaf) == 3
        and isinstance(leaf[0], str) and leaf[0].split(".", 1)[0] in names
        for leaf in domain or ())


def _names(spec, names):
    """True when an order or a grouping names one of ``names``."""
    if isinstance(spec, str):
        spec = spec.split(",")
    return any(part.strip().split(" ", 1)[0].split(":", 1)[0].strip('"')
               in names for part in spec or ())


class PartyMeetingMinutesGuard(models.AbstractModel):
    """What is written in a meeting's minutes (the minutes, the discussion
    summary and conclusion, the agenda items' discussion notes) is shown to
    members (any user who neither keeps nor supervises meeting books) once
    the chair has approved the minutes, and not before, by any path:
    read (their cache holds nothing), search and grouping (restricted to
    approved minutes, so a search cannot tell whether a word is in
    unapproved ones), ordering and grouping by the text (refused)."""

    _name = "party.meeting.minutes.guard"
    _description = "Minutes shown once approved"
    _minutes_text_fields = ()

    def _minutes_hidden(self):
        return self.env.uid != SUPERUSER_ID and not any(
            self.env.user.has_group(group) for group in BOOK_KEEPERS)

    @api.model
    def _approved_minutes_domain(self):
        raise NotImplementedError()

    def _minutes_order_refused(self):
        return AccessError(_(
            "Meetings cannot be sorted or grouped by their minutes."))

    @api.model
    def _search(self, args, offset=0, limit=None, order=None, count=False,
                access_rights_uid=None):
        names = self._minutes_text_fields
        if self._minutes_hidden():
            if _mentions(args, names):
                args = expression.AND([args, self._approved_minutes_domain()])
            if order and _names(order, names):
                raise self._minutes_order_refused()
        return super()._search(
            args, offset=offset, limit=limit, order=order, count=count,
            access_rights_uid=access_rights_uid)

    @api.model
    def _read_group_raw(self, domain, fields_list, groupby, offset=0,
                        limit=None, orderby=False, lazy=True):
        names = self._minutes_text_fields
        if self._minutes_hidden():
            if _mentions(domain, names):
                domain = expression.AND(
                    [domain, self._approved_minutes_domain()])
            if _names(groupby, names) or (orderby and _names(orderby, names)):
                raise self._minutes_order_refused()
        return super()._read_group_raw(
            domain, fields_list, groupby, offset=offset, limit=limit,
            orderby=orderby, lazy=lazy)

    @api.multi
    def _read_from_database(self, field_names, inherited_field_names=()):
        """Before approval the text is empty in a member's cache (records
        are cached per user): read(), the web client and the portal all get
        nothing."""
        super()._read_from_database(field_names, inherited_field_names)
        hidden = [name for name in field_names
                  if name in self._minutes_text_fields]
        if not hidden or not self._minutes_hidden():
            return
        approved = set(self.sudo()._search(
            [("id", "in", self.ids)] + self._approved_minutes_domain()))
        for record in self:
            if record.id not in approved:
                record._cache.update(dict.fromkeys(hidden, False))


class PartyMeeting(models.Model):
    _name = "party.meeting"
    _inherit = ["party.meeting", "party.meeting.minutes.guard"]
    _minutes_text_fields = MINUTES_FIELDS

    @api.model
    def _approved_minutes_domain(self):
        return [("state", "=", "approved")]

    @api.multi
    def _check_minutes_access(self):
        """Raise unless the current user may read the minutes of every
        meeting of ``self``: AccessError for a meeting out of their reach or
        minutes not approved yet (members), UserError for a meeting that has
        no minutes yet (not closed)."""
        self.check_access_rights("read")
        self.check_access_rule("read")
        user = self.env.user
        keeps_books = any(user.has_group(group) for group in BOOK_KEEPERS)
        for meeting in self:
            if meeting.state not in MINUTES_STATES:
                raise UserError(_(
                    "%(meeting)s has no minutes yet: they are written when "
                    "the meeting closes.") % {"meeting": meeting.display_name})
            if meeting.state != "approved" and not keeps_books:
                raise AccessError(_(
                    "The minutes of %(meeting)s are shown to the cell's "
                    "members once the chair has approved them.") % {
                        "meeting": meeting.display_name})
        return True

    @api.multi
    def _minutes_pdf(self):
        """The minutes of these meetings as PDF bytes, rendered as the
        current user (in their language), after the access check. Under
        Odoo's test mode the report engine returns HTML instead."""
        self._check_minutes_access()
        report = self.env.ref(MINUTES_REPORT)
        if not self.env.context.get("lang"):
            report = report.with_context(lang=self.env.user.lang)
        content, __ = report.render_qweb_pdf(self.ids)
        return content

    @api.multi
    def action_print_minutes(self):
        self._check_minutes_access()
        return self.env.ref(MINUTES_REPORT).report_action(self)

    # values shown on the minutes ---------------------------------------------
    def _local_datetime(self, value):
        """A UTC datetime string as an aware datetime in the city's zone."""
        return fields.Datetime.context_timestamp(
            self.with_context(tz=self._city_tz()),
            fields.Datetime.from_string(value))

    @api.model
    def _admin_date_line(self, day):
        """“Huế, ngày 05 tháng 11 năm 2026”: place and date as written under
        the party's name on an administrative document (``day``: a date),
        as in every report's heading (party_handbook's identity)."""
        return self.env["res.company"]._party_report_heading(
            day=day)["date_line"]

    def _minutes_date_line(self):
        """The place and the meeting's local date."""
        self.ensure_one()
        return self._admin_date_line(fields.Date.from_string(
            self.date or fields.Date.context_today(self)))

    def _minutes_time_line(self):
        """“07:30 to 10:00, 05/11/2026” in the city's time zone."""
        self.ensure_one()
        start = self._local_datetime(self.date_start)
        values = {"start": start.strftime("%H:%M"),
                  "date": format_date(self.env, fields.Date.to_string(start.date()))}
        if self.date_end:
            values["end"] = self._local_datetime(self.date_end).strftime("%H:%M")
            return _("from %(start)s to %(end)s, %(date)s") % values
        return _("%(start)s, %(date)s") % values

    def _minutes_attendance(self):
        """{meeting id: {attendance state: count}} in one query."""
        groups = self.env["party.meeting.attendance"].sudo().read_group(
            [("meeting_id", "in", self.ids)], ["meeting_id", "state"],
            ["meeting_id", "state"], lazy=False)
        result = {meeting.id: {} for meeting in self}
        for group in groups:
            result[group["meeting_id"][0]][group["state"]] = group["__count"]
        return result


class PartyMeetingAgenda(models.Model):
    _name = "party.meeting.agenda"
    _inherit = ["party.meeting.agenda", "party.meeting.minutes.guard"]
    _minutes_text_fields = ("notes",)

    @api.model
    def _approved_minutes_domain(self):
        return [("meeting_id.state", "=", "approved")]


class ReportMeetingMinutes(models.AbstractModel):
    _name = "report.party_handbook_meetings.report_meeting_minutes"
    _description = "Minutes of a cell meeting"

    @api.model
    def get_report_values(self, docids, data=None):  # pylint: disable=unused-argument
        meetings = self.env["party.meeting"].browse(docids)
        meetings._check_minutes_access()
        # names of the chair, the secretary and the approver: a member may
        # read the minutes without reading other members' profiles
        people, end_lines, approval_lines = {}, {}, {}
        for meeting in meetings.sudo():
            people[meeting.id] = {
                "chair": meeting.chair_id.name or "",
                "secretary": meeting.secretary_id.name or "",
                "approver": meeting.minutes_approved_by.name or "",
            }
            # sentences built here, in a loop: _() finds the language on self
            if meeting.date_end:
                end_lines[meeting.id] = _(
                    "The meeting ended at %(time)s on the same day.") % {
                        "time": meeting._local_datetime(
                            meeting.date_end).strftime("%H:%M")}
            if meeting.state == "approved" and meeting.minutes_approved_on:
                approved_on = meeting._local_datetime(meeting.minutes_approved_on)
                date = format_date(self.env, fields.Date.to_string(
                    approved_on.date()))
                if meeting.minutes_approved_by.id == SUPERUSER_ID:
                    # approved by a step of the system (the demo's data),
                    # not by a comrade
                    approval_lines[meeting.id] = _(
                        "Minutes approved on %(date)s (recorded by the "
                        "handbook's system).") % {"date": date}
                else:
                    approval_lines[meeting.id] = _(
                        "Minutes approved by %(user)s on %(date)s.") % {
                            "user": people[meeting.id]["approver"],
                            "date": date}
        return {
            "doc_ids": docids,
            "doc_model": "party.meeting",
            "docs": meetings,
            "attendance": meetings._minutes_attendance(),
            "people": people,
            "type_labels": dict(self.env["party.meeting"]._fields[
                "meeting_type"]._description_selection(self.env)),
            "date_lines": {m.id: m._minutes_date_line() for m in meetings},
            "time_lines": {m.id: m._minutes_time_line() for m in meetings},
            "end_lines": end_lines,
            "approval_lines": approval_lines,
        }
