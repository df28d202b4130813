"""Who may decide: copy tiers of Law Art. 11 and written delegation to deputies (R-COPY-1, R-COPY-2).

A position holds a copy tier when one of its head tags (tags without ``deputy:``) is listed for that tier
in the regime data.  Tiers are cumulative: ``11_1`` (Tuyệt mật) ⊂ ``11_2`` (Tối mật) ⊂ ``11_3`` (Mật).
A deputy acts only through a :class:`~bmnn.rules.tags.Delegation` that is written, in term, covers the
act and the level, comes from a head the deputy actually deputises for, and whose delegator holds a
delegable authority (a Mật-only authority cannot delegate).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from bmnn.rules.dates import fmt
from bmnn.rules.decision import Reason
from bmnn.rules.levels import Level
from bmnn.rules.regimes import Regime
from bmnn.rules.tags import Delegation, Position, tag_label

TIERS: tuple[str, ...] = ("11_1", "11_2", "11_3")
TIER_FOR_LEVEL = {Level.TUYET_MAT: "11_1", Level.TOI_MAT: "11_2", Level.MAT: "11_3"}

#: Act key -> (Vietnamese verb phrase, English verb phrase).
ACT_LABELS: dict[str, tuple[str, str]] = {
    "copy": ("sao", "copy"),
    "photo": ("chụp", "photograph"),
    "extract": ("trích sao", "extract"),
    "take_out": ("mang ra khỏi nơi lưu giữ", "take out of storage"),
    "take_out_abroad": ("mang ra nước ngoài", "take abroad"),
    "provide": ("cung cấp, chuyển giao", "provide"),
    "provide_foreign": ("cung cấp cho nước ngoài", "provide to a foreign party"),
    "meeting": ("sử dụng trong cuộc họp", "use in a meeting"),
    "destroy": ("tiêu hủy", "destroy"),
}

Holds = Callable[[Position], bool]


def describe(position: Position, lang: str = "vi") -> str:
    """A readable list of the position's posts."""
    labels = [tag_label(t, lang) for t in sorted(position.tags)]
    if labels:
        return ", ".join(labels)
    return "chức danh không có thẩm quyền" if lang == "vi" else "a post with no authority tag"


def is_head_of(position: Position, agency: str = "") -> bool:
    """The position heads ``agency`` (a head tag ``agency_head`` there; any agency when empty)."""
    return "agency_head" in position.head_tags() and (not agency or position.agency == agency)


def tier_tags(reg: Regime, tier: str) -> frozenset[str]:
    """All head tags that hold ``tier`` (cumulative) under ``reg``."""
    tags: set[str] = set()
    for point_tags in reg.provision("copy_authority_11_1")["points"].values():
        tags.update(point_tags)
    for extra in TIERS[1 : TIERS.index(tier) + 1]:
        tags.update(reg.provision(f"copy_authority_{extra}")["tags"])
    return frozenset(tags)


def point_tags(reg: Regime, points: list[str]) -> frozenset[str]:
    """Head tags named in the given points of Art. 11.1."""
    table = reg.provision("copy_authority_11_1")["points"]
    return frozenset(tag for p in points for tag in table[p])


def copy_tier(reg: Regime, position: Position) -> str | None:
    """The highest Art. 11 tier the position holds as head, or None."""
    heads = position.head_tags()
    return next((t for t in TIERS if heads & tier_tags(reg, t)), None)


def holds_copy_authority(reg: Regime, position: Position, level: Level) -> bool:
    return bool(position.head_tags() & tier_tags(reg, TIER_FOR_LEVEL[level]))


def can_delegate(reg: Regime, position: Position) -> bool:
    """Art. 11.5: only holders of the delegating tiers (11.1, 11.2) may delegate."""
    tier = copy_tier(reg, position)
    return tier in reg.provision("delegation")["delegating_tiers"]


def check_delegation(
    reg: Regime,
    delegation: Delegation,
    deputy: Position,
    act: str,
    level: Level,
    on: dt.date,
    holds: Holds,
    delegable: Holds,
    rule_id: str = "R-COPY-2",
) -> tuple[bool, Reason]:
    """Whether ``deputy`` may act for its head under ``delegation`` (R-COPY-2, or the act's own rule)."""
    verb_vi, verb_en = ACT_LABELS[act]
    head = delegation.delegator
    checks: list[tuple[bool, str, str]] = [
        (delegation.written, "việc ủy quyền phải bằng văn bản", "the delegation must be in writing"),
        (
            bool(deputy.deputy_of() & head.head_tags()),
            "người được ủy quyền không phải cấp phó của người ủy quyền",
            "the delegate is not a deputy of the delegator",
        ),
        (
            delegation.valid_from <= on and (delegation.valid_to is None or on <= delegation.valid_to),
            f"văn bản ủy quyền không còn hiệu lực vào ngày {fmt(on)}",
            f"the delegation is not in force on {fmt(on)}",
        ),
        (
            act in delegation.acts and level <= delegation.max_level,
            f"văn bản ủy quyền không bao gồm việc {verb_vi} tài liệu {level.label_vi}",
            f"the delegation does not cover the act '{verb_en}' at level {level.label_en}",
        ),
        (
            holds(head),
            f"người ủy quyền không có thẩm quyền {verb_vi} tài liệu {level.label_vi}",
            f"the delegator has no authority to {verb_en} {level.label_en} items",
        ),
        (
            delegable(head),
            "người chỉ có thẩm quyền đối với tài liệu Mật không được ủy quyền",
            "a Mật-only authority cannot delegate",
        ),
    ]
    for ok, vi, en in checks:
        if not ok:
            return False, reg.reason(rule_id, vi, en)
    return True, reg.reason(
        rule_id,
        f"cấp phó được ủy quyền bằng văn bản {delegation.reference}".rstrip() + f" để {verb_vi}",
        f"deputy acting under written delegation {delegation.reference}".rstrip() + f" to {verb_en}",
    )


def authority_pair(
    reg: Regime,
    rule_id: str,
    act: str,
    level: Level,
    position: Position,
    on: dt.date,
    *,
    holds: Holds,
    delegation: Delegation | None = None,
    delegable: Holds | None = None,
    clause: str | None = None,
    provision: str | None = None,
    delegation_rule: str = "R-COPY-2",
) -> tuple[bool, Reason]:
    """(ok, reason) for "may ``position`` decide ``act`` at ``level``", directly or by delegation.

    ``delegable`` None means the act cannot be delegated at all.
    """
    verb_vi, verb_en = ACT_LABELS[act]
    citation = reg.cite(rule_id, clause=clause) if clause else None
    if holds(position):
        return True, reg.reason(
            rule_id,
            f"{describe(position)} có thẩm quyền quyết định việc {verb_vi} tài liệu {level.label_vi}",
            f"{describe(position, 'en')} may decide to {verb_en} {level.label_en} items",
            citation=citation,
            provision=provision,
        )
    if delegation is not None and delegable is not None:
        return check_delegation(reg, delegation, position, act, level, on, holds, delegable, delegation_rule)
    return False, reg.reason(
        rule_id,
        f"{describe(position)} không có thẩm quyền quyết định việc {verb_vi} tài liệu {level.label_vi}",
        f"{describe(position, 'en')} has no authority to {verb_en} {level.label_en} items",
        citation=citation,
        provision=provision,
    )
