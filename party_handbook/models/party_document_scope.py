# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A document is sent only within the organizations its issuer serves.

Publishing delivers a document to every member of its targets (and of
their sub-organizations). A committee officer serves the organizations of
``res.users.party_organization_ids`` and their subtrees: a target outside
them (the city above, another commune beside) would deliver the commune's
document to members the officer has no say over. City officers serve the
whole tree.

Checked where targets are written (``party.document.target`` create and
write, which the document's form and an RPC caller's ``target_ids``
commands both go through; the targets of a published document are frozen
like the document) and again when publishing, as the user who publishes."""
from odoo import SUPERUSER_ID, _, api, models
from odoo.exceptions import AccessError, UserError

CITY_OFFICER = "party_handbook.group_party_handbook_manager"


def _out_of_scope(env, organizations):
    """The organizations of ``organizations`` outside the subtrees the
    current user serves (none for city officers and the superuser)."""
    if env.uid == SUPERUSER_ID or env.user.has_group(CITY_OFFICER) \
            or not organizations:
        return organizations.browse()
    served = env.user.party_organization_ids
    inside = organizations.sudo().with_context(active_test=False).search([
        ("id", "in", organizations.ids),
        ("id", "child_of", served.ids)]) if served else organizations.browse()
    return organizations - inside


def _refuse(organization):
    return AccessError(_(
        "%(organization)s is outside the organizations you serve: a document "
        "is sent only to the organizations you serve and their "
        "sub-organizations.") % {
            "organization": organization.sudo().display_name})


class PartyDocument(models.Model):
    _inherit = "party.document"

    @api.multi
    def _check_targets_in_scope(self):
        targets = self.sudo().mapped("target_ids.organization_id")
        outside = _out_of_scope(self.env, targets)
        if outside:
            raise _refuse(outside[0])

    def _check_publisher(self):
        result = super()._check_publisher()
        self._check_targets_in_scope()
        return result


class PartyDocumentTarget(models.Model):
    _inherit = "party.document.target"

    def _check_target_write(self, documents, organization_ids):
        if self.env.uid == SUPERUSER_ID:
            return
        if documents.sudo().filtered(lambda d: d.state != "draft"):
            raise UserError(_(
                "A published document cannot be changed: publish a new "
                "document that supersedes it."))
        organizations = self.env["party.organization"].browse(
            [org_id for org_id in organization_ids if org_id])
        outside = _out_of_scope(self.env, organizations)
        if outside:
            raise _refuse(outside[0])

    @api.model
    def create(self, vals):
        self._check_target_write(
            self.env["party.document"].browse(vals.get("document_id")),
            [vals.get("organization_id")])
        return super().create(vals)

    @api.multi
    def write(self, vals):
        documents = self.sudo().mapped("document_id")
        if vals.get("document_id"):
            documents |= documents.browse(vals["document_id"])
        self._check_target_write(
            documents.sudo(self.env.uid),
            [vals["organization_id"]] if "organization_id" in vals else [])
        return super().write(vals)

    @api.multi
    def unlink(self):
        self._check_target_write(
            self.sudo().mapped("document_id").sudo(self.env.uid), [])
        return super().unlink()
