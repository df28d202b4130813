"""Extension of the protection period: R-EXT-1/2/3 (Law Art. 20)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from bmnn.core.errors import Refused
from bmnn.lifecycle.models import ActStatus, Extension, Notice, ReMarkTask
from bmnn.lifecycle.services import extension
from bmnn.registry.models import Item
from bmnn.rules.dates import add_days, add_years
from tests.lifecycle.conftest import refused_events, snapshot

pytestmark = pytest.mark.django_db

DEC = "05/QĐ-SGDĐT"


def _propose(demo: dict[str, Any], item: Any, years: int = 5) -> Extension:
    return extension.propose_extension(demo["cv.khaothi"], item, years=years, reason="Còn giá trị bảo mật")


def test_r_ext_head_extends_item_copies_notices_and_remarks(demo: dict[str, Any], registered: Any) -> None:
    old = registered.expires_on
    ext = _propose(demo, registered)
    done = extension.decide_extension(demo["gd.giaoduc"], ext, approve=True, decision_number=DEC)
    item = Item.objects.get(pk=registered.pk)
    assert done.status == ActStatus.APPROVED and done.new_expiry == add_years(old, 5)
    assert item.expires_on == add_years(old, 5) and item.period_years == 25
    assert item.marks["extension_stamp"] == [
        "GIA HẠN THỜI HẠN BẢO VỆ BMNN",
        f"Đến ngày: {add_years(old, 5):%d/%m/%Y}",
    ]
    assert item.copies_made.get().expires_on == add_years(old, 5)
    notices = Notice.objects.filter(act_kind="extension", act_id=ext.pk)
    assert sorted(n.recipient for n in notices) == ["Bùi Quang Hải", "Sở Nội vụ"]
    assert {n.due_on for n in notices} == {add_days(done.decided_on, 15)}
    assert all(n.sent_on is None for n in notices)
    assert ReMarkTask.objects.filter(act_kind="extension", copy__isnull=False).count() == 1


def test_r_ext_1_late_extension_is_refused(demo: dict[str, Any], determined: Any) -> None:
    ext = _propose(demo, determined)
    Item.objects.filter(pk=determined.pk).update(expires_on=add_days(dt.date.today(), 30))
    before = snapshot(determined)
    with pytest.raises(Refused) as err:
        extension.decide_extension(demo["gd.giaoduc"], ext, approve=True, decision_number=DEC)
    assert err.value.rule_id == "R-EXT-1"
    assert "60 ngày" in err.value.message
    assert snapshot(determined) == before
    assert refused_events("lifecycle.extension.approve") == 1


def test_r_ext_2_longer_than_the_level_period_is_refused(demo: dict[str, Any], determined: Any) -> None:
    ext = _propose(demo, determined, years=25)
    before = snapshot(determined)
    with pytest.raises(Refused) as err:
        extension.decide_extension(demo["gd.giaoduc"], ext, approve=True, decision_number=DEC)
    assert err.value.rule_id == "R-EXT-2"
    assert snapshot(determined) == before
    assert refused_events("lifecycle.extension.approve") == 1


@pytest.mark.parametrize("who", ["tp.khaothi", "gd.taichinh"])
def test_r_ext_3_wrong_authority_is_refused(demo: dict[str, Any], determined: Any, who: str) -> None:
    ext = _propose(demo, determined)
    before = snapshot(determined)
    with pytest.raises(Refused) as err:
        extension.decide_extension(demo[who], ext, approve=True, decision_number=DEC)
    assert err.value.rule_id == "R-EXT-3"
    assert snapshot(determined) == before
    assert Extension.objects.get().status == ActStatus.PROPOSED
    assert refused_events("lifecycle.extension.approve") == 1


def test_r_ext_3_received_item_cannot_be_extended_here(demo: dict[str, Any], determined: Any) -> None:
    Item.objects.filter(pk=determined.pk).update(origin="received")
    before = snapshot(determined)
    with pytest.raises(Refused) as err:
        _propose(demo, determined)
    assert err.value.rule_id == "R-EXT-3"
    assert snapshot(determined) == before
    assert refused_events("lifecycle.extension.propose") == 1


def test_head_may_refuse_a_proposal_with_a_reason(demo: dict[str, Any], determined: Any) -> None:
    ext = _propose(demo, determined)
    done = extension.decide_extension(demo["gd.giaoduc"], ext, approve=False, note="Không còn cần thiết")
    assert done.status == ActStatus.REFUSED
    assert Item.objects.get(pk=determined.pk).expires_on == determined.expires_on


def test_extension_of_a_destroyed_item_is_refused(demo: dict[str, Any], determined: Any) -> None:
    Item.objects.filter(pk=determined.pk).update(status="destroyed")
    with pytest.raises(Refused) as err:
        _propose(demo, determined)
    assert err.value.rule_id == "R-EXT-1"
    assert Extension.objects.count() == 0
    assert refused_events("lifecycle.extension.propose") == 1
