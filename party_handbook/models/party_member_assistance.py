# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Consent to assisted entries (issue #12).

Most grassroots members have no phone: the cell secretary records their
acknowledgements, excuse requests and named votes on their behalf. The
member consents to this once (on a paper form, or in person), the secretary
records that consent, and the member (or the secretary) may withdraw it.
Every entry made on a member's behalf carries the ``assisted`` flag and is
refused while no consent is in force (``_check_assistance_consent``).

The consent fields are protected (``_protected_fields`` of party.member):
they change only through the two actions below, whatever the context. The
chatter says who recorded or withdrew the consent: each action posts its
own note in the acting user's name (the values are written as superuser
after the checks, and Odoo's tracking would name the superuser).

``_assisted_entries`` lists what was entered on the member's behalf, for
the member's portal page and for disputes: each module adds its entries
(this one: acknowledgements of documents; the meetings module: excuse
requests and named votes).
"""
from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import html_escape
from odoo.tools.misc import format_date

# pylint: disable=missing-import-error
from .party_integrity import internal_write

MAX_CONSENT_NOTE = 200


class PartyMember(models.Model):
    _inherit = "party.member"

    assistance_consent_date = fields.Date(
        string="Consent to assisted entries", readonly=True, copy=False,
        help="Date the member agreed that the cell secretary records their "
             "acknowledgements, excuse requests and named votes on their "
             "behalf. Empty: no consent in force.")
    assistance_consent_note = fields.Char(
        string="How the consent was given", readonly=True, copy=False)
    assistance_consent_by = fields.Many2one(
        "res.users", string="Consent recorded by", readonly=True, copy=False)

    def _check_assistance_recorder(self):
        """The acting user records entries for these members: a cell
        secretary (or an officer above) who may write their profiles."""
        if not self.env.user.has_group(
                "party_handbook.group_party_handbook_cell_secretary"):
            raise AccessError(_("Only the cell secretary records entries on a "
                                "member's behalf."))
        self.check_access_rights("write")
        self.check_access_rule("write")

    def _post_assistance_note(self, body):
        """A note on each member's chatter, in the acting user's name."""
        author = self.env.user.partner_id.id
        with internal_write(self.env["mail.message"]):
            for member in self.sudo():
                member.message_post(body=body, author_id=author,
                                    subtype="mail.mt_note")

    @api.multi
    def action_record_assistance_consent(self, note=None, date=None,
                                         attachment_ids=None):
        """The secretary records the member's consent (given on paper or in
        person: ``note`` says how). ``attachment_ids``: a scan of the signed
        form, attached to the note in the chatter."""
        self._check_assistance_recorder()
        note = (note or "").strip()
        if not note:
            raise UserError(_("Say how the member gave their consent (for "
                              "example: signed form kept by the cell)."))
        if len(note) > MAX_CONSENT_NOTE:
            raise UserError(_("Keep the note on the consent under %s "
                              "characters.") % MAX_CONSENT_NOTE)
        today = fields.Date.context_today(self)
        date = date or today
        if date > today:
            raise UserError(_("The consent cannot be dated in the future."))
        with internal_write(self):
            self.sudo().write({
                "assistance_consent_date": date,
                "assistance_consent_note": note,
                "assistance_consent_by": self.env.uid})
        body = _("Consent to assisted entries recorded (given on "
                 "%(date)s): %(note)s") % {"date": html_escape(format_date(
                     self.env, date)),
                                           "note": html_escape(note)}
        author = self.env.user.partner_id.id
        attachments = self.env["ir.attachment"].browse(attachment_ids or [])
        with internal_write(self.env["mail.message"]):
            for member in self.sudo():
                member.message_post(
                    body=body, author_id=author, subtype="mail.mt_note",
                    attachment_ids=attachments.filtered(
                        lambda a, m=member: a.res_model == m._name
                        and a.res_id == m.id).ids)
        return True

    @api.multi
    def action_withdraw_assistance_consent(self):
        """The member withdraws their consent (or the secretary records the
        withdrawal): entries on their behalf are refused from now on."""
        own = self.env.user.partner_id
        for member in self:
            if member.partner_id != own:
                member._check_assistance_recorder()
            else:
                member.check_access_rule("read")
        withdrawn = self.sudo().filtered("assistance_consent_date")
        with internal_write(withdrawn):
            withdrawn.write({"assistance_consent_date": False,
                             "assistance_consent_note": False,
                             "assistance_consent_by": False})
        for member in withdrawn:
            member.sudo(self.env.uid)._post_assistance_note(
                _("Consent to assisted entries withdrawn by the member.")
                if member.partner_id == own else
                _("Withdrawal of the consent to assisted entries recorded."))
        return True

    def _check_assistance_consent(self):
        """Refuse an entry on the behalf of a member who did not consent."""
        for member in self.sudo():
            if not member.assistance_consent_date:
                raise UserError(_(
                    "%s has not agreed to have entries made on their behalf: "
                    "record the member's consent first (member form, "
                    "\"Consent to assisted entries\").") % member.name)
        return True

    # --- entries made on the member's behalf ---------------------------------

    def _assisted_entries(self):
        """What was entered on this member's behalf, newest first: a list of
        dicts with ``model``, ``res_id``, ``date`` (UTC datetime string),
        ``kind`` (what sort of entry), ``what`` (the entry in words),
        ``recorder`` (res.users). Read as superuser: callers check that the
        member is the user's own (portal) or in their scope. Modules add
        their entries by extending this method."""
        self.ensure_one()
        receipts = self.env["party.document.receipt"].sudo().search([
            ("member_id", "=", self.id), ("assisted", "=", True)],
            order="acknowledged_on desc, id desc")
        return [{
            "model": receipt._name, "res_id": receipt.id,
            "date": receipt.acknowledged_on,
            "kind": _("Document acknowledged"),
            "what": " ".join(filter(None, (receipt.document_id.number,
                                           receipt.document_id.name))),
            "recorder": receipt.assisted_by,
        } for receipt in receipts]

    def _assisted_entries_sorted(self):
        entries = self._assisted_entries()
        disputes = self.env["party.assisted.dispute"].sudo().search([
            ("member_id", "=", self.id)], order="id")
        by_entry = {(d.entry_model, d.entry_id): d for d in disputes}
        for entry in entries:
            entry["dispute"] = by_entry.get((entry["model"], entry["res_id"]))
        return sorted(entries, key=lambda e: (e["date"] or "", e["res_id"]),
                      reverse=True)

    def _assisted_entry(self, model, res_id):
        """The member's own assisted entry ``model``/``res_id``, or None."""
        self.ensure_one()
        for entry in self._assisted_entries():
            if entry["model"] == model and entry["res_id"] == res_id:
                return entry
        return None
