# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Files of the project's records follow their records.

Odoo 11 checks an attachment against the record named by its
``res_model``/``res_id``; an attachment without ``res_id`` (a file picked
in a many2many field of a record not saved yet, or linked only through a
many2many table) is open to every internal user, in read and in write.
And it checks the linked record's access rights only: a published
document's file, an approved meeting's signed minutes or a submitted
report's annex stayed rewritable by whoever may write the record, although
the record itself is frozen.

Here, for the records that declare them (``_party_attachment_relations``
on ``ir.attachment``, ``_party_attachments_frozen`` on the model):

- an attachment referenced by such a record through a many2many table is
  read only by who may read one of those records (or its uploader);
- its content is written, and it is deleted, only by who may write every
  record that holds it, and never while one of them is frozen;
- the same freeze applies to attachments linked by ``res_model/res_id``.

Searches leave out the attachments the user could not read. The server's
own steps run as the superuser (``sudo()``, never a context key).
"""
from collections import defaultdict

from odoo import SUPERUSER_ID, _, api, models
from odoo.exceptions import AccessError

# many2many tables holding attachments: (model, query of (attachment,
# record) pairs); other modules add theirs by extending the method
RELATIONS = (
    ("party.document",
     "SELECT attachment_id, document_id FROM party_document_attachment_rel"
     " WHERE attachment_id = ANY(%s)"),
    ("party.document.report",
     "SELECT attachment_id, report_id FROM party_document_report_attachment_rel"
     " WHERE attachment_id = ANY(%s)"),
)


class IrAttachment(models.Model):
    _inherit = "ir.attachment"

    @api.model
    def _party_attachment_relations(self):
        return [r for r in RELATIONS if r[0] in self.env]

    @api.model
    def _party_frozen_models(self):
        """Models whose records freeze their files
        (``_party_attachments_frozen``)."""
        return [name for name in ("party.document", "party.document.report",
                                  "party.meeting")
                if name in self.env]

    @api.model
    def _party_owners(self, ids, linked=True):
        """{attachment id: {model: set(record ids)}} of the project's records
        holding these attachments, through the many2many tables and (with
        ``linked``) through res_model/res_id."""
        owners = defaultdict(lambda: defaultdict(set))
        ids = [i for i in ids if isinstance(i, int)]
        if not ids:
            return owners
        cr = self.env.cr
        for model, query in self._party_attachment_relations():
            cr.execute(query, (ids,))
            for attachment_id, record_id in cr.fetchall():
                owners[attachment_id][model].add(record_id)
        if linked:
            cr.execute(
                "SELECT id, res_model, res_id FROM ir_attachment"
                " WHERE id = ANY(%s) AND res_model = ANY(%s) AND res_id > 0",
                (ids, self._party_frozen_models()))
            for attachment_id, model, record_id in cr.fetchall():
                owners[attachment_id][model].add(record_id)
        return owners

    def _party_readable(self, owners):
        """Ids of the attachments of which the user may read a holder."""
        readable = set()
        by_model = defaultdict(set)
        for holders in owners.values():
            for model, record_ids in holders.items():
                by_model[model] |= record_ids
        allowed = {}
        for model, record_ids in by_model.items():
            records = self.env[model]
            if not records.check_access_rights("read", raise_exception=False):
                allowed[model] = set()
                continue
            allowed[model] = set(records.with_context(active_test=False).search(
                [("id", "in", list(record_ids))]).ids)
        for attachment_id, holders in owners.items():
            if any(record_ids & allowed[model]
                   for model, record_ids in holders.items()):
                readable.add(attachment_id)
        return readable

    @api.multi
    def check(self, mode, values=None):
        result = super(IrAttachment, self).check(mode, values=values)
        if self.env.uid == SUPERUSER_ID or not self.ids:
            return result
        if mode == "read":
            owners = self._party_owners(self.ids, linked=False)
            unreadable = set(owners) - self._party_readable(owners)
            if unreadable:
                self.env.cr.execute(
                    "SELECT id FROM ir_attachment WHERE id = ANY(%s)"
                    " AND create_uid IS DISTINCT FROM %s",
                    (list(unreadable), self.env.uid))
                if self.env.cr.fetchall():
                    raise AccessError(_(
                        "Sorry, you are not allowed to access this file."))
            return result
        if mode not in ("write", "unlink"):
            return result
        owners = self._party_owners(self.ids)
        by_model = defaultdict(set)
        for holders in owners.values():
            for model, record_ids in holders.items():
                by_model[model] |= record_ids
        for model, record_ids in by_model.items():
            records = self.env[model].browse(record_ids).exists()
            records.check_access_rights("write")
            records.check_access_rule("write")
            if records.sudo()._party_attachments_frozen():
                raise AccessError(_(
                    "This file belongs to a record that can no longer be "
                    "changed (published, submitted or approved): it cannot "
                    "be replaced or deleted. Attach a new file to a new "
                    "version instead."))
        return result

    @api.model
    def _search(self, args, offset=0, limit=None, order=None, count=False,
                access_rights_uid=None):
        result = super(IrAttachment, self)._search(
            args, offset=offset, limit=limit, order=order, count=False,
            access_rights_uid=access_rights_uid)
        if self._uid == SUPERUSER_ID or not result:
            return len(result) if count else result
        owners = self._party_owners(result, linked=False)
        hidden = set(owners) - self._party_readable(owners)
        if hidden:
            self.env.cr.execute(
                "SELECT id FROM ir_attachment WHERE id = ANY(%s)"
                " AND create_uid = %s", (list(hidden), self._uid))
            hidden -= {row[0] for row in self.env.cr.fetchall()}
            result = [i for i in result if i not in hidden]
        return len(result) if count else result


class PartyDocumentFiles(models.Model):
    _inherit = "party.document"

    @api.multi
    def _party_attachments_frozen(self):
        return self.filtered(lambda d: d.state != "draft")


class PartyDocumentReportFiles(models.Model):
    _inherit = "party.document.report"

    @api.multi
    def _party_attachments_frozen(self):
        return self.filtered(lambda r: r.state == "submitted")
