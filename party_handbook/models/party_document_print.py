# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A published document with its distribution and acknowledgement summary
(PDF): the document itself, then received / read / acknowledged counts for
each target organization and the organizations directly below it, and the
feedback received by kind."""
from odoo import _, api, models
from odoo.exceptions import AccessError, UserError
from odoo.tools.misc import formatLang

OFFICER = "party_handbook.group_party_handbook_officer"


class ReportDocumentSummary(models.AbstractModel):
    _name = "report.party_handbook.report_document_summary"
    _description = "Document distribution and acknowledgement summary"

    @api.model
    def _check_access(self, documents):
        """Committee officers, on published documents they may read."""
        if not self.env.user.has_group(OFFICER):
            raise AccessError(_(
                "Only committee officers may print the distribution summary "
                "of a document."))
        documents.check_access_rights("read")
        documents.check_access_rule("read")
        for document in documents:
            if document.state == "draft":
                raise UserError(_(
                    "%s is not published yet: it has no distribution to "
                    "summarise.") % document.display_name)

    @api.model
    def _row(self, organization, level, states):
        acknowledged = states.get("acknowledged", 0)
        received = sum(states.values())
        return {
            "organization": organization,
            "level": level,
            "received": received,
            "read": states.get("read", 0) + acknowledged,
            "acknowledged": acknowledged,
            "rate": received and 100.0 * acknowledged / received,
        }

    @api.model
    def _summary_rows(self, document):
        """One row per target organization, followed by one row per
        organization directly below it (targets sent with their
        sub-organizations). Counts come from one query for every row.

        The counts of a target sent without its sub-organizations are those
        of the organization itself: its subtree minus its children's."""
        targets = document.target_ids.sorted(
            lambda t: (t.organization_id.parent_left, t.id))
        organizations = targets.mapped("organization_id")
        organizations |= organizations.mapped("child_ids")
        counts = document._receipt_counts_by_organization(organizations)
        rows = []
        for target in targets:
            organization = target.organization_id
            children = organization.child_ids
            states = dict(counts[organization.id])
            if not target.include_subtree:
                for child in children:
                    for state, count in counts[child.id].items():
                        states[state] = states.get(state, 0) - count
            rows.append(self._row(organization, 0, states))
            if target.include_subtree:
                rows.extend(self._row(child, 1, counts[child.id])
                            for child in children)
        return rows

    @api.model
    def _totals(self, document):
        """Every receipt of the document once, even when targets overlap."""
        return {
            "received": document.recipient_count,
            "read": document.read_count,
            "acknowledged": document.acknowledged_count,
            "rate": document.recipient_count and (
                100.0 * document.acknowledged_count / document.recipient_count),
        }

    @api.model
    def _feedback_counts(self, document):
        """[(kind label, count)] for every kind, then the total. Counted as
        superuser like the document's own counters: the printer sees the
        numbers, not the feedback of members outside their scope."""
        Feedback = self.env["party.document.feedback"]
        groups = Feedback.sudo().read_group(
            [("document_id", "=", document.id)], ["kind"], ["kind"])
        counts = {group["kind"]: group["kind_count"] for group in groups}
        labels = Feedback._fields["kind"]._description_selection(self.env)
        lines = [(label, counts.get(kind, 0)) for kind, label in labels]
        return lines, sum(counts.values())

    @api.model
    def get_report_values(self, docids, data=None):  # pylint: disable=unused-argument
        documents = self.env["party.document"].browse(docids)
        self._check_access(documents)
        summaries = {}
        for document in documents:
            feedback, feedback_total = self._feedback_counts(document)
            summaries[document.id] = {
                "rows": self._summary_rows(document),
                "totals": self._totals(document),
                "feedback": feedback,
                "feedback_total": feedback_total,
            }
        return {
            "doc_ids": docids,
            "doc_model": "party.document",
            "docs": documents,
            "summaries": summaries,
            "format_rate": lambda rate: "%s %%" % formatLang(
                self.env, rate, digits=1),
        }
