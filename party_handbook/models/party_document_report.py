# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.osv import expression
from odoo.tools.misc import format_date

# pylint: disable=missing-import-error
from .party_batch import BATCH_SIZE, create_activities, run_in_batches
from .party_integrity import internal_write
from .party_lang import in_handbook_lang


class PartyDocumentReport(models.Model):
    """The report an organization owes for a report request: one per
    organization the request was sent to."""

    _name = "party.document.report"
    _description = "Report requested from an organization"
    _inherit = ["party.integrity.mixin", "party.audited.thread",
                "mail.activity.mixin"]
    # created by publishing a request, sent by action_submit only
    _protected_fields = (
        "request_id", "organization_id", "issuing_organization_id",
        "deadline", "state", "body", "attachment_ids", "submitted_on",
        "submitted_by")
    _order = "deadline, request_id, organization_id"

    request_id = fields.Many2one(
        "party.document", string="Report request", required=True, index=True,
        ondelete="cascade", readonly=True)
    organization_id = fields.Many2one(
        "party.organization", string="Reporting organization", required=True,
        index=True, ondelete="restrict", readonly=True)
    issuing_organization_id = fields.Many2one(
        "party.organization", string="Requested by", index=True, readonly=True,
        ondelete="restrict")
    deadline = fields.Date(readonly=True, index=True)
    state = fields.Selection([
        ("pending", "Pending"), ("submitted", "Submitted"),
    ], string="Submission", default="pending", required=True, index=True, readonly=True,
        track_visibility="onchange")
    status = fields.Selection([
        ("pending", "Pending"), ("late", "Late"), ("submitted", "Submitted"),
        ("submitted_late", "Submitted late"),
    ], compute="_compute_status", search="_search_status")
    body = fields.Text(string="Report", readonly=True)
    attachment_ids = fields.Many2many(
        "ir.attachment", "party_document_report_attachment_rel", "report_id",
        "attachment_id", string="Attachments", readonly=True)
    submitted_on = fields.Datetime(readonly=True)
    submitted_by = fields.Many2one("res.users", readonly=True)

    _sql_constraints = [
        ("request_organization_uniq", "unique(request_id, organization_id)",
         "An organization reports once per request."),
    ]

    @api.multi
    def name_get(self):
        return [(r.id, "%s · %s" % (r.request_id.number or r.request_id.name,
                                    r.organization_id.name)) for r in self]

    def _compute_status(self):
        today = fields.Date.context_today(self)
        for report in self:
            if report.state == "submitted":
                submitted = (report.submitted_on or "")[:10]
                late = report.deadline and submitted > report.deadline
                report.status = "submitted_late" if late else "submitted"
            else:
                late = report.deadline and report.deadline < today
                report.status = "late" if late else "pending"

    def _search_status(self, operator, value):
        if operator not in ("=", "in"):
            raise UserError(_("Unsupported search on the report status."))
        values = [value] if isinstance(value, str) else list(value)
        today = fields.Date.context_today(self)
        domains = {
            "pending": [("state", "=", "pending"), "|", ("deadline", "=", False),
                        ("deadline", ">=", today)],
            "late": [("state", "=", "pending"), ("deadline", "<", today)],
            "submitted": [("state", "=", "submitted")],
            "submitted_late": [("state", "=", "submitted")],
        }
        domain = expression.OR([expression.normalize_domain(domains[v])
                                for v in values if v in domains])
        if not {"submitted", "submitted_late"} & set(values) or \
                {"submitted", "submitted_late"} <= set(values):
            return domain
        # on time or late once submitted compares two columns: filter the few
        # submitted reports in Python
        return [("id", "in", self.search(domain).filtered(
            lambda r: r.status in values).ids)]

    @api.multi
    def action_submit(self, body, attachments=None):
        """The reporting organization's secretary or officer sends the report."""
        self.ensure_one()
        user = self.env.user
        if not user.has_group("party_handbook.group_party_handbook_cell_secretary"):
            raise AccessError(_("Only the organization's secretary or officers "
                                "send its report."))
        allowed = self.env["party.organization"].search(
            [("id", "child_of", user.party_organization_ids.ids)])
        if self.organization_id not in allowed and not user.has_group(
                "party_handbook.group_party_handbook_manager"):
            raise AccessError(_("You can only report for the organizations you "
                                "serve."))
        if self.state == "submitted":
            raise UserError(_("This report was already sent."))
        if not (body or "").strip() and not attachments:
            raise UserError(_("Write the report or attach it."))
        values = {"body": (body or "").strip(), "state": "submitted",
                  "submitted_on": fields.Datetime.now(), "submitted_by": user.id}
        if attachments:
            values["attachment_ids"] = [(6, 0, attachments.ids)]
        with internal_write(self):
            self.sudo().write(values)
        self.activity_ids.sudo().action_feedback(_("Report sent"))
        self.sudo().message_post(body=_("Report sent by %s.") % user.name)

    @api.model
    def _create_for_request(self, request):
        """One pending report per organization the request is sent to."""
        Report = self.sudo()
        for target in request.target_ids:
            with internal_write(Report):
                Report.create({
                    "request_id": request.id,
                    "organization_id": target.organization_id.id,
                    "issuing_organization_id": request.issuing_organization_id.id,
                    "deadline": request.deadline,
                })

    @api.model
    def _cron_remind_overdue(self, batch_size=BATCH_SIZE, commit=True):
        """An activity for the secretary of each organization whose report is
        late (once per report). The whole backlog in one run, oldest
        reports first, in batches; reports of organizations without a
        secretary are passed by (the next run looks at them again)."""
        today = fields.Date.context_today(self)
        activity_type = self.env.ref("party_handbook.mail_activity_overdue_report")
        # the secretaries read it: in the handbook's language, whoever runs
        # the job (``_`` finds the language on ``self``)
        self = in_handbook_lang(self)  # pylint: disable=self-cls-assignment

        def fetch(after, limit):
            # the reports without any activity (``activity_ids = False``)
            self.env.cr.execute("""
                SELECT r.id FROM party_document_report r
                 WHERE r.state = 'pending' AND r.deadline < %s AND r.id > %s
                   AND NOT EXISTS (
                       SELECT 1 FROM mail_activity a
                        WHERE a.res_model = 'party.document.report'
                          AND a.res_id = r.id)
                 ORDER BY r.id LIMIT %s""", (today, after or 0, limit))
            return [row[0] for row in self.env.cr.fetchall()]

        def process(ids):
            self.env.cr.execute("""
                SELECT r.id, r.organization_id, d.name, r.deadline,
                       COALESCE(d.number, d.name) || ' · ' || o.name
                  FROM party_document_report r
                  JOIN party_document d ON d.id = r.request_id
                  JOIN party_organization o ON o.id = r.organization_id
                 WHERE r.id IN %s ORDER BY r.id""", (tuple(ids),))
            rows = self.env.cr.fetchall()
            secretaries = self.env["party.organization"].browse(
                {row[1] for row in rows})._current_secretary_users()
            vals_list = []
            summary = _("The report for %(request)s was due on %(date)s.")
            for report_id, organization_id, request, deadline, name in rows:
                user = secretaries.get(organization_id)
                if user:
                    vals_list.append({
                        "res_id": report_id, "activity_type_id": activity_type.id,
                        "res_name": name,  # name_get
                        "user_id": user.id, "date_deadline": today,
                        "summary": summary % {
                            "request": request,
                            "date": format_date(self.env, deadline)}})
            return create_activities(self.env, self._name, vals_list)

        return run_in_batches(self.env, "overdue reports", fetch, process,
                              batch_size=batch_size, commit=commit)

    @api.model
    def _status_by_organization(self, request, organizations):
        """{org id: {status: n}} of the request's reports in each given
        organization's subtree (one search)."""
        reports = self.search([("request_id", "=", request.id)])
        result = {org.id: {} for org in organizations}
        for organization in organizations:
            for report in reports:
                node = report.organization_id
                if organization.parent_left <= node.parent_left < \
                        organization.parent_right:
                    bucket = result[organization.id]
                    bucket[report.status] = bucket.get(report.status, 0) + 1
        return result
