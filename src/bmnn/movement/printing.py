"""Printed take-out papers, A4 PDF in Vietnamese: the request form with its decision and signer blocks
(Decree 26 Art. 5, R-OUT-3) and the notice to the head of the working delegation (Law Art. 14.2)."""

from __future__ import annotations

import io
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

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


def _styles() -> dict[str, ParagraphStyle]:
    normal = ParagraphStyle("n", fontName=FONT, fontSize=11.5, leading=15)
    return {
        "n": normal,
        "small": ParagraphStyle("s", parent=normal, fontSize=10.5, leading=13),
        "c": ParagraphStyle("c", parent=normal, alignment=TA_CENTER),
        "cb": ParagraphStyle("cb", parent=normal, alignment=TA_CENTER, fontName=FONT_BOLD),
        "ci": ParagraphStyle("ci", parent=normal, alignment=TA_CENTER, fontSize=10.5, leading=13),
        "hb": ParagraphStyle("hb", parent=normal, alignment=TA_CENTER, fontName=FONT_BOLD, fontSize=10.5),
        "t": ParagraphStyle("t", parent=normal, alignment=TA_CENTER, fontName=FONT_BOLD, fontSize=13.5),
    }


def _p(text: str, style: ParagraphStyle) -> Paragraph:
    return Paragraph(escape(text).replace("\n", "<br/>"), style)


def _grid(rows: list[list[Any]], widths: list[float], header: bool = False) -> Table:
    table = Table(rows, colWidths=widths, repeatRows=1 if header else 0)
    style = [
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ]
    table.setStyle(TableStyle(style))
    return table


def _plain(rows: list[list[Any]], widths: list[float]) -> Table:
    table = Table(rows, colWidths=widths)
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
    return table


def request_pdf(take_out: Any) -> bytes:
    """The printed take-out request (Decree 26 Art. 5; R-OUT-3 fields), its lines, the decision when
    there is one, and the signer blocks (requester, carrier, the person who permits).  A4, Vietnamese."""
    from bmnn.movement.services.takeouts import line_label, request_record
    from bmnn.rules import Level, required_fields

    _fonts()
    st = _styles()
    buf = io.BytesIO()
    doc = SimpleDocTemplate(
        buf, pagesize=A4, leftMargin=25 * mm, rightMargin=15 * mm, topMargin=15 * mm, bottomMargin=15 * mm
    )
    width = A4[0] - 40 * mm
    lines = list(take_out.lines.select_related("item", "copy").order_by("pk"))
    record = request_record(
        take_out.carrier,
        take_out.carrier_position,
        take_out.carrier_unit,
        [(r.item, r.copy) for r in lines],
        take_out.level,
        purpose=take_out.purpose,
        place=take_out.place + (" (nước ngoài)" if take_out.abroad else ""),
        starts_on=take_out.starts_on,
        due_on=take_out.due_on,
        protection_measures=take_out.protection_measures,
    )
    record["level"] = Level[take_out.level].label_vi
    if len(lines) > 1:
        listed = f"Gồm {len(lines)} tài liệu, vật chứa BMNN theo danh mục dưới đây"
        record.update(item_name=listed, item_type="Theo danh mục", summary="Theo danh mục")
    record["time"] = f"từ ngày {take_out.starts_on:%d/%m/%Y} đến ngày {take_out.due_on:%d/%m/%Y}"
    agency = take_out.agency
    where = "RA NƯỚC NGOÀI" if take_out.abroad else "RA KHỎI NƠI LƯU GIỮ"
    story: list[Any] = [
        _plain(
            [
                [
                    _p(agency.name.upper(), st["hb"]),
                    _p("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc", st["hb"]),
                ],
                [_p(f"Số tham chiếu: {take_out.reference}", st["ci"]), ""],
            ],
            [width * 0.42, width * 0.58],
        ),
        Spacer(1, 6 * mm),
        _p(f"PHIẾU ĐỀ NGHỊ MANG TÀI LIỆU, VẬT CHỨA BÍ MẬT NHÀ NƯỚC {where}", st["t"]),
        _p(
            "(Điều 14 Luật Bảo vệ bí mật nhà nước; Điều 5 Nghị định số 26/2020/NĐ-CP)",
            st["ci"],
        ),
        Spacer(1, 4 * mm),
        _p(f"Kính gửi: {_addressee(take_out)}", st["c"]),
        Spacer(1, 4 * mm),
    ]
    labels = required_fields("R-OUT-3", take_out.created_at.date())
    rows = [[_p("STT", st["cb"]), _p("Nội dung", st["cb"]), _p("Thông tin", st["cb"])]]
    for n, (key, vi, _en) in enumerate(labels, start=1):
        rows.append(
            [_p(str(n), st["c"]), _p(vi[:1].upper() + vi[1:], st["n"]), _p(str(record[key]), st["n"])]
        )
    if take_out.abroad:
        rows.append(
            [_p("", st["c"]), _p("Trưởng đoàn công tác", st["n"]), _p(take_out.delegation_head, st["n"])]
        )
    story.append(_grid(rows, [12 * mm, 55 * mm, width - 67 * mm], header=True))
    story += [Spacer(1, 4 * mm), _p("Danh mục tài liệu, vật chứa BMNN mang ra:", st["n"]), Spacer(1, 2 * mm)]
    heads = ("STT", "Tên tài liệu, vật chứa BMNN", "Loại", "Trích yếu", "Độ mật", "Nộp lại")
    items = [[_p(h, st["cb"]) for h in heads]]
    for n, r in enumerate(lines, start=1):
        items.append(
            [
                _p(str(n), st["c"]),
                _p(line_label(r.item, r.copy), st["small"]),
                _p(r.item.get_kind_display(), st["small"]),
                _p(r.item.summary or r.item.title, st["small"]),
                _p(Level[r.level].label_vi, st["small"]),
                _p(f"{r.returned_on:%d/%m/%Y}" if r.returned_on else "", st["small"]),
            ]
        )
    story.append(_grid(items, [13 * mm, 50 * mm, 22 * mm, width - 126 * mm, 20 * mm, 21 * mm], header=True))
    story.append(
        KeepTogether(
            [
                Spacer(1, 5 * mm),
                _p("Ý KIẾN CỦA NGƯỜI CÓ THẨM QUYỀN CHO PHÉP:", st["cb"]),
                _decision(take_out, st),
                Spacer(1, 5 * mm),
                _signers(take_out, st, width),
            ]
        )
    )
    doc.build(story)
    return buf.getvalue()


