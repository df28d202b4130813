"""The register as an XLSX workbook: a cover sheet and the register sheet with the form's columns."""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from bmnn.registry.printing.layout import Cover, Layout


def _d(value: object) -> str:
    return value.strftime("%d/%m/%Y") if hasattr(value, "strftime") else ""


def render(lay: Layout, cover: Cover, rows: list[list[str]]) -> bytes:
    wb = Workbook()
    front = wb.active
    front.title = "Bìa"
    for line in (
        (f"Mẫu số {lay.form}",),
        ("Cơ quan cấp trên trực tiếp", cover.superior),
        ("Cơ quan", cover.agency),
        ("Sổ", lay.title),
        ("Năm", cover.year),
        ("Từ ngày", _d(cover.start)),
        ("Đến ngày", _d(cover.end)),
        ("Từ số", cover.first or ""),
        ("Đến số", cover.last or ""),
        ("Quyển số", cover.book),
    ):
        front.append(list(line))
    front.column_dimensions["A"].width = 30
    front.column_dimensions["B"].width = 60
    sheet = wb.create_sheet("Sổ")
    sheet.append([c.header for c in lay.columns])
    sheet.append([f"({i})" for i in range(1, len(lay.columns) + 1)])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for row in rows:
        sheet.append(row)
    for index, col in enumerate(lay.columns):
        sheet.column_dimensions[chr(ord("A") + index)].width = col.width * 0.6
    sheet.freeze_panes = "A3"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
