"""Dates: Vietnam calendar, 29/02 + N years → 28/02, property tests (R-PERIOD-1, R-EXT-*)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bmnn.rules import (
    Level,
    NaiveDatetimeError,
    add_months,
    add_years,
    expiry_date,
    extension_alert_date,
    fmt,
    may_extend,
    protection_period,
    today_vn,
    vn_date,
)
from tests.rules.cases import P_HEAD

dates = st.dates(min_value=dt.date(2019, 1, 1), max_value=dt.date(2200, 12, 31))
levels = st.sampled_from(list(Level))
# Expiry dates whose extension decisions (up to ~1 year earlier) fall under the Law, not legacy rules.
expiries = st.dates(min_value=dt.date(2020, 6, 1), max_value=dt.date(2200, 12, 31))


@pytest.mark.parametrize(
    ("start", "years", "expected"),
    [
        (dt.date(2020, 2, 29), 10, dt.date(2030, 2, 28)),
        (dt.date(2020, 2, 29), 4, dt.date(2024, 2, 29)),
        (dt.date(2021, 3, 1), 30, dt.date(2051, 3, 1)),
        (dt.date(2024, 12, 31), 20, dt.date(2044, 12, 31)),
    ],
    ids=["R-PERIOD-1 leap day to common year", "leap to leap", "plain", "year end"],
)
def test_add_years(start: dt.date, years: int, expected: dt.date) -> None:
    assert add_years(start, years) == expected


def test_add_months_clamps_to_month_end() -> None:
    assert add_months(dt.date(2026, 1, 31), 1) == dt.date(2026, 2, 28)
    assert add_months(dt.date(2026, 11, 30), 3) == dt.date(2027, 2, 28)


def test_vn_date_converts_aware_datetimes() -> None:
    moment = dt.datetime(2026, 2, 28, 17, 30, tzinfo=dt.UTC)
    assert vn_date(moment) == dt.date(2026, 3, 1)
    assert vn_date(moment.astimezone(ZoneInfo("America/New_York"))) == dt.date(2026, 3, 1)
    assert vn_date(dt.date(2026, 1, 1)) == dt.date(2026, 1, 1)
    assert today_vn(dt.datetime(2026, 1, 1, 20, tzinfo=dt.UTC)) == dt.date(2026, 1, 2)
    assert isinstance(today_vn(), dt.date)


def test_naive_datetime_is_rejected() -> None:
    with pytest.raises(NaiveDatetimeError):
        vn_date(dt.datetime(2026, 1, 1, 12))
    with pytest.raises(TypeError):
        vn_date("2026-01-01")  # type: ignore[arg-type]


def test_fmt_is_day_month_year() -> None:
    assert fmt(dt.date(2026, 3, 1)) == "01/03/2026"


@given(dates, st.integers(min_value=0, max_value=60))
def test_add_years_property(start: dt.date, years: int) -> None:
    result = add_years(start, years)
    assert result.year == start.year + years
    assert result.month == start.month
    assert result.day == start.day or (start.month, start.day, result.day) == (2, 29, 28)
    assert result >= start


@given(dates, levels)
def test_r_period_1_expiry_property(start: dt.date, level: Level) -> None:
    expiry = expiry_date(level, start)
    assert expiry is not None
    years = {Level.MAT: 10, Level.TOI_MAT: 20, Level.TUYET_MAT: 30}[level]
    assert expiry == add_years(start, years)
    decision = protection_period(level, start)
    assert decision.allowed and decision.info["expiry"] == expiry


@given(dates)
def test_r_period_1_higher_level_never_expires_earlier(start: dt.date) -> None:
    mat, toi, tuyet = (expiry_date(lv, start) for lv in (Level.MAT, Level.TOI_MAT, Level.TUYET_MAT))
    assert mat is not None and toi is not None and tuyet is not None
    assert mat < toi < tuyet


@given(expiries, st.integers(min_value=0, max_value=400))
def test_r_ext_1_deadline_ordering(expiry: dt.date, lead: int) -> None:
    alert = extension_alert_date(expiry, lead)
    assert alert <= expiry - dt.timedelta(days=60)
    assert (expiry - alert).days == 60 + lead
    latest_ok = may_extend(Level.MAT, expiry, expiry - dt.timedelta(days=60), 1, P_HEAD)
    too_late = may_extend(Level.MAT, expiry, expiry - dt.timedelta(days=59), 1, P_HEAD)
    assert latest_ok.allowed and not too_late.allowed


@given(expiries, st.integers(min_value=1, max_value=10))
def test_r_ext_2_new_expiry_after_old(expiry: dt.date, years: int) -> None:
    decided = expiry - dt.timedelta(days=100)
    decision = may_extend(Level.MAT, expiry, decided, years, P_HEAD)
    assert decision.info["new_expiry"] == add_years(expiry, years) > expiry
    assert decision.info["notice_due"] == decided + dt.timedelta(days=15)
