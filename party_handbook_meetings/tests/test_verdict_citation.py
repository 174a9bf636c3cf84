# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A verdict cites the library article its rule is written in (issue #17):
searching the words of the rule finds the same article."""
from odoo.exceptions import UserError

from .common import MeetingCase


class TestVerdictCitation(MeetingCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Section = cls.env["party.library.section"]
        # the demo database's Statute may already hold the article
        cls.article = Section.cited("vote_majority")
        if not cls.article:
            text = cls.env["party.library.text"].create({
                "name": "Điều lệ Đảng (test)", "kind": "statute",
                "section_ids": [(0, 0, {
                    "code": "Điều 9, khoản 5", "cite_key": "vote_majority",
                    "body": "Nghị quyết của các cơ quan lãnh đạo của Đảng chỉ "
                            "có giá trị thi hành khi có hơn một nửa số thành "
                            "viên trong cơ quan lãnh đạo tán thành."})]})
            text.action_publish()
            cls.article = text.section_ids

    def closed_motion(self):
        meeting = self.started_meeting()
        motion = self.motion(meeting)
        motion.action_open_vote()
        motion.write({"yes_count": 4, "no_count": 1})
        motion.action_close_vote()
        return motion

    def test_the_verdict_cites_the_article_and_links_it(self):
        motion = self.closed_motion()
        self.assertEqual(motion.result, "passed")
        self.assertEqual(motion.cited_section_id, self.article)
        self.assertIn(self.article.display_name, motion.explanation)
        # the member finds the same article by the rule's words, unaccented
        results = self.env["party.library"].sudo(self.member_user).search_library(
            "bieu quyet hon mot nua tan thanh", limit=3)
        self.assertIn(("article", self.article.id),
                      [(r["kind"], r["id"]) for r in results])

    def test_the_citation_is_frozen_with_the_verdict(self):
        motion = self.closed_motion()
        for context in ({}, {"party_internal": True}):
            with self.assertRaises(UserError):
                motion.with_context(**context).write({"cited_section_id": False})
        self.assertEqual(motion.cited_section_id, self.article)

    def test_without_the_article_in_the_library_nothing_is_cited(self):
        text = self.article.text_id
        state = text.state
        text.sudo().action_withdraw()
        try:
            motion = self.closed_motion()
            self.assertFalse(motion.cited_section_id)
            self.assertNotIn("library", motion.explanation)
        finally:
            if state == "published":
                text.sudo().action_reset_draft()
                text.sudo().action_publish()
