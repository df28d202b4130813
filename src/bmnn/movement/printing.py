"""The printable notice to the head of the working delegation (Law Art. 14.2), A4 PDF."""

from __future__ import annotations

import io
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

from bmnn.registry.printing.pdf import FONT, FONT_BOLD, _fonts


def notice_pdf(take_out: Any, notice: Any) -> bytes:
    _fonts()
    buf = io.BytesIO()
    doc = SimpleDocTemplate(
        buf, pagesize=A4, leftMargin=30 * mm, rightMargin=20 * mm, topMargin=20 * mm, bottomMargin=20 * mm
    )
    normal = ParagraphStyle("n", fontName=FONT, fontSize=13, leading=18)
    centre = ParagraphStyle("c", parent=normal, alignment=TA_CENTER)
    title = ParagraphStyle("t", parent=centre, fontName=FONT_BOLD, fontSize=14)
    agency = take_out.agency
    story = [
        Paragraph(escape(agency.name.upper()), centre),
        Paragraph("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM — Độc lập - Tự do - Hạnh phúc", centre),
        Spacer(1, 10 * mm),
        Paragraph("THÔNG BÁO", title),
        Paragraph("Về việc mang tài liệu, vật chứa bí mật nhà nước ra nước ngoài", centre),
        Paragraph("(Điều 14 khoản 2 Luật Bảo vệ bí mật nhà nước)", centre),
        Spacer(1, 8 * mm),
        Paragraph(escape(notice.text), normal),
        Spacer(1, 8 * mm),
        Paragraph(f"Ngày {notice.sent_on:%d/%m/%Y} — Số tham chiếu {escape(take_out.reference)}", normal),
    ]
    doc.build(story)
    return buf.getvalue()
