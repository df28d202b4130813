"""Recall on departure (R-RECALL-1/2): completion is blocked until everything is handed over and the
written commitment is stored; completion ends the person's posts."""

from __future__ import annotations

import io
from typing import Any

import pytest

from bmnn.core.audit.models import AuditEvent
from bmnn.core.errors import Refused
from bmnn.custody.models import Copy, Handover
from bmnn.movement.models import Departure
from bmnn.movement.selectors import people_with_items_out
from bmnn.movement.services import departures
from bmnn.organizations.models import Assignment
from tests.movement.conftest import person

pytestmark = pytest.mark.django_db


def _give_to_drafter(item: Any) -> None:
    item.custodian = person("cv.khaothi")
    item.save(update_fields=["custodian"])


def test_completion_refused_until_handover_and_commitment(demo: dict[str, Any], determined: Any) -> None:
    _give_to_drafter(determined)
    leaver = person("cv.khaothi")
    dep = departures.start_departure(demo["baomat"], leaver, "transfer")
    held = departures.holdings(leaver)
    assert [i.pk for i in held.items] == [determined.pk]
    assert [r["person"].pk for r in people_with_items_out(demo["baomat"])] == [leaver.pk]

    with pytest.raises(Refused) as err:
        departures.complete(demo["baomat"], dep)
    assert err.value.rule_id == "R-RECALL-1"
    assert "chưa bàn giao BMNN" in err.value.message and "Điều 26" in err.value.message
    dep.refresh_from_db()
    leaver.refresh_from_db()
    assert dep.status == "open" and leaver.status == "active"
    assert Assignment.objects.filter(person=leaver, end_date__isnull=True).exists()
    assert AuditEvent.objects.filter(action="movement.departure.complete.refused").count() == 1

    departures.recall(
        demo["baomat"], dep, item=determined, to_person=person("vanthu.giaoduc"), receipt_no="BN-9"
    )
    determined.refresh_from_db()
    assert determined.custodian_id == person("vanthu.giaoduc").pk
    assert Handover.objects.get().purpose == "recall"

    # handed over, still no commitment: refused again
    with pytest.raises(Refused) as err:
        departures.complete(demo["baomat"], dep)
    assert err.value.rule_id == "R-RECALL-1" and "cam kết" in err.value.message
    assert AuditEvent.objects.filter(action="movement.departure.complete.refused").count() == 2

    departures.store_commitment(
        demo["baomat"], dep, io.BytesIO(b"%PDF-1.4 cam ket"), "camket.pdf", "application/pdf"
    )
    departures.complete(demo["baomat"], dep)
    dep.refresh_from_db()
    leaver.refresh_from_db()
    assert dep.status == "completed" and dep.completed_on is not None
    assert leaver.status == "left"
    assert not Assignment.objects.filter(person=leaver, end_date__isnull=True).exists()
    assert AuditEvent.objects.filter(action="movement.departure.complete").count() == 1
    assert people_with_items_out(demo["baomat"]) == []


def test_active_copy_blocks_completion(demo: dict[str, Any], determined: Any) -> None:
    leaver = person("cv.khaothi")
    copy = Copy.objects.create(
        item=determined,
        number=1,
        form="true_copy",
        level="TOI_MAT",
        custodian=leaver,
        made_on=determined.determined_on,
        made_by=person("vanthu.giaoduc"),
    )
    dep = departures.start_departure(demo["baomat"], leaver, "retire")
    departures.store_commitment(demo["baomat"], dep, io.BytesIO(b"x"), "camket.txt")
    with pytest.raises(Refused) as err:
        departures.complete(demo["baomat"], dep)
    assert err.value.rule_id == "R-RECALL-1"
    assert Departure.objects.get().status == "open"
    departures.recall(
        demo["baomat"],
        dep,
        item=determined,
        copy=copy,
        to_person=person("vanthu.giaoduc"),
        receipt_no="BN-10",
    )
    departures.complete(demo["baomat"], dep)
    assert Departure.objects.get().status == "completed"


