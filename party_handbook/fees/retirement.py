# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Statutory retirement age in normal working conditions.

Source: Bộ luật Lao động 2019 (Labour Code), Điều 169, and Nghị định
135/2020/NĐ-CP, Điều 4 and Phụ lục I: from 2021 the age rises from 60 years
3 months for men by 3 months a year until 62 years (reached in 2028), and
from 55 years 4 months for women by 4 months a year until 60 years (reached
in 2035). The age that applies is the one of the calendar year in which the
person reaches it, which gives the appendix's table by month of birth (men
born 1/1961–9/1961: 60 years 3 months; 10/1961–6/1962: 60 years 6 months;
…; from 4/1966: 62 years; women born 1/1966–8/1966: 55 years 4 months; …;
from 5/1975: 60 years). Men born before 1961 and women born before 1966:
60 and 55 years (the law before 2021).

A member is "at or above retirement age" from the month in which they reach
it (the month of birth plus the age in months)."""

SOURCE = ("Bộ luật Lao động 2019, Điều 169; Nghị định 135/2020/NĐ-CP, "
          "Điều 4 và Phụ lục I")
# gender: (age before the change, first year of the change, months added a
# year, final age), ages in months
SCHEDULE = {
    "male": (60 * 12, 2021, 3, 62 * 12),
    "female": (55 * 12, 2021, 4, 60 * 12),
}


def _index(year, month):
    return year * 12 + month - 1


def retirement_age_months(gender, birth_year, birth_month):
    """The retirement age, in months, of a person of this gender born in
    this month; None for an unknown gender."""
    if gender not in SCHEDULE:
        return None
    base, first_year, step, final = SCHEDULE[gender]
    born = _index(birth_year, birth_month)
    # before the change: reached the old age before the first year
    if born + base < _index(first_year, 1):
        return base
    k = 1
    while base + k * step < final:
        reached = born + base + k * step
        if reached // 12 <= first_year + k - 1:
            return base + k * step
        k += 1
    return final


def retirement_month(gender, birth_year, birth_month):
    """(year, month) in which the person reaches retirement age, or None."""
    age = retirement_age_months(gender, birth_year, birth_month)
    if age is None:
        return None
    reached = _index(birth_year, birth_month) + age
    return reached // 12, reached % 12 + 1


def table():
    """The schedule as rows (gender, first month of birth "YYYY-MM-01",
    last month of birth or None, age in months), for SQL: one row per run
    of months of birth with the same age, from 1900."""
    rows = []
    for gender in sorted(SCHEDULE):
        start, current = None, None
        for born in range(_index(1900, 1), _index(2000, 1) + 1):
            age = retirement_age_months(gender, born // 12, born % 12 + 1)
            if age != current:
                if current is not None:
                    rows.append((gender, _date(start), _date(born - 1), current))
                start, current = born, age
        rows.append((gender, _date(start), None, current))
    return rows


def _date(index):
    return "%04d-%02d-01" % (index // 12, index % 12 + 1)
