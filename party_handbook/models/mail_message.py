# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The chatter of audited records is kept as it was written.

Odoo lets whoever may write a record delete or edit its messages, and post
messages with any author, date or tracking values. On the models whose
chatter is the audit trail (``party.audited.thread``) messages are written
by Odoo's tracking and by ``message_post`` in the user's own name, and are
never edited or deleted, except when the record itself is deleted."""
from email.utils import formataddr

from odoo import _, api, fields, models
from odoo.exceptions import UserError

# pylint: disable=missing-import-error
from .party_integrity import is_internal

# what a message of an audited record says happened, and who said it (the
# notification emails Odoo sends write their subject and mail server on it)
FORGEABLE = ("tracking_value_ids", "date", "author_id", "model", "res_id",
             "message_type", "subtype_id", "body")


class MailMessage(models.Model):
    _inherit = "mail.message"

    # Odoo refuses any message (a note in the chatter included) from a user
    # without an email address: "Unable to send email, please configure the
    # sender's email address". Many village officers have none; their
    # messages go out in their name from the organization's address.
    email_from = fields.Char(default=lambda self: self._get_default_from())

    @api.model
    def _get_default_from(self):
        user = self.env.user
        if user.email:
            return super()._get_default_from()
        company = user.sudo().company_id
        address = company.email
        if not address:
            domain = self.env["ir.config_parameter"].sudo().get_param(
                "mail.catchall.domain") or "localhost"
            address = "noreply@%s" % domain
        return formataddr((user.name or company.name, address))

    @api.model
    def _party_audited(self, model_name):
        model = self.env.registry.get(model_name or "")
        return bool(model is not None and getattr(model, "_party_audited", False))

    @api.model
    def create(self, vals):
        if self._party_audited(vals.get("model")) and not is_internal(self):
            author = vals.get("author_id")
            # emails (mail.mail, from templates) carry their sender and date;
            # what the chatter records (notes, tracking) is the user's, now
            email = vals.get("message_type", "email") == "email"
            own_name = email or not author or \
                author == self.env.user.partner_id.id
            if vals.get("tracking_value_ids") or not own_name or (
                    vals.get("date") and not email):
                raise UserError(_(
                    "The history of this record is written by the "
                    "application: a message is posted in your own name, now."))
        return super().create(vals)

    @api.multi
    def write(self, vals):
        if set(vals) == {"tracking_value_ids"} and is_internal(self.browse()):
            # Odoo's tracking adds the values to the message it has just
            # posted (only inside the audited write that posts it)
            return super().write(vals)
        if set(vals) & set(FORGEABLE) and not is_internal(self) and any(
                self._party_audited(model)
                for model in set(self.sudo().mapped("model"))):
            raise UserError(_("The history of this record cannot be edited."))
        return super().write(vals)

    @api.multi
    def unlink(self):
        if not is_internal(self) and any(
                self._party_audited(model)
                for model in set(self.sudo().mapped("model"))):
            raise UserError(_("The history of this record cannot be deleted."))
        return super().unlink()
