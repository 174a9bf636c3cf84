# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The monthly audio bulletin of a committee (issue #15): its script from
a month of documents (fixed dates, not today), publishing and its audio,
the monthly job, and who may read and hear it."""
from datetime import date

from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import mute_logger

from ..models.party_audio_bulletin import COMMITTEE_LEVELS, first_sentences
from .common import PartyCase

MONTH = "2025-03-01"
# keys an RPC caller may send, hoping for a bypass
FORGED = {"internal_write": True, "party_internal": True, "force": True,
          "bypass_checks": True, "active_test": False, "sudo": True,
          "install_mode": True, "module": "party_handbook",
          "tracking_disable": True, "force_publish": True}


class TestAudioBulletin(PartyCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Document = cls.env["party.document"].sudo(cls.manager_user)
        cls.resolution = Document.create({
            "name": "Nghị quyết về chuyển đổi số trong sinh hoạt chi bộ",
            "document_type": "resolution", "date": "2025-03-04",
            "issuing_organization_id": cls.city.id,
            "content": "<p>Thành ủy quyết nghị đẩy mạnh chuyển đổi số. Mỗi "
                       "chi bộ dùng Sổ tay đảng viên điện tử trong sinh hoạt "
                       "hằng tháng.</p><p>Đoạn thứ hai nói về kinh phí, rất "
                       "dài, " + "và nhiều chi tiết khác " * 20 + ".</p>",
            "target_ids": [(0, 0, {"organization_id": cls.city.id,
                                   "include_subtree": True})]})
        cls.notice_a1 = Document.create({
            "name": "Thông báo lịch sinh hoạt của chi bộ A1",
            "document_type": "notice", "date": "2025-03-20",
            "issuing_organization_id": cls.commune_a.id,
            "content": "<p>Chi bộ A1 sinh hoạt ngày 5 hằng tháng.</p>",
            "target_ids": [(0, 0, {"organization_id": cls.cell_a1.id,
                                   "include_subtree": False})]})
        cls.notice_a = Document.create({
            "name": "Thông báo của xã A gửi toàn đảng bộ xã",
            "document_type": "notice", "date": "2025-03-22",
            "issuing_organization_id": cls.commune_a.id,
            "content": "<p>Các chi bộ sinh hoạt chuyên đề trong quý.</p>",
            "target_ids": [(0, 0, {"organization_id": cls.commune_a.id,
                                   "include_subtree": True})]})
        cls.notice_b = Document.create({
            "name": "Thông báo riêng của xã B",
            "document_type": "notice", "date": "2025-03-12",
            "issuing_organization_id": cls.commune_b.id,
            "content": "<p>Chỉ gửi xã B.</p>",
            "target_ids": [(0, 0, {"organization_id": cls.commune_b.id,
                                   "include_subtree": True})]})
        cls.april = Document.create({
            "name": "Chỉ thị của tháng tư",
            "document_type": "directive", "date": "2025-04-02",
            "issuing_organization_id": cls.city.id,
            "content": "<p>Tháng sau.</p>",
            "target_ids": [(0, 0, {"organization_id": cls.city.id,
                                   "include_subtree": True})]})
        published = cls.resolution | cls.notice_a1 | cls.notice_a
        (published | cls.notice_b | cls.april).action_publish()
        cls.draft_document = Document.create({
            "name": "Dự thảo chưa ban hành",
            "document_type": "plan", "date": "2025-03-15",
            "issuing_organization_id": cls.city.id,
            "target_ids": [(0, 0, {"organization_id": cls.city.id,
                                   "include_subtree": True})]})
        cls.member_b_user = cls.create_user(
            "member", [], partner=cls.b1_official, login="ph_member_b")
        cls.officer_b_user = cls.create_user(
            "officer", [cls.commune_b], login="ph_officer_b")
        cls.Bulletin = cls.env["party.audio.bulletin"]

    def new_bulletin(self, organization=None, month=MONTH, user=None):
        return self.Bulletin.sudo(user or self.officer_user).create({
            "organization_id": (organization or self.commune_a).id,
            "month": month})

    def published_bulletin(self):
        bulletin = self.new_bulletin()
        bulletin.action_publish()
        self.env["party.audio"]._cron_make_audio(commit=False)
        return bulletin

    # --- the script -------------------------------------------------------

    def test_script_tells_the_month_documents(self):
        bulletin = self.new_bulletin()
        script = bulletin.script
        self.assertTrue(script.startswith(
            "Bản tin tháng 3 năm 2025 của Commune A."), script)
        for document in (self.resolution, self.notice_a):
            self.assertIn(document.name, script)
            self.assertIn(document.number, script)
        # the summary: the first sentences, not the long second paragraph
        self.assertIn("Thành ủy quyết nghị đẩy mạnh chuyển đổi số.", script)
        self.assertIn("Mỗi chi bộ dùng Sổ tay đảng viên điện tử", script)
        self.assertNotIn("kinh phí", script)
        self.assertIn("Các chi bộ sinh hoạt chuyên đề trong quý.", script)
        # sent to cell A1 only: the other cells' members hear the bulletin
        # too, so it does not tell them about it (audio follows the holder)
        self.assertNotIn(self.notice_a1.name, script)
        self.assertNotIn("Chi bộ A1 sinh hoạt ngày 5 hằng tháng.", script)
        # oldest first
        self.assertLess(script.index(self.resolution.name),
                        script.index(self.notice_a.name))
        # not another committee's, another month's, nor a draft
        for document in (self.notice_b, self.april, self.draft_document):
            self.assertNotIn(document.name, script)
        self.assertIn("đảng viên nhận được 2 văn bản", script)
        self.assertTrue(script.rstrip().endswith("Sổ tay đảng viên điện tử."))
        self.assertEqual(bulletin.name, "Bản tin tháng 03/2025 – Commune A")
        self.assertEqual(bulletin.month, MONTH)

    def test_month_without_documents(self):
        bulletin = self.new_bulletin(month="2024-07-19")
        self.assertEqual(bulletin.month, "2024-07-01")
        self.assertIn("không có văn bản mới", bulletin.script)

    def test_first_sentences(self):
        self.assertEqual(first_sentences("Một câu. Hai câu! Ba câu?"),
                         "Một câu. Hai câu! Ba câu?")
        long_text = " ".join(["chữ"] * 100) + ". Câu sau."
        summary = first_sentences(long_text)
        self.assertEqual(len(summary.split()), 40)
        self.assertTrue(summary.endswith("…"))
        sentences = " ".join(["Câu có năm chữ đây."] * 20)
        self.assertEqual(len(first_sentences(sentences).split()), 40)
        self.assertEqual(first_sentences("  "), "")

    def test_only_committees_have_bulletins(self):
        self.assertNotIn("cell", COMMITTEE_LEVELS)
        with self.assertRaises(ValidationError):
            self.new_bulletin(organization=self.cell_a1)
        self.new_bulletin()
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError), \
                self.env.cr.savepoint():
            self.new_bulletin(month="2025-03-15")

    def test_officer_edits_and_rebuilds_the_draft(self):
        bulletin = self.new_bulletin()
        bulletin.write({"script": "Văn bản sửa tay."})
        self.assertEqual(bulletin.script, "Văn bản sửa tay.")
        bulletin.action_rebuild()
        self.assertIn(self.resolution.name, bulletin.script)

    # --- publishing and audio ---------------------------------------------

    def test_publish_freezes_the_script_and_makes_the_audio(self):
        bulletin = self.new_bulletin()
        bulletin.action_publish()
        self.assertEqual(bulletin.state, "published")
        self.assertEqual(bulletin.published_by, self.officer_user)
        self.assertEqual(bulletin.audio_state, "pending")
        self.env["party.audio"]._cron_make_audio(commit=False)
        bulletin.invalidate_cache()
        self.assertEqual(bulletin.audio_state, "ready")
        self.assertGreater(bulletin.audio_duration, 10)
        self.assertIn('<audio controls="controls" preload="none"',
                      bulletin.audio_player)
        audio = bulletin._party_audio("bulletin")
        self.assertEqual(audio.text, bulletin.script)
        self.assertEqual(audio.mimetype, "audio/ogg")
        with self.assertRaises(UserError):
            bulletin.write({"script": "Sửa sau khi phát."})
        with self.assertRaises(UserError):
            bulletin.action_rebuild()
        with self.assertRaises(UserError):
            bulletin.action_publish()
        with self.assertRaises(UserError):
            bulletin.unlink()
        # listened by a member of the subtree: counted once
        self.assertTrue(audio._record_listening(1.0, self.member_user))
        self.assertTrue(audio._record_listening(1.0, self.member_user))
        bulletin.invalidate_cache()
        self.assertEqual(bulletin.listened_count, 1)

    def test_only_the_committee_officers_publish(self):
        bulletin = self.new_bulletin()
        for user in (self.member_user, self.secretary_user,
                     self.supervisor_user, self.officer_b_user):
            with self.assertRaises(AccessError), mute_logger(
                    "odoo.addons.base.ir.ir_rule", "odoo.models"):
                bulletin.sudo(user).action_publish()
            with self.assertRaises(AccessError), mute_logger(
                    "odoo.addons.base.ir.ir_rule", "odoo.models"):
                bulletin.sudo(user).action_rebuild()
        self.assertEqual(bulletin.state, "draft")
        # a city officer may
        bulletin.sudo(self.manager_user).action_publish()
        self.assertEqual(bulletin.state, "published")

    # --- access -----------------------------------------------------------

    @mute_logger("odoo.addons.base.ir.ir_rule", "odoo.models")
    def test_members_read_published_bulletins_above_them(self):
        draft = self.new_bulletin(month="2025-02-01")
        published = self.published_bulletin()
        Bulletin = self.Bulletin.sudo(self.member_user)
        self.assertEqual(Bulletin.search([]), published)
        self.assertTrue(published.sudo(self.member_user).script)
        self.assertTrue(published.sudo(self.secretary_user).script)
        with self.assertRaises(AccessError):
            draft.sudo(self.member_user).read(["script"])
        with self.assertRaises(AccessError):
            published.sudo(self.member_user).write({"script": "x"})
        # the audio follows
        audio = published._party_audio("bulletin")
        self.assertEqual(audio._check_listener(self.member_user), audio)
        self.assertEqual(
            published.sudo(self.member_user)._party_audio_url("bulletin"),
            "/party_handbook/audio/%s" % audio.id)

    @mute_logger("odoo.addons.base.ir.ir_rule", "odoo.models")
    def test_other_committees_cannot_read_or_hear(self):
        published = self.published_bulletin()
        audio = published._party_audio("bulletin")
        for user in (self.member_b_user, self.officer_b_user,
                     self.supervisor_user):
            self.assertFalse(self.Bulletin.sudo(user).search([]), user.login)
            with self.assertRaises(AccessError):
                published.sudo(user).read(["script"])
            with self.assertRaises(AccessError):
                audio._check_listener(user)
            with self.assertRaises(AccessError):
                audio._record_listening(1.0, user)
        # the city's published bulletin is for every member of the city
        city = self.new_bulletin(organization=self.city,
                                 user=self.manager_user)
        city.action_publish()
        self.assertEqual(self.Bulletin.sudo(self.member_b_user).search([]),
                         city)
        self.assertEqual(self.Bulletin.sudo(self.member_user).search([]),
                         published | city)

    @mute_logger("odoo.addons.base.ir.ir_rule", "odoo.models")
    def test_officers_of_another_committee_cannot_touch_drafts(self):
        draft = self.new_bulletin()
        with self.assertRaises(AccessError):
            draft.sudo(self.officer_b_user).read(["script"])
        with self.assertRaises(AccessError):
            draft.sudo(self.officer_b_user).write({"script": "x"})
        with self.assertRaises(AccessError):
            self.new_bulletin(user=self.officer_b_user, month="2025-05-01")
        with self.assertRaises(AccessError):
            draft.sudo(self.member_user).unlink()
        draft.sudo(self.officer_user).unlink()

    @mute_logger("odoo.addons.base.ir.ir_rule", "odoo.models")
    def test_forged_context_keys_do_not_bypass(self):
        draft = self.new_bulletin()
        forged = dict(FORGED, default_state="published")
        officer = draft.sudo(self.officer_user).with_context(**forged)
        with self.assertRaises(UserError):
            officer.write({"state": "published"})
        with self.assertRaises(UserError):
            officer.write({"organization_id": self.commune_b.id})
        created = self.Bulletin.sudo(self.officer_user).with_context(
            **forged).create({"organization_id": self.commune_a.id,
                              "month": "2025-06-01"})
        self.assertEqual(created.state, "draft")
        with self.assertRaises(UserError):
            self.Bulletin.sudo(self.officer_user).with_context(
                **forged).create({"organization_id": self.commune_a.id,
                                  "month": "2025-07-01",
                                  "state": "published"})
        member = draft.sudo(self.member_user).with_context(**forged)
        with self.assertRaises(AccessError):
            member.read(["script"])
        with self.assertRaises(AccessError):
            member.action_publish()
        self.assertFalse(self.Bulletin.sudo(self.member_b_user).with_context(
            **forged).search([]))
        draft.action_publish()
        with self.assertRaises(UserError):
            draft.sudo(self.officer_user).with_context(**forged).write(
                {"script": "Sửa lén."})
        audio = draft._party_audio("bulletin")
        self.env["party.audio"]._cron_make_audio(commit=False)
        with self.assertRaises(AccessError):
            audio.with_context(**forged)._check_listener(self.member_b_user)

    # --- the monthly job --------------------------------------------------

    def test_monthly_job_drafts_every_committee_once(self):
        self.new_bulletin()  # commune A's exists already
        # the committees that existed in the month
        committees = self.env["party.organization"].search([
            ("level", "in", COMMITTEE_LEVELS),
            "|", ("date_start", "=", False), ("date_start", "<", "2025-04-01"),
            "|", ("date_end", "=", False), ("date_end", ">=", MONTH)])
        created = self.Bulletin._cron_create_drafts(
            month=MONTH, batch_size=2, commit=False)
        bulletins = self.Bulletin.search([("month", "=", MONTH)])
        self.assertEqual(bulletins.mapped("organization_id"), committees)
        self.assertEqual(len(bulletins), len(committees))
        self.assertEqual(created, len(committees) - 1)
        self.assertEqual(set(bulletins.mapped("state")), {"draft"})
        # again: nothing new, no duplicate
        self.assertEqual(self.Bulletin._cron_create_drafts(
            month=MONTH, batch_size=2, commit=False), 0)
        self.assertEqual(self.Bulletin.search_count([("month", "=", MONTH)]),
                         len(committees))
        # the committee's officers have the review to do
        city = bulletins.filtered(lambda b: b.organization_id == self.city)
        self.assertIn(self.resolution.name, city.script)
        kind = self.env.ref("party_handbook.mail_activity_bulletin_review")
        commune_b = bulletins.filtered(
            lambda b: b.organization_id == self.commune_b)
        self.assertEqual(commune_b.activity_ids.mapped("user_id"),
                         self.officer_b_user)
        self.assertEqual(commune_b.activity_ids.activity_type_id, kind)
        self.assertIn(self.manager_user, city.activity_ids.mapped("user_id"))
        self.assertNotIn(self.officer_user,
                         city.activity_ids.mapped("user_id"))
        # a committee without an officer of its own: its nearest ancestor's
        lone = self.env["party.organization"].create({
            "name": "Commune C", "code": "TC-C", "level": "commune",
            "parent_id": self.city.id})
        self.assertEqual(self.Bulletin._cron_create_drafts(
            month=MONTH, commit=False), 1)
        lone_bulletin = self.Bulletin.search([("organization_id", "=", lone.id)])
        self.assertEqual(lone_bulletin.activity_ids.mapped("user_id"),
                         city.activity_ids.mapped("user_id"))
        # publishing closes the review
        commune_b.sudo(self.officer_b_user).action_publish()
        self.assertFalse(commune_b.activity_ids)

    def test_monthly_job_takes_the_previous_month(self):
        self.assertEqual(str(self.Bulletin._previous_month(date(2026, 1, 1))),
                         "2025-12-01")
        self.assertEqual(str(self.Bulletin._previous_month(date(2026, 3, 31))),
                         "2026-02-01")
