"""Decisions, minutes, reports and notices of the lifecycle as Vietnamese administrative documents
(Decree 30/2020/NĐ-CP layout), rendered to PDF (reportlab, embedded Liberation Serif) and DOCX
(python-docx): agency block and national title, number/symbol, place and date, title, body, "Nơi nhận"
and the signer block, ready to sign."""

from __future__ import annotations

import datetime as dt
import io
import re
from dataclasses import dataclass, field
from typing import Any, TypedDict

from django.conf import settings

from bmnn.lifecycle.models import (
    Council,
    Declassification,
    Destruction,
    Extension,
    LevelChange,
    Minutes,
    Notice,
)
from bmnn.rules import Level
from bmnn.rules.dates import fmt

NATION = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
LAW = "Luật Bảo vệ bí mật nhà nước ngày 15 tháng 11 năm 2018"


@dataclass
class Doc:
    slug: str
    parent: str
    agency: str
    number: str
    on: dt.date | None
    kind: str  # QUYẾT ĐỊNH, BIÊN BẢN, THÔNG BÁO, BÁO CÁO
    subject: str
    authority: str = ""  # the issuing title line above the grounds, for decisions
    grounds: list[str] = field(default_factory=list)
    body: list[str] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)
    signer_title: str = ""
    signer_name: str = ""
    signers: list[tuple[str, str]] = field(default_factory=list)  # minutes: several signatures
    place: str = ""  # the place name of the date line (Decree 30 Annex I), see place_of()

    def date_line(self) -> str:
        place = self.place or "……"
        if self.on is None:
            return f"{place}, ngày …… tháng …… năm ……"
        return f"{place}, ngày {self.on.day:02d} tháng {self.on.month:02d} năm {self.on.year}"

    def text(self) -> str:
        """Plain text of the document (what the PDF and the DOCX say)."""
        lines = [self.parent, self.agency, f"Số: {self.number}", NATION, MOTTO, self.date_line(), self.kind]
        lines += [self.subject, self.authority, *self.grounds, *self.body, "Nơi nhận:", *self.recipients]
        lines += [self.signer_title, self.signer_name]
        return "\n".join(x for x in lines if x)


PLACE_NAME = re.compile(r"\b(?:tỉnh|thành phố|xã|phường|thị trấn|đặc khu)\s+(.+?)\s*$", re.IGNORECASE)


def _place_in(name: str) -> str:
    found = PLACE_NAME.search(name or "")
    return found.group(1) if found else ""


def place_of(agency: Any) -> str:
    """The place name on the date line (Decree 30/2020, Annex I): the setting ``BMNN_DOCUMENT_PLACE``
    when set; else the administrative unit the agency sits in: a commune-level body's own commune or
    ward, otherwise the province or city named at the root of its agency tree ("Ủy ban nhân dân tỉnh
    Sông Hồng" → "Sông Hồng"), then the agency's own name and its parents'.  Blank when none says it
    (the date line then shows dots to fill in by hand)."""
    override = str(getattr(settings, "BMNN_DOCUMENT_PLACE", "") or "").strip()
    if override:
        return override
    chain: list[Any] = []
    node = agency
    while node is not None and len(chain) < 20:
        chain.append(node)
        node = node.parent if node.parent_id else None
    order = [agency, *reversed(chain)] if agency.tier == "commune" else [chain[-1], *chain]
    for candidate in order:
        place = _place_in(candidate.name)
        if place:
            return place
    return ""


class Head(TypedDict):
    parent: str
    agency: str
    place: str


def _head(agency: Any) -> Head:
    """The agency block (parent body, issuing body in capitals) and the place name of a document."""
    parent = agency.parent.name.upper() if agency.parent_id else ""
    return {"parent": parent, "agency": agency.name.upper(), "place": place_of(agency)}


def _item_line(item: Any) -> str:
    level = Level[item.level].label_vi if item.level else ""
    number = f"số {item.number_symbol}" if item.number_symbol else f"mã BMNN-{item.pk}"
    doc_date = f" ngày {fmt(item.doc_date)}" if item.doc_date else ""
    return f"{item.title} ({number}{doc_date}, độ {level})"


