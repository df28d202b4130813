"""The daily job under a frozen clock moved across years: R-DECL-1 automatic declassification, item
deadlines, idempotence per day and catch-up after missed days."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from bmnn.core.audit.models import AuditEvent
from bmnn.deadlines.models import Deadline, JobRun
from bmnn.deadlines.services.daily import AUTO_ACTION, run_daily
from bmnn.registry.models import Item
from tests.deadlines.conftest import at

pytestmark = pytest.mark.django_db
D = dt.date


def _run(day: dt.date, **kw: Any) -> dict[str, Any]:
    with at(day):
        return run_daily(**kw)


def _statuses(*items: Any) -> list[str]:
    return [Item.objects.get(pk=i.pk).status for i in items]


def _auto_events(item: Any) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(action=AUTO_ACTION, object_id=str(item.pk)))


def test_r_decl_1_declassifies_exactly_the_expired_items_across_years(make_item: Any) -> None:
    from bmnn.custody.models import Copy

    a = make_item(D(2027, 3, 10))
    extended = make_item(D(2027, 3, 10))
    c = make_item(D(2028, 6, 1))
    place = make_item(None, kind="place")
    proposed = make_item(D(2020, 1, 1), status="proposed")
    received = make_item(D(2027, 3, 10), status="received", approver=None)
    copy = Copy.objects.create(
        item=a,
        number=1,
        form="copy",
        level="TOI_MAT",
        level_rank=2,
        expires_on=a.expires_on,
        custodian=a.custodian,
        made_on=D(2026, 12, 1),
        made_by=a.custodian,
    )

    _run(D(2026, 12, 1))
    # The lifecycle's extension act moves the expiry later (decided ≥ 60 days before expiry, R-EXT-1).
    with at(D(2026, 12, 2)):
        extended.expires_on = D(2037, 3, 10)
        extended.period_years = 30
        extended.save()
    assert Deadline.objects.get(
        source="item", kind="expiry", primary=True, object_id=extended.pk
    ).due_on == D(2037, 3, 10)

    # Protected up to and including the expiry day.
    assert _run(D(2027, 3, 10))["declassified"] == 0
    assert _statuses(a, extended, c, place, proposed, received) == [
        "determined",
        "determined",
        "determined",
        "determined",
        "proposed",
        "received",
    ]
    # From the next day: a and the received item, never the extended one.
    assert _run(D(2027, 3, 11))["declassified"] == 2
    assert _statuses(a, extended, c, received) == ["declassified", "determined", "determined", "declassified"]
    assert Item.objects.get(pk=a.pk).declassified_on == D(2027, 3, 11)
    assert not Deadline.objects.filter(source="item", object_id=a.pk).exists()
    copy.refresh_from_db()
    assert copy.status == "active" and Copy.objects.filter(item=a).count() == 1

    # Second run the same day: a no-op; a forced rerun changes nothing either.
    assert _run(D(2027, 3, 11)) == {"day": "2027-03-11", "skipped": True}
    assert _run(D(2027, 3, 11), force=True)["declassified"] == 0

    # Years later (missed runs in between): c catches up, the extended item still protected.
    assert _run(D(2030, 1, 1))["declassified"] == 1
    assert Item.objects.get(pk=c.pk).declassified_on == D(2028, 6, 2)
    assert _run(D(2037, 3, 10))["declassified"] == 0
    assert _run(D(2037, 3, 11))["declassified"] == 1
    assert _statuses(a, extended, c, place, proposed) == [
        "declassified",
        "declassified",
        "declassified",
        "determined",
        "proposed",
    ]

    for item in (a, extended, c, received):
        events = _auto_events(item)
        assert len(events) == 1
        assert events[0].actor_id is None and events[0].actor == "system"
        assert events[0].summary["mode"] == "automatic" and events[0].summary["rule_id"] == "R-DECL-1"
        assert "Phương án" not in events[0].object_repr
    assert not _auto_events(place) and not _auto_events(proposed)
    assert AuditEvent.objects.filter(action=AUTO_ACTION).count() == 4


def test_item_deadlines_computed_by_the_rules(make_item: Any, people: dict[str, Any]) -> None:
    from bmnn.rules import extension_alert_date

    item = make_item(D(2030, 5, 20))
    _run(D(2026, 12, 1))
    rows = Deadline.objects.filter(source="item", object_id=item.pk)
    got = sorted((r.kind, r.due_on, r.person_id, r.primary) for r in rows)
    head, drafter = people["gd.giaoduc"].pk, people["cv.khaothi"].pk
    alert = extension_alert_date(D(2030, 5, 20))
    assert alert == D(2030, 3, 21)
    assert got == sorted(
        [
            ("expiry", D(2030, 5, 20), head, True),
            ("expiry", D(2030, 5, 20), drafter, False),
            ("extension_decision", alert, head, True),
            ("extension_decision", alert, drafter, False),
        ]
    )
    assert {r.ref for r in rows} == {item.number_symbol}
    # Recomputed when the item changes (custodian handed over to the head: one row per kind).
    with at(D(2026, 12, 2)):
        item.custodian = people["gd.giaoduc"]
        item.save()
    assert Deadline.objects.filter(source="item", object_id=item.pk).count() == 2


def test_job_runs_recorded_and_catch_up_window(make_item: Any) -> None:
    make_item(D(2031, 1, 1))
    _run(D(2026, 12, 1))
    _run(D(2026, 12, 5))
    runs = list(JobRun.objects.order_by("day").values_list("day", flat=True))
    assert runs == [D(2026, 12, 1), D(2026, 12, 5)]
    assert all(r.finished for r in JobRun.objects.all())


def test_recall_return_deadline_from_the_incoming_register(make_item: Any, demo: dict[str, Any]) -> None:
    from bmnn.registry.models import RegisterEntry

    item = make_item(D(2040, 1, 1), status="received", origin="received")
    entry = RegisterEntry.objects.create(
        agency_id=item.agency_id,
        unit_id=item.unit_id,
        register="in",
        year=2026,
        seq=1,
        item=item,
        registered_on=D(2026, 11, 20),
        registered_by=demo["vanthu.giaoduc"],
        regime="2018",
        level="TOI_MAT",
        level_rank=2,
        number_symbol="77/CV-BCA",
        recall_mark=True,
        received_on=D(2026, 11, 20),
        return_due_on=D(2026, 12, 20),
    )
    _run(D(2026, 12, 1))
    row = Deadline.objects.get(source="recall", object_id=entry.pk)
    assert (row.kind, row.due_on, row.ref, row.rule_id) == (
        "recall_return",
        D(2026, 12, 20),
        "77/CV-BCA",
        "R-TX-9",
    )
    with at(D(2026, 12, 10)):
        entry.returned_on = D(2026, 12, 10)
        entry.save()
    assert not Deadline.objects.filter(source="recall", object_id=entry.pk).exists()
