# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Values that only the application writes.

Some values are the record of what happened and must never be typed in: a
member's status (each change is dated in the history), the result of a
closed vote, the approval of minutes, the columns record rules filter on.
They change only inside ``internal_write(records)``, a scope that the
model's own methods open after their checks (state, role, scope).

The scope lives in the server's thread, not in ``env.context``: an XML-RPC
or JSON-RPC caller writes the context (any key, any value) but cannot open
this scope. Each thread serves one request at a time (threaded and prefork
servers); gevent's monkey-patching makes ``threading.local`` per greenlet.

Data files shipped with the modules (XML and CSV loaded by Odoo's module
loader: demo members with their history, statuses and ratings) are code
written by the developers, not a caller's input: while the loader reads
them, protected values may be written and the context is theirs.

Odoo's own context keys that silence the chatter (``tracking_disable``,
``mail_notrack``, ``mail_create_nolog``) are dropped on the models whose
chatter is the audit trail (``party.audited.thread``).
"""
import threading
from contextlib import contextmanager

import odoo
from odoo import _, api, models
from odoo.exceptions import UserError
from odoo.tools import convert

_local = threading.local()

# mail.thread keys that switch the audit trail off; a caller cannot send them
SILENCING_KEYS = ("tracking_disable", "mail_notrack", "mail_create_nolog",
                  "mail_track_log_only")


@contextmanager
def internal_write(records):
    """Let the application write protected values of ``records`` (and create
    records of their model) inside the ``with`` block."""
    stack = _local.__dict__.setdefault("stack", [])
    stack.append((records._name, frozenset(
        i for i in records.ids if isinstance(i, int))))
    try:
        yield records
    finally:
        stack.pop()


@contextmanager
def checked_values(vals):
    """The model's own ``create``/``write`` checked the caller's ``vals`` and
    added what the application writes: the mixin lets this very dict
    through (matched by identity), and nothing else. Writes nested inside
    the call (one2many commands, the partner of a member) come with their
    own dicts and are checked as any caller's."""
    checked = _local.__dict__.setdefault("checked", set())
    checked.add(id(vals))
    try:
        yield vals
    finally:
        checked.discard(id(vals))


def _is_checked(vals):
    return id(vals) in getattr(_local, "checked", ())


def loading_data_files():
    """True while Odoo's module loader reads a module's data files."""
    return getattr(_local, "loading", 0) > 0


def is_internal(records):
    """True inside ``internal_write`` for these records (any record of the
    model when ``records`` is empty, as for a create), and while data files
    are loaded."""
    if loading_data_files():
        return True
    ids = {i for i in records.ids if isinstance(i, int)}
    return any(name == records._name and ids <= allowed
               for name, allowed in getattr(_local, "stack", ()))


def _trusting_data_files(convert_file):
    """Wrap odoo.tools.convert_file (the module loader's entry point for a
    module's XML and CSV data files) to mark the thread while it runs."""
    if getattr(convert_file, "party_handbook_wrapped", False):
        return convert_file

    def wrapper(*args, **kwargs):
        _local.loading = getattr(_local, "loading", 0) + 1
        try:
            return convert_file(*args, **kwargs)
        finally:
            _local.loading -= 1
    wrapper.party_handbook_wrapped = True
    return wrapper


convert.convert_file = _trusting_data_files(convert.convert_file)
odoo.tools.convert_file = convert.convert_file


MESSAGE_MODELS = ("mail.message", "mail.tracking.value")
# models whose records a caller may name in a many2one only when they may
# read them
READ_CHECKED_MODELS = ("party.member",)


def check_readable_references(model, vals):
    """The party members a caller names in ``vals`` (many2one values) are
    members the caller may read. Odoo 11 reads the name of a many2one's
    value as the superuser (``Many2one.convert_to_read``): naming any id in
    a record one may create (a sponsor, a line of a wizard) and reading it
    back would otherwise tell who that member is."""
    if model.env.uid == odoo.SUPERUSER_ID:
        return
    for name, value in vals.items():
        field = model._fields.get(name)
        if not value or field is None or field.type != "many2one" or \
                field.comodel_name not in READ_CHECKED_MODELS:
            continue
        target = model.env[field.comodel_name].browse(_reference_ids(value))
        if target:
            target.check_access_rights("read")
            target.check_access_rule("read")


def _reference_ids(value):
    """The ids a many2one value names, as PostgreSQL would read them: an
    id, its text ("45") or a float (45.0), an (id, name) pair, a record."""
    if isinstance(value, models.BaseModel):
        return value.ids
    if isinstance(value, (list, tuple)):
        value = value[0] if value else False
    if isinstance(value, bool) or not value:
        return []
    try:
        return [int(value)]
    except (TypeError, ValueError):
        return []   # not an id (a new record's NewId): nothing stored


def _creates_messages(model, vals, depth=0):
    """True when ``vals`` (with their x2many commands, nested) would create
    or change a mail message or tracking value."""
    if depth > 8 or not isinstance(vals, dict):
        return False
    for name, value in vals.items():
        field = model._fields.get(name)
        if field is None or field.type not in ("one2many", "many2many"):
            continue
        if field.comodel_name in MESSAGE_MODELS:
            return True
        comodel = model.env[field.comodel_name]
        for command in value or ():
            if isinstance(command, (list, tuple)) and len(command) == 3 and \
                    command[0] in (0, 1) and _creates_messages(
                        comodel, command[2], depth + 1):
                return True
    return False


