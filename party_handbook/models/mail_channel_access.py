# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Odoo's chat reads contacts in SQL or as superuser, around the contact
rules (models/res_partner_access.py):

- ``mail.channel.channel_fetch_listeners(uuid)`` returned the name and email
  of every partner of a channel (#general holds every internal user);
- ``res.partner.im_search(name)`` returned the name and presence of every
  user matching a name;
- the chatter (``mail.message`` ``_message_read_dict_postprocess``) names
  authors and recipients as superuser, with the caller's context: Odoo's
  ``show_email``/``show_address`` keys added their email and address.

Each keeps to the partners the caller may read, and the chatter's names are
names only, whatever context the caller sends."""
from odoo import api, models

# res.partner.name_get adds the email or the address for these keys
NAME_GET_KEYS = ("show_email", "show_address", "show_address_only", "html_format")


def _readable_partner_ids(env, partner_ids):
    """The ids among ``partner_ids`` the current user may read (record
    rules applied: one search)."""
    if not partner_ids:
        return set()
    return set(env["res.partner"].search([("id", "in", list(partner_ids))]).ids)


class MailChannel(models.Model):
    _inherit = "mail.channel"

    @api.model
    def channel_fetch_listeners(self, uuid):
        rows = super().channel_fetch_listeners(uuid)
        readable = _readable_partner_ids(self.env, {row["id"] for row in rows})
        return [row for row in rows if row["id"] in readable]


class ResPartner(models.Model):
    _inherit = "res.partner"

    @api.model
    def im_search(self, name, limit=20):
        rows = super().im_search(name, limit=limit)
        readable = _readable_partner_ids(self.env, {row["id"] for row in rows})
        return [row for row in rows if row["id"] in readable]


class MailMessage(models.Model):
    _inherit = "mail.message"

    @api.model
    def _message_read_dict_postprocess(self, messages, message_tree):
        plain = self.with_context(**{key: False for key in NAME_GET_KEYS})
        return super(MailMessage, plain)._message_read_dict_postprocess(
            messages, message_tree)
