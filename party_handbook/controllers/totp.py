# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The web login's second step for users with two-step sign-in: after the
password, the session holds only a pending sign-in (server side), and the
user is signed in when the code is right."""
import re
import time

import werkzeug.utils
from werkzeug import urls

from odoo import _, http
from odoo.http import request
from odoo.service import security

from odoo.addons.web.controllers.main import Home, ensure_db

PENDING = "party_totp_pending"
PENDING_SECONDS = 300
MAX_TRIES = 5


class PartyTotpHome(Home):
    """Odoo combines every subclass of web's Home (password_security's,
    portal's, this one) into one controller."""

    @http.route()
    def web_login(self, *args, **kw):
        ensure_db()
        request.session.pop(PENDING, None)
        with request.env["res.users"]._party_totp_web_step():
            response = super().web_login(*args, **kw)
        uid = request.session.uid
        if not (request.params.get("login_success") and uid):
            return response
        if not request.env["res.users"]._party_totp_enrolled(request.cr, uid):
            return response
        session = request.session
        pending = {
            "uid": uid, "login": session.login, "db": session.db,
            "at": time.time(), "tries": 0,
            "redirect": self._party_redirect_target(response),
        }
        session.logout(keep_db=True)
        session[PENDING] = pending
        return werkzeug.utils.redirect("/web/login/totp", 303)

    @http.route("/web/login/totp", type="http", auth="none",
                methods=["GET", "POST"], sitemap=False)
    def web_login_totp(self, totp_code=None, **_kw):
        ensure_db()
        session = request.session
        pending = session.get(PENDING)
        if not pending or time.time() - pending["at"] > PENDING_SECONDS \
                or pending["db"] != session.db:
            session.pop(PENDING, None)
            return werkzeug.utils.redirect("/web/login", 303)
        values = {}
        if request.httprequest.method == "POST":
            Users = request.env(user=pending["uid"])["res.users"].sudo()
            if Users._party_totp_verify(pending["uid"], totp_code):
                session.pop(PENDING)
                session.db = pending["db"]
                session.uid = request.uid = pending["uid"]
                session.login = pending["login"]
                # the session id changed when the password step ended (the
                # logout rotates it): the token is computed for this one
                session.session_token = security.compute_session_token(
                    session, request.env(user=pending["uid"]))
                session.get_context()
                return werkzeug.utils.redirect(pending["redirect"], 303)
            self._party_totp_failure(pending)
            pending = dict(pending, tries=pending["tries"] + 1)
            if pending["tries"] >= MAX_TRIES:
                session.pop(PENDING)
                return werkzeug.utils.redirect("/web/login", 303)
            session[PENDING] = pending
            values["error"] = _("This code is not right. Enter the code "
                                "your authenticator app shows now.")
        response = request.render("party_handbook.totp_login", values)
        response.headers["X-Frame-Options"] = "DENY"
        return response

    @staticmethod
    def _party_redirect_target(response):
        """Where the password step sends the user: a redirection, or the
        page that sets ``window.location`` (Odoo's redirect_with_hash)."""
        if isinstance(response, (str, bytes)):
            text = response if isinstance(response, str) else response.decode()
        else:
            if response.headers.get("Location"):
                return PartyTotpHome._party_local(response.headers["Location"])
            text = response.get_data(as_text=True)
        found = re.search(r"window\.location = '([^']*)'", text)
        return PartyTotpHome._party_local(found.group(1) if found else "/web")

    @staticmethod
    def _party_local(target):
        """Only a page of this site (Odoo 11 redirects after login wherever
        ``?redirect=`` says, another site included): its path, or /web."""
        parts = urls.url_parse(target)
        if parts.netloc and parts.netloc != request.httprequest.host:
            return "/web"
        if parts.scheme not in ("", "http", "https") or \
                not parts.path.startswith("/") or parts.path.startswith("//"):
            return "/web"
        return parts.replace(scheme="", netloc="").to_url()

    def _party_totp_failure(self, pending):
        """A wrong code counts as a failed sign-in (locks, see
        party_signin)."""
        remote = request.httprequest.remote_addr
        if remote:
            request.env["res.authentication.attempt"].sudo().create({
                "login": pending["login"], "remote": remote,
                "result": "failed"})
