"""Custody pages: sending through the form, labels, Form 16 and Form 15 printing (PDF and XLSX with the
recorded fields), incoming detail for the named person, timeline, locations; invisible objects → 404."""

from __future__ import annotations

import io
from typing import Any

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from bmnn.custody.models import Dispatch, Handover, Location
from tests.custody.conftest import incoming, person


def _text(pdf: bytes) -> str:
    return " ".join(" ".join((p.extract_text() or "") for p in PdfReader(io.BytesIO(pdf)).pages).split())


def _sheet(body: bytes) -> list[list[Any]]:
    return [list(r) for r in load_workbook(io.BytesIO(body))["Sổ"].iter_rows(values_only=True)]


@pytest.mark.django_db
def test_dispatch_page_labels_and_form_16_print(
    demo: dict[str, Any], top_secret: Any, client_as: Any
) -> None:
    client = client_as("vanthu")
    page = client.get("/luu-giu/")
    assert f"/luu-giu/gui/{top_secret.pk}/" in page.content.decode()
    form = client.get(f"/luu-giu/gui/{top_secret.pk}/").content.decode()
    assert "TUYỆT MẬT" in form and "data-signature" in form
    bad = client.post(
        f"/luu-giu/gui/{top_secret.pk}/", {"recipient": "Bộ Công an", "receipt_kind": "receipt"}
    )
    assert bad.status_code == 200 and "R-TX-5" in bad.content.decode() and not Dispatch.objects.exists()
    response = client.post(
        f"/luu-giu/gui/{top_secret.pk}/",
        {
            "recipient": "Bộ Công an",
            "address": "44 Yết Kiêu, Hà Nội",
            "to_party": "Giao liên Văn phòng",
            "receipt_kind": "signature",
            "signature_svg": "M 1 2 L 30 40 L 60 10",
            "acknowledged_by_name": "Trần Giao Liên",
        },
    )
    sent = Dispatch.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/luu-giu/phieu-gui/{sent.pk}/"
    labels = client.get(f"/luu-giu/phieu-gui/{sent.pk}/nhan-bi.pdf")
    assert (
        labels["Content-Type"] == "application/pdf" and len(PdfReader(io.BytesIO(labels.content)).pages) == 2
    )

    pdf = client.get("/luu-giu/so-chuyen-giao/in.pdf")
    text = _text(pdf.content)
    assert "SỔ CHUYỂN GIAO BÍ MẬT NHÀ NƯỚC" in text and "Mẫu số 16" in text
    for value in (
        "05/BC-UBND",
        "Tuyệt mật",
        "Gửi đi",
        "Trần Thị Bình",
        "Giao liên Văn phòng",
        "Trần Giao Liên",
    ):
        assert value in text, value
    rows = _sheet(client.get("/luu-giu/so-chuyen-giao/in.xlsx").content)
    assert rows[0][0] == "Số thứ tự" and rows[2][0] == "1"
    assert (
        "05/BC-UBND" in rows[2][2] and "Giao liên Văn phòng" in rows[2][6] and "Trần Giao Liên" in rows[2][7]
    )
    # Someone who may not see the item gets 404 on its dispatch and labels, and an empty Form 16.
    other = client_as("vanthu.giaoduc")
    assert other.get(f"/luu-giu/phieu-gui/{sent.pk}/nhan-bi.pdf").status_code == 404
    assert other.get(f"/luu-giu/gui/{top_secret.pk}/").status_code == 404
    assert "05/BC-UBND" not in _text(other.get("/luu-giu/so-chuyen-giao/in.pdf").content)


@pytest.mark.django_db
def test_incoming_register_prints_recall_fields(demo: dict[str, Any], client_as: Any) -> None:
    entry = incoming(demo, "77/BGDĐT", summary="Tài liệu tập huấn", recall_mark=True, return_within_days=7)
    client = client_as("vanthu.giaoduc")
    text = _text(client.get(f"/so-dang-ky/so/in/in.pdf?year={entry.year}").content)
    assert "TÀI LIỆU THU HỒI" in text and entry.return_due_on.strftime("%d/%m/%Y") in text
    rows = _sheet(client.get(f"/so-dang-ky/so/in/in.xlsx?year={entry.year}").content)
    assert "TÀI LIỆU THU HỒI" in rows[2][-1]
    response = client.post(
        f"/luu-giu/den/{entry.pk}/tra-lai/", {"receipt_kind": "receipt", "receipt_no": "TH-9"}
    )
    assert response.status_code == 302
    entry.refresh_from_db()
    rows = _sheet(client.get(f"/so-dang-ky/so/in/in.xlsx?year={entry.year}").content)
    assert entry.returned_on.strftime("%d/%m/%Y") in rows[2][-1]


