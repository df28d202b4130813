"""Copying, photographing and extracting (Law Art. 11; Decree 26 Art. 3): R-COPY-1 … R-COPY-9."""

from __future__ import annotations

import datetime as dt
from functools import partial

from bmnn.rules.authority import (
    TIER_FOR_LEVEL,
    authority_pair,
    can_delegate,
    describe,
    holds_copy_authority,
)
from bmnn.rules.dates import vn_date
from bmnn.rules.decision import Decision, Reason
from bmnn.rules.levels import Level
from bmnn.rules.regimes import Regime, flag_check, regime_for
from bmnn.rules.tags import Delegation, Position

COPY_ACTS = ("copy", "photo", "extract")
#: Forms of copying (Decree 26 Art. 3.1); PAPER_TO_ELECTRONIC is in the Decree 63 draft (2025 only).
COPY_FORMS = ("SAO_Y", "SAO_LUC", "TRICH_SAO", "CHUP", "PAPER_TO_ELECTRONIC")
#: Required marks per form of copy (R-COPY-6): stamp keys of the regime data, plus PHOTO_RECORD (Form 13).
REQUIRED_MARKS: dict[str, tuple[str, ...]] = {
    "SAO_Y": ("COPY", "COPY_NUMBER"),
    "SAO_LUC": ("COPY", "COPY_NUMBER"),
    "TRICH_SAO": ("COPY", "EXTRACT"),
    "CHUP": ("PHOTO_RECORD",),
    "PAPER_TO_ELECTRONIC": ("COPY",),
}
EXECUTOR_CATEGORIES = ("civil_servant", "public_employee", "armed_forces", "cryptography_worker", "other")


def district_pairs(reg: Regime, position: Position) -> list[tuple[bool, Reason]]:
    """R-REGIME-3: district-level posts exist in regime 2018 only (a failing pair, or none)."""
    if reg.id == "2025" and position.agency_tier == "district":
        reason = reg.reason(
            "R-REGIME-3",
            "chức danh cấp huyện không còn trong danh sách thẩm quyền (chính quyền địa phương hai cấp)",
            "district-level posts are no longer in the authority lists (two-level local government)",
        )
        return [(False, reason)]
    return []


def may_copy(
    level: Level,
    position: Position,
    on: dt.date,
    *,
    delegation: Delegation | None = None,
    act: str = "copy",
) -> Decision:
    """R-COPY-1/R-COPY-2: may ``position`` (or a deputy under ``delegation``) authorise ``act`` at ``level``?

    ``act`` is ``copy``, ``photo`` or ``extract``.
    """
    if act not in COPY_ACTS:
        raise ValueError(f"unknown copy act {act!r}")
    on = vn_date(on)
    reg = regime_for(on)
    tier = TIER_FOR_LEVEL[level]
    pair = authority_pair(
        reg,
        "R-COPY-1",
        act,
        level,
        position,
        on,
        holds=partial(holds_copy_authority, reg, level=level),
        delegation=delegation,
        delegable=partial(can_delegate, reg),
        clause=tier[-1],
        provision=f"copy_authority_{tier}",
    )
    return reg.decide(on, [*district_pairs(reg, position), pair])


def may_delegate(delegator: Position, on: dt.date) -> Decision:
    """R-COPY-2: may this head delegate copy authority to a deputy at all (Art. 11.5)?"""
    on = vn_date(on)
    reg = regime_for(on)
    ok = can_delegate(reg, delegator)
    reason = reg.reason(
        "R-COPY-2",
        f"{describe(delegator)} "
        + ("được ủy quyền cho cấp phó" if ok else "không được ủy quyền cho cấp phó"),
        f"{describe(delegator, 'en')} "
        + ("may delegate to a deputy" if ok else "may not delegate to a deputy"),
    )
    return reg.decide(on, [(ok, reason)])


def check_copy_permitted(copy_allowed: bool, approver_is_classifier: bool, on: dt.date) -> Decision:
    """R-COPY-3: a document marked "không được sao, chụp" may be copied only by its classifying authority."""
    on = vn_date(on)
    reg = regime_for(on)
    ok = copy_allowed or approver_is_classifier
    if copy_allowed:
        msg = ("tài liệu được phép sao, chụp", "the document may be copied")
    elif ok:
        msg = (
            "người có thẩm quyền xác định độ mật cho phép sao, chụp",
            "the classifying authority allows it",
        )
    else:
        msg = ("tài liệu ghi không được sao, chụp", "the document is marked copy forbidden")
    return reg.decide(on, [(ok, reg.reason("R-COPY-3", *msg))])


