# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Excuse requests with a reason from a short list, and on a member's
behalf (issue #12).

A member asks to be excused from the portal; the cell secretary (the
meeting's recorder) may ask for a member without a phone who consented
(``party.member._check_assistance_consent``). Such a request is flagged
(``excuse_assisted``) with who entered it and when; the meeting's chatter
says it in the recorder's name, not in the member's.

The line's older ``assisted`` flag is a free checkbox of the roster that a
recorder ticks (no defined meaning, not protected): it is not the audit
flag of an excuse request."""
from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import html_escape

from odoo.addons.party_handbook.models.party_document_receipt_assisted import (
    DISPUTE_STATES)
from odoo.addons.party_handbook.models.party_integrity import internal_write

# pylint: disable=missing-import-error
from .party_meeting_attendance import PartyMeetingAttendance

# the usual reasons (issue #14: reasons must be typed), "other" with a text
EXCUSE_REASONS = [
    ("illness", "Illness"),
    ("work_trip", "Work trip"),
    ("family", "Family matters"),
    ("old_age", "Old age, poor health"),
    ("other", "Other reason"),
]


class PartyMeetingAttendanceAssisted(models.Model):
    _inherit = "party.meeting.attendance"
    _protected_fields = PartyMeetingAttendance._protected_fields + (
        "excuse_reason_code", "excuse_assisted", "excuse_requested_by",
        "excuse_requested_on")

    excuse_reason_code = fields.Selection(
        EXCUSE_REASONS, string="Kind of reason", readonly=True)
    excuse_assisted = fields.Boolean(
        string="Excuse asked on the member's behalf", readonly=True,
        help="The cell secretary asked for the member, with the member's "
             "consent to assisted entries.")
    excuse_requested_by = fields.Many2one(
        "res.users", string="Excuse asked by", readonly=True,
        ondelete="restrict")
    excuse_requested_on = fields.Datetime(string="Excuse asked on",
                                          readonly=True)

    assisted_dispute_state = fields.Selection(
        DISPUTE_STATES, string="Dispute", compute="_compute_dispute_state",
        help="The member disputes the excuse request made on their behalf.")

    def _compute_dispute_state(self):
        states = self.env["party.assisted.dispute"]._entry_dispute_states(
            self)
        for line in self:
            line.assisted_dispute_state = states.get(line.id, False)

    def _excuse_reason_text(self, reason, reason_code):
        """The reason as written on the line: the usual reason's label, with
        the member's words if any; "other" (or no kind) needs the words."""
        reason = (reason or "").strip()
        if not reason_code:
            return reason
        labels = dict(self._fields["excuse_reason_code"]._description_selection(
            self.env))
        if reason_code not in labels:
            raise UserError(_("Choose the reason from the list."))
        if reason_code == "other":
            if not reason:
                raise UserError(_("Please give the reason for your absence."))
            return reason
        return "%s: %s" % (labels[reason_code], reason) if reason else \
            labels[reason_code]

    @api.multi
    def action_request_excuse(self, reason=None, reason_code=None):
        text = self._excuse_reason_text(reason, reason_code)
        partner = self.env.user.partner_id
        self.check_access_rule("read")
        others = self.sudo().filtered(
            lambda l: l.member_id.partner_id != partner)
        if others:
            # on a member's behalf: the meeting's recorder, for members who
            # consented (checked before anything is written)
            if not self.env.user.has_group(
                    "party_handbook_meetings.group_party_meetings_recorder"):
                raise AccessError(_("Only the meeting's recorder asks to "
                                    "excuse another member."))
            self.check_access_rights("write")
            self.check_access_rule("write")
            others.mapped("member_id")._check_assistance_consent()
        result = super().action_request_excuse(text)
        now = fields.Datetime.now()
        own = self.sudo() - others
        values = {"excuse_reason_code": reason_code or False,
                  "excuse_requested_by": self.env.uid,
                  "excuse_requested_on": now}
        with internal_write(self):
            if own:
                own.write(dict(values, excuse_assisted=False))
            if others:
                others.write(dict(values, excuse_assisted=True))
        return result

    def _post_excuse_request(self, reason, user):
        partner = user.partner_id
        own = self.filtered(lambda l: l.member_id.partner_id == partner)
        result = super(PartyMeetingAttendanceAssisted,
                       own)._post_excuse_request(reason, user)
        for line in self - own:
            with internal_write(self.env["mail.message"]):
                line.meeting_id.message_post(body=_(
                    "%(user)s asks, on behalf of %(member)s (who consented), "
                    "to excuse them: %(reason)s") % {
                        "user": html_escape(user.name),
                        "member": html_escape(line.member_id.name),
                        "reason": html_escape(reason)},
                    author_id=partner.id, subtype="mail.mt_note")
        return result