def _items_article(verb: str, items: list[Any], tail: str = "") -> list[str]:
    """ "Điều 1." naming one item, or listing every item of a decision that covers several."""
    if len(items) == 1:
        return [f"Điều 1. {verb} đối với: {_item_line(items[0])}{tail}."]
    return [
        f"Điều 1. {verb} đối với {len(items)} tài liệu, vật chứa bí mật nhà nước sau{tail}:",
        *(f"{n}. {_item_line(it)};" for n, it in enumerate(items, 1)),
    ]


def _signer(person: Any) -> tuple[str, str]:
    return ("GIÁM ĐỐC" if person is None else "NGƯỜI ĐỨNG ĐẦU CƠ QUAN", person.full_name if person else "")


EFFECTIVE = "Điều 3. Quyết định này có hiệu lực kể từ ngày ký."


def _decision(
    agency: Any,
    *,
    slug: str,
    number: str,
    on: dt.date | None,
    subject: str,
    grounds: list[str],
    articles: list[str],
    recipients: list[str],
    signer: tuple[str, str],
) -> Doc:
    """A decision (QUYẾT ĐỊNH) of the agency's head: "QUYẾT ĐỊNH:", the articles, then the article on
    its effect."""
    head = _head(agency)
    return Doc(
        slug=slug,
        **head,
        number=number,
        on=on,
        kind="QUYẾT ĐỊNH",
        subject=subject,
        authority=f"NGƯỜI ĐỨNG ĐẦU {head['agency']}",
        grounds=grounds,
        body=["QUYẾT ĐỊNH:", *articles, EFFECTIVE],
        recipients=recipients,
        signer_title=signer[0],
        signer_name=signer[1],
    )


def _act_decision(
    row: Any, slug: str, *, subject: str, grounds: list[str], articles: list[str], recipients: list[str]
) -> Doc:
    """The decision on a lifecycle act (its item's agency, number, date and decider)."""
    return _decision(
        row.item.agency,
        slug=f"{slug}-{row.pk}",
        number=row.decision_number or "……/QĐ-……",
        on=row.decided_on,
        subject=subject,
        grounds=grounds,
        articles=articles,
        recipients=recipients,
        signer=_signer(row.decided_by),
    )


def extension_decision(ext: Extension) -> Doc:
    return _act_decision(
        ext,
        "quyet-dinh-gia-han",
        subject="Về việc gia hạn thời hạn bảo vệ bí mật nhà nước",
        grounds=[
            f"Căn cứ Điều 20 {LAW};",
            f"Xét đề nghị của {ext.proposed_by.full_name} ngày {fmt(ext.proposed_on)}.",
        ],
        articles=[
            f"Điều 1. Gia hạn thời hạn bảo vệ bí mật nhà nước đối với: {_item_line(ext.item)}.",
            f"Thời hạn gia hạn: {ext.years} năm; thời hạn bảo vệ đến hết ngày "
            f"{fmt(ext.new_expiry) if ext.new_expiry else '……'} (trước đó đến ngày "
            f"{fmt(ext.old_expiry) if ext.old_expiry else '……'}).",
            f"Lý do: {ext.reason}",
            "Điều 2. Đóng dấu gia hạn (Mẫu 04) trên tài liệu, vật chứa bí mật nhà nước và các bản sao; "
            "thông báo bằng văn bản đến cơ quan, tổ chức, cá nhân có liên quan trong thời hạn 15 ngày.",
        ],
        recipients=["Như Điều 2;", "Lưu: VT, hồ sơ."],
    )


def adjustment_decision(row: LevelChange) -> Doc:
    basis = "; ".join(f"{b.source_list.decision_number} mục {b.reference}" for b in row.basis.all()) or "……"
    return _act_decision(
        row,
        "quyet-dinh-dieu-chinh",
        subject="Về việc điều chỉnh độ mật của bí mật nhà nước",
        grounds=[f"Căn cứ Điều 21 {LAW};", f"Căn cứ danh mục bí mật nhà nước: {basis}."],
        articles=[
            f"Điều 1. Điều chỉnh độ mật của: {_item_line(row.item)} từ "
            f"{Level[row.old_level].label_vi} thành {Level[row.new_level].label_vi}.",
            f"Lý do: {row.reason or '……'}",
            "Điều 2. Đóng dấu điều chỉnh độ mật (Mẫu 06) trên tài liệu và các bản sao; thông báo bằng văn "
            "bản đến nơi nhận trong thời hạn 15 ngày.",
        ],
        recipients=["Như Điều 2;", "Lưu: VT, hồ sơ."],
    )


