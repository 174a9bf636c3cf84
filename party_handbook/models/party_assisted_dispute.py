# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A member disputes an entry made on their behalf (issue #12).

From the portal page "entries made on my behalf" the member says that an
entry is wrong ("Không đúng") with a short reason. The dispute is created
as the member (its chatter names the member), for the member's own
assisted entries only (``party.member._assisted_entries``), one open
dispute per entry. The cell secretary gets an activity and resolves it
with a note the member reads."""
from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import html_escape

# pylint: disable=missing-import-error
from .party_integrity import checked_values, internal_write

MAX_REASON = 500


class PartyAssistedDispute(models.Model):
    _name = "party.assisted.dispute"
    _inherit = ["party.member.record", "party.audited.thread",
                "mail.activity.mixin"]
    _description = "Disputed assisted entry"
    _order = "state, create_date desc, id desc"
    _mail_post_access = "read"
    _protected_fields = (
        "organization_id", "member_partner_id", "member_id", "entry_model",
        "entry_id", "entry_kind", "entry_summary", "entry_date",
        "entry_recorder_id", "reason", "state", "resolution", "resolved_by",
        "resolved_on")
    _settable_on_create = ("member_id", "entry_model", "entry_id", "reason")

    entry_model = fields.Char(required=True, readonly=True)
    entry_id = fields.Integer(required=True, readonly=True)
    entry_kind = fields.Char(string="Entry", readonly=True)
    entry_summary = fields.Char(string="What was entered", readonly=True)
    entry_date = fields.Datetime(string="Entered on", readonly=True)
    entry_recorder_id = fields.Many2one(
        "res.users", string="Entered by", readonly=True, ondelete="restrict")
    reason = fields.Text(string="Member's reason", required=True,
                         readonly=True)
    state = fields.Selection([
        ("open", "Open"), ("resolved", "Resolved")], string="Status",
        default="open", required=True, readonly=True, index=True,
        track_visibility="onchange")
    resolution = fields.Text(string="Resolution note", readonly=True)
    resolved_by = fields.Many2one("res.users", readonly=True,
                                  ondelete="restrict")
    resolved_on = fields.Datetime(readonly=True)
    # not stored here (mail.activity.mixin stores it): a stored value would
    # be written as the member who creates the dispute, who writes none
    activity_date_deadline = fields.Date(store=False)

    @api.multi
    def name_get(self):
        return [(d.id, _("Dispute of %(member)s: %(entry)s") % {
            "member": d.member_id.name, "entry": d.entry_kind or ""})
            for d in self]

    @api.model
    def _entry_dispute_states(self, records):
        """{record id: "open" | "resolved"} of the disputed entries among
        ``records`` (an open dispute wins over resolved ones)."""
        disputes = self.sudo().search([
            ("entry_model", "=", records._name),
            ("entry_id", "in", records.ids)])
        states = {}
        for dispute in disputes:
            if states.get(dispute.entry_id) != "open":
                states[dispute.entry_id] = dispute.state
        return states

    @api.model
    def create(self, vals):
        """Only the member disputes, only their own assisted entry: whoever
        calls (portal, RPC), the values are checked here."""
        self._check_integrity_create(vals)
        member = self.env["party.member"].sudo().browse(vals.get("member_id"))
        if not member.exists() or \
                member.partner_id != self.env.user.partner_id:
            raise AccessError(_("You can only dispute entries made on your "
                                "own behalf."))
        reason = (vals.get("reason") or "").strip()
        if not reason:
            raise UserError(_("Say briefly what is wrong with this entry."))
        if len(reason) > MAX_REASON:
            raise UserError(_("Keep your reason under %s characters.")
                            % MAX_REASON)
        entry = member._assisted_entry(vals.get("entry_model"),
                                       vals.get("entry_id"))
        if not entry:
            raise AccessError(_("This entry was not made on your behalf."))
        if self.sudo().search_count([
                ("member_id", "=", member.id), ("state", "=", "open"),
                ("entry_model", "=", entry["model"]),
                ("entry_id", "=", entry["res_id"])]):
            raise UserError(_("You have already disputed this entry: the "
                              "cell secretary will answer."))
        vals = dict(vals, reason=reason, state="open",
                    entry_kind=entry["kind"], entry_summary=entry["what"],
                    entry_date=entry["date"],
                    entry_recorder_id=entry["recorder"].id)
        # the snapshot of the entry is the application's (checked above)
        # created as the member: the chatter's creation note is theirs
        with checked_values(vals):
            dispute = super().create(vals)
        dispute._notify_secretary()
        return dispute

    def _notify_secretary(self):
        """An activity for the cell secretary and a note on the dispute, in
        the member's name."""
        secretaries = self.mapped("organization_id")._current_secretary_users()
        activity_type = self.env.ref("mail.mail_activity_data_todo")
        model_id = self.env["ir.model"]._get(self._name).id
        for dispute in self.sudo():
            user = secretaries.get(dispute.organization_id.id)
            if user:
                self.env["mail.activity"].sudo().create({
                    "res_model_id": model_id, "res_id": dispute.id,
                    "activity_type_id": activity_type.id, "user_id": user.id,
                    "date_deadline": fields.Date.context_today(self),
                    "summary": _("%s disputes an entry made on their behalf")
                    % dispute.member_id.name,
                })
            with internal_write(self.env["mail.message"]):
                dispute.message_post(
                    body=_("%(entry)s (%(what)s) is not right: %(reason)s") % {
                        "entry": html_escape(dispute.entry_kind or ""),
                        "what": html_escape(dispute.entry_summary or ""),
                        "reason": html_escape(dispute.reason)},
                    author_id=dispute.member_partner_id.id,
                    subtype="mail.mt_note")

    @api.multi
    def action_resolve(self, note):
        """The cell secretary (or an officer above) answers the dispute."""
        if not self.env.user.has_group(
                "party_handbook.group_party_handbook_cell_secretary"):
            raise AccessError(_("Only the cell secretary resolves disputes."))
        self.check_access_rights("write")
        self.check_access_rule("write")
        self.mapped("member_id")._check_assistance_recorder()
        note = (note or "").strip()
        if not note:
            raise UserError(_("Tell the member how the dispute was resolved."))
        if self.filtered(lambda d: d.state != "open"):
            raise UserError(_("This dispute was already resolved."))
        with internal_write(self):
            self.write({"state": "resolved", "resolution": note,
                        "resolved_by": self.env.uid,
                        "resolved_on": fields.Datetime.now()})
        for dispute in self:
            dispute.activity_ids.sudo().action_feedback(_("Resolved"))
            dispute.message_post(body=_("Resolved: %s") % html_escape(note),
                                 subtype="mail.mt_note")
        return True
