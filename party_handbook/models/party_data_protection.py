# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Personal data protection (Law 91/2025/QH15, Decree 356/2025/NĐ-CP).

* ``party.data.field``: the declared classification of every field of the
  member models (basic / sensitive personal data, or technical), with its
  purpose, legal basis and source. Loaded from
  ``data/party.data.field.csv``; a test fails when a field is unclassified.
* ``party.data.access.log``: who read, printed, exported or downloaded the
  *logged* fields of which member, when and through which channel. Rows are
  inserted by one SQL statement per call (one row per member), never
  written or deleted through the ORM; a scheduled job purges the rows older
  than the retention period (``party.data.retention``).
* ``party.data.logged``: the mixin of the member models that logs reads
  of logged fields. Exports of logged fields, from any model, need a group
  and are logged (``party_data_export.py``).
"""
import logging
import threading
from datetime import timedelta

from odoo import SUPERUSER_ID, _, api, fields, models, tools
from odoo.exceptions import AccessError, UserError
from odoo.http import request as http_request

from .party_integrity import is_internal  # pylint: disable=missing-import-error

_logger = logging.getLogger(__name__)
# the ORM's own prefetching (attribute access in server code) calls read():
# those reads are the application's, not a caller's (see PartyDataLogged)
_local = threading.local()

EXPORT_GROUP = "party_handbook.group_party_handbook_export_sensitive"
DPO_GROUP = "party_handbook.group_party_handbook_dpo"
CATEGORIES = [
    ("basic", "Basic personal data"),
    ("sensitive", "Sensitive personal data"),
    ("technical", "Not personal data (technical)"),
]
CHANNELS = [
    ("web", "Web client"),
    ("rpc", "XML-RPC / JSON-RPC"),
    ("portal", "Member portal"),
    ("report", "Printed report"),
    ("export", "Export"),
    ("assisted", "Assisted download"),
    ("server", "Server"),
]
OPERATIONS = [
    ("read", "Viewed"),
    ("report", "Report"),
    ("export", "Export"),
    ("subject_access", "Subject access download"),
]
# cells that spreadsheet programs read as formulas (OWASP "CSV injection")
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralize_formula(value):
    """A text cell that no spreadsheet program runs as a formula: a value
    starting with = + - @ (or tab, CR) is prefixed with a quote."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def request_channel():
    """The channel of the current call, from the HTTP request's path."""
    try:
        path = http_request.httprequest.path
    except (AttributeError, RuntimeError):
        path = None
    if path is None:
        # XML-RPC (odoo.service.model.dispatch marks the thread)
        if getattr(threading.current_thread(), "uid", None):
            return "rpc"
        return "server"
    if path.startswith(("/xmlrpc", "/jsonrpc")):
        return "rpc"
    if path.startswith("/web/export"):
        return "export"
    if path.startswith(("/report", "/party_handbook/register")):
        return "report"
    if path.startswith("/party_handbook/subject_access"):
        return "assisted"
    if path.startswith("/my"):
        return "portal"
    return "web"


class PartyDataField(models.Model):
    """How a field of a member model is classified under Law 91/2025/QH15."""

    _name = "party.data.field"
    _description = "Classification of a personal data field"
    _order = "model, field_name"
    _rec_name = "field_name"

    model = fields.Char(required=True, index=True)
    field_name = fields.Char(string="Field", required=True, index=True)
    field_label = fields.Char(compute="_compute_field_label", string="Label")
    category = fields.Selection(CATEGORIES, required=True, index=True)
    logged = fields.Boolean(
        string="Reads logged, exports restricted", index=True,
        help="Reads, prints, exports and downloads of this field are logged "
             "for the data protection officer; exports need the group "
             "'Export sensitive personal data'.")
    purpose = fields.Text(required=True, translate=True)
    legal_basis = fields.Char(required=True, translate=True)
    source = fields.Char(
        translate=True,
        help="The law or decree the classification follows.")

    _sql_constraints = [
        ("model_field_uniq", "unique(model, field_name)",
         "A field is classified once."),
    ]

    def _compute_field_label(self):
        for row in self:
            model = self.env.get(row.model) if row.model in self.env else None
            field = model is not None and model._fields.get(row.field_name)
            row.field_label = field and field.get_description(
                self.env)["string"] or row.field_name

    @api.model
    @tools.ormcache("model_name")
    def _logged_fields(self, model_name):
        """The names of the logged fields of a model (cached)."""
        self.env.cr.execute(
            "SELECT field_name FROM party_data_field WHERE model = %s AND logged",
            (model_name,))
        return frozenset(row[0] for row in self.env.cr.fetchall())

    @api.model
    @tools.ormcache("model_name")
    def _personal_fields(self, model_name):
        """The names of a model's personal data fields, in order (cached)."""
        self.env.cr.execute("""
            SELECT field_name FROM party_data_field
             WHERE model = %s AND category != 'technical' ORDER BY id""",
                            (model_name,))
        return tuple(row[0] for row in self.env.cr.fetchall())

    @api.model
    def create(self, vals):
        self.clear_caches()
        return super().create(vals)

    @api.multi
    def write(self, vals):
        self.clear_caches()
        return super().write(vals)

    @api.multi
    def unlink(self):
        self.clear_caches()
        return super().unlink()


