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
MAX_CACHED_PATHS = 10000


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


def _walk(registry, model_name, names, depth=0):
    """The fields with groups along a path from ``model_name``, in order, as
    (model name, field name): the fields named, and the fields a related
    field reads through. Unknown names end the walk (Odoo refuses them with
    its own message)."""
    found = []
    for name in names:
        if name in EXPORT_IDS or model_name not in registry:
            break
        field = registry[model_name]._fields.get(name)
        if field is None:
            break
        if field.groups:
            found.append((model_name, name))
        if field.related and depth < MAX_RELATED_DEPTH:
            # a related field reads its target: the way there counts
            found += _walk(registry, model_name, field.related, depth + 1)
        if not field.relational:
            break
        model_name = field.comodel_name
    return found


def _restricted_on_path(registry, model_name, path):
    """``_walk`` for a dotted path or a list of names, cached per registry
    (the fields of a loaded registry do not change; a new registry is built
    when modules change)."""
    names = tuple(path.split(".") if isinstance(path, pycompat.string_types)
                  else path)
    cache = registry.__dict__.setdefault("_party_restricted_paths", {})
    key = (model_name, names)
    if key not in cache:
        if len(cache) >= MAX_CACHED_PATHS:
            cache.clear()   # callers choose the paths: keep it bounded
        cache[key] = tuple(_walk(registry, model_name, names))
    return cache[key]


class Base(models.AbstractModel):
    _inherit = "base"

    # --- the check -----------------------------------------------------------

    @api.model
    def _party_field_unreadable(self, field):
        """True when the current user may not read ``field`` (the very test
        ``check_field_access_rights`` makes before a read)."""
        return bool(field.groups) and not self.user_has_groups(field.groups)

    @api.model
    def _party_check_fields(self, paths, operation):
        """Refuse ``operation`` when one of ``paths`` goes through a field the
        current user may not read."""
        if self.env.uid == SUPERUSER_ID:
            return
        for path in paths:
            for model_name, name in _restricted_on_path(self.pool, self._name, path):
                model = self.env[model_name]
                field = model._fields[name]
                if model._party_field_unreadable(field):
                    raise self._party_field_refused(model, field, operation)

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
