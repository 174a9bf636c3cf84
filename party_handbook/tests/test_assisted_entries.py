# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Assisted participation (issue #12): the member's consent, documents
acknowledged on the member's behalf, the member's portal page of entries
made on their behalf and their disputes, over the ORM and over HTTP."""
import base64
import re

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tools import mute_logger

from .common import PartyCase
from .test_data_protection import unclassified_fields
from .test_portal import PortalCase

FORGED = {"party_history_done": True, "internal_write": True,
          "assistance": True, "tracking_disable": True, "force": True}
STRONG = "Ph-Assisted-2026!x"


class AssistedCase(PartyCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.secretary_a2 = cls.create_user(
            "secretary", [cls.cell_a2], login="ph_secretary_a2")
        cls.document = cls.env["party.document"].create({
            "name": "Nghị quyết thử", "document_type": "resolution",
            "issuing_organization_id": cls.commune_a.id,
            "date": "2026-01-05",
            "target_ids": [(0, 0, {"organization_id": cls.cell_a1.id})]})
        cls.document.action_publish()

    def receipt(self, member):
        return self.document.receipt_ids.filtered(
            lambda r: r.member_id == member)

    def consent(self, member, user=None):
        member.sudo(user or self.secretary_user) \
            .action_record_assistance_consent("Signed form no. 7")

    def last_note(self, record):
        return self.env["mail.message"].search([
            ("model", "=", record._name), ("res_id", "=", record.id),
            ("message_type", "=", "notification")], limit=1,
            order="id desc") or self.env["mail.message"].search([
                ("model", "=", record._name), ("res_id", "=", record.id)],
            limit=1, order="id desc")


class TestConsent(AssistedCase):

    def test_the_cell_secretary_records_it_and_the_chatter_names_them(self):
        member = self.a1_official
        self.consent(member)
        self.assertEqual(member.assistance_consent_note, "Signed form no. 7")
        self.assertEqual(member.assistance_consent_by, self.secretary_user)
        self.assertEqual(member.assistance_consent_date,
                         fields.Date.context_today(
                             member.sudo(self.secretary_user)))
        note = self.last_note(member)
        self.assertIn("Signed form no. 7", note.body)
        self.assertEqual(note.author_id, self.secretary_user.partner_id)
        self.assertTrue(member._check_assistance_consent())

    @mute_logger("odoo.addons.base.ir.ir_model", "odoo.models")
    def test_nobody_else_records_it(self):
        member = self.a1_official
        for user in (self.secretary_a2, self.member_user,
                     self.supervisor_user):
            with self.assertRaises(AccessError, msg=user.login):
                member.sudo(user).action_record_assistance_consent("Form")
        for user in (self.secretary_user, self.manager_user,
                     self.env.ref("base.user_root")):
            with self.assertRaises(UserError, msg=user.login):
                member.sudo(user).with_context(**FORGED).write({
                    "assistance_consent_date": "2026-01-01",
                    "assistance_consent_note": "forged"})
        with self.assertRaises(UserError):
            member.sudo(self.secretary_user).with_context(**FORGED).write({
                "assistance_consent_by": self.secretary_user.id})
        self.assertFalse(member.assistance_consent_date)
        with self.assertRaises(UserError):
            member._check_assistance_consent()

    def test_it_needs_how_and_a_past_date(self):
        member = self.a1_official.sudo(self.secretary_user)
        with self.assertRaises(UserError):
            member.action_record_assistance_consent("  ")
        with self.assertRaises(UserError):
            member.action_record_assistance_consent("Form", date="2999-01-01")
        self.assertFalse(member.assistance_consent_date)

    def test_the_member_withdraws_it_in_their_own_name(self):
        member = self.a1_official
        self.consent(member)
        self.consent(self.a1_probationary)
        with self.assertRaises(AccessError):
            self.a1_probationary.sudo(
                self.member_user).action_withdraw_assistance_consent()
        member.sudo(self.member_user).action_withdraw_assistance_consent()
        self.assertFalse(member.assistance_consent_date)
        self.assertFalse(member.assistance_consent_note)
        self.assertEqual(self.last_note(member).author_id,
                         self.member_user.partner_id)
        self.assertTrue(self.a1_probationary.assistance_consent_date)
        with self.assertRaises(UserError):
            member._check_assistance_consent()
        # the secretary records a withdrawal given on paper
        self.a1_probationary.sudo(
            self.secretary_user).action_withdraw_assistance_consent()
        self.assertFalse(self.a1_probationary.assistance_consent_date)
        self.assertEqual(self.last_note(self.a1_probationary).author_id,
                         self.secretary_user.partner_id)

    def test_the_dialog_attaches_the_scan_of_the_form(self):
        Wizard = self.env["party.assistance.consent.wizard"].sudo(
            self.secretary_user).with_context(
                active_model="party.member", active_id=self.a1_official.id)
        wizard = Wizard.create({
            "way": "form", "detail": "số 12", "date": "2026-02-01",
            "scan": base64.b64encode(b"%PDF-1.4 consent"),
            "scan_name": "consent.pdf"})
        wizard.action_record()
        member = self.a1_official
        self.assertEqual(member.assistance_consent_date, "2026-02-01")
        self.assertIn("số 12", member.assistance_consent_note)
        note = self.last_note(member)
        self.assertEqual(note.author_id, self.secretary_user.partner_id)
        self.assertEqual(note.attachment_ids.mapped("name"), ["consent.pdf"])


class TestAcknowledgeOnBehalf(AssistedCase):

    def test_refused_without_consent(self):
        receipts = self.receipt(self.a1_official) | self.receipt(
            self.a1_probationary)
        self.consent(self.a1_official)
        with self.assertRaises(UserError) as caught:
            receipts.sudo(self.secretary_user).action_acknowledge_on_behalf()
        self.assertIn(self.a1_probationary.name, str(caught.exception))
        self.assertEqual(set(receipts.mapped("state")), {"received"})

    def test_flagged_with_the_recorder_and_the_time(self):
        self.consent(self.a1_official)
        receipt = self.receipt(self.a1_official)
        own = self.receipt(self.a1_other)   # the secretary's own copy
        (receipt | own).sudo(
            self.secretary_user).action_acknowledge_on_behalf()
        self.assertEqual(receipt.state, "acknowledged")
        self.assertTrue(receipt.assisted)
        self.assertEqual(receipt.assisted_by, self.secretary_user)
        self.assertTrue(receipt.acknowledged_on)
        self.assertEqual(own.state, "acknowledged")
        self.assertFalse(own.assisted)
        entries = self.a1_official._assisted_entries()
        self.assertEqual([(e["model"], e["res_id"]) for e in entries],
                         [("party.document.receipt", receipt.id)])
        self.assertEqual(entries[0]["recorder"], self.secretary_user)
        self.assertFalse(self.a1_other._assisted_entries())

    @mute_logger("odoo.addons.base.ir.ir_model", "odoo.models")
    def test_only_the_cell_secretary_and_never_by_writing(self):
        self.consent(self.a1_official)
        receipt = self.receipt(self.a1_official)
        for user in (self.secretary_a2, self.member_user,
                     self.supervisor_user):
            with self.assertRaises(AccessError, msg=user.login):
                receipt.sudo(user).action_acknowledge_on_behalf()
        for user in (self.secretary_user, self.env.ref("base.user_root")):
            with self.assertRaises((UserError, AccessError), msg=user.login):
                receipt.sudo(user).with_context(**FORGED).write({
                    "assisted": True, "assisted_by": user.id,
                    "state": "acknowledged"})
        self.assertEqual(receipt.state, "received")
        self.assertFalse(receipt.assisted)

    def test_the_dialog_is_offered_to_secretaries_only(self):
        action = self.env.ref(
            "party_handbook.party_document_receipt_assist_wizard_action")

        def offered(user):
            bindings = self.env["ir.actions.actions"].sudo(user).get_bindings(
                "party.document.receipt")
            return action.id in [a["id"] for a in bindings.get("action", [])]
        self.assertTrue(offered(self.secretary_user))
        self.assertFalse(offered(self.supervisor_user))
        self.assertFalse(offered(self.member_user))
        # through the dialog, the same checks and the same flags
        self.consent(self.a1_official)
        receipt = self.receipt(self.a1_official)
        Wizard = self.env["party.document.receipt.assist.wizard"].sudo(
            self.secretary_user).with_context(
                active_model="party.document.receipt", active_ids=receipt.ids)
        wizard = Wizard.create({})
        self.assertEqual(wizard.receipt_ids, receipt)
        wizard.action_acknowledge()
        self.assertEqual((receipt.state, receipt.assisted),
                         ("acknowledged", True))
        with self.assertRaises(AccessError):
            Wizard.sudo(self.supervisor_user).create({}).action_acknowledge()


class TestDisputes(AssistedCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.a1_official.sudo(cls.secretary_user) \
            .action_record_assistance_consent("Form")
        cls.a1_probationary.sudo(cls.secretary_user) \
            .action_record_assistance_consent("Form")
        cls.mine = cls.document.receipt_ids.filtered(
            lambda r: r.member_id == cls.a1_official)
        cls.theirs = cls.document.receipt_ids.filtered(
            lambda r: r.member_id == cls.a1_probationary)
        (cls.mine | cls.theirs).sudo(
            cls.secretary_user).action_acknowledge_on_behalf()
        cls.Dispute = cls.env["party.assisted.dispute"]

    def dispute(self, receipt=None, user=None, **values):
        receipt = receipt or self.mine
        return self.Dispute.sudo(user or self.member_user).create(dict({
            "member_id": self.a1_official.id,
            "entry_model": receipt._name, "entry_id": receipt.id,
            "reason": "Tôi chưa được đọc văn bản này."}, **values))

    def test_the_member_disputes_and_the_secretary_is_told(self):
        dispute = self.dispute()
        self.assertEqual(dispute.state, "open")
        self.assertEqual(dispute.organization_id, self.cell_a1)
        self.assertEqual(dispute.entry_recorder_id, self.secretary_user)
        self.assertIn(self.document.name, dispute.entry_summary)
        activity = dispute.sudo().activity_ids
        self.assertEqual(activity.user_id, self.secretary_user)
        messages = self.env["mail.message"].search([
            ("model", "=", dispute._name), ("res_id", "=", dispute.id)])
        self.assertEqual(set(messages.mapped("author_id")),
                         {self.member_user.partner_id})
        self.assertTrue(any("chưa được đọc" in (m.body or "")
                            for m in messages))
        rows = self.a1_official._assisted_entries_sorted()
        self.assertEqual(rows[0]["dispute"], dispute)
        # the secretary's list of receipts marks it
        receipts = (self.mine | self.theirs).sudo(self.secretary_user)
        self.assertEqual(receipts.mapped("assisted_dispute_state"),
                         ["open", False])
        with self.assertRaises(UserError):
            self.dispute()   # one open dispute per entry

    @mute_logger("odoo.addons.base.ir.ir_model", "odoo.models")
    def test_forged_entries_are_refused(self):
        for values in ({"entry_id": self.theirs.id},
                       {"entry_id": 999999999},
                       {"entry_model": "res.users",
                        "entry_id": self.member_user.id},
                       {"member_id": self.a1_probationary.id,
                        "entry_id": self.theirs.id}):
            with self.assertRaises(AccessError, msg=values):
                self.dispute(**values)
        for values in ({"state": "resolved"}, {"entry_kind": "x"},
                       {"resolution": "done"},
                       {"entry_recorder_id": self.member_user.id}):
            with self.assertRaises(UserError, msg=values):
                self.dispute(**values)
        with self.assertRaises(UserError):
            self.dispute(reason="  ")
        # the secretary cannot dispute for the member
        with self.assertRaises(AccessError):
            self.dispute(user=self.secretary_user)
        self.assertFalse(self.Dispute.search([
            ("member_id", "in", (self.a1_official | self.a1_probationary).ids)]))

    @mute_logger("odoo.addons.base.ir.ir_model", "odoo.models")
    def test_the_cell_secretary_resolves(self):
        dispute = self.dispute()
        with self.assertRaises(AccessError):
            dispute.sudo(self.member_user).action_resolve("ok")
        with self.assertRaises(AccessError):
            dispute.sudo(self.secretary_a2).action_resolve("ok")
        with self.assertRaises(AccessError):
            dispute.sudo(self.secretary_a2).read(["reason"])
        with self.assertRaises(UserError):
            dispute.sudo(self.secretary_user).with_context(**FORGED).write(
                {"state": "resolved", "resolution": "forged"})
        with self.assertRaises(UserError):
            dispute.sudo(self.secretary_user).action_resolve(" ")
        self.env["party.assisted.dispute.resolve"].sudo(
            self.secretary_user).create({
                "dispute_id": dispute.id,
                "note": "Đã đọc lại cho đồng chí nghe."}).action_resolve()
        self.assertEqual(dispute.state, "resolved")
        self.assertEqual(dispute.resolved_by, self.secretary_user)
        self.mine.invalidate_cache()
        self.assertEqual(self.mine.assisted_dispute_state, "resolved")
        self.assertFalse(dispute.sudo().activity_ids)
        with self.assertRaises(UserError):
            dispute.sudo(self.secretary_user).action_resolve("again")
        # the member reads their own dispute; another member does not
        self.assertEqual(dispute.sudo(self.member_user).resolution,
                         "Đã đọc lại cho đồng chí nghe.")
        other = self.create_user("member", [], partner=self.a2_official,
                                 login="ph_member_a2")
        with self.assertRaises(AccessError):
            dispute.sudo(other).read(["reason"])
        self.assertFalse(self.Dispute.sudo(other).search([]))
        # and the officer above the cell sees it
        self.assertEqual(self.Dispute.sudo(self.officer_user).search([
            ("id", "=", dispute.id)]), dispute)

    def test_every_field_is_classified(self):
        for model in ("party.assisted.dispute", "party.document.receipt",
                      "party.member"):
            self.assertFalse(unclassified_fields(self.env, model), model)


class TestAssistedPortal(PortalCase):
    """Over HTTP, as two members of one cell."""

    def setUp(self):
        super().setUp()
        env = self.env
        self.member2 = env["party.member"].create({
            "name": "Portal Member Two Tâm", "organization_id": self.cell.id,
            "admission_date": "1980-01-01", "email": "tam@example.org"})
        env["res.users"].with_context(no_reset_password=True).create({
            "login": "ph_portal_member_two", "password": STRONG,
            "partner_id": self.member2.partner_id.id,
            "groups_id": [(6, 0, [
                env.ref("base.group_portal").id,
                env.ref("party_handbook.group_party_handbook_member").id])]})
        self.document = env["party.document"].create({
            "name": "Thông báo được ghi thay", "document_type": "notice",
            "issuing_organization_id": self.commune.id, "date": "2026-02-02",
            "target_ids": [(0, 0, {"organization_id": self.cell.id})]})
        self.document.action_publish()
        for member in (self.member, self.member2):
            member.sudo(self.secretary_user).action_record_assistance_consent(
                "Signed form")
        self.receipts = {
            member: self.document.receipt_ids.filtered(
                lambda r, m=member: r.member_id == m)
            for member in (self.member, self.member2)}
        (self.receipts[self.member] | self.receipts[self.member2]).sudo(
            self.secretary_user).action_acknowledge_on_behalf()
        self.save()

    def token(self, text):
        return re.search(r'name="csrf_token" value="([^"]+)"', text).group(1)

    def post(self, url, data, token_page="/my/party/assisted",
             login="ph_portal_member"):
        page = self.get(token_page, login=login)
        return self.url_open(url, data=dict(data, csrf_token=self.token(
            page.text)), timeout=30)

    def test_home_tile_and_page_list_own_entries_only(self):
        home = self.get("/my")
        self.assertIn('href="/my/party/assisted"', home.text)
        page = self.get("/my/party/assisted")
        self.assertEqual(page.status_code, 200)
        self.assertIn("Thông báo được ghi thay", page.text)
        self.assertIn("Portal Secretary Hoa", page.text)
        own = self.receipts[self.member]
        other = self.receipts[self.member2]
        self.assertIn('value="%s"' % own.id, page.text)
        self.assertNotIn('value="%s"' % other.id, page.text)
        # a member with no entry has no tile
        stranger = self.get("/my", login="ph_portal_secretary")
        self.assertNotIn('href="/my/party/assisted"', stranger.text)

    @mute_logger("odoo.http", "werkzeug")
    def test_dispute_own_entry_and_forged_ids_answer_404(self):
        own = self.receipts[self.member]
        other = self.receipts[self.member2]
        for data in ({"entry_model": own._name, "entry_id": other.id},
                     {"entry_model": "res.users", "entry_id": self.user.id},
                     {"entry_model": own._name, "entry_id": "x"},
                     {"entry_model": own._name, "entry_id": 999999999}):
            response = self.post("/my/party/assisted/dispute",
                                 dict(data, reason="forged"))
            self.assertEqual(response.status_code, 404, data)
        self.refresh()
        self.assertFalse(self.env["party.assisted.dispute"].search([
            ("member_id", "in", (self.member | self.member2).ids)]))
        response = self.post("/my/party/assisted/dispute", {
            "entry_model": own._name, "entry_id": own.id, "reason": ""})
        self.assertIn("o_party_errors", response.text)
        response = self.post("/my/party/assisted/dispute", {
            "entry_model": own._name, "entry_id": own.id,
            "reason": "Tôi không nhận được văn bản."})
        self.assertEqual(response.status_code, 200)
        self.assertIn("o_party_dispute_sent", response.text)
        self.assertIn("o_party_dispute_open", response.text)
        self.refresh()
        dispute = self.env["party.assisted.dispute"].search([
            ("member_id", "=", self.member.id)])
        self.assertEqual((dispute.entry_id, dispute.reason),
                         (own.id, "Tôi không nhận được văn bản."))
        self.assertEqual(dispute.create_uid, self.user)
        # the other member sees neither the dispute nor the entry
        page = self.get("/my/party/assisted", login="ph_portal_member_two")
        self.assertEqual(page.status_code, 200)
        self.assertNotIn("o_party_dispute_open", page.text)
        self.assertNotIn('value="%s"' % own.id, page.text)

    def test_other_member_cannot_dispute_my_entry(self):
        own = self.receipts[self.member]
        self.save()
        self.authenticate("ph_portal_member_two", STRONG)
        page = self.url_open("/my/party/assisted", timeout=30)
        response = self.url_open("/my/party/assisted/dispute", data={
            "csrf_token": self.token(page.text), "entry_model": own._name,
            "entry_id": own.id, "reason": "not mine"}, timeout=30)
        self.assertEqual(response.status_code, 404)
        self.refresh()
        self.assertFalse(self.env["party.assisted.dispute"].search([
            ("member_id", "in", (self.member | self.member2).ids)]))

    @mute_logger("odoo.http", "werkzeug")
    def test_the_member_withdraws_consent_from_the_profile(self):
        profile = self.get("/my/party/profile")
        self.assertIn("o_party_consent_withdraw", profile.text)
        # without the CSRF token nothing changes
        response = self.url_open("/my/party/profile/assistance/withdraw",
                                 data={"x": "1"}, timeout=30)
        self.assertNotEqual(response.status_code, 200)
        self.refresh()
        self.assertTrue(self.member.assistance_consent_date)
        response = self.post("/my/party/profile/assistance/withdraw", {},
                             token_page="/my/party/profile")
        self.assertEqual(response.status_code, 200)
        self.assertIn("o_party_consent_withdrawn", response.text)
        self.assertIn("o_party_consent_none", response.text)
        self.refresh()
        self.assertFalse(self.member.assistance_consent_date)
        self.assertTrue(self.member2.assistance_consent_date)
        # the entries stay listed, nothing more can be entered
        page = self.get("/my/party/assisted")
        self.assertIn("Thông báo được ghi thay", page.text)
        self.assertIn("consent is not in force", page.text)
