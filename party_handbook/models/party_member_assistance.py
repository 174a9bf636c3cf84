# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Consent to assisted entries (issue #12).

Most grassroots members have no phone: the cell secretary records their
acknowledgements, excuse requests and named votes on their behalf. The
member consents to this once (on a paper form, or in person), the secretary
records that consent, and the member (or the secretary) may withdraw it.
Every entry made on a member's behalf carries the ``assisted`` flag and is
refused while no consent is in force (``_check_assistance_consent``).

The consent fields are protected (``_protected_fields`` of party.member):
they change only through the two actions below, whatever the context.
"""
from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

# pylint: disable=missing-import-error
from .party_integrity import internal_write


class PartyMember(models.Model):
    _inherit = "party.member"

    assistance_consent_date = fields.Date(
        string="Consent to assisted entries", readonly=True, copy=False,
        track_visibility="onchange",
        help="Date the member agreed that the cell secretary records their "
             "acknowledgements, excuse requests and named votes on their "
             "behalf. Empty: no consent in force.")
    assistance_consent_note = fields.Char(
        string="How the consent was given", readonly=True, copy=False,
        track_visibility="onchange")
    assistance_consent_by = fields.Many2one(
        "res.users", string="Consent recorded by", readonly=True, copy=False)

    def _check_assistance_recorder(self):
        if not self.env.user.has_group(
                "party_handbook.group_party_handbook_cell_secretary"):
            raise AccessError(_("Only the cell secretary records entries on a "
                                "member's behalf."))
        self.check_access_rights("write")
        self.check_access_rule("write")

    @api.multi
    def action_record_assistance_consent(self, note=None, date=None):
        """The secretary records the member's consent (given on paper or in
        person: ``note`` says how)."""
        self._check_assistance_recorder()
        note = (note or "").strip()
        if not note:
            raise UserError(_("Say how the member gave their consent (for "
                              "example: signed form kept by the cell)."))
        date = date or fields.Date.context_today(self)
        with internal_write(self):
            self.sudo().write({
                "assistance_consent_date": date,
                "assistance_consent_note": note[:200],
                "assistance_consent_by": self.env.uid})
        return True

    @api.multi
    def action_withdraw_assistance_consent(self):
        """The member withdraws their consent (or the secretary records the
        withdrawal): entries on their behalf are refused from now on."""
        own = self.env.user.partner_id
        for member in self:
            if member.partner_id != own:
                member._check_assistance_recorder()
            else:
                member.check_access_rule("read")
        with internal_write(self):
            self.sudo().write({"assistance_consent_date": False,
                               "assistance_consent_note": False,
                               "assistance_consent_by": False})
        return True

    def _check_assistance_consent(self):
        """Refuse an entry on the behalf of a member who did not consent."""
        for member in self.sudo():
            if not member.assistance_consent_date:
                raise UserError(_(
                    "%s has not agreed to have entries made on their behalf: "
                    "record the member's consent first (member form, "
                    "\"Consent to assisted entries\").") % member.name)
        return True