def council_decision(council: Council) -> Doc:
    what = "giải mật" if council.kind == "declassification" else "tiêu hủy tài liệu, vật chứa"
    members = [f"- {m.name}, {m.body or '……'}: {m.role}" for m in council.members.all()]
    article = "Điều 22" if council.kind == "declassification" else "Điều 23"
    return _decision(
        council.agency,
        slug=f"quyet-dinh-thanh-lap-hoi-dong-{council.pk}",
        number=council.decision_number,
        on=council.established_on,
        subject=f"Về việc thành lập Hội đồng {what} bí mật nhà nước",
        grounds=[f"Căn cứ {article} {LAW}."],
        articles=[
            f"Điều 1. Thành lập Hội đồng {what} bí mật nhà nước gồm:",
            *members,
            "Điều 2. Hội đồng có nhiệm vụ xem xét, đề xuất và lập biên bản họp; tự giải thể sau khi hoàn "
            "thành nhiệm vụ.",
        ],
        recipients=["Các thành viên Hội đồng;", "Lưu: VT, hồ sơ."],
        signer=("NGƯỜI ĐỨNG ĐẦU CƠ QUAN", council.established_by.full_name),
    )


def minutes_doc(minutes: Minutes) -> Doc:
    council, row = minutes.council, minutes.destruction
    agency_obj = council.agency if council else row.agency  # type: ignore[union-attr]
    head = _head(agency_obj)
    if minutes.kind == "destruction":
        subject = "Tiêu hủy tài liệu, vật chứa bí mật nhà nước"
        items = [_item_line(it) for it in row.all_items()] if row else []
    else:
        subject = f"Họp {council.get_kind_display()}" if council else "Họp Hội đồng"
        items = []
    signers = [("CHỦ TỊCH HỘI ĐỒNG", council.chair.full_name)] if council else []
    signers.append(("NGƯỜI LẬP BIÊN BẢN", minutes.recorded_by.full_name))
    return Doc(
        slug=f"bien-ban-{minutes.pk}",
        **head,
        number="……/BB-……",
        on=minutes.held_on,
        kind="BIÊN BẢN",
        subject=subject,
        body=[
            f"Thời gian: ngày {fmt(minutes.held_on)}. Địa điểm: {minutes.place or '……'}.",
            f"Thành phần: {minutes.attendees}",
            *(f"Tài liệu, vật chứa: {x}" for x in items),
            f"Nội dung: {minutes.content}",
            f"Kết luận: {minutes.conclusion}",
            "Biên bản được lập thành 02 bản, lưu hồ sơ.",
        ],
        signers=signers,
    )


def declassification_decision(row: Declassification) -> Doc:
    grounds = {
        "expired": "điểm a khoản 1 Điều 22 (hết thời hạn bảo vệ)",
        "national_interest": "điểm b khoản 1 Điều 22 (đáp ứng yêu cầu thực tiễn bảo vệ lợi ích quốc gia)",
        "delisted": "điểm c khoản 1 Điều 22 (không còn thuộc danh mục bí mật nhà nước)",
    }[row.ground]
    basis = [f"Căn cứ {grounds} {LAW};"]
    if row.council:
        basis.append(f"Căn cứ Quyết định số {row.council.decision_number} thành lập Hội đồng giải mật;")
        basis.append("Căn cứ biên bản họp Hội đồng giải mật;")
    if row.list_reference:
        basis.append(f"Căn cứ {row.list_reference};")
    scope = (
        f"giải mật một phần, gồm nội dung: {row.declassified_content}" if row.partial else "giải mật toàn bộ"
    )
    return _act_decision(
        row,
        "quyet-dinh-giai-mat",
        subject="Về việc giải mật bí mật nhà nước",
        grounds=basis,
        articles=[
            *_items_article("Giải mật", row.all_items(), f"; {scope}"),
            f"Lý do: {row.reason}",
            "Điều 2. Đóng dấu GIẢI MẬT, ghi “Từ: "
            f"{fmt(row.decided_on) if row.decided_on else '……'}” (Mẫu 05); thông báo bằng văn bản "
            "đến cơ quan, "
            "tổ chức, cá nhân có liên quan; lưu hồ sơ giải mật.",
        ],
        recipients=["Như Điều 2;", "Lưu: VT, hồ sơ giải mật."],
    )


