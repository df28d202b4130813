"""The register as a PDF on A4 with embedded Vietnamese fonts: a cover page, then the ruled table."""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path
from typing import TypeAlias

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (
    Flowable,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from bmnn.registry.printing.layout import Cover, Layout

FONT, FONT_BOLD = "BMNNSerif", "BMNNSerif-Bold"
_MARKING = Path(__file__).resolve().parents[2] / "core" / "marking" / "fonts"
_CANDIDATES = [
    (_MARKING / "TimesNewRoman.ttf", _MARKING / "TimesNewRoman-Bold.ttf"),
    (_MARKING / "Tinos-Regular.ttf", _MARKING / "Tinos-Bold.ttf"),
    (
        Path("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"),
        Path("/usr/share/fonts/truetype/dejavu/DejaVuSerif-Bold.ttf"),
    ),
    (
        Path("/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf"),
        Path("/usr/share/fonts/truetype/liberation/LiberationSerif-Bold.ttf"),
    ),
]
#: Every letter of Vietnamese must have a glyph (Debian's Liberation Serif lacks ư, ẫ, ỏ …).
VIETNAMESE = "ăâđêôơưĂÂĐÊÔƠƯàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ"


def _covers(font: TTFont) -> bool:
    glyphs = font.face.charToGlyph
    return all(ord(ch) in glyphs and ord(ch.upper()) in glyphs for ch in VIETNAMESE)


def _fonts() -> None:
    if FONT in pdfmetrics.getRegisteredFontNames():
        return
    for regular, bold in _CANDIDATES:
        if not (regular.exists() and bold.exists()):
            continue
        face, face_bold = TTFont(FONT, str(regular)), TTFont(FONT_BOLD, str(bold))
        if _covers(face) and _covers(face_bold):
            pdfmetrics.registerFont(face)
            pdfmetrics.registerFont(face_bold)
            return
    raise RuntimeError("no TrueType font with Vietnamese glyphs found (install fonts-dejavu-core)")


def _d(value: object) -> str:
    return value.strftime("%d/%m/%Y") if hasattr(value, "strftime") else "…"


#: A cell is text, or — for what text cannot show, like a signature drawn on screen — a flowable or a list
#: of flowables and text (drawn one under the other).
Cell: TypeAlias = "str | Flowable | list[str | Flowable]"


def render(lay: Layout, cover: Cover, rows: Sequence[Sequence[Cell]]) -> bytes:
    _fonts()
    page = landscape(A4)
    buf = io.BytesIO()
    doc = SimpleDocTemplate(
        buf,
        pagesize=page,
        leftMargin=12 * mm,
        rightMargin=12 * mm,
        topMargin=12 * mm,
        bottomMargin=12 * mm,
        title=lay.title,
        author=cover.agency,
        subject=f"Mẫu số {lay.form} Thông tư 24/2020/TT-BCA",
        initialFontName=FONT,
        initialFontSize=9,
    )
    normal = ParagraphStyle("n", fontName=FONT, fontSize=12, leading=16)
    centre = ParagraphStyle("c", parent=normal, alignment=TA_CENTER)
    big = ParagraphStyle("b", parent=centre, fontName=FONT_BOLD, fontSize=22, leading=28)
    cell = ParagraphStyle("cell", fontName=FONT, fontSize=9, leading=11)
    head = ParagraphStyle("head", parent=cell, fontName=FONT_BOLD, alignment=TA_CENTER)
    story = [
        Paragraph(f"Mẫu số {lay.form}", ParagraphStyle("r", parent=normal, alignment=2)),
        Paragraph(cover.superior.upper() or "&nbsp;", centre),
        Paragraph(f"<b>{cover.agency.upper()}</b>", centre),
        Spacer(1, 30 * mm),
        Paragraph(lay.title, big),
        Spacer(1, 8 * mm),
        Paragraph(f"Năm: {cover.year}", centre),
        Spacer(1, 12 * mm),
        Paragraph(f"Từ ngày {_d(cover.start)} đến ngày {_d(cover.end)}", centre),
        Paragraph(f"Từ số {cover.first or '…'} đến số {cover.last or '…'}", centre),
        Paragraph(f"Quyển số: {cover.book}", centre),
        PageBreak(),
    ]
    usable = page[0] - 24 * mm
    total = sum(c.width for c in lay.columns)
    widths = [usable * c.width / total for c in lay.columns]
    data = [[Paragraph(c.header, head) for c in lay.columns]]
    data.append([Paragraph(f"({i})", head) for i in range(1, len(lay.columns) + 1)])
    data += [[_flow(v, cell) for v in row] for row in rows]
    table = Table(data, colWidths=widths, repeatRows=2)
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("BACKGROUND", (0, 0), (-1, 1), colors.whitesmoke),
            ]
        )
    )
    story.append(table)
    doc.build(story)
    return buf.getvalue()


def _flow(value: Cell, style: ParagraphStyle) -> Flowable | list[Flowable]:
    if isinstance(value, str):
        return Paragraph(_escape(value), style)
    if isinstance(value, Flowable):
        return value
    return [Paragraph(_escape(v), style) if isinstance(v, str) else v for v in value]


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
