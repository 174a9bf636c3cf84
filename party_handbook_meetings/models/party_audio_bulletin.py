# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The monthly audio bulletin tells the results of the committee's cells'
meetings (issue #15): regular meetings held out of those due, meetings held
and minutes approved, attendance, motions passed. One query on the meeting
statistics (a view by cell and month) and one on the meetings, for the
whole subtree (a committee may have hundreds of cells)."""
from dateutil.relativedelta import relativedelta

from odoo import models

# Vietnamese words for the Vietnamese voice (see party_handbook's
# models/party_audio_bulletin.py, SPOKEN)
SPOKEN = {
    "title": "Kết quả sinh hoạt chi bộ",
    "none": "Trong tháng, chưa có cuộc sinh hoạt chi bộ nào được ghi nhận.",
    "regular": "Trong tháng, %(held)s trên %(due)s chi bộ đã sinh hoạt định "
               "kỳ.",
    "meetings": "Các chi bộ đã tổ chức %(meetings)s cuộc sinh hoạt, trong đó "
                "%(approved)s cuộc đã thông qua biên bản.",
    "attendance": "Tỷ lệ đảng viên dự sinh hoạt đạt %(rate)s%%, với "
                  "%(present)s trên %(expected)s lượt đảng viên được triệu "
                  "tập.",
    "motions": "Các chi bộ đã biểu quyết %(motions)s nội dung, %(passed)s nội "
               "dung được thông qua.",
    "no_quorum": "Có %(count)s cuộc sinh hoạt không đủ số đảng viên dự theo "
                 "quy định.",
}


class PartyAudioBulletin(models.Model):
    _inherit = "party.audio.bulletin"

    def _meeting_results(self, month):
        """The month's meeting figures of the committee's subtree (dict)."""
        self.ensure_one()
        self.env["party.meeting"].recompute()  # stored counts, before SQL
        committee = self.organization_id
        self.env["party.organization"]._party_fresh_bounds()
        end = month + relativedelta(months=1)
        cr = self.env.cr
        cr.execute("""
            SELECT COALESCE(sum(s.due), 0), COALESCE(sum(s.held), 0),
                   COALESCE(sum(s.meetings), 0), COALESCE(sum(s.expected), 0),
                   COALESCE(sum(s.present), 0), COALESCE(sum(s.no_quorum), 0),
                   COALESCE(sum(s.motions), 0),
                   COALESCE(sum(s.motions_passed), 0)
              FROM party_meeting_statistics s
              JOIN party_organization o ON o.id = s.organization_id
              JOIN party_organization c ON c.id = %(committee)s
             WHERE s.month = %(month)s
               AND o.parent_left > c.parent_left
               AND o.parent_left < c.parent_right""", {
            "committee": committee.id, "month": month})
        keys = ("due", "held", "meetings", "expected", "present", "no_quorum",
                "motions", "passed")
        results = dict(zip(keys, cr.fetchone()))
        cr.execute("""
            SELECT count(*)
              FROM party_meeting m
              JOIN party_organization o ON o.id = m.organization_id
              JOIN party_organization c ON c.id = %(committee)s
             WHERE m.state = 'approved' AND m.date >= %(month)s
               AND m.date < %(end)s
               AND o.parent_left > c.parent_left
               AND o.parent_left < c.parent_right""", {
            "committee": committee.id, "month": month, "end": end})
        results["approved"] = cr.fetchone()[0]
        return results

    def _meeting_results_text(self, results):
        if not results["meetings"] and not results["held"]:
            return SPOKEN["none"]
        lines = []
        if results["due"]:
            lines.append(SPOKEN["regular"] % results)
        lines.append(SPOKEN["meetings"] % results)
        if results["expected"]:
            lines.append(SPOKEN["attendance"] % dict(
                results, rate=int(round(100.0 * results["present"]
                                        / results["expected"]))))
        if results["no_quorum"]:
            lines.append(SPOKEN["no_quorum"] % {"count": results["no_quorum"]})
        if results["motions"]:
            lines.append(SPOKEN["motions"] % results)
        return " ".join(lines)

    def _party_bulletin_sections(self, month):
        sections = super()._party_bulletin_sections(month)
        results = self._meeting_results(month)
        sections.append((SPOKEN["title"], self._meeting_results_text(results)))
        return sections
