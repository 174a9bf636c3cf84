# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import shutil
import tempfile
from unittest.mock import patch

from odoo.addons.party_handbook.tests.common import PartyCase

from ..models import ballot_keys


class TemporaryBallotKeys(object):
    """The key files of the secret votes these tests open go to a temporary
    directory, removed after the class (never to the server's data
    directory)."""

    @classmethod
    def setUpClass(cls):
        cls.ballot_key_root = tempfile.mkdtemp(prefix="party_ballot_keys_")
        cls._ballot_key_patch = patch.object(
            ballot_keys, "KEY_ROOT", cls.ballot_key_root)
        cls._ballot_key_patch.start()
        super().setUpClass()

    @classmethod
    def tearDownClass(cls):
        try:
            result = super().tearDownClass()
        finally:
            cls._ballot_key_patch.stop()
            shutil.rmtree(cls.ballot_key_root, ignore_errors=True)
        return result

    def run_commit_hooks(self):
        """What a commit of the test's transaction would run afterwards
        (the transaction itself is never committed)."""
        for hook in self.env.cr._pop_event_handlers()["commit"]:
            hook()


class MeetingCase(TemporaryBallotKeys, PartyCase):
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
            "chair_id": self.a1_other.id, "secretary_id": self.officials[0].id,
            "location": "Nhà văn hóa thôn",
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
