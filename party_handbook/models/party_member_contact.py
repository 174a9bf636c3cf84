# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A member's contact follows the member (issue #11): the partner's rule
columns are the member's organizations, and contact changes are tracked in
the member's chatter."""
from odoo import api, models

# pylint: disable=missing-import-error
from .party_integrity import internal_write, is_internal
from .res_partner_access import CONTACT_FIELDS


class PartyMember(models.Model):
    _inherit = "party.member"

    @api.model_cr
    def init(self):
        self.env["res.partner"]._party_sync_all_columns()

    @api.model
    def _party_sync_all_columns_sql(self):
        """Existing databases (and any drift): one set-wise statement."""
        self.env.cr.execute("""
            UPDATE res_partner p
               SET party_organization_id = m.organization_id,
                   party_temporary_organization_id = m.temporary_organization_id
              FROM party_member m
             WHERE m.partner_id = p.id
               AND (p.party_organization_id IS DISTINCT FROM m.organization_id
                    OR p.party_temporary_organization_id
                       IS DISTINCT FROM m.temporary_organization_id)""")

    def _party_sync_partner_columns(self):
        if not self.ids:
            return
        self.env.cr.execute("""
            UPDATE res_partner p
               SET party_organization_id = m.organization_id,
                   party_temporary_organization_id = m.temporary_organization_id
              FROM party_member m
             WHERE m.partner_id = p.id AND m.id IN %s""", (tuple(self.ids),))
        # the rules' domains do not hold these values (they filter on the
        # columns in SQL): no rule cache to clear for a new member
        self.env["res.partner"].invalidate_cache(
            ["party_organization_id", "party_temporary_organization_id"])

    def _party_contact_tracked_fields(self, names):
        return self.fields_get(sorted(set(names) & set(CONTACT_FIELDS)))

    @api.model
    def _get_tracked_fields(self, updated_fields):
        tracked = super()._get_tracked_fields(updated_fields)
        contact = set(updated_fields or ()) & set(CONTACT_FIELDS)
        if contact:
            tracked.update(self._party_contact_tracked_fields(contact))
        return tracked

    @api.model
    def create(self, vals):
        # an existing contact becomes the member's (and takes the member's
        # organization columns) only if the caller may read it already
        if vals.get("partner_id") and not is_internal(self):
            partner = self.env["res.partner"].browse(vals["partner_id"])
            partner.check_access_rights("read")
            partner.check_access_rule("read")
        member = super().create(vals)
        member._party_sync_partner_columns()
        return member

    @api.multi
    def write(self, vals):
        # the member's own write tracks the contact fields (above): the
        # partner must not track them a second time
        with internal_write(self.sudo().mapped("partner_id")):
            res = super().write(vals)
        if "organization_id" in vals or "temporary_organization_id" in vals:
            self._party_sync_partner_columns()
        return res
