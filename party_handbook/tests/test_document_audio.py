# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Documents' audio (issue #15, part B): requested on publishing, made by
the scheduled action, replaced by a human recording by the officers who may
publish, listened to by the recipients only, and counted like reading."""
import base64
import io
import math
import re
import struct
import time
import wave

from odoo.exceptions import AccessError, UserError

from ..models.party_document_audio import html_to_spoken_text
from .common import PartyCase

# contexts a caller may send over RPC: none may unlock anything
FORGED = {"party_internal_write": True, "internal_write": True,
          "party_integrity_bypass": True, "force": True, "sudo": True,
          "install_mode": True, "module": "party_handbook",
          "tracking_disable": True, "mail_notrack": True,
          "bypass_checks": True}


def tone_wav(seconds=1.0, rate=8000):
    """A short sine tone as WAV bytes (a "human recording")."""
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(b"".join(
            struct.pack("<h", int(8000 * math.sin(2 * math.pi * 440 * i / rate)))
            for i in range(int(seconds * rate))))
    return buffer.getvalue()


class DocumentAudioCase(PartyCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.b1_user = cls.create_user("member", [], partner=cls.b1_official,
                                      login="ph_member_b1")
        cls.officer_b = cls.create_user("officer", [cls.cell_b1.parent_id],
                                        login="ph_officer_b")
        cls.Audio = cls.env["party.audio"].sudo()
        # the demo's pending audio (if any) is not this test's business
        cls.env.cr.execute("""UPDATE party_audio SET state = 'failed'
                               WHERE state = 'pending'""")

    def publish(self, content="<p>Các chi bộ quán triệt đến từng đảng viên.</p>",
                **values):
        vals = {
            "name": "Nghị quyết về công tác xây dựng Đảng",
            "document_type": "resolution",
            "issuing_organization_id": self.commune_a.id,
            "date": "2026-03-05",
            "content": content,
            "target_ids": [(0, 0, {"organization_id": self.commune_a.id,
                                   "include_subtree": True})],
        }
        vals.update(values)
        document = self.env["party.document"].sudo(self.officer_user).create(vals)
        document.action_publish()
        return document

    def audio_of(self, document):
        return self.Audio.search([("res_model", "=", "party.document"),
                                  ("res_id", "=", document.id),
                                  ("purpose", "=", "document")])

    def make(self):
        return self.env["party.audio"]._cron_make_audio(commit=False)

    def receipt(self, document, member):
        return self.env["party.document.receipt"].sudo().search([
            ("document_id", "=", document.id), ("member_id", "=", member.id)])


class TestDocumentAudioMaking(DocumentAudioCase):

    def test_publishing_asks_for_the_audio_and_the_job_makes_it(self):
        draft = self.env["party.document"].sudo(self.officer_user).create({
            "name": "Dự thảo", "issuing_organization_id": self.commune_a.id,
            "target_ids": [(0, 0, {"organization_id": self.cell_a1.id})]})
        self.assertFalse(draft._party_audio_text("document"),
                         "a draft has nothing to say")
        self.assertFalse(self.audio_of(draft))
        document = self.publish()
        audio = self.audio_of(document)
        self.assertEqual((audio.state, audio.source), ("pending", "synthetic"))
        self.assertFalse(audio.data, "nothing is spoken in the request")
        text = audio.text.split("\n")
        self.assertEqual(text[0], "Nghị quyết số %s" % document.number)
        self.assertEqual(text[1], "Nghị quyết về công tác xây dựng Đảng")
        self.assertEqual(text[2], "Commune A, ngày 5 tháng 3 năm 2026")
        self.assertEqual(text[3], "Các chi bộ quán triệt đến từng đảng viên.")
        self.assertEqual(document.sudo(self.officer_user).audio_state, "pending")

        self.assertGreaterEqual(self.make(), 1)
        audio.invalidate_cache()
        self.assertEqual(audio.state, "ready")
        data = base64.b64decode(audio.data)
        self.assertEqual(data[:4], b"OggS")
        self.assertEqual(audio.mimetype, "audio/ogg")
        self.assertEqual(audio.file_size, len(data))
        # a Vietnamese syllable is a word: between 0.15 and 0.8 s each
        syllables = len(re.findall(r"\w+", audio.script))
        self.assertGreater(syllables, 20)
        self.assertGreater(audio.duration, 0)
        self.assertTrue(0.15 * syllables < audio.duration < 0.8 * syllables,
                        "%s s for %s syllables" % (audio.duration, syllables))
        self.assertGreater(audio.seconds_to_make, 0)
        # the form shows it to the officer, with a player built by the server
        document = document.sudo(self.officer_user)
        document.invalidate_cache()
        self.assertEqual(document.audio_state, "ready")
        self.assertEqual(document.audio_source, "synthetic")
        self.assertTrue(document.audio_duration)
        self.assertIn('src="/party_handbook/audio/%s"' % audio.id,
                      document.audio_player)
        self.assertIn('preload="none"', document.audio_player)
        self.assertEqual(document._party_audio_url("document"),
                         "/party_handbook/audio/%s" % audio.id)

    def test_attachments_are_named_at_the_end(self):
        attachment = self.env["ir.attachment"].create({
            "name": "Phụ lục kế hoạch.pdf", "datas_fname": "Phụ lục kế hoạch.pdf",
            "datas": base64.b64encode(b"%PDF-1.4 test")})
        document = self.publish(attachment_ids=[(6, 0, attachment.ids)])
        self.assertTrue(self.audio_of(document).text.endswith(
            "Kèm theo: Phụ lục kế hoạch.pdf."))

    def test_spoken_text_has_no_address_markup_or_table_grid(self):
        html = (
            "<h2>I. Mục tiêu</h2><p>Xem <a href='https://example.org/x?a=1'>"
            "hướng dẫn</a> tại https://example.org/y và <b>*chú ý*</b> "
            "## tiêu đề</p>"
            "<table><tr><th>Chi bộ</th><th>Số đảng viên</th></tr>"
            "<tr><td>Chi bộ 1</td><td>25</td></tr></table>"
            "<ul><li>Một</li><li>Hai</li></ul><p><br></p>"
            "<script>alert(1)</script><img src='x.png' alt='Biểu đồ'/>")
        text = html_to_spoken_text(html)
        self.assertEqual(text.split("\n"), [
            "I. Mục tiêu", "Xem hướng dẫn tại và chú ý tiêu đề",
            "Chi bộ, Số đảng viên", "Chi bộ 1, 25", "Một", "Hai", "Biểu đồ"])
        self.assertNotIn("http", text)
        self.assertNotIn("*", text)
        self.assertEqual(html_to_spoken_text(False), "")
        self.assertEqual(html_to_spoken_text("<p><br></p>"), "")

    def test_publishing_stays_fast(self):
        """Asking for the audio adds a search and an insert, no speech."""
        document = self.publish()
        self.assertEqual(self.audio_of(document).state, "pending")
        started = time.time()
        for _i in range(5):
            self.publish()
        per_document = (time.time() - started) / 5
        self.assertLess(per_document, 2.0, "publishing speaks nothing")

    def test_a_failed_audio_is_made_again_by_an_officer(self):
        document = self.publish()
        audio = self.audio_of(document)
        self.env.cr.execute("UPDATE party_audio SET state = 'failed', "
                            "error = 'espeak missing' WHERE id = %s",
                            (audio.id,))
        audio.invalidate_cache()
        with self.assertRaises(AccessError):
            document.sudo(self.secretary_user).action_document_audio_again()
        document.sudo(self.officer_user).action_document_audio_again()
        audio.invalidate_cache()
        self.assertEqual((audio.state, audio.error), ("pending", False))
        self.make()
        audio.invalidate_cache()
        self.assertEqual(audio.state, "ready")


class TestDocumentRecording(DocumentAudioCase):

    def test_an_officer_replaces_the_voice_and_a_text_change_keeps_it(self):
        document = self.publish()
        self.make()
        audio = self.audio_of(document)
        wizard = self.env["party.audio.upload.wizard"].sudo(
            self.officer_user).create({
                "res_model": "party.document", "res_id": document.id,
                "purpose": "document", "filename": "ban-doc.wav",
                "data": base64.b64encode(tone_wav(1.5))})
        wizard.action_upload()
        audio.invalidate_cache()
        self.assertEqual((audio.source, audio.state), ("human", "ready"))
        self.assertAlmostEqual(audio.duration, 1.5, delta=0.2)
        self.assertEqual(base64.b64decode(audio.data)[:4], b"OggS")
        self.assertEqual(audio.engine, "ban-doc.wav")
        # a new text (e.g. a correction) leaves the recording alone
        self.env["party.audio"]._request(document, "document", "Văn bản khác",
                                         "x")
        audio.invalidate_cache()
        self.assertEqual((audio.source, audio.state), ("human", "ready"))
        self.assertAlmostEqual(audio.duration, 1.5, delta=0.2)
        document.sudo(self.officer_user).invalidate_cache()
        self.assertEqual(document.sudo(self.officer_user).audio_source, "human")
        # and back to the synthetic voice
        document.sudo(self.officer_user).action_document_audio_synthetic()
        audio.invalidate_cache()
        self.assertEqual((audio.source, audio.state), ("synthetic", "pending"))
        self.make()
        audio.invalidate_cache()
        self.assertEqual(audio.state, "ready")
        self.assertGreater(audio.duration, 5)

    def test_who_may_not_replace_the_voice(self):
        document = self.publish()
        data = base64.b64encode(tone_wav(0.5))
        for user in (self.member_user, self.secretary_user, self.supervisor_user,
                     self.officer_b, self.b1_user):
            with self.assertRaises(AccessError, msg=user.login):
                document.sudo(user).with_context(**FORGED)\
                    .action_party_audio_upload("document", data, "x.wav")
            with self.assertRaises(AccessError, msg=user.login):
                document.sudo(user).with_context(**FORGED)\
                    .action_document_audio_synthetic()
            with self.assertRaises(AccessError, msg=user.login):
                self.env["party.audio.upload.wizard"].sudo(user).with_context(
                    **FORGED).create({
                        "res_model": "party.document", "res_id": document.id,
                        "purpose": "document", "data": data}).action_upload()
        self.assertEqual(self.audio_of(document).source, "synthetic")
        # a manager of the city may (as they may publish)
        document.sudo(self.manager_user).action_party_audio_upload(
            "document", data, "x.wav")
        self.assertEqual(self.audio_of(document).source, "human")

    def test_a_file_that_is_not_sound_is_refused(self):
        document = self.publish()
        with self.assertRaises(UserError):
            document.sudo(self.officer_user).action_party_audio_upload(
                "document", base64.b64encode(b"not a sound file"), "x.mp3")
        self.assertEqual(self.audio_of(document).source, "synthetic")


class TestDocumentListening(DocumentAudioCase):

    def setUp(self):
        super().setUp()
        self.document = self.publish()
        self.make()
        self.audio = self.audio_of(self.document)
        self.assertEqual(self.audio.state, "ready")

    def test_recipients_listen_others_do_not(self):
        # the supervisor serves cell A2, reached by the document
        for user in (self.member_user, self.secretary_user, self.officer_user,
                     self.supervisor_user, self.manager_user):
            audio = self.document.sudo(user)._party_audio("document")
            self.assertEqual(audio, self.audio)
            self.audio.sudo(user)._check_listener()
        for user in (self.b1_user, self.officer_b):
            with self.assertRaises(AccessError, msg=user.login):
                self.document.sudo(user).with_context(**FORGED)\
                    ._party_audio("document")
            with self.assertRaises(AccessError, msg=user.login):
                self.audio.sudo(user).with_context(**FORGED)._check_listener()
            with self.assertRaises(AccessError, msg=user.login):
                self.audio.sudo(user).with_context(**FORGED)\
                    ._record_listening(1.0)
        # nobody but the administrator reads party.audio directly
        for user in (self.member_user, self.officer_user, self.manager_user):
            with self.assertRaises(AccessError, msg=user.login):
                self.env["party.audio"].sudo(user).search([])
            with self.assertRaises(AccessError, msg=user.login):
                self.env["party.audio"].sudo(user).browse(
                    self.audio.id).read(["data"])
            with self.assertRaises(AccessError, msg=user.login):
                self.env["party.audio.listen"].sudo(user).create({
                    "audio_id": self.audio.id, "user_id": user.id,
                    "fraction": 1})

    def test_listening_most_of_it_counts_once_and_reads_the_receipt(self):
        receipt = self.receipt(self.document, self.a1_official)
        self.assertEqual(receipt.state, "received")
        fraction = self.env["party.audio"]._listened_fraction()
        self.assertFalse(self.audio.sudo(self.member_user)._record_listening(
            fraction - 0.31))
        receipt.invalidate_cache()
        self.assertEqual((receipt.state, receipt.listened_on), ("received", False))
        self.assertTrue(self.audio.sudo(self.member_user)._record_listening(
            min(fraction + 0.1, 1.0)))
        receipt.invalidate_cache()
        self.assertEqual(receipt.state, "read")
        self.assertTrue(receipt.read_on)
        self.assertTrue(receipt.listened_on)
        self.assertEqual(receipt.listened, 1)
        first = receipt.listened_on
        self.assertTrue(self.audio.sudo(self.member_user)._record_listening(1.0))
        receipt.invalidate_cache()
        self.assertEqual(receipt.listened_on, first)
        self.assertEqual(self.env["party.audio.listen"].sudo().search_count(
            [("audio_id", "=", self.audio.id)]), 1)
        for user in (self.officer_user, self.manager_user):
            document = self.document.sudo(user)
            document.invalidate_cache()
            self.assertEqual((document.listened_count, document.read_count),
                             (1, 1))
        # the receipts' list filter and the dashboard's measure
        Receipt = self.env["party.document.receipt"].sudo(self.officer_user)
        self.assertEqual(Receipt.search([("document_id", "=", self.document.id),
                                         ("listened_on", "!=", False)]),
                         receipt)
        groups = Receipt.read_group([("document_id", "=", self.document.id)],
                                    ["listened", "organization_id"],
                                    ["organization_id"])
        self.assertEqual(sum(g["listened"] for g in groups), 1)

    def test_an_acknowledged_receipt_stays_acknowledged(self):
        self.document.sudo(self.member_user).action_acknowledge()
        self.audio.sudo(self.member_user)._record_listening(1.0)
        receipt = self.receipt(self.document, self.a1_official)
        self.assertEqual(receipt.state, "acknowledged")
        self.assertTrue(receipt.listened_on)

    def test_an_officer_listening_without_a_receipt_changes_nothing(self):
        self.assertTrue(self.audio.sudo(self.officer_user)._record_listening(1.0))
        self.assertEqual(self.document.sudo(self.officer_user).listened_count, 0)

    def test_bad_shares_are_refused(self):
        for value in (-0.1, 1.5, "a lot", None):
            with self.assertRaises(UserError):
                self.audio.sudo(self.member_user)._record_listening(value)

    def test_listening_fields_are_written_by_the_application_only(self):
        receipt = self.receipt(self.document, self.a1_official)
        for user in (self.member_user, self.secretary_user, self.officer_user,
                     self.manager_user):
            for values in ({"listened_on": "2026-01-01 00:00:00"},
                           {"listened": 1}):
                with self.assertRaises((AccessError, UserError), msg=user.login):
                    receipt.sudo(user).with_context(**FORGED).write(values)
        receipt.invalidate_cache()
        self.assertFalse(receipt.listened_on)
        # nor the audio itself
        for user in (self.officer_user, self.manager_user):
            with self.assertRaises(AccessError, msg=user.login):
                self.env["party.audio"].sudo(user).with_context(**FORGED)\
                    .browse(self.audio.id).write({"source": "human"})
