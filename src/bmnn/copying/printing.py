"""Printing: the copy register (Form 12) and the providing register through the registry's PDF/XLSX
renderers with this app's layouts; the extract (Form 10 layout), the photographing record (Form 13) and
the written refusal to provide, as one-page PDFs."""

from __future__ import annotations

import datetime as dt
import io
import tomllib
from collections.abc import Iterable, Sequence
from functools import cache
from pathlib import Path
from typing import Any

from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

from bmnn.copying.models import CopyRequest, PartyKind, Provision
from bmnn.organizations.models import Agency
from bmnn.registry.printing import pdf as register_pdf
from bmnn.registry.printing.layout import Column, Cover, Layout
from bmnn.rules import Level

LAYOUTS = Path(__file__).resolve().parent / "data" / "registers.toml"
FORM_VI = {"true_copy": "Sao y", "copy_of_copy": "Sao lục", "extract": "Trích sao", "photo": "Chụp"}
STATUS_VI = {
    "requested": "Chờ quyết định",
    "approved": "Đồng ý",
    "refused": "Từ chối",
    "provided": "Đã cung cấp",
}


@cache
def layout(register: str) -> Layout:
    spec = tomllib.loads(LAYOUTS.read_text(encoding="utf-8"))[register]
    cols = tuple(Column(c["header"], tuple(c["fields"]), float(c["width"])) for c in spec["columns"])
    return Layout(register, spec["form"], spec["title"], cols)


