# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import mute_logger

from .common import PartyCase


class DocumentCase(PartyCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # one more member, in commune B, to check nobody else is reached
        cls.b1_other = cls.create_member("Ngô Thị Hoa", cls.cell_b1, "official")
        cls.b1_left = cls.create_member("Dương Văn Khoa", cls.cell_b1, "official")
        cls.b1_left.action_leave("resigned")
        # demo documents (if any) are already notified and reported: the
        # scheduled actions below must only see this test's documents
        cls.env.cr.execute("UPDATE party_document_receipt SET notified = TRUE")
        cls.env.cr.execute("UPDATE party_document_report SET state = 'submitted'")
        cls.env.clear()

    def document(self, targets, user=None, **values):
        vals = {
            "name": "Nghị quyết về công tác xây dựng Đảng",
            "document_type": "resolution",
            "issuing_organization_id": self.commune_a.id,
            "content": "<p>Nội dung</p>",
            "target_ids": [(0, 0, {"organization_id": org.id,
                                   "include_subtree": subtree})
                           for org, subtree in targets],
        }
        vals.update(values)
        Document = self.env["party.document"]
        if user:
            Document = Document.sudo(user)
        return Document.create(vals)


class TestPublishing(DocumentCase):

    def test_publishing_to_a_subtree_reaches_exactly_its_members(self):
        document = self.document([(self.commune_a, True)], user=self.officer_user)
        document.action_publish()
        receipts = document.sudo().receipt_ids
        self.assertEqual(
            receipts.mapped("member_id"),
            self.a1_official | self.a1_other | self.a1_probationary | self.a2_official)
        self.assertEqual(set(receipts.mapped("state")), {"received"})
        self.assertEqual(document.state, "published")
        self.assertEqual(document.number, "1-NQ/TC-A")
        self.assertEqual(document.recipient_count, 4)

    def test_a_target_without_subtree_reaches_only_its_own_members(self):
        document = self.document([(self.cell_b1, False), (self.commune_a, False)])
        document.action_publish()
        # commune A has no member of its own; left members receive nothing
        self.assertEqual(document.receipt_ids.mapped("member_id"),
                         self.b1_official | self.b1_other)

    def test_numbers_follow_per_issuer_and_year(self):
        first = self.document([(self.cell_a1, True)])
        second = self.document([(self.cell_a1, True)], document_type="notice")
        (first | second).action_publish()
        self.assertEqual([first.number, second.number], ["1-NQ/TC-A", "2-TB/TC-A"])

    def test_bad_publishing_is_refused_and_writes_nothing(self):
        empty = self.document([])
        with self.assertRaises(UserError):
            empty.action_publish()
        self.assertEqual((empty.state, empty.number), ("draft", False))
        document = self.document([(self.cell_a1, True)])
        document.action_publish()
        with self.assertRaises(UserError):
            document.action_publish()
        self.assertEqual(document.recipient_count, 3)
        with self.assertRaises(UserError):
            document.write({"content": "<p>changed</p>"})
        request = self.document([(self.cell_a1, True)], document_type="report_request")
        with self.assertRaises(UserError):
            request.action_publish()

    @mute_logger("odoo.addons.base.ir.ir_model", "odoo.models")
    def test_only_officers_of_the_issuer_publish(self):
        document = self.document([(self.cell_a1, True)])
        with self.assertRaises(AccessError):
            document.sudo(self.secretary_user).action_publish()
        other = self.create_user("officer", [self.commune_b], login="ph_officer_b")
        with self.assertRaises(AccessError):
            document.sudo(other).action_publish()
        self.assertEqual(document.state, "draft")

    def test_dangerous_or_oversize_attachments_are_refused(self):
        Attachment = self.env["ir.attachment"]
        for name in ("virus.exe", "page.html", "../../etc/passwd"):
            attachment = Attachment.create({
                "name": name, "datas_fname": name,
                "datas": base64.b64encode(b"x")})
            with self.assertRaises(ValidationError):
                self.document([(self.cell_a1, True)],
                              attachment_ids=[(6, 0, attachment.ids)])
        good = Attachment.create({"name": "nghi-quyet.pdf",
                                  "datas_fname": "nghi-quyet.pdf",
                                  "datas": base64.b64encode(b"%PDF-1.4")})
        self.assertTrue(self.document([(self.cell_a1, True)],
                                      attachment_ids=[(6, 0, good.ids)]))


class TestReceipts(DocumentCase):

    def setUp(self):
        super().setUp()
        self.doc = self.document([(self.city, True)])
        self.doc.action_publish()

    def test_member_reads_and_acknowledges_own_copy(self):
        as_member = self.doc.sudo(self.member_user)
        as_member.action_mark_read()
        receipt = self.doc.receipt_ids.filtered(
            lambda r: r.member_id == self.a1_official)
        self.assertEqual(receipt.state, "read")
        as_member.action_acknowledge()
        self.assertEqual(receipt.state, "acknowledged")
        self.assertTrue(receipt.acknowledged_on)
        self.doc.invalidate_cache()
        self.assertEqual((self.doc.read_count, self.doc.acknowledged_count), (1, 1))

    def test_acknowledging_a_document_not_sent_to_you_is_refused(self):
        private = self.document([(self.cell_b1, True)])
        private.action_publish()
        with self.assertRaises(UserError):
            private.sudo(self.secretary_user).action_acknowledge()
        self.assertFalse(private.receipt_ids.filtered(
            lambda r: r.state != "received"))

    def test_counts_roll_up_the_tree(self):
        self.doc.sudo(self.member_user).action_acknowledge()
        counts = self.doc._receipt_counts_by_organization(
            self.city | self.commune_a | self.commune_b | self.cell_a1)
        self.assertEqual(counts[self.city.id], {"received": 5, "acknowledged": 1})
        self.assertEqual(counts[self.commune_a.id], {"received": 3, "acknowledged": 1})
        self.assertEqual(counts[self.commune_b.id], {"received": 2})
        self.assertEqual(counts[self.cell_a1.id], {"received": 2, "acknowledged": 1})

    @mute_logger("odoo.addons.base.ir.ir_model", "odoo.models")
    def test_who_sees_which_receipts_and_documents(self):
        Receipt = self.env["party.document.receipt"]
        own = Receipt.sudo(self.member_user).search([])
        self.assertEqual(own.mapped("member_id"), self.a1_official)
        unread = Receipt.sudo(self.secretary_user).search([("state", "=", "received")])
        self.assertEqual(set(unread.mapped("organization_id")), {self.cell_a1})
        officer = Receipt.sudo(self.officer_user).search([])
        self.assertEqual(set(officer.mapped("organization_id")),
                         {self.cell_a1, self.cell_a2})
        # documents: the received one, not another cell's
        other = self.document([(self.cell_b1, True)])
        other.action_publish()
        draft = self.document([(self.cell_a1, True)])
        visible = self.env["party.document"].sudo(self.member_user).search([])
        self.assertIn(self.doc, visible)
        self.assertNotIn(other, visible)
        self.assertNotIn(draft, visible)
        with self.assertRaises(AccessError):
            other.sudo(self.member_user).read(["content"])


class TestFeedback(DocumentCase):

    def setUp(self):
        super().setUp()
        self.doc = self.document([(self.commune_a, True)], user=self.officer_user)
        self.doc.action_publish()

    def test_member_gives_feedback_and_the_issuer_answers(self):
        feedback = self.doc.sudo(self.member_user).action_give_feedback(
            "proposal", "  Đề nghị tổ chức học tập nghị quyết vào buổi tối  ")
        self.assertEqual(feedback.body,
                         "Đề nghị tổ chức học tập nghị quyết vào buổi tối")
        self.assertEqual(feedback.issuing_organization_id, self.commune_a)
        self.assertEqual(feedback.organization_id, self.cell_a1)
        as_officer = feedback.sudo(self.officer_user)
        as_officer.action_reply("Chi bộ sẽ bố trí vào tối thứ Sáu.")
        self.assertEqual((feedback.state, feedback.replied_by),
                         ("answered", self.officer_user))
        notified = feedback.message_ids.filtered(
            lambda m: self.a1_official.partner_id in m.partner_ids)
        self.assertTrue(notified, "the member is notified of the answer")
        as_officer.action_take_into_account()
        self.assertEqual(feedback.state, "taken")
        groups = self.env["party.document.feedback"].sudo(self.officer_user).read_group(
            [("document_id", "=", self.doc.id)], ["kind"], ["kind"])
        self.assertEqual({g["kind"]: g["kind_count"] for g in groups}, {"proposal": 1})

    def test_html_in_feedback_is_kept_as_text_and_answers_are_escaped(self):
        feedback = self.doc.sudo(self.member_user).action_give_feedback(
            "opinion", "<script>alert(1)</script>Ý kiến")
        self.assertEqual(feedback.body, "<script>alert(1)</script>Ý kiến")
        feedback.sudo(self.officer_user).action_reply("<b>ok</b>")
        self.assertNotIn("<b>", feedback.message_ids[0].body)

    def test_bad_feedback_is_refused(self):
        as_member = self.doc.sudo(self.member_user)
        with self.assertRaises(ValidationError):
            as_member.action_give_feedback("opinion", "   ")
        with self.assertRaises(ValidationError):
            as_member.action_give_feedback("opinion", "x" * 5001)
        not_sent = self.document([(self.cell_b1, True)])
        not_sent.action_publish()
        with self.assertRaises(UserError):
            not_sent.sudo(self.member_user).action_give_feedback("opinion", "?")
        self.assertFalse(self.env["party.document.feedback"].search(
            [("document_id", "in", (self.doc | not_sent).ids)]))

    @mute_logger("odoo.addons.base.ir.ir_model", "odoo.models")
    def test_feedback_is_private_until_the_issuer_publishes_it(self):
        # a1_other (the secretary's member profile) also received the document
        feedback = self.doc.sudo(self.member_user).action_give_feedback(
            "question", "Câu hỏi")
        Feedback = self.env["party.document.feedback"]
        other_member = self.create_user("member", [], partner=self.a2_official,
                                        login="ph_member_a2")
        self.assertFalse(Feedback.sudo(other_member).search([]))
        with self.assertRaises(AccessError):
            feedback.sudo(other_member).read(["body"])
        with self.assertRaises(AccessError):
            feedback.sudo(self.member_user).action_publish()
        feedback.sudo(self.officer_user).action_publish()
        self.assertEqual(Feedback.sudo(other_member).search([]), feedback)
        # a member who did not receive the document still sees nothing
        outsider = self.create_user("member", [], partner=self.b1_official,
                                    login="ph_member_b1")
        self.assertFalse(Feedback.sudo(outsider).search([]))


class TestNotices(DocumentCase):

    def mails_to(self, member):
        return self.env["mail.mail"].search(
            [("email_to", "=", member.email),
             ("subject", "=", "New party documents for you")])

    def test_daily_digest_one_email_per_member_and_safe_to_rerun(self):
        first = self.document([(self.cell_a1, True)])
        second = self.document([(self.cell_a1, True)], name="Chỉ thị số 2",
                               document_type="directive")
        (first | second).action_publish()
        self.a1_other.notice_preference = "none"
        Notice = self.env["party.document.notice"]
        self.assertEqual(Notice._cron_send_digest(), 2)  # a1_official, a1_probationary
        mails = self.mails_to(self.a1_official)
        self.assertEqual(len(mails), 1, "one email for two documents")
        self.assertIn("Chỉ thị số 2", mails.body_html)
        self.assertIn(first.number, mails.body_html)
        self.assertFalse(self.mails_to(self.a1_other), "no email was chosen")
        self.assertTrue(all(first.receipt_ids.mapped("notified")))
        # a rerun sends nothing twice
        self.assertEqual(Notice._cron_send_digest(), 0)
        self.assertEqual(len(self.mails_to(self.a1_official)), 1)
        # a new document the next day: one more email
        third = self.document([(self.cell_a1, True)], name="Thông báo 3",
                              document_type="notice")
        third.action_publish()
        self.assertEqual(Notice._cron_send_digest(), 2)
        self.assertEqual(len(self.mails_to(self.a1_official)), 2)

    def test_digest_works_in_bounded_batches(self):
        self.document([(self.city, True)]).action_publish()
        Notice = self.env["party.document.notice"]
        # batches of 2 receipts: the whole backlog in one run
        self.assertEqual(Notice._cron_send_digest(batch_size=2), 6)
        self.assertEqual(Notice._cron_send_digest(batch_size=2), 0)

    def test_read_documents_are_not_in_the_digest(self):
        document = self.document([(self.cell_a1, True)])
        document.action_publish()
        document.sudo(self.member_user).action_mark_read()
        self.env["party.document.notice"]._cron_send_digest()
        self.assertFalse(self.mails_to(self.a1_official))

    def test_secretaries_are_reminded_of_unacknowledged_documents_once(self):
        document = self.document([(self.commune_a, True)])
        document.action_publish()
        # published long ago (published_on is written by publishing only)
        self.env.cr.execute(
            "UPDATE party_document SET published_on = '2020-01-01 08:00:00' "
            "WHERE id = %s", (document.id,))
        document.invalidate_cache()
        Notice = self.env["party.document.notice"]
        self.assertEqual(Notice._cron_remind_unacknowledged(), 1)
        activity = document.activity_ids
        self.assertEqual(activity.user_id, self.secretary_user)
        self.assertIn("3 members of Cell A1", activity.summary)
        self.assertEqual(Notice._cron_remind_unacknowledged(), 0)


class TestReportRequests(DocumentCase):

    def request(self, deadline="2999-12-31"):
        document = self.document(
            [(self.cell_a1, False), (self.cell_a2, False)], user=self.officer_user,
            name="Báo cáo sơ kết 6 tháng", document_type="report_request",
            deadline=deadline)
        document.action_publish()
        return document

    def test_each_target_organization_owes_a_report(self):
        request = self.request()
        self.assertEqual(request.report_ids.mapped("organization_id"),
                         self.cell_a1 | self.cell_a2)
        self.assertEqual(set(request.report_ids.mapped("status")), {"pending"})
        report_a1 = request.report_ids.filtered(
            lambda r: r.organization_id == self.cell_a1)
        report_a1.sudo(self.secretary_user).action_submit("Chi bộ đã hoàn thành.")
        self.assertEqual((report_a1.state, report_a1.status, report_a1.submitted_by),
                         ("submitted", "submitted", self.secretary_user))
        with self.assertRaises(UserError):
            report_a1.sudo(self.secretary_user).action_submit("again")
        counts = self.env["party.document.report"]._status_by_organization(
            request, self.commune_a | self.cell_a1)
        self.assertEqual(counts[self.commune_a.id], {"submitted": 1, "pending": 1})
        self.assertEqual(counts[self.cell_a1.id], {"submitted": 1})

    @mute_logger("odoo.addons.base.ir.ir_model", "odoo.models")
    def test_only_the_reporting_organization_submits(self):
        request = self.request()
        report_a2 = request.report_ids.filtered(
            lambda r: r.organization_id == self.cell_a2)
        with self.assertRaises(AccessError):
            report_a2.sudo(self.secretary_user).action_submit("Not my cell")
        with self.assertRaises(UserError):
            report_a2.sudo(self.officer_user).action_submit("   ")
        self.assertEqual(report_a2.state, "pending")

    def test_late_reports_and_their_reminder(self):
        request = self.request(deadline="2026-01-01")
        Report = self.env["party.document.report"]
        late = Report.search([("request_id", "=", request.id),
                              ("status", "=", "late")])
        self.assertEqual(late, request.report_ids)
        self.assertEqual(Report._cron_remind_overdue(), 1)  # cell A1 has a secretary
        report_a1 = late.filtered(lambda r: r.organization_id == self.cell_a1)
        self.assertEqual(report_a1.activity_ids.user_id, self.secretary_user)
        self.assertEqual(Report._cron_remind_overdue(), 0)
        report_a1.sudo(self.secretary_user).action_submit("Muộn")
        self.assertEqual(report_a1.status, "submitted_late")
        self.assertFalse(report_a1.activity_ids)
        self.assertEqual(Report.search([("request_id", "=", request.id),
                                        ("status", "=", "submitted_late")]), report_a1)


class TestSupersede(DocumentCase):

    def test_publishing_a_replacement_supersedes_the_old_document(self):
        old = self.document([(self.cell_a1, True)])
        old.action_publish()
        new = self.document([(self.cell_a1, True)], supersedes_id=old.id,
                            name="Nghị quyết thay thế")
        self.assertEqual(old.state, "published")
        new.action_publish()
        self.assertEqual((old.state, old.superseded_by_id), ("superseded", new))
        with self.assertRaises(UserError):
            new.write({"supersedes_id": False})
