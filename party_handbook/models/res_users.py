# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import AccessDenied

from .party_city import city_tz  # pylint: disable=missing-import-error


class ResUsers(models.Model):
    _inherit = "res.users"

    party_organization_ids = fields.Many2many(
        "party.organization", "party_organization_user_rel", "user_id",
        "organization_id", string="Assigned organizations",
        help="The organizations this user serves: a cell for its secretary, "
             "a committee for its officers, the cells a supervisor follows. "
             "The user's access covers these organizations and their "
             "sub-organizations.")

    @api.model
    def create(self, vals):
        # Vietnamese by default when it is installed (members are Vietnamese)
        if not vals.get("lang") and self.env["res.lang"].search_count(
                [("code", "=", "vi_VN")]):
            vals = dict(vals, lang="vi_VN")
        # and in the city's time zone: meeting times are local times
        if not vals.get("tz"):
            vals = dict(vals, tz=city_tz(self.env))
        user = super().create(vals)
        if vals.get("party_organization_ids"):
            self.env["ir.rule"].clear_caches()
        return user

    @api.multi
    def write(self, vals):
        res = super().write(vals)
        if "party_organization_ids" in vals:
            # Record rules read these assignments; Odoo caches rule domains
            # per user, so the cache must go when they change.
            self.env["ir.rule"].clear_caches()
        return res

    @api.multi
    def unlink(self):
        self.env["ir.rule"].clear_caches()
        return super().unlink()

    @classmethod
    def check(cls, db, uid, passwd):
        """CVE-2021-44460: Odoo 11 remembers valid (uid, password) pairs per
        process, so a user deactivated in another worker kept RPC access.
        Ask the database whether the user is still active on every call."""
        result = super().check(db, uid, passwd)
        with cls.pool.cursor() as cr:
            cls._check_active(cr, uid)
        return result

    @classmethod
    def _check_active(cls, cr, uid):
        cr.execute("SELECT active FROM res_users WHERE id = %s", (uid,))
        row = cr.fetchone()
        if not row or not row[0]:
            # the cache is a private attribute of base's res.users class
            for klass in cls.__mro__:
                cache = klass.__dict__.get("_Users__uid_cache")
                if cache is not None:
                    cache[cls.pool.db_name].pop(uid, None)
            raise AccessDenied()
