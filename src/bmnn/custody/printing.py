"""Printing of the custody app: envelope labels (R-TX-3/R-TX-4, marks in the colour the rules give), the
handover register (Form 16) through the registry's PDF/XLSX renderers, and the notice to a sender."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable

from django.utils import timezone
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas

from bmnn.core.marking.fonts import register_fonts
from bmnn.custody import signature
from bmnn.custody.models import Dispatch, Handover, SenderNotice
from bmnn.organizations.models import Agency
from bmnn.registry.printing.layout import Column, Cover, Layout
from bmnn.registry.printing.pdf import Cell
from bmnn.rules import Level, level_stamp, stamp
from bmnn.rules.dates import fmt

ENVELOPE = (220 * mm, 110 * mm)  # DL
ROLE_TITLES = {"inner": "BÌ TRONG", "outer": "BÌ NGOÀI", "single": "BÌ THƯ"}
SEAL = "NIÊM PHONG (dấu cơ quan)"
_COLOURS = {"red": colors.red, "black": colors.black}


def _colour(name: str) -> colors.Color:
    return _COLOURS.get(name.strip().lower(), colors.red)


def envelope_labels(dispatch: Dispatch) -> bytes:
    """One page per envelope of the dispatch's plan: the inner envelope with the number and symbol, the
    recipient, the level stamp (red, double border), the seal and the named-recipient mark; the outer
    envelope with the ordinary address and the letter only."""
    regular, bold = register_fonts()
    on = dispatch.dispatched_on
    level = Level[dispatch.level]
    level_mark = level_stamp(level, on)
    letter_mark = stamp("LETTER", on)
    named_mark = stamp("NAMED", on)
    buf = io.BytesIO()
    pdf = canvas.Canvas(buf, pagesize=ENVELOPE, pageCompression=1)
    pdf.setTitle(f"Nhãn bì {dispatch.number_symbol or dispatch.pk}")
    pdf.setAuthor(dispatch.agency.name)
    width, height = ENVELOPE
    for envelope in dispatch.envelopes:
        role = envelope["role"]
        pdf.setFillColor(colors.black)
        pdf.setFont(regular, 8)
        pdf.drawRightString(width - 8 * mm, height - 6 * mm, ROLE_TITLES.get(role, role))
        # Sender (ordinary letter heading).
        pdf.setFont(bold, 10)
        pdf.drawString(10 * mm, height - 12 * mm, dispatch.agency.name.upper())
        y = height - 40 * mm
        for mark in envelope["marks"]:
            if mark == level_mark.text:
                _boxed(
                    pdf,
                    bold,
                    mark,
                    10 * mm,
                    height - 30 * mm,
                    level_mark.width_mm,
                    level_mark.height_mm,
                    _colour(level_mark.colour),
                )
            elif mark == dispatch.letter:
                _letter(pdf, bold, mark, width - 30 * mm, height - 28 * mm, _colour(letter_mark.colour))
            elif mark == named_mark.text:
                pdf.setFillColor(_colour(named_mark.colour))
                pdf.setFont(bold, 11)
                pdf.drawString(10 * mm, 12 * mm, mark)
            elif mark == SEAL:
                pdf.setStrokeColor(colors.grey)
                pdf.setDash(2, 2)
                pdf.circle(width - 35 * mm, 25 * mm, 14 * mm)
                pdf.setDash()
                pdf.setFillColor(colors.grey)
                pdf.setFont(regular, 7)
                pdf.drawCentredString(width - 35 * mm, 24 * mm, "Niêm phong (dấu cơ quan)")
            elif mark == dispatch.number_symbol:
                pdf.setFillColor(colors.black)
                pdf.setFont(regular, 11)
                pdf.drawString(10 * mm, y, f"Số: {mark}")
                y -= 7 * mm
            else:
                pdf.setFillColor(colors.black)
                pdf.setFont(bold, 12)
                pdf.drawString(60 * mm, y, f"Kính gửi: {mark}")
                y -= 7 * mm
        if role in ("outer", "single"):
            pdf.setFillColor(colors.black)
            pdf.setFont(regular, 11)
            for line in dispatch.address.splitlines():
                if line.strip():
                    pdf.drawString(60 * mm, y, line.strip())
                    y -= 6 * mm
        pdf.showPage()
    pdf.save()
    return buf.getvalue()


def _boxed(
    pdf: canvas.Canvas, font: str, text: str, x: float, y: float, w_mm: int, h_mm: int, colour: colors.Color
) -> None:
    """A stamp with a double border (Form 02): ``w_mm`` × ``h_mm``, the inner line 1 mm inside."""
    w, h = (w_mm or 40) * mm, (h_mm or 8) * mm
    pdf.setStrokeColor(colour)
    pdf.setLineWidth(0.8)
    pdf.rect(x, y, w, h)
    pdf.rect(x + 1 * mm, y + 1 * mm, w - 2 * mm, h - 2 * mm)
    pdf.setFillColor(colour)
    pdf.setFont(font, 13)
    pdf.drawCentredString(x + w / 2, y + h / 2 - 4.5, text)


def _letter(pdf: canvas.Canvas, font: str, text: str, x: float, y: float, colour: colors.Color) -> None:
    """The envelope letter (Form 03: A, B or C in a circle)."""
    pdf.setStrokeColor(colour)
    pdf.setLineWidth(1.2)
    pdf.circle(x, y, 9 * mm)
    pdf.setFillColor(colour)
    pdf.setFont(font, 24)
    pdf.drawCentredString(x, y - 8, text)


#: The register is a Vietnamese legal form whatever the reader's UI language.
PURPOSE_VI = {
    "transfer": "Chuyển giao giữa người quản lý",
    "issue": "Giao người đọc, sử dụng",
    "return": "Trả lại",
    "send": "Gửi đi",
    "receive": "Nhận",
    "take_out": "Mang ra khỏi nơi lưu giữ",
    "take_out_return": "Trả lại nơi lưu giữ sau khi mang ra",
    "provide": "Cung cấp cho cơ quan, tổ chức, người khác",
    "meeting": "Phát tại hội nghị",
    "meeting_return": "Thu lại khi kết thúc hội nghị",
    "recall": "Trả lại tài liệu thu hồi",
    "move": "Chuyển nơi cất giữ",
}

HANDOVER_LAYOUT = Layout(
    "hand",
    "16",
    "SỔ CHUYỂN GIAO BÍ MẬT NHÀ NƯỚC",
    (
        Column("Số thứ tự", ("seq",), 12),
        Column("Ngày, giờ chuyển giao", ("handed_at",), 22),
        Column("Số, ký hiệu tài liệu; bản số", ("document",), 34),
        Column("Độ mật", ("level",), 16),
        Column("Nội dung chuyển giao", ("purpose",), 30),
        Column("Người giao; nơi cất giữ", ("from",), 34),
        Column("Người, nơi nhận; nơi cất giữ", ("to",), 40),
        Column("Ký nhận", ("receipt",), 34),
        Column("Căn cứ; ghi chú", ("reference", "note"), 34),
    ),
)


def _local(value: dt.datetime) -> str:
    return timezone.localtime(value).strftime("%d/%m/%Y %H:%M")


def _join(*parts: object) -> str:
    return " — ".join(str(p) for p in parts if p)


def handover_cells(line: Handover) -> list[str]:
    receipt = f"Phiếu nhận số {line.receipt_no}" if line.receipt_kind == "receipt" else "Đã ký trên màn hình"
    return [
        str(line.seq),
        _local(line.handed_at),
        _join(
            line.item.number_symbol or f"Tài liệu #{line.item_id}",
            f"bản số {line.copy.number:02d}" if line.copy else "",
        ),
        Level[line.level].label_vi,
        PURPOSE_VI.get(line.purpose, line.purpose),
        _join(line.from_person.full_name if line.from_person else "", line.from_location or ""),
        _join(line.to_person.full_name if line.to_person else line.to_party, line.to_location or ""),
        _join(receipt, line.acknowledged_by_name),
        _join(line.reference, line.note),
    ]


def handover_rows(lines: Iterable[Handover]) -> list[list[str]]:
    return [handover_cells(line) for line in lines]


#: Index of the "Ký nhận" column and the box the on-screen signature is drawn in (inside the cell padding).
RECEIPT_COLUMN = 7
SIGNATURE_BOX = (30 * mm, 12 * mm)


def handover_pdf_rows(lines: Iterable[Handover]) -> list[list[Cell]]:
    """The rows for the PDF register: as ``handover_rows``, with the signature captured on screen drawn as
    vector lines above the acknowledgement text of its cell (the XLSX keeps the text alone)."""
    rows: list[list[Cell]] = []
    for line in lines:
        texts = handover_cells(line)
        cells: list[Cell] = list(texts)
        signed = line.receipt_kind == "signature"
        art = signature.drawing(line.signature_svg, *SIGNATURE_BOX) if signed else None
        if art is not None:
            cells[RECEIPT_COLUMN] = [art, texts[RECEIPT_COLUMN]]
        rows.append(cells)
    return rows


def handover_cover(agency: Agency, year: int, lines: list[Handover], book: str = "01") -> Cover:
    dates = [timezone.localdate(x.handed_at) for x in lines]
    seqs = [x.seq for x in lines]
    return Cover(
        superior=agency.parent.name if agency.parent_id else "",  # type: ignore[union-attr]
        agency=agency.name,
        year=year,
        start=min(dates) if dates else None,
        end=max(dates) if dates else None,
        first=min(seqs) if seqs else None,
        last=max(seqs) if seqs else None,
        book=book,
    )


def sender_notice_pdf(notice: SenderNotice) -> bytes:
    """The letter telling the sender an item came without the required protection (R-TX-8)."""
    regular, bold = register_fonts()
    buf = io.BytesIO()
    pdf = canvas.Canvas(buf, pagesize=A4)
    width, height = A4
    pdf.setTitle("Thông báo gửi tài liệu BMNN không đúng quy định")
    pdf.setFont(bold, 12)
    pdf.drawString(20 * mm, height - 25 * mm, notice.agency.name.upper())
    pdf.setFont(regular, 11)
    pdf.drawRightString(width - 20 * mm, height - 25 * mm, f"Ngày {fmt(notice.notified_on)}")
    pdf.setFont(bold, 13)
    pdf.drawCentredString(width / 2, height - 45 * mm, "THÔNG BÁO")
    pdf.setFont(regular, 12)
    pdf.drawCentredString(
        width / 2, height - 52 * mm, "Về việc gửi tài liệu bí mật nhà nước không đúng quy định"
    )
    pdf.drawString(20 * mm, height - 65 * mm, f"Kính gửi: {notice.sender}")
    text = pdf.beginText(20 * mm, height - 78 * mm)
    text.setFont(regular, 12)
    text.setLeading(17)
    for line in _wrap(notice.text, regular, 12, width - 40 * mm):
        text.textLine(line)
    pdf.drawText(text)
    pdf.showPage()
    pdf.save()
    return buf.getvalue()


def _wrap(text: str, font: str, size: float, width: float) -> list[str]:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    lines, current = [], ""
    for word in text.split():
        trial = f"{current} {word}".strip()
        if stringWidth(trial, font, size) > width and current:
            lines.append(current)
            current = word
        else:
            current = trial
    if current:
        lines.append(current)
    return lines
