"""Change of level: R-ADJ-1 (Law Art. 21)."""

from __future__ import annotations

from typing import Any

import pytest

from bmnn.core.errors import Refused
from bmnn.lifecycle.models import ActStatus, LevelChange, Notice, ReMarkTask
from bmnn.lifecycle.services import adjustment
from bmnn.registry.models import Item, RegisterEntry
from tests.lifecycle.conftest import refused_events, snapshot

pytestmark = pytest.mark.django_db


def _propose(
    demo: dict[str, Any], item: Any, lists: dict[str, Any], new: str = "MAT", basis: bool = True
) -> LevelChange:
    chosen = [lists["531/QĐ-TTg:MAT:1"]] if basis and "531/QĐ-TTg:MAT:1" in lists else []
    if basis and not chosen:
        chosen = [next(v for k, v in lists.items() if k.endswith(f":{new}:1") or f":{new}:" in k)]
    return adjustment.propose_adjustment(
        demo["cv.khaothi"], item, new_level=new, basis=chosen, reason="Mức độ nguy hại giảm"
    )


def test_r_adj_1_lowering_updates_item_copies_incoming_entries(
    demo: dict[str, Any], registered: Any, lists: dict[str, Any]
) -> None:
    # The recipient (Sở Nội vụ) registered the item in its incoming register.
    from bmnn.registry.services import registration

    registration.register_incoming(
        demo["vanthu"],
        sender="Sở GD&ĐT",
        number_symbol="21/SGDĐT-KT",
        envelope_level="TOI_MAT",
        field="education_training",
        summary="Đề thi",
    )
    row = _propose(demo, registered, lists)
    done = adjustment.decide_adjustment(demo["gd.giaoduc"], row, approve=True, decision_number="30/QĐ-SGDĐT")
    item = Item.objects.get(pk=registered.pk)
    assert done.status == ActStatus.APPROVED
    assert item.level == "MAT" and item.level_rank == 1 and item.marks["level_stamp"]["text"] == "MẬT"
    assert item.marks["adjustment_stamp"] == ["ĐIỀU CHỈNH ĐỘ MẬT", "TỐI MẬT thành MẬT"]
    assert item.copies_made.get().level == "MAT"
    incoming = RegisterEntry.objects.get(register="in")
    assert ReMarkTask.objects.filter(entry=incoming).exists()
    assert ReMarkTask.objects.filter(copy__isnull=False).count() == 1
    assert Notice.objects.filter(act_kind="adjustment", rule_id="R-ADJ-1").count() == 2


def test_r_adj_1_without_list_basis_is_refused(
    demo: dict[str, Any], determined: Any, lists: dict[str, Any]
) -> None:
    row = _propose(demo, determined, lists, basis=False)
    before = snapshot(determined)
    with pytest.raises(Refused) as err:
        adjustment.decide_adjustment(demo["gd.giaoduc"], row, approve=True, decision_number="30/QĐ")
    assert err.value.rule_id == "R-ADJ-1" and "danh mục" in err.value.message
    assert snapshot(determined) == before
    assert refused_events("lifecycle.adjustment.approve") == 1


@pytest.mark.parametrize("who", ["tp.khaothi", "gd.noivu"])
def test_r_adj_1_wrong_authority_is_refused(
    demo: dict[str, Any], determined: Any, lists: dict[str, Any], who: str
) -> None:
    row = _propose(demo, determined, lists)
    before = snapshot(determined)
    with pytest.raises(Refused) as err:
        adjustment.decide_adjustment(demo[who], row, approve=True, decision_number="30/QĐ")
    assert err.value.rule_id == "R-ADJ-1"
    assert snapshot(determined) == before
    assert refused_events("lifecycle.adjustment.approve") == 1


def test_r_adj_1_same_level_is_refused(demo: dict[str, Any], determined: Any, lists: dict[str, Any]) -> None:
    row = adjustment.propose_adjustment(
        demo["cv.khaothi"], determined, new_level="TOI_MAT", basis=[lists["531/QĐ-TTg:TOI_MAT:1"]]
    )
    before = snapshot(determined)
    with pytest.raises(Refused) as err:
        adjustment.decide_adjustment(demo["gd.giaoduc"], row, approve=True, decision_number="30/QĐ")
    assert err.value.rule_id == "R-ADJ-1"
    assert snapshot(determined) == before
    assert refused_events("lifecycle.adjustment.approve") == 1
