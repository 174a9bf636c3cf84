# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import logging
from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools.misc import format_date

# pylint: disable=missing-import-error
from .party_integrity import checked_values, internal_write, is_internal
from .party_lang import in_handbook_lang
from .party_batch import (  # pylint: disable=missing-import-error
    BATCH_SIZE, create_activities, run_in_batches, slicer)

_logger = logging.getLogger(__name__)

SENSITIVE = "party_handbook.group_party_handbook_cell_secretary"
STATES = [
    ("probationary", "Probationary"),
    ("official", "Official"),
    ("exempted", "Exempted from activities"),
    ("transferred_out", "Transferred out"),
    ("left", "Left the party"),
    ("deceased", "Deceased"),
]
# States in which a person is a member of this party organization today.
ACTIVE_STATES = ("probationary", "official", "exempted")
AGE_BANDS = [
    ("under_30", "Under 30"),
    ("30_45", "30 to 45"),
    ("46_60", "46 to 60"),
    ("61_75", "61 to 75"),
    ("over_75", "Over 75"),
]
PROBATION_MONTHS = 12
# Cell secretaries are reminded this many days before a probation ends.
PROBATION_NOTICE_DAYS = 30


def age_band(age):
    if age is None:
        return False
    for limit, band in ((30, "under_30"), (46, "30_45"), (61, "46_60"),
                        (76, "61_75")):
        if age < limit:
            return band
    return "over_75"


def years_between(start, end):
    start, end = fields.Date.from_string(start), fields.Date.from_string(end)
    return relativedelta(end, start).years


