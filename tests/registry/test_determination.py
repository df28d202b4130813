"""Determination: the drafter proposes, the head decides; each refused act changes nothing and is audited."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from bmnn.core.audit.models import AuditEvent
from bmnn.core.errors import Refused
from bmnn.registry.models import Determination, Item, Status
from bmnn.registry.services import determination
from bmnn.rules import add_years, today_vn
from tests.registry.conftest import approve, make_proposal

pytestmark = pytest.mark.django_db


def _snapshot() -> tuple[Any, ...]:
    return (
        tuple(Item.objects.order_by("pk").values_list("pk", "status", "level", "approver_id", "copies")),
        Determination.objects.count(),
    )


def _refused(action: str) -> AuditEvent:
    events = list(AuditEvent.objects.filter(action=f"{action}.refused"))
    assert len(events) == 1
    return events[0]


def test_drafter_proposes_and_head_approves(demo, exam_item) -> None:
    item = make_proposal(demo, exam_item)
    assert (item.status, item.level, item.level_rank) == (Status.PROPOSED, "", 2)
    done = approve(demo, item)
    today = today_vn()
    assert done.status == Status.DETERMINED
    assert (done.level, done.determined_on, done.regime) == (
        "TOI_MAT",
        today,
        "2025" if today >= dt.date(2026, 3, 1) else "2018",
    )
    assert done.expires_on == add_years(today, 20)
    assert done.period_years == 20
    assert done.marks["level_stamp"]["text"] == "TỐI MẬT"
    assert done.marks["envelope_letter"] == "B"
    assert done.marks["recipients_block"]["copy"] == "Không được sao, chụp"
    assert done.approver.user == demo["gd.giaoduc"]
    assert list(done.determinations.values_list("act", flat=True)) == ["proposed", "approved"]
    assert AuditEvent.objects.filter(action="registry.item.approve", object_id=str(done.pk)).count() == 1


def test_head_changes_level_and_copies(demo, lists) -> None:
    basis = [lists["531/QĐ-TTg:MAT:2"]]
    item = make_proposal(demo, basis, proposed_level="MAT", title="Phương án vận chuyển đề thi")
    done = approve(demo, item, copies=5, copy_allowed=True, note="Tăng số bản")
    assert (done.level, done.copies, done.copy_allowed) == ("MAT", 5, True)
    assert done.expires_on == add_years(today_vn(), 10)
    assert done.determinations.last().act == "changed"


def test_head_refuses_with_reason(demo, exam_item) -> None:
    item = make_proposal(demo, exam_item)
    with pytest.raises(Refused, match="lý do"):
        determination.decide(demo["gd.giaoduc"], item, approve=False, note="  ")
    done = determination.decide(demo["gd.giaoduc"], item, approve=False, note="Chưa đúng danh mục")
    assert (done.status, done.level, done.decision_note) == (Status.REFUSED, "", "Chưa đúng danh mục")


def test_wrong_approver_is_refused_and_changes_nothing(demo, exam_item) -> None:
    item = make_proposal(demo, exam_item)
    before = _snapshot()
    with pytest.raises(Refused) as err:
        approve(demo, item, who="tp.khaothi")  # head of a unit, not of the agency
    assert err.value.rule_id == "R-CLS-5"
    assert "Không được phép" in err.value.message and "Điều 10" in err.value.message
    assert _snapshot() == before
    assert _refused("registry.item.approve").summary["refusal"]["rule_id"] == "R-CLS-5"


def test_head_of_another_agency_is_refused(demo, exam_item) -> None:
    item = make_proposal(demo, exam_item)
    before = _snapshot()
    with pytest.raises(Refused) as err:
        approve(demo, item, who="gd.taichinh")
    assert err.value.rule_id == "R-CLS-5"
    assert _snapshot() == before


def test_missing_list_basis_is_refused_and_changes_nothing(demo) -> None:
    before = _snapshot()
    with pytest.raises(Refused) as err:
        make_proposal(demo, None)
    assert err.value.rule_id == "R-CLS-3"
    assert "danh mục" in err.value.message
    assert _snapshot() == before
    assert _refused("registry.item.create").summary["refusal"]["rule_id"] == "R-CLS-3"


def test_level_above_the_list_item_is_refused(demo, lists) -> None:
    before = _snapshot()
    with pytest.raises(Refused) as err:
        make_proposal(demo, lists["531/QĐ-TTg:MAT:1"], proposed_level="TOI_MAT")
    assert err.value.rule_id == "R-CLS-4"
    assert _snapshot() == before


def test_tuyet_mat_outside_its_fields_is_refused(demo, lists) -> None:
    with pytest.raises(Refused) as err:
        make_proposal(
            demo,
            lists["137/QĐ-TTg:TUYET_MAT:1"],
            proposed_level="TUYET_MAT",
            field="science_technology",
            drafter="chutich",
        )
    assert err.value.rule_id == "R-CLS-2"


def test_clearance_too_low_is_refused_and_changes_nothing(demo, exam_item) -> None:
    before = _snapshot()
    with pytest.raises(Refused) as err:
        make_proposal(demo, exam_item, drafter="tp.noivu")  # clearance Mật, proposes Tối mật
    assert err.value.rule_id == "ACCESS-CLEARANCE"
    assert "Điều 5 khoản 2" in err.value.message
    assert _snapshot() == before
    assert _refused("registry.item.create").actor == "tp.noivu"


def test_draft_without_basis_then_submit_is_refused(demo) -> None:
    draft = make_proposal(demo, None, submit=False)
    assert draft.status == Status.DRAFT
    with pytest.raises(Refused) as err:
        determination.propose(demo["cv.khaothi"], draft)
    assert err.value.rule_id == "R-CLS-3"
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT
    assert _refused("registry.item.propose").object_id == str(draft.pk)


def test_only_the_drafter_submits(demo, exam_item) -> None:
    draft = make_proposal(demo, exam_item, submit=False)
    with pytest.raises(Refused):
        determination.propose(demo["tp.khaothi"], draft)
    assert determination.propose(demo["cv.khaothi"], draft).status == Status.PROPOSED


def test_object_uses_form_01_and_activity_may_end_earlier(demo, lists) -> None:
    end = today_vn() + dt.timedelta(days=90)
    item = make_proposal(
        demo, lists["531/QĐ-TTg:MAT:2"], proposed_level="MAT", kind="activity", custom_end=end
    )
    assert item.determinations.first().note == "Mẫu 01"
    done = approve(demo, item)
    assert done.expires_on == end
    assert done.marks["form_01"] is True


def test_grant_gives_need_to_know(demo, exam_item) -> None:
    from bmnn.registry import selectors

    item = approve(demo, make_proposal(demo, exam_item))
    assert not selectors.visible_items(demo["tp.khaothi"]).filter(pk=item.pk).exists()
    determination.grant_access(demo["gd.giaoduc"], item, demo["tp.khaothi"].person, "Tổ chức coi thi")
    assert selectors.visible_items(demo["tp.khaothi"]).filter(pk=item.pk).exists()


def test_determined_item_enters_custody_with_its_drafter(demo, exam_item):
    from tests.registry.conftest import approve, make_proposal

    item = approve(demo, make_proposal(demo, exam_item))
    assert item.custodian_id == item.drafter_id is not None
