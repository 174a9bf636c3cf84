# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Demo meetings: a month of cell meetings across the demo cells, recorded
through the same actions the secretaries use (announce, check in, vote,
close, approve), so that every count and verdict is the engine's own."""
import random
from datetime import datetime, time, timedelta

import pytz

from odoo import api, fields, models

AGENDA = [
    "Thông báo thời sự, chính sách mới của Trung ương và Thành ủy",
    "Đánh giá kết quả thực hiện nhiệm vụ tháng trước",
    "Thảo luận, góp ý của đảng viên",
    "Triển khai nhiệm vụ tháng tới",
]
# the minutes secretary's notes of today's meeting in the demo
# secretary's cell: (agenda item index, note), so that "Draft the minutes"
# has a discussion to condense
DEMO_NOTES = [
    (0, "Đồng chí Bí thư thông báo Nghị quyết của Đảng ủy xã về xây dựng "
        "nông thôn mới nâng cao năm 2026. Mục tiêu đến cuối năm 100% tuyến "
        "đường thôn được chiếu sáng."),
    (0, "Nhất trí với nội dung thông báo."),
    (1, "Trong tháng, chi bộ thu đảng phí đạt 100%. Công tác vệ sinh môi "
        "trường được duy trì nhưng việc phân loại rác tại nguồn mới đạt "
        "khoảng 40% số hộ."),
    (1, "Việc phân loại rác chưa đạt vì nhiều hộ chưa được hướng dẫn, "
        "đề nghị chi hội phụ nữ tổ chức hướng dẫn tận nhà."),
    (1, "Tình hình an ninh trật tự ổn định, không có vụ việc phức tạp."),
    (2, "Đồng chí phản ánh đoạn đường từ cầu Vĩnh Lộc vào xóm dưới bị sạt "
        "lở sau đợt mưa lớn, học sinh đi lại nguy hiểm. Đề nghị chi bộ "
        "kiến nghị Đảng ủy xã sớm khắc phục."),
    (2, "Đường xóm dưới sạt lở thật, tôi cũng đề nghị như vậy."),
    (2, "Đề nghị chi bộ thăm hỏi đảng viên cao tuổi đang ốm nặng trong thôn."),
    (2, "Cần nhắc các hộ không đốt rơm rạ sau thu hoạch, ủ rơm làm phân bón."),
    (3, "Phân công đồng chí phó bí thư phụ trách vận động quỹ vì người "
        "nghèo, hoàn thành trước ngày 20 tháng sau."),
    (3, "Vận động nhân dân ra quân làm vệ sinh đường làng vào sáng chủ nhật "
        "cuối tháng."),
    (3, "Đề nghị các đảng viên trẻ giúp người cao tuổi cài đặt sổ tay đảng "
        "viên điện tử."),
]
THEMES = [
    "Chuyên đề: Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
    "Chuyên đề: Chuyển đổi số trong công tác đảng viên",
]


