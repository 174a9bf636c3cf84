# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Scheduled jobs finish their whole backlog in one run (issue #13): in
batches smaller than the backlog, oldest first, a rerun does nothing, one
failing item does not lose the others, emails rendered once per group."""
from datetime import timedelta
from unittest import mock

import lxml.html
from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.tools import mute_logger

from ..models import party_batch
from ..models.party_document_notice import PartyDocumentNotice
from .test_document import DocumentCase

BATCH_LOGGER = "odoo.addons.party_handbook.models.party_batch"


class CronCase(DocumentCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # more members in cell B1 (created after cell A1's: higher ids)
        cls.b1_more = cls.env["party.member"]
        for index in range(1, 5):
            cls.b1_more |= cls.create_member(
                "Thành viên B%s" % index, cls.cell_b1, "official",
                email="b%s@example.org" % index)

    def digest_mails(self, members=None):
        domain = [("subject", "=", "New party documents for you"),
                  ("model", "=", "party.member")]
        if members is not None:
            domain.append(("res_id", "in", members.ids))
        return self.env["mail.mail"].search(domain, order="id")

    def body_renders(self):
        """A patch counting the renders of email bodies (the only field
        rendered with ``post_process``)."""
        calls = []
        original = type(self.env["mail.template"])._party_render_shared

        def counting(this, text, obj, safe=False, post_process=False):
            if post_process:
                calls.append(text)
            return original(this, text, obj, safe=safe,
                            post_process=post_process)
        return calls, mock.patch.object(
            type(self.env["mail.template"]), "_party_render_shared", counting)


class TestDigestBatches(CronCase):

    def test_backlog_bigger_than_the_batch_in_one_run_oldest_first(self):
        # cell B1's receipts are the oldest, cell A1's members the lowest ids
        self.document([(self.cell_b1, False)], name="Văn bản B1").action_publish()
        self.document([(self.cell_a1, False)], name="Văn bản A1").action_publish()
        Notice = self.env["party.document.notice"]
        sent = Notice._cron_send_digest(batch_size=2)
        members_b1 = self.b1_official | self.b1_other | self.b1_more
        members_a1 = self.a1_official | self.a1_other | self.a1_probationary
        self.assertEqual(sent, len(members_b1) + len(members_a1))
        mails_b1, mails_a1 = self.digest_mails(members_b1), self.digest_mails(
            members_a1)
        self.assertEqual((len(mails_b1), len(mails_a1)),
                         (len(members_b1), len(members_a1)))
        self.assertLess(max(mails_b1.ids), min(mails_a1.ids),
                        "the oldest receipts first, not the lowest member ids")
        receipts = self.env["party.document.receipt"].search(
            [("member_id", "in", (members_a1 | members_b1).ids)])
        self.assertTrue(all(receipts.mapped("notified")))
        # a rerun queues nothing
        self.assertEqual(Notice._cron_send_digest(batch_size=2), 0)
        self.assertEqual(len(self.digest_mails(members_a1 | members_b1)),
                         len(members_a1 | members_b1))

    def test_rendered_once_per_language_and_documents(self):
        first = self.document([(self.commune_a, True)], name="Văn bản chung")
        first.action_publish()
        second = self.document([(self.cell_a1, False)], name="Văn bản A1")
        second.action_publish()
        calls, patch = self.body_renders()
        with patch:
            sent = self.env["party.document.notice"]._cron_send_digest()
        # cell A1: both documents; cell A2: the first only -> 2 renders
        self.assertEqual(sent, 4)
        self.assertEqual(len(calls), 2)
        # each recipient sees their own name and address only
        members = self.a1_official | self.a1_other | self.a1_probationary | \
            self.a2_official
        for member in members:
            mail = self.digest_mails(member)
            self.assertEqual(len(mail), 1)
            self.assertEqual(mail.email_to, member.email)
            self.assertIn("Dear comrade %s," % member.name, mail.body_html)
            self.assertIn(member.name, mail.body)
            for other in members - member:
                if other != self.a1_other:  # named as cell A1's secretary
                    self.assertNotIn(other.name, mail.body_html)
                self.assertNotIn(other.email, mail.body_html)
            self.assertIn("Văn bản chung", mail.body_html)
            self.assertEqual("Văn bản A1" in mail.body_html,
                             member.organization_id == self.cell_a1)
            self.assertEqual(mail.state, "outgoing")
            self.assertEqual(mail.record_name, member.display_name)

    def test_a_name_is_escaped_in_the_body(self):
        member = self.create_member("Lê <b>Văn</b> & Tư", self.cell_b1, "official",
                                    email="tu@example.org")
        self.document([(self.cell_b1, False)]).action_publish()
        self.env["party.document.notice"]._cron_send_digest()
        mail = self.digest_mails(member)
        self.assertIn("Lê &lt;b&gt;Văn&lt;/b&gt; &amp; Tư", mail.body_html)
        self.assertNotIn("<b>Văn</b>", mail.body_html)
        self.assertNotIn("<b>Văn</b>", mail.body)

    def test_a_name_in_an_attribute_of_an_edited_template_stays_text(self):
        template = self.env.ref("party_handbook.mail_template_document_digest")
        template.body_html = '<p><a title="${object.name}" href="/my">' \
            '${object.name}</a></p>' + template.body_html
        member = self.create_member('Lê Tư" onmouseover="alert(1)" x="',
                                    self.cell_b1, "official",
                                    email="tu2@example.org")
        self.document([(self.cell_b1, False)]).action_publish()
        self.env["party.document.notice"]._cron_send_digest()
        mail = self.digest_mails(member)
        for html in (mail.body_html, mail.body):
            self.assertIn("Lê Tư", html)
            tree = lxml.html.fromstring("<div>%s</div>" % html)
            self.assertTrue(tree.xpath("//a[@title]"))
            self.assertFalse(tree.xpath("//*[@onmouseover]"), html)

    def test_members_without_email_or_digest_are_marked_set_wise(self):
        self.b1_more[0].notice_preference = "none"
        self.b1_more[1].email = False
        document = self.document([(self.cell_b1, False)])
        document.action_publish()
        sent = self.env["party.document.notice"]._cron_send_digest()
        self.assertEqual(sent, 4)  # b1_official, b1_other, b1_more[2:]
        self.assertFalse(self.digest_mails(self.b1_more[:2]))
        self.assertTrue(all(document.receipt_ids.mapped("notified")))

    def test_a_failing_member_does_not_lose_the_others(self):
        self.document([(self.cell_b1, False)]).action_publish()
        bad = self.b1_more[1]
        original = PartyDocumentNotice._send_digest_batch

        def failing(this, member_ids, mail):
            if bad.id in member_ids:
                raise ValueError("cannot render")
            return original(this, member_ids, mail)
        with mute_logger(BATCH_LOGGER), mock.patch.object(
                PartyDocumentNotice, "_send_digest_batch", failing):
            sent = self.env["party.document.notice"]._cron_send_digest()
        self.assertEqual(sent, 5)
        self.assertFalse(self.digest_mails(bad))
        self.assertEqual(len(self.digest_mails(self.b1_more - bad)), 3)
        # its receipt is still pending: the next run sends it
        self.assertEqual(self.env["party.document.notice"]._cron_send_digest(), 1)
        self.assertEqual(len(self.digest_mails(bad)), 1)

    def test_without_a_sender_address_the_organization_sends(self):
        self.env.user.company_id.email = False
        self.document([(self.cell_b1, False)]).action_publish()
        self.env["party.document.notice"]._cron_send_digest()
        mail = self.digest_mails(self.b1_official)
        self.assertEqual(mail.email_from,
                         self.env["mail.message"]._get_default_from())


class TestRemindersInBatches(CronCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # cell B1 gets a secretary with a login too
        cls.secretary_b1 = cls.create_user(
            "secretary", [cls.cell_b1], partner=cls.b1_other, login="ph_sec_b1")
        cls.env["party.organization.position"].create({
            "organization_id": cls.cell_b1.id, "member_id": cls.b1_other.id,
            "role": "secretary", "date_start": "2025-01-01"})

    def test_unacknowledged_documents_of_every_cell_in_one_run(self):
        Notice = self.env["party.document.notice"]
        Notice._cron_remind_unacknowledged()  # the demo's, if any
        documents = self.env["party.document"]
        for index in range(3):
            document = self.document([(self.city, True)], name="Văn bản %s" % index)
            document.action_publish()
            documents |= document
        self.env.cr.execute(
            "UPDATE party_document SET published_on = '2020-01-01 08:00:00' "
            "WHERE id IN %s", (tuple(documents.ids),))
        documents.invalidate_cache()
        # 3 documents x 2 cells with a secretary, in batches of 1
        self.assertEqual(Notice._cron_remind_unacknowledged(batch_size=1), 6)
        for document in documents:
            self.assertEqual(document.activity_ids.mapped("user_id"),
                             self.secretary_user | self.secretary_b1)
        # the secretaries follow the documents, as mail.activity.create does
        self.assertIn(self.secretary_b1.partner_id,
                      documents[0].message_partner_ids)
        self.assertEqual(Notice._cron_remind_unacknowledged(batch_size=1), 0)

    def test_overdue_reports_of_every_organization_in_one_run(self):
        # a deadline passed whatever the day the test runs
        yesterday = fields.Date.from_string(fields.Date.context_today(
            self.env["party.document"])) - timedelta(days=1)
        request = self.document(
            [(self.cell_a1, False), (self.cell_a2, False), (self.cell_b1, False)],
            user=self.manager_user, name="Báo cáo quý", document_type="report_request",
            deadline=fields.Date.to_string(yesterday))
        request.action_publish()
        Report = self.env["party.document.report"]
        # cell A2 has no secretary: passed by, without stopping the others
        self.assertEqual(Report._cron_remind_overdue(batch_size=1), 2)
        reports = request.report_ids
        self.assertEqual(reports.mapped("activity_ids.user_id"),
                         self.secretary_user | self.secretary_b1)
        self.assertEqual(Report._cron_remind_overdue(batch_size=1), 0)

    def test_probation_reminders_all_in_one_run_earliest_first(self):
        Member = self.env["party.member"]
        today = fields.Date.from_string(fields.Date.context_today(Member))
        members = Member
        for index, (cell, days) in enumerate([
                (self.cell_a1, 20), (self.cell_b1, 5), (self.cell_a2, 12),
                (self.cell_b1, 25), (self.cell_a1, 1)]):
            members |= self.create_member(
                "Dự bị số %s" % index, cell, "probationary",
                email="db%s@example.org" % index,
                admission_date=fields.Date.to_string(
                    today + timedelta(days=days) - relativedelta(months=12)))
        created = Member._cron_probation_reminders(batch_size=2)
        self.assertGreaterEqual(created, len(members))
        activities = self.env["mail.activity"].search(
            [("res_model", "=", "party.member"), ("res_id", "in", members.ids)],
            order="id")
        self.assertEqual(len(activities), len(members))
        self.assertEqual(activities.mapped("date_deadline"),
                         sorted(activities.mapped("date_deadline")),
                         "the earliest ends first")
        for member in members:
            activity = member.activity_ids
            self.assertEqual(activity.date_deadline, member.probation_end_date)
            self.assertIn(member.name, activity.summary)
            expected = {self.cell_a1: self.secretary_user,
                        self.cell_b1: self.secretary_b1}.get(
                            member.organization_id, self.env.ref("base.user_root"))
            self.assertEqual(activity.user_id, expected)
            self.assertEqual(activity.res_name, member.display_name)
        self.assertIn(self.secretary_b1.partner_id,
                      members[1].message_partner_ids)
        self.assertEqual(Member._cron_probation_reminders(batch_size=2), 0)

    def test_probation_reminder_queries_do_not_grow_with_the_members(self):
        """Linear: the queries of a run grow with the batches, not with
        the number of members (it used to re-read every member per
        reminder)."""
        Member = self.env["party.member"]
        today = fields.Date.from_string(fields.Date.context_today(Member))

        def run(count, prefix):
            for index in range(count):
                self.create_member(
                    "%s %s" % (prefix, index), self.cell_a1, "probationary",
                    email="%s%s@example.org" % (prefix, index),
                    admission_date=fields.Date.to_string(
                        today + timedelta(days=3) - relativedelta(months=12)))
            self.env.cache.invalidate()
            before = self.cr.sql_log_count
            Member._cron_probation_reminders()
            return self.cr.sql_log_count - before
        few, many = run(2, "ít"), run(12, "nhiều")
        self.assertLessEqual(many, few + 2)

    def test_age_bands_of_every_member_in_one_run(self):
        members = self.a1_official | self.a2_official | self.b1_official | \
            self.b1_more
        self.env.cr.execute(
            "UPDATE party_member SET age_band = 'under_30' WHERE id IN %s",
            (tuple(members.ids),))
        updated = self.env["party.member"]._cron_update_age_bands(batch_size=2)
        self.assertGreaterEqual(updated, len(members))
        self.assertEqual(set(members.mapped("age_band")), {"46_60"})
        self.assertEqual(self.env["party.member"]._cron_update_age_bands(), 0)


class TestBatchRunner(CronCase):

    def test_a_failing_item_is_skipped_and_the_run_ends(self):
        seen = []

        def fetch(after, limit):
            return [i for i in range(1, 8) if i > (after or 0)][:limit]

        def process(items):
            seen.append(list(items))
            if 4 in items:
                raise ValueError("item 4")
            return len(items)
        with mute_logger(BATCH_LOGGER):
            done = party_batch.run_in_batches(
                self.env, "test", fetch, process, batch_size=3)
        self.assertEqual(done, 6)
        self.assertEqual(seen, [[1, 2, 3], [4, 5, 6], [4], [5], [6], [7]])

    def test_no_commit_in_tests(self):
        self.assertTrue(party_batch.in_odoo_tests())
        with mock.patch.object(type(self.env.cr), "commit") as commit:
            party_batch.run_in_batches(
                self.env, "test", party_batch.slicer([1, 2, 3]),
                lambda items: len(items), batch_size=1)
        commit.assert_not_called()
