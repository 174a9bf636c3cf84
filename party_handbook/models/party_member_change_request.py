# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import json

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from .party_integrity import internal_write  # pylint: disable=missing-import-error

# Fields a member may propose to correct on their own profile.
REQUESTABLE_FIELDS = (
    "phone", "mobile", "email", "street", "residence", "home_town", "birth_name",
    "date_of_birth", "gender", "education_level", "professional_level",
    "political_theory_level", "language_level", "occupation",
)


class PartyMemberChangeRequest(models.Model):
    """A member's proposed correction of their profile, applied on approval."""

    _name = "party.member.change.request"
    _inherit = ["party.member.record", "party.audited.thread",
                "mail.activity.mixin"]
    _description = "Profile change request"
    # written by submit() and the decisions only
    _protected_fields = (
        "organization_id", "member_partner_id", "member_id", "state",
        "line_ids", "note", "reject_reason", "decided_by", "decided_on")
    _settable_on_create = ("member_id", "note")
    _mail_post_access = "read"
    _order = "create_date desc, id desc"
    # for the forms (wizard, portal)
    _requestable_fields = REQUESTABLE_FIELDS

    state = fields.Selection([
        ("submitted", "Submitted"),
        ("approved", "Approved"),
        ("rejected", "Rejected"),
    ], string="Status", default="submitted", required=True, readonly=True,
        index=True, track_visibility="onchange")
    line_ids = fields.One2many(
        "party.member.change.request.line", "request_id", string="Changes",
        readonly=True)
    note = fields.Text(string="Member's note", readonly=True)
    reject_reason = fields.Text(readonly=True, track_visibility="onchange")
    decided_by = fields.Many2one("res.users", readonly=True)
    decided_on = fields.Datetime(readonly=True)

    @api.multi
    def name_get(self):
        return [(r.id, _("Change request of %s") % r.member_id.name) for r in self]

    @api.model
    def submit(self, member, values, note=None):
        """Create a request for ``member`` (the current user's own profile)
        with the proposed ``values``; the cell secretary gets an activity."""
        if member.partner_id != self.env.user.partner_id:
            raise AccessError(_("You can only propose changes to your own profile."))
        unknown = set(values) - set(REQUESTABLE_FIELDS)
        if unknown:
            raise ValidationError(_("These fields cannot be changed by a request: %s")
                                  % ", ".join(sorted(unknown)))
        sudo_member = member.sudo()
        lines = []
        for name in REQUESTABLE_FIELDS:
            if name not in values:
                continue
            field = member._fields[name]
            new = values[name] or False
            old = sudo_member[name] or False
            if field.type == "selection" and new and new not in dict(
                    field._description_selection(self.env)):
                raise ValidationError(_("%(value)s is not a valid %(field)s.") % {
                    "value": new, "field": field.string})
            if new != old:
                lines.append((0, 0, {
                    "field_name": name,
                    "old_value": (old or "") and field.convert_to_display_name(
                        old, sudo_member)
                    if field.type != "selection" else self._selection_label(
                        field, old),
                    "new_value": (new or "") and field.convert_to_display_name(
                        new, sudo_member)
                    if field.type != "selection" else self._selection_label(
                        field, new),
                    "new_raw": json.dumps(new),
                }))
        if not lines:
            raise UserError(_("The proposed values are the same as your profile."))
        with internal_write(self.browse()), internal_write(
                self.env["party.member.change.request.line"]):
            request = self.sudo().create({
                "member_id": member.id, "note": note, "line_ids": lines})
        request._notify_secretary()
        return request.sudo(self.env.uid)

    def _selection_label(self, field, value):
        return value and dict(field._description_selection(self.env)).get(
            value, value) or ""

    def _notify_secretary(self):
        organizations = self.mapped("member_id.organization_id")
        secretaries = organizations._current_secretary_users()
        activity_type = self.env.ref("party_handbook.mail_activity_change_request")
        model_id = self.env["ir.model"]._get(self._name).id
        for request in self:
            user = secretaries.get(request.member_id.organization_id.id)
            if not user:
                continue
            self.env["mail.activity"].sudo().create({
                "res_model_id": model_id, "res_id": request.id,
                "activity_type_id": activity_type.id, "user_id": user.id,
                "date_deadline": fields.Date.context_today(self),
                "summary": _("%s asks to correct their profile") % (
                    request.member_id.name),
            })

    def _check_decider(self):
        if not self.env.user.has_group(
                "party_handbook.group_party_handbook_cell_secretary"):
            raise AccessError(_("Only the cell secretary or an officer decides."))
        self.check_access_rule("read")
        # deciding means changing the member's profile: the decider must be
        # allowed to write it (the cell's secretary, the committees above)
        members = self.mapped("member_id")
        members.check_access_rights("write")
        members.check_access_rule("write")
        for request in self:
            if request.state != "submitted":
                raise UserError(_("This request was already decided."))

    @api.multi
    def action_approve(self):
        self._check_decider()
        for request in self:
            values = {line.field_name: json.loads(line.new_raw)
                      for line in request.line_ids}
            # Written as the deciding officer: the chatter tracks old → new.
            request.member_id.write(values)
            request.member_id.message_post(body=_(
                "Profile corrected on the member's request, approved by %s.")
                % self.env.user.name)
            # the deciders' rights were checked: the request is read-only to them
            with internal_write(request):
                request.sudo().write({
                    "state": "approved", "decided_by": self.env.uid,
                    "decided_on": fields.Datetime.now()})
            request.activity_ids.sudo().action_feedback(_("Approved"))

    @api.multi
    def action_reject(self, reason):
        self._check_decider()
        if not reason or not reason.strip():
            raise UserError(_("Give the member a reason for the rejection."))
        with internal_write(self):
            self.sudo().write({
                "state": "rejected", "reject_reason": reason,
                "decided_by": self.env.uid, "decided_on": fields.Datetime.now()})
        for request in self:
            request.activity_ids.sudo().action_feedback(_("Rejected"))
            request.message_post(
                body=_("Rejected: %s") % reason,
                partner_ids=request.member_id.partner_id.ids,
                subtype="mail.mt_comment")


class PartyMemberChangeRequestLine(models.Model):
    _name = "party.member.change.request.line"
    _inherit = "party.integrity.mixin"
    _description = "Profile change request line"
    _order = "id"
    # written with the request by submit() only
    _protected_fields = ("request_id", "field_name", "old_value", "new_value",
                         "new_raw")

    request_id = fields.Many2one(
        "party.member.change.request", required=True, ondelete="cascade", index=True)
    # Lines are only written by the request (as superuser): related is safe.
    organization_id = fields.Many2one(
        related="request_id.organization_id", store=True, index=True, readonly=True)
    member_partner_id = fields.Many2one(
        related="request_id.member_partner_id", store=True, index=True,
        readonly=True)
    field_name = fields.Char(required=True, readonly=True)
    field_label = fields.Char(compute="_compute_field_label", string="Field")
    old_value = fields.Char(string="Current value", readonly=True)
    new_value = fields.Char(string="Proposed value", readonly=True)
    new_raw = fields.Char(string="Proposed value (stored form)", readonly=True)

    def _compute_field_label(self):
        fields_info = self.env["party.member"].fields_get(
            attributes=["string"])
        for line in self:
            line.field_label = fields_info.get(line.field_name, {}).get(
                "string", line.field_name)