class PartyMeetingDemo(models.AbstractModel):
    _name = "party.meeting.demo"
    _description = "Demo cell meetings"

    def _local(self, day, hour, minute=0):
        """UTC datetime string of ``day`` at hour:minute in the city's zone."""
        tz = pytz.timezone(self.env["party.meeting"]._city_tz())
        local = tz.localize(datetime.combine(day, time(hour, minute)))
        return fields.Datetime.to_string(
            local.astimezone(pytz.utc).replace(tzinfo=None))

    def _new_meeting(self, cell, day, name, meeting_type="regular", hour=7):
        members = self.env["party.member"].search([
            ("organization_id", "=", cell.id), ("state", "=", "official")])
        positions = self.env["party.organization.position"].search([
            ("organization_id", "=", cell.id), ("current", "=", True)])
        chair = positions.filtered(lambda p: p.role == "secretary")[:1].member_id \
            or members[:1]
        secretary = (positions.mapped("member_id") - chair)[:1] or (members - chair)[:1]
        meeting = self.env["party.meeting"].create({
            "name": name, "organization_id": cell.id,
            "meeting_type": meeting_type,
            "date_start": self._local(day, hour, 30),
            "date_end": self._local(day, hour + 2, 30),
            "location": "Nhà văn hóa %s" % cell.name.replace("Chi bộ ", ""),
            "chair_id": chair.id, "secretary_id": secretary.id,
            "agenda_item_ids": [(0, 0, {"sequence": i, "name": item})
                                for i, item in enumerate(AGENDA)],
        })
        return meeting

    def _record_attendance(self, meeting, rng, share=1.0):
        lines = meeting.attendance_ids.filtered(lambda l: l.state == "expected")
        lines = lines[:int(round(len(lines) * share))]
        for line in lines:
            draw = rng.random()
            if draw < 0.06:
                line.write({"state": "excused",
                            "excuse_reason": "Đi công tác xa theo phân công"})
            elif draw < 0.09:
                line.action_absent()
            else:
                line.write({"state": "present", "assisted": draw > 0.97})

    def _vote(self, motion, rng, favour=0.85):
        meeting = motion.meeting_id
        voters = meeting.attendance_ids.filtered("can_vote")
        if motion.method == "hands":
            yes = int(len(voters) * favour)
            motion.write({"yes_count": yes, "no_count": 0,
                          "abstain_count": len(voters) - yes})
            return
        for line in voters:
            draw = rng.random()
            choice = "yes" if draw < favour else ("no" if draw < 0.95 else "abstain")
            motion._cast(line.member_id.id, choice)

    def _held(self, meeting, rng, approve=True, motions=(("hands", 0.9),)):
        meeting.action_announce()
        meeting.action_start()
        self._record_attendance(meeting, rng)
        for index, (method, favour) in enumerate(motions):
            motion = self.env["party.meeting.motion"].create({
                "meeting_id": meeting.id, "sequence": index,
                "name": "Nghị quyết về nhiệm vụ trọng tâm" if index == 0
                else "Thông qua đề xuất kết nạp quần chúng ưu tú",
                "text": "Chi bộ thống nhất các nhiệm vụ trọng tâm đã thảo luận.",
                "method": method})
            motion.action_open_vote()
            self._vote(motion, rng, favour)
            motion.action_close_vote()
        for item in meeting.agenda_item_ids[1:3]:
            item.notes = "Các đồng chí thống nhất đánh giá; đề nghị đẩy mạnh " \
                         "tuyên truyền trong nhân dân."
        meeting.action_close()
        if approve:
            meeting.action_approve_minutes()

    @api.model
    def _create_demo_meetings(self):
        rng = random.Random(2026)
        self = self.sudo().with_context(tracking_disable=True,
                                        mail_notrack=True)
        if self.env["res.lang"].search_count([("code", "=", "vi_VN")]):
            # the minutes are prefilled in the cell's language: this module's
            # Vietnamese terms are loaded after its demo data, so load them now
            self.env["ir.module.module"].search([("name", "in", (
                "party_handbook", "party_handbook_meetings"))])._update_translations(
                    filter_lang="vi_VN")
            self = self.with_context(lang="vi_VN")
        tz = pytz.timezone(self.env["party.meeting"]._city_tz())
        today = datetime.now(tz).date()
        last_month = today - timedelta(days=28)
        ref = self.env.ref
        cells = self.env["party.organization"].search(
            [("level", "=", "cell")], order="code")
        today_cells = (ref("party_handbook.org_vinh_loc_cell_1_demo")
                       | ref("party_handbook.org_huong_an_cell_1_demo")
                       | ref("party_handbook.org_binh_dien_cell_1_demo"))
        Meeting = self.env["party.meeting"]
        for index, cell in enumerate(cells):
            # last month: held, minutes approved
            past = self._new_meeting(
                cell, last_month + timedelta(days=index % 5),
                "Sinh hoạt chi bộ định kỳ tháng %s" % last_month.strftime("%m/%Y"))
            self._held(past, rng)
            if cell in today_cells:
                continue
            if index % 3 == 0:
                # held earlier this month, minutes waiting for the chair
                day = today - timedelta(days=1 + index % 4)
                meeting = self._new_meeting(
                    cell, day, "Sinh hoạt chi bộ định kỳ tháng %s" %
                    today.strftime("%m/%Y"))
                self._held(meeting, rng, approve=False,
                           motions=(("hands", 0.9), ("named", 0.8)))
            else:
                # announced for the coming days
                day = today + timedelta(days=1 + index % 6)
                meeting = self._new_meeting(
                    cell, day, "Sinh hoạt chi bộ định kỳ tháng %s" %
                    today.strftime("%m/%Y"))
                meeting.action_announce()
        # thematic meetings held two weeks ago
        for cell in cells[:2]:
            meeting = self._new_meeting(
                cell, today - timedelta(days=14), THEMES[cells.ids.index(cell.id) % 2],
                meeting_type="thematic", hour=14)
            self._held(meeting, rng)
        # today: the supervisor's three cells meet on the same day
        cell_1 = ref("party_handbook.org_vinh_loc_cell_1_demo")
        monthly = "Sinh hoạt chi bộ định kỳ tháng %s" % today.strftime("%m/%Y")
        live = self._new_meeting(cell_1, today, monthly, hour=7)
        live.action_announce()
        live.action_start()
        self._record_attendance(live, rng, share=0.8)
        first = self.env["party.meeting.motion"].create({
            "meeting_id": live.id, "sequence": 0, "method": "hands",
            "name": "Nghị quyết về nhiệm vụ trọng tâm tháng %s" % today.strftime("%m"),
            "text": "Tập trung vận động nhân dân tham gia xây dựng nông thôn mới."})
        first.action_open_vote()
        self._vote(first, rng, 0.9)
        first.action_close_vote()
        # the cell's probationary member, recognised by the two-thirds rule
        candidate = self.env["party.member"].search([
            ("organization_id", "=", cell_1.id),
            ("state", "=", "probationary")], limit=1)
        recognition = {
            "decision_kind_id": ref(
                "party_handbook_meetings.decision_kind_recognition").id,
            "subject_member_id": candidate.id} if candidate else {}
        secret = self.env["party.meeting.motion"].create(dict({
            "meeting_id": live.id, "sequence": 1, "method": "secret",
            "name": "Đề nghị công nhận đảng viên chính thức",
            "text": "Biểu quyết kín về việc đề nghị công nhận đảng viên chính "
                    "thức."}, **recognition))
        secret.action_open_vote()
        second = self._new_meeting(
            ref("party_handbook.org_huong_an_cell_1_demo"), today, monthly, hour=8)
        second.action_announce()
        second.action_start()
        self._record_attendance(second, rng)
        motion = self.env["party.meeting.motion"].create({
            "meeting_id": second.id, "method": "hands",
            "name": "Nghị quyết về công tác vệ sinh môi trường khu dân cư"})
        motion.action_open_vote()
        self._vote(motion, rng, 0.75)
        motion.action_close_vote()
        third = self._new_meeting(
            ref("party_handbook.org_binh_dien_cell_1_demo"), today, monthly, hour=14)
        third.action_announce()
        self.env["ir.model.data"].create({
            "module": "party_handbook_meetings", "name": "meeting_today_demo",
            "model": "party.meeting", "res_id": live.id, "noupdate": True})
        self._create_demo_notes()
        return Meeting.search_count([])

    @api.model
    def _create_demo_notes(self):
        """The secretary's notes of today's meeting in the demo secretary's
        cell (once), each by a member present, on its agenda item."""
        meeting = self.env.ref("party_handbook_meetings.meeting_today_demo",
                               raise_if_not_found=False)
        if not meeting:
            return 0
        meeting = meeting.sudo()
        if meeting.state not in ("announced", "in_progress", "closed") or \
                meeting.note_ids:
            return 0
        items = meeting.agenda_item_ids
        speakers = meeting.attendance_ids.filtered(
            lambda l: l.state == "present").mapped("member_id") or \
            meeting.attendance_ids.mapped("member_id")
        Note = self.env["party.meeting.note"].sudo()
        for index, (item, text) in enumerate(DEMO_NOTES):
            Note.create({
                "meeting_id": meeting.id, "sequence": index,
                "agenda_item_id": items[item].id if item < len(items) else False,
                "speaker_id": speakers[index % len(speakers)].id
                if speakers and index % 3 else False,
                "text": text})
        return len(DEMO_NOTES)
