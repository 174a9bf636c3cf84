# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The member portal: asking for a transfer of party activities (QĐ
4192-QĐ/BTCTW: the request with a self-review), following its steps and
downloading the transfer letter once issued.

No member id in the URLs: the member is the logged-in user's; a transfer id
is looked up among that member's own transfers, so a forged id answers 404
like a missing one. The request is made by the model
(``party.transfer.request_own_transfer``, which checks it)."""
import re

from werkzeug.exceptions import NotFound
from werkzeug.utils import redirect as http_redirect

from odoo import _, http
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.http import request
from odoo.tools.misc import format_date

from . import portal
# pylint: disable=missing-import-error
from ..models.party_member_history import paid_month_label
from ..models.party_city import city_today

MAX_TEXT = 4000
MAX_LINE = 256
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
LETTER_STATES = ("letter_issued", "received", "accepted")


class PartyTransferPortal(portal.PartyPortal):

    def _own_transfers(self, member, transfer_id=None):
        domain = [("member_id", "=", member.id)]
        if transfer_id is not None:
            domain.append(("id", "=", transfer_id))
        return request.env["party.transfer"].sudo().search(
            domain, order="request_date desc, id desc")

    def _transfer_row(self, transfer):
        env = request.env
        Transfer = env["party.transfer"]
        steps = dict(Transfer._fields["state"]._description_selection(env))
        reasons = dict(Transfer._fields["reason"]._description_selection(env))
        order = ["requested", "reviewed", "letter_issued", "received",
                 "accepted"]
        done = order.index(transfer.state) if transfer.state in order else -1
        return {
            "id": transfer.id,
            "state": transfer.state,
            "step": steps.get(transfer.state, ""),
            "steps": [{"label": steps[s], "done": i <= done,
                       "current": i == done} for i, s in enumerate(order)],
            "destination": transfer.to_organization_id.complete_name
            or transfer.to_organization_name or "",
            "reason": reasons.get(transfer.reason, ""),
            "change_date": format_date(env, transfer.change_date),
            "request_date": format_date(env, transfer.request_date),
            "apply_deadline": transfer.apply_deadline and format_date(
                env, transfer.apply_deadline),
            "apply_late": transfer.apply_late,
            "letter": transfer.state in LETTER_STATES
            and transfer.direction != "incoming",
            "letter_number": transfer.letter_number or "",
            "present_deadline": transfer.present_deadline and format_date(
                env, transfer.present_deadline),
            "fee_paid_until": paid_month_label(transfer.fee_paid_until),
            "warning": transfer.deadline_warning or "",
            "refuse_reason": transfer.state == "refused"
            and transfer.refuse_reason or "",
            "dvc_reference": transfer.dvc_reference or "",
        }

    def _transfer_page(self, member, errors=None, values=None, done=False):
        transfers = self._own_transfers(member)
        current = transfers.filtered(lambda t: t.state in (
            "requested", "reviewed", "letter_issued", "received"))[:1]
        return self._party_render(
            "party_handbook.portal_party_transfer", member, "party_transfer",
            current=current and self._transfer_row(current),
            earlier=[self._transfer_row(t) for t in transfers - current],
            reasons=request.env["party.transfer"]._fields[
                "reason"]._description_selection(request.env),
            today=city_today(request.env.user),
            errors=errors or {}, values=values or {}, done=done)

    @http.route("/my/party/transfer", type="http", auth="user", website=False,
                methods=["GET"])
    def party_transfer(self, **_kwargs):
        member = self._party_member()
        if not member:
            return self._party_no_member()
        return self._transfer_page(member, done=bool(request.params.get("sent")))

    @http.route("/my/party/transfer/request", type="http", auth="user",
                website=False, methods=["POST"])
    def party_transfer_request(self, **post):
        member = self._party_member()
        if not member:
            return self._party_no_member()
        values = {name: (post.get(name) or "").strip() for name in (
            "reason", "reason_note", "change_date", "to_organization_name",
            "self_review", "dvc_reference")}
        errors = {}
        reasons = dict(request.env["party.transfer"]._fields[
            "reason"]._description_selection(request.env))
        if values["reason"] not in reasons:
            errors["reason"] = _("Choose the reason of your transfer.")
        if not DATE_RE.match(values["change_date"]):
            errors["change_date"] = _("Give the date of the change.")
        elif values["change_date"] > city_today(request.env.user):
            errors["change_date"] = _("The date of the change cannot be in "
                                      "the future.")
        if not values["to_organization_name"]:
            errors["to_organization_name"] = _(
                "Write the organization (or the place of your new work or "
                "residence) you are moving to.")
        if not values["self_review"]:
            errors["self_review"] = _("Write your self-review.")
        for name in ("reason_note", "to_organization_name", "dvc_reference"):
            if len(values[name]) > MAX_LINE:
                errors[name] = _("This text is too long.")
        if len(values["self_review"]) > MAX_TEXT:
            errors["self_review"] = _("Your self-review is too long (at most "
                                      "%s characters).") % MAX_TEXT
        if not errors:
            try:
                with request.env.cr.savepoint():
                    request.env["party.transfer"].request_own_transfer(
                        dict(values, kind="official"))
            except (AccessError, UserError, ValidationError) as error:
                errors["form"] = error.name
            else:
                return http_redirect("/my/party/transfer?sent=1", 303)
        return self._transfer_page(member, errors=errors, values=values)

    @http.route("/my/party/transfer/<int:transfer_id>/letter", type="http",
                auth="user", website=False, methods=["GET"])
    def party_transfer_letter(self, transfer_id, **_kwargs):
        member = self._party_member()
        if not member:
            return self._party_no_member()
        transfer = self._own_transfers(member, transfer_id)
        if not transfer or transfer.state not in LETTER_STATES or \
                transfer.direction == "incoming":
            raise NotFound()
        # the member reads their own transfer (record rule): printed as them
        transfer = transfer.sudo(request.env.uid)
        pdf, _format = request.env.ref(
            "party_handbook.action_report_transfer_letter").sudo(
                request.env.uid).render_qweb_pdf(transfer.ids)
        name = "GGT-%s.pdf" % re.sub(r"[^0-9A-Za-z_-]", "-",
                                     transfer.sudo().letter_number or "")
        return request.make_response(pdf, headers=[
            ("Content-Type", "application/pdf"),
            ("Content-Length", len(pdf)),
            ("Content-Disposition", 'inline; filename="%s"' % name)])

    def _prepare_portal_layout_values(self):
        values = super()._prepare_portal_layout_values()
        member = self._party_member()
        values["party_transfer_open_count"] = member and request.env[
            "party.transfer"].sudo().search_count([
                ("member_id", "=", member.id),
                ("state", "in", ("requested", "reviewed", "letter_issued",
                                 "received"))])
        return values
