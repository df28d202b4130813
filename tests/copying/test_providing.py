"""Providing BMNN (R-PROV-1..5): request, decision by the competent person, written refusal, register."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from bmnn.copying.models import Provision
from bmnn.copying.services import providing
from bmnn.core.errors import Refused
from bmnn.custody.models import Handover
from tests.copying.conftest import refused_event

pytestmark = pytest.mark.django_db

DOMESTIC = {
    "body": "Trường THPT chuyên Sông Hồng",
    "representative": "Nguyễn Văn Hiệu",
    "position": "Hiệu trưởng",
    "id_number": "001080001234",
    "secret_requested": "Đề thi chọn học sinh giỏi môn Toán",
    "purpose": "Tổ chức thi",
    "commitment": "Cam kết bảo vệ BMNN theo quy định",
}
FOREIGN = {
    "body": "Đại học Quốc gia Lào",
    "representative": "Somsak Vongsa",
    "position": "Phó Hiệu trưởng",
    "nationality": "Lào",
    "passport": "P1234567",
    "programme": "Chương trình hợp tác giáo dục Việt - Lào 2026",
    "secret_requested": "Đề thi chọn học sinh giỏi môn Toán",
    "purpose": "Trao đổi kinh nghiệm ra đề",
    "commitment": "Cam kết không tiết lộ cho bên thứ ba",
}


def _domestic(demo: dict[str, Any], item: Any, **kw: Any) -> Provision:
    data = {**DOMESTIC, **kw}
    return providing.request_provision(demo["vanthu.giaoduc"], item, party_kind="domestic", **data)


def _foreign(demo: dict[str, Any], item: Any, coop: bool = True, **kw: Any) -> Provision:
    data = {**FOREIGN, **kw}
    return providing.request_provision(
        demo["vanthu.giaoduc"], item, party_kind="foreign", in_cooperation=coop, **data
    )


def _state(row: Provision) -> tuple[Any, ...]:
    row.refresh_from_db()
    return (row.status, row.decider_id, row.decision_note, Handover.objects.count())


def test_domestic_request_numbered_approved_and_provided(demo: dict[str, Any], determined: Any) -> None:
    row = _domestic(demo, determined)
    assert (row.seq, row.status) == (1, "requested")
    assert _domestic(demo, determined).seq == 2
    row = providing.decide_provision(demo["gd.giaoduc"], row, approve=True)
    assert (row.status, row.decider.user.username) == ("approved", "gd.giaoduc")
    row = providing.record_provided(demo["vanthu.giaoduc"], row, receipt_no="BN-17")
    line = Handover.objects.get(purpose="provide")
    assert (row.status, line.to_party, line.receipt_no) == (
        "provided",
        "Trường THPT chuyên Sông Hồng — Nguyễn Văn Hiệu",
        "BN-17",
    )


def test_domestic_decider_without_authority_r_prov_1(demo: dict[str, Any], determined: Any) -> None:
    row = _domestic(demo, determined)
    before = _state(row)
    with pytest.raises(Refused) as err:
        providing.decide_provision(demo["tp.khaothi"], row, approve=True)
    assert err.value.rule_id == "R-PROV-1"
    assert _state(row) == before
    assert refused_event("copying.provision.approve").summary["refusal"]["rule_id"] == "R-PROV-1"


def test_foreign_decider_2018_r_prov_2(demo: dict[str, Any], determined: Any) -> None:
    row = _foreign(demo, determined)
    before = _state(row)
    with pytest.raises(Refused) as err:  # a department head may not provide to a foreign party (Art. 16.1)
        providing.decide_provision(demo["gd.giaoduc"], row, approve=True, on=dt.date(2025, 6, 2))
    assert err.value.rule_id == "R-PROV-2"
    assert _state(row) == before
    assert refused_event("copying.provision.approve").summary["refusal"]["rule_id"] == "R-PROV-2"


def test_foreign_decider_2025_r_prov_3(demo: dict[str, Any], determined: Any) -> None:
    row = _foreign(demo, determined)
    before = _state(row)
    with pytest.raises(Refused) as err:
        providing.decide_provision(demo["gd.giaoduc"], row, approve=True)
    assert err.value.rule_id == "R-PROV-3"
    assert _state(row) == before
    assert refused_event("copying.provision.approve").summary["refusal"]["rule_id"] == "R-PROV-3"
    # Outside the chairman's remit is refused too; within it he decides.
    with pytest.raises(Refused) as err:
        providing.decide_provision(demo["chutich"], row, approve=True, within_remit=False)
    assert err.value.rule_id == "R-PROV-3"
    assert providing.decide_provision(demo["chutich"], row, approve=True).status == "approved"


@pytest.mark.parametrize(
    ("coop", "change"),
    [(False, {}), (True, {"passport": ""}), (True, {"nationality": ""}), (True, {"commitment": ""})],
)
def test_foreign_request_incomplete_r_prov_4(
    demo: dict[str, Any], determined: Any, coop: bool, change: dict[str, str]
) -> None:
    with pytest.raises(Refused) as err:
        _foreign(demo, determined, coop, **change)
    assert err.value.rule_id == "R-PROV-4"
    assert Provision.objects.count() == 0
    assert refused_event("copying.provision.create").summary["refusal"]["rule_id"] == "R-PROV-4"


def test_domestic_request_incomplete_r_prov_5(demo: dict[str, Any], determined: Any) -> None:
    with pytest.raises(Refused) as err:
        _domestic(demo, determined, id_number="")
    assert err.value.rule_id == "R-PROV-5"
    assert Provision.objects.count() == 0
    assert refused_event("copying.provision.create").summary["refusal"]["rule_id"] == "R-PROV-5"


def test_refusal_without_reasons_r_prov_5(demo: dict[str, Any], determined: Any) -> None:
    row = _domestic(demo, determined)
    before = _state(row)
    with pytest.raises(Refused) as err:
        providing.decide_provision(demo["gd.giaoduc"], row, approve=False, note=" ")
    assert err.value.rule_id == "R-PROV-5"
    assert _state(row) == before
    assert refused_event("copying.provision.refuse").summary["refusal"]["rule_id"] == "R-PROV-5"
    row = providing.decide_provision(demo["gd.giaoduc"], row, approve=False, note="Mục đích không phù hợp")
    assert (row.status, row.decision_note) == ("refused", "Mục đích không phù hợp")


def test_only_registry_staff_record_requests(demo: dict[str, Any], determined: Any) -> None:
    with pytest.raises(Refused):
        providing.request_provision(demo["cv.khaothi"], determined, party_kind="domestic", **DOMESTIC)
    assert Provision.objects.count() == 0