def destruction_decision(row: Destruction) -> Doc:
    grounds = [f"Căn cứ Điều 23 {LAW};"]
    if row.council:
        grounds.append(f"Căn cứ Quyết định số {row.council.decision_number} thành lập Hội đồng tiêu hủy;")
        grounds.append("Căn cứ biên bản họp Hội đồng tiêu hủy;")
    return _act_decision(
        row,
        "quyet-dinh-tieu-huy",
        subject="Về việc tiêu hủy tài liệu, vật chứa bí mật nhà nước",
        grounds=grounds,
        articles=[
            *_items_article(
                "Tiêu hủy", row.all_items(), " và các bản sao (tệp điện tử được xóa khóa mã hóa)"
            ),
            f"Lý do: {row.reason}",
            "Điều 2. Việc tiêu hủy phải làm thay đổi hình dạng, tính năng, không thể phục hồi; lập biên bản "
            "tiêu hủy ghi rõ phương pháp và người chứng kiến; lưu hồ sơ tiêu hủy.",
        ],
        recipients=["Hội đồng tiêu hủy;", "Lưu: VT, hồ sơ tiêu hủy."],
    )


def urgent_report(row: Destruction) -> Doc:
    head = _head(row.item.agency)
    to = row.report_to.full_name if row.report_to else "Người đứng đầu cơ quan"
    return Doc(
        slug=f"bao-cao-tieu-huy-khan-cap-{row.pk}",
        **head,
        number="……/BC-……",
        on=row.executed_on,
        kind="BÁO CÁO",
        subject="Việc tiêu hủy khẩn cấp tài liệu, vật chứa bí mật nhà nước",
        body=[
            f"Kính gửi: {to}.",
            f"Thực hiện điểm c khoản 3 Điều 23 {LAW}, tôi báo cáo việc tiêu hủy khẩn cấp: "
            f"{_item_line(row.item)}.",
            f"Lý do: {row.reason}",
            f"Phương pháp: {row.method}. Người chứng kiến: {row.witnesses}.",
            f"Nội dung báo cáo: {row.report}",
        ],
        recipients=[f"{to};", "Lưu: hồ sơ."],
        signer_title="NGƯỜI BÁO CÁO",
        signer_name=row.executed_by.full_name if row.executed_by else "",
    )


def notice_doc(notice: Notice) -> Doc:
    head = _head(notice.item.agency)
    what = {"extension": "gia hạn thời hạn bảo vệ", "adjustment": "điều chỉnh độ mật"}.get(
        notice.act_kind, "giải mật"
    )
    marks = notice.item.marks or {}
    detail = {
        "extension": " ".join(marks.get("extension_stamp") or []),
        "adjustment": " ".join(marks.get("adjustment_stamp") or []),
    }.get(notice.act_kind, " ".join(marks.get("declassified_stamp") or []))
    return Doc(
        slug=f"thong-bao-{notice.pk}",
        **head,
        number=notice.reference or "……/TB-……",
        on=notice.sent_on,
        kind="THÔNG BÁO",
        subject=f"Về việc {what} bí mật nhà nước",
        body=[
            f"Kính gửi: {notice.recipient}.",
            f"{notice.item.agency.name} thông báo việc {what} đối với: {_item_line(notice.item)}, "
            "theo quyết định "
            f"ngày {fmt(notice.decided_on)}. {detail}",
            "Đề nghị cơ quan, tổ chức, cá nhân nhận được tài liệu đóng dấu lại và cập nhật sổ đăng ký.",
        ],
        recipients=[f"{notice.recipient};", "Lưu: VT."],
        signer_title="NGƯỜI ĐỨNG ĐẦU CƠ QUAN",
    )


