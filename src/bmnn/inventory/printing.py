"""The stock-taking list as PDF/XLSX through the registry's renderers: what each custodian and location
should hold, with a column for the outcome."""

from __future__ import annotations

from collections.abc import Iterable

from bmnn.inventory.models import StockLine, StockTake
from bmnn.registry.printing.layout import Column, Cover, Layout
from bmnn.rules import Level

OUTCOME_VI = {
    "pending": "",
    "found": "Có",
    "missing": "Không thấy",
    "unexpected": "Phát hiện ngoài danh sách",
}

LAYOUT = Layout(
    "stock",
    "",
    "DANH SÁCH KIỂM KÊ TÀI LIỆU, VẬT CHỨA BÍ MẬT NHÀ NƯỚC",
    (
        Column("Số thứ tự", ("n",), 10),
        Column("Người giữ", ("custodian",), 30),
        Column("Nơi cất giữ", ("location",), 28),
        Column("Số, ký hiệu, tên tài liệu", ("item",), 60),
        Column("Bản gốc / bản sao số", ("copy",), 20),
        Column("Độ mật", ("level",), 16),
        Column("Kết quả kiểm kê", ("outcome",), 24),
        Column("Ghi chú", ("note",), 30),
    ),
)


def rows(lines: Iterable[StockLine]) -> list[list[str]]:
    out = []
    for n, line in enumerate(lines, start=1):
        item = line.item
        out.append(
            [
                str(n),
                line.custodian.full_name if line.custodian else "",
                str(line.location) if line.location else "",
                " — ".join(x for x in (item.number_symbol, item.title) if x),
                f"Bản sao số {line.copy.number:02d}" if line.copy else "Bản gốc",
                Level[line.level].label_vi if line.level else "",
                OUTCOME_VI.get(line.outcome, line.outcome),
                line.note,
            ]
        )
    return out


def cover(session: StockTake) -> Cover:
    agency = session.agency
    return Cover(
        superior=agency.parent.name if agency.parent_id else "",  # type: ignore[union-attr]
        agency=agency.name,
        year=session.started_on.year,
        start=session.started_on,
        end=session.completed_on,
        first=None,
        last=None,
        book=session.title,
    )
