# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The member's party fees in the portal (issue #16 §1): the dues by month
(paid, unpaid, exempt), the payments, the month paid through, and how to
pay: through the National Public Service Portal or in cash to the cell's
secretary (name and phone). Only the logged-in member's own records are
read (as superuser, by the member found from the user's contact): there is
no id in the URL to forge."""
from odoo import fields, http
from odoo.http import request

from . import portal

DVC_URL = "https://dichvucong.gov.vn"
MONTHS_SHOWN = 36


def _amount(value):
    return "{:,}".format(int(value or 0)).replace(",", ".")


def _month(value):
    day = fields.Date.from_string(value)
    return "%02d/%d" % (day.month, day.year)


class PartyFeePortal(portal.PartyPortal):

    def _prepare_portal_layout_values(self):
        values = super()._prepare_portal_layout_values()
        member = self._party_member()
        values["party_fee_unpaid_count"] = member and request.env[
            "party.fee.due"].sudo().search_count([
                ("member_id", "=", member.id),
                ("state", "in", ("due", "partial"))])
        return values

    @staticmethod
    def _cell_secretary(member):
        """The current secretary (else deputy) of the member's cell, as a
        member: name and phone, even without a login."""
        positions = request.env["party.organization.position"].sudo().search([
            ("organization_id", "=", member.organization_id.id),
            ("role", "in", ("secretary", "deputy")), ("current", "=", True)])
        positions = positions.sorted(lambda p: (p.role != "secretary",
                                                p.date_start or ""))
        secretary = positions[:1].member_id
        if not secretary:
            return {}
        return {"name": secretary.name,
                "phone": secretary.mobile or secretary.phone or ""}

    @http.route("/my/party/fees", type="http", auth="user", website=False,
                methods=["GET"])
    def party_fees(self, **_kwargs):
        member = self._party_member()
        if not member:
            return self._party_no_member()
        Due = request.env["party.fee.due"].sudo()
        states = dict(Due._fields["state"]._description_selection(
            request.env))
        dues = Due.search([("member_id", "=", member.id)],
                          order="month desc", limit=MONTHS_SHOWN)
        payments = request.env["party.fee.payment"].sudo().search(
            [("member_id", "=", member.id), ("state", "=", "posted")],
            order="date desc, id desc", limit=MONTHS_SHOWN)
        channels = dict(payments._fields["channel"]._description_selection(
            request.env))
        unpaid = dues.filtered(lambda d: d.state in ("due", "partial"))
        through = member._party_fee_paid_through().get(member.id)
        return self._party_render(
            "party_handbook.portal_party_fees", member, "party_fees",
            dues=[{
                "month": _month(due.month),
                "state": due.state,
                "state_label": states.get(due.state, ""),
                "amount": _amount(due.amount),
                "paid": _amount(due.amount_paid),
                "remaining": _amount(max(due.amount - due.amount_paid, 0)),
            } for due in dues],
            payments=[{
                "date": fields.Date.from_string(payment.date).strftime(
                    "%d/%m/%Y"),
                "months": payment.months,
                "amount": _amount(payment.amount),
                "channel": channels.get(payment.channel, ""),
                "reference": payment.reference or "",
            } for payment in payments],
            paid_through=through and "%s/%s" % (through[5:7], through[:4]),
            unpaid_count=len(unpaid),
            unpaid_total=_amount(sum(max(d.amount - d.amount_paid, 0)
                                     for d in unpaid)),
            secretary=self._cell_secretary(member),
            organization_name=member.organization_id.name,
            dvc_url=DVC_URL)
