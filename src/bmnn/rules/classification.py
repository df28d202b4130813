"""Levels and determining the classification: R-CLS-1 … R-CLS-8."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from bmnn.rules.authority import describe
from bmnn.rules.checklists import missing_pair
from bmnn.rules.dates import vn_date
from bmnn.rules.decision import Decision
from bmnn.rules.levels import FIELDS, Level, highest
from bmnn.rules.regimes import regime_for
from bmnn.rules.tags import Position

#: Kinds of BMNN holder (Law Art. 2.1).  Non-documents need a written determination (Form 01).
CONTAINER_KINDS = ("document", "electronic_document", "object", "place", "speech", "activity", "other")
NON_DOCUMENT_KINDS = ("object", "place", "speech", "activity", "other")


def check_level(value: str | Level, on: dt.date) -> Decision:
    """R-CLS-1: the value is one of the three levels (member, value, CLI slug or Vietnamese label)."""
    on = vn_date(on)
    reg = regime_for(on)
    try:
        level = Level.parse(value)
    except ValueError:
        reason = reg.reason("R-CLS-1", f"độ mật không hợp lệ: {value}", f"invalid level: {value}")
        return reg.decide(on, [(False, reason)])
    reason = reg.reason("R-CLS-1", f"độ {level.label_vi}", f"level {level.label_en}")
    return reg.decide(on, [(True, reason)], level=level.value)


def check_field_level(field: str, level: Level, on: dt.date) -> Decision:
    """R-CLS-2: Tuyệt mật only in politics, defence, security, cryptography and foreign affairs."""
    if field not in FIELDS:
        raise ValueError(f"unknown field {field!r}")
    on = vn_date(on)
    reg = regime_for(on)
    allowed = reg.provision("tuyet_mat_fields")["fields"]
    ok = level != Level.TUYET_MAT or field in allowed
    name_vi, name_en = FIELDS[field]
    reason = reg.reason(
        "R-CLS-2",
        f"lĩnh vực {name_vi} " + ("được xác định độ " if ok else "không được xác định độ ") + level.label_vi,
        f"field {name_en} " + ("allows " if ok else "does not allow ") + level.label_en,
        provision="tuyet_mat_fields",
    )
    return reg.decide(on, [(ok, reason)])


def check_list_basis(list_decision: str | None, list_item: str | None, on: dt.date) -> Decision:
    """R-CLS-3: a classification cites a list decision (e.g. "531/QĐ-TTg") and the item in it."""
    on = vn_date(on)
    reg = regime_for(on)
    ok = bool(list_decision and list_item)
    prohibited = " (hành vi bị nghiêm cấm)" if reg.id == "2025" else ""
    reason = reg.reason(
        "R-CLS-3",
        f"căn cứ danh mục BMNN {list_decision}, mục {list_item}"
        if ok
        else "không có căn cứ danh mục BMNN (số quyết định và mục)" + prohibited,
        f"list {list_decision}, item {list_item}"
        if ok
        else "no classification-list reference (decision and item)",
    )
    return reg.decide(on, [(ok, reason)])


def container_level(levels: Iterable[Level]) -> Level | None:
    """R-CLS-4: the level of a container is the highest level of its parts (None if no part is secret)."""
    return highest(levels)


def check_container_level(declared: Level, parts: Iterable[Level], on: dt.date) -> Decision:
    """R-CLS-4: the declared container level equals the highest level of its parts."""
    on = vn_date(on)
    reg = regime_for(on)
    expected = container_level(parts)
    ok = expected is None or declared == expected
    shown = expected or declared
    reason = reg.reason(
        "R-CLS-4",
        f"độ mật của vật chứa là {shown.label_vi} (độ mật cao nhất)",
        f"the container's level is {shown.label_en} (highest of its parts)",
    )
    return reg.decide(on, [(ok, reason)], expected=shown.value)


def may_determine(
    position: Position,
    on: dt.date,
    *,
    agency: str = "",
    proposal: Mapping[str, Any] | Iterable[str] | None = None,
) -> Decision:
    """R-CLS-5: only the head of the agency (``agency`` compared with ``position.agency`` when given)
    decides the classification; the drafter's ``proposal`` must state level, recipients, number of
    copies and whether copying is allowed."""
    on = vn_date(on)
    reg = regime_for(on)
    ok = "agency_head" in position.head_tags() and (not agency or position.agency == agency)
    who = "người đứng đầu cơ quan, tổ chức" if reg.id == "2018" else "người có thẩm quyền"
    reason = reg.reason(
        "R-CLS-5",
        f"{describe(position)} "
        + ("có" if ok else "không có")
        + " thẩm quyền xác định BMNN"
        + ("" if ok else f"; chỉ {who} quyết định, người soạn thảo chỉ đề xuất"),
        f"{describe(position, 'en')} " + ("may" if ok else "may not") + " determine the classification",
    )
    pairs = [(ok, reason)]
    if proposal is not None:
        pairs.append(missing_pair(reg, "R-CLS-5", proposal))
    return reg.decide(on, pairs)


def check_electronic_mark(
    determination_approved: bool, printed_for_issue: bool, red_stamp_applied: bool, on: dt.date
) -> Decision:
    """R-CLS-7: the electronic level mark only after approval; a print for issue needs the red stamp."""
    on = vn_date(on)
    reg = regime_for(on)
    stamp_ok = not printed_for_issue or red_stamp_applied
    pairs = [
        (
            determination_approved,
            reg.reason(
                "R-CLS-7",
                "độ mật đã được phê duyệt"
                if determination_approved
                else "chưa được người có thẩm quyền xác định độ mật",
                "level approved" if determination_approved else "the level has not been approved",
            ),
        ),
        (
            stamp_ok,
            reg.reason(
                "R-CLS-7",
                "bản in có dấu chỉ độ mật màu đỏ"
                if stamp_ok
                else "bản in phát hành phải đóng dấu chỉ độ mật màu đỏ",
                "print carries the red stamp" if stamp_ok else "a print for issue needs the red level stamp",
            ),
        ),
    ]
    return reg.decide(on, pairs)


def check_non_document(kind: str, has_written_determination: bool, on: dt.date) -> Decision:
    """R-CLS-8: objects, places, speech, activities need a written determination of level (Form 01)."""
    if kind not in CONTAINER_KINDS:
        raise ValueError(f"unknown container kind {kind!r}")
    on = vn_date(on)
    reg = regime_for(on)
    needed = kind in NON_DOCUMENT_KINDS
    ok = not needed or has_written_determination
    reason = reg.reason(
        "R-CLS-8",
        "có văn bản xác định độ mật (Mẫu 01)" if ok else "phải lập văn bản xác định độ mật (Mẫu 01)",
        "written determination present (Form 01)" if ok else "a written determination (Form 01) is required",
    )
    return reg.decide(on, [(ok, reason)], form_01_required=needed)
