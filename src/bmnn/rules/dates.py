"""Date arithmetic in the Vietnam calendar.

The rules work on calendar dates in Vietnam (Asia/Ho_Chi_Minh).  Functions accept a ``datetime.date``
or an *aware* ``datetime`` (converted to its Vietnam date); a naive datetime is a programming error and
raises :class:`NaiveDatetimeError`.

**Year arithmetic rule.**  Adding N years keeps the day and month; when that day does not exist in the
target year (29 February in a common year) the result is the last day of that month, 28 February.
This follows the Civil Code 2015, Art. 148.1: a period in years ends on the corresponding day of the last
year, or on the last day of the month when there is no corresponding day.
"""

from __future__ import annotations

import calendar
import datetime as dt
from zoneinfo import ZoneInfo

VN_TZ = ZoneInfo("Asia/Ho_Chi_Minh")


class NaiveDatetimeError(TypeError):
    """A naive datetime was given where a date or an aware datetime is required."""


def vn_date(value: dt.date | dt.datetime) -> dt.date:
    """The Vietnam calendar date of ``value``."""
    if isinstance(value, dt.datetime):
        if value.tzinfo is None or value.utcoffset() is None:
            raise NaiveDatetimeError("naive datetime: pass a date or a timezone-aware datetime")
        return value.astimezone(VN_TZ).date()
    if isinstance(value, dt.date):
        return value
    raise TypeError(f"expected a date, got {type(value).__name__}")


def today_vn(now: dt.datetime | None = None) -> dt.date:
    """Today's date in Vietnam."""
    return vn_date(now or dt.datetime.now(dt.UTC))


def add_years(day: dt.date, years: int) -> dt.date:
    """``day`` plus ``years`` calendar years; 29/02 lands on 28/02 in a common year."""
    year = day.year + years
    last = calendar.monthrange(year, day.month)[1]
    return dt.date(year, day.month, min(day.day, last))


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` plus ``months`` calendar months, clamped to the month's last day (same rule)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


def add_days(day: dt.date, days: int) -> dt.date:
    return day + dt.timedelta(days=days)


def fmt(day: dt.date) -> str:
    """dd/mm/yyyy, the Vietnamese display form."""
    return day.strftime("%d/%m/%Y")
