# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Beside each rating score, the meetings the member attended of those due
in the period (models/party_member_rating_evidence.py): closed meetings of
the period only, exempted and attached-elsewhere lines not due, counted for
a whole list in one query."""
from .common import MeetingCase


class TestRatingEvidence(MeetingCase):

    def held(self, day, present, absent=(), excused=()):
        meeting = self.started_meeting(
            present=present, date_start="%s 00:30:00" % day,
            date_end="%s 03:00:00" % day, location="Nhà văn hóa thôn",
            secretary_id=self.officials[3].id)
        for member in absent:
            self.line(meeting, member).action_absent()
        for member in excused:
            self.line(meeting, member).action_excused()
        meeting.attendance_ids.filtered(
            lambda l: l.state == "expected").action_absent()
        meeting.action_close()
        return meeting

    def test_meetings_attended_of_due_in_the_period(self):
        member, other = self.officials[0], self.officials[1]
        # the third quarter: three closed meetings, one still in progress
        self.held("2026-07-06", present=member + other)
        self.held("2026-08-05", present=other, absent=member)
        self.held("2026-09-04", present=member, excused=other)
        open_meeting = self.started_meeting(
            present=member, date_start="2026-09-20 00:30:00",
            date_end="2026-09-20 03:00:00", location="Nhà văn hóa thôn",
            secretary_id=self.officials[3].id)
        self.assertEqual(open_meeting.state, "in_progress")
        # outside the quarter
        self.held("2026-10-05", present=member)
        period = self.env["party.member.rating.period"]._get_period(
            "quarter", 2026, 3)
        ratings = self.env["party.member.rating"].sudo(
            self.secretary_user).open_period(self.cell_a1, period)
        ratings = ratings.sudo(self.secretary_user)
        by_member = {r.member_id: r for r in ratings}
        self.assertEqual((by_member[member].evidence_meetings_attended,
                          by_member[member].evidence_meetings_due), (2, 3))
        self.assertEqual((by_member[other].evidence_meetings_attended,
                          by_member[other].evidence_meetings_due), (2, 3))
        # the exempted member was never due
        self.assertEqual(by_member[self.exempted].evidence_meetings_due, 0)
        self.assertIn("2 of 3", by_member[member].evidence_summary)
        self.assertTrue(by_member[member].evidence_summary.startswith(
            "meetings attended"))
        # the yearly period counts the October meeting too
        year = self.env["party.member.rating.period"]._get_period("year", 2026)
        yearly = self.env["party.member.rating"].sudo(
            self.secretary_user).open_period(self.cell_a1, year)
        yearly = yearly.sudo(self.secretary_user).filtered(
            lambda r: r.member_id == member)
        self.assertEqual((yearly.evidence_meetings_attended,
                          yearly.evidence_meetings_due), (3, 4))

    def test_one_query_for_the_whole_list(self):
        period = self.env["party.member.rating.period"]._get_period(
            "quarter", 2026, 3)
        ratings = self.env["party.member.rating"].sudo(
            self.secretary_user).open_period(self.cell_a1, period)
        ratings = ratings.sudo(self.secretary_user)
        counts = []
        for rows in (ratings, ratings[:1], ratings):
            rows.invalidate_cache()
            rows.read(["member_id"])
            queries = self.cr.sql_log_count
            rows.read(["evidence_meetings_due", "evidence_summary"])
            counts.append(self.cr.sql_log_count - queries)
        self.assertGreater(len(ratings), 5)
        self.assertEqual(counts[1], counts[2])
