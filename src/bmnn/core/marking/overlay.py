"""Geometry and drawing of the marks (reportlab). Coordinates are PDF points, origin bottom-left.

Layout of the mark band at the top of every page (Decree 30/2020 App. I box 10a; spec §19):

    Số: <number/symbol>                                     ┌──────────────┐
    ╔════════════╗   <- level box, directly below            │ BẢN SAO SỐ 01│  (copies only)
    ║ TUYỆT MẬT  ║      the number/symbol line, left         └──────────────┘
    ╚════════════╝
    <regime marks, one per line, red>            (e.g. XEM XONG TRẢ LẠI — box 11)
    ...
    Tải xuống bởi <name> lúc <dd/mm/yyyy HH:MM> — <item id>         <- footer, every page
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.lib.colors import Color
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from bmnn.rules.marks import Stamp

MM = 72 / 25.4
RED = Color(0.86, 0.0, 0.0)
BLACK = Color(0, 0, 0)
GREY = Color(0.25, 0.25, 0.25)


@dataclass(frozen=True)
class MarkLayout:
    """Distances in millimetres. Defaults follow Decree 30 margins (left 30 mm, top 20 mm) loosely."""

    left: float = 25.0
    right: float = 15.0
    number_baseline_from_top: float = 10.0
    gap_below_number: float = 2.5
    regime_line: float = 5.0
    band_padding: float = 3.0
    footer_baseline: float = 6.0
    footer_band: float = 10.0
    stamp_font_size: float = 13.0
    number_font_size: float = 13.0
    footer_font_size: float = 9.0
    border_gap: float = 1.0
    line_width: float = 0.8  # points
    text_padding: float = 2.0  # from the outer border (§15.2)


DEFAULT_LAYOUT = MarkLayout()


@dataclass(frozen=True)
class Box:
    x: float
    y: float
    width: float
    height: float

    @property
    def top(self) -> float:
        return self.y + self.height


def level_box(level: Stamp, page_height: float, layout: MarkLayout = DEFAULT_LAYOUT) -> Box:
    """Where the level box goes on a page of ``page_height`` points (left, below the number line)."""
    width, height = level.width_mm * MM, level.height_mm * MM
    top = page_height - (layout.number_baseline_from_top + layout.gap_below_number) * MM
    return Box(layout.left * MM, top - height, width, height)


def top_band_height(level: Stamp, regime_lines: int, layout: MarkLayout = DEFAULT_LAYOUT) -> float:
    """Height in points of the band the marks occupy at the top of the page."""
    below = level.height_mm + regime_lines * layout.regime_line + layout.band_padding
    return (layout.number_baseline_from_top + layout.gap_below_number + below) * MM


def _fit_size(text: str, font: str, size: float, width: float) -> float:
    while size > 5 and stringWidth(text, font, size) > width:
        size -= 0.5
    return size


def _double_box(canvas: Canvas, box: Box, layout: MarkLayout) -> None:
    gap = layout.border_gap * MM
    canvas.rect(box.x, box.y, box.width, box.height, stroke=1, fill=0)
    canvas.rect(box.x + gap, box.y + gap, box.width - 2 * gap, box.height - 2 * gap, stroke=1, fill=0)


def _centred(canvas: Canvas, text: str, font: str, size: float, box: Box) -> None:
    size = _fit_size(text, font, size, box.width - 2 * 2.0 * MM)
    canvas.setFont(font, size)
    # Optical vertical centring: cap height of Liberation Serif is about 0.66 em.
    baseline = box.y + (box.height - 0.66 * size) / 2
    canvas.drawCentredString(box.x + box.width / 2, baseline, text)


def draw_marks(
    canvas: Canvas,
    *,
    page_width: float,
    page_height: float,
    fonts: tuple[str, str],
    level: Stamp,
    number_symbol: str,
    copy_mark: Stamp | None,
    regime_lines: Sequence[str],
    footer_text: str,
    layout: MarkLayout = DEFAULT_LAYOUT,
) -> None:
    """Draw every mark of one page on ``canvas`` (whose page is ``page_width`` × ``page_height``)."""
    regular, bold = fonts
    usable = page_width - (layout.left + layout.right) * MM
    # Number/symbol line (black, like the document's own "Số:" line).
    number = f"Số: {number_symbol}"
    canvas.setFillColor(BLACK)
    canvas.setFont(regular, _fit_size(number, regular, layout.number_font_size, usable * 0.6))
    canvas.drawString(layout.left * MM, page_height - layout.number_baseline_from_top * MM, number)
    # Level box (red, double border), directly below the number line.
    box = level_box(level, page_height, layout)
    canvas.setStrokeColor(RED)
    canvas.setFillColor(RED)
    canvas.setLineWidth(layout.line_width)
    _double_box(canvas, box, layout)
    _centred(canvas, level.text, bold, layout.stamp_font_size, box)
    # Regime marks under the box (circulation instructions and the like).
    y = box.y - (layout.regime_line - 0.5) * MM
    for line in regime_lines:
        canvas.setFont(bold, _fit_size(line, bold, 11, usable * 0.6))
        canvas.drawString(layout.left * MM, y, line)
        y -= layout.regime_line * MM
    # Copy number, top right, single border.
    if copy_mark is not None:
        text = " ".join(copy_mark.lines)
        size = layout.stamp_font_size
        width = stringWidth(text, bold, size) + 2 * layout.text_padding * MM
        copy_box = Box(page_width - layout.right * MM - width, box.top - 8 * MM, width, 8 * MM)
        canvas.rect(copy_box.x, copy_box.y, copy_box.width, copy_box.height, stroke=1, fill=0)
        _centred(canvas, text, bold, size, copy_box)
    # Footer on every page.
    canvas.setFillColor(GREY)
    size = _fit_size(footer_text, regular, layout.footer_font_size, usable)
    canvas.setFont(regular, size)
    canvas.drawString(layout.left * MM, layout.footer_baseline * MM, footer_text)


def download_footer(who: str, when: dt.datetime, item_id: str) -> str:
    """ "Tải xuống bởi <who> lúc <dd/mm/yyyy HH:MM> — <item id>", time in Asia/Ho_Chi_Minh."""
    from zoneinfo import ZoneInfo

    if when.tzinfo is not None:
        when = when.astimezone(ZoneInfo("Asia/Ho_Chi_Minh"))
    return f"Tải xuống bởi {who} lúc {when:%d/%m/%Y %H:%M} — {item_id}"