class PartyIntegrityMixin(models.AbstractModel):
    """Refuses direct writes of what only the application writes:

    * the fields listed in ``_protected_fields`` (states, approvals, rule
      columns, results), on create (unless given their default value, or
      listed in ``_settable_on_create``) and on write;
    * stored computed fields without an inverse (Odoo 11 writes them as
      plain columns: a caller could otherwise set a meeting's quorum).

    Freezes that depend on a record's state are each model's ``write`` and
    ``unlink``.
    """

    _name = "party.integrity.mixin"
    _description = "Values written only by the application"
    _protected_fields = ()
    # protected fields a record is created with (what it is about), which
    # then never change
    _settable_on_create = ()

    def _integrity_error(self, names):
        labels = sorted(self._fields[name].get_description(self.env)["string"]
                        for name in names if name in self._fields)
        return UserError(_(
            "%(fields)s of %(model)s cannot be written directly: use the "
            "actions of the form, which check and record each change.") % {
                "fields": ", ".join("“%s”" % label for label in labels),
                "model": self._description_label()})

    @api.model
    def _description_label(self):
        model = self.env["ir.model"].sudo()._get(self._name)
        return model.name if model else self._description

    @api.model
    def default_get(self, fields_list):
        """Protected fields take their default from the code only: neither
        the caller's ``default_*`` context keys nor user defaults
        (``ir.default``) set a state, a result or a rule column."""
        defaults = super().default_get(fields_list)
        if loading_data_files():
            return defaults
        for name in (set(fields_list) & set(self._protected_fields)) - set(
                self._settable_on_create):
            field = self._fields[name]
            if field.default:
                defaults[name] = field.convert_to_write(field.convert_to_cache(
                    field.default(self), self), self)
            else:
                defaults.pop(name, None)
        return defaults

    def _create_refusal(self):
        """Why records of this model are created by its actions only (a
        translated sentence), or "" when a caller may create them."""
        return ""

    def _unlink_refusal(self):
        """Why records of this model are never deleted by a caller, or ""."""
        return ""

    @api.model
    def _check_integrity_create(self, vals):
        if is_internal(self) or _is_checked(vals):
            return
        # who may not create at all is told so first (AccessError)
        self.check_access_rights("create")
        refusal = self._create_refusal()
        if refusal:
            raise UserError(refusal)
        refused = []
        for name in set(vals) & (set(self._protected_fields)
                                 - set(self._settable_on_create)):
            field = self._fields[name]
            default = field.default(self) if field.default else None
            value = vals[name]
            if value in (False, None, "", [], 0) and not default:
                continue
            if value != default:
                refused.append(name)
        if refused:
            raise self._integrity_error(refused)

    @api.multi
    def _check_integrity_write(self, vals):
        if is_internal(self) or _is_checked(vals):
            return
        # who may not write these records at all is told so first
        # (AccessError), before anything is said about their values
        self.check_access_rights("write")
        self.check_access_rule("write")
        refused = [name for name in vals if name in self._fields and (
            name in self._protected_fields or (
                self._fields[name].compute and self._fields[name].store
                and not self._fields[name].inverse))]
        if refused:
            raise self._integrity_error(refused)

    @api.model
    def create(self, vals):
        self._check_integrity_create(vals)
        return super().create(vals)

    @api.multi
    def write(self, vals):
        self._check_integrity_write(vals)
        return super().write(vals)

    @api.multi
    def unlink(self):
        refusal = not is_internal(self) and self._unlink_refusal()
        if refusal:
            self.check_access_rights("unlink")
            raise UserError(refusal)
        return super().unlink()


class PartyAuditedThread(models.AbstractModel):
    """mail.thread whose chatter is an audit trail: what a caller sends in the
    context cannot switch tracking or the creation note off."""

    _name = "party.audited.thread"
    _inherit = "mail.thread"
    _description = "Audited discussion thread"
    _party_audited = True

    def _audited(self):
        context = self.env.context
        if any(context.get(key) for key in SILENCING_KEYS) and \
                not loading_data_files():
            return self.with_context(**dict.fromkeys(SILENCING_KEYS, False))
        return self

    def _check_messages_untouched(self, vals):
        """Messages (and their tracking values) are not written through the
        record's values, however deep the commands go."""
        if not is_internal(self) and _creates_messages(self, vals):
            raise UserError(_("The history of this record is written by the "
                              "application."))

    @api.model
    def create(self, vals):
        self._check_messages_untouched(vals)
        # the creation note and the tracking of initial values
        with internal_write(self.env["mail.message"]):
            return super(PartyAuditedThread, self._audited()).create(vals)

    @api.multi
    def write(self, vals):
        self._check_messages_untouched(vals)
        # Odoo's tracking posts the old → new values
        with internal_write(self.env["mail.message"]):
            return super(PartyAuditedThread, self._audited()).write(vals)

    @api.multi
    def unlink(self):
        # deleting a record (when its model allows it) deletes its messages
        self.check_access_rights("unlink")
        self.check_access_rule("unlink")
        messages = self.env["mail.message"].sudo().search([
            ("model", "=", self._name), ("res_id", "in", self.ids)])
        with internal_write(messages):
            return super().unlink()


class Base(models.AbstractModel):
    """Every record a caller creates or writes (ours, the platform's, a
    wizard's) names only party members the caller may read (see
    :func:`check_readable_references`): checked on the values stored, the
    defaults included (``default_*`` context keys, user defaults), unless
    the application writes them (``internal_write``)."""

    _inherit = "base"

    @api.model
    def _create(self, vals):
        if not is_internal(self):
            check_readable_references(self, vals)
        return super()._create(vals)

    @api.multi
    def write(self, vals):
        if not is_internal(self):
            check_readable_references(self, vals)
        return super().write(vals)
