"""Lists of items in one act: a council reviews and the head decides declassification or destruction of
several items of the same classifying body in one decision (one minutes, one document listing every
item, each item marked).  A refusal of any item refuses the whole decision, naming the item."""

from __future__ import annotations

from typing import Any

import pytest

from bmnn.core.audit.models import AuditEvent
from bmnn.core.errors import Refused
from bmnn.lifecycle import documents
from bmnn.lifecycle.models import ActStatus, Declassification, Destruction, Minutes
from bmnn.lifecycle.services import councils, declassification, destruction
from bmnn.lifecycle.services.councils import MemberInput
from bmnn.registry.models import Item
from tests.lifecycle.conftest import add_copy, approve, make_proposal, person, refused_events, snapshot
from tests.lifecycle.test_documents import _docx_text

pytestmark = pytest.mark.django_db

MEMBERS = [MemberInput(name="Đặng Thu Hà", body="Sở Nội vụ", role="Ủy viên")]
METHOD = "Nghiền nát bằng máy hủy tài liệu chuyên dụng"


@pytest.fixture
def second(demo: dict[str, Any], exam_item: Any) -> Any:
    item = make_proposal(demo, exam_item, title="Đề thi chọn học sinh giỏi cấp tỉnh môn Văn năm 2026")
    return approve(demo, item)


def _declassify_council(demo: dict[str, Any], decl: Declassification) -> None:
    council = declassification.form_declassification_council(
        demo["gd.giaoduc"],
        decl,
        decision_number="10/QĐ-SGDĐT",
        chair=person(demo, "gd.giaoduc"),
        members=MEMBERS,
    )
    councils.record_minutes(
        demo["gd.giaoduc"], council, content="Xem xét hai đề thi đã sử dụng", conclusion="Đề nghị giải mật"
    )


def test_one_declassification_decision_for_a_list(demo: dict[str, Any], determined: Any, second: Any) -> None:
    decl = declassification.propose_declassification(
        demo["cv.khaothi"], [determined, second], ground="national_interest", reason="Kỳ thi đã kết thúc"
    )
    assert {i.pk for i in decl.items.all()} == {determined.pk, second.pk}
    _declassify_council(demo, decl)
    done = declassification.decide_declassification(
        demo["gd.giaoduc"], decl, approve=True, decision_number="11/QĐ-SGDĐT"
    )
    assert done.status == ActStatus.APPROVED
    assert done.dossier["items"] == sorted([determined.pk, second.pk])
    for pk in (determined.pk, second.pk):  # each item marked GIẢI MẬT (R-DECL-5)
        item = Item.objects.get(pk=pk)
        assert item.status == "declassified" and item.marks["declassified_stamp"][0] == "GIẢI MẬT"
    assert Minutes.objects.filter(council=done.council).count() == 1
    event = AuditEvent.objects.get(action="lifecycle.declassification.approve")
    assert sorted(event.summary["items"]) == sorted([determined.pk, second.pk])
    text = _docx_text(documents.render_docx(documents.declassification_decision(done)))
    assert "đối với 2 tài liệu" in text and determined.title in text and second.title in text


def test_a_refused_item_refuses_the_whole_list(demo: dict[str, Any], determined: Any, second: Any) -> None:
    declassification.propose_declassification(
        demo["cv.khaothi"], second, ground="national_interest", reason="Đã có đề nghị riêng"
    )
    before = (snapshot(determined), snapshot(second))
    refusals = refused_events("lifecycle.declassification.propose")
    with pytest.raises(Refused) as exc:
        declassification.propose_declassification(
            demo["cv.khaothi"], [determined, second], ground="national_interest", reason="Cả hai"
        )
    assert exc.value.rule_id == "R-DECL-3" and second.title in exc.value.message
    assert (snapshot(determined), snapshot(second)) == before
    assert refused_events("lifecycle.declassification.propose") == refusals + 1
    event = AuditEvent.objects.filter(action="lifecycle.declassification.propose.refused").last()
    assert second.title in event.summary["refusal"]["message"]


def test_expired_ground_checks_every_item(demo: dict[str, Any], determined: Any, second: Any) -> None:
    """Only one item has passed its expiry: the confirmation of the list is refused, nothing changes."""
    import datetime as dt

    Item.objects.filter(pk=determined.pk).update(expires_on=dt.date(2026, 1, 1))
    decl = declassification.propose_declassification(
        demo["cv.khaothi"], [determined, second], ground="expired", reason="Hết thời hạn bảo vệ"
    )
    before = (snapshot(determined), snapshot(second))
    with pytest.raises(Refused) as exc:
        declassification.decide_declassification(
            demo["gd.giaoduc"], decl, approve=True, decision_number="12/QĐ"
        )
    assert exc.value.rule_id == "R-DECL-1" and second.title in exc.value.message
    assert (snapshot(determined), snapshot(second)) == before
    assert Declassification.objects.get(pk=decl.pk).status == ActStatus.PROPOSED
    assert refused_events("lifecycle.declassification.approve") == 1


