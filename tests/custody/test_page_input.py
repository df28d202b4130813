"""Custody pages keep what was typed when an act is refused or a value is malformed, and filter the
handover register by level and text (PDF and XLSX follow the same filters)."""

from __future__ import annotations

import io
from typing import Any

import pytest
from pypdf import PdfReader

from bmnn.core.audit.models import AuditEvent
from bmnn.custody.models import EnvelopeOpening, Handover
from tests.custody.conftest import hand_to_head_of_exams, incoming, person


@pytest.mark.django_db
def test_refused_opening_keeps_the_typed_content(demo: dict[str, Any], client_as: Any) -> None:
    entry = incoming(
        demo, "88/BGDĐT", envelope_level="TOI_MAT", named_recipient=person("tp.khaothi"), named_only=True
    )
    named = client_as("tp.khaothi")
    assert named.post(f"/luu-giu/den/{entry.pk}/boc-bi/", {"summary": "Đề thi dự phòng"}).status_code == 302
    again = named.post(f"/luu-giu/den/{entry.pk}/boc-bi/", {"summary": "Nội dung gõ lần hai"})
    page = again.content.decode()
    assert again.status_code == 200 and "R-TX-7" in page and "Nội dung gõ lần hai" in page
    assert EnvelopeOpening.objects.count() == 1
    assert AuditEvent.objects.filter(action="custody.envelope.open.refused").count() == 1


@pytest.mark.django_db
def test_refused_transfer_keeps_the_form(demo: dict[str, Any], determined: Any, client_as: Any) -> None:
    director = client_as("gd.giaoduc")  # neither the holder nor registry staff
    response = director.post(
        f"/luu-giu/tai-lieu/{determined.pk}/chuyen-giao/",
        {"to_person": person("tp.khaothi").pk, "receipt_kind": "receipt", "receipt_no": "BN-77"},
    )
    page = response.content.decode()
    assert response.status_code == 200 and "R-TX-5" in page and 'value="BN-77"' in page
    # Malformed ids are form errors, not 500s.
    response = client_as("cv.khaothi").post(
        f"/luu-giu/tai-lieu/{determined.pk}/chuyen-giao/",
        {"to_person": "abc", "copy": "x", "receipt_kind": "nope", "receipt_no": "BN-78"},
    )
    assert response.status_code == 200 and 'value="BN-78"' in response.content.decode()
    assert not Handover.objects.exists()


@pytest.mark.django_db
def test_handover_register_filters(demo: dict[str, Any], determined: Any, client_as: Any) -> None:
    hand_to_head_of_exams(demo, determined, receipt_no="BN-501", note="Giao để rà soát")
    year = Handover.objects.get().year
    clerk = client_as("vanthu.giaoduc")
    page = clerk.get(f"/luu-giu/so-chuyen-giao/?year={year}&level=TOI_MAT&q=rà soát").content.decode()
    assert "BN-501" in page
    assert "BN-501" not in clerk.get(f"/luu-giu/so-chuyen-giao/?year={year}&level=MAT").content.decode()
    assert "BN-501" not in clerk.get(f"/luu-giu/so-chuyen-giao/?year={year}&q=zzz").content.decode()
    # Bad values fall back (this year, any level) instead of failing.
    assert clerk.get("/luu-giu/so-chuyen-giao/?year=abc&level=<x>").status_code == 200
    body = clerk.get(f"/luu-giu/so-chuyen-giao/in.pdf?year={year}&level=MAT").content
    text = " ".join(PdfReader(io.BytesIO(body)).pages[-1].extract_text().split())
    assert "BN-501" not in text
    body = clerk.get(f"/luu-giu/so-chuyen-giao/in.pdf?year={year}&level=TOI_MAT").content
    assert "BN-501" in " ".join(PdfReader(io.BytesIO(body)).pages[-1].extract_text().split())
