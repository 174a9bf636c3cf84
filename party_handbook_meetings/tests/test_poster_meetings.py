# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Posters of a month's meetings (issue #15), made from the monthly summary
of report_common's month: commune A's cells A1 (regular meeting held, 4 of 5
present, motions 2 passed and 1 rejected) and A2 (its meeting cancelled)."""
import base64

from odoo.exceptions import AccessError, UserError
from odoo.tools import mute_logger

from .report_common import MeetingReportCase

FORGED = {"internal_write": True, "install_mode": True, "bypass": True}


class TestMonthPosters(MeetingReportCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.member_b = cls.create_user("member", [], partner=cls.b1_official,
                                       login="ph_member_b")
        cls.officer_b = cls.create_user("officer", [cls.commune_b],
                                        login="ph_officer_b")

    def _wizard(self, user, organization):
        return self.env["party.meeting.monthly.summary"].sudo(user).create({
            "organization_id": organization.id,
            "month": str(self.month.month), "year": self.month.year})

    def make_poster(self, user, organization):
        action = self._wizard(user, organization).action_make_poster()
        return self.env["party.poster"].sudo(user).browse(action["res_id"])

    def test_a_month_poster_counts_the_month(self):
        poster = self.make_poster(self.officer_user, self.commune_a)
        self.assertEqual((poster.kind, poster.state), ("month", "draft"))
        self.assertEqual(poster.organization_id, self.commune_a)
        self.assertEqual(poster.month, str(self.month))
        self.assertIn("Commune A", poster.name)
        figures = {f["code"]: (f["value"], f["total"])
                   for f in poster._figure_list()}
        self.assertEqual(figures, {"held": (1, 2), "attendance": (4, 5),
                                   "motions_passed": (2, 3)})
        # prefilled: one point for each figure
        self.assertEqual(len(poster._point_list()), 3)
        self.assertFalse(poster.document_id)

    def test_the_city_month_counts_every_cell(self):
        poster = self.make_poster(self.manager_user, self.city)
        figures = {f["code"]: (f["value"], f["total"])
                   for f in poster._figure_list()}
        # B1's motion is void for want of quorum: voted, not passed
        self.assertEqual(figures, {"held": (2, 3), "attendance": (5, 8),
                                   "motions_passed": (2, 4)})
        # and a point says a meeting lacked the required attendance
        self.assertEqual(len(poster._point_list()), 4)

    def test_publishing_renders_the_month(self):
        poster = self.make_poster(self.officer_user, self.commune_a)
        poster.action_publish()
        html = base64.b64decode(
            poster.sudo().pdf_attachment_id.datas).decode("utf-8")
        for text in ("Commune A", "%02d/%s" % (self.month.month,
                                               self.month.year),
                     "width: 80.0%", "width: 50.0%", "width: 66.7%"):
            self.assertIn(text, html)
        with self.assertRaises(UserError):
            poster.with_context(**FORGED).write({"key_points": "a\nb\nc"})
        action = poster.action_send_message()
        # no document: the message goes on the poster itself
        self.assertEqual(action["context"]["default_model"], "party.poster")

    @mute_logger("odoo.addons.base.ir.ir_model", "odoo.models")
    def test_only_officers_of_the_organization_make_month_posters(self):
        for user, organization in (
                (self.officer_user, self.commune_b),
                (self.officer_user, self.city),
                (self.officer_b, self.commune_a),
                (self.supervisor_user, self.cell_b1),
                (self.secretary_user, self.cell_a1),
                (self.member_user, self.cell_a1)):
            with self.assertRaises((UserError, AccessError)):
                self._wizard(user, organization).action_make_poster()
        self.assertFalse(self.env["party.poster"].search(
            [("kind", "=", "month")]).filtered(
                lambda p: p.organization_id in (
                    self.commune_b | self.city | self.cell_a1 | self.cell_b1)))

    @mute_logger("odoo.addons.base.ir.ir_model", "odoo.models")
    def test_members_see_the_published_months_of_their_organizations(self):
        poster_a = self.make_poster(self.officer_user, self.commune_a)
        poster_city = self.make_poster(self.manager_user, self.city)
        Poster = self.env["party.poster"]

        def visible(user):
            return Poster.sudo(user).search(
                [("id", "in", (poster_a | poster_city).ids)])
        # drafts: their officers only
        self.assertFalse(visible(self.member_user))
        self.assertEqual(visible(self.officer_user), poster_a)
        poster_a.action_publish()
        poster_city.action_publish()
        # a member of cell A1 (commune A, the city): both
        self.assertEqual(visible(self.member_user), poster_a | poster_city)
        # a member of cell B1 (commune B): the city's only
        self.assertEqual(visible(self.member_b), poster_city)
        with self.assertRaises(AccessError):
            poster_a.sudo(self.member_b).read(["name"])
        with self.assertRaises(AccessError):
            poster_a.sudo().pdf_attachment_id.sudo(self.member_b).read(["datas"])
        # the supervisor of cells A2 and B1: the months above their cells
        self.assertEqual(visible(self.supervisor_user), poster_a | poster_city)
        # commune B's officer: the city's (above them), not commune A's
        self.assertEqual(visible(self.officer_b), poster_city)
        with self.assertRaises(AccessError):
            poster_city.sudo(self.officer_b).check_access_rule("write")
