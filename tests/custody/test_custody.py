"""Transfers and moves from the custody pages: the item enters custody with its drafter, every change of
holder or place is a Form 16 line; a refusal changes nothing (not even the initial holder)."""

from __future__ import annotations

from typing import Any

import pytest

from bmnn.core.audit.models import AuditEvent
from bmnn.core.errors import Refused
from bmnn.custody import selectors
from bmnn.custody.models import Handover, Location
from bmnn.custody.services.custody import transfer
from bmnn.custody.services.locations import move, save_location
from tests.custody.conftest import person


@pytest.mark.django_db
def test_drafter_holds_a_determined_item_and_hands_it_over(demo: dict[str, Any], determined: Any) -> None:
    # Determination puts the item in its drafter's custody; an item recorded before that rule existed
    # (no custodian) enters custody with its drafter on its first handover.
    assert determined.custodian_id == person("cv.khaothi").pk
    type(determined).objects.filter(pk=determined.pk).update(custodian=None)
    determined.refresh_from_db()
    assert list(selectors.my_items(demo["cv.khaothi"])) == [determined]
    line = transfer(
        demo["cv.khaothi"],
        item=determined,
        purpose="transfer",
        to_person=person("tp.khaothi"),
        receipt_kind="signature",
        signature_svg="M 0 0 L 5 5",
    )
    determined.refresh_from_db()
    assert (
        line.from_person_id == person("cv.khaothi").pk and determined.custodian_id == person("tp.khaothi").pk
    )
    assert AuditEvent.objects.filter(action="custody.initial_custodian").count() == 1
    safe = save_location(demo["baomat"], name="Két UBND", kind="safe")
    assert safe.agency_id == person("baomat").agency_id
    cabinet = Location.objects.create(agency_id=determined.agency_id, name="Tủ Khảo thí", kind="cabinet")
    moved = move(demo["tp.khaothi"], item=determined, to_location=cabinet, receipt_no="DC-1")
    determined.refresh_from_db()
    assert (moved.purpose, determined.custodian_id, determined.location_id) == (
        "move",
        person("tp.khaothi").pk,
        cabinet.pk,
    )
    kinds = [e.kind for e in selectors.timeline(determined)]
    assert kinds[:2] == ["create", "determine"] and kinds.count("handover") == 2


@pytest.mark.django_db
def test_r_tx_5_a_stranger_may_not_hand_over(demo: dict[str, Any], determined: Any) -> None:
    with pytest.raises(Refused) as err:
        transfer(
            demo["tp.khaothi"],
            item=determined,
            purpose="transfer",
            to_person=person("tp.khaothi"),
            receipt_no="X",
        )
    assert err.value.rule_id == "R-TX-5"
    determined.refresh_from_db()
    assert determined.custodian_id == determined.drafter_id and not Handover.objects.exists()
    assert not AuditEvent.objects.filter(action="custody.initial_custodian").exists()
    assert AuditEvent.objects.filter(action="custody.handover.refused").count() == 1


@pytest.mark.django_db
def test_only_the_security_officer_or_admin_keeps_locations(demo: dict[str, Any]) -> None:
    with pytest.raises(Refused) as err:
        save_location(demo["vanthu"], name="Két", kind="safe")
    assert err.value.rule_id == "CUSTODY-LOCATION" and not Location.objects.exists()
    assert AuditEvent.objects.filter(action="custody.location.save.refused").count() == 1
