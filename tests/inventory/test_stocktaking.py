"""Stock-taking: the expected list (originals and copies per custodian/location), reconciliation with
found / missing / unexpected, an incident stub for a loss, completion; refusals change nothing."""

from __future__ import annotations

import subprocess
from typing import Any

import pytest

from bmnn.copying.services import copies
from bmnn.core.audit.models import AuditEvent
from bmnn.core.errors import Refused
from bmnn.custody.models import Copy, Location
from bmnn.inventory import services
from bmnn.inventory.models import StockLine, StockTake
from bmnn.registry.models import Incident
from tests.copying.conftest import person, refused_event

pytestmark = pytest.mark.django_db


@pytest.fixture
def held(demo: dict[str, Any], determined: Any) -> Any:
    """The original in the clerk's safe, two copies with the drafter."""
    safe = Location.objects.create(agency_id=determined.agency_id, name="Két sắt Văn phòng", code="K1")
    determined.custodian, determined.location = person("vanthu.giaoduc"), safe
    determined.save(update_fields=["custodian", "location"])
    req = copies.request_copy(demo["cv.khaothi"], determined, form="true_copy", quantity=2, purpose="Họp")
    copies.execute_copy(
        demo["vanthu.giaoduc"], copies.decide_copy(demo["gd.giaoduc"], req, approve=True), made=2
    )
    return determined


def test_reconcile_missing_opens_incident_and_completes(
    demo: dict[str, Any], held: Any, client_as: Any
) -> None:
    session = services.open_session(demo["vanthu.giaoduc"], title="Kiểm kê cuối năm 2026")
    lines = list(session.lines.order_by("copy__number"))
    assert len(lines) == 3 and {ln.custodian.user.username for ln in lines} == {
        "vanthu.giaoduc",
        "cv.khaothi",
    }
    original = next(ln for ln in lines if ln.copy is None)
    copy_lines = [ln for ln in lines if ln.copy is not None]
    services.record_outcome(demo["vanthu.giaoduc"], original, outcome="found")
    services.record_outcome(demo["vanthu.giaoduc"], copy_lines[0], outcome="found")
    missing = services.record_outcome(
        demo["vanthu.giaoduc"], copy_lines[1], outcome="missing", note="Không có trong tủ"
    )
    incident = Incident.objects.get()
    assert (
        missing.incident_id == incident.pk
        and incident.rule_id == "R-INC-1"
        and incident.kind == "loss"
        and "Kiểm kê" in incident.description
    )
    assert incident.notified.user.username == "gd.giaoduc"
    assert Copy.objects.get(pk=copy_lines[1].copy_id).status == "missing"
    services.add_unexpected(
        demo["vanthu.giaoduc"], session, item=held, copy=copy_lines[1].copy, note="Tìm thấy ở bàn"
    )
    pdf = client_as("vanthu.giaoduc").get(f"/kiem-ke/{session.pk}/in.pdf")
    text = " ".join(
        subprocess.run(["pdftotext", "-", "-"], input=pdf.content, capture_output=True, check=True)
        .stdout.decode()
        .split()
    )
    assert "DANH SÁCH KIỂM KÊ" in text and "Bản sao số 02" in text and "Không thấy" in text
    done = services.complete(demo["vanthu.giaoduc"], session)
    assert done.status == "completed"
    assert AuditEvent.objects.get(action="inventory.session.complete").summary == {
        "found": 2,
        "missing": 1,
        "unexpected": 1,
    }


def test_complete_with_unchecked_lines_is_refused(demo: dict[str, Any], held: Any) -> None:
    session = services.open_session(demo["vanthu.giaoduc"], title="Kiểm kê đột xuất")
    with pytest.raises(Refused) as err:
        services.complete(demo["vanthu.giaoduc"], session)
    assert err.value.rule_id == "R-IT-5"
    assert StockTake.objects.get().status == "open"
    assert refused_event("inventory.session.complete") is not None


def test_only_registry_staff_take_stock(demo: dict[str, Any], held: Any, client_as: Any) -> None:
    with pytest.raises(Refused):
        services.open_session(demo["cv.khaothi"], title="x")
    assert StockTake.objects.count() == 0 and StockLine.objects.count() == 0
    assert refused_event("inventory.session.open") is not None
    session = services.open_session(demo["vanthu.giaoduc"], title="Kiểm kê")
    assert client_as("cv.khaothi").get(f"/kiem-ke/{session.pk}/").status_code == 404
    page = client_as("vanthu.giaoduc").get(f"/kiem-ke/{session.pk}/")
    assert page.status_code == 200 and "Kiểm kê" in page.content.decode()


def test_scope_by_custodian(demo: dict[str, Any], held: Any) -> None:
    session = services.open_session(demo["vanthu.giaoduc"], title="Kiểm kê", custodian=person("cv.khaothi"))
    assert sorted(ln.copy.number for ln in session.lines.all()) == [1, 2]
