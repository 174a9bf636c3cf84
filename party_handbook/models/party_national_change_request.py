# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A difference with CSDL 3.0 corrected in the handbook goes through the
usual change request (old → new lines), opened by the secretary or officer
with the national values; deciding the request decides the difference."""
import json

from odoo import _, api, models
from odoo.exceptions import AccessError, UserError

# pylint: disable=missing-import-error
from .party_integrity import internal_write
from .party_national import FIXABLE

SECRETARY = "party_handbook.group_party_handbook_cell_secretary"
MANAGER = "party_handbook.group_party_handbook_manager"


class PartyMemberChangeRequest(models.Model):
    _inherit = "party.member.change.request"

    @api.model
    def _submit_national(self, member, values, note=None):
        """A request for ``member`` with the values of CSDL 3.0, opened by
        whoever may change the member's profile (secretary or officer of
        the member's organization)."""
        if not self.env.user.has_group(SECRETARY):
            raise AccessError(_("Only the cell secretary or an officer opens "
                                "a correction from CSDL 3.0."))
        member.check_access_rights("write")
        member.check_access_rule("write")
        unknown = set(values) - set(FIXABLE.values())
        if unknown:
            raise UserError(_("These fields are not corrected from CSDL 3.0: "
                              "%s") % ", ".join(sorted(unknown)))
        destination = values.get("organization_id")
        served = self.env.user.party_organization_ids.ids
        if destination and not self.env.user.has_group(MANAGER) and \
                not self.env["party.organization"].search_count([
                    ("id", "=", destination), ("id", "child_of", served)]):
            raise UserError(_(
                "The member would move to an organization you do not serve: "
                "an officer of both organizations (or a city officer) makes "
                "this correction."))
        sudo_member = member.sudo()
        lines = []
        for name in sorted(values):
            field = sudo_member._fields[name]
            old, new = sudo_member[name], values[name] or False
            if field.type == "many2one":
                old_text = old.display_name if old else ""
                new_text = self.env[field.comodel_name].sudo().browse(
                    new).display_name if new else ""
                old = old.id
            else:
                old = old or False
                old_text, new_text = old or "", new or ""
            if old == new:
                continue
            lines.append((0, 0, {
                "field_name": name, "old_value": old_text,
                "new_value": new_text, "new_raw": json.dumps(new)}))
        if not lines:
            raise UserError(_("The handbook already holds the values of CSDL "
                              "3.0: nothing to correct."))
        with internal_write(self.browse()), internal_write(
                self.env["party.member.change.request.line"]):
            request = self.sudo().create({
                "member_id": member.id, "note": note, "line_ids": lines})
        request.message_post(body=_(
            "Correction from CSDL 3.0 requested by %s.") % self.env.user.name)
        request._notify_secretary()
        return request.sudo(self.env.uid)

    def _national_differences(self):
        return self.env["party.national.difference"].sudo().search(
            [("change_request_id", "in", self.ids)])

    @api.multi
    def action_approve(self):
        result = super().action_approve()
        self._national_differences()._on_request_decided(True)
        return result

    @api.multi
    def action_reject(self, reason):
        result = super().action_reject(reason)
        self._national_differences()._on_request_decided(False)
        return result
