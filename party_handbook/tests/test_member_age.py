# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A member's age is searchable (issue #14: the filter "Aged 70 or over"
matched everyone): through the date of birth, on the day of the search,
with the same bounds as the age shown (29 February included)."""
from datetime import date, timedelta
from unittest import mock

from odoo import fields
from odoo.exceptions import UserError

from .common import PartyCase


def on(day):
    """Patch "today" (the age's and the search's) to ``day``."""
    return mock.patch.object(fields.Date, "context_today",
                             lambda *_a, **_k: fields.Date.to_string(day))


class TestMemberAge(PartyCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.people = cls.env["party.member"]
        births = ["1956-11-30", "1956-12-01", "1956-11-29", "1955-01-01",
                  "1957-06-15", "1956-02-29", "1956-03-01", "1956-02-28"]
        for index, born in enumerate(births):
            cls.people |= cls.create_member(
                "Người tuổi %s" % index, cls.cell_b1, "official",
                date_of_birth=born, admission_date="1990-01-01",
                email="age%s@example.org" % index)
        cls.no_birth = cls.create_member(
            "Không rõ ngày sinh", cls.cell_b1, "official", date_of_birth=False,
            email="nobirth@example.org")

    def found(self, domain):
        return self.env["party.member"].search(
            [("id", "in", (self.people | self.no_birth).ids)] + domain)

    def test_aged_70_at_the_edge(self):
        # on 2026-11-30, born 1956-11-30 is 70 today; born 1956-12-01 is
        # 69 years and 364 days old
        seventy, almost = self.people[0], self.people[1]
        with on(date(2026, 11, 30)):
            self.assertEqual((seventy.age, almost.age), (70, 69))
            found = self.found([("age", ">=", 70)])
            self.assertIn(seventy, found)
            self.assertNotIn(almost, found)
            self.assertNotIn(self.no_birth, found)
            self.assertIn(almost, self.found([("age", "<", 70)]))
            self.assertNotIn(seventy, self.found([("age", "<", 70)]))
        with on(date(2026, 12, 1)):
            self.assertIn(almost, self.found([("age", ">=", 70)]))

    def test_the_search_matches_the_age_shown_every_day(self):
        """Around the birthdays (29 February too), every operator finds
        exactly the members whose age shown satisfies it."""
        days = [date(2026, 11, 28) + timedelta(days=n) for n in range(5)]
        days += [date(2026, 2, 27) + timedelta(days=n) for n in range(4)]
        days += [date(2028, 2, 27) + timedelta(days=n) for n in range(4)]
        checks = {
            ">=": lambda age, n: age >= n, ">": lambda age, n: age > n,
            "<=": lambda age, n: age <= n, "<": lambda age, n: age < n,
            "=": lambda age, n: age == n, "!=": lambda age, n: age != n,
        }
        for day in days:
            with on(day):
                self.people.invalidate_cache(["age"])
                ages = {member: member.age for member in self.people}
                for years in (68, 69, 70, 71, 72):
                    for operator, check in checks.items():
                        expected = {m for m, age in ages.items()
                                    if check(age, years)}
                        found = set(self.found([("age", operator, years)]))
                        self.assertEqual(found, expected, (day, operator, years))

    def test_in_and_unknown_ages(self):
        with on(date(2026, 11, 30)):
            self.assertEqual(self.found([("age", "=", False)]), self.no_birth)
            self.assertNotIn(self.no_birth, self.found([("age", "!=", False)]))
            self.assertEqual(self.found([("age", "in", [70])]),
                             self.people.filtered(lambda m: m.age == 70))
            for malformed in ([("age", ">=", "seventy")], [("age", "in", 5)],
                              [("age", "=", 3.7)], [("age", "=", True)],
                              [("age", "like", 70)]):
                with self.assertRaises(UserError, msg=malformed):
                    self.found(malformed)
            self.assertEqual(self.found([("age", "=", 70.0)]),
                             self.found([("age", "=", 70)]))

    def test_the_filter_aged_70_or_over_filters(self):
        view = self.env.ref("party_handbook.party_member_view_search_age")
        self.assertIn("aged_70", view.arch)
        with on(date(2026, 11, 30)):
            found = self.found([("age", ">=", 70)])
            self.assertTrue(found)
            self.assertLess(len(found), len(self.people))
            self.assertTrue(all(member.age >= 70 for member in found))
