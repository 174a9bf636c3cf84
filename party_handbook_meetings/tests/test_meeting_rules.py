# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The 2025 meeting rules (Hướng dẫn 42-HD/BTCTW): what announcing requires
and warns about, the supervising officer told, the day a meeting may start,
actual start and end, officers frozen once closed, the chair's approval on
paper, and the defaults of the statistics and the monthly summary. Every
time is relative to now: nothing depends on the demo's dates."""
import base64
from datetime import datetime, timedelta

import pytz
from dateutil.relativedelta import relativedelta

from odoo import SUPERUSER_ID, fields
from odoo.exceptions import AccessError, UserError
from odoo.tools import mute_logger

from .common import MeetingCase
from .report_common import MeetingReportCase

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n"
CITY = pytz.timezone("Asia/Ho_Chi_Minh")


def utc(moment):
    return fields.Datetime.to_string(moment)


class MeetingRulesCase(MeetingCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.now = datetime.utcnow().replace(microsecond=0)
        cls.chair_no_login = cls.officials[1]
        cls.minutes_secretary = cls.officials[0]

    def draft(self, minutes=150, **values):
        start = self.now + timedelta(days=3)
        vals = {"date_start": utc(start),
                "date_end": utc(start + timedelta(minutes=minutes))}
        vals.update(values)
        return self.new_meeting(**vals)

    def held(self, **values):
        """Started an hour ago, everybody recorded, closed."""
        start = self.now - timedelta(hours=1)
        vals = {"date_start": utc(start),
                "date_end": utc(start + timedelta(minutes=150))}
        vals.update(values)
        meeting = self.started_meeting(**vals)
        meeting.attendance_ids.filtered(
            lambda l: l.state == "expected").action_absent()
        meeting.action_close()
        return meeting


class TestAnnounceRules(MeetingRulesCase):

    def test_place_chair_and_secretary_are_required(self):
        meeting = self.draft(location=False, chair_id=False, secretary_id=False)
        for context in ({}, {"force": True, "announce_anyway": True,
                             "skip_checks": True}):
            with self.assertRaisesRegex(UserError, "place.*chair.*minutes secretary"):
                meeting.with_context(**context).action_announce()
            with self.assertRaises(UserError):
                meeting.with_context(**context).action_announce_anyway()
        with self.assertRaises(UserError):
            meeting.sudo().action_announce()
        meeting.write({"chair_id": self.a1_other.id})
        with self.assertRaisesRegex(UserError, "place.*minutes secretary") as refusal:
            meeting.action_announce()
        self.assertNotIn("the chair", str(refusal.exception))
        meeting.write({"secretary_id": self.minutes_secretary.id})
        with self.assertRaisesRegex(UserError, "place"):
            meeting.action_announce()
        self.assertEqual(meeting.state, "draft")
        # an online meeting's link is its place
        meeting.write({"online_url": "https://meet.example.org/a1"})
        self.assertEqual(meeting.action_announce(), True)
        self.assertEqual(meeting.state, "announced")

    def test_regular_meeting_length_at_its_edge(self):
        self.assertEqual(self.env["party.rule"].get_value(
            "meeting_regular_min_minutes"), 90)
        short = self.draft(minutes=89)
        warnings = short._announce_warnings()
        self.assertEqual(len(warnings), 1)
        self.assertIn("89 minutes", warnings[0])
        self.assertIn("at least 90 minutes", warnings[0])
        self.assertFalse(self.draft(minutes=90)._announce_warnings())
        # thematic and extraordinary meetings have no minimum of their own
        self.assertFalse(self.draft(minutes=45, meeting_type="thematic")
                         ._announce_warnings())
        self.assertFalse(self.draft(minutes=45, meeting_type="extraordinary")
                         ._announce_warnings())

    def test_combined_meeting_length_at_its_edge(self):
        combined = self.draft(minutes=119, combined_thematic=True)
        warnings = combined._announce_warnings()
        self.assertEqual(len(warnings), 1)
        self.assertIn("at least 120 minutes", warnings[0])
        self.assertFalse(self.draft(minutes=120, combined_thematic=True)
                         ._announce_warnings())
        self.assertTrue(self.draft(minutes=119, meeting_type="thematic",
                                   combined_thematic=True)._announce_warnings())

    def test_the_rule_is_read_from_its_row(self):
        meeting = self.draft(minutes=100)
        self.assertFalse(meeting._announce_warnings())
        self.env.ref("party_handbook.rule_meeting_regular_min_minutes").write(
            {"value": 101})
        self.assertTrue(meeting._announce_warnings())

    def _document(self):
        document = self.env["party.document"].create({
            "name": "Dự thảo nghị quyết tháng", "document_type": "resolution",
            "issuing_organization_id": self.commune_a.id,
            "date": fields.Date.context_today(self.env.user),
            "target_ids": [(0, 0, {"organization_id": self.cell_a1.id})]})
        document.action_publish()
        return document

    def test_documents_a_day_before_at_the_edge(self):
        document = self._document()
        published = fields.Datetime.from_string(document.published_on)
        now = max(published, self.now)
        exact = self.new_meeting(
            date_start=utc(now + timedelta(days=1)),
            date_end=utc(now + timedelta(days=1, minutes=150)),
            document_ids=[(6, 0, document.ids)])
        self.assertFalse(exact._announce_warnings(now=now))
        late = self.new_meeting(
            date_start=utc(now + timedelta(days=1, minutes=-1)),
            date_end=utc(now + timedelta(days=1, minutes=149)),
            document_ids=[(6, 0, document.ids)])
        warnings = late._announce_warnings(now=now)
        self.assertEqual(len(warnings), 1)
        self.assertIn("less than 1 day", warnings[0])
        # a document of the agenda counts as well
        agenda = self.new_meeting(
            date_start=utc(now + timedelta(hours=2)),
            date_end=utc(now + timedelta(hours=5)),
            agenda_item_ids=[(0, 0, {"name": "Quán triệt",
                                     "document_id": document.id})])
        self.assertTrue(agenda._announce_warnings(now=now))
        # no document: nothing to warn about
        self.assertFalse(self.new_meeting(
            date_start=utc(now + timedelta(hours=2)),
            date_end=utc(now + timedelta(hours=5)))._announce_warnings(now=now))

    def test_a_warning_asks_and_announce_anyway_records_it(self):
        meeting = self.draft(minutes=60)
        for context in ({}, {"announce_anyway": True, "force": True}):
            action = meeting.sudo(self.secretary_user).with_context(
                **context).action_announce()
            self.assertEqual(action["res_model"], "party.meeting.announce.wizard")
            self.assertEqual(meeting.state, "draft")
        wizard = self.env["party.meeting.announce.wizard"].browse(action["res_id"])
        self.assertIn("60 minutes", wizard.warnings)
        wizard.sudo(self.secretary_user).action_confirm()
        self.assertEqual(meeting.state, "announced")
        self.assertTrue(meeting.attendance_ids)
        notes = meeting.message_ids.filtered(
            lambda m: "Announced although" in (m.body or ""))
        self.assertEqual(len(notes), 1)
        self.assertIn("60 minutes", notes.body)
        self.assertEqual(notes.author_id, self.secretary_user.partner_id)

    def test_meetings_that_meet_the_rules_are_announced_at_once(self):
        meeting = self.draft(minutes=90)
        self.assertIs(meeting.action_announce(), True)
        self.assertEqual(meeting.state, "announced")
        self.assertFalse(meeting.message_ids.filtered(
            lambda m: "Announced although" in (m.body or "")))


class TestSupervisorInformed(MeetingRulesCase):

    def test_supervising_officer_is_told_time_place_and_agenda(self):
        # the demo-free supervisor follows cells A2 and B1
        start = self.now + timedelta(days=2)
        meeting = self.new_meeting(
            organization_id=self.cell_b1.id, chair_id=self.b1_official.id,
            secretary_id=self.b1_official.id, location="Nhà văn hóa thôn 1",
            date_start=utc(start), date_end=utc(start + timedelta(hours=2)),
            agenda_item_ids=[(0, 0, {"name": "Kiểm điểm công tác quý"})])
        meeting.action_announce()
        partner = self.supervisor_user.partner_id
        messages = meeting.message_ids.filtered(
            lambda m: partner in m.partner_ids)
        self.assertEqual(len(messages), 1)
        local = pytz.utc.localize(start).astimezone(CITY)
        self.assertIn(local.strftime("%H:%M"), messages.body)
        self.assertIn("Nhà văn hóa thôn 1", messages.body)
        self.assertIn("Kiểm điểm công tác quý", messages.body)
        self.assertTrue(self.env["mail.notification"].search([
            ("mail_message_id", "=", messages.id),
            ("res_partner_id", "=", partner.id)]))
        # and reads the meeting (record rules of the supervised cells)
        self.assertEqual(meeting.sudo(self.supervisor_user).read(
            ["location"])[0]["location"], "Nhà văn hóa thôn 1")
        self.assertIn(messages, self.env["mail.message"].sudo(
            self.supervisor_user).search([("id", "=", messages.id)]))

    def test_only_the_cells_supervisor_is_told(self):
        meeting = self.draft()
        meeting.action_announce()
        partners = meeting.message_ids.mapped("partner_ids")
        self.assertNotIn(self.supervisor_user.partner_id, partners)


class TestStartAndEnd(MeetingRulesCase):

    def test_cannot_start_before_its_day(self):
        tomorrow = (datetime.now(CITY) + timedelta(days=1)).replace(
            hour=0, minute=1, second=0, microsecond=0)
        meeting = self.new_meeting(
            date_start=utc(tomorrow.astimezone(pytz.utc).replace(tzinfo=None)),
            date_end=utc((tomorrow + timedelta(hours=2)).astimezone(
                pytz.utc).replace(tzinfo=None)))
        meeting.action_announce()
        for context in ({}, {"force": True}):
            with self.assertRaisesRegex(UserError, "before its day"):
                meeting.with_context(**context).action_start()
        with self.assertRaisesRegex(UserError, "before its day"):
            meeting.sudo().action_start()
        self.assertEqual(meeting.state, "announced")
        self.assertFalse(meeting.actual_start)

    def test_starts_on_its_day_and_records_actual_times(self):
        # earlier today in the city (or a minute ago, just after midnight)
        local_now = datetime.now(CITY)
        start = max(local_now - timedelta(hours=1),
                    local_now.replace(hour=0, minute=0, second=0, microsecond=0))
        meeting = self.new_meeting(
            date_start=utc(start.astimezone(pytz.utc).replace(tzinfo=None)),
            date_end=utc((start + timedelta(minutes=150)).astimezone(
                pytz.utc).replace(tzinfo=None)))
        meeting.action_announce()
        before = fields.Datetime.now()
        meeting.action_start()
        self.assertEqual(meeting.state, "in_progress")
        self.assertTrue(before <= meeting.actual_start <= fields.Datetime.now())
        self.assertFalse(meeting.actual_end)
        meeting.attendance_ids.filtered(
            lambda l: l.state == "expected").action_present()
        meeting.action_close()
        self.assertTrue(meeting.actual_start <= meeting.actual_end)
        # written by the actions only
        for user in (self.secretary_user, self.manager_user):
            with self.assertRaises(UserError):
                meeting.sudo(user).with_context(force=True).write(
                    {"actual_start": "2020-01-01 00:00:00"})

    def test_chair_and_secretary_frozen_once_closed(self):
        meeting = self.held()
        other = self.officials[2]
        for vals in ({"chair_id": other.id}, {"secretary_id": other.id},
                     {"chair_id": False}, {"secretary_id": False}):
            for env_meeting in (meeting, meeting.sudo(),
                                meeting.sudo(self.secretary_user),
                                meeting.sudo(self.manager_user)):
                with self.assertRaises((UserError, AccessError)):
                    env_meeting.with_context(
                        tracking_disable=True, force=True, internal=True,
                        bypass=True).write(vals)
        self.assertEqual((meeting.chair_id, meeting.secretary_id),
                         (self.a1_other, self.minutes_secretary))
        self.assertEqual(meeting.sudo(SUPERUSER_ID).chair_id, self.a1_other)


class TestPaperApproval(MeetingRulesCase):

    def held_paper(self):
        meeting = self.held(chair_id=self.chair_no_login.id,
                            secretary_id=self.minutes_secretary.id)
        self.assertFalse(meeting.chair_has_account)
        return meeting

    def scan(self, meeting, data=PDF, name="bien_ban_ky.pdf"):
        return self.env["ir.attachment"].create({
            "name": name, "datas_fname": name,
            "datas": base64.b64encode(data), "res_model": "party.meeting",
            "res_id": meeting.id})

    def test_recorded_with_a_scan_by_the_book_keeper(self):
        meeting = self.held_paper()
        scan = self.scan(meeting)
        self.assertEqual(scan.mimetype, "application/pdf")
        meeting.sudo(self.secretary_user).action_approve_minutes_paper(scan.id)
        self.assertEqual(meeting.state, "approved")
        self.assertEqual(meeting.minutes_approval_mode, "paper")
        self.assertEqual(meeting.minutes_paper_scan_id, scan)
        self.assertEqual(meeting.minutes_recorded_by, self.secretary_user)
        note = meeting.message_ids.filtered(
            lambda m: "signed the paper minutes" in (m.body or ""))
        self.assertEqual(len(note), 1)
        self.assertEqual(note.author_id, self.secretary_user.partner_id)
        self.assertIn(self.chair_no_login.name, note.body)
        self.assertIn(scan, note.attachment_ids)

    @mute_logger("odoo.addons.base.ir.ir_model", "odoo.models")
    def test_the_scan_is_frozen_with_the_approved_minutes(self):
        meeting = self.held_paper()
        scan = self.scan(meeting)
        # before the approval the book keeper may still replace it
        scan.sudo(self.secretary_user).write({"name": "bien_ban_ky_lai.pdf"})
        meeting.sudo(self.secretary_user).action_approve_minutes_paper(scan.id)
        forged = scan.sudo(self.secretary_user).with_context(
            force=True, install_mode=True)
        with self.assertRaises(AccessError):
            forged.write({"datas": base64.b64encode(b"%PDF-1.4 other")})
        with self.assertRaises(AccessError):
            forged.unlink()
        self.assertEqual(base64.b64decode(scan.datas), PDF)

    def test_through_the_wizard(self):
        meeting = self.held_paper()
        action = meeting.sudo(self.secretary_user).action_open_paper_approval()
        wizard = self.env["party.meeting.paper.approval.wizard"].sudo(
            self.secretary_user).with_context(action["context"]).create({
                "scan": base64.b64encode(PDF), "scan_name": "bien_ban.pdf"})
        wizard.action_confirm()
        self.assertEqual(meeting.state, "approved")
        self.assertEqual(meeting.minutes_paper_scan_id.res_id, meeting.id)

    def test_refused_without_a_proper_scan(self):
        meeting = self.held_paper()
        recorder = meeting.sudo(self.secretary_user)
        with self.assertRaisesRegex(UserError, "scan"):
            recorder.action_approve_minutes_paper(False)
        text = self.scan(meeting, b"just some text, not a scan",
                         name="ghi_chu.txt")
        with self.assertRaisesRegex(UserError, "PDF, JPEG or PNG"):
            recorder.action_approve_minutes_paper(text.id)
        other = self.held_paper()
        foreign = self.scan(other)
        with self.assertRaisesRegex(UserError, "scan"):
            recorder.action_approve_minutes_paper(foreign.id)
        self.env["ir.config_parameter"].set_param(
            "party_handbook_meetings.minutes_scan_max_bytes", "20")
        with self.assertRaisesRegex(UserError, "too large"):
            recorder.action_approve_minutes_paper(self.scan(meeting).id)
        self.assertEqual(meeting.state, "closed")

    @mute_logger("odoo.addons.base.ir.ir_rule", "odoo.models")
    def test_refused_to_a_plain_member_and_outside_the_cell(self):
        meeting = self.held_paper()
        scan = self.scan(meeting)
        with self.assertRaises((UserError, AccessError)):
            meeting.sudo(self.member_user).action_approve_minutes_paper(scan.id)
        with self.assertRaises((UserError, AccessError)):
            meeting.sudo(self.supervisor_user).action_approve_minutes_paper(
                scan.id)
        self.assertEqual(meeting.state, "closed")

    def test_the_minutes_secretary_records_it(self):
        meeting = self.held_paper()
        user = self.create_user("member", [], partner=self.minutes_secretary,
                                login="ph_r_minutes_secretary")
        meeting.sudo(user).action_approve_minutes_paper(self.scan(meeting).id)
        self.assertEqual(meeting.state, "approved")
        self.assertEqual(meeting.minutes_recorded_by, user)

    def test_a_chair_with_an_account_approves_in_the_handbook(self):
        meeting = self.held()  # chaired by Bình, who signs in
        self.assertTrue(meeting.chair_has_account)
        with self.assertRaisesRegex(UserError, "has an account"):
            meeting.sudo(self.secretary_user).action_approve_minutes_paper(
                self.scan(meeting).id)
        meeting.sudo(self.secretary_user).action_approve_minutes()
        self.assertEqual(meeting.minutes_approval_mode, "account")

    def test_paper_fields_are_written_by_the_action_only(self):
        meeting = self.held_paper()
        scan = self.scan(meeting)
        for caller in (meeting.sudo(self.secretary_user), meeting.sudo()):
            with self.assertRaises(UserError):
                caller.with_context(force=True).write({
                    "minutes_approval_mode": "paper",
                    "minutes_paper_scan_id": scan.id})
        self.assertEqual(meeting.state, "closed")


class TestDefaults(MeetingRulesCase):

    def test_secretary_gets_own_cell(self):
        Meeting = self.env["party.meeting"]
        self.assertEqual(Meeting.sudo(self.secretary_user).default_get(
            ["organization_id"]).get("organization_id"), self.cell_a1.id)
        # a committee officer serves no single cell
        self.assertFalse(Meeting.sudo(self.officer_user).default_get(
            ["organization_id"]).get("organization_id"))
        two = self.create_user("secretary", [self.cell_a1, self.cell_a2],
                               login="ph_r_two_cells")
        self.assertFalse(Meeting.sudo(two).default_get(
            ["organization_id"]).get("organization_id"))

    def test_statistics_open_on_a_period_with_this_month(self):
        action = self.env.ref(
            "party_handbook_meetings.party_meeting_statistics_action")
        self.assertIn("search_default_recent_12_months", action.context)
        view = self.env.ref(
            "party_handbook_meetings.party_meeting_statistics_view_search")
        self.assertIn('name="recent_12_months"', view.arch)
        self.assertIn("relativedelta(months=11)", view.arch)

    def test_monthly_summary_opens_on_the_last_month_with_meetings(self):
        officer_b = self.create_user("officer", [self.commune_b],
                                     login="ph_r_officer_b")
        today = fields.Date.from_string(fields.Date.context_today(
            self.env["party.meeting"].sudo(officer_b)))
        # no meeting in commune B yet: the previous month
        wizard = self.env["party.meeting.monthly.summary"].sudo(officer_b).create({})
        previous = today - relativedelta(months=1)
        self.assertEqual((wizard.organization_id, wizard.month, wizard.year),
                         (self.commune_b, str(previous.month), previous.year))
        # a meeting held four months ago: that month
        held_day = (today - relativedelta(months=4)).replace(day=10)
        start = datetime.combine(held_day, datetime.min.time()).replace(hour=1)
        self.held(organization_id=self.cell_b1.id, chair_id=self.b1_official.id,
                  secretary_id=self.b1_official.id, date_start=utc(start),
                  date_end=utc(start + timedelta(hours=2)))
        wizard = self.env["party.meeting.monthly.summary"].sudo(officer_b).create({})
        self.assertEqual((wizard.month, wizard.year),
                         (str(held_day.month), held_day.year))


class TestMinutesShowHowTheMeetingWasHeld(MeetingReportCase):
    """The minutes PDF (HTML under test mode) of meetings held through the
    actions: their actual start and end, and how they were approved."""

    def _html(self, meeting, user=None):
        report = self.env.ref(
            "party_handbook_meetings.action_report_meeting_minutes")
        html, __ = report.sudo(user or self.secretary_user).render_qweb_html(
            meeting.ids)
        return html.decode()

    def _local(self, value):
        return fields.Datetime.context_timestamp(
            self.env.user.with_context(tz="Asia/Ho_Chi_Minh"),
            fields.Datetime.from_string(value))

    def test_actual_start_and_end_are_printed(self):
        meeting = self.regular
        self.assertTrue(meeting.actual_start and meeting.actual_end)
        html = self._html(meeting)
        start, end = self._local(meeting.actual_start), self._local(
            meeting.actual_end)
        self.assertIn("Held:", html)
        self.assertIn("started at %s on" % start.strftime("%H:%M"), html)
        self.assertIn("ended at %s on" % end.strftime("%H:%M"), html)
        self.assertIn("Minutes approved by", html)

    def test_paper_approval_is_printed(self):
        meeting = self.thematic
        # B1's chair (Hoàng Văn Em) has no login: the city officer records
        # the signature on the paper minutes
        b1 = self.b1_regular
        scan = self.env["ir.attachment"].create({
            "name": "bien_ban.pdf", "datas_fname": "bien_ban.pdf",
            "datas": base64.b64encode(PDF), "res_model": "party.meeting",
            "res_id": b1.id})
        self.assertFalse(b1.chair_has_account)
        b1.sudo(self.manager_user).action_approve_minutes_paper(scan.id)
        html = self._html(b1, self.manager_user)
        self.assertIn("Minutes signed on paper by the chair, %s" % b1.chair_id.name,
                      html)
        self.assertIn(self.manager_user.name, html)
        self.assertNotIn("Minutes signed on paper", self._html(meeting))