def check_copy_count(authorized: int, made: int, destroyed: int, on: dt.date) -> Decision:
    """R-COPY-5: copies kept (made − destroyed) may not exceed the authorised number."""
    on = vn_date(on)
    reg = regime_for(on)
    kept = made - destroyed
    ok = 0 <= destroyed <= made and kept <= authorized
    reason = reg.reason(
        "R-COPY-5",
        f"giữ {kept} bản, được phép {authorized} bản" + ("" if ok else "; bản thừa, hỏng phải tiêu hủy ngay"),
        f"{kept} copies kept, {authorized} authorised" + ("" if ok else "; destroy surplus copies at once"),
    )
    return reg.decide(on, [(ok, reason)], surplus=max(kept - authorized, 0))


def check_copy_marks(form: str, marks: frozenset[str] | set[str], on: dt.date) -> Decision:
    """R-COPY-6: the marks a copy must carry for its form (see :data:`REQUIRED_MARKS`)."""
    on = vn_date(on)
    reg = regime_for(on)
    allowed_form = form in REQUIRED_MARKS and (form != "PAPER_TO_ELECTRONIC" or reg.id == "2025")
    if not allowed_form:
        reason = reg.reason(
            "R-COPY-6", f"hình thức sao không hợp lệ: {form}", f"invalid form of copy: {form}"
        )
        return reg.decide(on, [(False, reason)])
    missing = [m for m in REQUIRED_MARKS[form] if m not in marks]
    reason = reg.reason(
        "R-COPY-6",
        "thiếu: " + ", ".join(missing) if missing else "có đủ dấu, văn bản ghi nhận",
        "missing: " + ", ".join(missing) if missing else "all marks present",
    )
    return reg.decide(on, [(not missing, reason)], required=REQUIRED_MARKS[form])


def check_copy_inherits(
    original_level: Level,
    copy_level: Level,
    original_expiry: dt.date | None,
    copy_expiry: dt.date | None,
    on: dt.date,
) -> Decision:
    """R-COPY-7: a copy carries the original's level and protection period."""
    on = vn_date(on)
    reg = regime_for(on)
    ok = original_level == copy_level and original_expiry == copy_expiry
    reason = reg.reason(
        "R-COPY-7",
        "bản sao có độ mật và thời hạn bảo vệ như bản gốc"
        if ok
        else "bản sao phải có độ mật và thời hạn bảo vệ như bản gốc",
        "the copy has the original's level and period"
        if ok
        else "the copy must keep the original's level and period",
    )
    return reg.decide(on, [(ok, reason)])


def may_execute_copy(category: str, has_bmnn_duties: bool, on: dt.date) -> Decision:
    """R-COPY-8: the person doing the copying (Art. 11.6)."""
    on = vn_date(on)
    reg = regime_for(on)
    if category not in EXECUTOR_CATEGORIES:
        raise ValueError(f"unknown employment category {category!r}")
    allowed_categories = reg.provision("copy_executor")["categories"]
    ok = category in allowed_categories and has_bmnn_duties
    if category not in allowed_categories:
        msg = (
            "người thực hiện không phải cán bộ, công chức, viên chức, "
            "lực lượng vũ trang hoặc người làm công tác cơ yếu",
            "the executor is not a civil servant, public employee, "
            "armed-forces member or cryptography worker",
        )
    elif not has_bmnn_duties:
        msg = (
            "người thực hiện không trực tiếp quản lý BMNN hoặc làm công việc liên quan",
            "the executor has no BMNN-related duties",
        )
    else:
        msg = ("người thực hiện đủ điều kiện", "the executor qualifies")
    return reg.decide(on, [(ok, reg.reason("R-COPY-8", *msg))])


def check_copy_device(networked: bool, cryptography_exempt: bool, on: dt.date) -> Decision:
    """R-COPY-9: copy and photo devices must not be connected to any network (cơ yếu exception)."""
    return flag_check(
        "R-COPY-9",
        not networked or cryptography_exempt,
        on,
        ("thiết bị sao, chụp không kết nối mạng", "the device is offline"),
        ("thiết bị sao, chụp đang kết nối mạng", "the copy device is connected to a network"),
    )
