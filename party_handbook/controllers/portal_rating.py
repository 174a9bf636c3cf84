# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The member portal: the member's own quality ratings and the
self-assessment (Quy định 366-QĐ/TW: the member rates themself first, on
the 100-point scale, with a short text).

A rating is shown only through the logged-in member: the id in the URL is
looked up among that member's own ratings, so a forged id answers 404 like
a missing one. The score is written by the model's action, as the user
(``action_self_assess`` checks the step and that the rating is theirs)."""
from werkzeug.exceptions import NotFound
from werkzeug.utils import redirect as http_redirect

from odoo import _, http
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.http import request

from . import portal

MAX_COMMENT_LENGTH = 1000


class PartyRatingPortal(portal.PartyPortal):

    def _prepare_portal_layout_values(self):
        values = super()._prepare_portal_layout_values()
        member = self._party_member()
        values["party_rating_awaiting_count"] = member and request.env[
            "party.member.rating"].sudo().search_count([
                ("member_id", "=", member.id), ("state", "=", "draft")])
        return values

    def _own_ratings(self, member, rating_id=None):
        domain = [("member_id", "=", member.id)]
        if rating_id is not None:
            domain.append(("id", "=", rating_id))
        ratings = request.env["party.member.rating"].sudo().search(
            domain, order="year desc, id desc")
        # what awaits the member first, the newest period first
        awaiting = ratings.filtered(lambda r: r.state == "draft").sorted(
            lambda r: (r.period_id.date_from, r.id), reverse=True)
        return awaiting + (ratings - awaiting)

    def _rating_rows(self, ratings):
        Rating = request.env["party.member.rating"]
        steps = dict(Rating._fields["state"]._description_selection(request.env))
        levels = dict(Rating._fields["final_level"]._description_selection(
            request.env))
        return [{
            "id": rating.id,
            "period": rating.period_id.name,
            "state": rating.state,
            "step": steps.get(rating.state, ""),
            "self_score": rating.state != "draft" and "%g" % rating.self_score,
            "self_level": levels.get(rating.self_level, ""),
            "self_comment": rating.self_comment or "",
            "final_level": rating.state == "approved" and levels.get(
                rating.final_level, ""),
            "evidence": rating.evidence_summary,
        } for rating in ratings]

    def _rating_page(self, member, rating=None, errors=None, values=None):
        ratings = self._own_ratings(member)
        current = rating or ratings.filtered(lambda r: r.state == "draft")[:1]
        others = ratings - current
        awaiting = others.filtered(lambda r: r.state == "draft")
        return self._party_render(
            "party_handbook.portal_party_rating", member, "party_rating",
            current=current and self._rating_rows(current)[0],
            awaiting=self._rating_rows(awaiting),
            ratings=self._rating_rows(others - awaiting),
            errors=errors or {}, values=values or {},
            done=request.params.get("sent"))

    @http.route(["/my/party/rating", "/my/party/rating/<int:rating_id>"],
                type="http", auth="user", website=False, methods=["GET"])
    def party_rating(self, rating_id=None, **_kwargs):
        member = self._party_member()
        if not member:
            return self._party_no_member()
        rating = None
        if rating_id is not None:
            rating = self._own_ratings(member, rating_id)
            if not rating:
                raise NotFound()
        return self._rating_page(member, rating)

    @http.route("/my/party/rating/<int:rating_id>/assess", type="http",
                auth="user", website=False, methods=["POST"])
    def party_rating_assess(self, rating_id, score=None, comment=None,
                            **_kwargs):
        member = self._party_member()
        if not member:
            return self._party_no_member()
        rating = self._own_ratings(member, rating_id)
        if not rating:
            raise NotFound()
        values = {"score": (score or "").strip(),
                  "comment": (comment or "").strip()}
        errors = {}
        number = None
        try:
            number = float(values["score"].replace(",", "."))
        except ValueError:
            errors["score"] = _("Write your score as a number from 0 to 100.")
        else:
            if not 0 <= number <= 100:
                errors["score"] = _("The score is between 0 and 100.")
        if len(values["comment"]) > MAX_COMMENT_LENGTH:
            errors["comment"] = _("Your text is too long (at most %s "
                                  "characters).") % MAX_COMMENT_LENGTH
        if rating.state != "draft":
            errors["form"] = _("This rating is already past the "
                               "self-assessment.")
        if not errors:
            try:
                with request.env.cr.savepoint():
                    rating.sudo(request.env.user).action_self_assess(
                        number, values["comment"] or None)
            except (AccessError, UserError, ValidationError) as error:
                errors["form"] = error.name
            else:
                return http_redirect(
                    "/my/party/rating/%s?sent=1" % rating.id, 303)
        return self._rating_page(member, rating, errors=errors, values=values)
