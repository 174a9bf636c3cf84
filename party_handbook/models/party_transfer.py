# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Official and temporary transfers of party activities as the procedure of
Quy định 4192-QĐ/BTCTW (12/12/2025) on the National Public Service Portal:

    requested → reviewed → letter issued → received → accepted
    (refused with a reason, or cancelled, on the way)

* requested: by the member in the portal with their self-review, or by the
  sending secretary from the paper request (recorded as assisted, by whom
  and when);
* reviewed, letter issued: the sending organization (its secretaries and
  committee officers); the letter ("Giấy giới thiệu sinh hoạt đảng") states
  the month party fees are paid through;
* received, accepted: the receiving organization; accepting moves the member
  (``action_transfer_internal`` / ``action_transfer_temporary`` inside this
  database, ``action_transfer_out`` when the destination is elsewhere, in
  which case the sending side records the other side's answer). A transfer
  coming from outside the database is recorded by the receiving secretary at
  "received", with the sending organization's name and letter; accepting it
  creates the member, whose history starts with "Transferred in".

Deadlines are working days (party.holiday): the request within 60 working
days of the change (rule ``transfer_apply_working_days``), the letter
presented within 30 working days of its issue
(``transfer_present_working_days``); a daily job reminds the secretaries of
both sides of letters due.

The state, who did each step and the member's moves are written only by the
actions below, after checking the user's side; no context key skips a step.
"""
import re
from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools.misc import format_date

# pylint: disable=missing-import-error
from .party_batch import BATCH_SIZE, create_activities, run_in_batches, slicer
from .party_integrity import checked_values, internal_write, is_internal
from .party_city import city_today
from .party_lang import in_handbook_lang
from .party_member import ACTIVE_STATES
from .party_member_history import paid_month_label

SECRETARY = "party_handbook.group_party_handbook_cell_secretary"
STATES = [
    ("requested", "Requested"),
    ("reviewed", "Reviewed"),
    ("letter_issued", "Letter issued"),
    ("received", "Received"),
    ("accepted", "Accepted"),
    ("refused", "Refused"),
    ("cancelled", "Cancelled"),
]
OPEN_STATES = ("requested", "reviewed", "letter_issued", "received")
# whose turn it is in each open state
TURN = {"requested": "sending", "reviewed": "sending",
        "letter_issued": "receiving", "received": "receiving"}
REASONS = [
    ("job", "New job or workplace"),
    ("retirement", "Retirement"),
    ("move", "Change of residence"),
    ("other", "Other reason"),
]
MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")
# a month as the secretary writes it: 1/2026, 01/2026 (or 2026-01)
MONTH_TYPED = re.compile(r"^\s*(0?[1-9]|1[0-2])\s*[/.-]\s*(\d{4})\s*$")


def typed_month(value):
    """``value`` (01/2026, 1/2026 or 2026-01) as stored: 2026-01; the value
    itself when it is none of these (the checks then refuse it)."""
    if not value or not isinstance(value, str):
        return value
    found = MONTH_TYPED.match(value)
    if found:
        return "%s-%02d" % (found.group(2), int(found.group(1)))
    return value.strip()


# working days before the letter's deadline when the secretaries are reminded
PRESENT_NOTICE_WORKING_DAYS = 5
# working days before the request's deadline when a warning is shown
APPLY_NOTICE_WORKING_DAYS = 10

# fields a user may write in the form: {field: (states, side)}; everything
# else is written by the actions
EDITABLE = {
    "kind": (("requested",), "sending"),
    "reason": (("requested",), "sending"),
    "reason_note": (("requested",), "sending"),
    "change_date": (("requested",), "sending"),
    "to_organization_id": (("requested",), "sending"),
    "to_organization_name": (("requested",), "sending"),
    "temporary_until": (("requested", "reviewed"), "sending"),
    "self_review": (("requested",), "sending"),
    "review_note": (("requested", "reviewed"), "sending"),
    "dvc_reference": (("requested", "reviewed", "letter_issued"), "sending"),
    "letter_number": (("reviewed",), "sending"),
    "letter_date": (("reviewed",), "sending"),
    "fee_paid_until_entered": (("reviewed",), "sending"),
    "dvc_receive_reference": (("letter_issued", "received"), "receiving"),
    "received_date": (("letter_issued", "received"), "receiving"),
    "accept_date": (("received",), "receiving"),
    "refuse_reason": (OPEN_STATES, "turn"),
}
# what the receiving secretary records of a transfer from outside
INCOMING_FIELDS = (
    "from_organization_name", "to_organization_id", "member_name",
    "member_date_of_birth", "member_gender", "member_admission_date",
    "member_official_date", "member_card_number", "member_status",
    "letter_number", "letter_date", "fee_paid_until_entered",
    "dvc_reference", "dvc_receive_reference", "received_date", "change_date",
    "reason", "reason_note", "self_review")
# what the sending side gives when it records a request from paper
REQUEST_FIELDS = (
    "member_id", "kind", "reason", "reason_note", "change_date",
    "to_organization_id", "to_organization_name", "temporary_until",
    "self_review", "request_date", "dvc_reference")


class PartyTransfer(models.Model):
    _name = "party.transfer"
    _inherit = ["party.integrity.mixin", "party.audited.thread",
                "mail.activity.mixin", "party.data.logged"]
    _description = "Transfer of party activities"
    _order = "request_date desc, id desc"
    _rec_name = "member_name"
    _protected_fields = (
        "state", "member_id", "member_partner_id", "from_organization_id",
        "member_name", "member_date_of_birth", "member_gender",
        "member_admission_date", "member_official_date", "member_card_number",
        "member_status", "from_organization_name", "request_date",
        "assisted", "requested_by", "requested_on", "reviewed_by",
        "reviewed_on", "letter_issued_by", "fee_paid_until",
        "fee_paid_source", "received_by", "accepted_by", "refused_by",
        "refused_on", "cancelled_by", "cancelled_on")

    state = fields.Selection(
        STATES, string="Step", default="requested", required=True,
        readonly=True, index=True, copy=False, track_visibility="onchange",
        group_expand="_expand_states")
    kind = fields.Selection(
        [("official", "Official transfer"),
         ("temporary", "Temporary attachment")],
        default="official", required=True, track_visibility="onchange")
    direction = fields.Selection(
        [("internal", "Within this city"),
         ("outgoing", "To an organization outside the city"),
         ("incoming", "From an organization outside the city")],
        compute="_compute_direction", store=True, index=True)
    member_id = fields.Many2one(
        "party.member", string="Member", index=True, ondelete="restrict",
        readonly=True, help="Empty for a transfer from outside until it is "
                            "accepted.")
    member_partner_id = fields.Many2one(
        "res.partner", string="Member's contact", index=True, readonly=True,
        ondelete="set null")
    member_name = fields.Char(string="Member's name", required=True,
                              readonly=True)
    member_date_of_birth = fields.Date(string="Date of birth", readonly=True)
    member_gender = fields.Selection(
        [("male", "Male"), ("female", "Female")], string="Gender",
        readonly=True)
    member_admission_date = fields.Date(string="Admitted to the party on",
                                        readonly=True)
    member_official_date = fields.Date(string="Official member since",
                                       readonly=True)
    member_card_number = fields.Char(string="Party card number", readonly=True)
    member_status = fields.Selection(
        [("probationary", "Probationary"), ("official", "Official")],
        string="Membership", readonly=True)

    from_organization_id = fields.Many2one(
        "party.organization", string="Sending organization", index=True,
        readonly=True, ondelete="restrict")
    from_organization_name = fields.Char(
        string="Sending organization (outside the city)", readonly=True)
    to_organization_id = fields.Many2one(
        "party.organization", string="Receiving organization", index=True,
        ondelete="restrict", track_visibility="onchange")
    to_organization_name = fields.Char(
        string="Receiving organization (outside the city)",
        track_visibility="onchange")
    temporary_until = fields.Date(
        string="Temporarily attached until", track_visibility="onchange")

    reason = fields.Selection(REASONS, required=True, default="job",
                              track_visibility="onchange")
    reason_note = fields.Char(string="Details of the reason")
    change_date = fields.Date(
        string="Date of the change", required=True,
        track_visibility="onchange",
        help="The day of the new job, the retirement or the move: the "
             "request is due within 60 working days of it.")
    apply_deadline = fields.Date(
        string="Request due by", compute="_compute_apply_deadline",
        store=True)
    request_date = fields.Date(
        string="Requested on", required=True, readonly=True,
        default=lambda self: city_today(self), index=True)
    apply_late = fields.Boolean(
        string="Requested late", compute="_compute_apply_late", store=True)
    self_review = fields.Text(
        string="Self-review",
        help="The member's self-review that goes with the request "
             "(QĐ 4192-QĐ/BTCTW).")
    assisted = fields.Boolean(
        string="Recorded by the secretary", readonly=True,
        help="The request was made on paper and recorded by the secretary "
             "on the member's behalf.")
    requested_by = fields.Many2one("res.users", readonly=True,
                                   string="Recorded by")
    requested_on = fields.Datetime(readonly=True, string="Recorded on")
    dvc_reference = fields.Char(
        string="Public service portal reference", track_visibility="onchange",
        help="The dossier number (mã hồ sơ) on the National Public Service "
             "Portal, when the request went through it.")
    dvc_receive_reference = fields.Char(
        string="Receiving portal reference", track_visibility="onchange",
        help="The dossier number of the receiving organization on the "
             "National Public Service Portal.")

    review_note = fields.Text(string="Review")
    reviewed_by = fields.Many2one("res.users", readonly=True)
    reviewed_on = fields.Datetime(readonly=True)

    letter_number = fields.Char(track_visibility="onchange")
    letter_date = fields.Date(string="Letter issued on",
                              track_visibility="onchange")
    letter_issued_by = fields.Many2one("res.users", readonly=True)
    fee_paid_until_entered = fields.Char(
        string="Fees paid through (from the cell's book)",
        help="The last month paid, as MM/YYYY, when the fee ledger has no "
             "payment of the member.")
    fee_paid_until = fields.Char(
        string="Fees paid through (stored)", readonly=True,
        track_visibility="onchange",
        help="Month, as YYYY-MM, stated on the letter.")
    fee_paid_until_label = fields.Char(
        string="Fees paid through", compute="_compute_fee_paid_until_label",
        help="The month stated on the letter.")
    fee_paid_source = fields.Selection(
        [("ledger", "Fee ledger"), ("entered", "Entered by the secretary")],
        string="Fees paid through: source", readonly=True)
    present_deadline = fields.Date(
        string="Letter to be presented by",
        compute="_compute_present_deadline", store=True, index=True)

    received_date = fields.Date(string="Received on",
                                track_visibility="onchange")
    received_by = fields.Many2one("res.users", readonly=True)
    accept_date = fields.Date(string="Accepted on",
                              track_visibility="onchange")
    accepted_by = fields.Many2one("res.users", readonly=True)
    refuse_reason = fields.Text(string="Reason for refusal")
    refused_by = fields.Many2one("res.users", readonly=True)
    refused_on = fields.Datetime(readonly=True)
    cancelled_by = fields.Many2one("res.users", readonly=True)
    cancelled_on = fields.Datetime(readonly=True)

    present_late = fields.Boolean(
        string="Letter late", compute="_compute_warning",
        search="_search_present_late")
    present_late_received = fields.Boolean(
        string="Letter presented late",
        compute="_compute_present_late_received", store=True)
    deadline_warning = fields.Char(compute="_compute_warning")
    color = fields.Integer(compute="_compute_warning")
    user_sending = fields.Boolean(compute="_compute_user_sides")
    user_receiving = fields.Boolean(compute="_compute_user_sides")

    @api.model
    def _expand_states(self, states, domain, order):  # pylint: disable=unused-argument
        """The kanban shows every step in order (the open ones at least)."""
        return [key for key, _label in STATES
                if key in OPEN_STATES or key in states]

    # --- computes -------------------------------------------------------

    @api.depends("from_organization_id", "from_organization_name",
                 "to_organization_id")
    def _compute_direction(self):
        for transfer in self:
            if not transfer.from_organization_id:
                transfer.direction = "incoming"
            elif not transfer.to_organization_id:
                transfer.direction = "outgoing"
            else:
                transfer.direction = "internal"

    @api.depends("change_date")
    def _compute_apply_deadline(self):
        days = self.env["party.rule"].get_value("transfer_apply_working_days")
        Holiday = self.env["party.holiday"]
        for transfer in self:
            transfer.apply_deadline = transfer.change_date and \
                Holiday.add_working_days(transfer.change_date, days)

    @api.depends("request_date", "apply_deadline", "direction")
    def _compute_apply_late(self):
        for transfer in self:
            transfer.apply_late = bool(
                transfer.direction != "incoming" and transfer.apply_deadline
                and transfer.request_date
                and transfer.request_date > transfer.apply_deadline)

    @api.depends("fee_paid_until")
    def _compute_fee_paid_until_label(self):
        for transfer in self:
            transfer.fee_paid_until_label = paid_month_label(
                transfer.fee_paid_until)

    @api.depends("letter_date")
    def _compute_present_deadline(self):
        days = self.env["party.rule"].get_value("transfer_present_working_days")
        Holiday = self.env["party.holiday"]
        for transfer in self:
            transfer.present_deadline = transfer.letter_date and \
                Holiday.add_working_days(transfer.letter_date, days)

    @api.depends("state", "present_deadline", "received_date", "apply_late",
                 "apply_deadline")
    def _compute_warning(self):
        today = city_today(self)
        Holiday = self.env["party.holiday"]
        for transfer in self:
            warning, late = False, False
            deadline = transfer.present_deadline
            if transfer.state == "letter_issued" and deadline:
                if today > deadline:
                    late = True
                    warning = _("The letter was to be presented by %s.") % (
                        format_date(self.env, deadline))
                else:
                    left = Holiday.working_days_between(today, deadline)
                    if left <= PRESENT_NOTICE_WORKING_DAYS:
                        warning = _(
                            "Present the letter by %(date)s (%(days)s working "
                            "days left).") % {
                                "date": format_date(self.env, deadline),
                                "days": left}
            elif transfer.state in ("received", "accepted") and deadline and \
                    transfer.received_date and transfer.received_date > deadline:
                late = True
                warning = _("The letter was presented after its deadline "
                            "(%s).") % format_date(self.env, deadline)
            if not warning and transfer.apply_late and \
                    transfer.state in OPEN_STATES:
                warning = _("Requested after the deadline of %s (60 working "
                            "days after the change).") % format_date(
                                self.env, transfer.apply_deadline)
            transfer.present_late = late
            transfer.deadline_warning = warning
            transfer.color = 1 if (late or transfer.apply_late) else (
                3 if warning else 0)

    def _search_present_late(self, operator, value):
        today = city_today(self)
        late = ["|", "&", ("state", "=", "letter_issued"),
                ("present_deadline", "<", today),
                "&", ("state", "in", ("received", "accepted")),
                ("present_late_received", "=", True)]
        positive = (operator == "=" and value) or (operator == "!=" and not value)
        if positive:
            return late
        ids = self.search(late).ids
        return [("id", "not in", ids)]

    @api.depends("received_date", "present_deadline")
    def _compute_present_late_received(self):
        for transfer in self:
            transfer.present_late_received = bool(
                transfer.received_date and transfer.present_deadline
                and transfer.received_date > transfer.present_deadline)

    def _compute_user_sides(self):
        scope = self._user_scope()
        for transfer in self:
            sides = transfer._sides(scope) if transfer.id else {"sending"}
            transfer.user_sending = "sending" in sides
            transfer.user_receiving = "receiving" in sides

    # --- sides ------------------------------------------------------------

    def _user_scope(self):
        """Ids of the organizations the user serves (with their subtrees)."""
        user = self.env.user
        if user._is_superuser():
            return None  # everything
        if not user.has_group(SECRETARY) or not user.party_organization_ids:
            return set()
        return set(self.env["party.organization"].sudo().search(
            [("id", "child_of", user.party_organization_ids.ids)]).ids)

    def _sides(self, scope=None):
        """The sides of this transfer the user acts for: "sending" and/or
        "receiving" (the sending side records the answer of an organization
        outside the city)."""
        self.ensure_one()
        scope = self._user_scope() if scope is None else scope
        transfer = self.sudo()
        sides = set()
        if scope is None or (transfer.from_organization_id
                             and transfer.from_organization_id.id in scope):
            sides.add("sending")
        if scope is None or (transfer.to_organization_id
                             and transfer.to_organization_id.id in scope):
            sides.add("receiving")
        if transfer.direction == "outgoing" and "sending" in sides:
            sides.add("receiving")
        if transfer.direction == "incoming":
            sides.discard("sending")
        return sides

    def _check_side(self, side):
        scope = self._user_scope()
        for transfer in self:
            if side not in transfer._sides(scope):
                if side == "sending":
                    raise AccessError(_(
                        "Only the secretaries and committee officers of the "
                        "sending organization may do this step."))
                raise AccessError(_(
                    "Only the secretaries and committee officers of the "
                    "receiving organization may do this step."))

    def _check_state(self, states):
        labels = dict(self._fields["state"]._description_selection(self.env))
        for transfer in self:
            if transfer.state not in states:
                raise UserError(_(
                    "The transfer of %(name)s is at the step “%(state)s”: "
                    "this step is not possible now.") % {
                        "name": transfer.member_name,
                        "state": labels[transfer.state]})

    # --- create / write / unlink -----------------------------------------

    @api.model
    def _check_request_values(self, vals, member):
        """The checks of a new request, whoever makes it."""
        if member.state not in ACTIVE_STATES:
            raise UserError(_("%s is not an active member of this "
                              "organization.") % member.name)
        if self.sudo().search_count([("member_id", "=", member.id),
                                     ("state", "in", OPEN_STATES)]):
            raise UserError(_(
                "%s already has a transfer in progress.") % member.name)
        if not vals.get("change_date"):
            raise ValidationError(_("Give the date of the change (new job, "
                                    "retirement or move)."))
        if not (vals.get("to_organization_id")
                or (vals.get("to_organization_name") or "").strip()):
            raise ValidationError(_("Give the organization you are "
                                    "transferring to."))
        if vals.get("to_organization_id") == member.organization_id.id:
            raise ValidationError(_("The member is already in this "
                                    "organization."))
        if vals.get("kind") == "temporary":
            if not vals.get("to_organization_id"):
                raise ValidationError(_(
                    "A temporary attachment is to an organization of this "
                    "city: choose it."))
            if member.state != "official":
                raise ValidationError(_(
                    "Only official members are temporarily attached "
                    "elsewhere."))
        if vals.get("kind", "official") == "official" and not (
                vals.get("self_review") or "").strip():
            raise ValidationError(_(
                "An official transfer needs the member's self-review."))

    @api.model
    def _member_snapshot(self, member):
        member = member.sudo()
        return {
            "member_id": member.id,
            "member_partner_id": member.partner_id.id,
            "member_name": member.name,
            "member_date_of_birth": member.date_of_birth,
            "member_gender": member.gender if member.gender in (
                "male", "female") else False,
            "member_admission_date": member.admission_date,
            "member_official_date": member.official_date,
            "member_card_number": member.card_number,
            "member_status": "probationary" if member.state == "probationary"
            else "official",
            "from_organization_id": member.organization_id.id,
        }

    @api.model
    def create(self, vals):
        if vals.get("fee_paid_until_entered"):
            vals = dict(vals, fee_paid_until_entered=typed_month(
                vals["fee_paid_until_entered"]))
        scope = None
        if not is_internal(self):  # data files: the demo's transfers
            # who may not create is told so first
            self.check_access_rights("create")
            scope = self._user_scope()
        if vals.get("member_id"):
            vals = self._strip_unknown(vals, REQUEST_FIELDS)
            member = self.env["party.member"].sudo().browse(vals["member_id"])
            if not member.exists() or (
                    scope is not None
                    and member.organization_id.id not in scope):
                raise AccessError(_(
                    "Only the secretaries and committee officers of the "
                    "member's organization may record a transfer request."))
            self._check_request_values(vals, member)
            if vals.get("request_date") and vals["request_date"] > \
                    city_today(self):
                raise ValidationError(_("The request date cannot be in the "
                                        "future."))
            vals = dict(vals, **self._member_snapshot(member))
            vals.update({
                "assisted": True, "requested_by": self.env.uid,
                "requested_on": fields.Datetime.now(),
                "request_date": vals.get("request_date")
                or city_today(self),
            })
            state = "requested"
        else:
            vals = self._strip_unknown(vals, INCOMING_FIELDS + ("kind",))
            self._check_incoming_values(vals, scope)
            today = city_today(self)
            vals = dict(vals, kind="official", requested_by=self.env.uid,
                        requested_on=fields.Datetime.now(),
                        request_date=vals.get("received_date") or today,
                        received_date=vals.get("received_date") or today,
                        received_by=self.env.uid)
            vals["fee_paid_until"] = vals.get("fee_paid_until_entered")
            vals["fee_paid_source"] = "entered"
            state = "received"
        vals["state"] = state
        with internal_write(self.browse()), checked_values(vals):
            transfer = super().create(vals)
        transfer._notify_turn()
        return transfer

    @api.model
    def _strip_unknown(self, vals, allowed):
        """The form sends every field of the view: the values a caller may
        not give are dropped when empty or the default, refused otherwise."""
        result, refused = {}, []
        for name, value in vals.items():
            if name in allowed:
                result[name] = value
                continue
            field = self._fields.get(name)
            default = field.default(self) if field and field.default else None
            if value in (False, None, "", [], 0) or value == default:
                continue
            refused.append(name)
        if refused:
            raise self._integrity_error(refused)
        return result

    @api.model
    def _check_incoming_values(self, vals, scope):
        if vals.get("kind", "official") != "official":
            raise ValidationError(_("A transfer from outside the city is an "
                                    "official transfer."))
        if not vals.get("to_organization_id") or (
                scope is not None and vals["to_organization_id"] not in scope):
            raise AccessError(_(
                "Only the secretaries and committee officers of the "
                "receiving organization may record a transfer from outside."))
        missing = [label for name, label in (
            ("from_organization_name", _("the sending organization")),
            ("member_name", _("the member's name")),
            ("member_date_of_birth", _("the date of birth")),
            ("member_admission_date", _("the admission date")),
            ("member_status", _("the membership (official or probationary)")),
            ("letter_number", _("the letter's number")),
            ("letter_date", _("the letter's date")),
            ("change_date", _("the date of the change")),
        ) if not vals.get(name)]
        if missing:
            raise ValidationError(_("Give %s.") % ", ".join(missing))
        month = vals.get("fee_paid_until_entered")
        if not month or not MONTH.match(month):
            raise ValidationError(_(
                "Give the month party fees are paid through, as on the "
                "letter (MM/YYYY)."))

    @api.multi
    def write(self, vals):
        if vals.get("fee_paid_until_entered"):
            vals = dict(vals, fee_paid_until_entered=typed_month(
                vals["fee_paid_until_entered"]))
        if not is_internal(self):
            self.check_access_rights("write")
            self.check_access_rule("write")
            scope = self._user_scope()
            for transfer in self:
                sides = transfer._sides(scope)
                for name in vals:
                    rule = EDITABLE.get(name)
                    if not rule:
                        raise self._integrity_error([name])
                    states, side = rule
                    if side == "turn":
                        side = TURN.get(transfer.state)
                    if transfer.state not in states or side not in sides:
                        raise UserError(_(
                            "%(field)s cannot be changed at this step, or "
                            "by your organization.") % {
                                "field": "“%s”" % self._fields[name]
                                .get_description(self.env)["string"]})
            if vals.get("fee_paid_until_entered") and not MONTH.match(
                    vals["fee_paid_until_entered"]):
                raise ValidationError(_("Write the month as MM/YYYY, for "
                                        "example 01/2026."))
            if vals.get("to_organization_id"):
                for transfer in self:
                    if transfer.from_organization_id.id == \
                            vals["to_organization_id"]:
                        raise ValidationError(_(
                            "The member is already in this organization."))
        return super().write(vals)

    def _unlink_refusal(self):
        return _("A transfer is never deleted: cancel or refuse it.")

    # --- steps ------------------------------------------------------------

    def _step(self, vals):
        """Write a step's values; the reminder of the step just done goes."""
        with internal_write(self):
            self.write(vals)
        step_type = self.env.ref("party_handbook.mail_activity_transfer_step")
        self.env["mail.activity"].sudo().search([
            ("res_model", "=", self._name), ("res_id", "in", self.ids),
            ("activity_type_id", "=", step_type.id)]).unlink()

    @api.multi
    def action_review(self):
        self._check_state(("requested",))
        self._check_side("sending")
        for transfer in self:
            if transfer.kind == "official" and not (
                    transfer.self_review or "").strip():
                raise UserError(_("The member's self-review is missing."))
        self._step({"state": "reviewed", "reviewed_by": self.env.uid,
                    "reviewed_on": fields.Datetime.now()})
        return True

    @api.multi
    def action_issue_letter(self):
        self._check_state(("reviewed",))
        self._check_side("sending")
        members = self.mapped("member_id").sudo()
        ledger = members._party_fee_paid_through() if members else {}
        for transfer in self:
            if not transfer.letter_number or not transfer.letter_date:
                raise UserError(_("Give the letter's number and date."))
            if transfer.letter_date < transfer.request_date:
                raise UserError(_("The letter cannot be issued before the "
                                  "request."))
            paid = ledger.get(transfer.member_id.id)
            if paid:
                values = {"fee_paid_until": paid, "fee_paid_source": "ledger"}
            elif transfer.fee_paid_until_entered:
                values = {"fee_paid_until": transfer.fee_paid_until_entered,
                          "fee_paid_source": "entered"}
            else:
                raise UserError(_(
                    "The fee ledger has no payment of %s: give the month "
                    "party fees are paid through, from the cell's book.")
                    % transfer.member_name)
            values.update(self._member_snapshot(transfer.member_id))
            values.update({"state": "letter_issued",
                           "letter_issued_by": self.env.uid})
            transfer._step(values)
        self._notify_turn()
        return True

    @api.multi
    def action_receive(self):
        self._check_state(("letter_issued",))
        self._check_side("receiving")
        today = city_today(self)
        for transfer in self:
            transfer._step({"state": "received", "received_by": self.env.uid,
                            "received_date": transfer.received_date or today})
            if transfer.present_late_received:
                transfer.message_post(body=_(
                    "The letter was presented after its deadline (%s).")
                    % format_date(self.env, transfer.present_deadline))
        self._notify_turn()
        return True

    @api.multi
    def action_accept(self):
        self._check_state(("received",))
        self._check_side("receiving")
        today = city_today(self)
        for transfer in self:
            date = transfer.accept_date or today
            if date < (transfer.received_date or date):
                raise UserError(_("The acceptance cannot precede the "
                                  "receipt of the letter."))
            member = transfer._move_member(date)
            values = {"state": "accepted", "accepted_by": self.env.uid,
                      "accept_date": date}
            if member != transfer.member_id:
                values.update(member_id=member.id,
                              member_partner_id=member.partner_id.id)
            transfer._step(values)
        return True

    def _move_member(self, date):
        """Move the member as the transfer says (the user's side was
        checked: the move is written with the application's rights and
        dated in the member's history as done by the user)."""
        self.ensure_one()
        History = self.env["party.member.history"].sudo()
        self.env.cr.execute("SELECT coalesce(max(id), 0) FROM party_member_history")
        before = self.env.cr.fetchone()[0]
        member = self.member_id.sudo()
        if self.direction == "incoming":
            # the receiving secretary creates the member in their scope
            member = self.env["party.member"].create({
                "name": self.member_name,
                "organization_id": self.to_organization_id.id,
                "date_of_birth": self.member_date_of_birth,
                "gender": self.member_gender,
                "admission_date": self.member_admission_date,
                "official_date": self.member_official_date,
                "card_number": self.member_card_number or False,
                "state": self.member_status or "official",
            })
            rows = History.search([("member_id", "=", member.id)])
            with internal_write(rows):
                rows.write({
                    "event": "transfer_in", "date": date,
                    "origin": self.from_organization_name,
                    "fee_paid_until": self.fee_paid_until,
                    "decision": self.letter_number,
                })
            return member
        if self.kind == "temporary":
            member.action_transfer_temporary(
                self.to_organization_id, until=self.temporary_until, date=date,
                fee_paid_until=self.fee_paid_until)
        elif self.direction == "internal":
            member.action_transfer_internal(
                self.to_organization_id, date=date,
                fee_paid_until=self.fee_paid_until,
                decision=self.letter_number)
        else:
            member.action_transfer_out(
                self.to_organization_name, date=date,
                fee_paid_until=self.fee_paid_until,
                decision=self.letter_number)
        rows = History.search([("member_id", "=", member.id),
                               ("id", ">", before)])
        with internal_write(rows):
            rows.write({"user_id": self.env.uid})
        return self.member_id

    @api.multi
    def action_refuse(self):
        self._check_state(OPEN_STATES)
        for transfer in self:
            transfer._check_side(TURN[transfer.state])
            if not (transfer.refuse_reason or "").strip():
                raise UserError(_("Give the reason for the refusal."))
            transfer._step({"state": "refused", "refused_by": self.env.uid,
                            "refused_on": fields.Datetime.now()})
        return True

    @api.multi
    def action_cancel(self):
        """The sending side, or the member while the request is not yet
        reviewed, cancels it."""
        self._check_state(("requested", "reviewed"))
        partner = self.env.user.partner_id
        for transfer in self:
            own = transfer.sudo().member_partner_id == partner and \
                transfer.state == "requested"
            if not own:
                transfer._check_side("sending")
            transfer.sudo()._step({
                "state": "cancelled", "cancelled_by": self.env.uid,
                "cancelled_on": fields.Datetime.now()})
        return True

    # --- the member's request (portal) -------------------------------------

    @api.model
    def request_own_transfer(self, values):
        """The logged-in member asks for a transfer (portal): ``values`` has
        kind, reason, reason_note, change_date, to_organization_id or
        to_organization_name, self_review, dvc_reference."""
        member = self.env["party.member"].sudo().search(
            [("partner_id", "=", self.env.user.partner_id.id)], limit=1)
        if not member:
            raise AccessError(_("Your user account is not linked to a party "
                                "member profile. Ask your cell secretary."))
        allowed = ("kind", "reason", "reason_note", "change_date",
                   "to_organization_id", "to_organization_name",
                   "self_review", "dvc_reference")
        unknown = set(values) - set(allowed)
        if unknown:
            raise ValidationError(_("These values cannot be given: %s")
                                  % ", ".join(sorted(unknown)))
        vals = {key: value for key, value in values.items() if value}
        vals.setdefault("kind", "official")
        if vals["kind"] != "official":
            raise ValidationError(_("Ask your cell secretary for a temporary "
                                    "attachment."))
        if vals.get("to_organization_id"):
            vals.pop("to_organization_name", None)
        self._check_request_values(vals, member)
        vals.update(self._member_snapshot(member))
        vals.update({"assisted": False, "requested_by": self.env.uid,
                     "requested_on": fields.Datetime.now(),
                     "request_date": city_today(self),
                     "state": "requested"})
        with internal_write(self.browse()), checked_values(vals):
            transfer = super(PartyTransfer, self.sudo()).create(vals)
        transfer._notify_turn()
        return transfer.sudo(self.env.uid)

    # --- notices ------------------------------------------------------------

    def _turn_organizations(self):
        """{transfer: organization} whose secretary acts next."""
        result = {}
        for transfer in self.sudo():
            side = TURN.get(transfer.state)
            org = transfer.from_organization_id if side == "sending" else (
                transfer.to_organization_id or transfer.from_organization_id)
            if org:
                result[transfer.id] = org
        return result

    def _notify_turn(self):
        """An activity to the secretary whose turn it is (none when the
        organization has no secretary with a login)."""
        turn = self._turn_organizations()
        if not turn:
            return
        organizations = self.env["party.organization"].browse(
            sorted({org.id for org in turn.values()}))
        secretaries = organizations.sudo()._current_secretary_users()
        activity_type = self.env.ref(
            "party_handbook.mail_activity_transfer_step")
        labels = dict(self._fields["state"]._description_selection(self.env))
        vals_list = []
        for transfer in self.sudo():
            org = turn.get(transfer.id)
            user = org and secretaries.get(org.id)
            if not user:
                continue
            vals_list.append({
                "res_id": transfer.id, "activity_type_id": activity_type.id,
                "res_name": transfer.member_name, "user_id": user.id,
                "date_deadline": city_today(self),
                "summary": _("Transfer of %(name)s: %(state)s") % {
                    "name": transfer.member_name,
                    "state": labels[transfer.state]},
            })
        create_activities(self.env, self._name, vals_list)

    # --- the letter -------------------------------------------------------

    def _letter_issuer(self):
        """The committee that issues the letter: the sending cell's upper
        committee (a cell does not issue letters), else the organization."""
        self.ensure_one()
        org = self.sudo().from_organization_id
        if org.level == "cell" and org.parent_id:
            return org.parent_id
        return org

    def _letter_values(self):
        """What the letter states (read as the application: the user's right
        to print was checked)."""
        self.ensure_one()
        transfer = self.sudo()
        env = self.env

        def day(value):
            return value and format_date(env, value) or "……"

        fee = transfer.fee_paid_until
        statuses = dict(self._fields["member_status"]._description_selection(
            env))
        return {
            "fee_paid_until": fee and _("%(month)s/%(year)s") % {
                "month": fee[5:7], "year": fee[:4]} or "……",
            "destination": transfer.to_organization_id.complete_name
            if transfer.to_organization_id else transfer.to_organization_name,
            "origin": transfer.from_organization_id.complete_name
            if transfer.from_organization_id
            else transfer.from_organization_name,
            "date_of_birth": day(transfer.member_date_of_birth),
            "admission_date": day(transfer.member_admission_date),
            "official_date": transfer.member_official_date and day(
                transfer.member_official_date),
            "temporary_until": transfer.temporary_until and day(
                transfer.temporary_until),
            "status": statuses.get(transfer.member_status, ""),
            "present_deadline": day(transfer.present_deadline),
            "present_days": int(env["party.rule"].get_value(
                "transfer_present_working_days")),
            "issued_by": transfer.letter_issued_by.name or "",
        }

    @api.multi
    def _check_print(self):
        """The letter exists once issued; the sending and receiving sides
        and the member themself may print it."""
        self.check_access_rights("read")
        self.check_access_rule("read")
        for transfer in self.sudo():
            if transfer.state not in ("letter_issued", "received", "accepted") \
                    or transfer.direction == "incoming":
                raise UserError(_("The transfer letter is not issued yet."))

    @api.multi
    def action_print_letter(self):
        self._check_print()
        return self.env.ref(
            "party_handbook.action_report_transfer_letter").report_action(self)

    # --- scheduled reminders ----------------------------------------------

    @api.model
    def _cron_present_reminders(self, batch_size=BATCH_SIZE, commit=True,
                                today=None):
        """Activities to the secretaries of both sides of each issued letter
        that is due within a few working days or overdue; a secretary who
        already has one for the transfer gets none (reruns add nothing).
        One query for the candidates, one for the existing activities,
        activities created set-wise in batches, earliest deadlines first."""
        today = today or city_today(self)
        horizon = self.env["party.holiday"].add_working_days(
            today, PRESENT_NOTICE_WORKING_DAYS)
        activity_type = self.env.ref(
            "party_handbook.mail_activity_transfer_present")
        cr = self.env.cr
        cr.execute("""
            SELECT id, member_name, present_deadline, from_organization_id,
                   to_organization_id
              FROM party_transfer
             WHERE state = 'letter_issued' AND present_deadline <= %s
             ORDER BY present_deadline, id""", (horizon,))
        rows = cr.fetchall()
        if not rows:
            return 0
        cr.execute("""
            SELECT res_id, user_id FROM mail_activity
             WHERE res_model = 'party.transfer' AND activity_type_id = %s
               AND res_id IN %s""",
                   (activity_type.id, tuple(row[0] for row in rows)))
        existing = set(cr.fetchall())
        orgs = {org for row in rows for org in row[3:5] if org}
        secretaries = {org_id: user.id for org_id, user in self.env[
            "party.organization"].browse(sorted(orgs)).sudo()
            ._current_secretary_users().items()}
        root = self.env.ref("base.user_root").id
        self = in_handbook_lang(self)  # pylint: disable=self-cls-assignment
        summary = _("The transfer letter of %(name)s is to be presented by "
                    "%(date)s.")
        todo = []
        for transfer_id, name, deadline, from_org, to_org in rows:
            users = []
            for org in (from_org, to_org):
                user = secretaries.get(org) if org else None
                if org and not user:
                    user = root
                if user and user not in users and \
                        (transfer_id, user) not in existing:
                    users.append(user)
            todo.extend((transfer_id, name, deadline, user) for user in users)

        def process(items):
            return create_activities(self.env, self._name, [{
                "res_id": transfer_id, "activity_type_id": activity_type.id,
                "res_name": name, "date_deadline": deadline,
                "user_id": user_id,
                "summary": summary % {
                    "name": name, "date": format_date(self.env, deadline)},
            } for transfer_id, name, deadline, user_id in items])

        return run_in_batches(self.env, "transfer letter reminders",
                              slicer(todo), process,
                              key=lambda item: (item[2], item[0], item[3]),
                              batch_size=batch_size, commit=commit)


class PartyMember(models.Model):
    _inherit = "party.member"

    transfer_ids = fields.One2many(
        "party.transfer", "member_id", string="Transfers")
    transfer_count = fields.Integer(compute="_compute_transfer_count")

    @api.multi
    def _compute_transfer_count(self):
        data = self.env["party.transfer"].read_group(
            [("member_id", "in", self.ids)], ["member_id"], ["member_id"])
        counts = {row["member_id"][0]: row["member_id_count"] for row in data}
        for member in self:
            member.transfer_count = counts.get(member.id, 0)

    @api.multi
    def action_open_transfers(self):
        self.ensure_one()
        action = self.env.ref("party_handbook.party_transfer_action").read()[0]
        action["domain"] = [("member_id", "=", self.id)]
        action["context"] = {"default_member_id": self.id}
        return action
