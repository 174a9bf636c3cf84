# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The chatter's tracking shows a field's old and new values only to users
who may read the field.

Odoo tracks a field's changes (``mail.tracking.value``: the field's name,
old value, new value, on a message of the record) whatever the field's
``groups``, and shows them to every reader of the record's chatter: a
supervising officer saw a member's national ID and religion change there.

- the chatter (``mail.message.message_format``, and the portal's
  ``portal_message_format``, both through ``_message_read_dict_postprocess``)
  leaves out the tracking values of fields the reader may not read (the
  message stays: who changed the record, and when);
- ``mail.tracking.value`` searched, read or grouped directly, and through
  ``mail.message.tracking_value_ids``, holds no row of such a field for that
  user (a filter added to its access rules, like a record rule: one
  ``NOT EXISTS`` on the message's model and the field's name);
- notification emails (sent to followers, whatever their roles) carry no
  tracking value of a restricted field.

What "may read" means is Odoo's own test before a read: the field's
``groups``, for the model of the tracked record."""
from odoo import SUPERUSER_ID, api, models, tools


class MailTrackingValue(models.Model):
    _inherit = "mail.tracking.value"

    @api.model
    @tools.ormcache()
    def _party_restricted_fields(self):
        """((model, field, groups), ...): every field of the registry that
        carries groups (computed once per registry)."""
        registry = self.env.registry
        return tuple(
            (model_name, name, field.groups)
            for model_name in sorted(registry.models)
            for name, field in sorted(registry[model_name]._fields.items())
            if field.groups)

    @api.model
    def _party_hidden_fields(self):
        """{model: set of fields} whose tracking the current user may not
        see (empty for the superuser)."""
        if self.env.uid == SUPERUSER_ID:
            return {}
        hidden = {}
        for model_name, name, groups in self._party_restricted_fields():
            if not self.user_has_groups(groups):
                hidden.setdefault(model_name, set()).add(name)
        return hidden

    @api.model
    def _apply_ir_rules(self, query, mode="read"):
        super()._apply_ir_rules(query, mode)
        if mode != "read":
            return
        hidden = self._party_hidden_fields()
        if not hidden:
            return
        clauses, params = [], []
        for model_name in sorted(hidden):
            clauses.append("(hidden_message.model = %s AND "
                           "\"mail_tracking_value\".\"field\" IN %s)")
            params += [model_name, tuple(sorted(hidden[model_name]))]
        query.where_clause.append(
            "NOT EXISTS (SELECT 1 FROM mail_message hidden_message "
            "WHERE hidden_message.id = \"mail_tracking_value\".mail_message_id "
            "AND (%s))" % " OR ".join(clauses))
        query.where_clause_params.extend(params)


class MailMessage(models.Model):
    _inherit = "mail.message"

    @api.model
    def _message_read_dict_postprocess(self, messages, message_tree):
        result = super()._message_read_dict_postprocess(messages, message_tree)
        hidden = self.env["mail.tracking.value"]._party_hidden_fields()
        shown = [message for message in messages
                 if message.get("tracking_value_ids")
                 and message.get("model") in hidden]
        if not shown:
            return result
        # the tracking dicts carry the field's label, not its name
        self.env.cr.execute(
            "SELECT id, field FROM mail_tracking_value WHERE id IN %s",
            (tuple(value["id"] for message in shown
                   for value in message["tracking_value_ids"]),))
        field_names = dict(self.env.cr.fetchall())
        for message in shown:
            names = hidden[message["model"]]
            message["tracking_value_ids"] = [
                value for value in message["tracking_value_ids"]
                if field_names.get(value["id"]) not in names]
        return result


class ResPartner(models.Model):
    _inherit = "res.partner"

    @api.multi
    def _notify_prepare_template_context(self, message):
        """Emails go to followers whatever their roles: no tracking value of
        a field restricted to some roles."""
        context = super()._notify_prepare_template_context(message)
        model = self.env.registry.get(message.model or "")
        if model is None or not context.get("tracking"):
            return context
        restricted = {name for name, field in model._fields.items()
                      if field.groups}
        if restricted:
            values = self.env["mail.tracking.value"].sudo().search(
                [("mail_message_id", "=", message.id)])
            context["tracking"] = [
                (value.field_desc, value.get_old_display_value()[0],
                 value.get_new_display_value()[0])
                for value in values if value.field not in restricted]
        return context
