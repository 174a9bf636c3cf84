# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The organization's identity instead of Odoo's (issue #14).

* ``res.company._party_apply_identity``: called by
  ``data/party_identity_data.xml`` at every install and update of the
  module, on a fresh production database as on the demo. It gives the main
  company the committee's name, address, emblem and currency, and the
  superuser (``base.user_root``, the ``admin`` login of Odoo 11, whose
  partner is the author of everything scheduled actions and ``sudo()`` do)
  the name of the system, "Hệ thống Sổ tay đảng viên". It only replaces
  Odoo's own placeholders ("My Company", "YourCompany", "Administrator",
  Scranton, the "Your logo" image...): what an administrator set by hand
  is kept at the next update.
* ``res.users._party_home_action``: each role's home after login (the
  server action ``action_party_home``, every user's ``action_id``).
"""
import base64
import logging

from odoo import _, api, fields, models
from odoo.modules.module import get_module_resource

_logger = logging.getLogger(__name__)

# Odoo's own values (base data and demo data), replaced by ours
ODOO_COMPANY_NAMES = ("My Company", "YourCompany")
ODOO_ROOT_NAMES = ("Administrator",)
ODOO_PLACEHOLDERS = {
    "street": ("1725 Slough Ave.", "215 Vine St"),
    "city": ("Scranton",),
    "zip": ("18540", "18503"),
    "phone": ("+1 555 123 8069", "+1 555-555-5555"),
    "email": ("info@yourcompany.com", "info@yourcompany.example.com",
              "admin@example.com", "admin@yourcompany.example.com"),
    "website": ("www.yourcompany.com", "www.example.com",
                "http://www.yourcompany.com", "http://www.example.com"),
    "company_name": ("YourCompany",),
}
ODOO_IMAGES = (("base", "res", "res_company_logo.png"),
               ("base", "static", "img", "partner_root-image.jpg"))


def _file_b64(*path):
    location = get_module_resource(*path)
    if not location:
        return None
    with open(location, "rb") as handle:
        return base64.b64encode(handle.read())


class ResCompany(models.Model):
    _inherit = "res.company"

    @api.model
    def _party_emblem(self):
        return _file_b64("party_handbook", "static", "src", "img",
                         "party_emblem.png")

    @api.model
    def _party_is_odoo_image(self, image):
        if not image:
            return True
        image = image if isinstance(image, bytes) else image.encode()
        known = [_file_b64(*path) for path in ODOO_IMAGES]
        return image in [value for value in known if value]

    @api.model
    def _party_clean_partner(self, partner, values):
        """Clear Odoo's placeholder contact data from ``partner`` and write
        ``values`` where the field still holds Odoo's value or nothing."""
        updates = {}
        for field, placeholders in ODOO_PLACEHOLDERS.items():
            if partner[field] in placeholders:
                updates[field] = False
        if partner.state_id and partner.country_id.code == "US":
            updates["state_id"] = False
        for field, value in values.items():
            current = partner[field]
            current = current.id if hasattr(current, "_name") else current
            if not current or field in updates or (
                    field == "country_id" and partner.country_id.code == "US"):
                updates[field] = value
        if updates:
            partner.write(updates)
        return updates

    @api.model
    def _party_apply_identity(self, identity):
        """Apply the organization's identity (see the module docstring).
        ``identity``: {'company': {...}, 'address': {...},
        'system_user': {...}} from the data file."""
        company = self.env.ref("base.main_company")
        emblem = self._party_emblem()
        company_values = dict(identity.get("company") or {})
        name = company_values.pop("name", None)
        first = name and company.name in ODOO_COMPANY_NAMES
        if first:
            company.name = name
        if company_values.get("currency_id") and company.currency_id.name in (
                "EUR", "USD"):
            currency = self.env["res.currency"].browse(
                company_values["currency_id"])
            currency.active = True
            company.currency_id = currency
        if emblem and (first or self._party_is_odoo_image(company.logo)):
            company.logo = emblem
        self._party_clean_partner(company.partner_id,
                                  identity.get("address") or {})

        system = dict(identity.get("system_user") or {})
        root = self.env.ref("base.partner_root")
        root_user = self.env.ref("base.user_root")
        system_name = system.get("name")
        renamed = system_name and root.name in ODOO_ROOT_NAMES
        if renamed:
            root.name = system_name
            root_user.signature = "<span>-- <br/>%s</span>" % system_name
        if emblem and (renamed or self._party_is_odoo_image(root.image)):
            root.image = emblem
        self._party_clean_partner(root, {"country_id": company.country_id.id})
        if root.company_name:
            root.company_name = False
        lang = system.get("lang")
        if lang and root.lang != lang and self.env["res.lang"].search_count(
                [("code", "=", lang)]):
            root.lang = lang
        _logger.info("organization identity applied: %s, system user %s",
                     company.name, root.name)
        return True

    @api.model
    def _party_report_heading(self, organization=None, day=None):
        """The national heading of our PDF reports (``party_handbook.
        external_layout``), the Vietnamese way: on the left the committee
        above and the issuing organization, on the right the party's name
        with the place and date. ``organization``: the issuing
        party.organization (else the company); ``day``: a date or a date
        string (else today in the user's time zone)."""
        company = self.env.user.company_id
        upper, issuer = False, company.name
        if organization is not None and getattr(
                organization, "_name", None) == "party.organization" \
                and organization:
            organization = organization.sudo()
            issuer = organization.name
            upper = organization.parent_id.name or (
                company.name if company.name != issuer else False)
        if not day:
            day = fields.Date.context_today(self)
        if isinstance(day, str):
            day = fields.Date.from_string(day[:10])
        values = {"place": self._party_place_name(), "day": "%02d" % day.day,
                  "month": "%02d" % day.month, "year": day.year}
        if values["place"]:
            date_line = _("%(place)s, %(day)s/%(month)s/%(year)s") % values
        else:
            date_line = _("Date: %(day)s/%(month)s/%(year)s") % values
        return {"upper": (upper or "").upper(), "issuer": (issuer or "").upper(),
                "date_line": date_line}

    @api.model
    def _party_place_name(self):
        """The place written before the date (“Huế, …”): the system
        parameter party_handbook.place_name, else the company's city."""
        return (self.env["ir.config_parameter"].sudo().get_param(
            "party_handbook.place_name") or self.env.user.company_id.city
            or "").strip()


