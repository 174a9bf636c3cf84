# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Sessions suited to shared phones and office computers.

Odoo 11 gives the ``session_id`` cookie a lifetime of 90 days and neither
``Secure`` nor ``SameSite``. Here:

- the cookie lives as long as the browser session (no ``Max-Age``), is
  ``HttpOnly`` and ``SameSite=Lax``, and ``Secure`` when the request came
  over HTTPS (behind the proxy: ``proxy_mode`` and ``X-Forwarded-Proto``);
  never on plain ``http://127.0.0.1`` (the browser would drop it);
- the server ends a session idle for ``party_handbook.session_idle_minutes``
  (30) or opened more than ``party_handbook.session_max_hours`` (8) ago
  (``ir.config_parameter``; decimals allowed). Long polling (the web
  client's bus, every few seconds) does not count as activity.
"""
import time

from odoo import http, models
from odoo.http import request

IDLE = ("party_handbook.session_idle_minutes", 30.0, 60)
ABSOLUTE = ("party_handbook.session_max_hours", 8.0, 3600)
# session keys (server-side only: the session file, never the cookie)
LOGIN_AT = "party_login_at"
SEEN_AT = "party_seen_at"
# requests that do not show that a person is there
PASSIVE_PREFIXES = ("/longpolling/",)


def _seconds(env, spec):
    key, default, unit = spec
    value = env["ir.config_parameter"].sudo().get_param(key, default)
    try:
        return float(value) * unit
    except (TypeError, ValueError):
        return default * unit


def _session_cookie(httprequest, response):
    """Rewrite the session cookie Odoo set (if it did) with our flags."""
    headers = response.headers
    cookies = headers.getlist("Set-Cookie")
    if not any(c.startswith("session_id=") for c in cookies):
        return
    headers.remove("Set-Cookie")
    for cookie in cookies:
        if not cookie.startswith("session_id="):
            headers.add("Set-Cookie", cookie)
    response.set_cookie(
        "session_id", httprequest.session.sid, httponly=True,
        samesite="Lax", secure=httprequest.scheme == "https")


def _patch_root():
    root_class = http.Root
    if getattr(root_class.get_response, "party_handbook_wrapped", False):
        return
    original = root_class.get_response

    def get_response(self, httprequest, result, explicit_session):
        response = original(self, httprequest, result, explicit_session)
        if not explicit_session and hasattr(response, "set_cookie"):
            _session_cookie(httprequest, response)
        return response

    get_response.party_handbook_wrapped = True
    root_class.get_response = get_response


_patch_root()


class IrHttp(models.AbstractModel):
    _inherit = "ir.http"

    @classmethod
    def _authenticate(cls, auth_method="user"):
        session = request.session
        if session.uid:
            cls._party_session_expiry(session)
        return super()._authenticate(auth_method=auth_method)

    @classmethod
    def _party_session_expiry(cls, session):
        now = time.time()
        env = request.env
        idle = _seconds(env, IDLE)
        absolute = _seconds(env, ABSOLUTE)
        login_at = session.get(LOGIN_AT)
        seen_at = session.get(SEEN_AT)
        if login_at is None or seen_at is None:
            # first request of a session: the clock starts
            session[LOGIN_AT] = login_at or now
            session[SEEN_AT] = now
            return
        if now - seen_at > idle or now - login_at > absolute:
            session.logout(keep_db=True)
            return
        if request.httprequest.path.startswith(PASSIVE_PREFIXES):
            return
        # saving the session file on every request is not needed
        if now - seen_at > min(60.0, idle / 4):
            session[SEEN_AT] = now
