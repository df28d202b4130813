"""Pages: the copy register (Form 12) on screen, as PDF and XLSX with every recorded field; the extract
and photographing record PDFs; the written refusal; invisible requests answer 404."""

from __future__ import annotations

import io
import subprocess
from typing import Any

import pytest
from openpyxl import load_workbook

from bmnn.copying.services import copies, providing
from bmnn.core.audit.models import AuditEvent
from tests.copying.conftest import person
from tests.copying.test_providing import DOMESTIC

pytestmark = pytest.mark.django_db


def _pdf_text(body: bytes) -> str:
    out = subprocess.run(["pdftotext", "-", "-"], input=body, capture_output=True, check=True).stdout
    return " ".join(out.decode().split())


def _executed(demo: dict[str, Any], item: Any, **kw: Any) -> Any:
    args: dict[str, Any] = {"form": "true_copy", "quantity": 2, "purpose": "Phục vụ Hội đồng thi"}
    args.update(kw)
    req = copies.request_copy(demo["cv.khaothi"], item, **args)
    req = copies.decide_copy(demo["gd.giaoduc"], req, approve=True)
    extra = {"extract_content": kw.get("extract_content", "")} if args["form"] == "extract" else {}
    return copies.execute_copy(
        demo["vanthu.giaoduc"], req, made=args["quantity"] + 1, spoiled=1, device="Máy sao VT-01", **extra
    )


def test_copy_register_screen_pdf_xlsx(demo: dict[str, Any], determined: Any, client_as: Any) -> None:
    done = _executed(demo, determined)
    client = client_as("vanthu.giaoduc")
    page = client.get("/sao-chup/so/")
    assert page.status_code == 200 and "01, 02" in page.content.decode()
    pdf = client.get("/sao-chup/so/in.pdf")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    text = _pdf_text(pdf.content)
    assert "SỔ QUẢN LÝ SAO, CHỤP TÀI LIỆU" in text and "Mẫu số 12" in text
    for value in (
        "Sao y",
        "Tối mật",
        "01, 02",
        "Hồ Thị Oanh",
        "Tạ Văn Sơn",
        "Mai Thị Quỳnh",
        "Máy sao VT-01",
    ):
        assert value in text, value
    assert done.executed_on.strftime("%d/%m/%Y") in text
    xlsx = client.get("/sao-chup/so/in.xlsx")
    sheet = load_workbook(io.BytesIO(xlsx.content))["Sổ"]
    row = [c.value for c in sheet[3]]
    assert row[0] == "1" and row[4] == "Sao y" and row[5] == "2" and row[6] == "01, 02"
    assert row[7] == "Hồ Thị Oanh" and row[9] == "Mai Thị Quỳnh" and "Hủy ngay 1" in row[10]
    assert AuditEvent.objects.filter(action="copying.register.print_pdf").count() == 1
    # Filters: another form shows nothing.
    assert "01, 02" not in client.get("/sao-chup/so/?form=photo").content.decode()


def test_extract_prints_on_form_10(demo: dict[str, Any], determined: Any, client_as: Any) -> None:
    done = _executed(demo, determined, form="extract", quantity=1, extract_content="Câu 1: Giải phương trình")
    body = client_as("cv.khaothi").get(f"/sao-chup/{done.pk}/van-ban.pdf")
    text = _pdf_text(body.content)
    assert "Mẫu số 10" in text and "BẢN TRÍCH SAO" in text and "Câu 1: Giải phương trình" in text


def test_request_flow_pages_and_refusal_message(
    demo: dict[str, Any], determined: Any, client_as: Any
) -> None:
    client = client_as("cv.khaothi")
    response = client.post(
        "/sao-chup/moi/",
        {
            "item": determined.pk,
            "form": "true_copy",
            "quantity": 1,
            "purpose": "Họp",
            "addressed_to": person("tp.khaothi").pk,
        },
    )
    assert response.status_code == 302
    url = response["Location"]
    refused = client_as("tp.khaothi").post(f"{url}quyet-dinh/", {"decision": "approve", "note": ""})
    assert refused.status_code == 200 and "R-COPY-1" in refused.content.decode()
    # Someone who cannot see the item nor was asked gets 404.
    assert client_as("gd.taichinh").get(url).status_code == 404
    bad = client.post("/sao-chup/moi/", {"item": "abc", "form": "x", "quantity": "-1"})
    assert bad.status_code == 200


def test_written_refusal_pdf(demo: dict[str, Any], determined: Any, client_as: Any) -> None:
    row = providing.request_provision(demo["vanthu.giaoduc"], determined, party_kind="domestic", **DOMESTIC)
    providing.decide_provision(demo["gd.giaoduc"], row, approve=False, note="Mục đích không phù hợp")
    client = client_as("vanthu.giaoduc")
    text = _pdf_text(client.get(f"/sao-chup/cung-cap/{row.pk}/tu-choi.pdf").content)
    assert "VĂN BẢN TỪ CHỐI CUNG CẤP" in text and "Mục đích không phù hợp" in text
    listing = client.get("/sao-chup/cung-cap/").content.decode()
    assert "Trường THPT chuyên Sông Hồng" in listing
    assert client.get("/sao-chup/cung-cap/in.xlsx").status_code == 200