# --------------------------------------------------------------------------- rendering


def render_pdf(doc: Doc) -> bytes:
    from xml.sax.saxutils import escape

    from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    from bmnn.core.marking.fonts import register_fonts

    font, bold = register_fonts()
    buf = io.BytesIO()
    pdf = SimpleDocTemplate(
        buf,
        pagesize=A4,
        leftMargin=30 * mm,
        rightMargin=15 * mm,
        topMargin=20 * mm,
        bottomMargin=20 * mm,
        title=f"{doc.kind} {doc.subject}",
        author=doc.agency,
    )
    base = ParagraphStyle(
        "b", fontName=font, fontSize=13, leading=17, alignment=TA_JUSTIFY, firstLineIndent=10 * mm
    )
    centre = ParagraphStyle("c", parent=base, alignment=TA_CENTER, firstLineIndent=0)
    centre_b = ParagraphStyle("cb", parent=centre, fontName=bold)
    small = ParagraphStyle("s", parent=base, fontSize=11, leading=13, firstLineIndent=0, alignment=0)

    def p(text: str, style: ParagraphStyle = base) -> Paragraph:
        return Paragraph(escape(text), style)

    left = [p(doc.parent, centre), p(doc.agency, centre_b), p("———", centre), p(f"Số: {doc.number}", centre)]
    right = [
        p(NATION, centre_b),
        p(MOTTO, centre_b),
        p("———————", centre),
        p(f"<i>{escape(doc.date_line())}</i>", centre),
    ]
    right[-1] = Paragraph(f"<i>{escape(doc.date_line())}</i>", centre)
    head = Table([[left, right]], colWidths=[65 * mm, 100 * mm])
    head.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
    story: list[Any] = [
        head,
        Spacer(1, 8 * mm),
        p(doc.kind, centre_b),
        p(doc.subject, centre_b),
        Spacer(1, 4 * mm),
    ]
    if doc.authority:
        story += [p(doc.authority, centre_b), Spacer(1, 2 * mm)]
    story += [Paragraph(f"<i>{escape(g)}</i>", base) for g in doc.grounds]
    for line in doc.body:
        story.append(p(line, centre_b if line == "QUYẾT ĐỊNH:" else base))
    story.append(Spacer(1, 8 * mm))
    if doc.signers:
        cells = [
            [p(t, centre_b) for t, _ in doc.signers],
            [p("(Ký, ghi rõ họ tên)", centre) for _ in doc.signers],
        ]
        cells += [[Spacer(1, 18 * mm) for _ in doc.signers], [p(n, centre_b) for _, n in doc.signers]]
        story.append(Table(cells))
    else:
        recipients = [Paragraph("<b><i>Nơi nhận:</i></b>", small), *(p(r, small) for r in doc.recipients)]
        signer = [
            p(doc.signer_title, centre_b),
            p("(Ký, ghi rõ họ tên, đóng dấu)", centre),
            Spacer(1, 20 * mm),
            p(doc.signer_name, centre_b),
        ]
        foot = Table([[recipients, signer]], colWidths=[75 * mm, 90 * mm])
        foot.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
        story.append(foot)
    pdf.build(story)
    return buf.getvalue()


# Decree 30/2020 Annex I: A4, margins top/bottom 20–25 mm, left 30–35 mm, right 15–20 mm; Times New
# Roman 13–14 pt; the national title (12–13 pt bold capitals) and motto (13–14 pt bold); paragraphs at
# least 6 pt apart, single to 1.5 line spacing, first line indented 1–1.27 cm.
DOCX_FONT = "Times New Roman"
DOCX_MARGINS_MM = {"top": 20, "bottom": 20, "left": 30, "right": 15}
DOCX_BODY_PT = 14


