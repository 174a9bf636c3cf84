# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Members' records hold: statuses change only through the dated actions,
history rows are never written by hand, step values and rule columns are
the application's, and no context key a caller sends changes that."""
from odoo.exceptions import AccessError, UserError
from odoo.tools import mute_logger

from .common import PartyCase

# every context key that once skipped a check, and Odoo's keys that silence
# the chatter: an RPC caller can send any of them
FORGED = {
    "party_history_done": True, "closing_vote": True, "approving_excuse": True,
    "tracking_disable": True, "mail_notrack": True, "mail_create_nolog": True,
    "mail_track_log_only": True, "install_mode": True, "module": "base",
    "force_write": True, "bypass": True,
}
REFUSED = (AccessError, UserError)
# notes typed by a user (not application text: not translated)
FORGED_NOTE = "<p>Ghi chú giả</p>"
OWN_NOTE = "<p>Đã gặp đảng viên</p>"


class TestMemberIntegrity(PartyCase):

    def writers(self):
        return [("secretary", self.secretary_user), ("officer", self.officer_user),
                ("manager", self.manager_user), ("superuser", self.env.user)]

    def assert_refused(self, records, method, *args, roles=None):
        names = [n for n in records._fields
                 if records._fields[n].store and n not in (
                     "write_date", "write_uid", "__last_update")]
        before = records.sudo().with_context(active_test=False).read(names)
        for role, user in roles or self.writers():
            target = records.sudo(user).with_context(**FORGED)
            with self.subTest(role=role, method=method, args=args):
                with self.assertRaises(REFUSED), mute_logger("odoo.models"):
                    getattr(target, method)(*args)
                records.invalidate_cache()
                self.assertEqual(records.sudo().with_context(
                    active_test=False).read(names), before)

    def history(self, member):
        return self.env["party.member.history"].search(
            [("member_id", "=", member.id)])

    def test_status_only_through_the_actions(self):
        member = self.a1_official
        rows = self.history(member)
        for vals in ({"state": "left"}, {"state": "deceased", "active": False},
                     {"active": False}, {"age_band": "over_75"},
                     {"probation_end_date": "2030-01-01"}):
            self.assert_refused(member, "write", vals)
        self.assertEqual(self.history(member), rows)
        # the action dates it, whoever calls it and with whatever context
        member.sudo(self.secretary_user).with_context(**FORGED).action_deceased(
            date="2026-02-01")
        self.assertEqual(member.state, "deceased")
        self.assertFalse(member.active)
        self.assertEqual(len(self.history(member) - rows), 1)

    def test_history_rows_are_never_written_by_hand(self):
        row = self.history(self.a1_official)[:1]
        self.assertTrue(row)
        for vals in ({"event": "left"}, {"date": "2001-01-01"},
                     {"to_state": "deceased"}, {"member_id": self.b1_official.id}):
            self.assert_refused(row, "write", vals)
        self.assert_refused(row, "unlink")
        History = self.env["party.member.history"]
        for role, user in self.writers():
            with self.subTest(role=role), self.assertRaises(REFUSED):
                History.sudo(user).with_context(**FORGED).create({
                    "member_id": self.a1_official.id, "event": "left",
                    "date": "2026-01-01", "to_state": "left"})

    def test_bulk_status_change_applies_to_every_member(self):
        Member = self.env["party.member"]
        members = Member
        for index in range(3):
            members |= self.create_member(
                "Dự bị %s" % index, self.cell_a2, "probationary",
                admission_date="2025-06-01")
        wizard = self.env["party.member.status"].sudo(self.officer_user).create({
            "member_ids": [(6, 0, members.ids)], "action": "official",
            "date": "2026-06-02", "decision": "12-QĐ/ĐU"})
        wizard.action_apply()
        for member in members:
            self.assertEqual((member.state, member.official_date),
                             ("official", "2026-06-02"), member.name)
            self.assertEqual(self.history(member).filtered(
                lambda h: h.event == "official").decision, "12-QĐ/ĐU")
        for action in ("deceased", "transfer_out"):
            group = Member
            for index in range(2):
                group |= self.create_member(
                    "%s %s" % (action, index), self.cell_a2, "official")
            self.env["party.member.status"].sudo(self.officer_user).create({
                "member_ids": [(6, 0, group.ids)], "action": action,
                "date": "2026-06-02", "destination": "Tỉnh khác",
                "fee_paid_until": "2026-05"}).action_apply()
            for member in group.with_context(active_test=False):
                self.assertFalse(member.active, (action, member.name))
                self.assertEqual(len(self.history(member).filtered(
                    lambda h: h.event == action)), 1)
        # one refusal changes none of them
        mixed = self.create_member("Đã chính thức", self.cell_a2, "official") | \
            self.create_member("Còn dự bị", self.cell_a2, "probationary",
                               admission_date="2025-06-01")
        with self.assertRaises(UserError):
            self.env["party.member.status"].sudo(self.officer_user).create({
                "member_ids": [(6, 0, mixed.ids)], "action": "official",
                "date": "2026-06-02"}).action_apply()
        self.assertEqual(mixed.mapped("state"), ["official", "probationary"])

    def test_tracking_cannot_be_switched_off(self):
        member = self.a1_official
        member.sudo(self.secretary_user).with_context(**FORGED).write(
            {"home_town": "Phú Vang"})
        values = self.env["mail.tracking.value"].search([
            ("mail_message_id.model", "=", "party.member"),
            ("mail_message_id.res_id", "=", member.id),
            ("field", "=", "home_town")])
        self.assertEqual(values[:1].new_value_char, "Phú Vang")

    def test_rule_columns_follow_the_member(self):
        reward = self.env["party.member.reward"].create({
            "member_id": self.a1_official.id, "decision_number": "1-QĐ",
            "issuing_body": "Đảng ủy", "form": "certificate",
            "date": "2025-01-01"})
        self.assertEqual(reward.organization_id, self.cell_a1)
        for vals in ({"organization_id": self.cell_b1.id},
                     {"member_partner_id": self.b1_official.partner_id.id}):
            self.assert_refused(reward, "write", vals)
        # moving the member to another cell moves its records
        reward.sudo(self.manager_user).write({"member_id": self.b1_official.id})
        self.assertEqual(reward.organization_id, self.cell_b1)

    def test_rating_steps_are_actions(self):
        rating = self.env["party.member.rating"].open_year(self.cell_a1, 2026)[:1]
        self.assertEqual(rating.state, "draft")
        for vals in ({"state": "approved"}, {"final_level": "excellent"},
                     {"self_score": 99}, {"proposed_score": 99},
                     {"cell_level": "excellent"}, {"year": 2020}):
            self.assert_refused(rating, "write", vals)
        Rating = self.env["party.member.rating"]
        with self.assertRaises(REFUSED):
            Rating.sudo(self.manager_user).with_context(**FORGED).create({
                "member_id": self.a2_official.id, "year": 2026,
                "rated_organization_id": self.cell_a2.id, "state": "approved",
                "final_level": "excellent"})

    def test_documents_and_receipts(self):
        document = self.env["party.document"].create({
            "name": "Thông báo", "document_type": "notice",
            "issuing_organization_id": self.commune_a.id,
            "content": "<p>Nội dung</p>",
            "target_ids": [(0, 0, {"organization_id": self.cell_a1.id})]})
        for vals in ({"state": "published"}, {"number": "1-TB/X"},
                     {"published_by": self.manager_user.id}):
            self.assert_refused(document, "write", vals)
        document.sudo(self.officer_user).action_publish()
        receipt = document.receipt_ids[:1]
        self.assertTrue(receipt)
        for vals in ({"state": "acknowledged"}, {"notified": True},
                     {"member_id": self.b1_official.id}):
            self.assert_refused(receipt, "write", vals)
        self.assert_refused(receipt, "unlink")
        self.assert_refused(document, "write", {"state": "draft"})
        with self.assertRaises(REFUSED):
            self.env["party.document.receipt"].sudo(
                self.manager_user).with_context(**FORGED).create({
                    "document_id": document.id,
                    "member_id": self.b1_official.id})
        feedback = document.sudo(self.member_user).action_give_feedback(
            "opinion", "Tôi đồng ý")
        for vals in ({"body": "Tôi phản đối"}, {"published": True},
                     {"state": "taken"}, {"reply": "Đã trả lời"}):
            self.assert_refused(feedback.sudo(), "write", vals)

    def test_change_request_decisions_are_actions(self):
        request = self.env["party.member.change.request"].sudo(
            self.member_user).submit(self.a1_official, {"home_town": "Hương Trà"})
        for vals in ({"state": "approved"}, {"decided_by": self.manager_user.id}):
            self.assert_refused(request.sudo(), "write", vals)
        self.assert_refused(request.sudo().line_ids, "write",
                            {"new_raw": '"Nơi khác"'})
        request.sudo(self.secretary_user).with_context(**FORGED).action_approve()
        self.assertEqual(self.a1_official.home_town, "Hương Trà")

    def test_defaults_do_not_set_protected_values(self):
        """``default_*`` context keys and user defaults (ir.default) fill
        what a caller left out: never a protected value."""
        Rating = self.env["party.member.rating"].sudo(self.manager_user)
        forged = dict(FORGED, default_state="approved",
                      default_final_level="excellent", default_self_score=99,
                      default_organization_id=self.cell_b1.id)
        rating = Rating.with_context(**forged).create({
            "member_id": self.a2_official.id, "year": 2019,
            "rated_organization_id": self.cell_a2.id})
        self.assertEqual((rating.state, rating.final_level, rating.self_score),
                         ("draft", False, 0))
        self.assertEqual(rating.organization_id, self.cell_a2)
        self.env["ir.default"].set("party.member.rating", "state", "approved")
        rating = Rating.create({"member_id": self.a2_official.id, "year": 2018,
                                "rated_organization_id": self.cell_a2.id})
        self.assertEqual(rating.state, "draft")
        # the status actions' history rows take nothing from the context
        member = self.a1_official
        member.sudo(self.secretary_user).with_context(
            default_decision="GIẢ", default_leave_form="expelled",
            default_from_organization_id=self.cell_b1.id).action_exempt(
                date="2026-01-05")
        row = self.history(member).filtered(lambda h: h.event == "exemption")
        self.assertEqual((row.decision, row.leave_form, row.from_organization_id),
                         (False, False, self.env["party.organization"]))
        # a work record lands on the member it names, in that member's scope
        work = self.env["party.member.work"].sudo(self.secretary_user).with_context(
            default_organization_id=self.cell_b1.id,
            default_member_partner_id=self.b1_official.partner_id.id).create({
                "member_id": self.a1_official.id, "employer": "UBND",
                "date_from": "2000-01-01"})
        self.assertEqual((work.organization_id, work.member_partner_id),
                         (self.cell_a1, self.a1_official.partner_id))

    def test_nested_commands_are_checked(self):
        member = self.a1_official
        partner = member.partner_id
        for user in (self.secretary_user, self.manager_user, self.env.user):
            with self.subTest(user=user.login), self.assertRaises(REFUSED):
                partner.sudo(user).write({"party_member_ids": [
                    (1, member.id, {"state": "left", "active": False})]})
            with self.subTest(user=user.login), self.assertRaises(REFUSED):
                member.sudo(user).write({"child_ids": [(0, 0, {
                    "name": "x", "party_member_ids": [
                        (1, member.id, {"state": "deceased"})]})]})
        self.assertEqual((member.state, member.active), ("official", True))

    def test_chatter_is_kept_as_written(self):
        member = self.a1_official
        member.sudo(self.secretary_user).write({"occupation": "Nông dân"})
        tracked = member.message_ids.filtered("tracking_value_ids")[:1]
        self.assertTrue(tracked)
        for user in (self.secretary_user, self.manager_user, self.env.user):
            with self.subTest(user=user.login):
                with self.assertRaises(REFUSED):
                    tracked.sudo(user).unlink()
                with self.assertRaises(REFUSED):
                    tracked.sudo(user).write({"body": "<p>khác</p>"})
                with self.assertRaises(REFUSED):
                    self.env["mail.message"].sudo(user).create({
                        "model": "party.member", "res_id": member.id,
                        "body": "<p>giả</p>", "message_type": "notification",
                        "author_id": self.manager_user.partner_id.id
                        if user != self.manager_user
                        else self.secretary_user.partner_id.id,
                        "date": "2020-01-01 00:00:00"})
                with self.assertRaises(REFUSED):
                    member.sudo(user).message_post(
                        body=FORGED_NOTE, author_id=self.b1_official.partner_id.id)
                with self.assertRaises(REFUSED):
                    member.sudo(user).write({"message_ids": [(0, 0, {
                        "model": "party.member", "res_id": member.id,
                        "body": "giả", "tracking_value_ids": [(0, 0, {
                            "field": "state", "field_desc": "Status",
                            "old_value_char": "x", "new_value_char": "y"})]})]})
                with self.assertRaises(REFUSED):
                    member.sudo(user).write({"child_ids": [(0, 0, {
                        "name": "y", "message_ids": [(0, 0, {
                            "model": "party.member", "res_id": member.id,
                            "body": "giả"})]})]})
        self.assertTrue(tracked.exists())
        # posting in one's own name still works
        member.sudo(self.secretary_user).message_post(body=OWN_NOTE)
        self.assertEqual(member.message_ids[:1].author_id,
                         self.secretary_user.partner_id)

    def test_deletions_that_would_erase_the_record(self):
        self.assert_refused(self.a1_official, "unlink", roles=[
            ("manager", self.manager_user), ("superuser", self.env.user)])
        rating = self.env["party.member.rating"].open_year(self.cell_a1, 2026)
        own = rating.filtered(lambda r: r.member_id == self.a1_official)
        own.sudo(self.member_user).action_self_assess(80)
        self.assert_refused(own, "unlink", roles=[
            ("manager", self.manager_user), ("superuser", self.env.user)])
        # a profile entered by mistake (only its creation) can be deleted
        mistake = self.create_member("Nhập nhầm", self.cell_a2, "probationary",
                                     admission_date="2026-01-05")
        mistake.sudo(self.manager_user).unlink()
        self.assertFalse(mistake.exists())

    def test_correction_form_shows_only_the_own_profile(self):
        Wizard = self.env["party.member.change.wizard"]
        with self.assertRaises(AccessError):
            Wizard.sudo(self.member_user).with_context(
                default_member_id=self.b1_official.id).default_get(
                    ["member_id", "mobile", "residence"])
        values = Wizard.sudo(self.member_user).with_context(
            default_member_id=self.a1_official.id).default_get(
                ["member_id", "residence"])
        self.assertEqual(values["member_id"], self.a1_official.id)

    def test_a_document_supersedes_only_its_issuers_documents(self):
        Document = self.env["party.document"]
        city_doc = Document.create({
            "name": "Nghị quyết của thành phố", "document_type": "resolution",
            "issuing_organization_id": self.city.id,
            "target_ids": [(0, 0, {"organization_id": self.cell_a1.id})]})
        city_doc.action_publish()
        commune_doc = Document.sudo(self.officer_user).create({
            "name": "Thay thế", "document_type": "resolution",
            "issuing_organization_id": self.commune_a.id,
            "supersedes_id": city_doc.id,
            "target_ids": [(0, 0, {"organization_id": self.cell_a1.id})]})
        with self.assertRaises(AccessError):
            commune_doc.action_publish()
        self.assertEqual(city_doc.state, "published")
