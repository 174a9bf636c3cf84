# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Who reads contacts, users and login times (issue #11, part 1).

The record rules on ``res.partner``, ``res.users``, ``res.users.log`` and
``calendar.event``/``calendar.attendee`` are *global* rules (ANDed with
Odoo's own group rules, which would otherwise grant every internal user
every contact). Their domain depends on the user's party role, so it is
built here, by the helpers the rules call (``user`` is evaluated as
superuser in ``ir.rule``; domains are cached per user and cleared when
groups, assignments or a member's organization change).
"""
import threading
from contextlib import contextmanager

from odoo import _, api, models
from odoo.exceptions import AccessError, ValidationError
from odoo.osv import expression

MEMBER = "party_handbook.group_party_handbook_member"
SUPERVISOR = "party_handbook.group_party_handbook_supervisor"
SECRETARY = "party_handbook.group_party_handbook_cell_secretary"
MANAGER = "party_handbook.group_party_handbook_manager"
# what identifies a person and their account: changed for a member through
# the correction request the cell secretary approves
IDENTITY_FIELDS = ("name", "email", "login", "phone", "mobile", "street",
                   "street2", "city", "zip", "state_id", "country_id")

_acting = threading.local()


@contextmanager
def acting_user(uid):
    """The user on whose behalf Odoo writes as superuser (preferences)."""
    previous = getattr(_acting, "uid", None)
    _acting.uid = uid
    try:
        yield
    finally:
        _acting.uid = previous


def acting_uid(env):
    return getattr(_acting, "uid", None) or env.uid


ALL = [(1, "=", 1)]


def may_write(records):
    """True when the records' user may write every one of them."""
    try:
        records.check_access_rights("write")
        records.check_access_rule("write")
    except AccessError:
        return False
    return True


class ResUsers(models.Model):
    _inherit = "res.users"

    # --- rule domains (called from ir.rule, on the user as superuser) ------

    def _party_served_ids(self):
        return self.party_organization_ids.ids

    def _party_contact_domain(self, mode="read"):
        """Partners of members: those the user may see as members (own
        profile, assigned subtree, temporarily attached there, the whole
        city); every other partner as before."""
        self.ensure_one()
        if self.has_group(MANAGER):
            return ALL
        clauses = [[("party_organization_id", "=", False)]]
        served = self._party_served_ids()
        if mode == "read":
            clauses.append([("id", "=", self.partner_id.id)])
            if served and (self.has_group(SUPERVISOR) or self.has_group(SECRETARY)):
                clauses.append([("party_organization_id", "child_of", served)])
                clauses.append(
                    [("party_temporary_organization_id", "child_of", served)])
        elif served and self.has_group(SECRETARY):
            clauses.append([("party_organization_id", "child_of", served)])
        return expression.OR(clauses)

    def _party_is_plain_member(self):
        """Portal users, and members without a role that serves
        organizations (supervising, recording, deciding)."""
        self.ensure_one()
        if self.share:
            return True
        return self.has_group(MEMBER) and not (
            self.has_group(SUPERVISOR) or self.has_group(SECRETARY))

    def _party_users_domain(self):
        """Portal users and plain members read their own user only (the
        partner rule, through ``_inherits``, narrows everybody else)."""
        self.ensure_one()
        if self._party_is_plain_member():
            return [("id", "=", self.id)]
        return ALL

    def _party_user_log_domain(self):
        """Login times: one's own, and everyone's for access-rights
        administrators."""
        self.ensure_one()
        if self.has_group("base.group_erp_manager"):
            return ALL
        return [("create_uid", "=", self.id)]

    # --- accounts ---------------------------------------------------------

    @api.constrains("groups_id")
    def _check_one_user_type(self):
        """CVE-2019-11782: a contact manager giving portal access must not
        turn an internal account into a portal one (or the reverse): an
        account is internal or portal, never both."""
        portal = self.env.ref("base.group_portal", raise_if_not_found=False)
        internal = self.env.ref("base.group_user")
        for user in self.sudo():
            if portal and portal in user.groups_id and internal in user.groups_id:
                raise ValidationError(_(
                    "%s cannot be both an internal user and a portal user.")
                    % user.name)

    def _party_check_identity_write(self, vals):
        """Members correct their name, email and contact through the
        correction request; their login is set by the administrators."""
        changed = set(vals) & set(IDENTITY_FIELDS)
        if not changed or self.env.uid == 1 or self.env.user.has_group(
                "base.group_erp_manager"):
            return
        Member = self.env["party.member"]
        for user in self:
            member = Member.sudo().with_context(active_test=False).search(
                [("partner_id", "=", user.partner_id.id)], limit=1)
            if user != self.env.user:
                continue  # others' accounts: Odoo's access rights decide
            if not member or "login" not in changed and may_write(
                    member.sudo(self.env.uid)):
                continue
            raise AccessError(_(
                "Your name, email, login and contact details are corrected "
                "through a correction request to your cell secretary (My "
                "profile, Request a correction)."))

    @api.multi
    def write(self, vals):
        self._party_check_identity_write(vals)
        with acting_user(self.env.uid):
            return super().write(vals)
