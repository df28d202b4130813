"""Lifecycle fixtures: the demo province, the shipped lists and a determined, registered Tối mật item
with one copy and recipients in the outgoing register and in the system."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from tests.registry.conftest import approve, exam_item, lists, make_proposal

__all__ = ["approve", "exam_item", "lists", "make_proposal"]


def person(demo: dict[str, Any], username: str) -> Any:
    return demo[username].person


@pytest.fixture
def determined(demo: dict[str, Any], exam_item: Any) -> Any:
    item = make_proposal(demo, exam_item, recipient_people=[person(demo, "gd.noivu")])
    return approve(demo, item)


@pytest.fixture
def registered(demo: dict[str, Any], determined: Any) -> Any:
    """Registered outgoing to Sở Nội vụ, with copy 01 held by the drafter."""
    from bmnn.registry.services import registration

    registration.register_outgoing(
        demo["vanthu.giaoduc"],
        determined,
        signer="Hồ Thị Oanh",
        recipients="Sở Nội vụ",
        number_symbol="21/SGDĐT-KT",
        file_keeper="Văn thư Sở",
    )
    determined.refresh_from_db()
    add_copy(demo, determined)
    return determined


def add_copy(demo: dict[str, Any], item: Any, number: int = 1) -> Any:
    """A true copy of ``item`` held by the drafter."""
    from bmnn.custody.models import Copy

    return Copy.objects.create(
        item=item,
        number=number,
        form="true_copy",
        level=item.level,
        level_rank=item.level_rank,
        expires_on=item.expires_on,
        custodian=person(demo, "cv.khaothi"),
        made_on=dt.date(2026, 11, 23),
        made_by=person(demo, "cv.khaothi"),
    )


def snapshot(item: Any) -> tuple[Any, ...]:
    """Everything a lifecycle act may change about an item, to assert that a refusal changed nothing."""
    from bmnn.custody.models import Copy
    from bmnn.lifecycle.models import (
        Council,
        Declassification,
        Destruction,
        Extension,
        LevelChange,
        Minutes,
        Notice,
        ReMarkTask,
    )
    from bmnn.registry.models import Item

    fresh = Item.objects.get(pk=item.pk)
    acts = tuple(
        tuple(m.objects.values_list("pk", "status").order_by("pk"))
        for m in (Extension, LevelChange, Declassification, Destruction)
    )
    return (
        fresh.status,
        fresh.level,
        fresh.level_rank,
        fresh.expires_on,
        fresh.period_years,
        fresh.marks,
        fresh.declassified_on,
        fresh.destroyed_on,
        acts,
        Council.objects.count(),
        Minutes.objects.count(),
        Notice.objects.count(),
        ReMarkTask.objects.count(),
        tuple(Copy.objects.filter(item=item).values_list("pk", "status", "level", "expires_on")),
    )


def refused_events(action: str) -> int:
    from bmnn.core.audit.models import AuditEvent

    return AuditEvent.objects.filter(action=f"{action}.refused").count()
