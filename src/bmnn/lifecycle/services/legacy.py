"""Legacy review (R-TRANS-1): import items classified before 01/01/2019 (Ordinance 30/2000) or before
01/03/2026 (Law of 2018), flag them, and review each one with outcome KEEP / ADJUST / DECLASSIFY,
recording the date the protection period was counted from."""

from __future__ import annotations

import datetime as dt
import io
import unicodedata
from collections.abc import Mapping
from typing import Any

from bmnn.core import audit
from bmnn.core.errors import Refused
from bmnn.lifecycle.models import LegacyImport, LegacyOutcome, LegacyReviewLine
from bmnn.lifecycle.services.common import (
    act,
    actor_person,
    require,
    require_head,
    system_refusal,
    today,
)
from bmnn.registry.models import RANK, Item, Status
from bmnn.rules import Level, check_legacy_review, declassified_stamp, level_stamp, protection_period
from bmnn.rules.dates import fmt
from bmnn.rules.regimes import TOPIC_PERIOD, regime_for

CUTOFFS = {"2019": dt.date(2019, 1, 1), "2026": dt.date(2026, 3, 1)}
MAX_ROWS = 5000
HEADERS = {
    "number_symbol": ("so ky hieu", "so, ky hieu", "so/ky hieu", "number_symbol", "so"),
    "title": ("trich yeu", "ten tai lieu", "tieu de", "title", "noi dung"),
    "level": ("do mat", "level", "muc do mat"),
    "determined_on": ("ngay xac dinh", "ngay xac dinh do mat", "determined_on", "ngay"),
}
LEVELS = {"tuyet mat": "TUYET_MAT", "toi mat": "TOI_MAT", "mat": "MAT"}


def _fold(value: Any) -> str:
    text = unicodedata.normalize("NFD", str(value or "").strip().lower()).replace("đ", "d")
    return "".join(ch for ch in text if unicodedata.category(ch) != "Mn").replace("  ", " ")


def _level(value: Any) -> str:
    raw = str(value or "").strip()
    if raw.upper() in RANK:
        return raw.upper()
    return LEVELS.get(_fold(raw), "")


def _date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value or "").strip()
    for pattern in ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y"):
        try:
            return dt.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return None


def parse_sheet(data: bytes) -> list[dict[str, Any]]:
    """Rows of the first sheet as dicts keyed by the known columns (header row = first non-empty row)."""
    import openpyxl

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a file that is not a workbook
        raise Refused("Tệp không phải bảng tính Excel (.xlsx) hợp lệ.", field="file") from exc
    sheet = book.worksheets[0]
    columns: dict[str, int] = {}
    rows: list[dict[str, Any]] = []
    for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
        if not columns:
            folded = [_fold(v) for v in values]
            for key, names in HEADERS.items():
                for idx, name in enumerate(folded):
                    if name in names:
                        columns[key] = idx
                        break
            if columns and not {"title", "level", "determined_on"} <= set(columns):
                raise Refused(
                    "Bảng tính phải có các cột: Trích yếu, Độ mật, Ngày xác định (và Số, ký hiệu).",
                    field="file",
                )
            continue
        if not any(v not in (None, "") for v in values):
            continue
        rows.append(
            {"row": number, **{k: values[i] if i < len(values) else None for k, i in columns.items()}}
        )
        if len(rows) > MAX_ROWS:
            raise Refused(f"Tối đa {MAX_ROWS} dòng mỗi lần nhập.", field="file")
    if not columns:
        raise Refused("Bảng tính trống.", field="file")
    return rows


def import_legacy(
    actor: Any, *, cutoff: str, filename: str, data: bytes, on: dt.date | None = None
) -> LegacyImport:
    """Import and flag legacy records; every row must be classified before the cutoff (else nothing is
    imported and the rows are named)."""
    on = on or today()
    action = "lifecycle.legacy.import"

    def body() -> LegacyImport:
        person = actor_person(actor, on)
        require_head(person, person.agency_id, "R-TRANS-1", on, "rà soát hồ sơ BMNN cũ")
        if cutoff not in CUTOFFS:
            raise Refused("Mốc rà soát không hợp lệ.", field="cutoff")
        limit = CUTOFFS[cutoff]
        rows = parse_sheet(data)
        bad: list[str] = []
        parsed = []
        for r in rows:
            level, day = _level(r.get("level")), _date(r.get("determined_on"))
            title = str(r.get("title") or "").strip()
            if not level or day is None or not title:
                bad.append(f"dòng {r['row']}: thiếu hoặc sai trích yếu, độ mật, ngày xác định")
            elif day >= limit:
                bad.append(f"dòng {r['row']}: xác định ngày {fmt(day)}, không trước {fmt(limit)}")
            else:
                parsed.append((r, level, day, title))
        if bad:
            raise system_refusal("; ".join(bad[:20]), "R-TRANS-1", on, field="file")
        if not parsed:
            raise Refused("Bảng tính không có dòng nào.", field="file")
        batch = LegacyImport.objects.create(
            agency_id=person.agency_id,
            cutoff=cutoff,
            filename=filename[:255],
            imported_by=person,
            imported_on=on,
            created_by=actor,
        )
        for r, level, day, title in parsed:
            period = protection_period(Level[level], day)
            expiry = period.info.get("expiry")
            reg = regime_for(day, TOPIC_PERIOD)
            start = day
            if reg.legacy and reg.provision("legacy")["period_start"] == "2019-01-01":
                start = CUTOFFS["2019"]
            number = str(r.get("number_symbol") or "").strip()[:120]
            item = (
                Item.objects.filter(agency_id=person.agency_id, number_symbol=number).first()
                if number
                else None
            )
            LegacyReviewLine.objects.create(
                batch=batch,
                row=r["row"],
                item=item,
                number_symbol=number,
                title=title[:500],
                level=level,
                determined_on=day,
                flag="LEGACY" if day < CUTOFFS["2019"] else "LAW_2018",
                period_start=start,
                expires_on=expiry,
                regime=reg.id,
            )
        audit.record(
            actor,
            action,
            batch,
            summary={"cutoff": cutoff, "rows": len(parsed), "filename": batch.filename},
        )
        return batch

    return act(actor, action, None, body)