def test_list_of_another_body_is_refused(
    demo: dict[str, Any], determined: Any, lists: dict[str, Any]
) -> None:
    other = make_proposal(demo, lists["531/QĐ-TTg:TOI_MAT:1"], drafter="chuyenvien")
    other = approve(demo, other, who="chutich")
    before = snapshot(determined)
    with pytest.raises(Refused) as exc:
        destruction.propose_destruction(demo["gd.giaoduc"], [determined, other], reason="Hết giá trị")
    assert exc.value.rule_id == "R-DEST-1" and other.title in exc.value.message
    assert snapshot(determined) == before and Destruction.objects.count() == 0
    assert refused_events("lifecycle.destruction.propose") == 1


def test_one_destruction_decision_for_a_list(demo: dict[str, Any], determined: Any, second: Any) -> None:
    Item.objects.filter(pk__in=[determined.pk, second.pk]).update(custodian=person(demo, "cv.khaothi"))
    add_copy(demo, second)
    row = destruction.propose_destruction(demo["cv.khaothi"], [determined, second], reason="Hết giá trị")
    council = destruction.form_destruction_council(
        demo["gd.giaoduc"],
        row,
        decision_number="20/QĐ-SGDĐT",
        chair=person(demo, "gd.giaoduc"),
        members=[MemberInput(name="Mai Thị Quỳnh", person=person(demo, "cv.khaothi"), is_custodian=True)],
    )
    councils.record_minutes(demo["gd.giaoduc"], council, content="Danh sách 2 đề thi", conclusion="Tiêu hủy")
    destruction.decide_destruction(demo["gd.giaoduc"], row, approve=True, decision_number="21/QĐ-SGDĐT")
    done = destruction.execute_destruction(
        demo["cv.khaothi"], row, method=METHOD, witnesses="Dương Văn Phúc", unrecoverable=True
    )
    assert done.status == ActStatus.DONE and done.copies_destroyed == 1
    assert set(Item.objects.filter(pk__in=[determined.pk, second.pk]).values_list("status", flat=True)) == {
        "destroyed"
    }
    assert done.dossier["items"] == sorted([determined.pk, second.pk])
    minutes = Minutes.objects.get(destruction=done)
    text = _docx_text(documents.render_docx(documents.minutes_doc(minutes)))
    assert determined.title in text and second.title in text
    decision = _docx_text(documents.render_docx(documents.destruction_decision(done)))
    assert "đối với 2 tài liệu" in decision


def test_single_item_acts_still_list_their_item(demo: dict[str, Any], determined: Any) -> None:
    row = destruction.propose_destruction(demo["cv.khaothi"], determined, reason="Hết giá trị")
    assert [i.pk for i in row.all_items()] == [determined.pk]
    text = _docx_text(documents.render_docx(documents.destruction_decision(row)))
    assert "Điều 1. Tiêu hủy đối với:" in text and determined.title in text


def test_item_page_proposes_a_list(client_as: Any, determined: Any, second: Any) -> None:
    url = f"/vong-doi/tai-lieu/{determined.pk}/"
    r = client_as("cv.khaothi").post(
        url,
        {
            "action": "propose_destruction",
            "propose_destruction-reason": "Hết giá trị",
            "propose_destruction-also": [str(second.pk)],
        },
    )
    assert r.status_code == 302
    row = Destruction.objects.get()
    assert {i.pk for i in row.items.all()} == {determined.pk, second.pk}
    page = client_as("gd.giaoduc").get(f"/vong-doi/tai-lieu/{second.pk}/").content.decode()
    assert f'data-testid="destruction-{row.pk}"' in page and 'data-testid="act-items"' in page
    # A wrong id in the list is a form error, nothing is recorded.
    r = client_as("cv.khaothi").post(
        f"/vong-doi/tai-lieu/{second.pk}/",
        {
            "action": "propose_declassification",
            "propose_declassification-ground": "national_interest",
            "propose_declassification-reason": "x",
            "propose_declassification-also": ["999999"],
        },
    )
    assert r.status_code == 200 and Declassification.objects.count() == 0
