# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Sign-in hardening on top of OCA's auth_brute_force and password_security.

- Wrong passwords: OCA's auth_brute_force records every attempt (web login,
  XML-RPC/JSON-RPC ``common.login``/``authenticate`` and the password check
  of every RPC call) with its remote address, and bans a remote address or
  an address + login pair after too many failures *since the last success*,
  for ever. Here failures count within a sliding window (a temporary lock,
  whatever successes happen in between), and a login is also locked
  whatever address the failures come from. The thresholds are
  ``ir.config_parameter`` values.
- Passwords: OCA's password_security checks length and character classes on
  ``write``; here on ``create`` too, and a password may not contain the
  login, be the user's name or be a common password.
"""
import functools
import logging
import os
import re

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from .party_integrity import loading_data_files

_logger = logging.getLogger(__name__)

# ir.config_parameter keys and their defaults
LOCK_WINDOW = ("party_handbook.auth_lock_minutes", 15)
MAX_BY_LOGIN = ("party_handbook.auth_max_failures_login", 10)
MAX_BY_REMOTE = ("auth_brute_force.max_by_ip", 50)
MAX_BY_REMOTE_LOGIN = ("auth_brute_force.max_by_ip_user", 10)
ATTEMPT_RETENTION = ("party_handbook.auth_attempt_days", 90)

COMMON_PASSWORDS_FILE = os.path.join(
    os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
    "data", "common_passwords.txt")


@functools.lru_cache(maxsize=1)
def common_passwords():
    with open(COMMON_PASSWORDS_FILE, encoding="utf-8") as handle:
        return frozenset(line.strip() for line in handle
                         if line.strip() and not line.startswith("#"))


def _int_param(env, key_default, kind=int):
    key, default = key_default
    try:
        return kind(env["ir.config_parameter"].sudo().get_param(key, default))
    except (TypeError, ValueError):
        return default


class ResAuthenticationAttempt(models.Model):
    _inherit = "res.authentication.attempt"

    def _compute_metadata(self):
        # OCA's looks the address up on a public web service: no personal
        # data leaves the server (and the server has no internet access).
        for attempt in self:
            attempt.remote_metadata = False

    def _window_start(self):
        # the database's clock, which wrote the attempts' create_date
        minutes = _int_param(self.env, LOCK_WINDOW, float)
        self.env.cr.execute(
            "SELECT (clock_timestamp() AT TIME ZONE 'UTC') "
            "- %s * interval '1 minute'", (minutes,))
        # Odoo reads timestamps as strings 'YYYY-MM-DD HH:MM:SS[.ffffff]'
        return str(self.env.cr.fetchone()[0])

    @api.model
    def _hits_limit(self, limit, remote, login=None):
        """Failures within the window, whatever successes came between
        (OCA's counts since the last success, and never forgets)."""
        domain = [("result", "=", "failed"),
                  ("create_date", ">", self._window_start())]
        if remote is not None:
            domain.append(("remote", "=", remote))
        if login is not None:
            domain.append(("login", "=", login))
        return self.sudo().search_count(domain) >= limit

    @api.model
    def _trusted(self, remote, login):
        if not super()._trusted(remote, login):
            return False
        # a login under attack from many addresses
        if self._hits_limit(_int_param(self.env, MAX_BY_LOGIN), None, login):
            _logger.warning("Authentication refused: too many failures for "
                            "login %r (from %s).", login, remote)
            return False
        return True

    @api.model
    def _gc_attempts(self):
        """Scheduled: attempts are personal data (login, address), kept
        for ``party_handbook.auth_attempt_days`` days."""
        days = _int_param(self.env, ATTEMPT_RETENTION)
        self.env.cr.execute(
            "DELETE FROM res_authentication_attempt WHERE create_date < "
            "(now() AT TIME ZONE 'UTC') - %s * interval '1 day'", (days,))


class ResUsers(models.Model):
    _inherit = "res.users"

    @api.model
    def create(self, vals):
        user = super().create(vals)
        # OCA's password_security checks on write only (the history holds
        # the new password already: only the rules apply)
        if vals.get("password") and not loading_data_files():
            user._check_password_rules(vals["password"])
        return user

    @api.multi
    def _check_password(self, password):
        # Data files shipped with the modules (the demo users, whose
        # password is their login) are the developers' code, not a choice
        # made by a person: they are loaded as they are.
        if loading_data_files():
            return True
        return super()._check_password(password)

    @api.multi
    def _check_password_rules(self, password):
        super()._check_password_rules(password)
        if not password:
            return True
        for user in self:
            user._check_password_personal(password)
        return True

    def _check_password_personal(self, password):
        lowered = password.lower()
        squeezed = re.sub(r"\s+", "", lowered)
        login = (self.login or "").lower()
        if login and (login in lowered or lowered in login):
            raise UserError(_(
                "Please choose a password that does not contain your login."))
        for name in ((self.name or ""), (self.email or "").split("@")[0]):
            name = re.sub(r"\s+", "", name.lower())
            if len(name) >= 4 and (name in squeezed or squeezed in name):
                raise UserError(_(
                    "Please choose a password that does not contain your "
                    "name or email address."))
        core = re.sub(r"^[\W\d_]+|[\W\d_]+$", "", lowered)
        common = common_passwords()
        if lowered in common or squeezed in common or core in common:
            raise UserError(_(
                "This password is one of the most common passwords and "
                "would be guessed quickly. Please choose another one."))
        return True


class ResCompany(models.Model):
    _inherit = "res.company"

    # OCA's default is 60 days; forced expiry is off (see party_signin_data)
    password_expiration = fields.Integer(default=0)