def review(
    actor: Any,
    batch: LegacyImport,
    decisions: Mapping[int, tuple[str, str, str]],
    on: dt.date | None = None,
) -> int:
    """Bulk review: ``decisions`` maps line id → (outcome, new level, note).  A linked live item follows
    the outcome (ADJUST: new level; DECLASSIFY: GIẢI MẬT)."""
    on = on or today()
    action = "lifecycle.legacy.review"

    def body() -> int:
        person = actor_person(actor, on)
        require_head(person, batch.agency_id, "R-TRANS-1", on, "quyết định kết quả rà soát")
        if batch.closed_on:
            raise system_refusal("đợt rà soát đã kết thúc", "R-TRANS-1", on)
        lines = {line.pk: line for line in batch.lines.select_for_update().filter(pk__in=list(decisions))}
        done = []
        for pk, (outcome, new_level, note) in decisions.items():
            line = lines.get(pk)
            if line is None or not outcome:
                continue
            if outcome not in LegacyOutcome.values:
                raise system_refusal(
                    f"kết quả rà soát không hợp lệ: {outcome}", "R-TRANS-1", on, field="outcome"
                )
            if outcome == LegacyOutcome.ADJUST and (new_level not in RANK or new_level == line.level):
                raise system_refusal(
                    f"dòng {line.row}: điều chỉnh phải chọn độ mật mới khác độ mật hiện tại",
                    "R-TRANS-1",
                    on,
                    field="new_level",
                )
            line.outcome, line.new_level = outcome, new_level if outcome == LegacyOutcome.ADJUST else ""
            line.note, line.reviewed_by, line.reviewed_on = note.strip(), person, on
            line.save()
            _apply(line, on)
            done.append({"line": line.pk, "outcome": outcome, "period_start": fmt(line.period_start)})
        if not done:
            raise Refused("Chưa chọn kết quả rà soát cho dòng nào.", field="outcome")
        audit.record(actor, action, batch, summary={"lines": done})
        return len(done)

    return act(actor, action, batch, body)


def _apply(line: LegacyReviewLine, on: dt.date) -> None:
    item = Item.objects.select_for_update(of=("self",)).get(pk=line.item_id) if line.item_id else None
    if item is None or item.status not in (Status.DETERMINED, Status.RECEIVED):
        return
    marks = dict(item.marks or {})
    marks["legacy_review"] = {"outcome": line.outcome, "on": fmt(on), "period_start": fmt(line.period_start)}
    if line.outcome == LegacyOutcome.DECLASSIFY:
        marks["declassified_stamp"] = list(declassified_stamp(on).lines)
        item.status, item.declassified_on = Status.DECLASSIFIED, on
    elif line.outcome == LegacyOutcome.ADJUST:
        st = level_stamp(Level[line.new_level], on)
        marks["level_stamp"] = {**dict(marks.get("level_stamp") or {}), "text": st.text, "form": st.form}
        item.level, item.level_rank = line.new_level, RANK[line.new_level]
    item.marks = marks
    item.save(update_fields=["marks", "status", "declassified_on", "level", "level_rank", "updated_at"])


def close_review(actor: Any, batch: LegacyImport, on: dt.date | None = None) -> LegacyImport:
    """Close the review: refused while any line has no outcome (R-TRANS-1)."""
    on = on or today()
    action = "lifecycle.legacy.close"

    def body() -> LegacyImport:
        person = actor_person(actor, on)
        require_head(person, batch.agency_id, "R-TRANS-1", on, "kết thúc rà soát")
        locked = LegacyImport.objects.select_for_update().get(pk=batch.pk)
        for line in locked.lines.all():
            if line.flag == "LEGACY":
                require(check_legacy_review(line.determined_on, line.outcome or None, on), "outcome")
            elif line.outcome not in LegacyOutcome.values:
                raise system_refusal(f"dòng {line.row} chưa được rà soát", "R-TRANS-1", on, field="outcome")
        locked.closed_on = on
        locked.save(update_fields=["closed_on"])
        audit.record(actor, action, locked, summary={"lines": locked.lines.count()})
        return locked

    return act(actor, action, batch, body)
