"""Importing a sector classification list from TOML, YAML or XLSX (one decision per file)."""

from __future__ import annotations

import datetime as dt
import io
import tomllib
from pathlib import Path
from typing import Any

import yaml  # type: ignore[import-untyped]
from django.db import transaction

from bmnn.core import audit
from bmnn.core.errors import Refused, refuse
from bmnn.registry.models import ClassificationList, ListItem
from bmnn.registry.text import search_blob
from bmnn.rules import FIELDS, Level

MAX_BYTES = 2_000_000
DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "lists"
HEADER_KEYS = ("decision_number", "decision_date", "title", "field", "issuer", "replaces", "source")


def _bad(message: str, field: str = "") -> Refused:
    return Refused(f"Tệp danh mục không hợp lệ: {message}", rule_id="R-CLS-3", field=field or "file")


def parse(data: bytes, filename: str) -> dict[str, Any]:
    """Parse a list file into ``{header..., "items": [{level, number, text}, ...]}``."""
    if len(data) > MAX_BYTES:
        raise _bad("tệp quá lớn (tối đa 2 MB)")
    suffix = Path(filename).suffix.lower()
    try:
        if suffix == ".toml":
            raw: Any = tomllib.loads(data.decode("utf-8"))
        elif suffix in (".yaml", ".yml"):
            raw = yaml.safe_load(data.decode("utf-8"))
        elif suffix == ".xlsx":
            raw = _parse_xlsx(data)
        else:
            raise _bad("chỉ nhận tệp .toml, .yaml, .yml hoặc .xlsx")
    except Refused:
        raise
    except Exception as exc:  # noqa: BLE001 - any parser error is the file's fault
        raise _bad(f"không đọc được tệp ({type(exc).__name__}: {exc})") from None
    if not isinstance(raw, dict):
        raise _bad("nội dung phải là một bảng khoá/giá trị")
    return _validate(raw)


def _parse_xlsx(data: bytes) -> dict[str, Any]:
    """Sheet 1: rows ``key | value`` for the header, then a row ``level | number | text``, then items."""
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(data), read_only=True, data_only=True).worksheets[0]
    out: dict[str, Any] = {"items": []}
    in_items = False
    for row in sheet.iter_rows(values_only=True):
        cells = list(row[:3]) + [None] * (3 - len(row[:3]))
        if all(c in (None, "") for c in cells):
            continue
        if not in_items and str(cells[0]).strip().lower() == "level":
            in_items = True
            continue
        if in_items:
            out["items"].append({"level": cells[0], "number": cells[1], "text": cells[2]})
        else:
            out[str(cells[0]).strip()] = cells[1]
    return out


def _date(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value or "").strip()
    for fmt in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise _bad(f"ngày quyết định không hợp lệ: {text!r} (dd/mm/yyyy hoặc yyyy-mm-dd)", "decision_date")


def _validate(raw: dict[str, Any]) -> dict[str, Any]:
    header = {k: raw.get(k) for k in HEADER_KEYS}
    for key in ("decision_number", "decision_date", "title", "field"):
        if header[key] in (None, ""):
            raise _bad(f"thiếu '{key}'", key)
    header["decision_date"] = _date(header["decision_date"])
    header = {k: (v if k == "decision_date" else str(v or "").strip()) for k, v in header.items()}
    if header["field"] not in FIELDS:
        raise _bad(f"lĩnh vực không hợp lệ: {header['field']!r}", "field")
    items = raw.get("items")
    if not isinstance(items, list) or not items:
        raise _bad("không có mục nào trong danh mục", "items")
    parsed = []
    seen = set()
    for index, row in enumerate(items, start=1):
        if not isinstance(row, dict):
            raise _bad(f"mục thứ {index} không phải bảng level/number/text", "items")
        try:
            level = Level.parse(str(row.get("level") or ""))
        except ValueError:
            raise _bad(f"mục thứ {index}: độ mật không hợp lệ {row.get('level')!r}", "items") from None
        number, text = str(row.get("number") or "").strip(), str(row.get("text") or "").strip()
        if not number or not text:
            raise _bad(f"mục thứ {index}: thiếu số mục hoặc nội dung", "items")
        if (level, number) in seen:
            raise _bad(f"mục thứ {index}: trùng {level.label_vi} mục {number}", "items")
        seen.add((level, number))
        parsed.append({"level": level.value, "number": number, "text": text})
    header["items"] = parsed
    return header


def import_list(actor: Any, data: bytes, filename: str) -> ClassificationList:
    """Create one classification list with its items; a bad file or a duplicate changes nothing."""
    try:
        spec = parse(data, filename)
        with transaction.atomic():
            if ClassificationList.objects.filter(decision_number=spec["decision_number"]).exists():
                raise _bad(f"danh mục {spec['decision_number']} đã có trong hệ thống", "decision_number")
            items = spec.pop("items")
            clist = ClassificationList.objects.create(**spec)
            ListItem.objects.bulk_create(
                ListItem(source_list=clist, search_text=search_blob(row["text"], row["number"]), **row)
                for row in items
            )
            audit.record(
                actor,
                "registry.list.import",
                clist,
                summary={"file": filename, "decision": clist.decision_number, "items": len(items)},
            )
            return clist
    except Refused as exc:
        raise refuse(actor, "registry.list.import", exc, None, file=filename) from None


def load_shipped(actor: Any = None) -> list[ClassificationList]:
    """Import the shipped example lists that are not in the database yet."""
    done = []
    for path in sorted(DATA_DIR.glob("*.toml")):
        spec = parse(path.read_bytes(), path.name)
        if not ClassificationList.objects.filter(decision_number=spec["decision_number"]).exists():
            done.append(import_list(actor, path.read_bytes(), path.name))
    return done
