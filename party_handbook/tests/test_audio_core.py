# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The audio core (models/party_audio.py): asking twice makes once, a failed
text is marked failed and does not stop the others, the listened share is a
rule tested at its edge, nobody writes or reads party.audio directly."""
import base64
import io
import wave

from odoo.exceptions import AccessError, UserError

from .common import PartyCase


class TestAudioCore(PartyCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.document = cls.env["party.document"].create({
            "name": "Nghị quyết về công tác xây dựng Đảng",
            "document_type": "resolution",
            "issuing_organization_id": cls.commune_a.id,
            "content": "<p>Chi bộ tổ chức sinh hoạt đúng kỳ.</p>",
            "target_ids": [(0, 0, {"organization_id": cls.cell_a1.id})],
        })
        cls.document.sudo(cls.officer_user).action_publish()
        cls.Audio = cls.env["party.audio"]

    def request(self, text="Chi bộ họp ngày mười lăm."):
        return self.Audio._request(self.document, "document", text, "Test")

    def test_same_text_is_made_once_and_a_new_text_again(self):
        audio = self.request()
        self.Audio._cron_make_audio(commit=False)
        self.assertEqual(audio.state, "ready")
        self.assertEqual(base64.b64decode(audio.data)[:4], b"OggS")
        made_on = audio.made_on
        self.assertEqual(self.request(), audio)
        self.assertEqual(audio.state, "ready")
        self.assertEqual(audio.made_on, made_on)
        self.assertEqual(self.request("Một văn bản khác."), audio)
        self.assertEqual(audio.state, "pending")
        self.assertEqual(self.Audio._cron_make_audio(commit=False), 1)
        self.assertEqual(audio.state, "ready")

    def test_a_failing_audio_is_marked_and_the_others_are_made(self):
        failing = self.request("   \n  ")
        other = self.Audio._request(self.document, "notice", "Thông báo.", "x")
        self.assertEqual(self.Audio._cron_make_audio(commit=False), 1)
        self.assertEqual(failing.state, "failed")
        self.assertTrue(failing.error)
        self.assertEqual(other.state, "ready")

    def test_listened_share_is_counted_from_the_rule_once(self):
        audio = self.request()
        self.Audio._cron_make_audio(commit=False)
        share = self.Audio._listened_fraction()
        self.assertEqual(share, 0.8)
        user = self.member_user
        self.assertFalse(audio._record_listening(share - 0.01, user))
        self.assertFalse(audio.listen_ids)
        self.assertTrue(audio._record_listening(share, user))
        self.assertTrue(audio._record_listening(1.0, user))
        self.assertEqual(len(audio.listen_ids), 1)
        self.assertEqual(audio.listen_ids.member_id, self.a1_official)
        for wrong in ("abc", None, -0.1, 2):
            with self.assertRaises(UserError):
                audio._record_listening(wrong, user)

    def test_a_reader_of_another_cell_may_not_listen(self):
        audio = self.request()
        self.Audio._cron_make_audio(commit=False)
        outsider = self.create_user("member", [], partner=self.b1_official,
                                    login="ph_outsider")
        with self.assertRaises(AccessError):
            audio._check_listener(outsider)
        with self.assertRaises(AccessError):
            audio._record_listening(1.0, outsider)
        self.assertEqual(audio._check_listener(self.member_user), audio.sudo())

    def test_nobody_reads_or_writes_audio_directly(self):
        audio = self.request()
        for user in (self.member_user, self.secretary_user, self.officer_user,
                     self.manager_user):
            with self.assertRaises(AccessError):
                self.Audio.sudo(user).search([])
            with self.assertRaises(AccessError):
                audio.sudo(user).read(["text"])
            with self.assertRaises(AccessError):
                self.Audio.sudo(user).create({
                    "res_model": "party.document", "res_id": self.document.id,
                    "purpose": "minutes"})
        # a forged context key opens nothing
        forged = self.Audio.with_context(internal_write=True,
                                         party_internal=True)
        with self.assertRaises(UserError):
            forged.create({"res_model": "party.document",
                           "res_id": self.document.id, "purpose": "minutes"})
        with self.assertRaises(UserError):
            audio.with_context(internal_write=True).write({"state": "ready"})
        with self.assertRaises(UserError):
            audio.unlink()

    def test_a_recording_must_be_sound(self):
        audio = self.request()
        with self.assertRaises(UserError):
            audio._replace_with_recording(b"%PDF-1.4 not a sound")
        self.assertEqual(audio.source, "synthetic")

    def test_a_playlist_is_not_a_recording(self):
        """ffmpeg reads sound files only: a playlist naming local files
        (HLS) is refused like any file that is not sound."""
        audio = self.request()
        with self.assertRaises(UserError):
            audio._replace_with_recording(
                b"#EXTM3U\n#EXTINF:1,\nfile:///etc/passwd\n")
        self.assertEqual(audio.source, "synthetic")

    def test_no_recording_before_the_text_is_final(self):
        draft = self.env["party.document"].create({
            "name": "Dự thảo kế hoạch", "document_type": "plan",
            "issuing_organization_id": self.commune_a.id,
            "content": "<p>Dự thảo.</p>",
            "target_ids": [(0, 0, {"organization_id": self.cell_a1.id})],
        })
        silence = io.BytesIO()
        with wave.open(silence, "wb") as sound:
            sound.setparams((1, 2, 16000, 0, "NONE", "not compressed"))
            sound.writeframes(b"\0\0" * 1600)
        with self.assertRaises(UserError) as refused:
            draft.sudo(self.officer_user).action_party_audio_upload(
                "document", base64.b64encode(silence.getvalue()), "doc.wav")
        self.assertIn("final", refused.exception.name)
        self.assertFalse(self.Audio.search([
            ("res_model", "=", "party.document"), ("res_id", "=", draft.id)]))
