# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The library in the member portal over HTTP (controllers/portal_library.py):
search with the words marked, ask, read an article, keep it to read later;
nothing the member may not read, whatever the URL."""
import re

from odoo.tests.common import HOST, PORT

from .test_portal import PASSWORD, PortalCase


class TestPortalLibrary(PortalCase):

    def setUp(self):
        super().setUp()
        env = self.env
        self.text = env["party.library.text"].create({
            "name": "Quy định thử về sinh hoạt", "number": "99-QĐ/TEST",
            "section_ids": [
                (0, 0, {"code": "Điều 1", "heading": "Thời lượng",
                        "body": "Buổi sinh hoạt chi bộ kéo dài ít nhất chín "
                                "mươi phút ở vùng đầm phá."}),
                (0, 0, {"code": "Điều 2", "heading": "Tài liệu",
                        "body": "Tài liệu gửi trước một ngày."})]})
        self.text.action_publish()
        self.draft = env["party.library.text"].create({
            "name": "Dự thảo thử", "section_ids": [(0, 0, {
                "code": "Điều 1", "body": "Quy tắc đầm phá bí mật."})]})
        Document = env["party.document"]
        self.mine = Document.create({
            "name": "Kế hoạch nạo vét đầm phá", "document_type": "plan",
            "issuing_organization_id": self.commune.id,
            "content": "<p>Chi bộ vận động nạo vét kênh mương đầm phá.</p>",
            "target_ids": [(0, 0, {"organization_id": self.cell.id})]})
        self.theirs = Document.create({
            "name": "Kế hoạch riêng của chi bộ khác", "document_type": "plan",
            "issuing_organization_id": self.commune.id,
            "content": "<p>Nạo vét đầm phá ở chi bộ khác.</p>",
            "target_ids": [(0, 0, {"organization_id": self.other_cell.id})]})
        (self.mine | self.theirs).action_publish()
        self.article = self.text.section_ids[0]
        self.save()

    def token(self, url):
        page = self.get(url)
        return re.search(r'name="csrf_token" value="([^"]+)"',
                         page.text).group(1)

    def test_search_marks_the_words_and_keeps_to_what_was_received(self):
        page = self.get("/my/party/library?q=kenh+muong+dam+pha")
        self.assertEqual(page.status_code, 200)
        self.assertIn("Kế hoạch nạo vét đầm phá", page.text)
        self.assertIn("<mark>kênh mương đầm phá</mark>", page.text)
        self.assertNotIn("chi bộ khác", page.text)
        self.assertNotIn("bí mật", page.text)
        self.assertIn("/my/party/documents/%s" % self.mine.id, page.text)

    def test_ask_answers_with_the_article_and_its_link(self):
        page = self.get("/my/party/library?q=sinh+hoat+chi+bo+may+phut&ask=1")
        self.assertEqual(page.status_code, 200)
        self.assertIn("/my/party/library/article/%s" % self.article.id,
                      page.text)
        self.assertIn("99-QĐ/TEST", page.text)
        self.assertIn("o_party_library_ask_note", page.text)

    def test_an_article_is_read_with_the_query_marked(self):
        page = self.get("/my/party/library/article/%s?q=chin+muoi+phut"
                        % self.article.id)
        self.assertEqual(page.status_code, 200)
        self.assertIn("<mark>chín mươi phút</mark>", page.text)
        self.assertIn("Điều 2", page.text)  # the next article

    def test_texts_not_in_the_library_answer_404(self):
        for url in ("/my/party/library/article/%s" % self.draft.section_ids.id,
                    "/my/party/library/article/999999"):
            self.assertEqual(self.get(url).status_code, 404)

    def test_keep_and_remove_from_the_reading_list(self):
        url = "/my/party/library/article/%s" % self.article.id
        token = self.token(url)
        response = self.url_open("/my/party/library/keep", data={
            "csrf_token": token, "kind": "article", "res_id": self.article.id,
            "back": url}, timeout=30)
        self.assertEqual(response.status_code, 200)  # redirected back
        self.refresh()
        bookmarks = self.env["party.library.bookmark"].search(
            [("user_id", "=", self.user.id)])
        self.assertEqual(bookmarks.section_id, self.article)
        self.assertIn("Thời lượng", self.get("/my/party/library").text)
        # another member's reading list does not show it
        page = self.get("/my/party/library", login="ph_portal_secretary")
        self.assertNotIn("o_party_library_reading_list", page.text)

    def test_nothing_unreadable_can_be_kept_and_back_stays_home(self):
        token = self.token("/my/party/library/article/%s" % self.article.id)
        for kind, res_id in (("document", self.theirs.id),
                             ("article", self.draft.section_ids.id),
                             ("page", 1)):
            response = self.url_open("/my/party/library/keep", data={
                "csrf_token": token, "kind": kind, "res_id": res_id},
                timeout=30)
            self.assertEqual(response.status_code, 404, kind)
        self.refresh()
        self.assertFalse(self.env["party.library.bookmark"].search(
            [("user_id", "=", self.user.id)]))
        response = self.opener.post(
            "http://%s:%s/my/party/library/keep" % (HOST, PORT), data={
                "csrf_token": token, "kind": "article",
                "res_id": self.article.id, "back": "https://evil.example.org/"},
            allow_redirects=False, timeout=30)
        self.assertEqual(response.status_code, 303)
        self.assertTrue(response.headers["Location"].endswith(
            "/my/party/library"))

    def test_users_outside_the_party_are_not_served(self):
        self.env["res.users"].browse(self.stranger.id).write({
            "groups_id": [(6, 0, [self.env.ref("base.group_portal").id])]})
        self.save()
        self.authenticate("ph_portal_stranger", PASSWORD)
        self.assertEqual(self.url_open("/my/party/library?q=dam+pha",
                                       timeout=30).status_code, 404)
