# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Meetings in the member portal over HTTP (controllers/portal_meetings.py):
the member's cell's meetings only, asking to be excused, named and secret
votes cast as the member (POST only, confirmed, never a choice in a URL),
refusals with their reason, 404 on tampered ids, CSRF."""
import re
from datetime import datetime, timedelta
from urllib.parse import urlencode

from odoo import fields
from odoo.exceptions import AccessError
from odoo.tests.common import HOST, PORT
from odoo.tools import mute_logger

from odoo.addons.party_handbook.tests.test_portal import PASSWORD, PortalCase

from .common import TemporaryBallotKeys


def _when(**delta):
    return fields.Datetime.to_string(datetime.utcnow() + timedelta(**delta))


class TestPortalMeetings(TemporaryBallotKeys, PortalCase):

    def setUp(self):
        super().setUp()
        env = self.env
        Member = env["party.member"]
        Users = env["res.users"].with_context(no_reset_password=True)
        groups = [env.ref("base.group_portal").id,
                  env.ref("party_handbook.group_party_handbook_member").id]
        # an official member who does not come, a probationary member who does
        self.late = Member.create({
            "name": "Portal Late Quang", "organization_id": self.cell.id,
            "admission_date": "1980-01-01"})
        self.late.action_make_official(date="1981-01-01")
        self.novice = Member.create({
            "name": "Portal Novice Tư", "organization_id": self.cell.id,
            "admission_date": "2026-01-01"})
        for login, member in (("ph_portal_late", self.late),
                              ("ph_portal_novice", self.novice)):
            Users.create({"login": login, "password": PASSWORD,
                          "partner_id": member.partner_id.id,
                          "groups_id": [(6, 0, groups)]})
        Document = env["party.document"]
        self.doc_sent = Document.create({
            "name": "Nghị quyết gửi chi bộ", "document_type": "resolution",
            "issuing_organization_id": self.commune.id, "date": "2026-11-02",
            "target_ids": [(0, 0, {"organization_id": self.cell.id})]})
        self.doc_other = Document.create({
            "name": "Văn bản gửi chi bộ khác", "document_type": "notice",
            "issuing_organization_id": self.commune.id, "date": "2026-11-03",
            "target_ids": [(0, 0, {"organization_id": self.other_cell.id})]})
        (self.doc_sent | self.doc_other).action_publish()

        Meeting = env["party.meeting"]
        self.live = Meeting.create({
            "name": "Họp chi bộ đang diễn ra", "organization_id": self.cell.id,
            "date_start": _when(hours=-1), "date_end": _when(hours=1),
            "location": "Nhà văn hóa thôn", "online_url": "https://meet.example.org/a",
            "chair_id": self.member.id, "secretary_id": self.late.id,
            "document_ids": [(6, 0, (self.doc_sent | self.doc_other).ids)],
            "agenda_item_ids": [(0, 0, {
                "name": "Quán triệt nghị quyết", "presenter_id": self.member.id,
                "document_id": self.doc_sent.id})]})
        # the documents reach the members less than a day before (HD 42):
        # the secretary announces anyway
        self.live.action_announce_anyway()
        self.live.action_start()
        self.line = self.line_of(self.live, self.member)
        (self.line | self.line_of(self.live, self.novice)).action_present()
        Motion = env["party.meeting.motion"]
        self.secret = Motion.create({
            "meeting_id": self.live.id, "name": "Bầu kín đồng chí A",
            "method": "secret"})
        self.named = Motion.create({
            "meeting_id": self.live.id, "name": "Biểu quyết công khai B",
            "method": "named"})
        self.hands = Motion.create({
            "meeting_id": self.live.id, "name": "Giơ tay C", "method": "hands"})
        self.closed = Motion.create({
            "meeting_id": self.live.id, "name": "Đã biểu quyết D",
            "method": "named"})
        self.draft_motion = Motion.create({
            "meeting_id": self.live.id, "name": "Chưa biểu quyết E",
            "method": "named"})
        (self.secret | self.named | self.hands | self.closed).action_open_vote()
        self.closed.action_close_vote()

        self.next = Meeting.create({
            "name": "Họp chuyên đề sắp tới", "organization_id": self.cell.id,
            "meeting_type": "thematic", "date_start": _when(days=7),
            "location": "Nhà văn hóa thôn", "chair_id": self.member.id,
            "secretary_id": self.member.id})
        self.next.action_announce()
        self.draft = Meeting.create({
            "name": "Họp còn dự thảo", "organization_id": self.cell.id,
            "date_start": _when(days=30)})
        self.foreign = Meeting.create({
            "name": "Họp của chi bộ khác", "organization_id": self.other_cell.id,
            "date_start": _when(hours=-2), "location": "Hội trường",
            "chair_id": self.other.id, "secretary_id": self.other.id})
        self.foreign.action_announce()
        self.foreign.action_start()
        self.foreign_motion = Motion.create({
            "meeting_id": self.foreign.id, "name": "Biểu quyết chi bộ khác",
            "method": "named"})
        self.foreign_motion.action_open_vote()
        self.past = Meeting.create({
            "name": "Họp tháng trước", "organization_id": self.cell.id,
            "date_start": _when(days=-30), "chair_id": self.member.id,
            "secretary_id": self.late.id, "location": "Nhà văn hóa thôn"})
        self.past.action_announce()
        self.past.action_start()
        self.past.attendance_ids.action_present()
        self.past.action_close()
        self.past.minutes = "<p>Biên bản đã duyệt của tháng trước</p>"
        self.past.action_approve_minutes()
        self.unapproved = Meeting.create({
            "name": "Họp chờ duyệt biên bản", "organization_id": self.cell.id,
            "date_start": _when(days=-2), "chair_id": self.member.id,
            "secretary_id": self.late.id, "location": "Nhà văn hóa thôn"})
        self.unapproved.action_announce()
        self.unapproved.action_start()
        self.unapproved.attendance_ids.action_present()
        self.unapproved.action_close()
        self.unapproved.minutes = "<p>Biên bản chưa duyệt</p>"
        self.save()

    # --- helpers ----------------------------------------------------------

    @staticmethod
    def line_of(meeting, member):
        return meeting.attendance_ids.filtered(lambda l: l.member_id == member)

    def url(self, meeting, suffix=""):
        return "/my/party/meetings/%s%s" % (meeting.id, suffix)

    def token(self, url, login="ph_portal_member"):
        page = self.get(url, login=login)
        self.assertEqual(page.status_code, 200, url)
        return re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)

    @staticmethod
    def section(text, motion):
        """The HTML of one motion's block on the meeting page."""
        start = text.index('id="motion-%s"' % motion.id)
        end = text.find('id="motion-', start + 10)
        if end < 0:
            end = text.find('id="minutes"', start)
        return text[start:end if end > 0 else len(text)]

    @staticmethod
    def attribute(tag, name):
        match = re.search(r'\s%s="([^"]*)"' % name, tag)
        return match and match.group(1)

    def confirm_form(self, page, motion, choice):
        """(opening tag, body) of the confirmation form of ``choice``."""
        form = re.search(r'(<form[^>]*\sid="confirm-%s-%s"[^>]*>)(.*?)</form>' % (
            motion.id, choice), page, re.S)
        self.assertTrue(form, "no confirmation form for %s" % choice)
        return form.group(1), form.group(2)

    def vote_form(self, page, motion, choice):
        """The fields the confirmation form of ``choice`` posts."""
        return {self.attribute(tag, "name"): self.attribute(tag, "value")
                for tag in re.findall(r"<input[^>]*>",
                                      self.confirm_form(page, motion, choice)[1])}

    def vote(self, motion, choice, login="ph_portal_member", redirect=True):
        """Tap the choice and confirm, as the browser does: the page holds
        the confirmation forms; the confirmed one is posted."""
        url = self.url(motion.meeting_id, "/vote/%s" % motion.id)
        page = self.get(self.url(motion.meeting_id), login=login)
        self.assertEqual(page.status_code, 200)
        if 'id="confirm-%s-%s"' % (motion.id, choice) in page.text:
            data = self.vote_form(page.text, motion, choice)
        else:   # no form for this member: forge the POST
            data = {"csrf_token": self.token("/my/party/profile/correct", login=login),
                    "choice": choice, "confirm": "1"}
        return self.opener.post("http://%s:%s%s" % (HOST, PORT, url), data=data,
                                timeout=30, allow_redirects=redirect)

    def votes(self, motion):
        self.refresh()
        return self.env["party.meeting.vote"].search([("motion_id", "=", motion.id)])

    def ballot_count(self, motion):
        self.env.cr.execute("SELECT count(*) FROM party_meeting_ballot "
                            "WHERE motion_id = %s", (motion.id,))
        return self.env.cr.fetchone()[0]

    # --- list and detail --------------------------------------------------

    def test_home_and_nav_lead_to_my_meetings(self):
        text = self.get("/my").text
        self.assertIn('href="/my/party/meetings"', text)
        # two open votes wait for the member (the secret and the named one)
        self.assertRegex(text, r"o_party_badge_vote\">\s*2 to vote")
        self.assertIn('href="/my/party/meetings"', self.get("/my/party/profile").text)
        # the probationary member has no vote waiting: the upcoming count
        text = self.get("/my", login="ph_portal_novice").text
        self.assertNotIn("o_party_badge_vote", text)
        self.assertRegex(text, r'class="badge">2</span>\s*<a href="/my/party/meetings"')

    def test_list_shows_the_own_cell_meetings_only(self):
        response = self.get("/my/party/meetings")
        self.assertEqual(response.status_code, 200)
        text = response.text
        upcoming, past = text.split("Past meetings")
        self.assertIn("Họp chi bộ đang diễn ra", upcoming)
        self.assertIn("Họp chuyên đề sắp tới", upcoming)
        self.assertLess(upcoming.index("Họp chi bộ đang diễn ra"),
                        upcoming.index("Họp chuyên đề sắp tới"))  # soonest first
        self.assertIn("Nhà văn hóa thôn", upcoming)
        self.assertIn("Quán triệt nghị quyết", upcoming)
        self.assertIn("A vote waits for you", upcoming)
        self.assertIn("Họp tháng trước", past)
        for absent in ("Họp còn dự thảo", "Họp của chi bộ khác",
                       "Họp chờ duyệt biên bản"):
            self.assertNotIn(absent, text)
        self.assertIn("o_party_attendance_present", upcoming)
        self.assertIn("o_party_attendance_expected", upcoming)

    def test_detail_shows_agenda_documents_and_votes(self):
        text = self.get(self.url(self.live)).text
        self.assertIn("Quán triệt nghị quyết", text)
        self.assertIn("Presented by Portal Member Lan", text)
        # a document sent to the member opens in the portal; another is named only
        self.assertIn('href="/my/party/documents/%s"' % self.doc_sent.id, text)
        self.assertIn("Văn bản gửi chi bộ khác", text)
        self.assertNotIn('href="/my/party/documents/%s"' % self.doc_other.id, text)
        self.assertIn('href="https://meet.example.org/a"', text)
        self.assertIn("o_party_attendance_present", text)
        self.assertIn("o_party_vote_now", text)
        for motion in (self.secret, self.named):
            self.assertEqual(
                len(re.findall("o_party_vote_button", self.section(text, motion))), 3)
        self.assertIn("show of hands", self.section(text, self.hands))
        self.assertNotIn("o_party_vote_button", self.section(text, self.hands))
        closed = self.section(text, self.closed)
        self.assertIn("o_party_result_invalid", closed)
        self.assertIn(self.closed.explanation.split(":")[0], closed)
        self.assertNotIn("Chưa biểu quyết E", text)   # not put to the vote
        self.assertNotIn('id="minutes"', text)

    def test_minutes_only_once_approved(self):
        text = self.get(self.url(self.past)).text
        self.assertIn('id="minutes"', text)
        self.assertIn("Biên bản đã duyệt của tháng trước", text)
        text = self.get(self.url(self.unapproved)).text
        self.assertNotIn("Biên bản chưa duyệt", text)
        self.assertNotIn('id="minutes"', text)

    @mute_logger("odoo.http", "werkzeug")
    def test_tampered_ids_answer_404_and_change_nothing(self):
        for url in (self.url(self.foreign), self.url(self.draft),
                    "/my/party/meetings/999999"):
            self.assertEqual(self.get(url).status_code, 404, url)
        token = self.token(self.url(self.next))
        for url, data in (
                (self.url(self.foreign, "/excuse"), {"reason": "Bận"}),
                (self.url(self.draft, "/excuse"), {"reason": "Bận"}),
                (self.url(self.live, "/vote/%s" % self.foreign_motion.id),
                 {"choice": "yes", "confirm": "1"}),
                (self.url(self.foreign, "/vote/%s" % self.foreign_motion.id),
                 {"choice": "yes", "confirm": "1"}),
                (self.url(self.next, "/vote/%s" % self.named.id),
                 {"choice": "yes", "confirm": "1"})):
            response = self.url_open(url, data=dict(data, csrf_token=token),
                                     timeout=30)
            self.assertEqual(response.status_code, 404, url)
        self.assertFalse(self.votes(self.foreign_motion))
        self.assertFalse(self.foreign.attendance_ids.filtered("excuse_state"))
        # no member profile: the clear page, not a meeting
        self.assertEqual(self.get(self.url(self.live),
                                  login="ph_portal_stranger").status_code, 404)

    # --- asking to be excused ---------------------------------------------

    def test_excuse_request_then_the_secretary_approves(self):
        url = self.url(self.next)
        line = self.line_of(self.next, self.member)
        token = self.token(url)
        self.assertIn("o_party_excuse_form", self.get(url).text)
        response = self.url_open(url + "/excuse", data={
            "csrf_token": token, "reason": "   "}, timeout=30)
        self.assertEqual(response.status_code, 200)
        self.assertIn("Please give the reason for your absence.", response.text)
        self.refresh()
        self.assertFalse(line.excuse_state)
        response = self.url_open(url + "/excuse", data={
            "csrf_token": token, "reason": "Đi khám bệnh <b>ở Huế</b>"}, timeout=30)
        self.assertEqual(response.status_code, 200)
        self.assertIn("?excuse=1", response.url)
        self.assertIn("o_party_excuse_sent", response.text)
        self.assertIn("o_party_attendance_requested", response.text)
        self.assertIn("Đi khám bệnh &lt;b&gt;ở Huế&lt;/b&gt;", response.text)
        self.assertNotIn("o_party_excuse_form", response.text)
        self.refresh()
        self.assertEqual(line.excuse_state, "requested")
        self.assertEqual(line.excuse_reason, "Đi khám bệnh <b>ở Huế</b>")
        self.assertEqual(line.state, "expected")
        self.assertEqual(self.next.excuse_pending_count, 1)
        note = self.next.message_ids.filtered(
            lambda m: "Đi khám bệnh" in (m.body or ""))
        self.assertEqual(note.author_id, self.member.partner_id)
        # the cell secretary approves: the member is excused
        line.sudo(self.secretary_user).action_approve_excuse()
        self.save()
        text = self.get(url).text
        self.assertIn("o_party_attendance_excused", text)
        self.assertNotIn("o_party_excuse_form", text)
        self.refresh()
        self.assertEqual((line.state, line.excuse_state), ("excused", "approved"))

    def test_excuse_refused_when_present_or_for_somebody_else(self):
        self.assertNotIn("o_party_excuse_form", self.get(self.url(self.live)).text)
        token = self.token("/my/party/profile/correct")
        response = self.url_open(self.url(self.live, "/excuse"), data={
            "csrf_token": token, "reason": "Về sớm"}, timeout=30)
        self.assertIn("You are already recorded as present.", response.text)
        self.refresh()
        self.assertFalse(self.line.excuse_state)
        # the model: a member cannot ask for another member's line
        other = self.line_of(self.next, self.late)
        with self.assertRaises(AccessError), mute_logger("odoo.models"):
            other.sudo(self.user).action_request_excuse("Hộ đồng chí")
        self.refresh()
        self.assertFalse(other.excuse_state)

    # --- votes ------------------------------------------------------------

    @mute_logger("odoo.http", "werkzeug")
    def test_no_choice_in_any_url_and_no_vote_without_confirmation(self):
        page = self.get(self.url(self.live)).text
        block = self.section(page, self.named)
        # the choices are labels of radio buttons that show the confirmations
        # in the page (no link, no #fragment: nothing in the URL or the
        # history), each confirmation a POST form
        labels = re.findall(r"<label[^>]*o_party_vote_button[^>]*>", block)
        self.assertEqual(
            [self.attribute(tag, "for") for tag in labels],
            ["pick-%s-%s" % (self.named.id, c) for c in ("yes", "no", "abstain")])
        self.assertEqual(len(re.findall(r'<input[^>]*type="radio"', block)), 4)
        self.assertNotIn("choice=", page)
        self.assertNotRegex(block, r'href="[^"]*(#confirm|yes|abstain)')
        self.assertNotRegex(block, r'<form[^>]*method="get"')
        bodies = set()
        for choice in ("yes", "no", "abstain"):
            form = self.confirm_form(block, self.named, choice)[0]
            self.assertEqual(self.attribute(form, "method"), "post")
            self.assertEqual(self.attribute(form, "action"), "%s#motion-%s" % (
                self.url(self.live, "/vote/%s" % self.named.id), self.named.id))
            data = self.vote_form(block, self.named, choice)
            self.assertEqual((data["choice"], data["confirm"]), (choice, "1"))
            self.assertTrue(data["csrf_token"])
            bodies.add(len(urlencode(data)))
        # the three posts are as long as each other
        self.assertEqual(len(bodies), 1)
        # a GET never votes nor confirms: 405, whatever it carries
        url = self.url(self.live, "/vote/%s" % self.named.id)
        for query in ("?choice=no", "?choice=no&confirm=1", ""):
            self.assertEqual(self.get(url + query).status_code, 405, query)
        # a POST without the confirmation casts nothing
        data = self.vote_form(block, self.named, "no")
        del data["confirm"]
        response = self.url_open(url, data=data, timeout=30)
        self.assertIn("Your vote was not cast: choose again and confirm it.",
                      self.section(response.text, self.named))
        self.assertFalse(self.votes(self.named))

    def test_named_vote_is_registered_with_its_choice(self):
        response = self.vote(self.named, "no", redirect=False)
        # the redirect carries the motion, never the choice
        self.assertEqual(response.status_code, 303)
        self.assertTrue(response.headers["Location"].endswith(
            "/my/party/meetings/%s?voted=%s#motion-%s" % (
                self.live.id, self.named.id, self.named.id)))
        response = self.get(self.url(self.live, "?voted=%s" % self.named.id))
        block = self.section(response.text, self.named)
        self.assertIn("You voted: <strong>Against</strong>", block)
        self.assertNotIn("o_party_vote_button", block)
        votes = self.votes(self.named)
        self.assertEqual((votes.member_id, votes.choice), (self.member, "no"))
        self.assertEqual(votes.create_uid, self.user)   # cast as the member
        self.assertEqual(self.named.voted_count, 1)
        # one vote left for the member on /my
        self.assertEqual(re.findall(r"(\d+) to vote", self.get("/my").text), ["1"])

    def test_secret_vote_adds_one_ballot_and_never_shows_the_choice(self):
        response = self.vote(self.secret, "abstain")
        self.assertEqual(response.status_code, 200)
        self.assertIn("?voted=%s" % self.secret.id, response.url)
        block = self.section(response.text, self.secret)
        self.assertIn("Your secret ballot was cast", block)
        self.assertNotIn("Abstain", block)
        self.assertNotIn("You voted", block)
        votes = self.votes(self.secret)
        self.assertEqual(votes.member_id, self.member)
        self.assertFalse(votes.choice)   # the register never holds it
        self.assertEqual(self.ballot_count(self.secret), 1)
        self.assertEqual(self.secret.my_vote, False)   # superuser did not vote
        self.assertEqual(self.secret.sudo(self.user).my_vote, "secret")
        # counted when the vote closes
        self.secret.action_close_vote()
        self.assertEqual((self.secret.yes_count, self.secret.no_count,
                          self.secret.abstain_count), (0, 0, 1))

    def test_double_vote_is_refused_with_a_message(self):
        self.vote(self.secret, "yes")
        self.vote(self.named, "yes")
        page = self.get(self.url(self.live)).text
        for motion in (self.secret, self.named):
            # the page offers no vote any more
            self.assertNotIn("o_party_vote_confirm", self.section(page, motion))
            # and a forged second POST is refused by the model
            token = self.token("/my/party/profile/correct")
            response = self.url_open(self.url(self.live, "/vote/%s" % motion.id), data={
                "csrf_token": token, "choice": "no", "confirm": "1"}, timeout=30)
            self.assertEqual(response.status_code, 200)
            self.assertIn("already voted on this motion",
                          self.section(response.text, motion))
            self.assertEqual(len(self.votes(motion)), 1)
        self.assertEqual(self.ballot_count(self.secret), 1)
        self.assertEqual(self.votes(self.named).choice, "yes")
        self.secret.action_close_vote()
        self.assertEqual((self.secret.yes_count, self.secret.no_count), (1, 0))

    def test_members_who_cannot_vote_see_why(self):
        for login, reason in (
                ("ph_portal_late", "Portal Late Quang is not recorded as present"),
                ("ph_portal_novice", "probationary members speak but do not vote")):
            text = self.get(self.url(self.live), login=login).text
            block = self.section(text, self.secret)
            self.assertIn(reason, block)
            self.assertNotIn("o_party_vote_button", block)
            self.assertNotIn("o_party_vote_now", text)
            response = self.vote(self.named, "yes", login=login)
            self.assertEqual(response.status_code, 200)
            self.assertIn(reason, self.section(response.text, self.named))
            # a forged POST reaches the model, which refuses too
            token = self.token("/my/party/profile/correct", login=login)
            response = self.url_open(
                self.url(self.live, "/vote/%s" % self.secret.id),
                data={"csrf_token": token, "choice": "yes", "confirm": "1"},
                timeout=30)
            self.assertIn(reason, self.section(response.text, self.secret))
        self.assertFalse(self.votes(self.named) | self.votes(self.secret))
        self.assertFalse(self.ballot_count(self.secret))

    def test_bad_choice_closed_and_hand_votes_are_refused(self):
        for motion, choice, message in (
                (self.named, "maybe", "Choose in favour, against or abstain."),
                (self.named, "", "Choose in favour, against or abstain."),
                (self.closed, "yes", "This vote is not open."),
                (self.hands, "yes", "counted by show of hands")):
            token = self.token("/my/party/profile/correct")
            response = self.url_open(
                self.url(self.live, "/vote/%s" % motion.id),
                data={"csrf_token": token, "choice": choice, "confirm": "1"},
                timeout=30)
            self.assertEqual(response.status_code, 200)
            self.assertIn(message, self.section(response.text, motion))
        self.assertFalse(self.votes(self.named) | self.votes(self.closed) |
                         self.votes(self.hands))
        # the vote closes while the member confirms: refused
        page = self.get(self.url(self.live))
        data = self.vote_form(page.text, self.named, "yes")
        self.named.action_close_vote()
        self.save()
        response = self.url_open(self.url(self.live, "/vote/%s" % self.named.id),
                                 data=data, timeout=30)
        self.assertIn("This vote is not open.", response.text)
        self.assertFalse(self.votes(self.named))

    @mute_logger("odoo.http")
    def test_posts_without_csrf_token_are_refused(self):
        self.authenticate("ph_portal_member", PASSWORD)
        response = self.url_open(self.url(self.live, "/vote/%s" % self.named.id),
                                 data={"choice": "yes", "confirm": "1"}, timeout=30)
        self.assertEqual(response.status_code, 400)
        response = self.url_open(self.url(self.next, "/excuse"),
                                 data={"reason": "Bận"}, timeout=30)
        self.assertEqual(response.status_code, 400)
        self.assertFalse(self.votes(self.named))
        self.assertFalse(self.line_of(self.next, self.member).excuse_state)
