# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.addons.party_handbook.tests.common import PartyCase


class MeetingCase(PartyCase):
    """PartyCase's small city, with cell A1 grown to a realistic roster:

    official: a1_official (the member user), a1_other (the secretary),
              off_1 … off_4; exempted: exempted; attached elsewhere: away;
              suspended: suspended; probationary: a1_probationary.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.officials = cls.env["party.member"]
        for index in range(1, 5):
            cls.officials |= cls.create_member(
                "Đảng viên số %s" % index, cls.cell_a1, "official",
                email="dv%s@example.org" % index)
        cls.exempted = cls.create_member(
            "Ngô Văn Miễn", cls.cell_a1, "official", email="mien@example.org")
        cls.exempted.action_exempt(date="2025-01-01", reason="Tuổi cao")
        cls.away = cls.create_member(
            "Đỗ Thị Vắng", cls.cell_a1, "official", email="vang@example.org")
        cls.away.action_transfer_temporary(cls.cell_b1, date="2026-01-01")
        cls.suspended = cls.create_member(
            "Vũ Văn Đình", cls.cell_a1, "official", email="dinh@example.org",
            activity_restriction="suspended")

    def new_meeting(self, **values):
        vals = {
            "name": "Sinh hoạt định kỳ", "organization_id": self.cell_a1.id,
            "date_start": "2026-11-05 00:30:00", "date_end": "2026-11-05 03:00:00",
            "chair_id": self.a1_other.id,
        }
        vals.update(values)
        return self.env["party.meeting"].create(vals)

    def started_meeting(self, present=None, **values):
        """Announced and started; ``present`` members checked in (default:
        every line still expected)."""
        meeting = self.new_meeting(**values)
        meeting.action_announce()
        meeting.action_start()
        lines = meeting.attendance_ids
        if present is None:
            lines.filtered(lambda l: l.state == "expected").action_present()
        else:
            lines.filtered(lambda l: l.member_id in present).action_present()
        return meeting

    def line(self, meeting, member):
        return meeting.attendance_ids.filtered(lambda l: l.member_id == member)

    def motion(self, meeting, method="hands", **values):
        vals = {"meeting_id": meeting.id, "name": "Nghị quyết", "method": method}
        vals.update(values)
        return self.env["party.meeting.motion"].create(vals)
