"""Receiving (R-TX-6, R-TX-7, R-TX-8, R-TX-9): routing, named-only envelopes, notice to the sender,
recall due-back and return; refusals change nothing and are audited."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from bmnn.core.audit.models import AuditEvent
from bmnn.core.errors import Refused
from bmnn.custody import selectors
from bmnn.custody.models import EnvelopeOpening, Handover, SenderNotice
from bmnn.custody.services.receiving import open_envelope, record_return
from bmnn.registry import selectors as reg
from bmnn.registry.models import Item, RegisterEntry
from bmnn.registry.services.registration import register_incoming
from tests.custody.conftest import person


def _incoming(demo: dict[str, Any], who: str = "vanthu.giaoduc", **kw: Any) -> RegisterEntry:
    args: dict[str, Any] = {
        "sender": "Bộ Giáo dục và Đào tạo",
        "number_symbol": "12/BGDĐT-QLCL",
        "envelope_level": "TOI_MAT",
        "field": "education_training",
        "summary": "Đề thi dự phòng",
    }
    args.update(kw)
    return register_incoming(demo[who], **args)


@pytest.mark.django_db
def test_named_only_envelope_goes_unopened_to_the_named_person(demo: dict[str, Any]) -> None:
    named = person("tp.khaothi")
    entry = _incoming(demo, summary="", named_recipient=named, named_only=True)
    item = entry.item
    assert (item.custodian_id, entry.route_to, entry.summary) == (named.pk, "named_person", "")
    # The clerk sees the register line (outer marks) but not the item; the named person sees both.
    assert reg.entry_for(demo["vanthu.giaoduc"], entry.pk) is not None
    assert reg.item_for(demo["vanthu.giaoduc"], item.pk) is None
    assert reg.item_for(demo["tp.khaothi"], item.pk) is not None
    assert list(selectors.unopened_for_me(demo["tp.khaothi"])) == [entry]
    assert not selectors.unopened_for_me(demo["vanthu.giaoduc"]).exists()

    open_envelope(demo["tp.khaothi"], entry, summary="Đề thi dự phòng môn Văn")
    item.refresh_from_db()
    entry.refresh_from_db()
    assert item.summary == "Đề thi dự phòng môn Văn" and entry.summary == ""
    assert EnvelopeOpening.objects.get().person_id == named.pk
    assert not selectors.unopened_for_me(demo["tp.khaothi"]).exists()


@pytest.mark.django_db
def test_r_tx_7_only_the_named_person_may_open(demo: dict[str, Any]) -> None:
    entry = _incoming(demo, summary="", named_recipient=person("tp.khaothi"), named_only=True)
    with pytest.raises(Refused) as err:
        open_envelope(demo["vanthu.giaoduc"], entry, summary="bóc trộm")
    assert err.value.rule_id == "R-TX-7"
    entry.item.refresh_from_db()
    assert entry.item.summary == "" and not EnvelopeOpening.objects.exists()
    assert AuditEvent.objects.filter(action="custody.envelope.open.refused").count() == 1


@pytest.mark.django_db
def test_r_tx_7_named_only_needs_the_named_person(demo: dict[str, Any]) -> None:
    before = Item.objects.count()
    with pytest.raises(Refused) as err:
        _incoming(demo, named_only=True)
    assert err.value.rule_id == "R-TX-7"
    assert Item.objects.count() == before and not RegisterEntry.objects.exists()
    assert AuditEvent.objects.filter(action="registry.entry.register_in.refused").count() == 1


@pytest.mark.django_db
def test_flash_envelope_for_an_absent_person_goes_to_the_head(demo: dict[str, Any]) -> None:
    entry = _incoming(
        demo, summary="", named_recipient=person("tp.khaothi"), named_only=True, named_absent=True, flash=True
    )
    head = person("gd.giaoduc")
    assert entry.route_to == "agency_leader" and entry.item.custodian_id == head.pk
    assert reg.item_for(demo["gd.giaoduc"], entry.item_id) is not None
    open_envelope(demo["gd.giaoduc"], entry)
    assert EnvelopeOpening.objects.get().person_id == head.pk


@pytest.mark.django_db
def test_not_flash_absent_person_envelope_is_held(demo: dict[str, Any]) -> None:
    entry = _incoming(
        demo, summary="", named_recipient=person("tp.khaothi"), named_only=True, named_absent=True
    )
    assert entry.route_to == "hold_for_named_person"
    assert entry.item.custodian_id == person("tp.khaothi").pk


@pytest.mark.django_db
def test_unprotected_item_goes_to_the_head_and_the_sender_is_notified(demo: dict[str, Any]) -> None:
    entry = _incoming(demo, properly_protected=False)
    assert entry.item.custodian_id == person("gd.giaoduc").pk
    notice = SenderNotice.objects.get()
    assert notice.sender == "Bộ Giáo dục và Đào tạo" and "12/BGDĐT-QLCL" in notice.text
    assert entry.incidents.get().notified_id == person("gd.giaoduc").pk
    assert AuditEvent.objects.filter(action="custody.sender_notice").count() == 1


@pytest.mark.django_db
def test_recall_gets_a_due_date_and_is_late_until_returned(demo: dict[str, Any]) -> None:
    today = timezone.localdate()
    entry = _incoming(demo, recall_mark=True, return_within_days=10)
    assert entry.return_due_on == today + dt.timedelta(days=10)
    assert not selectors.overdue_recalls(demo["vanthu.giaoduc"]).exists()
    late = today + dt.timedelta(days=11)
    assert list(selectors.overdue_recalls(demo["vanthu.giaoduc"], late)) == [entry]
    record_return(demo["vanthu.giaoduc"], entry, receipt_no="TH-01")
    entry.refresh_from_db()
    assert entry.returned_on == today
    line = Handover.objects.get()
    assert (line.purpose, line.to_party) == ("recall", "Bộ Giáo dục và Đào tạo")
    assert not selectors.overdue_recalls(demo["vanthu.giaoduc"], late).exists()


@pytest.mark.django_db
def test_r_tx_9_recall_needs_a_return_period(demo: dict[str, Any]) -> None:
    with pytest.raises(Refused) as err:
        _incoming(demo, recall_mark=True)
    assert err.value.rule_id == "R-TX-9"
    assert not RegisterEntry.objects.exists()
    assert AuditEvent.objects.filter(action="registry.entry.register_in.refused").count() == 1


@pytest.mark.django_db
def test_r_tx_9_only_recall_items_are_returned_and_only_once(demo: dict[str, Any]) -> None:
    plain = _incoming(demo)
    with pytest.raises(Refused) as err:
        record_return(demo["vanthu.giaoduc"], plain, receipt_no="TH-01")
    assert err.value.rule_id == "R-TX-9"
    plain.refresh_from_db()
    assert plain.returned_on is None and not Handover.objects.exists()
    recall = _incoming(demo, number_symbol="13/BGDĐT", recall_mark=True, return_within_days=5)
    record_return(demo["vanthu.giaoduc"], recall, receipt_no="TH-02")
    with pytest.raises(Refused) as err:
        record_return(demo["vanthu.giaoduc"], recall, receipt_no="TH-03")
    assert err.value.rule_id == "R-TX-9"
    assert Handover.objects.count() == 1
    assert AuditEvent.objects.filter(action="custody.recall.return.refused").count() == 2


@pytest.mark.django_db
def test_r_tx_5_unsigned_return_is_refused(demo: dict[str, Any]) -> None:
    recall = _incoming(demo, recall_mark=True, return_within_days=5)
    with pytest.raises(Refused) as err:
        record_return(demo["vanthu.giaoduc"], recall, receipt_kind="receipt", receipt_no=" ")
    assert err.value.rule_id == "R-TX-5"
    recall.refresh_from_db()
    assert recall.returned_on is None and not Handover.objects.exists()
    assert AuditEvent.objects.filter(action="custody.recall.return.refused").count() == 1


@pytest.mark.django_db
def test_r_tx_6_only_the_clerk_registers_incoming(demo: dict[str, Any]) -> None:
    with pytest.raises(Refused) as err:
        _incoming(demo, who="cv.khaothi", recall_mark=True, return_within_days=5)
    assert err.value.rule_id == "R-TX-6"
    assert not RegisterEntry.objects.exists() and not SenderNotice.objects.exists()
    assert AuditEvent.objects.filter(action="registry.entry.register_in.refused").count() == 1
