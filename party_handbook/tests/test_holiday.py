# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The working-day calendar (issue #16): the administrator's table wins over
the Labour Code's defaults, a swapped Saturday is worked, deadlines cross
Tết, only administrators change the table, and the rules' fractions are
exact."""
from odoo.exceptions import AccessError, ValidationError
from odoo.tools import mute_logger

from .common import PartyCase


class TestHoliday(PartyCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Holiday = cls.env["party.holiday"]
        # the tests own the years they use: no row from the install stays
        cls.Holiday.search([("year", "in", (2026, 2031))]).unlink()

    @classmethod
    def tearDownClass(cls):
        result = super().tearDownClass()
        # the cache is the registry's: a rolled-back year must not stay in it
        cls.env["party.holiday"].clear_caches()
        return result

    def tearDown(self):
        super().tearDown()
        self.Holiday.clear_caches()

    def test_deadline_across_tet(self):
        H = self.Holiday
        # 2026 without rows: the Labour Code's defaults (Tết 16-20/2)
        self.assertEqual(H.add_working_days("2026-02-13", 1), "2026-02-23")
        self.assertEqual(H.working_days_between("2026-02-13", "2026-02-23"), 1)
        self.assertEqual(H.working_days_between("2026-02-23", "2026-02-13"), 0)
        # 30 working days from Monday 5/1/2026 end after Tết, on 23/2
        self.assertEqual(H.add_working_days("2026-01-05", 30), "2026-02-23")
        self.assertEqual(H.add_working_days("2026-01-05", 0), "2026-01-05")
        self.assertFalse(H.is_working_day("2026-02-17"))
        self.assertFalse(H.is_working_day("2026-02-21"))  # Saturday
        self.assertTrue(H.is_working_day("2026-02-23"))

    def test_table_wins_over_defaults(self):
        H = self.Holiday
        self.assertFalse(H.is_working_day("2026-04-27"))  # compensation (default)
        # the administrator enters the Government's days for 2026: the
        # year's defaults no longer apply, a swapped Saturday is worked
        H.create({"date": "2026-01-02", "name": "Nghỉ hoán đổi",
                  "source": "Thông báo của Bộ Nội vụ"})
        H.create({"date": "2026-01-10", "kind": "workday", "name": "Làm bù",
                  "source": "Thông báo của Bộ Nội vụ"})
        self.assertFalse(H.is_working_day("2026-01-02"))
        self.assertTrue(H.is_working_day("2026-01-10"))
        self.assertTrue(H.is_working_day("2026-04-27"))  # not in the table now
        self.assertEqual(H.add_working_days("2026-01-09", 1), "2026-01-10")
        # a correction is seen at once (the cache is cleared)
        H.search([("date", "=", "2026-01-10")]).unlink()
        self.assertFalse(H.is_working_day("2026-01-10"))

    def test_fill_year_keeps_the_administrators_rows(self):
        H = self.Holiday
        self.assertEqual(H._fill_year(2031), 11)
        self.assertEqual(H.search_count([("year", "=", 2031)]), 11)
        self.assertEqual(H._fill_year(2031), 0)
        # Tết 2031 (23/1) by the Vietnamese calendar, with its source
        tet = H.search([("date", "=", "2031-01-23")])
        self.assertEqual(tet.name, "Tết Nguyên đán (mùng 1)")
        self.assertIn("Điều 112", tet.source)

    def test_kind_matches_the_weekday(self):
        with self.assertRaises(ValidationError), mute_logger("odoo.sql_db"):
            self.Holiday.create({"date": "2026-03-03", "kind": "workday",
                                 "name": "x", "source": "x"})
        with self.assertRaises(ValidationError), mute_logger("odoo.sql_db"):
            self.Holiday.create({"date": "2026-03-07", "name": "x",
                                 "source": "x"})

    def test_only_administrators_change_it(self):
        day = self.Holiday.create({"date": "2026-03-03", "name": "x",
                                   "source": "x"})
        for user in (self.officer_user, self.manager_user, self.secretary_user):
            H = self.Holiday.sudo(user)
            self.assertEqual(H.browse(day.id).name, "x")
            forged = H.with_context(install_mode=True, internal_write=True)
            with self.assertRaises(AccessError), mute_logger("odoo.models"):
                forged.browse(day.id).write({"name": "y"})
            with self.assertRaises(AccessError), mute_logger("odoo.models"):
                forged.create({"date": "2026-03-04", "name": "y", "source": "y"})
            with self.assertRaises(AccessError), mute_logger("odoo.models"):
                forged.browse(day.id).unlink()
            # the calendar's answers do not need the table's rights
            self.assertFalse(H.is_working_day("2026-03-03"))
        self.assertFalse(self.Holiday.sudo(self.member_user).is_working_day(
            "2026-03-03"))

    def test_rule_fractions_are_exact(self):
        Rule = self.env["party.rule"]
        two_thirds = Rule.get_fraction("admission_vote_fraction")
        self.assertEqual((two_thirds.numerator, two_thirds.denominator), (2, 3))
        self.assertTrue(6 >= two_thirds * 9)
        self.assertFalse(5 >= two_thirds * 8)
        self.assertEqual(Rule.get_value("admission_ceremony_working_days"), 30)
        self.assertEqual(Rule.get_value("transfer_apply_working_days"), 60)
        self.assertEqual(Rule.get_value("fee_exempt_party_years"), 50)
