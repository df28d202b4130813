"""R-REGIME-*: regime selection by the date of the act."""

from __future__ import annotations

import datetime as dt

import pytest

from bmnn.rules import regime_for

CASES = [
    ("R-REGIME-1 first day 2018", dt.date(2020, 7, 1), "general", "2018"),
    ("R-REGIME-1 last day 2018", dt.date(2026, 2, 28), "general", "2018"),
    ("R-REGIME-1 first day 2025", dt.date(2026, 3, 1), "general", "2025"),
    ("R-REGIME-1 before law is legacy", dt.date(2020, 6, 30), "general", "legacy"),
    ("R-REGIME-2 period rules from 2019", dt.date(2019, 1, 1), "period", "2018"),
    ("R-REGIME-2 period rules not before 2019", dt.date(2018, 12, 31), "period", "legacy"),
    ("R-TRANS-1 pre-2019 act is legacy", dt.date(2010, 5, 5), "general", "legacy"),
]


@pytest.mark.parametrize(("rule", "on", "topic", "expected"), CASES, ids=[c[0] for c in CASES])
def test_regime_for(rule: str, on: dt.date, topic: str, expected: str) -> None:
    assert regime_for(on, topic).id == expected


def test_r_regime_1_aware_datetime_uses_vietnam_date() -> None:
    # 28/02/2026 18:00 UTC is already 01/03/2026 01:00 in Hanoi.
    moment = dt.datetime(2026, 2, 28, 18, 0, tzinfo=dt.UTC)
    assert regime_for(moment).id == "2025"
