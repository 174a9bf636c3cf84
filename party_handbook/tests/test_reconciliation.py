# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import AccessError
from odoo.tools import mute_logger

from .report_common import RegisterCase


class TestReconciliation(RegisterCase):
    """Quarter II 2026 (April to June) on a small fixture; events before,
    during and after the quarter."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        member = cls._member
        member("M1 official throughout", cls.cell_a1, "2000-01-01")
        member("M2 admitted in Q2", cls.cell_a1, "2026-05-10", state="probationary")
        m2b = member("M2b official in Q2", cls.cell_a1, "2025-05-01",
                     state="probationary")
        m2b.action_make_official(date="2026-05-15")
        member("M3 left in Q2", cls.cell_a2, "1990-01-01").action_leave(
            "resigned", date="2026-05-20")
        member("M4 died after Q2", cls.cell_a2, "1995-01-01").action_deceased(
            date="2026-08-01")
        member("M5 admitted after Q2", cls.cell_a1, "2026-08-15",
               state="probationary")
        member("M6 from B1 in Q2", cls.cell_b1, "1980-01-01"
               ).action_transfer_internal(cls.cell_a1, date="2026-04-10")
        member("M7 A1 to A2 in Q2", cls.cell_a1, "1999-01-01"
               ).action_transfer_internal(cls.cell_a2, date="2026-05-05")
        member("M8 A2 to B1 after Q2", cls.cell_a2, "1999-01-01"
               ).action_transfer_internal(cls.cell_b1, date="2026-09-01")
        member("M9 exempted before Q2", cls.cell_a1, "1970-01-01").action_exempt(
            date="2026-01-10")
        member("M10 transferred out in Q2", cls.cell_a1, "1999-01-01"
               ).action_transfer_out("Đảng bộ tỉnh Quảng Trị", date="2026-06-01")

    def _rows(self, organization, user=None):
        wizard = self.env["party.reconciliation.wizard"].sudo(
            user or self.secretary).create({
                "organization_id": organization.id, "year": 2026, "quarter": "2"})
        return wizard, {row["organization"]: row
                        for row in wizard._reconciliation_rows()}

    def _check(self, row, **expected):
        self.assertEqual({key: row[key] for key in expected}, expected,
                         row["organization"].name)
        # the numbers reconcile
        self.assertEqual(
            row["start_total"] + row["admitted"] + row["transferred_in"]
            - row["transferred_out"] - row["left"] - row["deceased"], row["total"])

    def test_commune_and_its_cells(self):
        __, rows = self._rows(self.commune_a)
        self.assertEqual(list(rows), [self.commune_a, self.cell_a1, self.cell_a2])
        self._check(rows[self.commune_a], start_total=8, official=6, probationary=1,
                    exempted=1, total=8, admitted=1, became_official=1,
                    transferred_in=1, transferred_out=1, left=1, deceased=0)
        self._check(rows[self.cell_a1], start_total=5, official=3, probationary=1,
                    exempted=1, total=5, admitted=1, became_official=1,
                    transferred_in=1, transferred_out=2, left=0)
        self._check(rows[self.cell_a2], start_total=3, official=3, probationary=0,
                    exempted=0, total=3, transferred_in=1, transferred_out=0, left=1)

    def test_city(self):
        __, rows = self._rows(self.city, user=self.env.user)
        self._check(rows[self.commune_b], start_total=1, total=0, transferred_out=1)
        # moves inside the city are not transfers of the city
        self._check(rows[self.city], start_total=9, total=8, transferred_in=0,
                    transferred_out=1, admitted=1, left=1)

    def test_other_quarter(self):
        """Quarter III: M4 died, M5 was admitted, M8 moved to B1."""
        wizard, __ = self._rows(self.commune_a)
        wizard.quarter = "3"
        rows = {row["organization"]: row for row in wizard._reconciliation_rows()}
        self._check(rows[self.commune_a], start_total=8, total=7, admitted=1,
                    deceased=1, transferred_out=1, official=4, probationary=2)

    def test_report_renders(self):
        wizard, __ = self._rows(self.commune_a)
        html, __ = self.env.ref(
            "party_handbook.action_report_reconciliation").sudo(
                self.secretary).render_qweb_html(wizard.ids)
        html = html.decode()
        for text in ("Chi bộ Khu vực 1", "Chi bộ Khu vực 2", "Quarter II",
                     "Method.", "Đảng ủy phường An Cựu (total)"):
            self.assertIn(text, html)
        action = wizard.sudo(self.secretary).action_print()
        self.assertEqual(action["report_name"], "party_handbook.report_reconciliation")

    def test_default_organization(self):
        wizard = self.env["party.reconciliation.wizard"].sudo(self.secretary).create(
            {"year": 2026, "quarter": "1"})
        self.assertEqual(wizard.organization_id, self.commune_a)

    @mute_logger("odoo.models")
    def test_access(self):
        with self.assertRaises(AccessError):
            self._rows(self.commune_b)
        with self.assertRaises(AccessError):
            self._rows(self.cell_a1, user=self.member_user)
