# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The Vietnamese lunar calendar and the Labour Code's default holidays
(issue #16), pure Python, loaded by file path (importing the party_handbook
package would import Odoo, which runs on Python 3.7 only)."""
import importlib.util
import os
import sys
from datetime import date

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
FOLDER = os.path.join(os.path.dirname(HERE), "party_handbook", "workdays")


def _load(name):
    spec = importlib.util.spec_from_file_location(
        "party_workdays." + name, os.path.join(FOLDER, name + ".py"))
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


package = importlib.util.module_from_spec(importlib.util.spec_from_file_location(
    "party_workdays", os.path.join(FOLDER, "__init__.py"),
    submodule_search_locations=[FOLDER]))
sys.modules["party_workdays"] = package
lunar = _load("lunar")
package.lunar = lunar
labour_code = _load("labour_code")

# Tết Nguyên đán as published in Vietnam (Vietnamese calendar, UTC+7)
TET = {
    1985: date(1985, 1, 21),  # China: 20/2 (the Vietnamese calendar's month)
    1990: date(1990, 1, 27),
    2000: date(2000, 2, 5),
    2007: date(2007, 2, 17),  # China: 18/2
    2010: date(2010, 2, 14),
    2015: date(2015, 2, 19),
    2020: date(2020, 1, 25),
    2021: date(2021, 2, 12),
    2022: date(2022, 2, 1),
    2023: date(2023, 1, 22),
    2024: date(2024, 2, 10),
    2025: date(2025, 1, 29),
    2026: date(2026, 2, 17),
    2027: date(2027, 2, 6),
    2028: date(2028, 1, 26),
    2029: date(2029, 2, 13),
    2030: date(2030, 2, 2),  # China and Korea: 3/2 (new moon at about 23:08 in Hà Nội)
}
# Giỗ Tổ Hùng Vương, 10/3 lunar
HUNG_KINGS = {
    2012: date(2012, 3, 31),
    2023: date(2023, 4, 29),
    2024: date(2024, 4, 18),
    2025: date(2025, 4, 7),
    2026: date(2026, 4, 26),
}


@pytest.mark.parametrize("year", sorted(TET))
def test_tet(year):
    assert lunar.lunar_new_year(year) == TET[year]


@pytest.mark.parametrize("year", sorted(HUNG_KINGS))
def test_hung_kings_day(year):
    assert lunar.lunar_to_solar(10, 3, year) == HUNG_KINGS[year]


def test_leap_months():
    # 2023 had a leap 2nd month, 2025 a leap 6th month
    assert lunar.lunar_to_solar(1, 2, 2023, leap=True) == date(2023, 3, 22)
    assert lunar.lunar_to_solar(1, 3, 2023) == date(2023, 4, 20)
    assert lunar.lunar_to_solar(1, 6, 2025, leap=True) == date(2025, 7, 25)
    with pytest.raises(ValueError):
        lunar.lunar_to_solar(1, 3, 2024, leap=True)
    with pytest.raises(ValueError):
        lunar.lunar_to_solar(1, 3, 2023, leap=True)  # the leap month is 2


def test_mid_autumn_and_eve():
    assert lunar.lunar_to_solar(15, 8, 2026) == date(2026, 9, 25)
    assert lunar.lunar_new_year_eve(2026) == date(2026, 2, 16)


def test_bad_lunar_days():
    for day, month in ((0, 1), (31, 1), (1, 0), (1, 13)):
        with pytest.raises(ValueError):
            lunar.lunar_to_solar(day, month, 2026)


def test_every_year_has_twelve_or_thirteen_months():
    for year in range(1950, 2101):
        length = (lunar.lunar_new_year(year + 1) - lunar.lunar_new_year(year)).days
        assert length in (353, 354, 355, 383, 384, 385), year
        assert date(year, 1, 20) <= lunar.lunar_new_year(year) <= date(year, 2, 20)


def _days(year):
    return dict(labour_code.public_holidays(year))


def test_defaults_2026():
    days = _days(2026)
    # Tết: the last day of the year and mùng 1-4, Monday to Friday
    for day in range(16, 21):
        assert date(2026, 2, day) in days
    # the Hùng Kings' day is a Sunday: compensated on Monday 27/4
    assert days[date(2026, 4, 26)].startswith("Giỗ Tổ")
    assert days[date(2026, 4, 27)].startswith("Nghỉ bù")
    # 2/9 is a Wednesday: the adjacent day is Tuesday 1/9
    assert date(2026, 9, 1) in days and date(2026, 9, 2) in days
    assert len(days) == 12


def test_defaults_compensate_weekends():
    days = _days(2027)  # mùng 1 and 2 on Saturday and Sunday
    assert days[date(2027, 2, 10)] == "Nghỉ bù: Tết Nguyên đán (mùng 1)"
    assert days[date(2027, 2, 11)] == "Nghỉ bù: Tết Nguyên đán (mùng 2)"
    assert days[date(2027, 5, 3)].startswith("Nghỉ bù")  # 1/5 on Saturday
    days = _days(2028)  # 1/1 on Saturday; 2/9 on Saturday, 1/9 on Friday
    assert days[date(2028, 1, 3)] == "Nghỉ bù: Tết Dương lịch"
    assert date(2028, 9, 1) in days and date(2028, 9, 4) in days
    # 30/4 on Sunday and 1/5 on Monday: the compensation goes to Tuesday
    assert days[date(2028, 5, 2)] == "Nghỉ bù: Ngày Chiến thắng (30/4)"


def test_defaults_adjacent_national_day_after_a_weekend():
    # 2/9/2030 is a Monday: the day before is Sunday, so Tuesday 3/9 is off
    days = _days(2030)
    assert date(2030, 9, 3) in days and date(2030, 9, 1) not in days


def test_defaults_every_year_has_eleven_days_off():
    for year in range(2025, 2061):
        weekdays = [day for day in _days(year) if day.weekday() < 5]
        assert len(weekdays) == 11, year
