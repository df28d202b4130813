"""Destruction: R-DEST-1..6 (Law Art. 23); crypto-shredding of the item's files."""

from __future__ import annotations

import io
from typing import Any

import pytest

from bmnn.core.audit.models import AuditEvent
from bmnn.core.errors import Refused
from bmnn.lifecycle.models import ActStatus, Destruction
from bmnn.lifecycle.services import councils, destruction
from bmnn.lifecycle.services.councils import MemberInput
from bmnn.registry.models import Item
from bmnn.registry.services import files
from tests.lifecycle.conftest import person, refused_events, snapshot

pytestmark = pytest.mark.django_db

METHOD = "Nghiền nát bằng máy hủy tài liệu chuyên dụng"
WITNESSES = "Dương Văn Phúc; Tạ Văn Sơn"


def _members(demo: dict[str, Any], custodian: bool = True) -> list[MemberInput]:
    return [
        MemberInput(
            name="Mai Thị Quỳnh",
            body="Phòng Khảo thí",
            person=person(demo, "cv.khaothi"),
            is_custodian=custodian,
        ),
        MemberInput(name="Đặng Thu Hà", body="Sở Nội vụ"),
    ]


def _ready(demo: dict[str, Any], item: Any, chair: str = "gd.giaoduc") -> Destruction:
    Item.objects.filter(pk=item.pk).update(custodian=person(demo, "cv.khaothi"))
    row = destruction.propose_destruction(demo["cv.khaothi"], item, reason="Hết giá trị sử dụng")
    council = destruction.form_destruction_council(
        demo["gd.giaoduc"],
        row,
        decision_number="20/QĐ-SGDĐT",
        chair=person(demo, chair),
        members=_members(demo),
    )
    councils.record_minutes(
        demo["gd.giaoduc"], council, content="Xem xét danh sách", conclusion="Đề nghị tiêu hủy"
    )
    return row


def test_r_dest_no_longer_needed_full_path_shreds_files(demo: dict[str, Any], registered: Any) -> None:
    attached = files.attach_file(demo["gd.giaoduc"], registered, io.BytesIO(b"%PDF-1.4 de thi"), "de-thi.pdf")
    row = _ready(demo, registered)
    destruction.decide_destruction(demo["gd.giaoduc"], row, approve=True, decision_number="21/QĐ-SGDĐT")
    done = destruction.execute_destruction(
        demo["cv.khaothi"], row, method=METHOD, witnesses=WITNESSES, unrecoverable=True
    )
    item = Item.objects.get(pk=registered.pk)
    assert (
        done.status == ActStatus.DONE and item.status == "destroyed" and item.destroyed_on == done.executed_on
    )
    assert item.copies_made.get().status == "destroyed"
    attached.blob.refresh_from_db()
    assert attached.blob.is_shredded and done.files_shredded == 1
    assert set(done.dossier) >= {"council_decision", "items", "minutes", "decision", "destruction_minutes"}
    # Metadata and audit history stay; the register line still points at the item.
    assert item.title and item.entries.count() == 1
    assert AuditEvent.objects.filter(action="vault.shred").count() == 1
    assert AuditEvent.objects.filter(object_type="registry.item", object_id=str(item.pk)).exists()


def test_r_dest_2_mat_only_authority_may_not_decide(demo: dict[str, Any], determined: Any) -> None:
    row = _ready(demo, determined)
    before = snapshot(determined)
    with pytest.raises(Refused) as err:
        destruction.decide_destruction(demo["tp.khaothi"], row, approve=True, decision_number="21/QĐ")
    assert err.value.rule_id == "R-DEST-2"
    assert snapshot(determined) == before
    assert refused_events("lifecycle.destruction.approve") == 1


def test_r_dest_3_council_chair_must_be_a_leader(demo: dict[str, Any], determined: Any) -> None:
    row = destruction.propose_destruction(demo["cv.khaothi"], determined, reason="Hết giá trị")
    before = snapshot(determined)
    with pytest.raises(Refused) as err:
        destruction.form_destruction_council(
            demo["gd.giaoduc"],
            row,
            decision_number="20/QĐ",
            chair=person(demo, "tp.khaothi"),
            members=_members(demo),
        )
    assert err.value.rule_id == "R-DEST-3"
    assert snapshot(determined) == before
    assert refused_events("lifecycle.council.form") == 1


def test_r_dest_3_council_without_the_custodian_is_refused(demo: dict[str, Any], determined: Any) -> None:
    row = destruction.propose_destruction(demo["cv.khaothi"], determined, reason="Hết giá trị")
    before = snapshot(determined)
    with pytest.raises(Refused) as err:
        destruction.form_destruction_council(
            demo["gd.giaoduc"],
            row,
            decision_number="20/QĐ",
            chair=person(demo, "gd.giaoduc"),
            members=_members(demo, custodian=False),
        )
    assert err.value.rule_id == "R-DEST-3" and "người trực tiếp quản lý" in err.value.message
    assert snapshot(determined) == before
    assert refused_events("lifecycle.council.form") == 1


