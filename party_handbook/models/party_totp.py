# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""An optional second factor: time-based one-time codes (RFC 6238,
HMAC-SHA1, 30 seconds, 6 digits), for officers who handle sensitive data.

The secrets live in the table ``party_totp_secret``, which no Odoo model
maps: no RPC call (``read``, ``search_read``, export), not even the
superuser's, returns them; only this file reads them, in SQL. A user sees
their own secret once, while enrolling (as an ``otpauth://`` URI and a QR
code), until they confirm it with a code.

Once enrolled, the user signs in through the web login page only: password,
then code. A password alone is refused everywhere else (XML-RPC, JSON-RPC,
``/web/session/authenticate``, as the mobile app does), since it would skip
the second factor. An administrator (Access Rights) can remove a user's
second factor, e.g. after a lost phone.
"""
import base64
import hashlib
import hmac
import logging
import os
import struct
import threading
import time
from contextlib import contextmanager
from urllib.parse import quote, urlencode

from odoo import _, api, fields, models
from odoo.exceptions import AccessDenied, AccessError, UserError

_logger = logging.getLogger(__name__)
_local = threading.local()

STEP = 30
DIGITS = 6
WINDOW = 1        # codes of the previous and next 30 seconds are accepted


def totp_code(secret, counter):
    key = base64.b32decode(secret)
    digest = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset:offset + 4])[0] & 0x7FFFFFFF
    return str(value % 10 ** DIGITS).zfill(DIGITS)


def totp_match(secret, code, at=None, last_counter=None):
    """The counter of ``code`` if it is valid at ``at`` (and newer than
    ``last_counter``: a code is used once), else None."""
    code = (code or "").strip().replace(" ", "")
    if len(code) != DIGITS or not code.isdigit():
        return None
    now = int((time.time() if at is None else at) // STEP)
    for counter in range(now - WINDOW, now + WINDOW + 1):
        if last_counter is not None and counter <= last_counter:
            continue
        if hmac.compare_digest(totp_code(secret, counter), code):
            return counter
    return None


@contextmanager
def web_password_step():
    """The web login form's password step: it goes on to the code."""
    _local.web_step = getattr(_local, "web_step", 0) + 1
    try:
        yield
    finally:
        _local.web_step -= 1


def in_web_password_step():
    return getattr(_local, "web_step", 0) > 0


