"""Fixtures for the deadline tests: the demo province and items set up directly in the database."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine

VN = ZoneInfo("Asia/Ho_Chi_Minh")

TITLE = "Phương án tuyển sinh lớp 10 năm 2027 — nội dung tuyệt đối không được lộ"
SUMMARY = "Đề thi và đáp án dự phòng"


def at(day: dt.date, hour: int = 1) -> Any:
    """Freeze the clock at ``hour``:00 Vietnam time on ``day``."""
    return time_machine.travel(dt.datetime(day.year, day.month, day.day, hour, tzinfo=VN), tick=False)


@pytest.fixture
def people(demo: dict[str, Any]) -> dict[str, Any]:
    return {name: user.person for name, user in demo.items() if hasattr(user, "person")}


@pytest.fixture
def make_item(demo: dict[str, Any], people: dict[str, Any]):  # type: ignore[no-untyped-def]
    from bmnn.registry.models import Item

    head, drafter = people["gd.giaoduc"], people["cv.khaothi"]
    counter = iter(range(1, 10_000))

    def make(expires_on: dt.date | None, *, status: str = "determined", **kw: Any) -> Any:
        n = next(counter)
        fields: dict[str, Any] = {
            "agency_id": head.agency_id,
            "unit_id": drafter.unit_id,
            "title": TITLE,
            "summary": SUMMARY,
            "number_symbol": f"{n}/QĐ-SGDĐT",
            "field": "education_training",
            "status": status,
            "drafter": drafter,
            "proposed_level": "TOI_MAT",
            "level": "TOI_MAT",
            "level_rank": 2,
            "approver": head,
            "custodian": drafter,
            "determined_on": (expires_on.replace(year=expires_on.year - 20) if expires_on else None),
            "period_years": 20,
            "expires_on": expires_on,
            "regime": "2018",
            "created_by": demo["cv.khaothi"],
        }
        fields.update(kw)
        return Item.objects.create(**fields)

    return make
