# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Exports of logged personal data need the export group and are logged,
from every model (Law 91/2025/QH15).

A logged field (``party.data.field``, ``logged``) is exported from its own
model (``national_id``) or from any other model through relations
(``member_id/national_id`` from a reward, ``chair_id/religion`` from a
meeting, ``member_ids/discipline_ids/form`` from an organization). Odoo's
export reads values by attribute access, which ``read()`` does not see, so
the rule is applied here, on ``base``, to every export path:

1. a field the user may not read at all is refused as such
   (``field_access.py``, "You cannot export ...");
2. a path that reaches a logged field needs the group "Export sensitive
   personal data" (``AccessError``);
3. an allowed export writes one log row per member whose logged data it
   exports: the members at the end of the path before the logged field
   (``records.mapped("member_id")`` for ``member_id/national_id``), or the
   members of those records when the logged field is on a member's record
   (``party.member.discipline``).

The superuser (``sudo()``) is not checked; its exports are logged. No
context key changes any of this."""
from collections import defaultdict

from odoo import SUPERUSER_ID, _, api, models
from odoo.exceptions import AccessError
from odoo.tools import pycompat

# pylint: disable=missing-import-error
from .field_access import EXPORT_IDS, MAX_RELATED_DEPTH, _export_names
from .party_data_protection import EXPORT_GROUP


def _member_ids(records):
    """The members ``records`` are about (see ``party.data.logged``)."""
    if hasattr(records, "_data_member_ids"):
        return records._data_member_ids()
    if records._name == "party.member":
        return records.ids
    field = records._fields.get("member_id")
    if field is not None and field.comodel_name == "party.member":
        return records.sudo().mapped("member_id").ids
    return []


class Base(models.AbstractModel):
    _inherit = "base"

    @api.model
    def _party_export_logged_steps(self, path):
        """The steps from this model to the first logged field on an export
        path, as (field name, through a related field) pairs, or None when
        the path reaches no logged field. Related fields are followed
        through their chain (they read their target)."""
        Classification = self.env["party.data.field"]
        names = [(name, False) for name in _export_names(path)]
        model_name, steps, depth, index = self._name, [], 0, 0
        while index < len(names):
            name, via_related = names[index]
            if name in EXPORT_IDS or model_name not in self.env:
                return None
            field = self.env[model_name]._fields.get(name)
            if field is None:
                return None     # Odoo refuses it with its own message
            if name in Classification._logged_fields(model_name):
                return steps
            if field.related and depth < MAX_RELATED_DEPTH:
                depth += 1
                names[index:index + 1] = [(step, True) for step in field.related]
                continue
            if not field.relational:
                return None
            steps.append((name, via_related))
            model_name = field.comodel_name
            index += 1
        return None

    @api.multi
    def _party_export_reached_members(self, steps):
        """The members whose logged field the export of these records reads
        at the end of ``steps``: the records are followed as the export
        reads them (as the user; related fields as the superuser, as Odoo
        computes them)."""
        records = self
        for name, via_related in steps:
            if via_related:
                records = records.sudo().mapped(name).with_env(self.env)
            else:
                records = records.mapped(name)
        return _member_ids(records)

    @api.multi
    def export_data(self, fields_to_export, raw_data=False):
        paths = [path for path in fields_to_export
                 if isinstance(path, pycompat.string_types)]
        logged = [(path, steps) for path, steps in (
            (path, self._party_export_logged_steps(path)) for path in paths)
                  if steps is not None]
        if logged and self.env.uid != SUPERUSER_ID \
                and not self.env.user.has_group(EXPORT_GROUP):
            # a field the user may not read at all is refused as such first
            # (models/field_access.py), then the export group
            self._party_check_fields(
                [_export_names(path) for path in paths], "export")
            raise AccessError(_(
                "Exporting %(fields)s needs the group 'Export sensitive "
                "personal data': these fields are sensitive personal data "
                "(Law 91/2025/QH15). Ask your data protection officer.") % {
                    "fields": ", ".join(path for path, __ in logged)})
        result = super().export_data(fields_to_export, raw_data=raw_data)
        if logged:
            self._party_log_export(logged, len(result.get("datas", [])))
        return result

    @api.multi
    def _party_log_export(self, logged, record_count):
        """One log row per member reached, with the paths that reached it."""
        paths_by_member = defaultdict(set)
        for path, steps in logged:
            for member_id in self._party_export_reached_members(steps):
                paths_by_member[member_id].add(path)
        members_by_paths = defaultdict(list)
        for member_id, member_paths in paths_by_member.items():
            members_by_paths[frozenset(member_paths)].append(member_id)
        Log = self.env["party.data.access.log"]
        for member_paths, member_ids in members_by_paths.items():
            Log._log(member_ids, member_paths, "export", channel="export",
                     model=self._name, record_count=record_count,
                     skip_own=False)
