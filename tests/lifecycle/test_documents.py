"""Every decision and minutes renders as a Vietnamese administrative document, PDF and DOCX."""

from __future__ import annotations

import io
from typing import Any

import pytest
from docx import Document
from pypdf import PdfReader

from bmnn.lifecycle import documents
from bmnn.lifecycle.models import Minutes
from bmnn.lifecycle.services import councils, declassification, extension
from bmnn.lifecycle.services.councils import MemberInput
from tests.lifecycle.conftest import person

pytestmark = pytest.mark.django_db


def _pdf_text(data: bytes) -> str:
    return " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages).split())


def _docx_text(data: bytes) -> str:
    doc = Document(io.BytesIO(data))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            parts += [c.text for c in row.cells]
    return " ".join(" ".join(parts).split())


def _both(doc: documents.Doc) -> list[str]:
    return [_pdf_text(documents.render_pdf(doc)), _docx_text(documents.render_docx(doc))]


def test_extension_decision_pdf_and_docx(demo: dict[str, Any], determined: Any) -> None:
    ext = extension.propose_extension(demo["cv.khaothi"], determined, years=5, reason="Còn giá trị")
    ext = extension.decide_extension(demo["gd.giaoduc"], ext, approve=True, decision_number="05/QĐ-SGDĐT")
    for text in _both(documents.extension_decision(ext)):
        assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text and "Độc lập - Tự do - Hạnh phúc" in text
        assert "Số: 05/QĐ-SGDĐT" in text and "QUYẾT ĐỊNH" in text
        assert "gia hạn thời hạn bảo vệ bí mật nhà nước" in text
        assert f"{ext.new_expiry:%d/%m/%Y}" in text and "5 năm" in text
        assert "Nơi nhận" in text and "Hồ Thị Oanh" in text
        assert "SỞ GIÁO DỤC" in text.upper()


def test_declassification_council_minutes_and_decision(demo: dict[str, Any], determined: Any) -> None:
    decl = declassification.propose_declassification(
        demo["cv.khaothi"],
        determined,
        ground="national_interest",
        reason="Công bố đề thi",
        partial=True,
        declassified_content="Phần I: đề bài",
    )
    council = declassification.form_declassification_council(
        demo["gd.giaoduc"],
        decl,
        decision_number="10/QĐ-SGDĐT",
        chair=person(demo, "gd.giaoduc"),
        members=[MemberInput(name="Đặng Thu Hà", body="Sở Nội vụ", role="Ủy viên")],
    )
    councils.record_minutes(
        demo["gd.giaoduc"], council, content="Xem xét đề thi", conclusion="Giải mật phần I"
    )
    decl = declassification.decide_declassification(
        demo["gd.giaoduc"], decl, approve=True, decision_number="11/QĐ-SGDĐT"
    )
    for text in _both(documents.council_decision(council)):
        assert "Số: 10/QĐ-SGDĐT" in text and "Hội đồng giải mật" in text and "Đặng Thu Hà" in text
    for text in _both(documents.minutes_doc(Minutes.objects.get())):
        assert "BIÊN BẢN" in text and "Giải mật phần I" in text and "CHỦ TỊCH HỘI ĐỒNG" in text
    for text in _both(documents.declassification_decision(decl)):
        assert "Số: 11/QĐ-SGDĐT" in text and "giải mật một phần" in text and "Phần I: đề bài" in text
        assert "GIẢI MẬT" in text and f"Từ: {decl.decided_on:%d/%m/%Y}" in text
