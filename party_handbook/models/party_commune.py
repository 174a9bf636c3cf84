# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Members by commune, and the tree's derived columns kept set-wise (issue #13).

``commune_id`` is a stored, indexed column on organizations (the ancestor at
level "commune", the organization itself for a commune, empty above) and on
members (the commune of the member's organization), so that "members by
commune" is one grouped query on the member table.

The derived columns of the tree (``complete_name``, ``commune_id`` of the
organizations and of their members) are written here, in one SQL statement
per create or write, whatever the size of the subtree: the statement walks
up from the written organizations to their ancestors (so it never relies on
a value it is about to change), then down their subtrees. Odoo no longer
computes the full name: it depended on the parent's full name, and Odoo
rewrote every descendant one UPDATE at a time.

Both fields are stored computed fields without an inverse: callers cannot
write them (``party.integrity.mixin`` refuses them on members; the
organization's ``create``/``write`` below refuse them), the model writes
them in SQL.
"""
from odoo import _, api, fields, models
from odoo.exceptions import UserError

# pylint: disable=missing-import-error
from .party_integrity import is_internal, loading_data_files

# derived columns the application writes (never a caller)
DERIVED = ("commune_id", "complete_name")
# One statement: for the organizations %(ids)s, their full name and commune
# computed from their ancestors (walking up the parents), then propagated
# down their subtrees; organizations whose values change are updated, and
# the members of those whose commune changed. Depth guards stop a cycle
# (which the parent constraint forbids anyway).
TREE_SQL = """
WITH RECURSIVE up(root_id, node_id, parent_id, name, level, depth) AS (
    SELECT o.id, o.id, o.parent_id, o.name, o.level, 0
      FROM party_organization o WHERE o.id = ANY(%(ids)s)
    UNION ALL
    SELECT up.root_id, p.id, p.parent_id, p.name, p.level, up.depth + 1
      FROM up JOIN party_organization p ON p.id = up.parent_id
     WHERE up.depth < 64
), anchor AS (
    SELECT r.id,
           (SELECT string_agg(a.name, ' / ' ORDER BY a.depth DESC)
              FROM up a WHERE a.root_id = r.id) AS path,
           (SELECT a.node_id FROM up a
             WHERE a.root_id = r.id AND a.level = 'commune'
             ORDER BY a.depth LIMIT 1) AS commune_id
      FROM party_organization r WHERE r.id = ANY(%(ids)s)
), down(id, path, commune_id, depth) AS (
    SELECT id, path, commune_id, 0 FROM anchor
    UNION ALL
    SELECT c.id, d.path || ' / ' || c.name,
           CASE WHEN c.level = 'commune' THEN c.id ELSE d.commune_id END,
           d.depth + 1
      FROM down d JOIN party_organization c ON c.parent_id = d.id
     WHERE d.depth < 64
), computed AS (
    SELECT DISTINCT ON (id) id, path, commune_id FROM down ORDER BY id, depth
), organizations AS (
    UPDATE party_organization o
       SET complete_name = computed.path, commune_id = computed.commune_id
      FROM computed
     WHERE o.id = computed.id
       -- arrays, so that the primary keys are used (not a scan of the tree)
       AND o.id = ANY(ARRAY(SELECT id FROM computed))
       AND (o.complete_name IS DISTINCT FROM computed.path
            OR o.commune_id IS DISTINCT FROM computed.commune_id)
    RETURNING o.id, o.commune_id
), moved AS (
    -- organizations whose commune changes (the snapshot before the update)
    SELECT computed.id, computed.commune_id
      FROM computed JOIN party_organization o ON o.id = computed.id
     WHERE o.id = ANY(ARRAY(SELECT id FROM computed))
       AND o.commune_id IS DISTINCT FROM computed.commune_id
), members AS (
    UPDATE party_member m SET commune_id = moved.commune_id
      FROM moved
     WHERE m.organization_id = moved.id
       AND m.organization_id = ANY(ARRAY(SELECT id FROM moved))
       AND m.commune_id IS DISTINCT FROM moved.commune_id
    RETURNING m.id
)
SELECT (SELECT array_agg(id) FROM organizations),
       (SELECT count(*) FROM members)
"""


class PartyOrganization(models.Model):
    _inherit = "party.organization"

    # _party_update_tree writes it in SQL (the organization and its subtree)
    complete_name = fields.Char(compute="_compute_complete_name_party")
    commune_id = fields.Many2one(
        "party.organization", string="Commune", readonly=True, index=True,
        compute="_compute_commune_id", store=True, ondelete="set null",
        help="The commune or ward committee this organization belongs to "
             "(itself for a commune; empty above the communes).")

    def _compute_complete_name_party(self):
        """Written by _party_update_tree on create and on every change of
        a name or a parent (no dependency: Odoo never recomputes it);
        computed here only for a record that has no value yet."""
        self._compute_complete_name()

    def _compute_commune_id(self):
        """Kept by _party_update_tree (no dependency: Odoo never recomputes
        it record by record); computed here for records read before."""
        for organization in self:
            commune = organization
            while commune and commune.level != "commune":
                commune = commune.parent_id
            organization.commune_id = commune

    def _party_check_derived(self, vals):
        if set(vals) & set(DERIVED) and not is_internal(self) \
                and not loading_data_files():
            raise UserError(_(
                "The full name and the commune of an organization follow the "
                "tree: change its name or its parent organization instead."))

    @api.model
    def create(self, vals):
        self._party_check_derived(vals)
        return super().create(vals)

    @api.multi
    def write(self, vals):
        self._party_check_derived(vals)
        return super().write(vals)

    # the low-level writes (inside create/write, before the chatter posts
    # its messages, which carry the record's full name)

    @api.model
    def _create(self, vals):
        record_id = super()._create(vals)
        self.browse(record_id)._party_update_tree()
        return record_id

    @api.multi
    def _write(self, vals):
        res = super()._write(vals)
        if set(vals) & {"parent_id", "name", "level"}:
            self._party_update_tree()
        return res

    @api.multi
    def _party_update_tree(self):
        """Full names and communes of these organizations, of their
        subtrees and of the members there, in one statement."""
        if not self.ids:
            return 0
        # the statement reads names and parents only (written by the ORM
        # at once), never a derived value it is about to change
        cr = self.env.cr
        cr.execute(TREE_SQL, {"ids": list(self.ids)})
        changed, members = cr.fetchone()
        if changed:
            self.browse(changed).modified(list(DERIVED))
        if members:
            self.env["party.member"].invalidate_cache(["commune_id"])
        return members

    @api.model
    def _party_fill_tree_columns(self):
        """Every organization and member (existing databases, generated
        data): one statement from the roots of the tree."""
        self.env.cr.execute(
            "SELECT id FROM party_organization WHERE parent_id IS NULL")
        roots = self.browse([row[0] for row in self.env.cr.fetchall()])
        members = roots._party_update_tree() if roots else 0
        # members whose organization's commune was already right
        self.env.cr.execute("""
            UPDATE party_member m SET commune_id = o.commune_id
              FROM party_organization o
             WHERE o.id = m.organization_id
               AND m.commune_id IS DISTINCT FROM o.commune_id""")
        members += self.env.cr.rowcount
        self.invalidate_cache(list(DERIVED))
        self.env["party.member"].invalidate_cache(["commune_id"])
        return members

    # --- names without loading whole records ------------------------------

    @api.multi
    def name_get(self):
        """The full name only: a pivot of 5,000 cells asked Odoo for every
        field of every cell (prefetching whole records). One query for the
        full names, with the access rights and record rules of ``read``
        (an organization the user may not read raises AccessError, a
        deleted one MissingError, as a read would)."""
        ids = [record_id for record_id in self._ids
               if isinstance(record_id, int)]
        names = {}
        if ids:
            self.check_access_rights("read")
            self.browse(ids).check_access_rule("read")
            self.env.cr.execute(
                "SELECT id, complete_name FROM party_organization "
                "WHERE id = ANY(%s)", (ids,))
            names = dict(self.env.cr.fetchall())
        # plain ids (5,000 records: no record per row)
        return [(record_id, names[record_id] or "") if record_id in names
                else (record_id, self.browse(record_id).complete_name or "")
                for record_id in self._ids]


class PartyMember(models.Model):
    _inherit = "party.member"

    commune_id = fields.Many2one(
        "party.organization", string="Commune", readonly=True, index=True,
        compute="_compute_commune_id", store=True, ondelete="set null",
        help="The commune or ward committee of the member's organization.")

    def _compute_commune_id(self):
        """Kept in SQL on create and on every change of organization (and
        by the organizations' moves and reorganisations)."""
        for member in self:
            member.commune_id = member.organization_id.commune_id

    @api.multi
    def _party_update_commune(self):
        if not self.ids:
            return
        self.env.cr.execute("""
            UPDATE party_member m SET commune_id = o.commune_id
              FROM party_organization o
             WHERE o.id = m.organization_id AND m.id = ANY(%s)
               AND m.commune_id IS DISTINCT FROM o.commune_id""",
                            (list(self.ids),))
        self.invalidate_cache(["commune_id"])

    @api.model
    def create(self, vals):
        # a caller's commune_id is ignored: the column is written below
        member = super().create(
            {k: v for k, v in vals.items() if k != "commune_id"})
        member._party_update_commune()
        return member

    @api.multi
    def write(self, vals):
        res = super().write(vals)
        if "organization_id" in vals:
            self._party_update_commune()
        return res


class ResPartner(models.Model):
    _inherit = "res.partner"

    @api.multi
    def _notify_by_chat(self, message):
        """Nobody to notify, nothing to format: every tracked change of an
        audited record (a move of an organization) formatted its message
        for the chat of an empty set of partners."""
        if not self:
            return None
        return super()._notify_by_chat(message)
