# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Draft minutes (issue #17, item 4): the condenser on Vietnamese notes, its
recall on a hand-labelled set, and "Draft the minutes" for each role."""
import logging
import os
import unittest

import yaml

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import mute_logger

from odoo.addons.party_handbook.library.text import unaccent
from odoo.addons.party_handbook.tests.test_data_protection import (
    unclassified_fields)
from odoo.addons.party_handbook.tests.test_integrity import FORGED

from ..models import minutes_draft
from ..models.minutes_draft import MAX_POINTS, condense
from .common import MeetingCase

_logger = logging.getLogger(__name__)

REFUSED = (AccessError, UserError)
# what a caller may send to try to unlock a frozen meeting
FORGED_DRAFT = dict(FORGED, internal=True, force=True, internal_write=True,
                    tracking_disable=True)
LABELLED = os.path.join(os.path.dirname(__file__), "data", "minutes_notes.yaml")
# recall of the hand-marked main points the draft must reach (measured:
# 20 of 23 = 0.87 when this test was written)
RECALL_THRESHOLD = 0.75

ROAD = ("Đồng chí Hùng phản ánh đường liên thôn từ cầu Phước Yên đến trường "
        "tiểu học bị sạt lở sau mưa lớn, học sinh đi lại nguy hiểm. Đề nghị "
        "chi bộ kiến nghị Đảng ủy xã sửa chữa trước mùa mưa năm sau.")
NOTES = [
    (1, ROAD),
    (2, "Nhất trí."),
    (3, "Đường liên thôn sạt lở nặng, tôi cũng thấy vậy."),
    (4, "Đề nghị chi bộ thăm hỏi đảng viên cao tuổi Nguyễn Văn Lợi đang ốm "
        "nặng."),
    (5, "Cảm ơn các đồng chí."),
]


def load_labelled():
    with open(LABELLED, encoding="utf-8") as handle:
        return yaml.safe_load(handle)["meetings"]


def measure_recall(meetings):
    """(main points found, main points marked, points drafted) over the
    labelled meetings, each agenda item condensed as the action does (the
    other items' notes as background)."""
    found = marked = drafted = 0
    for meeting in meetings:
        for item in meeting["items"]:
            notes = list(enumerate(item["notes"], 1))
            background = [text for other in meeting["items"] if other is not item
                          for text in other["notes"]]
            points = condense(notes, background=background)
            drafted += len(points)
            for main in item["main_points"]:
                marked += 1
                found += any(point.key == main[0] and any(
                    passage in point.text for passage in main[1:])
                    for point in points)
    return found, marked, drafted


class TestCondenser(unittest.TestCase):
    """The condenser alone: plain Python, no database."""

    def test_keeps_the_main_points_and_drops_what_only_agrees(self):
        points = condense(NOTES)
        keys = [point.key for point in points]
        self.assertIn(1, keys)
        self.assertIn(4, keys)
        # agreement, thanks and an echo of the road are not points
        self.assertNotIn(2, keys)
        self.assertNotIn(3, keys)
        self.assertNotIn(5, keys)
        # in the order they were noted
        self.assertEqual(keys, sorted(keys))

    def test_each_point_is_verbatim_and_traceable_to_its_note(self):
        texts = dict(NOTES)
        for meeting in load_labelled():
            for item in meeting["items"]:
                notes = dict(enumerate(item["notes"], 1))
                for point in condense(list(notes.items())):
                    self.assertIn(point.text, notes[point.key])
        for point in condense(NOTES):
            self.assertIn(point.text, texts[point.key])
        # a short request comes with the sentence that says what it is about
        road = [point for point in condense(NOTES) if point.key == 1][0]
        self.assertIn("sạt lở", road.text)

    def test_near_duplicates_are_dropped(self):
        notes = [
            (1, "Đề nghị thành lập tổ công nghệ số cộng đồng gồm đoàn viên "
                "thanh niên, giao đồng chí Phương làm tổ trưởng."),
            (2, "De nghi thanh lap to cong nghe so cong dong gom doan vien "
                "thanh nien, giao dong chi Phuong lam to truong."),
            (3, "Đề nghị thành lập tổ công nghệ số cộng đồng, giao đồng chí "
                "Phương làm tổ trưởng."),
            (4, "Cần hướng dẫn bà con cách nhận biết tin nhắn lừa đảo qua "
                "mạng."),
            (5, "Nhiều người cao tuổi chưa có điện thoại thông minh."),
        ]
        points = condense(notes)
        keys = [point.key for point in points]
        self.assertEqual(len(set(keys) & {1, 2, 3}), 1, keys)
        self.assertIn(4, keys)

    def test_notes_without_diacritics_weigh_the_same(self):
        unaccented = [(key, unaccent(text)) for key, text in NOTES]
        self.assertEqual([p.key for p in condense(unaccented)],
                         [p.key for p in condense(NOTES)])
        # and the text is given as typed, without diacritics
        for point in condense(unaccented):
            self.assertIn(point.text, dict(unaccented)[point.key])

    def test_deterministic(self):
        meetings = load_labelled()
        first = [condense(list(enumerate(item["notes"], 1)))
                 for meeting in meetings for item in meeting["items"]]
        second = [condense(list(enumerate(item["notes"], 1)))
                  for meeting in meetings for item in meeting["items"]]
        self.assertEqual(first, second)

    def test_empty_notes(self):
        self.assertEqual(condense([]), [])
        self.assertEqual(condense([(1, ""), (2, "  \n "), (3, False),
                                   (4, "... ; !")]), [])
        # one remark, one point
        self.assertEqual(condense([(1, "Đề nghị sửa đèn kiệt 12.")]),
                         [minutes_draft.Point(1, "Đề nghị sửa đèn kiệt 12.", 1.0)])

    def test_number_of_points_follows_the_discussion_within_bounds(self):
        self.assertEqual(minutes_draft.point_count(0), 0)
        self.assertEqual(minutes_draft.point_count(1), 1)
        self.assertEqual(minutes_draft.point_count(5), 3)
        self.assertEqual(minutes_draft.point_count(200), MAX_POINTS)
        many = [(index, "Ý kiến số %s về việc %s của thôn %s." % (
            index, topic, index % 7)) for index, topic in enumerate(
                ["làm đường", "điện chiếu sáng", "vệ sinh môi trường",
                 "quỹ người nghèo", "an ninh trật tự", "khuyến học"] * 6)]
        self.assertLessEqual(len(condense(many)), MAX_POINTS)

    def test_recall_on_the_labelled_meetings(self):
        meetings = load_labelled()
        notes = sum(len(item["notes"]) for meeting in meetings
                    for item in meeting["items"])
        self.assertGreaterEqual(notes, 40)
        found, marked, drafted = measure_recall(meetings)
        recall = found / float(marked)
        _logger.info("draft minutes: recall of the hand-marked main points "
                     "%d/%d = %.2f (%d points drafted from %d notes)",
                     found, marked, recall, drafted, notes)
        self.assertGreaterEqual(recall, RECALL_THRESHOLD)
        # condensed: fewer points than notes
        self.assertLess(drafted, notes * 0.7)


class TestDraftMinutes(MeetingCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.b1_secretary_user = cls.create_user(
            "secretary", [cls.cell_b1], login="ph_secretary_b1")

    def held_meeting(self, close=True):
        """A meeting of cell A1 held with two agenda items, the secretary's
        notes (typed by the cell's secretary) and a vote."""
        meeting = self.started_meeting(agenda_item_ids=[
            (0, 0, {"name": "Đánh giá kết quả tháng trước", "sequence": 1}),
            (0, 0, {"name": "Thảo luận, góp ý", "sequence": 2})])
        first, second = meeting.agenda_item_ids
        Note = self.env["party.meeting.note"].sudo(self.secretary_user)
        self.notes = Note.browse()
        for key, text in NOTES:
            self.notes |= Note.create({
                "meeting_id": meeting.id, "agenda_item_id": second.id,
                "speaker_id": self.officials[key % 4].id, "text": text})
        self.notes |= Note.create({
            "meeting_id": meeting.id, "agenda_item_id": first.id,
            "text": "Chi bộ thu đảng phí đạt 100%. Việc thu quỹ phòng chống "
                    "thiên tai mới đạt 65% kế hoạch."})
        motion = self.motion(meeting, name="Nghị quyết sửa đường liên thôn")
        motion.action_open_vote()
        motion.write({"yes_count": 5, "no_count": 0, "abstain_count": 1})
        motion.action_close_vote()
        if close:
            meeting.action_close()
        return meeting

    def test_secretary_gets_a_draft(self):
        meeting = self.held_meeting()
        result = meeting.sudo(self.secretary_user).action_draft_minutes()
        self.assertIs(result, True)
        minutes = meeting.minutes
        # the main points, each followed by a link to its note
        road = self.notes[0]
        self.assertIn("Đề nghị chi bộ kiến nghị Đảng ủy xã", minutes)
        self.assertIn('href="/web#id=%d&amp;model=party.meeting.note'
                      % road.id, minutes)
        self.assertIn("(note no. %d)" % road.number, minutes)
        self.assertIn("mới đạt 65% kế hoạch", minutes)
        self.assertNotIn("Cảm ơn các đồng chí", minutes)
        self.assertNotIn("Nhất trí.", minutes)
        # attendance, votes and the verdict's explanation
        self.assertIn("Present: %d." % meeting.present_count, minutes)
        self.assertIn("Nghị quyết sửa đường liên thôn", minutes)
        self.assertIn("Passed", minutes)
        self.assertIn("In favour: 5, against: 0, abstaining: 1.", minutes)
        explanation = meeting.motion_ids.explanation.splitlines()[-1]
        self.assertIn(explanation.split(" (")[0], minutes)
        # the header
        self.assertIn("Chair: %s" % self.a1_other.name, minutes)
        # nothing approved
        self.assertEqual(meeting.state, "closed")
        self.assertFalse(meeting.minutes_approved_by)
        self.assertFalse(meeting.minutes_approved_on)

    def test_numbers_follow_the_notes_and_cannot_be_written(self):
        meeting = self.held_meeting(close=False)
        self.assertEqual(self.notes.mapped("number"), list(range(1, 7)))
        with self.assertRaises(UserError):
            self.notes[0].sudo(self.secretary_user).write({"number": 9})
        with self.assertRaises(UserError):
            self.env["party.meeting.note"].sudo(self.secretary_user).create({
                "meeting_id": meeting.id, "text": "x", "number": 1})
        # drafted while in progress, the meeting stays in progress
        meeting.sudo(self.secretary_user).action_draft_minutes()
        self.assertEqual(meeting.state, "in_progress")
        self.assertIn("Đề nghị chi bộ thăm hỏi", meeting.minutes)

    def test_officer_of_the_commune_drafts(self):
        meeting = self.held_meeting()
        meeting.sudo(self.officer_user).action_draft_minutes()
        self.assertIn("(note no. 1)", meeting.minutes)

    @mute_logger("odoo.models", "odoo.addons.base.ir.ir_model")
    def test_other_cell_secretary_refused(self):
        meeting = self.held_meeting()
        before = meeting.minutes
        other = meeting.sudo(self.b1_secretary_user)
        for method in ("action_draft_minutes", "action_redraft_minutes",
                       "action_prefill_minutes"):
            with self.subTest(method=method), self.assertRaises(AccessError):
                getattr(other.with_context(**FORGED_DRAFT), method)()
        Note = self.env["party.meeting.note"].sudo(self.b1_secretary_user)
        self.assertFalse(Note.search([("meeting_id", "=", meeting.id)]))
        with self.assertRaises(AccessError):
            Note.create({"meeting_id": meeting.id, "text": "Ghi chép lạ"})
        with self.assertRaises(AccessError):
            self.notes[0].sudo(self.b1_secretary_user).read(["text"])
        meeting.invalidate_cache()
        self.assertEqual(meeting.minutes, before)

    @mute_logger("odoo.models", "odoo.addons.base.ir.ir_model")
    def test_member_refused(self):
        meeting = self.held_meeting()
        member = meeting.sudo(self.member_user).with_context(**FORGED_DRAFT)
        for method in ("action_draft_minutes", "action_redraft_minutes"):
            with self.subTest(method=method), self.assertRaises(AccessError):
                getattr(member, method)()
        # members never read the notes, not even once the minutes are
        # approved (they read the minutes)
        meeting.sudo(self.secretary_user).action_approve_minutes()
        Note = self.env["party.meeting.note"].sudo(self.member_user)
        with self.assertRaises(AccessError):
            Note.search([])
        with self.assertRaises(AccessError):
            self.notes[0].sudo(self.member_user).read(["text"])
        with self.assertRaises(AccessError):
            Note.create({"meeting_id": meeting.id, "text": "x"})
        self.assertNotIn("note_ids", meeting.sudo(self.member_user).fields_get())

    @mute_logger("odoo.models", "odoo.addons.base.ir.ir_model")
    def test_supervisor_reads_the_notes_only(self):
        supervisor = self.create_user("supervisor", [self.cell_a1],
                                      login="ph_supervisor_a1")
        meeting = self.held_meeting()
        note = self.notes[0].sudo(supervisor)
        self.assertEqual(note.text, ROAD)
        with self.assertRaises(AccessError):
            note.write({"text": "Sửa"})
        with self.assertRaises(AccessError):
            meeting.sudo(supervisor).action_draft_minutes()

    @mute_logger("odoo.models", "odoo.addons.base.ir.ir_model")
    def test_frozen_after_approval(self):
        meeting = self.held_meeting()
        meeting.sudo(self.secretary_user).action_draft_minutes()
        meeting.sudo(self.secretary_user).action_approve_minutes()
        self.assertEqual(meeting.state, "approved")
        minutes = meeting.minutes
        forged = meeting.sudo(self.secretary_user).with_context(**FORGED_DRAFT)
        for method in ("action_draft_minutes", "action_redraft_minutes",
                       "action_prefill_minutes"):
            with self.subTest(method=method), self.assertRaises(UserError):
                getattr(forged, method)()
        note = self.notes[0].sudo(self.secretary_user).with_context(
            **FORGED_DRAFT)
        with self.assertRaises(UserError):
            note.write({"text": "Sửa sau khi duyệt"})
        with self.assertRaises(UserError):
            note.unlink()
        with self.assertRaises(UserError):
            note.create({"meeting_id": meeting.id, "text": "Thêm sau khi duyệt"})
        # not even the manager
        with self.assertRaises(UserError):
            self.notes[0].sudo(self.manager_user).write({"text": "Sửa"})
        meeting.invalidate_cache()
        self.assertEqual(meeting.minutes, minutes)
        self.assertEqual(self.notes[0].text, ROAD)

    def test_edited_minutes_are_replaced_only_when_confirmed(self):
        meeting = self.held_meeting()
        secretary = meeting.sudo(self.secretary_user)
        # the draft made at closing is not an edit
        self.assertFalse(meeting._minutes_edited())
        secretary.write({"minutes": "<p>Biên bản do thư ký sửa.</p>"})
        self.assertTrue(meeting._minutes_edited())
        action = secretary.action_draft_minutes()
        self.assertEqual(action["res_model"], "party.meeting.minutes.draft.wizard")
        self.assertIn("Biên bản do thư ký sửa.", meeting.minutes)
        # a forged checksum does not make the edit a draft
        with self.assertRaises(UserError):
            secretary.with_context(**FORGED_DRAFT).write(
                {"minutes_draft_checksum": "x"})
        wizard = self.env[action["res_model"]].sudo(
            self.secretary_user).with_context(action["context"]).create({})
        wizard.action_confirm()
        self.assertNotIn("Biên bản do thư ký sửa.", meeting.minutes)
        self.assertIn("(note no. 1)", meeting.minutes)
        self.assertFalse(meeting._minutes_edited())
        self.assertEqual(meeting.state, "closed")
        self.assertFalse(meeting.minutes_approved_by)

    @mute_logger("odoo.models")
    def test_notes_follow_the_meeting(self):
        meeting = self.new_meeting(agenda_item_ids=[(0, 0, {"name": "Mục"})])
        Note = self.env["party.meeting.note"].sudo(self.secretary_user)
        # a draft has no discussion yet
        with self.assertRaises(UserError):
            Note.create({"meeting_id": meeting.id, "text": "Sớm quá"})
        meeting.action_announce()
        note = Note.create({"meeting_id": meeting.id, "text": "Chuẩn bị"})
        self.assertEqual(note.number, 1)
        # the speaker is on the roster, the item is the meeting's
        newcomer = self.create_member("Lê Thị Mới", self.cell_a1, "official")
        with self.assertRaises(ValidationError):
            Note.create({"meeting_id": meeting.id, "text": "x",
                         "speaker_id": newcomer.id})
        # a member the secretary may not read is not named at all
        with self.assertRaises(AccessError):
            Note.create({"meeting_id": meeting.id, "text": "x",
                         "speaker_id": self.b1_official.id})
        other = self.new_meeting(agenda_item_ids=[(0, 0, {"name": "Khác"})])
        with self.assertRaises(ValidationError):
            Note.create({"meeting_id": meeting.id, "text": "x",
                         "agenda_item_id": other.agenda_item_ids.id})
        # a note stays in its meeting
        with self.assertRaises(UserError):
            note.write({"meeting_id": other.id})
        meeting.action_cancel()
        with self.assertRaises(UserError):
            note.write({"text": "Sau khi hủy"})

    def test_notes_are_classified_personal_data(self):
        self.assertFalse(unclassified_fields(self.env, "party.meeting.note"))
        sensitive = self.env["party.data.field"].search([
            ("model", "=", "party.meeting.note"),
            ("category", "=", "sensitive")]).mapped("field_name")
        self.assertEqual(sorted(sensitive), ["speaker_id", "text"])

    def test_meetings_without_note_records_condense_their_discussion(self):
        meeting = self.started_meeting(
            agenda_item_ids=[(0, 0, {
                "name": "Thảo luận",
                "notes": "Nhất trí.\nĐề nghị sửa đèn chiếu sáng kiệt 12."})],
            discussion="<p>Chi bộ thống nhất giao tổ 3 vận động nộp quỹ.</p>"
                       "<p>Cảm ơn các đồng chí.</p>")
        meeting.action_close()
        minutes = " ".join(meeting.minutes.split())
        self.assertIn("Đề nghị sửa đèn chiếu sáng kiệt 12. "
                      "<em>(notes of the item, line 2)</em>", minutes)
        self.assertIn("Chi bộ thống nhất giao tổ 3 vận động nộp quỹ. "
                      "<em>(discussion summary, paragraph 1)</em>", minutes)
        self.assertNotIn("Cảm ơn các đồng chí", minutes)
