# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Assisted participation in meetings (issue #12): excuse requests with the
usual reasons and on a member's behalf (with consent, flagged, in the
recorder's name), named votes entered for a member shown to the member,
disputes of those entries; over the ORM and over HTTP."""
import re
from datetime import datetime, timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tools import mute_logger

from odoo.addons.party_handbook.tests.test_assisted_entries import STRONG
from odoo.addons.party_handbook.tests.test_data_protection import (
    unclassified_fields)
from odoo.addons.party_handbook.tests.test_portal import PASSWORD, PortalCase

from .common import MeetingCase, TemporaryBallotKeys

FORGED = {"internal_write": True, "assisted": True, "tracking_disable": True}


def _when(**delta):
    return fields.Datetime.to_string(datetime.utcnow() + timedelta(**delta))


class TestAssistedExcuses(MeetingCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.secretary_a2 = cls.create_user(
            "secretary", [cls.cell_a2], login="ph_secretary_a2")

    def consent(self, member):
        member.sudo(self.secretary_user).action_record_assistance_consent(
            "Signed form")

    def announced(self):
        meeting = self.new_meeting()
        meeting.action_announce()
        return meeting

    @mute_logger("odoo.models", "odoo.addons.base.ir.ir_model")
    def test_refused_without_consent_or_by_others(self):
        meeting = self.announced()
        line = self.line(meeting, self.a1_official)
        with self.assertRaises(UserError):
            line.sudo(self.secretary_user).action_request_excuse(
                reason_code="illness")
        self.consent(self.a1_official)
        for user in (self.secretary_a2, self.officer_user.browse(),
                     self.supervisor_user):
            if not user:
                continue
            with self.assertRaises(AccessError, msg=user.login):
                line.sudo(user).action_request_excuse(reason_code="illness")
        # another member cannot, even with consent
        other = self.line(meeting, self.a1_probationary)
        self.consent(self.a1_probationary)
        with self.assertRaises(AccessError):
            other.sudo(self.member_user).action_request_excuse(
                reason_code="illness")
        for user in (self.secretary_user, self.env.ref("base.user_root")):
            with self.assertRaises(UserError, msg=user.login):
                line.sudo(user).with_context(**FORGED).write({
                    "excuse_assisted": True,
                    "excuse_requested_by": user.id})
        self.assertFalse(line.excuse_state)
        self.assertFalse(other.excuse_state)

    def test_on_behalf_flagged_and_said_in_the_recorders_name(self):
        meeting = self.announced()
        line = self.line(meeting, self.a1_official)
        self.consent(self.a1_official)
        wizard = self.env["party.meeting.excuse.wizard"].sudo(
            self.secretary_user).with_context(
                active_model=line._name, active_id=line.id).create({
                    "reason_code": "old_age", "reason": "đau chân"})
        wizard.action_request()
        self.assertEqual(line.excuse_state, "requested")
        self.assertTrue(line.excuse_assisted)
        self.assertEqual(line.excuse_requested_by, self.secretary_user)
        self.assertTrue(line.excuse_requested_on)
        self.assertEqual(line.excuse_reason_code, "old_age")
        self.assertEqual(line.excuse_reason, "Old age, poor health: đau chân")
        notes = self.env["mail.message"].search([
            ("model", "=", "party.meeting"), ("res_id", "=", meeting.id),
            ("body", "ilike", "asks")])
        self.assertEqual(len(notes), 1)
        self.assertEqual(notes.author_id, self.secretary_user.partner_id)
        self.assertIn("on behalf of", notes.body)
        entries = self.a1_official._assisted_entries()
        self.assertEqual([(e["model"], e["res_id"]) for e in entries],
                         [(line._name, line.id)])
        self.assertEqual(entries[0]["recorder"], self.secretary_user)

    def test_own_request_with_a_usual_reason(self):
        meeting = self.announced()
        line = self.line(meeting, self.a1_official)
        own = line.sudo(self.member_user)
        with self.assertRaises(UserError):
            own.action_request_excuse(reason_code="holiday")
        with self.assertRaises(UserError):
            own.action_request_excuse(reason_code="other")
        own.action_request_excuse(reason="đi Đà Nẵng", reason_code="work_trip")
        self.assertEqual(line.excuse_reason, "Work trip: đi Đà Nẵng")
        self.assertFalse(line.excuse_assisted)
        self.assertEqual(line.excuse_requested_by, self.member_user)
        self.assertFalse(self.a1_official._assisted_entries())
        # the older signature (a reason only) still works
        other = self.line(self.announced_other(), self.a1_official)
        other.sudo(self.member_user).action_request_excuse("Ốm")
        self.assertEqual(
            (other.excuse_reason, other.excuse_reason_code), ("Ốm", False))

    def announced_other(self):
        meeting = self.new_meeting(name="Sinh hoạt chuyên đề",
                                   meeting_type="thematic")
        meeting.action_announce()
        return meeting

    def test_named_votes_and_disputes(self):
        self.consent(self.a1_official)
        self.consent(self.officials[0])
        meeting = self.started_meeting()
        motion = self.motion(meeting, method="named", name="Nghị quyết X")
        motion.action_open_vote()
        motion.sudo(self.secretary_user).cast_vote(
            "no", member=self.a1_official, assisted=True)
        vote = motion.vote_ids.filtered(
            lambda v: v.member_id == self.a1_official)
        other_vote_motion = self.motion(meeting, method="named", name="Y")
        other_vote_motion.action_open_vote()
        other_vote_motion.sudo(self.secretary_user).cast_vote(
            "yes", member=self.officials[0], assisted=True)
        other_vote = other_vote_motion.vote_ids
        entries = {(e["model"], e["res_id"]): e
                   for e in self.a1_official._assisted_entries()}
        self.assertIn((vote._name, vote.id), entries)
        self.assertNotIn((other_vote._name, other_vote.id), entries)
        entry = entries[(vote._name, vote.id)]
        self.assertEqual(entry["what"], "Nghị quyết X: Against")
        self.assertEqual(entry["recorder"], self.secretary_user)
        Dispute = self.env["party.assisted.dispute"].sudo(self.member_user)
        dispute = Dispute.create({
            "member_id": self.a1_official.id, "entry_model": vote._name,
            "entry_id": vote.id, "reason": "Tôi tán thành, không phản đối."})
        self.assertEqual(dispute.entry_summary, "Nghị quyết X: Against")
        # an excuse request disputed is marked on the roster
        line = self.line(meeting, self.a1_official)
        self.assertFalse(line.assisted_dispute_state)
        self.assertEqual(dispute.entry_recorder_id, self.secretary_user)
        with self.assertRaises(AccessError):
            Dispute.create({
                "member_id": self.a1_official.id,
                "entry_model": other_vote._name, "entry_id": other_vote.id,
                "reason": "forged"})

    def test_every_field_is_classified(self):
        self.assertFalse(unclassified_fields(
            self.env, "party.meeting.attendance"))


class TestAssistedMeetingsPortal(TemporaryBallotKeys, PortalCase):
    """The portal: usual reasons on the excuse form, and the meetings'
    entries on the page of entries made on my behalf, for two members."""

    def setUp(self):
        super().setUp()
        env = self.env
        self.member2 = env["party.member"].create({
            "name": "Portal Member Two Tâm", "organization_id": self.cell.id,
            "admission_date": "1980-01-01", "email": "tam@example.org"})
        self.member2.action_make_official(date="1981-01-01")
        env["res.users"].with_context(no_reset_password=True).create({
            "login": "ph_portal_member_two", "password": STRONG,
            "partner_id": self.member2.partner_id.id,
            "groups_id": [(6, 0, [
                env.ref("base.group_portal").id,
                env.ref("party_handbook.group_party_handbook_member").id])]})
        for member in (self.member, self.member2):
            member.sudo(self.secretary_user).action_record_assistance_consent(
                "Signed form")
        Meeting = env["party.meeting"]
        self.next = Meeting.create({
            "name": "Họp chi bộ tuần tới", "organization_id": self.cell.id,
            "date_start": _when(days=7), "location": "Nhà văn hóa",
            "chair_id": self.secretary.id, "secretary_id": self.member.id})
        self.next.action_announce_anyway()
        self.live = Meeting.create({
            "name": "Họp chi bộ hôm nay", "organization_id": self.cell.id,
            "date_start": _when(hours=-1), "date_end": _when(hours=1),
            "chair_id": self.secretary.id, "secretary_id": self.member.id,
            "location": "Nhà văn hóa"})
        self.live.action_announce_anyway()
        self.live.action_start()
        self.live.attendance_ids.action_present()
        self.motion = env["party.meeting.motion"].create({
            "meeting_id": self.live.id, "name": "Biểu quyết ghi thay",
            "method": "named"})
        self.motion.action_open_vote()
        Motion = self.motion.sudo(self.secretary_user)
        Motion.cast_vote("yes", member=self.member2, assisted=True)
        line2 = self.next.attendance_ids.filtered(
            lambda l: l.member_id == self.member2)
        line2.sudo(self.secretary_user).action_request_excuse(
            reason_code="illness")
        self.save()

    def token(self, text):
        return re.search(r'name="csrf_token" value="([^"]+)"', text).group(1)

    def test_the_excuse_form_offers_the_usual_reasons(self):
        url = "/my/party/meetings/%s" % self.next.id
        page = self.get(url)
        for code in ("illness", "work_trip", "family", "old_age", "other"):
            self.assertIn('value="%s"' % code, page.text)
        response = self.url_open(url + "/excuse", data={
            "csrf_token": self.token(page.text), "reason_code": "family",
            "reason": ""}, timeout=30)
        self.assertIn("o_party_excuse_sent", response.text)
        self.refresh()
        line = self.next.attendance_ids.filtered(
            lambda l: l.member_id == self.member)
        self.assertEqual((line.excuse_state, line.excuse_reason_code,
                          line.excuse_reason, line.excuse_assisted),
                         ("requested", "family", "Family matters", False))
        # a forged kind of reason is refused
        other = self.get("/my/party/meetings/%s" % self.live.id)
        self.assertNotIn("o_party_excuse_form", other.text)

    @mute_logger("odoo.http", "werkzeug")
    def test_each_member_sees_and_disputes_their_own_entries(self):
        vote = self.env["party.meeting.vote"].search([
            ("motion_id", "=", self.motion.id)])
        line2 = self.next.attendance_ids.filtered(
            lambda l: l.member_id == self.member2)
        # the first member has none: no tile, an empty page
        self.assertNotIn('href="/my/party/assisted"', self.get("/my").text)
        page = self.get("/my/party/assisted")
        self.assertNotIn("Biểu quyết ghi thay", page.text)
        page = self.get("/my/party/profile/correct")
        # a forged dispute of the other member's entry: 404, nothing written
        for model, res_id in ((vote._name, vote.id), (line2._name, line2.id)):
            response = self.url_open("/my/party/assisted/dispute", data={
                "csrf_token": self.token(page.text), "entry_model": model,
                "entry_id": res_id, "reason": "forged"}, timeout=30)
            self.assertEqual(response.status_code, 404)
        # the second member sees both entries and disputes the vote
        self.save()
        self.authenticate("ph_portal_member_two", STRONG)
        home = self.url_open("/my", timeout=30)
        self.assertIn('href="/my/party/assisted"', home.text)
        page = self.url_open("/my/party/assisted", timeout=30)
        self.assertIn("Biểu quyết ghi thay: In favour", page.text)
        self.assertIn("Request to be excused", page.text)
        self.assertIn("Họp chi bộ tuần tới: Illness", page.text)
        self.assertIn("Portal Secretary Hoa", page.text)
        response = self.url_open("/my/party/assisted/dispute", data={
            "csrf_token": self.token(page.text), "entry_model": vote._name,
            "entry_id": vote.id, "reason": "Tôi không biểu quyết."},
            timeout=30)
        self.assertIn("o_party_dispute_open", response.text)
        self.refresh()
        dispute = self.env["party.assisted.dispute"].search([
            ("member_id", "=", self.member2.id)])
        self.assertEqual((dispute.entry_model, dispute.entry_id),
                         (vote._name, vote.id))
        self.assertFalse(self.env["party.assisted.dispute"].search([
            ("member_id", "=", self.member.id)]))
        # the secretary resolves it; the member reads the answer
        dispute.sudo(self.secretary_user).action_resolve(
            "Đã kiểm tra phiếu giấy: đồng chí tán thành.")
        self.save()
        self.authenticate("ph_portal_member_two", STRONG)
        page = self.url_open("/my/party/assisted", timeout=30)
        self.assertIn("o_party_dispute_resolved", page.text)
        self.assertIn("Đã kiểm tra phiếu giấy", page.text)
        # the first member still sees nothing of it
        self.assertNotIn("Đã kiểm tra phiếu giấy",
                         self.get("/my/party/assisted").text)
        self.assertTrue(PASSWORD)
