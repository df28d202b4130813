"""Declassification: R-DECL-1..5 (Law Art. 22)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from bmnn.core.errors import Refused
from bmnn.lifecycle.models import ActStatus, Council, Declassification, Notice, ReMarkTask
from bmnn.lifecycle.services import councils, declassification
from bmnn.lifecycle.services.councils import MemberInput
from bmnn.registry.models import Item
from bmnn.rules.dates import add_days
from tests.lifecycle.conftest import person, refused_events, snapshot

pytestmark = pytest.mark.django_db

MEMBERS = [
    MemberInput(name="Đặng Thu Hà", body="Sở Nội vụ", role="Ủy viên"),
    MemberInput(name="Dương Văn Phúc", body="Phòng Khảo thí", role="Thư ký"),
]


def _propose(demo: dict[str, Any], item: Any, **kw: Any) -> Declassification:
    args = {"ground": "national_interest", "reason": "Công bố đề thi sau kỳ thi"}
    args.update(kw)
    return declassification.propose_declassification(demo["cv.khaothi"], item, **args)


def _council(
    demo: dict[str, Any], decl: Declassification, chair: str = "gd.giaoduc", members: Any = None
) -> Council:
    return declassification.form_declassification_council(
        demo["gd.giaoduc"],
        decl,
        decision_number="10/QĐ-SGDĐT",
        chair=person(demo, chair),
        members=MEMBERS if members is None else members,
    )


def _minutes(demo: dict[str, Any], council: Council) -> Any:
    return councils.record_minutes(
        demo["gd.giaoduc"],
        council,
        content="Hội đồng xem xét đề thi đã sử dụng",
        conclusion="Đề nghị giải mật toàn bộ",
    )


def test_r_decl_3_discretionary_declassification_whole(demo: dict[str, Any], registered: Any) -> None:
    decl = _propose(demo, registered)
    council = _council(demo, decl)
    _minutes(demo, council)
    done = declassification.decide_declassification(
        demo["gd.giaoduc"], decl, approve=True, decision_number="11/QĐ-SGDĐT"
    )
    item = Item.objects.get(pk=registered.pk)
    today = done.decided_on
    assert done.status == ActStatus.APPROVED
    assert item.status == "declassified" and item.declassified_on == today
    assert item.marks["declassified_stamp"] == ["GIẢI MẬT", f"Từ: {today:%d/%m/%Y}"]  # R-DECL-5
    notices = Notice.objects.filter(act_kind="declassification")
    assert notices.count() == 2 and {n.rule_id for n in notices} == {"R-DECL-4"}
    assert {n.due_on for n in notices} == {add_days(today, 15)}
    assert ReMarkTask.objects.filter(act_kind="declassification").count() == 1
    assert done.archived_on == today
    assert set(done.dossier) == {"council_decision", "items", "minutes", "decision"}
    # Metadata and history stay.
    assert item.level == "TOI_MAT" and item.determinations.count() == 2


def test_r_decl_3_partial_lists_the_content(demo: dict[str, Any], determined: Any) -> None:
    decl = _propose(demo, determined, partial=True, declassified_content="Phần I: đề bài")
    _minutes(demo, _council(demo, decl))
    declassification.decide_declassification(demo["gd.giaoduc"], decl, approve=True, decision_number="11/QĐ")
    item = Item.objects.get(pk=determined.pk)
    assert item.status == "determined"
    assert item.marks["partial_declassifications"][0]["content"] == "Phần I: đề bài"


def test_r_decl_3_partial_without_content_is_refused(demo: dict[str, Any], determined: Any) -> None:
    decl = _propose(demo, determined, partial=True)
    _minutes(demo, _council(demo, decl))
    before = snapshot(determined)
    with pytest.raises(Refused) as err:
        declassification.decide_declassification(
            demo["gd.giaoduc"], decl, approve=True, decision_number="11/QĐ"
        )
    assert err.value.rule_id == "R-DECL-3" and "một phần" in err.value.message
    assert snapshot(determined) == before
    assert refused_events("lifecycle.declassification.approve") == 1


def test_r_decl_3_council_without_a_leader_chair_is_refused(demo: dict[str, Any], determined: Any) -> None:
    decl = _propose(demo, determined)
    before = snapshot(determined)
    with pytest.raises(Refused) as err:
        _council(demo, decl, chair="tp.khaothi")
    assert err.value.rule_id == "R-DECL-3" and "lãnh đạo" in err.value.message
    assert snapshot(determined) == before
    assert Declassification.objects.get().council is None
    assert refused_events("lifecycle.council.form") == 1


def test_r_decl_3_council_without_relevant_bodies_is_refused(demo: dict[str, Any], determined: Any) -> None:
    decl = _propose(demo, determined)
    before = snapshot(determined)
    with pytest.raises(Refused) as err:
        _council(demo, decl, members=[])
    assert err.value.rule_id == "R-DECL-3"
    assert snapshot(determined) == before
    assert refused_events("lifecycle.council.form") == 1


def test_r_decl_3_no_council_is_refused(demo: dict[str, Any], determined: Any) -> None:
    decl = _propose(demo, determined)
    before = snapshot(determined)
    with pytest.raises(Refused) as err:
        declassification.decide_declassification(
            demo["gd.giaoduc"], decl, approve=True, decision_number="11/QĐ"
        )
    assert err.value.rule_id == "R-DECL-3" and "Hội đồng" in err.value.message
    assert snapshot(determined) == before
    assert refused_events("lifecycle.declassification.approve") == 1


def test_r_decl_3_no_minutes_is_refused(demo: dict[str, Any], determined: Any) -> None:
    decl = _propose(demo, determined)
    _council(demo, decl)
    before = snapshot(determined)
    with pytest.raises(Refused) as err:
        declassification.decide_declassification(
            demo["gd.giaoduc"], decl, approve=True, decision_number="11/QĐ"
        )
    assert err.value.rule_id == "R-DECL-3" and "biên bản" in err.value.message
    assert snapshot(determined) == before
    assert refused_events("lifecycle.declassification.approve") == 1


@pytest.mark.parametrize("who", ["tp.khaothi", "gd.taichinh"])
def test_r_decl_3_decision_by_other_than_the_head_is_refused(
    demo: dict[str, Any], determined: Any, who: str
) -> None:
    decl = _propose(demo, determined)
    _minutes(demo, _council(demo, decl))
    before = snapshot(determined)
    with pytest.raises(Refused) as err:
        declassification.decide_declassification(demo[who], decl, approve=True, decision_number="11/QĐ")
    assert err.value.rule_id == "R-DECL-3"
    assert snapshot(determined) == before
    assert refused_events("lifecycle.declassification.approve") == 1


def test_r_decl_2_delisted_needs_the_list_amendment(demo: dict[str, Any], determined: Any) -> None:
    decl = _propose(demo, determined, ground="delisted")
    before = snapshot(determined)
    with pytest.raises(Refused) as err:
        declassification.decide_declassification(
            demo["gd.giaoduc"], decl, approve=True, decision_number="12/QĐ"
        )
    assert err.value.rule_id == "R-DECL-2"
    assert snapshot(determined) == before
    assert refused_events("lifecycle.declassification.approve") == 1


def test_r_decl_2_delisted_declassifies_and_notifies_immediately(
    demo: dict[str, Any], determined: Any
) -> None:
    decl = _propose(demo, determined, ground="delisted", list_reference="QĐ 99/QĐ-TTg bỏ mục 1")
    done = declassification.decide_declassification(
        demo["gd.giaoduc"], decl, approve=True, decision_number="12/QĐ"
    )
    assert Item.objects.get(pk=determined.pk).status == "declassified"
    assert {n.due_on for n in Notice.objects.all()} == {done.decided_on}
    assert {n.rule_id for n in Notice.objects.all()} == {"R-DECL-2"}


def test_r_decl_1_expired_ground_before_expiry_is_refused(demo: dict[str, Any], determined: Any) -> None:
    decl = _propose(demo, determined, ground="expired")
    before = snapshot(determined)
    with pytest.raises(Refused) as err:
        declassification.decide_declassification(
            demo["gd.giaoduc"], decl, approve=True, decision_number="13/QĐ"
        )
    assert err.value.rule_id == "R-DECL-1"
    assert snapshot(determined) == before
    assert refused_events("lifecycle.declassification.approve") == 1


def test_r_decl_1_expired_ground_after_expiry(demo: dict[str, Any], determined: Any) -> None:
    Item.objects.filter(pk=determined.pk).update(expires_on=dt.date(2026, 1, 1))
    decl = _propose(demo, determined, ground="expired")
    declassification.decide_declassification(demo["gd.giaoduc"], decl, approve=True, decision_number="13/QĐ")
    assert Item.objects.get(pk=determined.pk).status == "declassified"
    assert Notice.objects.count() == 0  # no council, no notice duty under R-DECL-1


def test_declassifying_twice_is_refused(demo: dict[str, Any], determined: Any) -> None:
    Item.objects.filter(pk=determined.pk).update(status="declassified")
    with pytest.raises(Refused):
        _propose(demo, determined)
    assert Declassification.objects.count() == 0
    assert refused_events("lifecycle.declassification.propose") == 1
