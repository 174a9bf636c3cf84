# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The Vietnamese lunisolar calendar, computed astronomically for the
meridian of Vietnam (UTC+7): the new moons (Meeus, *Astronomical
Algorithms*, ch. 49, abridged) and the sun's longitude (ch. 25, low
precision) decide where each lunar month starts and which month is leap.
The meridian matters: the Chinese calendar (UTC+8) starts some years on
another day (Tết 1985, 2007), and the `holidays` package's Korean calendar
(UTC+9) on yet another in some years. Pure Python, no dependency; exact for
the years a working-day table needs (checked against the published Tết
dates of 1985-2040 in tests/test_workdays_lunar.py)."""
import math
from datetime import date, timedelta

VIETNAM_TZ = 7.0
SYNODIC_MONTH = 29.530588853
# Julian day of the new moon of 1900-01-01 (k = 0)
EPOCH = 2415021.076998695
_ORDINAL_TO_JDN = 1721425  # date.toordinal() + this = Julian day number


def _jdn(day):
    return day.toordinal() + _ORDINAL_TO_JDN


def _from_jdn(jdn):
    return date.fromordinal(jdn - _ORDINAL_TO_JDN)


def _new_moon(k):
    """Julian day (TT, fractional) of the k-th new moon after 1900-01-01."""
    t = k / 1236.85
    t2, t3 = t * t, t * t * t
    rad = math.pi / 180
    jd = (2415020.75933 + SYNODIC_MONTH * k + 0.0001178 * t2
          - 0.000000155 * t3
          + 0.00033 * math.sin((166.56 + 132.87 * t - 0.009173 * t2) * rad))
    sun = (359.2242 + 29.10535608 * k - 0.0000333 * t2 - 0.00000347 * t3) * rad
    moon = (306.0253 + 385.81691806 * k + 0.0107306 * t2
            + 0.00001236 * t3) * rad
    lat = (21.2964 + 390.67050646 * k - 0.0016528 * t2
           - 0.00000239 * t3) * rad
    correction = ((0.1734 - 0.000393 * t) * math.sin(sun)
                  + 0.0021 * math.sin(2 * sun)
                  - 0.4068 * math.sin(moon) + 0.0161 * math.sin(2 * moon)
                  - 0.0004 * math.sin(3 * moon)
                  + 0.0104 * math.sin(2 * lat)
                  - 0.0051 * math.sin(sun + moon)
                  - 0.0074 * math.sin(sun - moon)
                  + 0.0004 * math.sin(2 * lat + sun)
                  - 0.0004 * math.sin(2 * lat - sun)
                  - 0.0006 * math.sin(2 * lat + moon)
                  + 0.0010 * math.sin(2 * lat - moon)
                  + 0.0005 * math.sin(2 * moon + sun))
    if t < -11:
        delta_t = (0.001 + 0.000839 * t + 0.0002261 * t2
                   - 0.00000845 * t3 - 0.000000081 * t * t3)
    else:
        delta_t = -0.000278 + 0.000265 * t + 0.000262 * t2
    return jd + correction - delta_t


def _sun_longitude(jd):
    """The sun's apparent longitude at Julian day ``jd``, in radians [0, 2π)."""
    t = (jd - 2451545.0) / 36525
    t2 = t * t
    rad = math.pi / 180
    anomaly = 357.52910 + 35999.05030 * t - 0.0001559 * t2 - 0.00000048 * t * t2
    mean = 280.46645 + 36000.76983 * t + 0.0003032 * t2
    centre = ((1.914600 - 0.004817 * t - 0.000014 * t2) * math.sin(rad * anomaly)
              + (0.019993 - 0.000101 * t) * math.sin(2 * rad * anomaly)
              + 0.000290 * math.sin(3 * rad * anomaly))
    longitude = (mean + centre) * rad
    return longitude - 2 * math.pi * math.floor(longitude / (2 * math.pi))


def _new_moon_day(k, tz):
    """Julian day number of the local day on which the k-th new moon falls."""
    return int(math.floor(_new_moon(k) + 0.5 + tz / 24))


def _sun_sector(jdn, tz):
    """Which twelfth of the ecliptic (0-11) the sun is in at the start of
    the local day ``jdn`` (sector 9 holds the winter solstice)."""
    return int(math.floor(_sun_longitude(jdn - 0.5 - tz / 24) / math.pi * 6))


def _month11_start(year, tz):
    """Julian day number of the first day of the 11th lunar month (the
    month holding the winter solstice) that begins in solar year ``year``."""
    offset = _jdn(date(year, 12, 31)) - 2415021
    k = int(math.floor(offset / SYNODIC_MONTH))
    start = _new_moon_day(k, tz)
    if _sun_sector(start, tz) >= 9:
        start = _new_moon_day(k - 1, tz)
    return start


def _leap_offset(month11, tz):
    """In a 13-month year starting at ``month11``, the index (after month 11)
    of the first month without a major solar term: the leap month."""
    k = int(math.floor((month11 - EPOCH) / SYNODIC_MONTH + 0.5))
    i = 1
    sector = _sun_sector(_new_moon_day(k + i, tz), tz)
    while True:
        last = sector
        i += 1
        sector = _sun_sector(_new_moon_day(k + i, tz), tz)
        if sector == last or i >= 14:
            break
    return i - 1


def lunar_to_solar(day, month, year, leap=False, tz=VIETNAM_TZ):
    """The solar date of lunar ``day``/``month`` of lunar ``year`` (the year
    whose first month starts in solar ``year``). ``leap`` asks for the leap
    month of that number; ValueError when the year has none."""
    if not (1 <= month <= 12 and 1 <= day <= 30):
        raise ValueError("no lunar day %s/%s" % (day, month))
    if month < 11:
        start11, next11 = _month11_start(year - 1, tz), _month11_start(year, tz)
    else:
        start11, next11 = _month11_start(year, tz), _month11_start(year + 1, tz)
    k = int(math.floor(0.5 + (start11 - EPOCH) / SYNODIC_MONTH))
    offset = (month - 11) % 12
    if next11 - start11 > 365:
        leap_offset = _leap_offset(start11, tz)
        leap_month = (leap_offset - 2) % 12
        if leap and month != leap_month:
            raise ValueError("lunar year %s has no leap month %s" % (year, month))
        if leap or offset >= leap_offset:
            offset += 1
    elif leap:
        raise ValueError("lunar year %s has no leap month" % year)
    month_start = _new_moon_day(k + offset, tz)
    if day > 29:
        next_start = _new_moon_day(k + offset + 1, tz)
        if month_start + day - 1 >= next_start:
            raise ValueError("lunar month %s/%s has 29 days" % (month, year))
    return _from_jdn(month_start + day - 1)


def lunar_new_year(year, tz=VIETNAM_TZ):
    """The first day of Tết Nguyên đán in solar ``year``."""
    return lunar_to_solar(1, 1, year, tz=tz)


def lunar_new_year_eve(year, tz=VIETNAM_TZ):
    """The last day of the lunar year that ends in solar ``year`` (29 or 30
    of the 12th month): the day before Tết."""
    return lunar_new_year(year, tz) - timedelta(days=1)
