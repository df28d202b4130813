"""The custody core: every change of holder is a numbered Form 16 line with an acknowledgement."""

from __future__ import annotations

from typing import Any

import pytest

from bmnn.core.audit.models import AuditEvent
from bmnn.core.errors import Refused
from bmnn.custody.models import Handover, Location
from bmnn.custody.services.handover import record_handover
from bmnn.organizations.models import Person


def _person(username: str) -> Person:
    return Person.objects.get(user__username=username)


@pytest.mark.django_db
def test_transfer_moves_item_and_numbers_the_register(demo: dict[str, Any], determined: Any) -> None:
    determined.custodian = _person("cv.khaothi")
    determined.save(update_fields=["custodian"])
    safe = Location.objects.create(agency_id=determined.agency_id, name="Két sắt phòng Khảo thí", code="K1")
    target = _person("vanthu.giaoduc")
    first = record_handover(
        demo["cv.khaothi"],
        item=determined,
        purpose="transfer",
        to_person=target,
        to_location=safe,
        receipt_kind="receipt",
        receipt_no="BN-0001",
    )
    determined.refresh_from_db()
    assert (determined.custodian_id, determined.location_id) == (target.pk, safe.pk)
    assert (first.seq, first.from_person_id, first.to_person_id) == (1, _person("cv.khaothi").pk, target.pk)
    second = record_handover(
        demo["vanthu.giaoduc"],
        item=determined,
        purpose="issue",
        to_person=_person("cv.khaothi"),
        receipt_kind="signature",
        signature_svg="M 1 1 L 20 30 L 40 5",
    )
    assert second.seq == 2 and second.from_location_id == safe.pk
    assert AuditEvent.objects.filter(action="custody.handover").count() == 2


@pytest.mark.django_db
def test_unsigned_handover_is_refused_and_nothing_moves(demo: dict[str, Any], determined: Any) -> None:
    determined.custodian = _person("cv.khaothi")
    determined.save(update_fields=["custodian"])
    with pytest.raises(Refused) as err:
        record_handover(
            demo["cv.khaothi"],
            item=determined,
            purpose="transfer",
            to_person=_person("vanthu.giaoduc"),
            receipt_kind="signature",
            signature_svg="<script>alert(1)</script>",
        )
    assert err.value.rule_id == "R-TX-5"
    determined.refresh_from_db()
    assert determined.custodian_id == _person("cv.khaothi").pk
    assert not Handover.objects.exists()
    assert AuditEvent.objects.filter(action="custody.handover.refused").count() == 1


@pytest.mark.django_db
def test_only_the_holder_or_registry_staff_may_hand_over(demo: dict[str, Any], determined: Any) -> None:
    determined.custodian = _person("cv.khaothi")
    determined.save(update_fields=["custodian"])
    with pytest.raises(Refused) as err:
        record_handover(
            demo["gd.giaoduc"],
            item=determined,
            purpose="transfer",
            to_person=_person("gd.giaoduc"),
            receipt_kind="receipt",
            receipt_no="X1",
        )
    assert err.value.rule_id == "R-TX-5"
    assert not Handover.objects.exists()


@pytest.mark.django_db
def test_a_destroyed_item_cannot_be_handed_over(demo: dict[str, Any], determined: Any) -> None:
    type(determined).objects.filter(pk=determined.pk).update(status="destroyed")
    determined.refresh_from_db()
    with pytest.raises(Refused) as err:
        record_handover(
            demo["cv.khaothi"],
            item=determined,
            purpose="transfer",
            to_person=_person("vanthu.giaoduc"),
            receipt_kind="receipt",
            receipt_no="X2",
        )
    assert err.value.rule_id == "CUSTODY-ITEM"
    assert not Handover.objects.exists()
    assert AuditEvent.objects.filter(action="custody.handover.refused").count() == 1
