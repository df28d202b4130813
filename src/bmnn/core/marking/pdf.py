"""``mark_pdf``: stamp every page of a PDF with the level box, number, copy number and footer.

The marks are drawn with reportlab into an overlay PDF (one page per input page, same size) and
merged onto the input with pypdf. By default each page's content is first scaled down (and kept
centred) so that the mark band at the top and the footer band at the bottom never cover the original
text; ``shrink=False`` draws over the margins instead.
"""

from __future__ import annotations

import datetime as dt
import io
import logging
from collections.abc import Sequence
from pathlib import Path

from bmnn.core.marking.errors import MarkingError
from bmnn.core.marking.fonts import register_fonts
from bmnn.core.marking.overlay import DEFAULT_LAYOUT, MM, MarkLayout, draw_marks, top_band_height
from bmnn.rules.levels import Level
from bmnn.rules.marks import Stamp, copy_number_mark, level_stamp

MAX_PAGES = 5000
MAX_BYTES = 512 * 1024 * 1024


def _read_input(pdf: bytes | str | Path) -> bytes:
    if isinstance(pdf, bytes | bytearray | memoryview):
        return bytes(pdf)
    path = Path(pdf)
    try:
        if path.stat().st_size > MAX_BYTES:
            raise MarkingError("Tệp PDF quá lớn để đóng dấu.")
        return path.read_bytes()
    except OSError as exc:
        raise MarkingError(f"Không đọc được tệp PDF {path.name}: {exc.strerror}.") from exc


def _regime_lines(marks: Sequence[str | Stamp] | None) -> list[str]:
    lines: list[str] = []
    for mark in marks or ():
        lines.extend(mark.lines if isinstance(mark, Stamp) else [str(mark)])
    return [line for line in (x.strip() for x in lines) if line]


def _open_reader(data: bytes):  # type: ignore[no-untyped-def]
    from pypdf import PdfReader

    if not data.lstrip()[:5].startswith(b"%PDF"):
        raise MarkingError("Tệp không phải PDF (thiếu phần đầu %PDF).")
    reader = PdfReader(io.BytesIO(data), strict=False)
    if reader.is_encrypted:
        raise MarkingError(
            "Tệp PDF đang được đặt mật khẩu hoặc mã hoá nên không thể đóng dấu. "
            "Hãy lưu lại bản PDF không đặt mật khẩu rồi thử lại."
        )
    count = len(reader.pages)
    if count == 0:
        raise MarkingError("Tệp PDF không có trang nào.")
    if count > MAX_PAGES:
        raise MarkingError(f"Tệp PDF có {count} trang, vượt giới hạn {MAX_PAGES} trang.")
    return reader


def mark_pdf(
    pdf: bytes | str | Path,
    *,
    level: Level | str,
    number_symbol: str,
    copy_number: int | None = None,
    footer_text: str,
    regime_marks: Sequence[str | Stamp] | None = None,
    on: dt.date | None = None,
    shrink: bool = True,
    layout: MarkLayout = DEFAULT_LAYOUT,
) -> bytes:
    """Return a new PDF: every page carries the number/symbol, the red level box below it (box 10a),
    the copy number when ``copy_number`` is given, ``regime_marks`` under the box, and ``footer_text``.

    Stamp sizes and wording come from ``bmnn.rules`` for the regime in force ``on`` (default today).
    Raises :class:`MarkingError` (Vietnamese) for any input that cannot be marked; never anything else
    for a bad PDF.
    """
    on = on or dt.date.today()
    try:
        stamp = level_stamp(Level.parse(level), on)
    except ValueError as exc:
        raise MarkingError(f"Độ mật không hợp lệ: {level!r} (chỉ nhận MẬT, TỐI MẬT, TUYỆT MẬT).") from exc
    copy_mark = None
    if copy_number is not None:
        if not isinstance(copy_number, int) or copy_number < 1:
            raise MarkingError("Số bản sao phải là số nguyên từ 1 trở lên.")
        copy_mark = copy_number_mark(copy_number, on)
    lines = _regime_lines(regime_marks)
    fonts = register_fonts()
    data = _read_input(pdf)
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        return _merge(data, stamp, number_symbol, copy_mark, lines, footer_text, fonts, shrink, layout)
    except MarkingError:
        raise
    except Exception as exc:  # any parser failure on untrusted input (RecursionError too) is a refusal
        raise MarkingError(
            f"Tệp PDF bị hỏng hoặc không đọc được nên không thể đóng dấu ({type(exc).__name__})."
        ) from exc


def _merge(
    data: bytes,
    stamp: Stamp,
    number_symbol: str,
    copy_mark: Stamp | None,
    lines: list[str],
    footer_text: str,
    fonts: tuple[str, str],
    shrink: bool,
    layout: MarkLayout,
) -> bytes:
    from pypdf import PdfReader, PdfWriter, Transformation
    from reportlab.pdfgen.canvas import Canvas

    reader = _open_reader(data)
    writer = PdfWriter(clone_from=reader)
    boxes = []
    buffer = io.BytesIO()
    canvas = Canvas(buffer)
    canvas.setTitle("bmnn marks")
    for page in writer.pages:
        page.transfer_rotation_to_content()
        box = page.cropbox
        width, height = float(box.width), float(box.height)
        if width < 50 * MM or height < 50 * MM:
            raise MarkingError("Trang PDF quá nhỏ để đóng dấu độ mật.")
        boxes.append((float(box.left), float(box.bottom), width, height))
        canvas.setPageSize((width, height))
        draw_marks(
            canvas,
            page_width=width,
            page_height=height,
            fonts=fonts,
            level=stamp,
            number_symbol=number_symbol,
            copy_mark=copy_mark,
            regime_lines=lines,
            footer_text=footer_text,
            layout=layout,
        )
        canvas.showPage()
    canvas.save()
    overlay = PdfReader(io.BytesIO(buffer.getvalue()))
    top = top_band_height(stamp, len(lines), layout)
    bottom = layout.footer_band * MM
    for page, (left, low, width, height), mark in zip(writer.pages, boxes, overlay.pages, strict=True):
        if shrink:
            scale = (height - top - bottom) / height
            dx = left + width * (1 - scale) / 2 - left * scale
            dy = low + bottom - low * scale
            page.add_transformation(Transformation().scale(scale, scale).translate(dx, dy))
        page.merge_transformed_page(mark, Transformation().translate(left, low))
        page.compress_content_streams()
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
