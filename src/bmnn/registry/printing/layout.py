"""Register layouts (data/registers.toml), cover fields and cell values shared by PDF and XLSX."""

from __future__ import annotations

import datetime as dt
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from bmnn.organizations.models import Agency
from bmnn.registry.models import RegisterEntry
from bmnn.rules import Level

LAYOUTS = Path(__file__).resolve().parent.parent / "data" / "registers.toml"
ROUTES = {
    "named_person": "Chuyển ngay người có tên, không bóc bì",
    "agency_leader": "Hỏa tốc: chuyển lãnh đạo cơ quan",
    "hold_for_named_person": "Giữ nguyên bì chờ người có tên",
    "registry": "",
}

BOOLEAN_MARKS = {
    "recall_mark": "TÀI LIỆU THU HỒI",
    "named_only": "Chỉ người có tên mới được bóc bì",
    "flash": "Hỏa tốc",
}


@dataclass(frozen=True)
class Column:
    header: str
    fields: tuple[str, ...]
    width: float


@dataclass(frozen=True)
class Layout:
    register: str
    form: str
    title: str
    columns: tuple[Column, ...]


@dataclass(frozen=True)
class Cover:
    """The verified cover fields of the register book (R-FORM-4)."""

    superior: str
    agency: str
    year: int
    start: dt.date | None
    end: dt.date | None
    first: int | None
    last: int | None
    book: str


@cache
def _data() -> dict[str, Any]:
    return tomllib.loads(LAYOUTS.read_text(encoding="utf-8"))


def layout(register: str) -> Layout:
    spec = _data()[register]
    cols = tuple(Column(c["header"], tuple(c["fields"]), float(c["width"])) for c in spec["columns"])
    return Layout(register, spec["form"], spec["title"], cols)


def _cell(entry: RegisterEntry, name: str) -> str:
    value = getattr(entry, name)
    if value in (None, "", False):
        return ""
    if value is True:
        return BOOLEAN_MARKS.get(name, "x")
    if name in ("level", "envelope_level"):
        return Level[value].label_vi
    if name == "route_to":
        return ROUTES.get(value, value)
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    return str(value)


def rows_for(entries: Iterable[RegisterEntry], lay: Layout) -> list[list[str]]:
    return [
        [" — ".join(v for v in (_cell(e, f) for f in col.fields) if v) for col in lay.columns]
        for e in entries
    ]


def cover_for(agency: Agency, year: int, entries: list[RegisterEntry], book: str = "01") -> Cover:
    dates = [e.registered_on for e in entries]
    seqs = [e.seq for e in entries]
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
