# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The public holidays of Bộ luật Lao động 2019 (Labour Code, art. 112) for
a year, as the product's default when the administrator's table has no row
for that year. Each year the Government announces the actual days (which
two days of Tết around the five, a weekday swapped with a Saturday): the
administrator enters them in the table, which then wins.

Defaults applied here (art. 112, cl. 1 and 3; Nghị định 145/2020/NĐ-CP):
- 1/1 (1 day); Tết: the last day of the lunar year and the first four days
  of the new one (5 days); the Hùng Kings' day 10/3 lunar (1 day); 30/4 and
  1/5 (1 day each); 2/9 and the day before it, or after it when the day
  before is a weekend (2 days);
- a holiday that falls on Saturday or Sunday (the civil service's weekly
  rest) is compensated by the next working day.
Names are Vietnamese: they are the organization's data, like a calendar."""
from datetime import date, timedelta

from . import lunar

SOURCE = "Bộ luật Lao động 2019, Điều 112; Nghị định 145/2020/NĐ-CP"
SOURCE_DEFAULT = SOURCE + (" (ngày mặc định: đối chiếu thông báo nghỉ lễ, "
                           "Tết của Chính phủ năm đó)")


def _weekend(day):
    return day.weekday() >= 5


def public_holidays(year):
    """[(date, name)] of the days off of ``year``, compensations included,
    in date order."""
    new_year = lunar.lunar_new_year(year)
    tet = [(new_year - timedelta(days=1), "Tết Nguyên đán (ngày cuối năm âm lịch)")]
    tet += [(new_year + timedelta(days=i), "Tết Nguyên đán (mùng %d)" % (i + 1))
            for i in range(4)]
    national = date(year, 9, 2)
    adjacent = national - timedelta(days=1)
    if _weekend(adjacent):
        adjacent = national + timedelta(days=1)
    days = [(date(year, 1, 1), "Tết Dương lịch")] + tet + [
        (lunar.lunar_to_solar(10, 3, year), "Giỗ Tổ Hùng Vương (10/3 âm lịch)"),
        (date(year, 4, 30), "Ngày Chiến thắng (30/4)"),
        (date(year, 5, 1), "Ngày Quốc tế Lao động (1/5)"),
        (adjacent, "Quốc khánh (ngày liền kề)"),
        (national, "Quốc khánh (2/9)"),
    ]
    taken = {day for day, _name in days}
    result = []
    for day, name in sorted(days):
        result.append((day, name))
        if _weekend(day):
            compensation = day + timedelta(days=1)
            while _weekend(compensation) or compensation in taken:
                compensation += timedelta(days=1)
            taken.add(compensation)
            result.append((compensation, "Nghỉ bù: %s" % name))
    return sorted(result)