def render_docx(doc: Doc) -> bytes:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Cm, Mm, Pt

    out = Document()
    section = out.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(DOCX_MARGINS_MM["top"]), Mm(DOCX_MARGINS_MM["bottom"])
    section.left_margin, section.right_margin = Mm(DOCX_MARGINS_MM["left"]), Mm(DOCX_MARGINS_MM["right"])
    style = out.styles["Normal"]
    style.font.name = DOCX_FONT
    style.font.size = Pt(DOCX_BODY_PT)
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):  # Vietnamese text uses these slots too
        fonts.set(qn(attr), DOCX_FONT)
    style.paragraph_format.space_before = Pt(0)
    style.paragraph_format.space_after = Pt(6)
    style.paragraph_format.line_spacing = 1.15

    def para(
        cell_or_doc: Any,
        text: str,
        *,
        bold: bool = False,
        italic: bool = False,
        centre: bool = False,
        size: float | None = None,
        indent: bool = False,
        after: float | None = None,
    ) -> None:
        par = cell_or_doc.add_paragraph()
        run = par.add_run(text)
        run.bold, run.italic = bold, italic
        run.font.name = DOCX_FONT
        if size:
            run.font.size = Pt(size)
        if centre:
            par.alignment = WD_ALIGN_PARAGRAPH.CENTER
        elif indent:
            par.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
            par.paragraph_format.first_line_indent = Cm(1.27)
        if after is not None:
            par.paragraph_format.space_after = Pt(after)

    def block(cell: Any, lines: list[tuple[str, bool, bool, float]], width_mm: float) -> None:
        cell.width = Mm(width_mm)
        cell.paragraphs[0].text = ""
        for text, b, i, pt in lines:
            para(cell, text, bold=b, italic=i, centre=True, size=pt, after=0)

    # Agency block (left) and national title block (right), side by side at the top of page 1.
    head = out.add_table(rows=1, cols=2)
    head.autofit = False
    left, right = head.rows[0].cells
    block(
        left,
        [
            (doc.parent, False, False, 13),
            (doc.agency, True, False, 13),
            ("———", False, False, 13),
            (f"Số: {doc.number}", False, False, 13),
        ],
        65,
    )
    block(
        right,
        [
            (NATION, True, False, 13),
            (MOTTO, True, False, 14),
            ("———————", False, False, 13),
            (doc.date_line(), False, True, 14),
        ],
        100,
    )
    para(out, "", after=6)
    para(out, doc.kind, bold=True, centre=True, size=14, after=0)
    para(out, doc.subject, bold=True, centre=True, size=14, after=12)
    if doc.authority:
        para(out, doc.authority, bold=True, centre=True, size=14)
    for g in doc.grounds:
        para(out, g, italic=True, indent=True)
    for line in doc.body:
        decision = line == "QUYẾT ĐỊNH:"
        para(out, line, bold=decision, centre=decision, indent=not decision)
    if doc.signers:
        foot = out.add_table(rows=1, cols=len(doc.signers))
        for cell, (title, name) in zip(foot.rows[0].cells, doc.signers, strict=True):
            for text, b, i in (
                (title, True, False),
                ("(Ký, ghi rõ họ tên)", False, True),
                ("", False, False),
                ("", False, False),
                (name, True, False),
            ):
                para(cell, text, bold=b, italic=i, centre=True, after=0)
    else:
        foot = out.add_table(rows=1, cols=2)
        foot.autofit = False
        left, right = foot.rows[0].cells
        left.width, right.width = Mm(75), Mm(90)
        para(left, "Nơi nhận:", bold=True, italic=True, size=12, after=0)
        for r in doc.recipients:
            para(left, f"- {r}", size=11, after=0)
        for text, b, i in (
            (doc.signer_title, True, False),
            ("(Ký, ghi rõ họ tên, đóng dấu)", False, True),
            ("", False, False),
            ("", False, False),
            ("", False, False),
            (doc.signer_name, True, False),
        ):
            para(right, text, bold=b, italic=i, centre=True, after=0)
    buf = io.BytesIO()
    out.save(buf)
    return buf.getvalue()


BUILDERS: dict[str, tuple[Any, Any]] = {
    "gia-han": (Extension, extension_decision),
    "dieu-chinh": (LevelChange, adjustment_decision),
    "hoi-dong": (Council, council_decision),
    "bien-ban": (Minutes, minutes_doc),
    "giai-mat": (Declassification, declassification_decision),
    "tieu-huy": (Destruction, destruction_decision),
    "bao-cao-khan-cap": (Destruction, urgent_report),
    "thong-bao": (Notice, notice_doc),
}
