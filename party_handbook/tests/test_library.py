# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The library (issue #17): Vietnamese search with or without diacritics,
typos, ranking, highlighting, what each role may find, the reading list."""
from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import mute_logger

from ..library import text as vitext
from .common import PartyCase

STATUTE_9 = (
    "Đảng tổ chức theo nguyên tắc tập trung dân chủ.\n"
    "Nghị quyết của các cơ quan lãnh đạo của Đảng chỉ có giá trị thi hành "
    "khi có hơn một nửa số thành viên trong cơ quan lãnh đạo tán thành. "
    "Trước khi biểu quyết, mỗi thành viên được phát biểu ý kiến của mình.")
STATUTE_5 = (
    "Đảng viên dự bị có các quyền như đảng viên chính thức, trừ quyền "
    "biểu quyết, ứng cử và bầu cử cơ quan lãnh đạo của Đảng.")
FEES = (
    "Đảng viên đóng đảng phí hằng tháng; mức đóng bằng 1% tiền lương làm "
    "căn cứ đóng bảo hiểm xã hội bắt buộc.")


class TestVietnameseText(PartyCase):
    """library/text.py: the terms every search and grouping uses."""

    def test_unaccent_removes_diacritics_and_d_stroke(self):
        self.assertEqual(vitext.unaccent("Đảng viên dự bị BIỂU QUYẾT"),
                         "dang vien du bi bieu quyet")

    def test_terms_keep_topic_syllables_and_their_pairs(self):
        terms = vitext.terms("Đảng viên dự bị có được biểu quyết không?")
        self.assertIn("bieu_quyet", terms)
        self.assertIn("du_bi", terms)
        # question words are not topics
        self.assertNotIn("khong", terms)
        self.assertNotIn("duoc", terms)
        # typed without diacritics: the same terms
        self.assertEqual(
            terms, vitext.terms("dang vien du bi co duoc bieu quyet khong"))

    def test_snippet_marks_the_words_with_their_diacritics(self):
        window, spans, before, after = vitext.snippet(
            "Nghị quyết chỉ có giá trị khi có quá nửa số đảng viên tán thành.",
            ["qua", "nua"])
        self.assertEqual([window[s:e] for s, e in spans], ["quá nửa"])
        self.assertFalse(before or after)
        long_text = "Mở đầu. " * 80 + "Biểu quyết quá nửa." + " Kết thúc." * 80
        window, spans, before, after = vitext.snippet(long_text, ["nua"])
        self.assertTrue(before and after)
        self.assertLessEqual(len(window), 240)
        self.assertEqual([window[s:e] for s, e in spans], ["nửa"])


class LibraryCase(PartyCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.b1_user = cls.create_user("member", [], partner=cls.b1_official,
                                      login="ph_member_b1")
        cls.officer_b = cls.create_user("officer", [cls.commune_b],
                                        login="ph_officer_b")
        Text = cls.env["party.library.text"].sudo(cls.manager_user)
        cls.statute = Text.create({
            "name": "Điều lệ Đảng (test)", "kind": "statute",
            "issuer": "Đại hội XI",
            "section_ids": [
                (0, 0, {"code": "Điều 5", "heading": "Đảng viên dự bị",
                        "body": STATUTE_5, "sequence": 5}),
                (0, 0, {"code": "Điều 9",
                        "heading": "Nguyên tắc tập trung dân chủ",
                        "body": STATUTE_9, "sequence": 9}),
            ]})
        cls.statute.action_publish()
        cls.fees = Text.create({
            "name": "Quy định về đảng phí (test)", "number": "01-QĐ/TEST",
            "section_ids": [(0, 0, {"code": "Điều 3", "heading": "Mức đóng",
                                    "body": FEES})]})
        cls.fees.action_publish()
        cls.draft = Text.create({
            "name": "Dự thảo quy chế (test)",
            "section_ids": [(0, 0, {"code": "Điều 1",
                                    "body": "Quy chế biểu quyết nội bộ."})]})
        cls.article_9 = cls.statute.section_ids.filtered(
            lambda s: s.code == "Điều 9")
        cls.article_5 = cls.statute.section_ids.filtered(
            lambda s: s.code == "Điều 5")
        Document = cls.env["party.document"].sudo(cls.officer_user)
        cls.document = Document.create({
            "name": "Kế hoạch trồng cây xanh (test)",
            "document_type": "plan",
            "issuing_organization_id": cls.commune_a.id,
            "content": "<p>Mỗi chi bộ trồng cây xanh ở nhà văn hóa thôn.</p>"
                       "<p>Chi bộ báo cáo kết quả trồng cây trước ngày 30.</p>",
            "target_ids": [(0, 0, {"organization_id": cls.cell_a1.id,
                                   "include_subtree": True})]})
        cls.document.action_publish()

    def search(self, user, query, limit=10):
        return self.env["party.library"].sudo(user).search_library(query, limit)

    @staticmethod
    def first(results):
        return (results[0]["kind"], results[0]["id"]) if results else None


class TestLibrarySearch(LibraryCase):

    def test_the_index_is_unaccented_full_text(self):
        self.env.cr.execute("""
            SELECT count(*) FROM party_library_passage
             WHERE section_id = %s
               AND tsv @@ to_tsquery('public.party_vi', 'qua <-> nua | hon <-> mot')
        """, (self.article_9.id,))
        self.assertEqual(self.env.cr.fetchone()[0], 1)
        self.env.cr.execute("SELECT indexdef FROM pg_indexes "
                            "WHERE tablename = 'party_library_passage'")
        definitions = " ".join(row[0] for row in self.env.cr.fetchall())
        self.assertIn("gin (tsv)", definitions)
        self.assertIn("gin_trgm_ops", definitions)

    def test_with_or_without_diacritics_the_same_article_comes_first(self):
        # the demo database's Statute holds the same clause
        expected = {("article", self.article_9.id)}
        demo = self.env["party.library.section"].cited("vote_majority")
        if demo:
            expected.add(("article", demo.id))
        firsts = set()
        for query in ("biểu quyết hơn một nửa", "bieu quyet hon mot nua",
                      "BIEU QUYET HON MOT NUA"):
            results = self.search(self.member_user, query)
            self.assertIn(self.first(results), expected, query)
            firsts.add(self.first(results))
        self.assertEqual(len(firsts), 1)

    def test_a_question_finds_the_article_that_answers_it(self):
        results = self.env["party.library"].sudo(self.member_user).ask(
            "Đảng viên dự bị có được biểu quyết không?")
        self.assertLessEqual(len(results), 3)
        self.assertEqual(self.first(results), ("article", self.article_5.id))
        result = results[0]
        # every answer is a passage with its text, article and link
        self.assertEqual(result["text"], self.statute.display_name)
        self.assertEqual(result["article"], "Điều 5")
        self.assertEqual(result["portal_url"],
                         "/my/party/library/article/%s" % self.article_5.id)
        self.assertIn(result["snippet"], STATUTE_5)
        marked = [result["snippet"][s:e] for s, e in result["spans"]]
        self.assertIn("biểu quyết", marked)

    def test_a_typo_in_a_heading_is_forgiven(self):
        results = self.search(self.member_user, "nguyen tac tap trug dan chuu")
        self.assertEqual(self.first(results), ("article", self.article_9.id))

    def test_words_that_are_nowhere_find_nothing(self):
        self.assertEqual(self.search(self.member_user, "xyzzy quux"), [])
        self.assertEqual(self.search(self.member_user, "   "), [])

    def test_query_syntax_is_never_interpreted(self):
        for query in ("'&|!:*<->()", "biểu & | ! quyết", "a:* <-> b",
                      "\\' OR 1=1 --", "x" * 5000, "đ" * 400):
            self.search(self.member_user, query)  # no error
        with self.assertRaises(ValidationError):
            self.env["party.library"].sudo(self.member_user).search_library(
                ["biểu"], 10)
        with self.assertRaises(ValidationError):
            self.env["party.library"].sudo(self.member_user).search_library(
                "biểu", "ten")

    def test_a_published_document_is_found_by_its_recipients_only(self):
        query = "trong cay xanh nha van hoa"
        found = self.first(self.search(self.member_user, query))
        self.assertEqual(found, ("document", self.document.id))
        # the issuing commune's officer reads it through the ORM
        self.assertEqual(self.first(self.search(self.officer_user, query)),
                         ("document", self.document.id))
        # a member of commune B and commune B's officer never see it
        for user in (self.b1_user, self.officer_b):
            self.assertFalse([r for r in self.search(user, query)
                              if r["kind"] == "document"])

    def test_drafts_are_not_indexed_and_archived_documents_leave(self):
        draft = self.env["party.document"].sudo(self.officer_user).create({
            "name": "Dự thảo kế hoạch nuôi ong (test)",
            "issuing_organization_id": self.commune_a.id,
            "content": "<p>Nuôi ong lấy mật.</p>",
            "target_ids": [(0, 0, {"organization_id": self.cell_a1.id,
                                   "include_subtree": True})]})
        self.assertFalse(self.search(self.officer_user, "nuoi ong lay mat"))
        draft.action_publish()
        self.assertEqual(self.first(self.search(self.member_user, "nuoi ong")),
                         ("document", draft.id))
        draft.sudo(self.officer_user).action_archive_document()
        self.assertFalse(self.search(self.member_user, "nuoi ong lay mat"))

    def test_texts_not_in_the_library_are_found_by_no_one_but_managers(self):
        query = "quy che bieu quyet noi bo"
        for user in (self.member_user, self.secretary_user, self.officer_user):
            self.assertFalse([r for r in self.search(user, query)
                              if r["text_id"] == self.draft.id])
        self.draft.action_publish()
        self.assertTrue([r for r in self.search(self.member_user, query)
                         if r["text_id"] == self.draft.id])
        self.draft.action_withdraw()
        self.assertFalse([r for r in self.search(self.member_user, query)
                          if r["text_id"] == self.draft.id])

    def test_article_changes_are_searchable_at_once(self):
        article = self.fees.section_ids
        article.sudo(self.manager_user).write(
            {"body": "Đảng viên ở hải đảo xa đóng theo mức riêng."})
        self.assertEqual(self.first(self.search(self.member_user,
                                                "hai dao xa")),
                         ("article", article.id))
        self.assertFalse([r for r in self.search(self.member_user,
                                                 "bao hiem xa hoi bat buoc")
                          if r["id"] == article.id])


class TestNothingLeaksFromUnreadDocuments(LibraryCase):
    """A document a member did not receive must not change what the member
    finds: its passages neither push readable ones out nor raise the bar a
    result must reach, and its words are not a typo's correction."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Document = cls.env["party.document"].sudo(cls.officer_b)
        cls.hidden = Document.create({
            "name": "Chỉ thị phòng chống lụt ở Tam Giang (test)",
            "document_type": "directive",
            "issuing_organization_id": cls.commune_b.id,
            "content": "<p>Tam Giang hằng tháng kiểm tra đê. Tam Giang hằng "
                       "tháng báo cáo. Khuổi Tam Giang hằng tháng.</p>",
            "target_ids": [(0, 0, {"organization_id": cls.cell_b1.id,
                                   "include_subtree": True})]})
        cls.hidden.action_publish()
        cls.fees_article = cls.fees.section_ids

    def test_a_hidden_match_does_not_hide_a_readable_article(self):
        found = [(r["kind"], r["id"]) for r in self.search(
            self.member_user, "tam giang hang thang")]
        self.assertNotIn(("document", self.hidden.id), found)
        self.assertIn(("article", self.fees_article.id), found)
        # the recipients of the document find it first
        self.assertEqual(self.first(self.search(self.b1_user,
                                                "tam giang hang thang")),
                         ("document", self.hidden.id))

    def test_no_score_and_no_vocabulary_of_documents(self):
        results = self.search(self.member_user, "dong dang phi hang thang")
        self.assertTrue(results)
        self.assertNotIn("score", results[0])
        Passage = self.env["party.library.passage"]
        # "khuoi" is only in the hidden document: never a correction
        self.assertFalse(Passage._known_words({"khuoi"}))
        self.assertNotIn("khuoix", Passage._corrections({"khuoix"}))