class PartyDataRetention(models.Model):
    """How long a kind of record is kept (data, with its source)."""

    _name = "party.data.retention"
    _description = "Retention period of personal data"
    _order = "code"

    code = fields.Char(required=True, index=True)
    name = fields.Char(required=True, translate=True)
    days = fields.Integer(required=True)
    batch_size = fields.Integer(default=10000, required=True)
    source = fields.Char()

    _sql_constraints = [
        ("code_uniq", "unique(code)", "A retention period is defined once."),
        ("days_positive", "CHECK(days > 0)",
         "A retention period is a positive number of days."),
        ("batch_positive", "CHECK(batch_size > 0)",
         "A batch size is a positive number."),
    ]

    @api.model
    def _get(self, code):
        return self.sudo().search([("code", "=", code)], limit=1)


class PartyDataAccessLog(models.Model):
    """One row per (call, member): who read, printed, exported or downloaded
    which logged fields of a member. Append-only: rows are inserted by
    ``_log`` (one SQL statement per call) and purged by the retention job."""

    _name = "party.data.access.log"
    _inherit = "party.integrity.mixin"
    _description = "Access to sensitive personal data"
    _order = "date desc, id desc"
    _log_access = False

    date = fields.Datetime(required=True, index=True, readonly=True)
    user_id = fields.Many2one(
        "res.users", string="Read by", index=True, readonly=True,
        ondelete="set null")
    member_id = fields.Many2one(
        "party.member", string="Member", index=True, readonly=True,
        ondelete="set null", auto_join=True)
    model = fields.Char(readonly=True, index=True)
    field_names = fields.Char(string="Fields", readonly=True)
    channel = fields.Selection(CHANNELS, required=True, readonly=True, index=True)
    operation = fields.Selection(OPERATIONS, required=True, readonly=True,
                                 index=True)
    record_count = fields.Integer(
        string="Rows", readonly=True,
        help="For exports and reports: the number of rows in the file.")
    reference = fields.Char(readonly=True,
                            help="The report or the file produced.")

    def _create_refusal(self):
        return _("The personal data access log is written by the application "
                 "only.")

    def _unlink_refusal(self):
        return _("The personal data access log is never deleted by hand: the "
                 "retention job purges it.")

    @api.multi
    def write(self, vals):
        if not is_internal(self):
            raise UserError(_("The personal data access log cannot be "
                              "changed."))
        return super().write(vals)

    @api.model
    def _log(self, member_ids, field_names, operation, channel=None,
             model=None, record_count=0, reference=None, skip_own=True):
        """Insert one row per member in one statement. ``skip_own``: a
        member reading their own data is not logged (see DATA_PROTECTION.md),
        a download of one's own data is."""
        member_ids = tuple(sorted({i for i in member_ids if isinstance(i, int)}))
        if not member_ids or not field_names:
            return 0
        user = self.env.uid
        # the reader's own contact, in the same statement (no extra query)
        self.env.cr.execute("""
            INSERT INTO party_data_access_log
                (date, user_id, member_id, model, field_names, channel,
                 operation, record_count, reference)
            SELECT now() AT TIME ZONE 'UTC', %s, m.id, %s, %s, %s, %s, %s, %s
              FROM party_member m
             WHERE m.id IN %s AND (NOT %s OR m.partner_id IS DISTINCT FROM (
                   SELECT partner_id FROM res_users WHERE id = %s))""", (
            user, model, ",".join(sorted(field_names)),
            channel or request_channel(), operation, record_count or 0,
            reference, member_ids, bool(skip_own), user))
        return self.env.cr.rowcount

    @api.model
    def _cron_purge(self):
        """Delete the rows older than the retention period, oldest first, in
        bounded batches, until none is left (the whole backlog in one run)."""
        retention = self.env["party.data.retention"]._get("access_log")
        if not retention:
            return 0
        cutoff = fields.Datetime.to_string(
            fields.Datetime.from_string(fields.Datetime.now())
            - timedelta(days=retention.days))
        total = 0
        while True:
            self.env.cr.execute("""
                DELETE FROM party_data_access_log WHERE id IN (
                    SELECT id FROM party_data_access_log WHERE date < %s
                     ORDER BY date, id LIMIT %s)""",
                                (cutoff, retention.batch_size))
            total += self.env.cr.rowcount
            if self.env.cr.rowcount < retention.batch_size:
                break
        if total:
            _logger.info("personal data access log: %s rows purged", total)
        self.invalidate_cache()
        return total


