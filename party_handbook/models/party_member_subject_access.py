# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Subject access (Law 91/2025/QH15): a member downloads all the data the
organization holds about them, or an officer produces the same file for a
member without a login. The fields are those classified as personal data
(``party.data.field``); each download is logged."""
import io
import json
import zipfile

from odoo import _, api, fields, models
from odoo.exceptions import AccessError

# pylint: disable=missing-import-error
from .party_member import SENSITIVE


class PartyMember(models.Model):
    _inherit = "party.member"

    @api.model
    def _subject_access_sections(self):
        """[(key, title, model name)]: the member's records; other modules
        add theirs by extending this method."""
        return [
            ("history", _("Status history"), "party.member.history"),
            ("work", _("Work history"), "party.member.work"),
            ("training", _("Training"), "party.member.training"),
            ("positions", _("Positions held"), "party.member.position"),
            ("rewards", _("Rewards"), "party.member.reward"),
            ("discipline", _("Discipline"), "party.member.discipline"),
            ("ratings", _("Quality ratings"), "party.member.rating"),
            ("change_requests", _("Correction requests"),
             "party.member.change.request"),
            ("document_receipts", _("Documents received"),
             "party.document.receipt"),
            ("feedback", _("Feedback on documents"), "party.document.feedback"),
        ]

    @api.model
    def _subject_access_value(self, record, name):
        field = record._fields[name]
        value = record[name]
        if field.type in ("one2many", "many2many", "binary"):
            return None
        if field.type == "many2one":
            return value.display_name if value else None
        if field.type == "selection":
            return dict(field._description_selection(self.env)).get(value) \
                if value else None
        if value is False and field.type != "boolean":
            return None
        return value

    @api.model
    def _subject_access_record(self, record):
        Classification = self.env["party.data.field"]
        values = {}
        for name in Classification._personal_fields(record._name):
            if name not in record._fields or name in (
                    "member_id", "member_partner_id"):
                continue
            value = self._subject_access_value(record, name)
            if value is not None:
                label = record._fields[name].get_description(
                    self.env)["string"]
                values[label] = value
        return values

    @api.multi
    def _subject_access_data(self):
        """Everything held about this member, as plain values (read as
        superuser: the caller checked that the member is theirs)."""
        self.ensure_one()
        member = self.sudo()
        profile = self._subject_access_record(member)
        profile.update(self._subject_access_record(member.partner_id))
        sections = []
        for key, title, model in self._subject_access_sections():
            if model not in self.env:
                continue
            records = self.env[model].sudo().with_context(
                active_test=False).search([("member_id", "=", member.id)])
            sections.append({
                "key": key, "title": title,
                "records": [self._subject_access_record(record)
                            for record in records],
            })
        return {
            "member": member.name,
            "produced_on": fields.Datetime.now(),
            "controller": member.organization_id.display_name,
            "profile": profile,
            "sections": sections,
        }

    @api.multi
    def _subject_access_file(self, channel):
        """(file name, ZIP bytes) with data.json and data.html; logged."""
        self.ensure_one()
        data = self._subject_access_data()
        html = self.env["ir.qweb"].render(
            "party_handbook.subject_access_document", {"data": data})
        output = io.BytesIO()
        with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("du_lieu_cua_toi.json", json.dumps(
                data, ensure_ascii=False, indent=2, default=str))
            archive.writestr("du_lieu_cua_toi.html", html)
        logged = set(self.env["party.data.field"]._logged_fields(self._name))
        self.env["party.data.access.log"]._log(
            self.ids, logged | {"subject_access"}, "subject_access",
            channel=channel, model=self._name, record_count=1,
            reference="du_lieu_cua_toi.zip", skip_own=False)
        return "du_lieu_cua_toi_%d.zip" % self.id, output.getvalue()

    @api.multi
    def _check_assisted_subject_access(self):
        """An officer produces the file for a member of their scope."""
        self.ensure_one()
        if not self.env.user.has_group(SENSITIVE):
            raise AccessError(_(
                "Only cell secretaries and committee officers may produce a "
                "member's data file."))
        self.check_access_rights("read")
        self.check_access_rule("read")

    @api.multi
    def action_subject_access_download(self):
        """Button of the member form: the member's data file."""
        self._check_assisted_subject_access()
        return {
            "type": "ir.actions.act_url",
            "url": "/party_handbook/subject_access/%d" % self.id,
            "target": "self",
        }
