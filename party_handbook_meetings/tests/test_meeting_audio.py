# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Spoken notices and minutes (issue #15): asked for by the announcement
and the approval, made by the scheduled action, heard by the meeting's
readers only (the notice once announced, the minutes once approved), saying
nothing a member cannot read (no absent member's name or reason, nothing of
a secret ballot beyond its counts), replaced by a recording by the cell's
book keepers only, whatever the context says."""
import base64
import io
import re
import wave

from odoo.exceptions import AccessError, UserError

from .common import MeetingCase

FORGED = {"party_internal_write": True, "internal_write": True,
          "party_integrity_skip": True, "bypass_checks": True,
          "install_mode": True, "party_audio_manage": True}


def silence_wav(seconds=1):
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(16000)
        out.writeframes(b"\0\0" * 16000 * seconds)
    return base64.b64encode(buffer.getvalue())


class TestMeetingAudio(MeetingCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.b1_user = cls.create_user(
            "member", [], partner=cls.b1_official, login="ph_b1_member")
        cls.a1_user = cls.member_user

    def setUp(self):
        super().setUp()
        self.meeting_ids = []

    def make_audio(self):
        """Make the pending audio of this test's meetings (what the
        scheduled action does for all)."""
        self.env["party.audio"].sudo().search([
            ("state", "=", "pending"), ("res_model", "=", "party.meeting"),
            ("res_id", "in", self.meeting_ids)])._make()
        self.env["party.audio"].invalidate_cache()

    def new_meeting(self, **values):
        meeting = super().new_meeting(**values)
        self.meeting_ids.append(meeting.id)
        return meeting

    def agenda_meeting(self, **values):
        return self.new_meeting(agenda_item_ids=[
            (0, 0, {"sequence": 1, "name": "Học tập nghị quyết về chuyển đổi số"}),
            (0, 0, {"sequence": 2, "name": "Kiểm điểm công tác tháng mười"}),
        ], **values)

    def assert_listens(self, audio, user):
        self.assertEqual(audio._check_listener(user), audio.sudo())

    def assert_deaf(self, audio, user):
        with self.assertRaises(AccessError):
            audio._check_listener(user)

    # --- the notice -------------------------------------------------------

    def test_notice_from_announcement_to_cancellation(self):
        meeting = self.agenda_meeting()
        self.assertFalse(meeting._party_audio("notice"))
        meeting.action_announce()
        audio = meeting._party_audio("notice")
        self.assertEqual((audio.state, audio.purpose, audio.source),
                         ("pending", "notice", "synthetic"))
        text = audio.text
        # 00:30 UTC is 07:30 in Huế, on 5 November 2026
        self.assertRegex(text, r"\b5\b\D+\b11\b\D+\b2026\b")
        self.assertRegex(text, r"\b7\b\D+\b30\b")
        for words in ("Học tập nghị quyết về chuyển đổi số",
                      "Kiểm điểm công tác tháng mười", "Nhà văn hóa thôn",
                      self.cell_a1.name, self.a1_other.name):
            self.assertIn(words, text)
        self.make_audio()
        self.assertEqual(audio.state, "ready")
        self.assertEqual(audio.mimetype, "audio/ogg")
        self.assertGreater(audio.duration, 5)
        self.assertTrue(audio.data)
        # the cell's member listens; another cell's member does not
        self.assert_listens(audio, self.a1_user)
        self.assert_listens(audio, self.secretary_user)
        self.assert_deaf(audio, self.b1_user)
        self.assertTrue(meeting.sudo(self.a1_user).notice_audio_player)
        with self.assertRaises(AccessError):
            meeting.sudo(self.b1_user).read(["notice_audio_player"])
        # a change of place or agenda while announced changes the notice
        meeting.write({"location": "Hội trường Ủy ban xã"})
        self.assertEqual(audio.state, "pending")
        self.assertIn("Hội trường Ủy ban xã", audio.text)
        self.make_audio()
        meeting.agenda_item_ids[0].write({"name": "Bầu tổ trưởng tổ đảng"})
        self.assertEqual(audio.state, "pending")
        self.assertIn("Bầu tổ trưởng tổ đảng", audio.text)
        # cancelled: the notice says so
        meeting.action_cancel()
        self.assertNotEqual(audio.text, text)
        self.make_audio()
        self.assertEqual(audio.state, "ready")
        self.assert_listens(audio, self.a1_user)
        # back to draft: nobody in the cell hears it (nor reads the meeting)
        meeting.action_reset_draft()
        self.assert_deaf(audio, self.a1_user)
        self.assertFalse(meeting._party_audio_may_listen("notice"))

    def test_draft_meeting_has_no_audio(self):
        meeting = self.agenda_meeting()
        meeting._party_audio_request()
        self.assertFalse(self.env["party.audio"].sudo().search([
            ("res_model", "=", "party.meeting"), ("res_id", "=", meeting.id)]))
        with self.assertRaises(AccessError):
            meeting.sudo(self.a1_user)._party_audio("notice")

    # --- the minutes ------------------------------------------------------

    def held_meeting(self):
        """Held with a hands vote and a secret ballot; one member absent
        with a reason, one without."""
        meeting = self.agenda_meeting()
        meeting.action_announce()
        meeting.action_start()
        excused = self.line(meeting, self.officials[2])
        excused.write({"state": "excused",
                       "excuse_reason": "Nằm viện điều trị bệnh tim"})
        self.line(meeting, self.officials[3]).action_absent()
        meeting.attendance_ids.filtered(
            lambda l: l.state == "expected").action_present()
        hands = self.motion(meeting, name="Nghị quyết về vệ sinh môi trường")
        hands.action_open_vote()
        hands.write({"yes_count": 3, "no_count": 0, "abstain_count": 1})
        hands.action_close_vote()
        secret = self.motion(meeting, method="secret",
                             name="Đề nghị khen thưởng đảng viên")
        secret.action_open_vote()
        for member, choice in zip(self.a1_official | self.a1_other |
                                  self.officials[:2], ("yes", "yes", "no", "yes")):
            secret.sudo()._cast(member.id, choice)
        secret.action_close_vote()
        meeting.write({"conclusion": "<p>Chi bộ thống nhất đẩy mạnh phong "
                                     "trào xanh sạch đẹp.</p><p>Giao tổ đảng "
                                     "theo dõi.</p>"})
        meeting.action_close()
        return meeting, hands, secret

    def test_minutes_once_approved_say_counts_only(self):
        meeting, hands, secret = self.held_meeting()
        self.assertFalse(meeting._party_audio("minutes"))
        meeting.sudo(self.secretary_user).action_approve_minutes()
        audio = meeting._party_audio("minutes")
        self.assertEqual(audio.state, "pending")
        text = audio.text
        for words in (self.cell_a1.name, hands.name, secret.name,
                      "Chi bộ thống nhất đẩy mạnh phong trào xanh sạch đẹp",
                      "Giao tổ đảng theo dõi"):
            self.assertIn(words, text)
        # the published counts
        self.assertRegex(text, r"\b%s\b\D+\b%s\b" % (
            secret.yes_count, secret.no_count))
        present = len(meeting.attendance_ids.filtered(
            lambda l: l.state == "present"))
        self.assertIn(str(present), text)
        # no absent member's name or reason, nothing of the ballot's parts
        # nor the explanation's lines
        for words in ("Nằm viện", "bệnh tim", self.officials[2].name,
                      self.officials[3].name, self.suspended.name):
            self.assertNotIn(words, text)
        self.assertNotRegex(text.lower(), r"ballot|paper|online|phiếu|giấy")
        for line in (secret.explanation or "").splitlines():
            if "ballot" in line.lower() or "phiếu" in line.lower():
                self.assertNotIn(line, text)
        self.make_audio()
        self.assertEqual(audio.state, "ready")
        self.assert_listens(audio, self.a1_user)
        self.assert_deaf(audio, self.b1_user)
        # the notice was made for the same meeting (announced earlier)
        self.assertTrue(meeting._party_audio("notice"))
        # listening to the minutes of the frozen meeting is recorded
        self.assertTrue(audio._record_listening(1, self.a1_user))
        line = self.line(meeting, self.a1_official)
        line.invalidate_cache()
        self.assertTrue(line.minutes_listened_on)
        self.assertFalse(line.notice_listened_on)
        self.assertEqual((meeting.minutes_listened_count,
                          meeting.notice_listened_count), (1, 0))

    def test_minutes_not_heard_before_approval(self):
        meeting, __, __ = self.held_meeting()
        self.assertFalse(meeting._party_audio_text("minutes"))
        # even an audio that exists is not heard before approval
        self.env["party.audio"]._request(meeting, "minutes", "Biên bản thử",
                                         "thử")
        self.make_audio()
        audio = meeting._party_audio("minutes")
        self.assertEqual(audio.state, "ready")
        self.assert_deaf(audio, self.a1_user)
        self.assertFalse(meeting.sudo(self.a1_user).minutes_audio_player)

    # --- listening, recording, forged context ----------------------------

    def test_listening_is_recorded_on_the_roster_line(self):
        meeting = self.agenda_meeting()
        meeting.action_announce()
        self.make_audio()
        audio = meeting._party_audio("notice")
        self.assertFalse(audio._record_listening(0.2, self.a1_user))
        line = self.line(meeting, self.a1_official)
        self.assertFalse(line.notice_listened_on)
        self.assertTrue(audio._record_listening(0.95, self.a1_user))
        line.invalidate_cache()
        self.assertTrue(line.notice_listened_on)
        self.assertEqual(meeting.notice_listened_count, 1)
        self.assertEqual(meeting.sudo(self.secretary_user).notice_listened_count,
                         1)
        # another cell's member cannot report listening
        with self.assertRaises(AccessError):
            audio._record_listening(1, self.b1_user)
        # nobody writes the date by hand, whatever the context
        for user in (self.a1_user, self.secretary_user):
            with self.assertRaises((AccessError, UserError)):
                line.sudo(user).with_context(**FORGED).write(
                    {"notice_listened_on": "2026-01-01 00:00:00"})
        # members do not read who listened
        with self.assertRaises(AccessError):
            line.sudo(self.a1_user).read(["notice_listened_on"])

    def test_recording_by_book_keepers_only(self):
        meeting, __, __ = self.held_meeting()
        meeting.sudo(self.secretary_user).action_approve_minutes()
        self.make_audio()
        recording = silence_wav()
        for user in (self.a1_user, self.b1_user, self.supervisor_user):
            with self.assertRaises(AccessError):
                meeting.sudo(user).with_context(**FORGED) \
                    .action_party_audio_upload("minutes", recording, "a.wav")
            with self.assertRaises(AccessError):
                meeting.sudo(user).with_context(
                    **FORGED).action_party_audio_upload_wizard()
        # the approved meeting stays frozen; its secretary reads the minutes
        wizard = self.env["party.meeting.audio.upload.wizard"].sudo(
            self.secretary_user).create({
                "meeting_id": meeting.id, "purpose": "minutes",
                "recording": recording, "filename": "bien-ban.wav"})
        wizard.action_upload()
        audio = meeting._party_audio("minutes")
        self.assertEqual((audio.source, audio.state), ("human", "ready"))
        self.assertEqual(meeting.state, "approved")
        self.assert_listens(audio, self.a1_user)
        # a member's forged wizard fails the same way
        with self.assertRaises(AccessError):
            self.env["party.meeting.audio.upload.wizard"].sudo(
                self.a1_user).with_context(**FORGED).create({
                    "meeting_id": meeting.id, "purpose": "minutes",
                    "recording": recording}).action_upload()
        # back to the synthetic voice
        meeting.sudo(self.secretary_user).action_party_audio_minutes_synthetic()
        self.assertEqual((audio.source, audio.state), ("synthetic", "pending"))

    def test_forged_context_does_not_open_the_audio(self):
        meeting = self.agenda_meeting()
        meeting.action_announce()
        self.make_audio()
        audio = meeting._party_audio("notice")
        forged = audio.sudo(self.b1_user).with_context(**FORGED)
        with self.assertRaises(AccessError):
            forged._check_listener()
        with self.assertRaises(AccessError):
            meeting.sudo(self.b1_user).with_context(**FORGED)._party_audio(
                "notice")
        # nobody reads party.audio directly
        with self.assertRaises(AccessError):
            audio.sudo(self.a1_user).with_context(**FORGED).read(["data"])
        # a member cannot write the audio's text
        with self.assertRaises((AccessError, UserError)):
            audio.sudo(self.secretary_user).with_context(**FORGED).write(
                {"text": "Bí mật"})
        self.assertTrue(re.search(r"\S", audio.text))

    def test_older_meetings_get_audio_on_request(self):
        """Minutes approved before meetings spoke: the update's script (or a
        book keeper) asks for them; a member cannot."""
        meeting, __, __ = self.held_meeting()
        meeting.sudo(self.secretary_user).action_approve_minutes()
        audios = self.env["party.audio"].sudo().search([
            ("res_model", "=", "party.meeting"), ("res_id", "=", meeting.id)])
        self.env.cr.execute("DELETE FROM party_audio WHERE id IN %s",
                            (tuple(audios.ids),))
        self.env["party.audio"].invalidate_cache()
        with self.assertRaises(AccessError):
            meeting.sudo(self.a1_user).with_context(
                **FORGED).action_party_audio_make()
        self.assertFalse(meeting._party_audio("minutes"))
        meeting.sudo(self.secretary_user).action_party_audio_make()
        self.assertEqual(meeting._party_audio("minutes").state, "pending")
        self.assertEqual(meeting._party_audio("notice").state, "pending")