def _addressee(take_out: Any) -> str:
    from bmnn.registry.services.common import agency_heads

    if take_out.abroad:
        return "Người có thẩm quyền cho phép mang BMNN ra nước ngoài (Điều 14 khoản 2 Luật Bảo vệ BMNN)"
    heads = agency_heads(take_out.agency_id, take_out.created_at.date())
    name = take_out.agency.name
    return f"{heads[0].full_name}, Thủ trưởng {name}" if heads else f"Thủ trưởng {name}"


def _decision(take_out: Any, st: dict[str, ParagraphStyle]) -> Paragraph:
    if take_out.approver_id is None or take_out.status == "requested":
        return _p("……………………………………………………………………………………………………\n……………………………………………………………………………………………………", st["n"])
    verdict = "Không đồng ý cho mang ra." if take_out.status == "refused" else "Đồng ý cho mang ra."
    text = f"{verdict} Ngày {take_out.decided_on:%d/%m/%Y}."
    if take_out.delegation_id:
        text += f" Theo ủy quyền: {take_out.delegation.document_ref}."
    if take_out.decision_note:
        text += f" {take_out.decision_note}"
    return _p(text, st["n"])


def _signers(take_out: Any, st: dict[str, ParagraphStyle], width: float) -> Table:
    approver = take_out.approver.full_name if take_out.approver_id else ""
    head = "NGƯỜI CHO PHÉP" if not take_out.delegation_id else "NGƯỜI CHO PHÉP\n(theo ủy quyền)"
    cells = [
        ("NGƯỜI ĐỀ NGHỊ", take_out.requested_by.full_name),
        ("NGƯỜI MANG RA", take_out.carrier.full_name),
        (head, approver),
    ]
    top = [_p(h, st["cb"]) for h, _n in cells]
    hint = [_p("(Ký, ghi rõ họ tên)", st["ci"]) for _c in cells]
    gap = [Spacer(1, 18 * mm) for _c in cells]
    names = [_p(n, st["cb"]) for _h, n in cells]
    return _plain([top, hint, gap, names], [width / 3] * 3)