class PartyDataLogged(models.AbstractModel):
    """Reads of the logged fields of a member model are logged (their
    exports, from any model, in party_data_export.py)."""

    _name = "party.data.logged"
    _description = "Member data whose access is logged"

    @api.multi
    def _data_member_ids(self):
        """The members these records are about (one query)."""
        if self._name == "party.member":
            return self.ids
        if "member_id" not in self._fields or not self.ids:
            return []
        self.env.cr.execute(
            "SELECT DISTINCT member_id FROM %s WHERE id IN %%s" % self._table,
            (tuple(self.ids),))
        return [row[0] for row in self.env.cr.fetchall()]

    def _data_logged_reader(self):
        """False when the application itself reads: the ORM prefetching
        for server code (attribute access), or sudo inside server code."""
        if getattr(_local, "prefetching", 0):
            return False
        if self.env.uid != SUPERUSER_ID:
            return True
        try:
            return http_request.session.uid == SUPERUSER_ID
        except (AttributeError, RuntimeError):
            return request_channel() == "rpc"

    def _prefetch_field(self, field):
        _local.prefetching = getattr(_local, "prefetching", 0) + 1
        try:
            return super()._prefetch_field(field)
        finally:
            _local.prefetching -= 1

    # pylint: disable=redefined-outer-name
    @api.multi
    def read(self, fields=None, load="_classic_read"):
        result = super().read(fields=fields, load=load)
        if result and self._data_logged_reader():
            logged = self.env["party.data.field"]._logged_fields(self._name)
            read_fields = logged & set(result[0])
            if read_fields:
                self.env["party.data.access.log"]._log(
                    self.browse([row["id"] for row in result])._data_member_ids(),
                    read_fields, "read", model=self._name)
        return result


class PartyDataAccessSummary(models.TransientModel):
    """The period of the printed summary of the access log."""

    _name = "party.data.access.summary"
    _description = "Summary of the personal data access log"

    date_from = fields.Date(
        required=True,
        default=lambda self: fields.Date.to_string(fields.Date.from_string(
            fields.Date.context_today(self)).replace(day=1)))
    date_to = fields.Date(required=True, default=fields.Date.context_today)

    @api.multi
    def action_print(self):
        self.ensure_one()
        return self.env.ref(
            "party_handbook.action_report_data_access_summary").report_action(self)


class ReportDataAccessSummary(models.AbstractModel):
    _name = "report.party_handbook.report_data_access_summary"
    _description = "Summary of the personal data access log"

    @api.model
    def _summary(self, date_from, date_to):
        """Counts of the period by reader, field, channel and operation, and
        the exports (one SQL query each, whatever the log's size)."""
        cr = self.env.cr
        bounds = (date_from + " 00:00:00", date_to + " 23:59:59")
        cr.execute("""
            SELECT user_id, count(*), count(DISTINCT member_id)
              FROM party_data_access_log WHERE date BETWEEN %s AND %s
             GROUP BY user_id ORDER BY count(*) DESC""", bounds)
        users = self.env["res.users"].sudo()
        readers = [{"user": users.browse(uid).display_name if uid else "",
                    "rows": rows, "members": members}
                   for uid, rows, members in cr.fetchall()]
        cr.execute("""
            SELECT trim(name), count(*)
              FROM party_data_access_log,
                   unnest(string_to_array(field_names, ',')) AS name
             WHERE date BETWEEN %s AND %s
             GROUP BY trim(name) ORDER BY 2 DESC""",
                   bounds)
        by_field = cr.fetchall()
        labels = {row.field_name: "%s (%s)" % (row.field_label, row.field_name)
                  for row in self.env["party.data.field"].sudo().search(
                      [("logged", "=", True)])}
        labels["subject_access"] = _("Whole data file (subject access)")
        by_field = [(labels.get(name, name), count) for name, count in by_field]
        cr.execute("""
            SELECT operation, channel, count(*) FROM party_data_access_log
             WHERE date BETWEEN %s AND %s GROUP BY operation, channel
             ORDER BY operation, channel""", bounds)
        operations = dict(OPERATIONS)
        channels = dict(CHANNELS)
        by_channel = [(operations.get(op, op), channels.get(ch, ch), count)
                      for op, ch, count in cr.fetchall()]
        cr.execute("""
            SELECT min(date), user_id, model, field_names, max(record_count),
                   count(*)
              FROM party_data_access_log
             WHERE operation = 'export' AND date BETWEEN %s AND %s
             GROUP BY user_id, model, field_names, date_trunc('second', date)
             ORDER BY 1""", bounds)
        exports = [{"date": date, "user": users.browse(uid).display_name
                    if uid else "", "model": model, "fields": names,
                    "rows": rows, "members": members}
                   for date, uid, model, names, rows, members in cr.fetchall()]
        return {"readers": readers, "by_field": by_field,
                "by_channel": by_channel, "exports": exports}

    @api.model
    def get_report_values(self, docids, data=None):  # pylint: disable=unused-argument
        if not self.env.user.has_group(DPO_GROUP):
            raise AccessError(_("Only the data protection officer may print "
                                "the summary of the access log."))
        wizards = self.env["party.data.access.summary"].browse(docids)
        return {
            "doc_ids": docids,
            "doc_model": "party.data.access.summary",
            "docs": wizards,
            "summaries": {wizard.id: self._summary(
                wizard.date_from, wizard.date_to) for wizard in wizards},
            "printed_by": self.env.user,
        }