class TestLibraryKeeping(LibraryCase):
    """Only the city's officers keep the texts; states are set by actions."""

    def test_members_and_officers_cannot_change_texts(self):
        for user in (self.member_user, self.secretary_user, self.officer_user):
            with self.assertRaises(AccessError):
                self.statute.sudo(user).write({"name": "Đổi tên"})
            with self.assertRaises(AccessError):
                self.article_9.sudo(user).write({"body": "Đổi nội dung"})
            with self.assertRaises((AccessError, UserError)):
                self.draft.sudo(user).action_publish()
            with self.assertRaises(AccessError):
                self.env["party.library.passage"].sudo(user).search([])

    def test_the_state_moves_by_actions_only_whatever_the_context(self):
        for context in ({}, {"party_internal": True, "install_mode": True,
                             "force": True}):
            with self.assertRaises(UserError):
                self.draft.sudo(self.manager_user).with_context(
                    **context).write({"state": "published"})
        self.assertEqual(self.draft.state, "draft")

    def test_members_read_only_texts_in_the_library(self):
        Text = self.env["party.library.text"].sudo(self.member_user)
        self.assertIn(self.statute, Text.search([]))
        self.assertNotIn(self.draft, Text.search([]))
        with self.assertRaises(AccessError):
            self.draft.sudo(self.member_user).read(["name"])
        with self.assertRaises(AccessError):
            self.draft.section_ids.sudo(self.member_user).read(["body"])

    def test_each_step_from_its_state_only(self):
        with self.assertRaises(UserError):
            self.statute.action_publish()        # already in the library
        with self.assertRaises(UserError):
            self.draft.action_withdraw()         # never published
        with self.assertRaises(UserError):
            self.statute.action_reset_draft()    # not withdrawn
        self.statute.action_withdraw()
        self.statute.action_reset_draft()
        self.assertEqual(self.statute.state, "draft")

    def test_only_administrators_choose_the_article_cited(self):
        for user in (self.manager_user, self.officer_user):
            with self.assertRaises(AccessError):
                self.article_9.sudo(user).write({"cite_key": "vote_test"})
        self.assertFalse(self.article_9.cite_key)

    def test_a_text_once_in_the_library_is_withdrawn_not_deleted(self):
        with self.assertRaises(UserError):
            self.statute.sudo(self.manager_user).unlink()
        self.draft.sudo(self.manager_user).unlink()