class ResUsers(models.Model):
    _inherit = "res.users"

    # role, highest first: the group a user needs for each home
    _party_home_roles = (
        ("officer", "party_handbook.group_party_handbook_officer"),
        ("secretary", "party_handbook.group_party_handbook_cell_secretary"),
        ("supervisor", "party_handbook.group_party_handbook_supervisor"),
        ("member", "party_handbook.group_party_handbook_member"),
    )

    @api.model
    def create(self, vals):
        # Every user opens on their role's home (members of the portal go
        # to /my whatever this is: Odoo's portal redirects them).
        if not vals.get("action_id"):
            home = self.env.ref("party_handbook.action_party_home",
                                raise_if_not_found=False)
            if home:
                vals = dict(vals, action_id=home.id)
        return super().create(vals)

    @api.multi
    def _party_home_role(self):
        self.ensure_one()
        if self.share:
            return "portal"
        for role, group in self._party_home_roles:
            if self.has_group(group):
                return role
        return False

    @api.model
    def _party_action(self, xmlid, **values):
        action = self.env.ref(xmlid).read()[0]
        action.update(values)
        return action

    @api.multi
    def _party_home_action(self):
        """The action a user opens on after login (``action_party_home``):
        an officer's dashboard, a secretary's cell, a supervisor's
        members (the meetings module gives them the day view), a member's
        profile; Discuss for users outside the handbook."""
        self.ensure_one()
        role = self._party_home_role()
        if role == "officer":
            return self._party_action(
                "party_handbook.party_document_receipt_action_dashboard")
        if role == "secretary":
            cells = self.party_organization_ids
            if len(cells) == 1:
                return self._party_action(
                    "party_handbook.party_organization_action",
                    res_id=cells.id, view_mode="form",
                    views=[(False, "form")], name=cells.name)
            return self._party_action(
                "party_handbook.party_organization_action",
                domain=[("id", "in", cells.ids)], context={})
        if role == "supervisor":
            return self._party_action("party_handbook.party_member_action")
        if role == "member" and self.env["party.member"].search_count(
                [("partner_id", "=", self.partner_id.id)]):
            return self.env["party.member"].action_my_profile()
        return self._party_action("mail.mail_channel_action_client_chat")

    @api.model
    def _party_set_home_actions(self):
        """Give the home action to the users that have none (at install and
        update: users created before this module or by base's data)."""
        home = self.env.ref("party_handbook.action_party_home")
        users = self.with_context(active_test=False).search(
            [("action_id", "=", False)])
        users.write({"action_id": home.id})
        return True


class ResPartner(models.Model):
    _inherit = "res.partner"

    @api.model
    def _party_hide_odoo_demo_partners(self, user_names=None):
        """Demo data only: archive base's demo contacts (Agrolait, ASUSTeK,
        their people...) that officers would meet in contact fields and
        Discuss, and give base's demo users (``demo``, ``portal``)
        Vietnamese names (``user_names``: {xmlid: name})."""
        keep = set()
        for xmlid in ("base.main_partner", "base.partner_root",
                      "base.public_partner"):
            record = self.env.ref(xmlid, raise_if_not_found=False)
            if record:
                keep.add(record.id)
        names = self.env["ir.model.data"].sudo().search([
            ("module", "=", "base"), ("model", "=", "res.partner")])
        partners = self.sudo().browse(names.mapped("res_id")).exists().filtered(
            lambda partner: partner.id not in keep and not partner.user_ids)
        partners.write({"active": False})
        for xmlid, name in (user_names or {}).items():
            user = self.env.ref(xmlid, raise_if_not_found=False)
            if user:
                user.sudo().partner_id.write({
                    "name": name, "company_name": False, "street": False,
                    "city": False, "zip": False, "country_id": False,
                    "email": False})
        _logger.info("%s demo contacts of Odoo archived", len(partners))
        return True