@pytest.mark.django_db
def test_named_person_page_and_clerk_sees_only_outer_marks(demo: dict[str, Any], client_as: Any) -> None:
    entry = incoming(
        demo, "88/BGDĐT", envelope_level="TOI_MAT", named_recipient=person("tp.khaothi"), named_only=True
    )
    clerk = client_as("vanthu.giaoduc").get(f"/luu-giu/den/{entry.pk}/").content.decode()
    assert "88/BGDĐT" in clerk and 'data-testid="sealed"' in clerk and 'data-testid="open"' not in clerk
    refused = client_as("vanthu.giaoduc").post(f"/luu-giu/den/{entry.pk}/boc-bi/", {"summary": "x"})
    assert refused.status_code == 200 and "R-TX-7" in refused.content.decode()
    named = client_as("tp.khaothi")
    assert 'data-testid="open"' in named.get(f"/luu-giu/den/{entry.pk}/").content.decode()
    named.post(f"/luu-giu/den/{entry.pk}/boc-bi/", {"summary": "Đề thi dự phòng"})
    page = named.get(f"/luu-giu/den/{entry.pk}/").content.decode()
    assert "Đề thi dự phòng" in page and 'data-testid="opened"' in page
    assert client_as("cv.khaothi").get(f"/luu-giu/den/{entry.pk}/").status_code == 404


@pytest.mark.django_db
def test_locations_transfer_move_and_timeline(demo: dict[str, Any], determined: Any, client_as: Any) -> None:
    officer = client_as("baomat")
    assert (
        officer.post(
            "/luu-giu/noi-cat-giu/", {"name": "Két sắt 1", "kind": "safe", "code": "K1", "active": "on"}
        ).status_code
        == 302
    )
    assert Location.objects.get().agency_id == person("baomat").agency_id
    clerk = client_as("vanthu.giaoduc")
    refused = clerk.post("/luu-giu/noi-cat-giu/", {"name": "Tủ", "kind": "cabinet", "active": "on"})
    assert "CUSTODY-LOCATION" in refused.content.decode() and Location.objects.count() == 1
    safe = Location.objects.create(agency_id=determined.agency_id, name="Két Sở GD", code="GD1")
    response = clerk.post(
        f"/luu-giu/tai-lieu/{determined.pk}/chuyen-giao/",
        {
            "to_person": person("tp.khaothi").pk,
            "to_location": safe.pk,
            "receipt_kind": "receipt",
            "receipt_no": "BN-1",
        },
    )
    assert response.status_code == 302
    determined.refresh_from_db()
    assert (determined.custodian_id, determined.location_id) == (person("tp.khaothi").pk, safe.pk)
    tp = client_as("tp.khaothi")
    assert (
        tp.post(
            f"/luu-giu/tai-lieu/{determined.pk}/di-chuyen/", {"to_location": "999999", "receipt_no": "x"}
        ).status_code
        == 200
    )
    timeline = tp.get(f"/luu-giu/tai-lieu/{determined.pk}/").content.decode()
    assert "Xác định độ mật" in timeline and "Sổ chuyển giao số 1/" in timeline and "Két Sở GD" in timeline
    assert Handover.objects.count() == 1
    assert client_as("vanthu").get(f"/luu-giu/tai-lieu/{determined.pk}/").status_code == 404


@pytest.mark.django_db
def test_dashboard_counts_overdue_recalls(demo: dict[str, Any], client_as: Any) -> None:
    import datetime as dt

    from django.utils import timezone

    incoming(
        demo,
        "99/BGDĐT",
        recall_mark=True,
        return_within_days=3,
        on=timezone.localdate() - dt.timedelta(days=10),
    )
    page = client_as("vanthu.giaoduc").get("/")
    assert page.status_code == 200 and "/luu-giu/thu-hoi/" in page.content.decode()
    recalls = client_as("vanthu.giaoduc").get("/luu-giu/thu-hoi/").content.decode()
    assert "99/BGDĐT" in recalls and 'class="overdue"' in recalls
