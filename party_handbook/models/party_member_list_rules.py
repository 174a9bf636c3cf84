# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The member list reads members through the member rules only (issue #13).

``party.member`` ``_inherits`` ``res.partner``: for every search, count,
grouping and read of members, Odoo also applies the read rules of
``res.partner`` through a join with the contacts' table. Counting a commune
officer's 2,400 members scanned all 100,000 contacts for Odoo's
private-address rule, and the contact rule resolved the officer's subtree
twice more per query.

For members, the contact rules are implied by the member rules:

* ``party_handbook.res_partner_rule_party_member_read`` (global): a
  member's contact carries the member's organization and temporary
  attachment (``party_organization_id``, ``party_temporary_organization_id``,
  written by ``party.member`` in SQL on every create, change of organization
  and reorganisation, never by a caller). The rule grants the contact of
  one's own profile, of the members registered or attached in the assigned
  subtree (supervisors and cell secretaries) and every contact to city
  officers: what the member rules grant (own profile, assigned subtree,
  attached to it, whole city), to the same groups;
* ``base.res_partner_rule_private_employee`` and
  ``base.res_partner_rule_private_group`` (group rules, ORed): they hide
  private addresses, and a member's contact is never a private address: a
  CHECK constraint on ``res_partner`` and the constraints below enforce it;
* ``base.res_partner_portal_public_rule``: a portal user reads the contacts
  of his commercial entity's tree; the only member a portal user reads is
  his own profile, whose contact is his own partner, in that tree.

So, in read mode, when every member rule that applies to the user is one of
the four rules of ``security/party_handbook_rules.xml`` and every contact
rule that applies is one of the four above, the contact rules are not
joined. With any other rule (another module's, one added in the settings),
Odoo applies every rule as before. Writes are unchanged: writing a member's
contact fields writes the partner, whose write rules Odoo checks.
"""
from odoo import SUPERUSER_ID, _, api, models, tools
from odoo.exceptions import ValidationError

MEMBER_RULES = (
    "party_handbook.party_member_rule_own",
    "party_handbook.party_member_rule_assigned",
    "party_handbook.party_member_rule_attached",
    "party_handbook.party_member_rule_all",
)
IMPLIED_CONTACT_RULES = (
    "party_handbook.res_partner_rule_party_member_read",
    "base.res_partner_rule_private_employee",
    "base.res_partner_rule_private_group",
    "base.res_partner_portal_public_rule",
)


class IrRule(models.Model):
    _inherit = "ir.rule"

    @api.model
    def _party_applicable_rule_ids(self, model_name):
        """Active read rules of ``model_name`` that apply to the current
        user (global, or of one of the user's groups): the query of
        ``_compute_domain``."""
        self.env.cr.execute("""
            SELECT r.id FROM ir_rule r JOIN ir_model m ON r.model_id = m.id
             WHERE m.model = %s AND r.active AND r.perm_read
               AND (r.global OR r.id IN (
                    SELECT rg.rule_group_id FROM rule_group_rel rg
                      JOIN res_groups_users_rel gu ON rg.group_id = gu.gid
                     WHERE gu.uid = %s))""",
                            (model_name, self._uid))
        return {row[0] for row in self.env.cr.fetchall()}

    def _party_rule_ids(self, xmlids):
        ids = set()
        for xmlid in xmlids:
            rule = self.env.ref(xmlid, raise_if_not_found=False)
            if rule:
                ids.add(rule.id)
        return ids

    @api.model
    @tools.ormcache("self._uid")
    def _party_member_contact_rules_implied(self):
        """True when the contact rules add nothing to the member rules for
        the current user in read mode (see the module's docstring). Cached
        per user with the rules' domains (cleared when rules, groups or
        assignments change)."""
        if self._uid == SUPERUSER_ID:
            return False
        members = self._party_applicable_rule_ids("party.member")
        contacts = self._party_applicable_rule_ids("res.partner")
        return bool(members) \
            and members <= self._party_rule_ids(MEMBER_RULES) \
            and contacts <= self._party_rule_ids(IMPLIED_CONTACT_RULES)


class PartyMember(models.Model):
    _inherit = "party.member"

    @api.model
    def _apply_ir_rules(self, query, mode="read"):
        if mode != "read" or self._uid == SUPERUSER_ID or not self.env[
                "ir.rule"]._party_member_contact_rules_implied():
            return super()._apply_ir_rules(query, mode)
        # the member rules, as Odoo applies them; the contact rules they
        # imply are not joined (module docstring)
        clauses, params, tables = self.env["ir.rule"].domain_get(
            self._name, mode)
        if clauses:
            query.where_clause += clauses
            query.where_clause_params += params
            for table in tables:
                if table not in query.tables:
                    query.tables.append(table)
        return None

    @api.constrains("partner_id")
    def _check_contact_not_private(self):
        for member in self.sudo():
            if member.partner_id.type == "private":
                raise ValidationError(_(
                    "A party member's contact cannot be a private address: "
                    "choose the contact type \"Contact\"."))


class ResPartner(models.Model):
    _inherit = "res.partner"

    _sql_constraints = [
        ("party_member_not_private",
         "CHECK(type IS DISTINCT FROM 'private' "
         "OR party_organization_id IS NULL)",
         "A party member's contact cannot be a private address."),
    ]

    @api.multi
    def write(self, vals):
        # before the table's CHECK refuses it, with a clear message
        if vals.get("type") == "private" and self.ids:
            self.env.cr.execute(
                "SELECT 1 FROM party_member WHERE partner_id IN %s LIMIT 1",
                (tuple(self.ids),))
            if self.env.cr.fetchone():
                raise ValidationError(_(
                    "A party member's contact cannot be a private address: "
                    "choose the contact type \"Contact\"."))
        return super().write(vals)