def test_r_dest_3_decision_without_council_is_refused(demo: dict[str, Any], determined: Any) -> None:
    row = destruction.propose_destruction(demo["cv.khaothi"], determined, reason="Hết giá trị")
    before = snapshot(determined)
    with pytest.raises(Refused) as err:
        destruction.decide_destruction(demo["gd.giaoduc"], row, approve=True, decision_number="21/QĐ")
    assert err.value.rule_id == "R-DEST-3"
    assert snapshot(determined) == before
    assert refused_events("lifecycle.destruction.approve") == 1


def test_r_dest_5_decision_without_council_minutes_is_refused(demo: dict[str, Any], determined: Any) -> None:
    row = destruction.propose_destruction(demo["cv.khaothi"], determined, reason="Hết giá trị")
    destruction.form_destruction_council(
        demo["gd.giaoduc"],
        row,
        decision_number="20/QĐ",
        chair=person(demo, "gd.giaoduc"),
        members=_members(demo),
    )
    before = snapshot(determined)
    with pytest.raises(Refused) as err:
        destruction.decide_destruction(demo["gd.giaoduc"], row, approve=True, decision_number="21/QĐ")
    assert err.value.rule_id == "R-DEST-5"
    assert snapshot(determined) == before
    assert refused_events("lifecycle.destruction.approve") == 1


@pytest.mark.parametrize(
    ("method", "witnesses", "unrecoverable"),
    [("", WITNESSES, True), (METHOD, "", True), (METHOD, WITNESSES, False)],
)
def test_r_dest_6_minutes_need_method_witnesses_and_unrecoverable(
    demo: dict[str, Any], determined: Any, method: str, witnesses: str, unrecoverable: bool
) -> None:
    row = _ready(demo, determined)
    destruction.decide_destruction(demo["gd.giaoduc"], row, approve=True, decision_number="21/QĐ")
    before = snapshot(determined)
    with pytest.raises(Refused) as err:
        destruction.execute_destruction(
            demo["cv.khaothi"], row, method=method, witnesses=witnesses, unrecoverable=unrecoverable
        )
    assert err.value.rule_id == "R-DEST-6"
    assert snapshot(determined) == before
    assert refused_events("lifecycle.destruction.execute") == 1


def test_r_dest_2_execution_before_decision_is_refused(demo: dict[str, Any], determined: Any) -> None:
    row = _ready(demo, determined)
    before = snapshot(determined)
    with pytest.raises(Refused) as err:
        destruction.execute_destruction(
            demo["cv.khaothi"], row, method=METHOD, witnesses=WITNESSES, unrecoverable=True
        )
    assert err.value.rule_id == "R-DEST-2"
    assert snapshot(determined) == before
    assert refused_events("lifecycle.destruction.execute") == 1


def test_r_dest_4_urgent_by_the_custodian_with_report(demo: dict[str, Any], registered: Any) -> None:
    Item.objects.filter(pk=registered.pk).update(custodian=person(demo, "cv.khaothi"))
    row = destruction.destroy_urgent(
        demo["cv.khaothi"],
        registered,
        reason="Nguy cơ bị chiếm đoạt",
        method="Đốt cháy hoàn toàn",
        witnesses="Dương Văn Phúc",
        unrecoverable=True,
        report="Báo cáo Giám đốc: đã tiêu hủy khẩn cấp",
    )
    item = Item.objects.get(pk=registered.pk)
    assert item.status == "destroyed" and row.case == "URGENT_HARM"
    assert row.report_to == person(demo, "gd.giaoduc")
    assert item.copies_made.get().status == "destroyed"


def test_r_dest_4_urgent_by_someone_else_is_refused(demo: dict[str, Any], determined: Any) -> None:
    Item.objects.filter(pk=determined.pk).update(custodian=person(demo, "cv.khaothi"))
    before = snapshot(determined)
    with pytest.raises(Refused) as err:
        destruction.destroy_urgent(
            demo["tp.khaothi"],
            determined,
            reason="x",
            method="Đốt",
            witnesses="A",
            unrecoverable=True,
            report="r",
        )
    assert err.value.rule_id == "R-DEST-4"
    assert snapshot(determined) == before
    assert refused_events("lifecycle.destruction.urgent") == 1


def test_r_dest_4_urgent_without_report_is_refused(demo: dict[str, Any], determined: Any) -> None:
    Item.objects.filter(pk=determined.pk).update(custodian=person(demo, "cv.khaothi"))
    before = snapshot(determined)
    with pytest.raises(Refused) as err:
        destruction.destroy_urgent(
            demo["cv.khaothi"],
            determined,
            reason="x",
            method="Đốt",
            witnesses="A",
            unrecoverable=True,
            report="",
        )
    assert err.value.rule_id == "R-DEST-4" and "báo cáo" in err.value.message
    assert snapshot(determined) == before
    assert refused_events("lifecycle.destruction.urgent") == 1


def test_destroyed_item_cannot_be_destroyed_again(demo: dict[str, Any], determined: Any) -> None:
    Item.objects.filter(pk=determined.pk).update(status="destroyed")
    with pytest.raises(Refused) as err:
        destruction.propose_destruction(demo["cv.khaothi"], determined, reason="x")
    assert err.value.rule_id == "R-DEST-1"
    assert Destruction.objects.count() == 0
    assert refused_events("lifecycle.destruction.propose") == 1
