# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The monthly audio bulletin tells its cells' meeting results (issue #15):
the meetings held through the real flow of report_common (last month)."""
from odoo import fields

from .report_common import MeetingReportCase


class TestAudioBulletinMeetings(MeetingReportCase):

    def bulletin(self, committee):
        return self.env["party.audio.bulletin"].sudo(self.manager_user).create({
            "organization_id": committee.id,
            "month": fields.Date.to_string(self.month)})

    def test_script_tells_the_meetings_results(self):
        script = self.bulletin(self.commune_a).script
        section = script[script.index("Kết quả sinh hoạt chi bộ."):]
        # A1 held its regular meeting, A2 cancelled its own
        self.assertIn("1 trên 2 chi bộ đã sinh hoạt định kỳ", section)
        # A1's regular (approved) and thematic (closed) meetings
        self.assertIn("2 cuộc sinh hoạt, trong đó 1 cuộc đã thông qua biên "
                      "bản", section)
        # 8 present of 9 expected
        self.assertIn("đạt 89%, với 8 trên 9 lượt", section)
        self.assertIn("biểu quyết 3 nội dung, 2 nội dung được thông qua",
                      section)
        self.assertNotIn("không đủ số", section)
        # the meetings come after the documents, before the closing
        self.assertLess(script.index("Văn bản trong tháng."),
                        script.index("Kết quả sinh hoạt chi bộ."))
        self.assertLess(script.index("Kết quả sinh hoạt chi bộ."),
                        script.index("đến đây là hết"))

    def test_other_committee_and_city(self):
        section = self.bulletin(self.commune_b).script
        self.assertIn("1 trên 1 chi bộ đã sinh hoạt định kỳ", section)
        self.assertIn("1 cuộc sinh hoạt, trong đó 0 cuộc", section)
        self.assertIn("Có 1 cuộc sinh hoạt không đủ số", section)
        self.assertIn("đạt 33%, với 1 trên 3 lượt", section)
        city = self.bulletin(self.city).script
        self.assertIn("3 cuộc sinh hoạt, trong đó 1 cuộc", city)
        self.assertIn("biểu quyết 4 nội dung, 2 nội dung được thông qua", city)

    def test_month_without_meetings(self):
        bulletin = self.env["party.audio.bulletin"].sudo(
            self.manager_user).create({"organization_id": self.commune_a.id,
                                       "month": "2019-01-01"})
        self.assertIn("chưa có cuộc sinh hoạt chi bộ nào", bulletin.script)
