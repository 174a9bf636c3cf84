# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The member portal: the member's own profile, corrections, contacts.

There is no member id in any URL: the member is always the one whose contact
is the logged-in user's contact (``_party_member``). Only after that is the
record read as superuser, field by field, and only the fields a member may
see (never national ID, ethnicity, religion, discipline or ratings).
"""
import re
from datetime import datetime

from werkzeug.utils import redirect as http_redirect

from odoo import _, fields, http
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.http import request
from odoo.tools.misc import format_date

from odoo.addons.portal.controllers.portal import CustomerPortal

# What the profile page shows, in this order (see the module docstring).
PROFILE_FIELDS = (
    "date_of_birth", "gender", "home_town", "residence", "street", "phone",
    "mobile", "email", "admission_date", "official_date", "card_number",
    "political_theory_level", "education_level", "professional_level",
    "occupation",
)
# Form fields that are not profile fields.
FORM_EXTRA_FIELDS = ("csrf_token", "note")
INPUT_TYPES = {"phone": "tel", "mobile": "tel", "email": "email",
               "date_of_birth": "date"}
MAX_LENGTH = 256
MAX_NOTE_LENGTH = 2000
EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
PHONE_RE = re.compile(r"^\+?[0-9 .()-]{6,20}$")


class PartyPortal(CustomerPortal):

    # --- helpers ----------------------------------------------------------

    def _party_member(self):
        """The logged-in user's own member profile (as superuser), or an
        empty recordset. Resolved only from the user's contact."""
        partner = request.env.user.partner_id
        if not partner:
            return request.env["party.member"]
        return request.env["party.member"].sudo().search(
            [("partner_id", "=", partner.id)], limit=1)

    def _prepare_portal_layout_values(self):
        values = super()._prepare_portal_layout_values()
        member = self._party_member()
        values["party_member_linked"] = bool(member)
        values["party_request_pending_count"] = member and request.env[
            "party.member.change.request"].sudo().search_count([
                ("member_id", "=", member.id), ("state", "=", "submitted")])
        return values

    def _party_render(self, template, member, page_name, **values):
        result = self._prepare_portal_layout_values()
        result.update(values, page_name=page_name, party_member=member)
        return request.render(template, result)

    def _party_no_member(self):
        values = self._prepare_portal_layout_values()
        values["page_name"] = "party_no_member"
        return request.render(
            "party_handbook.portal_party_no_member", values, status=404)

    @staticmethod
    def _requestable_fields():
        return request.env["party.member.change.request"]._requestable_fields

    @staticmethod
    def _field_label(member, name):
        return member._fields[name].get_description(member.env)["string"]

    @staticmethod
    def _selection(member, name):
        return member._fields[name]._description_selection(member.env)

    def _display_value(self, member, name, value=None):
        value = member[name] if value is None else value
        field = member._fields[name]
        if not value:
            return ""
        if field.type == "selection":
            return dict(self._selection(member, name)).get(value, value)
        if field.type == "date":
            return format_date(member.env, value)
        if field.type == "many2one":
            return value.display_name
        return value

    def _profile_rows(self, member):
        rows = []
        for name in PROFILE_FIELDS:
            rows.append({
                "name": name,
                "label": self._field_label(member, name),
                "value": self._display_value(member, name),
                "href": self._contact_href(name, member[name]),
            })
        return rows

    @staticmethod
    def _contact_href(name, value):
        if not value:
            return False
        if name in ("phone", "mobile"):
            return "tel:%s" % re.sub(r"[^0-9+]", "", value)
        if name == "email":
            return "mailto:%s" % value
        return False

    # --- pages ------------------------------------------------------------

    @http.route()
    def account(self, redirect=None, **post):
        """A member's contact details are part of their profile: they are
        corrected through a request to the cell secretary, never directly
        (Odoo's own /my/account writes the contact without approval)."""
        if self._party_member():
            return http_redirect("/my/party/profile/correct", 303)
        return super().account(redirect=redirect, **post)

    @http.route("/my/party/profile", type="http", auth="user", website=False,
                methods=["GET"])
    def party_profile(self, **_kwargs):
        member = self._party_member()
        if not member:
            return self._party_no_member()
        photo = member.image_medium
        return self._party_render(
            "party_handbook.portal_party_profile", member, "party_profile",
            rows=self._profile_rows(member),
            photo=photo and "data:image/png;base64,%s" % photo.decode(),
            organization_name=member.organization_id.complete_name,
            state_label=self._display_value(member, "state"),
            history=[{
                "date": format_date(member.env, item.date),
                "event": self._display_value(item, "event"),
                "organization": item.to_organization_id.complete_name
                if item.to_organization_id != member.organization_id else "",
            } for item in member.history_ids],
            rewards=[{
                "date": format_date(member.env, reward.date),
                "form": self._display_value(reward, "form"),
                "decision": reward.decision_number,
                "issuing_body": reward.issuing_body,
            } for reward in member.reward_ids],
        )

    @http.route("/my/party/profile/correct", type="http", auth="user",
                website=False, methods=["GET", "POST"])
    def party_profile_correct(self, **post):
        member = self._party_member()
        if not member:
            return self._party_no_member()
        errors = []
        if request.httprequest.method == "POST":
            changes, note, errors = self._party_parse_correction(member, post)
            if not errors:
                try:
                    # nothing half-written: any error rolls the request back
                    with request.env.cr.savepoint():
                        request.env["party.member.change.request"].submit(
                            member, changes, note=note or None)
                except (AccessError, UserError, ValidationError) as error:
                    errors.append(error.name)
                else:
                    return http_redirect("/my/party/profile/requests?sent=1", 303)
        return self._party_render(
            "party_handbook.portal_party_correct", member, "party_correct",
            form_fields=self._correction_form_fields(
                member, post if errors else None),
            note=post.get("note", "") if errors else "",
            errors=errors)

    def _correction_form_fields(self, member, post=None):
        result = []
        for name in self._requestable_fields():
            field = member._fields[name]
            value = member[name] or ""
            if post is not None and name in post:
                value = post[name]
            result.append({
                "name": name,
                "label": self._field_label(member, name),
                "type": "select" if field.type == "selection"
                else INPUT_TYPES.get(name, "text"),
                "options": field.type == "selection" and self._selection(
                    member, name),
                "value": value,
            })
        return result

    def _party_parse_correction(self, member, post):
        """(changed values, note, error messages) from the posted form."""
        errors = []
        forged = sorted(set(post) - set(self._requestable_fields())
                        - set(FORM_EXTRA_FIELDS))
        if forged:
            errors.append(_("This form cannot change: %s") % ", ".join(forged))
        note = (post.get("note") or "").strip()
        if len(note) > MAX_NOTE_LENGTH:
            errors.append(_("Your note is too long."))
        changes = {}
        for name in self._requestable_fields():
            if name not in post:
                continue
            value = (post[name] or "").strip()
            error = value and self._check_value(member, name, value)
            if error:
                errors.append(error)
            elif value != (member[name] or ""):
                changes[name] = value or False
        if not errors and not changes:
            errors.append(_("You did not change anything: correct a value, "
                            "then send."))
        return changes, note, errors

    def _check_value(self, member, name, value):
        """An error message for an invalid value, else None."""
        field = member._fields[name]
        label = self._field_label(member, name)
        if len(value) > MAX_LENGTH:
            return _("%(field)s: the text is too long.") % {"field": label}
        if field.type == "selection":
            if value not in dict(self._selection(member, name)):
                return _("%(field)s: choose a value from the list.") % {
                    "field": label}
        elif field.type == "date":
            try:
                date = datetime.strptime(value, "%Y-%m-%d").date()
            except ValueError:
                return _("%(field)s: this is not a valid date.") % {"field": label}
            if date.year < 1900 or date > fields.Date.from_string(
                    fields.Date.context_today(member)):
                return _("%(field)s: this date is not possible.") % {
                    "field": label}
        elif name == "email" and not EMAIL_RE.match(value):
            return _("%(field)s: this is not a valid email address.") % {
                "field": label}
        elif name in ("phone", "mobile") and not PHONE_RE.match(value):
            return _("%(field)s: write only digits, spaces and +.") % {
                "field": label}
        return None

    @http.route("/my/party/profile/requests", type="http", auth="user",
                website=False, methods=["GET"])
    def party_profile_requests(self, sent=None, **_kwargs):
        member = self._party_member()
        if not member:
            return self._party_no_member()
        requests = request.env["party.member.change.request"].sudo().search(
            [("member_id", "=", member.id)], limit=50)
        secretary = member.organization_id._current_secretary_users().get(
            member.organization_id.id)
        return self._party_render(
            "party_handbook.portal_party_requests", member, "party_requests",
            sent=bool(sent), secretary_name=secretary and secretary.name,
            change_requests=[{
                "date": format_date(member.env, change.create_date),
                "state": change.state,
                "state_label": self._display_value(change, "state"),
                "note": change.note,
                "reject_reason": change.reject_reason,
                "lines": [{
                    "label": line.field_label,
                    "old": line.old_value or "",
                    "new": line.new_value or "",
                } for line in change.line_ids],
            } for change in requests])

    @http.route("/my/party/contacts", type="http", auth="user", website=False,
                methods=["GET"])
    def party_contacts(self, **_kwargs):
        member = self._party_member()
        if not member:
            return self._party_no_member()
        cell = member.organization_id
        positions = request.env["party.organization.position"].sudo().search([
            ("organization_id", "=", cell.id), ("current", "=", True),
            ("role", "in", ("secretary", "deputy"))])
        committee = cell.parent_id
        while committee.parent_id and committee.level not in ("commune", "city"):
            committee = committee.parent_id
        return self._party_render(
            "party_handbook.portal_party_contacts", member, "party_contacts",
            cell_name=cell.name,
            committee_name=committee.name or "",
            contacts=[{
                "role": self._display_value(position, "role"),
                "name": position.member_id.name,
                "phone": position.member_id.mobile or position.member_id.phone,
                "phone_href": self._contact_href(
                    "phone", position.member_id.mobile or position.member_id.phone),
                "email": position.member_id.email,
                "email_href": self._contact_href("email", position.member_id.email),
            } for position in positions.sorted(lambda p: p.role != "secretary")])
