# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A field a user cannot read cannot be searched, grouped, sorted or
exported by that user either, on every model (ours and Odoo's).

Odoo 11 checks a field's ``groups`` when its values are read (``read``),
not when the field is used in a domain, a grouping, an ordering or an
export: a user who may not read ``party.member.national_id`` could still
rebuild it one character at a time with ``search([('national_id', '=like',
'0%')])``, count members by religion with ``read_group`` or sort them by
it, and ``export_data`` reads fields without checking them at all.

The checks here run in the few places every such request passes through,
on the abstract model ``base`` that every model inherits:

- ``_where_calc``: every domain (``search``, ``search_count``,
  ``search_read``, ``name_search``, ``read_group``, and the searches Odoo
  makes on related models while it resolves a path such as
  ``member_id.national_id``);
- ``_generate_order_by``: every explicit ordering (``order=``, and the
  ordering of groups);
- ``_read_group_raw``: the fields grouped by and aggregated;
- ``export_data``: every exported path (``member_id/national_id``).

Each leaf's path is walked field by field (``partner_id.party_member_ids.
national_id``), related fields through their chain, whatever the operator
(``=like``, ``ilike``, ``in``, ``child_of``, negations). The check is pure
Python over the request: no query is added (group membership is cached per
user by ``res.users.has_group``).

The superuser (``sudo()``, and record rules, which Odoo evaluates as
superuser) is not checked: code that needs a restricted field for its own
purposes uses ``sudo()`` after checking its caller, as for any read."""
from odoo import SUPERUSER_ID, _, api, models
from odoo.exceptions import AccessError
from odoo.models import fix_import_export_id_paths
from odoo.tools import pycompat

# Export paths (``member_id/national_id``, ``member_id/id``) may end on the
# record's id rather than a field.
EXPORT_IDS = ("id", ".id")
# How deep related fields are followed (a related field may point to another
# related field); Odoo's own chains are short.
MAX_RELATED_DEPTH = 8


def _domain_paths(domain):
    """The field paths named by the leaves of a domain (operators, true and
    false leaves left out)."""
    for leaf in domain or ():
        if isinstance(leaf, (list, tuple)) and len(leaf) == 3 \
                and isinstance(leaf[0], pycompat.string_types):
            yield leaf[0]


def _export_names(path):
    """The field names of an export path as Odoo reads it
    (``member_id/national_id``, ``member_id:id``, ``member_id/.id``); a
    dotted name is split too, whatever Odoo makes of it."""
    names = []
    for name in fix_import_export_id_paths(path):
        names += [name] if name in EXPORT_IDS else name.split(".")
    return names


def _spec_names(spec):
    """The field names of an ordering or a grouping: ``"name desc, date:month"``
    or ``["date:month", "organization_id"]``."""
    if isinstance(spec, pycompat.string_types):
        spec = spec.split(",")
    for part in spec or ():
        if not isinstance(part, pycompat.string_types):
            continue
        words = part.strip().split()
        if words:
            yield words[0].strip('"').split(":", 1)[0]


class Base(models.AbstractModel):
    _inherit = "base"

    # --- the check -----------------------------------------------------------

    @api.model
    def _party_field_unreadable(self, field):
        """True when the current user may not read ``field`` (the very test
        ``check_field_access_rights`` makes before a read)."""
        return bool(field.groups) and not self.user_has_groups(field.groups)

    @api.model
    def _party_unreadable_in_path(self, path, depth=0):
        """The first field of ``path`` (from this model) that the current user
        may not read, as ``(model, field)``, or None. ``path`` is a dotted
        name or a list of names (an export path). Unknown names are left to
        Odoo, which refuses them with its own message."""
        model = self
        names = path.split(".") if isinstance(path, pycompat.string_types) \
            else path
        for name in names:
            if name in EXPORT_IDS:
                return None
            field = model._fields.get(name)
            if field is None:
                return None
            if model._party_field_unreadable(field):
                return model, field
            if field.related and depth < MAX_RELATED_DEPTH:
                # a related field reads its target: check the way there
                found = model._party_unreadable_in_path(
                    ".".join(field.related), depth=depth + 1)
                if found:
                    return found
            if not field.relational:
                return None
            model = model.env[field.comodel_name]
        return None

    @api.model
    def _party_check_fields(self, paths, operation):
        """Refuse ``operation`` when one of ``paths`` goes through a field the
        current user may not read."""
        if self.env.uid == SUPERUSER_ID:
            return
        for path in paths:
            found = self._party_unreadable_in_path(path)
            if found:
                raise self._party_field_refused(found[0], found[1], operation)

    @api.model
    def _party_field_refused(self, model, field, operation):
        messages = {
            "search": _(
                "You cannot search by the field \"%(field)s\" (%(model)s): "
                "it is restricted to the roles that may read it."),
            "group": _(
                "You cannot group or total by the field \"%(field)s\" "
                "(%(model)s): it is restricted to the roles that may read it."),
            "order": _(
                "You cannot sort by the field \"%(field)s\" (%(model)s): it "
                "is restricted to the roles that may read it."),
            "export": _(
                "You cannot export the field \"%(field)s\" (%(model)s): it is "
                "restricted to the roles that may read it."),
        }
        return AccessError(messages[operation] % {
            "field": field._description_string(self.env) or field.name,
            "model": model._description or model._name})

    # --- where every request passes ------------------------------------------

    @api.model
    def _where_calc(self, domain, active_test=True):
        self._party_check_fields(_domain_paths(domain), "search")
        return super()._where_calc(domain, active_test=active_test)

    @api.model
    def _generate_order_by(self, order_spec, query):
        if order_spec:
            self._party_check_fields(_spec_names(order_spec), "order")
        return super()._generate_order_by(order_spec, query)

    @api.model
    def _read_group_raw(self, domain, fields, groupby, offset=0, limit=None,
                        orderby=False, lazy=True):
        if self.env.uid != SUPERUSER_ID:
            self._party_check_fields(_spec_names(groupby), "group")
            if fields:
                self._party_check_fields(_spec_names(fields), "group")
            else:
                # Odoo totals every stored field when none is named: only
                # those the user may read
                fields = [name for name, field in self._fields.items()
                          if field.store and not self._party_field_unreadable(field)]
            if orderby:
                self._party_check_fields(_spec_names(orderby), "order")
        return super()._read_group_raw(
            domain, fields, groupby, offset=offset, limit=limit,
            orderby=orderby, lazy=lazy)

    @api.multi
    def export_data(self, fields_to_export, raw_data=False):
        self._party_check_fields(
            [_export_names(path) for path in fields_to_export
             if isinstance(path, pycompat.string_types)], "export")
        return super().export_data(fields_to_export, raw_data=raw_data)