def _d(value: dt.date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


def _item(item: Any) -> str:
    bits = [item.number_symbol, item.title, item.summary]
    return " — ".join(b for b in bits if b)


def copy_fields(r: CopyRequest) -> dict[str, str]:
    """Every field of the copy register line (R-COPY-4)."""
    return {
        "seq": str(r.seq or ""),
        "date": _d(r.executed_on),
        "item": _item(r.item),
        "level": Level[r.level].label_vi,
        "form": FORM_VI[r.form],
        "quantity": str(r.made - r.spoiled),
        "copy_numbers": r.copy_numbers,
        "approver": r.approver.full_name if r.approver else "",
        "executor": r.executor.full_name if r.executor else "",
        "device": f"Thiết bị: {r.device}" if r.device else "",
        "recipient": r.recipient.full_name,
        "spoiled": f"Hủy ngay {r.spoiled} bản hỏng, thừa" if r.spoiled else "",
        "notes": r.purpose,
    }


def provision_fields(p: Provision) -> dict[str, str]:
    foreign = p.party_kind == PartyKind.FOREIGN
    decision = STATUS_VI.get(p.status, p.status)
    if p.decider:
        decision += f": {p.decider.full_name} ({_d(p.decided_on)})"
    if p.decision_note:
        decision += f". {p.decision_note}"
    return {
        "seq": str(p.seq),
        "date": _d(p.requested_on),
        "party": ", ".join(x for x in (p.body, p.representative, p.position, p.id_number) if x),
        "foreign": ", ".join(x for x in (p.nationality, p.passport, p.programme) if x) if foreign else "",
        "item": f"{_item(p.item)} ({Level[p.level].label_vi})",
        "purpose": p.purpose,
        "decision": decision,
        "provided": " — ".join(x for x in (_d(p.provided_on), p.receipt_no) if x),
    }


def rows_for(records: Iterable[dict[str, str]], lay: Layout) -> list[list[str]]:
    return [[" — ".join(r[f] for f in col.fields if r.get(f)) for col in lay.columns] for r in records]


def cover_for(
    agency: Agency, year: int, dates: Sequence[dt.date | None], seqs: Sequence[int | None]
) -> Cover:
    ds = [d for d in dates if d]
    ns = [n for n in seqs if n]
    return Cover(
        superior=agency.parent.name if agency.parent_id else "",  # type: ignore[union-attr]
        agency=agency.name,
        year=year,
        start=min(ds) if ds else None,
        end=max(ds) if ds else None,
        first=min(ns) if ns else None,
        last=max(ns) if ns else None,
        book="01",
    )


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\n", "<br/>")


def _page(title: str, form: str, agency: Agency, blocks: list[tuple[str, str]]) -> bytes:
    """A one-page A4 document: agency header, form number, title, then (style, text) blocks."""
    register_pdf._fonts()
    font, bold = register_pdf.FONT, register_pdf.FONT_BOLD
    buf = io.BytesIO()
    doc = SimpleDocTemplate(
        buf,
        pagesize=A4,
        leftMargin=25 * mm,
        rightMargin=18 * mm,
        topMargin=18 * mm,
        bottomMargin=18 * mm,
        title=title,
        author=agency.name,
        subject=f"Mẫu số {form}",
    )
    normal = ParagraphStyle("n", fontName=font, fontSize=13, leading=18)
    styles = {
        "n": normal,
        "c": ParagraphStyle("c", parent=normal, alignment=TA_CENTER),
        "r": ParagraphStyle("r", parent=normal, alignment=TA_RIGHT),
        "b": ParagraphStyle("b", parent=normal, fontName=bold),
        "red": ParagraphStyle("red", parent=normal, fontName=bold, textColor="#c00000"),
        "t": ParagraphStyle("t", parent=normal, fontName=bold, fontSize=15, leading=20, alignment=TA_CENTER),
    }
    story: list[Any] = [
        Paragraph(f"Mẫu số {form}", styles["r"]),
        Paragraph(_esc((agency.parent.name if agency.parent_id else "").upper()), styles["n"]),  # type: ignore[union-attr]
        Paragraph(f"<b>{_esc(agency.name.upper())}</b>", styles["n"]),
        Spacer(1, 6 * mm),
    ]
    for style, text in blocks:
        story.append(Spacer(1, 3 * mm) if style == "gap" else Paragraph(_esc(text), styles[style]))
    doc.build(story)
    return buf.getvalue()


def extract_pdf(r: CopyRequest) -> bytes:
    """The extract on the Form 10 layout: level and copy marks, the extracted text, the approval."""
    copies = list(r.copies.filter(status="active").order_by("number"))
    level = Level[r.level]
    blocks = [
        ("red", level.stamp_text),
        ("red", "BẢN TRÍCH SAO"),
        ("gap", ""),
        ("t", "VĂN BẢN TRÍCH SAO"),
        ("c", f"Trích từ: {_item(r.item)}"),
        ("gap", ""),
        ("n", r.extract_content),
        ("gap", ""),
        ("n", f"Số bản trích sao: {len(copies)} (số {r.copy_numbers})"),
        ("n", f"Người cho phép: {r.approver.full_name if r.approver else ''} ngày {_d(r.decided_on)}"),
        ("n", f"Người thực hiện: {r.executor.full_name if r.executor else ''} ngày {_d(r.executed_on)}"),
        ("n", f"Nơi nhận: {r.recipient.full_name}"),
        ("n", f"Sổ sao, chụp số {r.seq}/{r.year}"),
    ]
    return _page("Văn bản trích sao", "10", r.item.agency, blocks)


def photo_record_pdf(r: CopyRequest) -> bytes:
    """The photographing record (Form 13): what, where, device, by whom, on whose approval, why."""
    blocks = [
        ("t", "BIÊN BẢN CHỤP TÀI LIỆU, VẬT CHỨA BÍ MẬT NHÀ NƯỚC"),
        ("gap", ""),
        ("n", f"Hôm nay, ngày {_d(r.executed_on)}, tại {r.photo_place or '…'}"),
        ("n", f"Tài liệu, vật chứa BMNN: {_item(r.item)} — độ mật {Level[r.level].label_vi}"),
        ("n", f"Nội dung chụp, ghi: {r.photo_subject}"),
        ("n", f"Thiết bị chụp (không kết nối mạng): {r.device}"),
        ("n", f"Số lượng bản chụp: {r.made - r.spoiled}; bản hỏng, thừa đã hủy ngay: {r.spoiled}"),
        ("n", f"Mục đích: {r.purpose}"),
        ("n", f"Người cho phép: {r.approver.full_name if r.approver else ''} ngày {_d(r.decided_on)}"),
        ("n", f"Người thực hiện: {r.executor.full_name if r.executor else ''}"),
        ("n", f"Người nhận: {r.recipient.full_name}"),
        ("n", f"Sổ sao, chụp số {r.seq}/{r.year}"),
        ("gap", ""),
        ("c", "NGƯỜI THỰC HIỆN                    NGƯỜI CHO PHÉP"),
    ]
    return _page("Biên bản chụp tài liệu, vật chứa BMNN", "13", r.item.agency, blocks)


def refusal_letter_pdf(p: Provision) -> bytes:
    """The written refusal with reasons (R-PROV-5)."""
    blocks = [
        ("r", f"ngày {_d(p.decided_on)}"),
        ("t", "VĂN BẢN TỪ CHỐI CUNG CẤP BÍ MẬT NHÀ NƯỚC"),
        ("gap", ""),
        ("n", f"Kính gửi: {p.body} — {p.representative}, {p.position}"),
        (
            "n",
            f"Về đề nghị cung cấp: {p.secret_requested} "
            f"(Sổ cung cấp số {p.seq}/{p.year}, ngày {_d(p.requested_on)})",
        ),
        ("n", f"Mục đích nêu trong đề nghị: {p.purpose}"),
        ("gap", ""),
        ("b", "Cơ quan không đồng ý cung cấp, với lý do:"),
        ("n", p.decision_note),
        ("gap", ""),
        ("r", p.decider.full_name if p.decider else ""),
    ]
    return _page("Văn bản từ chối cung cấp BMNN", "17", p.item.agency, blocks)
