"""Sample PDFs for the marking tests, drawn with reportlab."""

from __future__ import annotations

import io
import unicodedata

import pytest
from pypdf import PdfReader, PdfWriter
from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfgen.canvas import Canvas

from bmnn.core.marking.fonts import register_fonts
from bmnn.core.marking.overlay import MM


def sample_pdf(pages: int = 3, *, rotate: int = 0, size: tuple[float, float] = A4) -> bytes:
    regular, _ = register_fonts()
    buf = io.BytesIO()
    canvas = Canvas(buf, pagesize=size)
    _, height = size
    for number in range(1, pages + 1):
        canvas.setFont(regular, 13)
        canvas.drawCentredString(55 * MM, height - 20 * MM, "UBND TỈNH SÔNG HỒNG")
        canvas.drawCentredString(55 * MM, height - 27 * MM, "Số: 12/QĐ-UBND")
        for line in range(30):
            canvas.drawString(30 * MM, height - 45 * MM - line * 7 * MM, f"Trang {number} dòng {line + 1}")
        canvas.showPage()
    canvas.save()
    if not rotate:
        return buf.getvalue()
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(buf.getvalue())))
    for page in writer.pages:
        page.rotate(rotate)  # sets /Rotate: viewers show the page turned
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


@pytest.fixture
def pdf_bytes() -> bytes:
    return sample_pdf()


@pytest.fixture
def landscape_pdf() -> bytes:
    return sample_pdf(2, size=landscape(A4))
