# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Meetings held through the real flow, for the report and statistics tests.

Last month (``cls.month``), in the handbook's small city (PartyCase):

* cell A1, regular meeting, minutes approved by the chair (Bình): 5 on the
  roster (4 official, 1 probationary), 4 present, Lâm absent without reason;
  two motions by hand: 3 in favour (passed), 2 in favour and 1 against of 4
  counted members (exactly half: rejected);
* cell A1, thematic meeting, closed but not approved: Cường excused, the
  other 4 present, one motion passed;
* cell B1, regular meeting, closed: 1 of 3 present, no quorum, its motion is
  void;
* cell A2: its regular meeting was announced, then cancelled.
"""
from datetime import date

from dateutil.relativedelta import relativedelta

from odoo import fields

from odoo.addons.party_handbook.tests.common import PartyCase


class MeetingReportCase(PartyCase):
    # statistics and reports read the tree's nested sets, which Odoo
    # computes once the modules are installed
    at_install = False
    post_install = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["ir.config_parameter"].set_param("party_handbook.place_name", "Huế")
        # the city's calendar, as the reports' "last month", whatever the
        # hour in UTC (00:30 on the 1st in Huế is the 31st in UTC)
        today = fields.Date.from_string(fields.Date.context_today(
            cls.env.user.with_context(tz="Asia/Ho_Chi_Minh")))
        cls.month = today.replace(day=1) - relativedelta(months=1)
        cls.a1_giang = cls.create_member("Đỗ Thị Giang", cls.cell_a1, "official")
        cls.a1_lam = cls.create_member("Ngô Văn Lâm", cls.cell_a1, "official")
        cls.b1_hai = cls.create_member("Vũ Văn Hải", cls.cell_b1, "official")
        cls.b1_khanh = cls.create_member("Bùi Thị Khánh", cls.cell_b1, "official")

        cls.regular = cls._hold(
            cls.cell_a1, "regular", "Sinh hoạt chi bộ thường kỳ", day=5,
            present=[cls.a1_official, cls.a1_other, cls.a1_probationary,
                     cls.a1_giang],
            absent=[cls.a1_lam],
            motions=[("Kết nạp quần chúng ưu tú", 3, 0), ("Đề nghị khen thưởng", 2, 1)],
            agenda=["Quán triệt Nghị quyết Đại hội"],
            chair=cls.a1_other, secretary=cls.a1_giang)
        cls.regular.sudo(cls.secretary_user).action_approve_minutes()
        cls.thematic = cls._hold(
            cls.cell_a1, "thematic", "Chuyên đề học tập và làm theo", day=18,
            present=[cls.a1_official, cls.a1_other, cls.a1_giang, cls.a1_lam],
            excused=[cls.a1_probationary],
            motions=[("Thông qua chuyên đề", 4, 0)],
            chair=cls.a1_other, secretary=cls.a1_giang)
        cls.b1_regular = cls._hold(
            cls.cell_b1, "regular", "Sinh hoạt chi bộ thôn 1", day=7,
            present=[cls.b1_official], absent=[cls.b1_hai, cls.b1_khanh],
            motions=[("Sửa nhà văn hóa", 1, 0)])
        cls.a2_cancelled = cls.env["party.meeting"].create(cls._meeting_vals(
            cls.cell_a2, "regular", "Sinh hoạt chi bộ A2", 6,
            chair_id=cls.a2_official.id, secretary_id=cls.a2_official.id))
        cls.a2_cancelled.action_announce()
        cls.a2_cancelled.action_cancel()
        # compile the report stylesheets once for the class, not per test
        cls.env["ir.qweb"]._get_asset_nodes("web.report_assets_common", {})

    @classmethod
    def _meeting_vals(cls, cell, meeting_type, name, day, **vals):
        start = date(cls.month.year, cls.month.month, day)
        return dict({
            "organization_id": cell.id, "meeting_type": meeting_type,
            "name": name, "location": "Hội trường thôn",
            # 07:30 to 10:00 in Huế
            "date_start": "%s 00:30:00" % start, "date_end": "%s 03:00:00" % start,
        }, **vals)

    @classmethod
    def _hold(cls, cell, meeting_type, name, day, present, absent=(),
              excused=(), motions=(), agenda=(), chair=None, secretary=None):
        """A meeting announced, started, attended, voted and closed (chaired
        by the first member present unless told)."""
        chair = chair or present[0]
        secretary = secretary or chair
        vals = cls._meeting_vals(
            cell, meeting_type, name, day,
            chair_id=chair and chair.id, secretary_id=secretary and secretary.id,
            agenda_item_ids=[(0, 0, {"name": item}) for item in agenda])
        meeting = cls.env["party.meeting"].create(vals)
        meeting.action_announce()
        meeting.action_start()
        lines = {line.member_id: line for line in meeting.attendance_ids}
        for members, action in ((present, "action_present"),
                                (absent, "action_absent"),
                                (excused, "action_excused")):
            for member in members:
                getattr(lines[member], action)()
        Motion = cls.env["party.meeting.motion"]
        for title, yes, no in motions:
            motion = Motion.create({
                "meeting_id": meeting.id, "name": title, "method": "hands"})
            motion.action_open_vote()
            motion.write({"yes_count": yes, "no_count": no})
            motion.action_close_vote()
        meeting.action_close()
        return meeting