class TestReadingList(LibraryCase):

    def test_a_member_keeps_and_removes_an_article(self):
        Bookmark = self.env["party.library.bookmark"].sudo(self.member_user)
        self.assertTrue(Bookmark.toggle("article", self.article_9.id))
        self.assertEqual(Bookmark.search([]).section_id, self.article_9)
        self.assertFalse(Bookmark.toggle("article", str(self.article_9.id)))
        self.assertFalse(Bookmark.search([]))

    def test_each_user_sees_only_their_own_list(self):
        Bookmark = self.env["party.library.bookmark"]
        Bookmark.sudo(self.member_user).toggle("document", self.document.id)
        mine = Bookmark.sudo(self.member_user).search([])
        self.assertEqual(len(mine), 1)
        for user in (self.b1_user, self.officer_user, self.manager_user):
            self.assertFalse(Bookmark.sudo(user).search([]))
            with self.assertRaises(AccessError):
                mine.sudo(user).read(["document_id"])
            with self.assertRaises(AccessError):
                mine.sudo(user).unlink()

    def test_a_bookmark_is_always_the_callers_and_keeps_its_text(self):
        bookmark = self.env["party.library.bookmark"].sudo(
            self.member_user).create({"section_id": self.article_5.id,
                                      "user_id": self.b1_user.id})
        self.assertEqual(bookmark.user_id, self.member_user)
        for vals in ({"user_id": self.b1_user.id},
                     {"section_id": self.article_9.id}):
            with self.assertRaises(UserError):
                bookmark.write(vals)

    def test_nothing_unreadable_can_be_kept(self):
        Bookmark = self.env["party.library.bookmark"]
        with self.assertRaises(UserError):
            Bookmark.sudo(self.b1_user).toggle("document", self.document.id)
        with self.assertRaises(UserError):
            Bookmark.sudo(self.member_user).toggle(
                "article", self.draft.section_ids.id)
        for kind, res_id in (("page", 1), ("article", "x"), ("article", None)):
            with self.assertRaises(ValidationError):
                Bookmark.sudo(self.member_user).toggle(kind, res_id)

    def test_a_withdrawn_article_leaves_the_reading_list_until_it_is_back(self):
        Bookmark = self.env["party.library.bookmark"].sudo(self.member_user)
        Bookmark.toggle("article", self.article_9.id)
        self.statute.action_withdraw()
        self.assertFalse(Bookmark.search([]))
        with self.assertRaises(UserError):
            Bookmark.toggle("article", self.article_9.id)
        self.statute.action_reset_draft()
        self.statute.action_publish()
        self.assertEqual(Bookmark.search([]).section_id, self.article_9)

    @mute_logger("odoo.sql_db")
    def test_one_bookmark_per_text(self):
        Bookmark = self.env["party.library.bookmark"].sudo(self.member_user)
        Bookmark.create({"section_id": self.article_5.id})
        with self.assertRaises(IntegrityError):
            with self.env.cr.savepoint():
                Bookmark.create({"section_id": self.article_5.id})
