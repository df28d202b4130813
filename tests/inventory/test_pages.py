"""Stock-taking pages: the list filtered on screen and in print; printing is audited with its filters;
bad input answers a clear error, never a crash."""

from __future__ import annotations

import io
from typing import Any

import pytest
from openpyxl import load_workbook

from bmnn.core.audit.models import AuditEvent
from bmnn.inventory import services
from bmnn.inventory.models import StockLine
from tests.copying.conftest import person
from tests.inventory.test_stocktaking import held

__all__ = ["held"]

pytestmark = pytest.mark.django_db


def test_print_is_audited_with_its_filters(demo: dict[str, Any], held: Any, client_as: Any) -> None:
    session = services.open_session(demo["vanthu.giaoduc"], title="Kiểm kê quý IV")
    client = client_as("vanthu.giaoduc")
    drafter = person("cv.khaothi").pk
    page = client.get(f"/kiem-ke/{session.pk}/?custodian={drafter}").content.decode()
    assert page.count("Bản sao") == 0 and f"in.pdf?custodian={drafter}" in page
    xlsx = client.get(f"/kiem-ke/{session.pk}/in.xlsx?custodian={drafter}&outcome=pending")
    assert xlsx.status_code == 200
    sheet = load_workbook(io.BytesIO(xlsx.content))["Sổ"]
    custodians = [r[1] for r in sheet.iter_rows(min_row=3, values_only=True)]
    assert custodians == ["Mai Thị Quỳnh", "Mai Thị Quỳnh"]
    event = AuditEvent.objects.get(action="inventory.session.print_xlsx")
    assert event.summary == {"lines": 2, "filters": {"custodian": str(drafter), "outcome": "pending"}}
    assert client.get(f"/kiem-ke/{session.pk}/in.pdf").status_code == 200
    event = AuditEvent.objects.get(action="inventory.session.print_pdf")
    assert event.summary == {"lines": 3, "filters": {}}
    # Malformed filters are shown as errors and ignored, not a crash.
    bad = client.get(f"/kiem-ke/{session.pk}/?custodian=abc&outcome=zzz")
    assert bad.status_code == 200 and 'role="alert"' in bad.content.decode()
    assert client.get(f"/kiem-ke/{session.pk}/in.doc").status_code == 404


def test_bad_outcome_and_unknown_line(demo: dict[str, Any], held: Any, client_as: Any) -> None:
    session = services.open_session(demo["vanthu.giaoduc"], title="Kiểm kê")
    line = session.lines.first()
    client = client_as("vanthu.giaoduc")
    response = client.post(f"/kiem-ke/{session.pk}/dong/{line.pk}/", {"outcome": "lost"}, follow=True)
    assert "Kết quả kiểm kê không hợp lệ" in response.content.decode()
    assert StockLine.objects.get(pk=line.pk).outcome == "pending"
    assert client.post(f"/kiem-ke/{session.pk}/dong/999999/", {"outcome": "found"}).status_code == 404
    response = client.post(f"/kiem-ke/{session.pk}/ngoai-danh-sach/", {"item": "abc", "note": "bàn"})
    assert response.status_code == 200 and "bàn" in response.content.decode()
    assert StockLine.objects.filter(expected=False).count() == 0
