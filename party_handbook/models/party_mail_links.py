# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What the members' emails need besides their record: a direct link to the
document or meeting in the portal, and who to ask (the cell secretary's
name and phone).

The email templates are rendered in Odoo's sandbox, which refuses private
methods, and a public model method would be callable over RPC by anyone who
can read the record (the secretary's phone of any organization). So the
helpers are a template variable, ``party_mail``, known to every email
template (Odoo's own render and ``party_batch.SharedMail``'s), reachable by
no request:

- ``party_mail.url(record)``: the absolute address of a document's or a
  meeting's portal page (``/my/party/documents/<id>``,
  ``/my/party/meetings/<id>``); the member signs in first if needed;
- ``party_mail.secretary(organization)``: ``{"name", "phone"}`` of the
  organization's current secretary (the deputy when there is none), the
  same person and number the member's portal shows under "Contacts", or
  ``None``.

Both depend only on the document, meeting or cell: a shared render per cell
stays shared (party_batch)."""
import re

from odoo import fields
from odoo.tools.convert import convert_file

from odoo.addons.mail.models import mail_template

# model: the path of a record's page in the member portal (the meetings
# module adds its own)
PORTAL_PATHS = {
    "party.document": "/my/party/documents/%d",
}


def tel(phone):
    """A ``tel:`` number in the international format (a Vietnamese number
    written 0xx… is +84xx…): Odoo makes a link of digits only relative to
    the site (``_replace_local_links``)."""
    digits = re.sub(r"[^0-9]", "", phone or "")
    if not digits:
        return ""
    if phone.strip().startswith("+"):
        return "+" + digits
    if digits.startswith("00"):
        return "+" + digits[2:]
    if digits.startswith("0"):
        return "+84" + digits[1:]
    return "+" + digits


class PartyMailHelpers(object):
    """The ``party_mail`` variable of email templates (see the module's
    docstring). Public methods only: the sandbox calls nothing else."""

    def url(self, record):
        if not record or record._name not in PORTAL_PATHS:
            return ""
        record.ensure_one()
        base = record.env["ir.config_parameter"].sudo().get_param(
            "web.base.url", "") or ""
        return base.rstrip("/") + PORTAL_PATHS[record._name] % record.id

    def secretary(self, organization):
        if not organization or organization._name != "party.organization":
            return None
        organization.ensure_one()
        positions = organization.env["party.organization.position"].sudo().search([
            ("organization_id", "=", organization.id), ("current", "=", True),
            ("role", "in", ("secretary", "deputy"))])
        positions = positions.sorted(
            lambda p: (p.role != "secretary", p.date_start and
                       -fields.Date.from_string(p.date_start).toordinal(), p.id))
        if not positions:
            return None
        member = positions[0].member_id
        phone = member.mobile or member.phone or ""
        return {"name": member.name or "", "phone": phone, "tel": tel(phone)}

    def __repr__(self):
        return "<party_mail>"


def reload_mail_templates(cr, module, filename, xml_ids):
    """Reload ``xml_ids`` (mail templates of ``module``) from ``filename``
    when one of them does not use ``party_mail`` yet."""
    cr.execute("""
        SELECT t.id, t.body_html FROM mail_template t
          JOIN ir_model_data d ON d.model = 'mail.template' AND d.res_id = t.id
         WHERE d.module = %s AND d.name IN %s""", (module, tuple(xml_ids)))
    rows = cr.fetchall()
    if not rows or all("party_mail." in (body or "") for _id, body in rows):
        return
    convert_file(cr, module, filename, {}, mode="init", noupdate=True,
                 kind="data")
    cr.execute("""
        DELETE FROM ir_translation
         WHERE type = 'model' AND res_id IN %s
           AND name IN ('mail.template,body_html', 'mail.template,subject')
    """, (tuple(row[0] for row in rows),))


HELPERS = PartyMailHelpers()
for _env in (mail_template.mako_template_env,
             mail_template.mako_safe_template_env):
    _env.globals["party_mail"] = HELPERS
