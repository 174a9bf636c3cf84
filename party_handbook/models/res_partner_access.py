# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Members' contacts (issue #11): readable and writable by the roles and
subtrees that may see the member, changes tracked on the member.

A member's partner carries the member's organization and temporary
attachment in two stored, indexed columns, written in SQL by
``party.member`` (create, write, transfers, reorganisation), never by a
caller. The global rules on ``res.partner`` (``security/
party_platform_rules.xml``) filter on them: one indexed range per rule,
whatever the number of members. Partners that are not members (companies,
officers who are not members, mail authors from outside) keep Odoo's rules.
"""
from odoo import _, api, fields, models
from odoo.exceptions import UserError

# pylint: disable=missing-import-error
from .party_integrity import internal_write, is_internal, loading_data_files
from .res_users_access import acting_uid, may_write

# contact fields shown on the member's form: their changes are tracked in
# the member's chatter, whichever model they are written through
CONTACT_FIELDS = ("name", "email", "phone", "mobile", "street", "street2",
                  "city", "zip", "state_id", "country_id", "function", "title",
                  "website")
RULE_COLUMNS = ("party_organization_id", "party_temporary_organization_id")


class ResPartner(models.Model):
    _inherit = "res.partner"

    party_organization_id = fields.Many2one(
        "party.organization", string="Party organization (member)",
        readonly=True, index=True, copy=False, ondelete="set null",
        help="The organization of the member whose contact this is (kept "
             "by the member's profile; record rules filter on it).")
    party_temporary_organization_id = fields.Many2one(
        "party.organization", string="Temporarily attached to (member)",
        readonly=True, index=True, copy=False, ondelete="set null")

    @api.model_cr
    def init(self):
        self._party_sync_all_columns()

    @api.model
    def _party_sync_all_columns(self):
        """Called by both models' ``init`` (whichever is set up last finds
        both tables) when the module is installed or updated."""
        cr = self.env.cr
        cr.execute("""SELECT count(*) FROM information_schema.columns
                       WHERE (table_name = 'res_partner'
                              AND column_name = 'party_temporary_organization_id')
                          OR (table_name = 'party_member'
                              AND column_name = 'temporary_organization_id')""")
        if cr.fetchone()[0] == 2:
            self.env["party.member"]._party_sync_all_columns_sql()

    def _party_check_rule_columns(self, vals):
        if set(vals) & set(RULE_COLUMNS) and not loading_data_files():
            raise UserError(_(
                "The party organization of a contact follows the member's "
                "profile: change the member's organization instead."))

    @api.model
    def create(self, vals):
        self._party_check_rule_columns(vals)
        return super().create(vals)

    @api.multi
    def write(self, vals):
        self._party_check_rule_columns(vals)
        tracked = set(vals) & set(CONTACT_FIELDS)
        if not tracked or is_internal(self) or not self.ids:
            return super().write(vals)
        # written directly (not through the member): the member's chatter
        # records it as if the member's form had been used
        self.env.cr.execute(
            "SELECT id FROM party_member WHERE partner_id IN %s",
            (tuple(self.ids),))
        member_ids = [row[0] for row in self.env.cr.fetchall()]
        if not member_ids:
            return super().write(vals)
        members = self.env["party.member"].sudo(acting_uid(self.env)).browse(
            member_ids).with_context(active_test=False)
        tracked_fields = members.sudo()._party_contact_tracked_fields(tracked)
        initial = {member.id: {name: member.sudo()[name] for name in tracked_fields}
                   for member in members}
        res = super().write(vals)
        members.invalidate_cache(list(tracked_fields))
        with internal_write(self.env["mail.message"]):
            for member in members:
                # in the name of who wrote it, when they may post on the
                # member (Odoo's own superuser writes post as the system)
                if not may_write(member):
                    member = member.sudo()
                member.message_track(tracked_fields, initial)
        return res
