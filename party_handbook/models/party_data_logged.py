# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The member models whose reads and exports of logged fields are logged
(see party_data_protection.py), and the reports that print them."""
from odoo import api, models

# pylint: disable=missing-import-error
from .party_data_protection import neutralize_formula
from .party_member import ACTIVE_STATES, SENSITIVE


class PartyMember(models.Model):
    _name = "party.member"
    _inherit = ["party.member", "party.data.logged"]


class PartyMemberHistory(models.Model):
    _name = "party.member.history"
    _inherit = ["party.member.history", "party.data.logged"]


class PartyMemberWork(models.Model):
    _name = "party.member.work"
    _inherit = ["party.member.work", "party.data.logged"]


class PartyMemberTraining(models.Model):
    _name = "party.member.training"
    _inherit = ["party.member.training", "party.data.logged"]


class PartyMemberPosition(models.Model):
    _name = "party.member.position"
    _inherit = ["party.member.position", "party.data.logged"]


class PartyMemberReward(models.Model):
    _name = "party.member.reward"
    _inherit = ["party.member.reward", "party.data.logged"]


class PartyMemberDiscipline(models.Model):
    _name = "party.member.discipline"
    _inherit = ["party.member.discipline", "party.data.logged"]


class PartyMemberRating(models.Model):
    _name = "party.member.rating"
    _inherit = ["party.member.rating", "party.data.logged"]


class PartyMemberChangeRequest(models.Model):
    _name = "party.member.change.request"
    _inherit = ["party.member.change.request", "party.data.logged"]


class PartyDocumentFeedback(models.Model):
    _name = "party.document.feedback"
    _inherit = ["party.document.feedback", "party.data.logged"]


class PartyDocumentReceipt(models.Model):
    _name = "party.document.receipt"
    _inherit = ["party.document.receipt", "party.data.logged"]


class ReportMemberProfile(models.AbstractModel):
    """The profile sheet prints the logged fields to its readers."""

    _inherit = "report.party_handbook.report_member_profile"

    @api.model
    def get_report_values(self, docids, data=None):
        values = super().get_report_values(docids, data=data)
        if values.get("show_sensitive"):
            logged = self.env["party.data.field"]._logged_fields("party.member")
            self.env["party.data.access.log"]._log(
                docids, logged, "report", channel="report",
                model="party.member", record_count=len(docids),
                reference="party_handbook.report_member_profile",
                skip_own=False)
        return values


class PartyOrganization(models.Model):
    """The member register (PDF and XLSX) prints ethnicity and religion."""

    _inherit = "party.organization"

    @api.multi
    def _register_data(self):
        data = super()._register_data()
        columns = {key for key, __, __ in self._register_columns()}
        logged = columns & self.env["party.data.field"]._logged_fields(
            "party.member")
        if logged and self.env.user.has_group(SENSITIVE):
            members = self.env["party.member"].search([
                ("organization_id", "child_of", self.id),
                ("state", "in", ACTIVE_STATES)])
            self.env["party.data.access.log"]._log(
                members.ids, logged, "report", channel="report",
                model="party.member", record_count=len(members),
                reference="party_handbook.report_member_register",
                skip_own=False)
        return data

    @api.multi
    def _register_xlsx(self):
        # the context only chooses the output's form (quotes in the cells)
        return super(PartyOrganization, self.with_context(
            party_spreadsheet=True))._register_xlsx()

    @api.model
    def _register_row(self, member, labels):
        """In a spreadsheet, values typed by users never become formulas."""
        row = super()._register_row(member, labels)
        if not self.env.context.get("party_spreadsheet"):
            return row
        return {key: neutralize_formula(value) for key, value in row.items()}