class ResUsers(models.Model):
    _inherit = "res.users"

    party_totp_enabled = fields.Boolean(
        "Two-step sign-in", compute="_compute_party_totp_enabled",
        help="The user signs in with their password and a code from an "
             "authenticator app on their phone.")

    def __init__(self, pool, cr):
        super().__init__(pool, cr)
        type(self).SELF_READABLE_FIELDS = list(self.SELF_READABLE_FIELDS) + [
            "party_totp_enabled"]

    @api.model_cr
    def init(self):
        res = super().init()
        self.env.cr.execute("""
            CREATE TABLE IF NOT EXISTS party_totp_secret (
                user_id integer PRIMARY KEY
                    REFERENCES res_users(id) ON DELETE CASCADE,
                secret varchar NOT NULL,
                confirmed boolean NOT NULL DEFAULT false,
                last_counter bigint
            )""")
        return res

    def _compute_party_totp_enabled(self):
        enabled = set()
        if self.ids:
            self.env.cr.execute(
                "SELECT user_id FROM party_totp_secret WHERE confirmed "
                "AND user_id IN %s", (tuple(self.ids),))
            enabled = {row[0] for row in self.env.cr.fetchall()}
        for user in self:
            user.party_totp_enabled = user.id in enabled

    # -- the secret, in SQL only --------------------------------------
    @api.model
    def _party_totp_row(self, uid):
        self.env.cr.execute(
            "SELECT secret, confirmed, last_counter FROM party_totp_secret "
            "WHERE user_id = %s", (uid,))
        return self.env.cr.fetchone()

    @classmethod
    def _party_totp_enrolled(cls, cr, uid):
        cr.execute("SELECT 1 FROM party_totp_secret WHERE user_id = %s "
                   "AND confirmed", (uid,))
        return bool(cr.fetchone())

    @api.model
    def _party_totp_verify(self, uid, code):
        """True if ``code`` is the enrolled user's current code (each code
        is accepted once)."""
        row = self._party_totp_row(uid)
        if not row or not row[1]:
            return False
        counter = totp_match(row[0], code, last_counter=row[2])
        if counter is None:
            return False
        self.env.cr.execute(
            "UPDATE party_totp_secret SET last_counter = %s "
            "WHERE user_id = %s AND (last_counter IS NULL OR last_counter < %s)",
            (counter, uid, counter))
        return bool(self.env.cr.rowcount)

    def _party_totp_own(self):
        self.ensure_one()
        if self.id != self.env.uid:
            raise AccessError(_("You can set up two-step sign-in for your "
                                "own account only."))

    # -- enrolment -------------------------------------------------------
    @api.multi
    def action_party_totp_enrol(self):
        """Start enrolling: a new secret, shown until it is confirmed."""
        self._party_totp_own()
        row = self._party_totp_row(self.id)
        if row and row[1]:
            raise UserError(_("Two-step sign-in is already on for your "
                              "account. Turn it off first to use a new phone."))
        secret = base64.b32encode(os.urandom(20)).decode()
        self.env.cr.execute("""
            INSERT INTO party_totp_secret (user_id, secret, confirmed)
            VALUES (%s, %s, false)
            ON CONFLICT (user_id) DO UPDATE SET secret = EXCLUDED.secret,
                confirmed = false, last_counter = NULL""", (self.id, secret))
        wizard = self.env["party.totp.wizard"].create({})
        return {
            "type": "ir.actions.act_window",
            "name": _("Two-step sign-in"),
            "res_model": "party.totp.wizard",
            "res_id": wizard.id,
            "view_mode": "form",
            "target": "new",
        }

    @api.model
    def _party_totp_pending_uri(self):
        """The current user's secret as an otpauth URI, while enrolling."""
        row = self._party_totp_row(self.env.uid)
        if not row or row[1]:
            return False
        user = self.env.user
        issuer = user.company_id.name or "Party Handbook"
        label = quote("%s:%s" % (issuer, user.login))
        return "otpauth://totp/%s?%s" % (label, urlencode({
            "secret": row[0], "issuer": issuer, "algorithm": "SHA1",
            "digits": DIGITS, "period": STEP}))

    @api.model
    def _party_totp_confirm(self, code):
        row = self._party_totp_row(self.env.uid)
        if not row or row[1]:
            raise UserError(_("Start the set-up again from your preferences."))
        counter = totp_match(row[0], code)
        if counter is None:
            raise UserError(_("This code is not the one your app shows now. "
                              "Check the phone's time and try again."))
        self.env.cr.execute(
            "UPDATE party_totp_secret SET confirmed = true, last_counter = %s "
            "WHERE user_id = %s", (counter, self.env.uid))
        _logger.info("Two-step sign-in turned on for user #%s", self.env.uid)
        return True

    @api.multi
    def action_party_totp_disable(self):
        """The user turns it off, or an administrator removes it (lost
        phone): the user signs in with the password alone again."""
        own = self.ids == [self.env.uid]
        if not own and not self.env.user.has_group("base.group_erp_manager"):
            raise AccessError(_("Only an administrator can turn off another "
                                "user's two-step sign-in."))
        if self.ids:
            self.env.cr.execute(
                "DELETE FROM party_totp_secret WHERE user_id IN %s",
                (tuple(self.ids),))
        _logger.info("Two-step sign-in removed for users %s by user #%s",
                     self.ids, self.env.uid)
        self.invalidate_cache(["party_totp_enabled"])
        return True

    # -- sign-in ---------------------------------------------------------
    @api.model
    def _party_totp_web_step(self):
        """For the web login controller (``with``): the password step."""
        return web_password_step()

    @api.model
    def check_credentials(self, password):
        """A password alone does not sign an enrolled user in, except as
        the first step of the web login form (the code follows)."""
        if not in_web_password_step() and \
                self._party_totp_enrolled(self.env.cr, self.env.uid):
            raise AccessDenied()
        return super().check_credentials(password)

    @classmethod
    def check(cls, db, uid, passwd):
        """Every RPC call is checked, not only the login: Odoo remembers
        passwords that passed once (e.g. while changing one's password)."""
        result = super().check(db, uid, passwd)
        if not in_web_password_step():
            with cls.pool.cursor() as cr:
                if cls._party_totp_enrolled(cr, uid):
                    raise AccessDenied()
        return result

    @api.model
    def change_password(self, old_passwd, new_passwd):
        # the web client's own session (signed in with both factors)
        with web_password_step():
            return super().change_password(old_passwd, new_passwd)


class PartyTotpWizard(models.TransientModel):
    _name = "party.totp.wizard"
    _description = "Set up two-step sign-in"

    uri = fields.Char("Set-up key", compute="_compute_uri")
    qr_code = fields.Html("QR code", compute="_compute_uri", sanitize=False)
    code = fields.Char("Code shown by the app")

    def _compute_uri(self):
        uri = self.env["res.users"]._party_totp_pending_uri()
        for wizard in self:
            wizard.uri = uri
            wizard.qr_code = uri and (
                '<img alt="QR" width="220" height="220" src="/report/barcode?%s"/>'
                % urlencode({"type": "QR", "value": uri, "width": 220,
                             "height": 220}).replace("&", "&amp;"))

    @api.multi
    def action_confirm(self):
        self.ensure_one()
        self.env["res.users"]._party_totp_confirm(self.code)
        return {"type": "ir.actions.client", "tag": "reload"}
