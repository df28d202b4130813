"""Fixtures for bmnn.rules tests (no Django needed)."""

from __future__ import annotations

import datetime as dt

import pytest

from bmnn.rules import configure

D2018 = dt.date(2026, 2, 15)  # decided under regime 2018
D2025 = dt.date(2026, 3, 15)  # decided under regime 2025
LEGACY = dt.date(2018, 6, 1)


@pytest.fixture(autouse=True)
def _fresh_regimes(monkeypatch: pytest.MonkeyPatch):
    """Every test starts from the shipped data with no agency override."""
    monkeypatch.delenv("BMNN_RULES_OVERRIDE", raising=False)
    configure()
    yield
    configure()
