# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Documents in the member portal over HTTP (controllers/portal_documents.py)."""
import re

from odoo.tools import mute_logger

from ..models.party_integrity import internal_write
from .test_portal import PASSWORD, PortalCase


class TestPortalDocuments(PortalCase):

    def setUp(self):
        super().setUp()
        Document = self.env["party.document"]
        self.old_doc = Document.create({
            "name": "Nghị quyết cũ", "document_type": "resolution",
            "issuing_organization_id": self.commune.id, "date": "2026-01-05",
            "content": "<p>Nội dung cũ</p>",
            "target_ids": [(0, 0, {"organization_id": self.commune.id})]})
        self.new_doc = Document.create({
            "name": "Thông báo mới", "document_type": "notice",
            "issuing_organization_id": self.commune.id, "date": "2026-11-20",
            "content": "<p>Nội dung <b>mới</b></p><script>alert(1)</script>",
            "target_ids": [(0, 0, {"organization_id": self.cell.id})]})
        self.other_doc = Document.create({
            "name": "Văn bản của chi bộ khác", "document_type": "notice",
            "issuing_organization_id": self.commune.id, "date": "2026-11-21",
            "target_ids": [(0, 0, {"organization_id": self.other_cell.id})]})
        self.draft = Document.create({
            "name": "Dự thảo", "document_type": "plan",
            "issuing_organization_id": self.commune.id,
            "target_ids": [(0, 0, {"organization_id": self.cell.id})]})
        (self.old_doc | self.new_doc | self.other_doc).action_publish()
        read = self.old_doc.receipt_ids.filtered(
            lambda r: r.member_id == self.member)
        with internal_write(read):   # read earlier, as the portal records it
            read.write({"state": "read"})
        self.save()

    def receipt(self, document):
        self.refresh()
        return document.receipt_ids.filtered(lambda r: r.member_id == self.member)

    def token(self, url):
        page = self.get(url)
        return re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)

    def test_list_shows_own_documents_unread_first(self):
        text = self.get("/my/party/documents").text
        self.assertIn("Thông báo mới", text)
        self.assertIn("Nghị quyết cũ", text)
        self.assertLess(text.index("Thông báo mới"), text.index("Nghị quyết cũ"))
        self.assertNotIn("Văn bản của chi bộ khác", text)
        self.assertNotIn("Dự thảo", text)
        self.assertIn("Documents for me", self.get("/my").text)

    def test_opening_marks_read_and_one_tap_acknowledges(self):
        page = self.get("/my/party/documents/%s" % self.new_doc.id)
        self.assertEqual(page.status_code, 200)
        self.assertIn("<b>mới</b>", page.text)
        self.assertNotIn("alert(1)", page.text)  # sanitized content
        self.assertEqual(self.receipt(self.new_doc).state, "read")
        token = self.token("/my/party/documents/%s" % self.new_doc.id)
        response = self.url_open(
            "/my/party/documents/%s/acknowledge" % self.new_doc.id,
            data={"csrf_token": token}, timeout=30)
        self.assertEqual(response.status_code, 200)
        self.assertIn("You confirmed reading this document", response.text)
        self.assertEqual(self.receipt(self.new_doc).state, "acknowledged")

    @mute_logger("odoo.addons.base.ir.ir_model", "odoo.http", "werkzeug")
    def test_url_tampering_answers_404_and_changes_nothing(self):
        for url in ("/my/party/documents/%s" % self.other_doc.id,
                    "/my/party/documents/%s" % self.draft.id,
                    "/my/party/documents/999999"):
            self.assertEqual(self.get(url).status_code, 404, url)
        token = self.token("/my/party/documents/%s" % self.new_doc.id)
        for action, data in (("acknowledge", {}),
                             ("feedback", {"kind": "opinion", "body": "x"})):
            response = self.url_open(
                "/my/party/documents/%s/%s" % (self.other_doc.id, action),
                data=dict(data, csrf_token=token), timeout=30)
            self.assertEqual(response.status_code, 404)
        self.refresh()
        self.assertEqual(set(self.other_doc.receipt_ids.mapped("state")),
                         {"received"})
        self.assertFalse(self.other_doc.feedback_ids)
        # a user without a member profile gets the clear page, not a document
        self.authenticate("ph_portal_stranger", PASSWORD)
        self.assertEqual(self.url_open(
            "/my/party/documents/%s" % self.new_doc.id, timeout=30).status_code, 404)

    def test_feedback_is_sent_as_text_and_bad_input_keeps_the_words(self):
        url = "/my/party/documents/%s" % self.new_doc.id
        token = self.token(url)
        response = self.url_open(url + "/feedback", data={
            "csrf_token": token, "kind": "robot", "body": "Giữ lại lời của tôi"},
            timeout=30)
        self.assertIn("Choose whether it is an opinion", response.text)
        self.assertIn("Giữ lại lời của tôi", response.text)
        response = self.url_open(url + "/feedback", data={
            "csrf_token": token, "kind": "question", "body": "   "}, timeout=30)
        self.assertIn("The feedback is empty.", response.text)
        self.refresh()
        self.assertFalse(self.new_doc.feedback_ids)
        response = self.url_open(url + "/feedback", data={
            "csrf_token": token, "kind": "question",
            "body": "<img src=x onerror=alert(1)> Khi nào họp?"}, timeout=30)
        self.assertIn("your feedback was sent", response.text)
        self.assertIn("&lt;img src=x onerror=alert(1)&gt; Khi nào họp?",
                      response.text)
        self.refresh()
        self.assertEqual(self.new_doc.feedback_ids.body,
                         "<img src=x onerror=alert(1)> Khi nào họp?")
