# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Following a record requires reading it (CVE-2021-44465, CVE-2019-11785).

Odoo 11 lets any logged-in user create a ``mail.followers`` row on any
record and then receive (and read) the messages posted there. A follower
row is now created or changed only by a user who may read the followed
record (for themselves) or write it (for anyone else, or a channel), as
``message_subscribe`` already asks. Odoo's own subscriptions (the author
of a message, the creator of a record) pass these checks for legitimate
users; Odoo's writes as superuser (``sudo()``, after its own checks) are
not checked again. No context key exempts anything.
"""
from odoo import _, api, models
from odoo.exceptions import AccessError


class MailFollowers(models.Model):
    _inherit = "mail.followers"

    @api.model
    def _party_check_follow(self, res_model, res_id, partner_id, channel_id):
        if self.env.uid == 1:
            return
        if not res_model or res_model not in self.env.registry:
            raise AccessError(_("You cannot follow this record."))
        record = self.env[res_model].browse(res_id).exists()
        if not record:
            raise AccessError(_("You cannot follow this record."))
        own = not channel_id and partner_id == self.env.user.partner_id.id
        mode = "read" if own else "write"
        try:
            record.check_access_rights(mode)
            record.check_access_rule(mode)
        except AccessError:
            raise AccessError(
                _("You can only follow records you may read.") if own else
                _("Only who may change this record can add followers to it."))

    @api.model
    def create(self, vals):
        self._party_check_follow(vals.get("res_model"), vals.get("res_id"),
                                 vals.get("partner_id"), vals.get("channel_id"))
        return super().create(vals)

    @api.multi
    def write(self, vals):
        if self.env.uid != 1:
            for follower in self.sudo():
                # what the row follows now, and what it would follow
                self._party_check_follow(
                    follower.res_model, follower.res_id,
                    follower.partner_id.id, follower.channel_id.id)
                if set(vals) & {"res_model", "res_id", "partner_id", "channel_id"}:
                    self._party_check_follow(
                        vals.get("res_model", follower.res_model),
                        vals.get("res_id", follower.res_id),
                        vals.get("partner_id", follower.partner_id.id),
                        vals.get("channel_id", follower.channel_id.id))
        return super().write(vals)

    @api.multi
    def _invalidate_documents(self):
        """Odoo reads the followed record of each row as the caller; a row of
        another partner on a party record is not readable by the caller
        (party_platform_rules.xml): read the reference as superuser,
        invalidate the caller's cache."""
        for follower in self.sudo():
            if follower.res_id and follower.res_model in self.env.registry:
                self.env[follower.res_model].invalidate_cache(
                    ids=[follower.res_id])
