"""The receiver's signature captured on screen is drawn in the Form 16 PDF as vector lines in the "Ký nhận"
cell (parsed from moves and lines only; nothing else of SVG is read or embedded); the XLSX keeps the words
"Đã ký trên màn hình"."""

from __future__ import annotations

import io
from typing import Any

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm

from bmnn.custody import printing, signature
from bmnn.custody.models import Handover
from bmnn.registry.printing import pdf
from tests.custody.conftest import hand_to_head_of_exams


def _receipt_cell_x() -> tuple[float, float]:
    """The x range of the "Ký nhận" column on the register's landscape A4 page (12 mm margins)."""
    columns = printing.HANDOVER_LAYOUT.columns
    usable = landscape(A4)[0] - 24 * mm
    total = sum(c.width for c in columns)
    left = 12 * mm + usable * sum(c.width for c in columns[: printing.RECEIPT_COLUMN]) / total
    return left, left + usable * columns[printing.RECEIPT_COLUMN].width / total


def _path_points(body: bytes) -> list[tuple[str, float, float]]:
    """Every ``m``/``l`` path operator of the register's table page, in page coordinates."""
    found: list[tuple[str, float, float]] = []

    def visit(op: bytes, args: list[Any], cm: list[float], tm: list[float]) -> None:
        if op in (b"m", b"l"):
            x, y = float(args[0]), float(args[1])
            found.append((op.decode(), cm[0] * x + cm[2] * y + cm[4], cm[1] * x + cm[3] * y + cm[5]))

    PdfReader(io.BytesIO(body)).pages[1].extract_text(visitor_operand_before=visit)
    return found


def _polyline_points(ops: list[tuple[str, float, float]]) -> list[tuple[float, float]]:
    """Points of paths with more than one line segment (the table's rules are single segments)."""
    points, run = [], []  # type: ignore[var-annotated]
    for op, x, y in [*ops, ("m", 0.0, 0.0)]:
        if op == "m":
            if len(run) > 2:
                points += run
            run = [(x, y)]
        else:
            run.append((x, y))
    return points


def test_strokes_read_moves_and_lines_only() -> None:
    assert signature.strokes("M 1 2 L 3 4 L 5 6 M 10 10 l 2 2") == [
        [(1.0, 2.0), (3.0, 4.0), (5.0, 6.0)],
        [(10.0, 10.0), (12.0, 12.0)],
    ]
    for bad in ("<svg onload='x()'><path d='M 0 0 L 9 9'/></svg>", "M 1", "1 2 L 3 4", "M 5 5", ""):
        assert signature.strokes(bad) == [] and signature.drawing(bad, 80, 30) is None


@pytest.mark.django_db
def test_form_16_pdf_draws_the_signature_in_its_cell(demo: dict[str, Any], determined: Any) -> None:
    hand_to_head_of_exams(
        demo,
        determined,
        receipt_kind="signature",
        signature_svg="M 10 100 L 60 20 L 110 120 L 160 30 L 230 90",
        acknowledged_by_name="Người Nhận",
    )
    lines = list(Handover.objects.all())
    cover = printing.handover_cover(determined.agency, lines[0].year, lines)
    body = pdf.render(printing.HANDOVER_LAYOUT, cover, printing.handover_pdf_rows(lines))
    drawn = _polyline_points(_path_points(body))
    left, right = _receipt_cell_x()
    assert len(drawn) == 5 and all(left <= x <= right for x, _ in drawn)
    text = " ".join(PdfReader(io.BytesIO(body)).pages[1].extract_text().split())
    assert "Đã ký trên màn hình" in text and "Người Nhận" in text
    # The same line with a printed receipt: no signature drawn.
    Handover.objects.update(receipt_kind="receipt", receipt_no="BN-7", signature_svg="")
    plain = pdf.render(printing.HANDOVER_LAYOUT, cover, printing.handover_pdf_rows(Handover.objects.all()))
    assert _polyline_points(_path_points(plain)) == []
    sheet = printing.handover_rows(lines)
    assert "Đã ký trên màn hình" in sheet[0][printing.RECEIPT_COLUMN]


@pytest.mark.django_db
def test_a_stored_non_path_is_never_embedded(demo: dict[str, Any], determined: Any, client_as: Any) -> None:
    hand_to_head_of_exams(demo, determined, receipt_kind="signature", signature_svg="M 0 0 L 5 5")
    # A line written around the service (old data, a restored backup) holding arbitrary SVG.
    evil = "<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script><path d='M 0 0 L 9 9'/></svg>"
    Handover.objects.update(signature_svg=evil)
    response = client_as("vanthu.giaoduc").get("/luu-giu/so-chuyen-giao/in.pdf")
    assert response.status_code == 200
    assert b"alert(1)" not in response.content and b"<svg" not in response.content
    assert b"/XObject" not in response.content  # no image or form embedded
    assert _polyline_points(_path_points(response.content)) == []
    text = " ".join(PdfReader(io.BytesIO(response.content)).pages[1].extract_text().split())
    assert "Đã ký trên màn hình" in text
    rows = list(
        load_workbook(io.BytesIO(client_as("vanthu.giaoduc").get("/luu-giu/so-chuyen-giao/in.xlsx").content))[
            "Sổ"
        ].iter_rows(values_only=True)
    )
    assert "Đã ký trên màn hình" in rows[2][printing.RECEIPT_COLUMN]
