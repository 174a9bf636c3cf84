# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The minutes secretary's notes (ghi chép), one record per remark.

Each point of a drafted biên bản links to the note it was taken from
("ghi chép số N"), so the chair and the officers can check it. Notes are
written while the meeting may still change (announced, in progress,
closed) and frozen once the chair has approved the minutes, whatever the
caller sends in the context. They are the secretary's working papers:
the cell's book keepers and supervisors of the subtree read them; members
do not (they read the approved minutes).
"""
from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.party_handbook.models.party_integrity import (
    internal_write, is_internal)

# meeting states in which notes are added, changed and deleted
NOTE_STATES = ("announced", "in_progress", "closed")


class PartyMeetingNote(models.Model):
    _name = "party.meeting.note"
    _inherit = "party.meeting.part"
    _description = "Meeting note"
    _order = "meeting_id, sequence, number, id"
    _rec_name = "number"
    _protected_fields = ("organization_id", "meeting_id", "number")
    _part_editable_states = NOTE_STATES

    number = fields.Integer(
        readonly=True, copy=False, index=True,
        help="Number of the note in its meeting, cited by the minutes' "
             "points (“note no. 3”). Given when the note is written, it "
             "never changes.")
    sequence = fields.Integer(default=10)
    agenda_item_id = fields.Many2one(
        "party.meeting.agenda", string="Agenda item", index=True,
        ondelete="set null", domain="[('meeting_id', '=', meeting_id)]")
    speaker_id = fields.Many2one(
        "party.member", string="Speaker", ondelete="restrict",
        help="The member who made the remark (a member on the roster).")
    text = fields.Text(string="Note", required=True)

    _sql_constraints = [
        ("number_uniq", "unique(meeting_id, number)",
         "Two notes of a meeting cannot have the same number."),
    ]

    @api.multi
    def name_get(self):
        return [(note.id, _("Note no. %(number)s") % {"number": note.number})
                for note in self]

    @api.constrains("agenda_item_id", "speaker_id", "meeting_id")
    def _check_meeting_parts(self):
        for note in self.sudo():
            if note.agenda_item_id and \
                    note.agenda_item_id.meeting_id != note.meeting_id:
                raise ValidationError(_(
                    "The agenda item of a note must be an item of its "
                    "meeting."))
            if note.speaker_id and note.speaker_id not in \
                    note.meeting_id.attendance_ids.mapped("member_id"):
                raise ValidationError(_(
                    "%(member)s is not on the roster of %(meeting)s.") % {
                        "member": note.speaker_id.name,
                        "meeting": note.meeting_id.name})

    @api.model
    def create(self, vals):
        note = super().create(vals)
        # the next number of the meeting, counted with the meeting's row
        # locked so that two secretaries typing at once get two numbers
        cr = self.env.cr
        cr.execute("SELECT id FROM party_meeting WHERE id = %s "
                   "FOR NO KEY UPDATE", (note.meeting_id.id,))
        cr.execute("SELECT COALESCE(MAX(number), 0) + 1 FROM party_meeting_note "
                   "WHERE meeting_id = %s", (note.meeting_id.id,))
        with internal_write(note):
            note.write({"number": cr.fetchone()[0]})
        return note

    @api.multi
    def write(self, vals):
        if not is_internal(self):
            self._check_integrity_write(vals)
            self._check_note_editable()
        return super().write(vals)

    def _check_note_editable(self):
        states = dict(self.env["party.meeting"]._fields[
            "state"]._description_selection(self.env))
        for meeting in self.sudo().mapped("meeting_id"):
            if meeting.state not in NOTE_STATES:
                raise UserError(_(
                    "%(meeting)s is %(state)s: its notes can no longer be "
                    "changed.") % {"meeting": meeting.name,
                                   "state": states[meeting.state]})

    def _note_url(self):
        """Where the back office opens the note."""
        self.ensure_one()
        return "/web#id=%d&model=%s&view_type=form" % (self.id, self._name)