def test_death_needs_recall_but_no_commitment(demo: dict[str, Any], determined: Any) -> None:
    _give_to_drafter(determined)
    dep = departures.start_departure(demo["baomat"], person("cv.khaothi"), "death")
    with pytest.raises(Refused) as err:
        departures.complete(demo["baomat"], dep)
    assert err.value.rule_id == "R-RECALL-2"
    assert AuditEvent.objects.filter(action="movement.departure.complete.refused").count() == 1
    assert Departure.objects.get().status == "open"
    departures.recall(
        demo["baomat"], dep, item=determined, to_person=person("vanthu.giaoduc"), receipt_no="1"
    )
    departures.complete(demo["baomat"], dep)
    assert Departure.objects.get().status == "completed"


def test_only_security_staff_may_start(demo: dict[str, Any], determined: Any) -> None:
    with pytest.raises(Refused) as err:
        departures.start_departure(demo["cv.khaothi"], person("tp.khaothi"), "leave")
    assert err.value.rule_id == "ACCESS-GRANT"
    assert not Departure.objects.exists()
    assert AuditEvent.objects.filter(action="movement.departure.start.refused").count() == 1


def test_recall_of_something_not_held_is_refused(demo: dict[str, Any], determined: Any) -> None:
    dep = departures.start_departure(demo["baomat"], person("cv.khaothi"), "leave")
    with pytest.raises(Refused) as err:
        departures.recall(
            demo["baomat"], dep, item=determined, to_person=person("gd.giaoduc"), receipt_no="1"
        )
    assert err.value.rule_id == "R-RECALL-1"
    assert not Handover.objects.exists()
    determined.refresh_from_db()
    assert determined.custodian_id == person("vanthu.giaoduc").pk
    assert AuditEvent.objects.filter(action="movement.departure.recall.refused").count() == 1


def test_one_open_departure_per_person(demo: dict[str, Any]) -> None:
    departures.start_departure(demo["baomat"], person("cv.khaothi"), "leave")
    with pytest.raises(Refused):
        departures.start_departure(demo["baomat"], person("cv.khaothi"), "transfer")
    assert Departure.objects.count() == 1


def _ready(demo: dict[str, Any], leaver: Any) -> Departure:
    dep = departures.start_departure(demo["baomat"], leaver, "leave")
    departures.store_commitment(demo["baomat"], dep, io.BytesIO(b"%PDF-1.4"), "camket.pdf")
    return dep


def test_completion_goes_through_the_organizations_service(demo: dict[str, Any]) -> None:
    """An administrator completes: the posts end under the departure's reference (one event each)."""
    leaver = person("cv.khaothi")
    terms = list(Assignment.objects.filter(person=leaver, end_date__isnull=True).values_list("pk", flat=True))
    dep = _ready(demo, leaver)
    departures.complete(demo["quantri"], dep)
    leaver.refresh_from_db()
    assert leaver.status == "left"
    events = AuditEvent.objects.filter(action="organizations.assignment.end", actor="quantri")
    assert sorted(int(e.object_id) for e in events) == sorted(terms)
    assert {e.summary["departure"] for e in events} == {dep.reference}
    assert AuditEvent.objects.get(action="organizations.person.depart").summary["departure"] == dep.reference
    assert AuditEvent.objects.get(action="movement.departure.complete").summary["assignments_ended"] == terms


def test_clerk_may_recall_but_not_end_the_posts(demo: dict[str, Any]) -> None:
    """The organisation side is for a security officer or a manager: a clerk's completion is refused
    and nothing changes (the departure stays open, the posts stay)."""
    leaver = person("cv.khaothi")
    dep = _ready(demo, leaver)
    with pytest.raises(Refused) as err:
        departures.complete(demo["vanthu.giaoduc"], dep)
    assert err.value.rule_id == "ACCESS-GRANT"
    dep.refresh_from_db()
    leaver.refresh_from_db()
    assert dep.status == "open" and dep.completed_on is None and leaver.status == "active"
    assert Assignment.objects.filter(person=leaver, end_date__isnull=True).exists()
    assert not AuditEvent.objects.filter(action="organizations.assignment.end").exists()
    assert AuditEvent.objects.filter(action="movement.departure.complete.refused").count() == 1
