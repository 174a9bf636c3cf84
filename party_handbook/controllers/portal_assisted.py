# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The member portal: entries made on my behalf (issue #12).

The member sees every entry the cell secretary made on their behalf
(``party.member._assisted_entries``: acknowledgements here, excuse requests
and named votes from the meetings module), disputes one with a short
reason, and withdraws their consent to assisted entries. No member id is
in any URL; an entry is looked up among the logged-in member's own, so a
forged model or id answers 404 like a missing one."""
from werkzeug.exceptions import NotFound
from werkzeug.utils import redirect as http_redirect

import pytz

from odoo import _, fields, http
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.http import request
from odoo.tools.misc import format_date

from . import portal_documents
from ..models.party_city import city_tz  # pylint: disable=missing-import-error

MAX_REASON = 500


def local_time(env, value):
    """A UTC datetime string as 'dd/mm/yyyy HH:MM' in the user's time zone
    (the city's when the user has none)."""
    if not value:
        return ""
    tz = pytz.timezone(env.user.tz or city_tz(env))
    moment = pytz.utc.localize(fields.Datetime.from_string(value))
    return moment.astimezone(tz).strftime("%d/%m/%Y %H:%M")


class PartyAssistedPortal(portal_documents.PartyDocumentPortal):

    def _prepare_portal_layout_values(self):
        values = super()._prepare_portal_layout_values()
        member = self._party_member()
        values["party_assisted_count"] = member and len(
            member._assisted_entries())
        return values

    def _assisted_rows(self, member):
        env = request.env
        rows = []
        for entry in member._assisted_entries_sorted():
            dispute = entry["dispute"]
            rows.append({
                "key": "%s-%s" % (entry["model"].replace(".", "_"),
                                  entry["res_id"]),
                "model": entry["model"], "res_id": entry["res_id"],
                "date": local_time(env, entry["date"]),
                "kind": entry["kind"], "what": entry["what"],
                "recorder": entry["recorder"].name or "",
                "dispute_state": dispute and dispute.state,
                "dispute_reason": dispute and dispute.reason or "",
                "resolution": dispute and dispute.resolution or "",
            })
        return rows

    def _assisted_page(self, member, error=None, error_key=None, reason=""):
        return self._party_render(
            "party_handbook.portal_party_assisted", member, "party_assisted",
            rows=self._assisted_rows(member), error=error,
            error_key=error_key, reason=reason,
            sent=bool(request.params.get("sent")),
            consent_date=member.assistance_consent_date and format_date(
                request.env, member.assistance_consent_date))

    @http.route("/my/party/assisted", type="http", auth="user",
                website=False, methods=["GET"])
    def party_assisted(self, **_kwargs):
        member = self._party_member()
        if not member:
            return self._party_no_member()
        return self._assisted_page(member)

    @http.route("/my/party/assisted/dispute", type="http", auth="user",
                website=False, methods=["POST"])
    def party_assisted_dispute(self, entry_model=None, entry_id=None,
                               reason=None, **_kwargs):
        member = self._party_member()
        if not member:
            return self._party_no_member()
        try:
            entry_id = int(entry_id or 0)
        except ValueError:
            raise NotFound()
        entry = member._assisted_entry(entry_model or "", entry_id)
        if not entry:
            raise NotFound()
        key = "%s-%s" % (entry["model"].replace(".", "_"), entry["res_id"])
        reason = (reason or "").strip()
        if not reason:
            error = _("Say briefly what is wrong with this entry.")
        elif len(reason) > MAX_REASON:
            error = _("Keep your reason under %s characters.") % MAX_REASON
        else:
            try:
                with request.env.cr.savepoint():
                    # as the member's own user: the model checks the entry
                    request.env["party.assisted.dispute"].create({
                        "member_id": member.id, "entry_model": entry["model"],
                        "entry_id": entry["res_id"], "reason": reason})
            except (AccessError, UserError, ValidationError) as exc:
                error = exc.name
            else:
                return http_redirect(
                    "/my/party/assisted?sent=1#entry-%s" % key, 303)
        return self._assisted_page(member, error=error, error_key=key,
                                   reason=reason)

    @http.route("/my/party/profile/assistance/withdraw", type="http",
                auth="user", website=False, methods=["POST"])
    def party_assistance_withdraw(self, **_kwargs):
        member = self._party_member()
        if not member:
            return self._party_no_member()
        request.env["party.member"].browse(
            member.id).action_withdraw_assistance_consent()
        return http_redirect("/my/party/profile?withdrawn=1#assistance", 303)
