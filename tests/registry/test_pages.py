"""Pages: the drafter → head → clerk flow over HTTP, refusals shown with their citation, 404 when hidden,
register filters and the printed PDF/XLSX."""

from __future__ import annotations

import io
import subprocess

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from bmnn.registry.models import Item, RegisterEntry
from tests.registry.conftest import approve, make_proposal

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.registry.urls")]


def _pdf_pages(data: bytes) -> list[str]:
    """Text per page through poppler's pdftotext (pypdf mis-maps reportlab's second font subset)."""
    out = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", "-", "-"], input=data, capture_output=True, check=True
    )
    return out.stdout.decode().split("\f")


def _form(exam_item, **kw):
    data = {
        "title": "Đề thi học sinh giỏi môn Văn",
        "kind": "document",
        "medium": "both",
        "field": "education_training",
        "proposed_level": "TOI_MAT",
        "basis": [exam_item.pk],
        "recipients": "Hội đồng thi",
        "copies": "2",
        "submit_now": "on",
    }
    data.update(kw)
    return data


def test_drafter_head_clerk_over_http(client_for, demo, exam_item) -> None:
    drafter = client_for("cv.khaothi")
    response = drafter.post("/so-dang-ky/moi/", _form(exam_item))
    assert response.status_code == 302
    item = Item.objects.get()
    head = client_for("gd.giaoduc")
    assert "Đề thi học sinh giỏi môn Văn" in head.get("/so-dang-ky/").content.decode()
    page = head.get(f"/so-dang-ky/{item.pk}/").content.decode()
    assert 'data-testid="decide"' in page
    response = head.post(
        f"/so-dang-ky/{item.pk}/xac-dinh/",
        {"decision": "approve", "level": "TOI_MAT", "copies": "2", "note": ""},
    )
    assert response.status_code == 302
    clerk = client_for("vanthu.giaoduc")
    response = clerk.post(
        f"/so-dang-ky/{item.pk}/vao-so-di/",
        {"signer": "Hồ Thị Oanh", "copies": "2", "number_symbol": "07/SGDĐT-KT", "file_keeper": "VT"},
    )
    assert response.status_code == 302
    page = clerk.get("/so-dang-ky/so/out/?q=de+thi").content.decode()
    assert "07/SGDĐT-KT" in page and "Tối mật" in page


def test_refusal_is_shown_with_rule_and_citation(client_for, demo, exam_item) -> None:
    response = client_for("cv.khaothi").post("/so-dang-ky/moi/", _form(exam_item, basis=[]))
    body = response.content.decode()
    assert response.status_code == 200
    assert "R-CLS-3" in body and "Không được phép" in body and "Luật Bảo vệ bí mật nhà nước" in body
    assert Item.objects.count() == 0


def test_wrong_approver_over_http_is_refused(client_for, demo, exam_item) -> None:
    item = make_proposal(demo, exam_item)
    response = client_for("tp.khaothi").post(
        f"/so-dang-ky/{item.pk}/xac-dinh/", {"decision": "approve", "level": "TOI_MAT", "copies": "3"}
    )
    # tp.khaothi cannot even see an item awaiting the head's determination.
    assert response.status_code == 404
    item.refresh_from_db()
    assert item.status == "proposed"


def test_hidden_items_answer_404(client_for, demo, exam_item) -> None:
    item = approve(demo, make_proposal(demo, exam_item))
    for who in ("tp.noivu", "chuyenvien", "vanthu"):
        assert client_for(who).get(f"/so-dang-ky/{item.pk}/").status_code == 404
    assert client_for("cv.khaothi").get(f"/so-dang-ky/{item.pk}/").status_code == 200
    assert client_for("vanthu.giaoduc").get("/so-dang-ky/so/khac/").status_code == 404


def test_bad_form_value_keeps_the_input(client_for, demo, exam_item) -> None:
    response = client_for("cv.khaothi").post("/so-dang-ky/moi/", _form(exam_item, copies="abc"))
    assert response.status_code == 200
    assert "Đề thi học sinh giỏi môn Văn" in response.content.decode()
    assert Item.objects.count() == 0


def test_incoming_page_and_incident(client_for, demo) -> None:
    clerk = client_for("vanthu.giaoduc")
    response = clerk.post(
        "/so-dang-ky/den/moi/",
        {
            "sender": "Bộ Giáo dục và Đào tạo",
            "number_symbol": "33/BGDĐT",
            "envelope_level": "MAT",
            "field": "education_training",
            "summary": "Hướng dẫn tổ chức thi",
            "properly_protected": "on",
        },
    )
    assert response.status_code == 302
    entry = RegisterEntry.objects.get()
    assert (entry.register, entry.envelope_intact) == ("in", False)
    assert "Hướng dẫn tổ chức thi" in clerk.get("/so-dang-ky/so/in/").content.decode()
    incidents = client_for("gd.giaoduc").get("/so-dang-ky/su-co/").content.decode()
    assert "Bộ Giáo dục và Đào tạo" in incidents and "R-TX-8" not in incidents.split("<main>")[0]


def test_register_prints_as_pdf_and_xlsx(client_for, demo, exam_item) -> None:
    from bmnn.registry.services import registration

    item = approve(demo, make_proposal(demo, exam_item, number_symbol="09/SGDĐT-KT"))
    registration.register_outgoing(demo["vanthu.giaoduc"], item, signer="Hồ Thị Oanh")
    clerk = client_for("vanthu.giaoduc")
    response = clerk.get("/so-dang-ky/so/out/in.pdf")
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    box = reader.pages[0].mediabox
    assert sorted([round(float(box.width)), round(float(box.height))]) == [595, 842]  # A4
    fonts = [font.get_object() for page in reader.pages for font in page["/Resources"]["/Font"].values()]
    truetype = [f for f in fonts if f["/Subtype"] == "/TrueType"]
    assert truetype and all("/FontFile2" in f["/FontDescriptor"] for f in truetype)  # embedded subsets
    # reportlab lists the standard fonts in every page's resources; no text is drawn with them.
    assert all(b"/F1 " not in page.get_contents().get_data() for page in reader.pages)
    cover, table = _pdf_pages(response.content)[:2]
    assert "SỔ ĐĂNG KÝ BÍ MẬT NHÀ NƯỚC ĐI" in cover
    assert "ỦY BAN NHÂN DÂN TỈNH SÔNG HỒNG" in cover  # the superior body
    assert "Từ số 1 đến số 1" in cover and "Quyển số: 01" in cover
    assert "09/SGDĐT-KT" in table and "Tối mật" in table and "Tên loại và trích yếu nội dung" in table
    response = clerk.get("/so-dang-ky/so/out/in.xlsx")
    wb = load_workbook(io.BytesIO(response.content))
    assert wb.sheetnames == ["Bìa", "Sổ"]
    sheet = wb["Sổ"]
    assert sheet["A1"].value == "Số thứ tự" and sheet.max_column == 9
    assert sheet["C3"].value == "09/SGDĐT-KT"


def test_lists_page_searches_without_diacritics(client_for, lists) -> None:
    body = client_for("cv.khaothi").get("/so-dang-ky/danh-muc/?q=dap+an").content.decode()
    assert "Đề thi chính thức, đề thi dự bị" in body
    assert "Báo cáo, tờ trình" not in body