class PartyMember(models.Model):
    """A party member's digital profile (hồ sơ đảng viên).

    Delegates identity and contact data to a res.partner, so that mail,
    followers, notifications and the portal work as for any partner.
    """

    _name = "party.member"
    _description = "Party member"
    _inherits = {"res.partner": "partner_id"}
    _inherit = ["party.integrity.mixin", "party.audited.thread",
                "mail.activity.mixin"]
    _order = "organization_id, name, id"
    # changed only by the dated status actions (the history row goes with
    # them) and by the daily age-band action; the contact is chosen once, at
    # creation (swapping it would carry another person's contact into the
    # writer's scope: see party_member_list_rules.py)
    _settable_on_create = ("partner_id",)
    _protected_fields = ("state", "active", "age_band", "partner_id",
                         "assistance_consent_date", "assistance_consent_note",
                         "assistance_consent_by")

    partner_id = fields.Many2one(
        "res.partner", required=True, ondelete="restrict", auto_join=True,
        index=True, string="Contact")
    active = fields.Boolean(default=True, track_visibility="onchange")
    organization_id = fields.Many2one(
        "party.organization", string="Party cell", required=True, index=True,
        ondelete="restrict", track_visibility="onchange",
        help="The organization where the member is registered (usually a cell).")
    temporary_organization_id = fields.Many2one(
        "party.organization", string="Temporarily attached to", index=True,
        ondelete="restrict", track_visibility="onchange",
        help="Organization where the member temporarily takes part in "
             "activities (sinh hoạt tạm thời).")
    temporary_until = fields.Date(track_visibility="onchange")
    # Not readonly=True: that flag is only a view hint (the ORM writes the
    # field anyway) and it hides the field from imports, which must set the
    # status of members entered from paper records. Views show it read-only;
    # write() refuses status changes outside the dated lifecycle actions.
    state = fields.Selection(
        STATES, string="Status", required=True, default="probationary",
        index=True, copy=False, track_visibility="onchange")
    history_ids = fields.One2many(
        "party.member.history", "member_id", string="Status history",
        readonly=True)

    # Identity
    birth_name = fields.Char(string="Name at birth", track_visibility="onchange")
    date_of_birth = fields.Date(
        string="Born on", index=True, track_visibility="onchange")
    gender = fields.Selection(
        [("male", "Male"), ("female", "Female")], index=True,
        track_visibility="onchange")
    ethnicity = fields.Char(groups=SENSITIVE, track_visibility="onchange")
    religion = fields.Char(groups=SENSITIVE, track_visibility="onchange")
    national_id = fields.Char(
        string="National ID", groups=SENSITIVE, copy=False,
        track_visibility="onchange")
    home_town = fields.Char(string="Hometown", track_visibility="onchange")
    residence = fields.Char(string="Place of residence", track_visibility="onchange")

    # Party data
    admission_date = fields.Date(
        string="Admitted on", index=True, track_visibility="onchange",
        help="Ngày vào Đảng.")
    official_date = fields.Date(
        string="Official since", track_visibility="onchange",
        help="Ngày chính thức.")
    card_number = fields.Char(
        string="Party card number", copy=False, index=True,
        track_visibility="onchange")
    record_number = fields.Char(
        string="Party record number", copy=False, track_visibility="onchange",
        help="Số lý lịch đảng viên.")
    badge = fields.Selection([
        ("30", "30-year badge"), ("40", "40-year badge"), ("45", "45-year badge"),
        ("50", "50-year badge"), ("55", "55-year badge"), ("60", "60-year badge"),
        ("65", "65-year badge"), ("70", "70-year badge"), ("75", "75-year badge"),
        ("80", "80-year badge"), ("85", "85-year badge"), ("90", "90-year badge"),
    ], string="Party badge", track_visibility="onchange")
    badge_date = fields.Date(string="Badge awarded on")

    # Levels and occupation
    education_level = fields.Selection([
        ("primary", "Primary school"), ("lower_secondary", "Lower secondary"),
        ("upper_secondary", "Upper secondary"),
    ], string="General education", track_visibility="onchange")
    professional_level = fields.Selection([
        ("none", "None"), ("vocational", "Vocational"), ("college", "College"),
        ("bachelor", "Bachelor"), ("master", "Master"), ("doctor", "Doctorate"),
    ], track_visibility="onchange")
    political_theory_level = fields.Selection([
        ("none", "None"), ("elementary", "Elementary"),
        ("intermediate", "Intermediate"), ("advanced", "Advanced"),
        ("bachelor", "Bachelor (political science)"),
    ], string="Political theory", index=True, track_visibility="onchange")
    language_level = fields.Char(
        string="Foreign languages", track_visibility="onchange")
    occupation = fields.Char(track_visibility="onchange")

    # Career
    work_ids = fields.One2many("party.member.work", "member_id", string="Work history")
    training_ids = fields.One2many(
        "party.member.training", "member_id", string="Training")
    position_held_ids = fields.One2many(
        "party.member.position", "member_id", string="Positions held")
    reward_ids = fields.One2many("party.member.reward", "member_id", string="Rewards")
    discipline_ids = fields.One2many(
        "party.member.discipline", "member_id", string="Discipline",
        groups=SENSITIVE)
    rating_ids = fields.One2many(
        "party.member.rating", "member_id", string="Quality ratings",
        groups=SENSITIVE)
    notice_preference = fields.Selection([
        ("digest", "A daily email with the new documents"),
        ("none", "No email (I read documents in the handbook)"),
    ], string="Document notices", default="digest", required=True)
    change_request_ids = fields.One2many(
        "party.member.change.request", "member_id", string="Change requests")

    # Derived
    age = fields.Integer(compute="_compute_age")
    age_band = fields.Selection(
        AGE_BANDS, readonly=True, index=True,
        help="Kept current by a daily scheduled action.")
    seniority = fields.Integer(
        string="Party seniority (years)", compute="_compute_age")
    probation_end_date = fields.Date(
        compute="_compute_probation_end_date", store=True, index=True,
        string="Probation ends on")
    probation_days_left = fields.Integer(
        compute="_compute_probation_days_left", string="Days of probation left")
    is_own_profile = fields.Boolean(
        string="Own profile", compute="_compute_is_own_profile")

    _sql_constraints = [
        ("card_number_uniq", "unique(card_number)",
         "This party card number is already used by another member."),
        ("national_id_uniq", "unique(national_id)",
         "This national ID is already used by another member."),
        ("partner_uniq", "unique(partner_id)",
         "This contact already has a party member profile."),
    ]

    @api.depends("date_of_birth", "admission_date")
    def _compute_age(self):
        today = fields.Date.context_today(self)
        for member in self:
            member.age = member.date_of_birth and years_between(
                member.date_of_birth, today)
            member.seniority = member.admission_date and years_between(
                member.admission_date, today)

    @api.depends("admission_date", "state")
    def _compute_probation_end_date(self):
        for member in self:
            if member.admission_date and member.state == "probationary":
                member.probation_end_date = fields.Date.to_string(
                    fields.Date.from_string(member.admission_date)
                    + relativedelta(months=PROBATION_MONTHS))
            else:
                member.probation_end_date = False

    @api.depends("probation_end_date")
    def _compute_probation_days_left(self):
        today = fields.Date.from_string(fields.Date.context_today(self))
        for member in self:
            member.probation_days_left = member.probation_end_date and (
                fields.Date.from_string(member.probation_end_date) - today).days

    def _compute_is_own_profile(self):
        for member in self:
            member.is_own_profile = member.partner_id == self.env.user.partner_id

    @api.constrains("date_of_birth", "admission_date", "official_date")
    def _check_dates(self):
        today = fields.Date.context_today(self)
        # as superuser: a create outside the user's scope must fail on the
        # access rule (AccessError), not inside this check
        for member in self.sudo():
            if member.date_of_birth and member.date_of_birth > today:
                raise ValidationError(_("The date of birth is in the future."))
            if member.admission_date:
                if member.admission_date > today:
                    raise ValidationError(
                        _("The admission date is in the future."))
                if member.date_of_birth and years_between(
                        member.date_of_birth, member.admission_date) < 18:
                    raise ValidationError(
                        _("A member must be at least 18 years old when admitted."))
            if member.official_date and member.admission_date and \
                    member.official_date < member.admission_date:
                raise ValidationError(
                    _("The official date cannot precede the admission date."))

    @api.constrains("organization_id", "temporary_organization_id")
    def _check_organizations(self):
        for member in self.sudo():
            if member.temporary_organization_id == member.organization_id:
                raise ValidationError(_(
                    "A member cannot be temporarily attached to their own "
                    "organization."))

    @api.model
    def create(self, vals):
        # a member entered from paper records may be created with any
        # status (the history row says so); not with its derived values
        self._check_integrity_create(
            {k: v for k, v in vals.items() if k not in ("state", "active")})
        vals = dict(vals, age_band=age_band(
            vals.get("date_of_birth") and years_between(
                vals["date_of_birth"], fields.Date.context_today(self))))
        if vals.get("state") and vals["state"] not in ACTIVE_STATES:
            vals["active"] = False
        with checked_values(vals):
            member = super().create(vals)
        member._add_history("admission" if member.state == "probationary"
                            else "registration",
                            to_state=member.state,
                            date=member.admission_date,
                            to_organization_id=member.organization_id.id)
        return member

    @api.multi
    def write(self, vals):
        internal = is_internal(self)
        if not internal:
            if "state" in vals and any(
                    member.state != vals["state"] for member in self):
                raise UserError(_(
                    "Change a member's status with the status actions (they "
                    "date the change in the member's history)."))
            self._check_integrity_write(
                {k: v for k, v in vals.items() if k != "state"})
        vals = dict(vals)
        if "date_of_birth" in vals:
            vals["age_band"] = age_band(vals["date_of_birth"] and years_between(
                vals["date_of_birth"], fields.Date.context_today(self)))
        if "organization_id" in vals and not internal:
            # A plain change of cell (not through a transfer) is still dated.
            for member in self.filtered(
                    lambda m: m.organization_id.id != vals["organization_id"]):
                member._add_history(
                    "transfer_internal", from_organization_id=member.organization_id.id,
                    to_organization_id=vals["organization_id"])
        with checked_values(vals):
            res = super().write(vals)
        if "organization_id" in vals:
            self._move_records(vals["organization_id"])
        if "organization_id" in vals or "temporary_organization_id" in vals:
            # Members' record rules read their own organization (cached per user).
            self.env["ir.rule"].clear_caches()
        return res

    @api.multi
    def unlink(self):
        """A profile entered by mistake may be deleted while its history holds
        only its creation; afterwards the member leaves, dies or moves:
        those are statuses, dated in the history, never a deletion."""
        if not is_internal(self):
            self.check_access_rights("unlink")
            self.env.cr.execute("""
                SELECT member_id FROM party_member_history
                 WHERE member_id IN %s GROUP BY member_id HAVING count(*) > 1
                 LIMIT 1""", (tuple(self.ids) or (0,),))
            row = self.env.cr.fetchone()
            if row:
                raise UserError(_(
                    "%s has a status history: a member's profile is not "
                    "deleted (record that the member left, died or moved).")
                    % self.browse(row[0]).sudo().name)
        return super().unlink()

    @api.multi
    def _move_records(self, organization_id):
        """Every record about these members follows them (one statement per
        table: see party.member.record)."""
        if not self.ids:
            return
        for model in self.env.registry.values():
            if getattr(model, "_party_member_record", False) and not model._abstract:
                self.env.cr.execute(
                    "UPDATE %s SET organization_id = %%s WHERE member_id IN %%s"
                    % model._table, (organization_id or None, tuple(self.ids)))
                self.env[model._name].invalidate_cache(["organization_id"])
        self.env.cr.execute("""
            UPDATE party_member_change_request_line line SET organization_id = %s
              FROM party_member_change_request request
             WHERE line.request_id = request.id AND request.member_id IN %s""",
                            (organization_id or None, tuple(self.ids)))
        self.env["party.member.change.request.line"].invalidate_cache(
            ["organization_id"])

    # --- status lifecycle -----------------------------------------------

    @api.multi
    def _add_history(self, event, **values):
        """Date a change in the member's history (written as superuser: the
        history is read-only for every role, the callers checked access)."""
        History = self.env["party.member.history"].sudo()
        with internal_write(History):
            for member in self:
                History.create(dict({
                    "member_id": member.id,
                    "event": event,
                    "date": values.get("date") or fields.Date.context_today(self),
                    "from_state": values.get("from_state"),
                    "to_state": values.get("to_state") or member.state,
                    "user_id": self.env.uid,
                }, **{key: value for key, value in values.items()
                      if key not in ("date", "from_state", "to_state")}))

    @api.multi
    def _change_state(self, new_state, event, allowed_from, member_vals=None,
                      **values):
        """Move every member of ``self`` to ``new_state`` with the same
        values, each change dated in the history; the members are checked
        first, so a refusal changes none of them."""
        self.check_access_rights("write")
        self.check_access_rule("write")
        for member in self:
            if member.state not in allowed_from:
                raise UserError(_(
                    "%(name)s is %(state)s: this change is not possible.") % {
                        "name": member.name,
                        "state": dict(STATES)[member.state]})
        member_vals = dict(member_vals or {}, state=new_state)
        if new_state not in ACTIVE_STATES:
            member_vals["active"] = False
        for member in self:
            old_state = member.state
            with internal_write(member):
                member.write(dict(member_vals))
            member._add_history(event, from_state=old_state, to_state=new_state,
                                **values)

    @api.multi
    def action_make_official(self, date=None, decision=None):
        """Probationary → official, after the cell's vote (Statute, art. 5)."""
        date = date or fields.Date.context_today(self)
        for member in self:
            if member.admission_date and date < member.admission_date:
                raise UserError(_(
                    "The official date cannot precede the admission date."))
        self._change_state(
            "official", "official", ("probationary",), date=date,
            decision=decision, member_vals={"official_date": date})

    @api.multi
    def action_exempt(self, date=None, reason=None, decision=None):
        self._change_state("exempted", "exemption", ("official",), date=date,
                           reason=reason, decision=decision)

    @api.multi
    def action_end_exemption(self, date=None, reason=None):
        self._change_state("official", "exemption_end", ("exempted",), date=date,
                           reason=reason)

    @api.multi
    def action_transfer_out(self, destination, date=None, fee_paid_until=None,
                            decision=None):
        if not destination:
            raise UserError(_("Give the destination of the transfer."))
        self._change_state(
            "transferred_out", "transfer_out", ACTIVE_STATES, date=date,
            destination=destination, fee_paid_until=fee_paid_until,
            decision=decision, member_vals={"active": False})

    @api.multi
    def action_transfer_internal(self, organization, date=None, fee_paid_until=None,
                                 decision=None):
        """Official transfer to another organization inside the tree."""
        organization.check_access_rule("read")
        for member in self:
            if member.organization_id == organization:
                raise UserError(_("%s is already in this organization.")
                                % member.name)
            from_org = member.organization_id
            member._change_state(
                member.state, "transfer_internal", ACTIVE_STATES, date=date,
                from_organization_id=from_org.id,
                to_organization_id=organization.id, fee_paid_until=fee_paid_until,
                decision=decision,
                member_vals={"organization_id": organization.id})

    @api.multi
    def action_transfer_temporary(self, organization, until=None, date=None,
                                  fee_paid_until=None):
        """Temporary attachment elsewhere; the member stays registered here."""
        # the organization must be one the user can see (as for a transfer)
        organization.check_access_rule("read")
        self._change_state(
            "official", "temporary_out", ("official",), date=date,
            to_organization_id=organization.id, fee_paid_until=fee_paid_until,
            member_vals={"temporary_organization_id": organization.id,
                         "temporary_until": until})

    @api.multi
    def action_end_temporary(self, date=None):
        for member in self:
            if not member.temporary_organization_id:
                raise UserError(_("%s is not temporarily attached elsewhere.")
                                % member.name)
            member._change_state(
                member.state, "temporary_end", (member.state,), date=date,
                from_organization_id=member.temporary_organization_id.id,
                member_vals={"temporary_organization_id": False,
                             "temporary_until": False})

    @api.multi
    def action_leave(self, form, date=None, reason=None, decision=None):
        if form not in dict(self.env["party.member.history"]._fields[
                "leave_form"].selection):
            raise UserError(_("Choose how the member left the party."))
        self._change_state("left", "left", ACTIVE_STATES, date=date,
                           leave_form=form, reason=reason, decision=decision,
                           member_vals={"active": False})

    @api.multi
    def action_deceased(self, date=None):
        self._change_state("deceased", "deceased", ACTIVE_STATES, date=date,
                           member_vals={"active": False})

    @api.model
    def action_my_profile(self):
        """The current user's own profile (a read-only form for members)."""
        member = self.search([("partner_id", "=", self.env.user.partner_id.id)],
                             limit=1)
        if not member:
            raise UserError(_("Your user account is not linked to a party "
                              "member profile. Ask your cell secretary."))
        return {
            "type": "ir.actions.act_window", "res_model": self._name,
            "res_id": member.id, "view_mode": "form", "name": _("My profile"),
            "views": [(False, "form")],
        }

    @api.multi
    def action_request_change(self):
        """Open the correction request form for the user's own profile."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "party.member.change.wizard",
            "view_mode": "form", "target": "new",
            "context": {"default_member_id": self.id},
        }

    # --- scheduled actions ----------------------------------------------

    @api.model
    def _cron_update_age_bands(self, batch_size=50000, commit=True):
        """Set-wise: one statement per range of ``batch_size`` members, for
        every member whose band changed. Returns the number updated."""
        cr = self.env.cr

        def fetch(after, limit):
            cr.execute("""
                SELECT max(id) FROM (SELECT id FROM party_member WHERE id > %s
                                      ORDER BY id LIMIT %s) page""",
                       (after or 0, limit))
            upper = cr.fetchone()[0]
            return [(after or 0, upper)] if upper else []

        def process(ranges):
            (low, high), = ranges
            cr.execute("""
                WITH computed AS (
                    SELECT id, CASE
                        WHEN date_of_birth IS NULL THEN NULL
                        WHEN age(current_date, date_of_birth) < interval '30 years'
                            THEN 'under_30'
                        WHEN age(current_date, date_of_birth) < interval '46 years'
                            THEN '30_45'
                        WHEN age(current_date, date_of_birth) < interval '61 years'
                            THEN '46_60'
                        WHEN age(current_date, date_of_birth) < interval '76 years'
                            THEN '61_75'
                        ELSE 'over_75' END AS band
                    FROM party_member WHERE id > %s AND id <= %s)
                UPDATE party_member m SET age_band = computed.band
                  FROM computed
                 WHERE computed.id = m.id
                   AND m.age_band IS DISTINCT FROM computed.band""", (low, high))
            return cr.rowcount

        updated = run_in_batches(self.env, "age bands", fetch, process,
                                 key=lambda item: item[1], batch_size=batch_size,
                                 commit=commit)
        _logger.info("age bands updated for %s members", updated)
        self.invalidate_cache(["age_band"])
        return updated

    @api.model
    def _cron_probation_reminders(self, batch_size=BATCH_SIZE, commit=True):
        """An activity to the cell secretary before a probation ends; members
        who already have one are skipped, so reruns add nothing. What it
        needs is read once (one query), the earliest ends first; the
        activities are created set-wise in batches."""
        today = fields.Date.from_string(fields.Date.context_today(self))
        horizon = fields.Date.to_string(today + timedelta(days=PROBATION_NOTICE_DAYS))
        activity_type = self.env.ref("party_handbook.mail_activity_probation_review")
        self.env.cr.execute("""
            SELECT m.id, p.name, m.probation_end_date, m.organization_id
              FROM party_member m
              JOIN res_partner p ON p.id = m.partner_id
             WHERE m.active AND m.state = 'probationary'
               AND m.probation_end_date IS NOT NULL
               AND m.probation_end_date <= %s
               AND NOT EXISTS (
                   SELECT 1 FROM mail_activity a
                    WHERE a.res_model = 'party.member' AND a.res_id = m.id
                      AND a.activity_type_id = %s)
             ORDER BY m.probation_end_date, m.id""",
                            (horizon, activity_type.id))
        todo = self.env.cr.fetchall()  # dates are strings (Odoo's cursor)
        if not todo:
            return 0
        secretaries = {org_id: user.id for org_id, user in self.env[
            "party.organization"].browse(sorted({row[3] for row in todo}))
            ._current_secretary_users().items()}
        root = self.env.ref("base.user_root").id

        # the secretaries read it: in the handbook's language, whoever runs
        # the job (``_`` finds the language on ``self``), with dates as
        # that language writes them
        self = in_handbook_lang(self)  # pylint: disable=self-cls-assignment
        # translated once (``_`` looks the language up at each call)
        summary = _("Probation of %(name)s ends on %(date)s: prepare "
                    "the cell's vote on full membership.")

        def process(items):
            return create_activities(self.env, self._name, [{
                "res_id": member_id, "activity_type_id": activity_type.id,
                "res_name": name, "date_deadline": end_date,
                "user_id": secretaries.get(organization_id) or root,
                "summary": summary % {
                    "name": name, "date": format_date(self.env, end_date)},
            } for member_id, name, end_date, organization_id in items])

        return run_in_batches(self.env, "probation reminders", slicer(todo),
                              process, key=lambda item: (item[2], item[0]),
                              batch_size=batch_size, commit=commit)

    # --- party fees (issue #16) -----------------------------------------

    @api.multi
    def _party_fee_paid_through(self):
        """{member id: the last month paid, as "YYYY-MM", or False}: what a
        transfer letter states. The fee ledger (party_fee*.py) answers it;
        this base knows no payment."""
        return dict.fromkeys(self.ids, False)
