"""Taking out of storage, providing (domestic, foreign) and meetings: R-OUT-*, R-PROV-*, R-MEET-*."""

from __future__ import annotations

import datetime as dt
from functools import partial

from bmnn.rules.authority import authority_pair, can_delegate, holds_copy_authority, point_tags
from bmnn.rules.copying import district_pairs
from bmnn.rules.dates import vn_date
from bmnn.rules.decision import Decision, Reason
from bmnn.rules.levels import Level
from bmnn.rules.regimes import Regime, regime_for
from bmnn.rules.tags import Delegation, Position


def _always(_: Position) -> bool:
    return True


def _is_agency_head(agency: str, position: Position) -> bool:
    return "agency_head" in position.head_tags() and (not agency or position.agency == agency)


def _abroad_tags(reg: Regime) -> frozenset[str]:
    table = reg.provision("take_out_abroad")
    return point_tags(reg, table["points"]) | frozenset(table["extra"])


def may_take_out(
    level: Level,
    position: Position,
    on: dt.date,
    *,
    abroad: bool = False,
    managing_agency: str = "",
    delegation: Delegation | None = None,
    delegation_head_notified: bool = False,
) -> Decision:
    """R-OUT-1 (domestic) / R-OUT-2 (abroad): may ``position`` permit taking the item out of storage?

    Domestic: the head of the agency managing the item (``managing_agency``, compared with
    ``position.agency`` when given) or a deputy it authorised.  Abroad: the Ministers of Defence or Public
    Security, an Art. 11.1 person of points a–đ, g–l, or their authorised deputy; the head of the
    working delegation must also be notified.
    """
    on = vn_date(on)
    reg = regime_for(on)
    if abroad:
        tags = _abroad_tags(reg)
        pair = authority_pair(
            reg,
            "R-OUT-2",
            "take_out_abroad",
            level,
            position,
            on,
            holds=lambda p: bool(p.head_tags() & tags),
            delegation=delegation,
            delegable=_always,
            delegation_rule="R-OUT-2",
        )
        notice = reg.reason(
            "R-OUT-2",
            "đã báo cáo Trưởng đoàn công tác"
            if delegation_head_notified
            else "chưa báo cáo Trưởng đoàn công tác",
            "the delegation head is informed"
            if delegation_head_notified
            else "the delegation head is not informed",
        )
        return reg.decide(on, [*district_pairs(reg, position), pair, (delegation_head_notified, notice)])
    pair = authority_pair(
        reg,
        "R-OUT-1",
        "take_out",
        level,
        position,
        on,
        holds=partial(_is_agency_head, managing_agency),
        delegation=delegation,
        delegable=_always,
        delegation_rule="R-OUT-1",
    )
    return reg.decide(on, [pair])


def check_take_out_closed(returned: bool, reported: bool, on: dt.date) -> Decision:
    """R-OUT-4: a take-out is closed only by a return record and a report to the approver."""
    on = vn_date(on)
    reg = regime_for(on)
    pairs = [
        (returned, reg.reason("R-OUT-4", _yes_no(returned, "đã nộp lại"), _yes_no_en(returned, "returned"))),
        (
            reported,
            reg.reason(
                "R-OUT-4", _yes_no(reported, "đã báo cáo người cho phép"), _yes_no_en(reported, "reported")
            ),
        ),
    ]
    return reg.decide(on, pairs)


def _yes_no(ok: bool, text: str) -> str:
    return text if ok else f"chưa {text.removeprefix('đã ')}"


def _yes_no_en(ok: bool, text: str) -> str:
    return text if ok else f"not {text}"


def provide_pair(
    reg: Regime,
    level: Level,
    position: Position,
    on: dt.date,
    delegation: Delegation | None,
    rule_id: str = "R-PROV-1",
    act: str = "provide",
) -> tuple[bool, Reason]:
    """Art. 15.1: the Art. 11 tiers decide on providing at the level they may copy."""
    return authority_pair(
        reg,
        rule_id,
        act,
        level,
        position,
        on,
        holds=partial(holds_copy_authority, reg, level=level),
        delegation=delegation,
        delegable=partial(can_delegate, reg),
    )


def may_provide(
    level: Level, position: Position, on: dt.date, *, delegation: Delegation | None = None
) -> Decision:
    """R-PROV-1: providing or transferring BMNN to a Vietnamese party."""
    on = vn_date(on)
    reg = regime_for(on)
    return reg.decide(
        on, [*district_pairs(reg, position), provide_pair(reg, level, position, on, delegation)]
    )


def _foreign_holds(reg: Regime, level: Level, position: Position) -> bool:
    table = reg.provision("provide_foreign")
    if level == Level.TUYET_MAT:
        return bool(position.head_tags() & set(table["tuyet_mat"]))
    heads = point_tags(reg, table["points"]) | set(table["extra"])
    if position.head_tags() & (heads | set(table["extra_deputies"])):
        return True
    return bool(
        table["deputies_of_points_decide"] and position.deputy_of() & point_tags(reg, table["points"])
    )


def may_provide_foreign(
    level: Level, position: Position, on: dt.date, *, within_remit: bool = True
) -> Decision:
    """R-PROV-2 (regime 2018) / R-PROV-3 (regime 2025): providing BMNN to a foreign party.

    2018: Tuyệt mật by the Prime Minister only; Tối mật and Mật by the Ministers of Defence or Public
    Security or an Art. 11.1 person of points a–đ, g–k.  2025: Tuyệt mật by the General Secretary, State
    President, Prime Minister or NA Chairman; Tối mật and Mật by the head **or deputy** of the bodies in
    Art. 11.1 points a–k, or the (Deputy) Ministers of Defence or Public Security.  Always within remit.
    """
    on = vn_date(on)
    reg = regime_for(on)
    rule_id = "R-PROV-3" if reg.id == "2025" else "R-PROV-2"
    pair = authority_pair(
        reg,
        rule_id,
        "provide_foreign",
        level,
        position,
        on,
        holds=partial(_foreign_holds, reg, level),
        provision="provide_foreign",
    )
    remit = reg.reason(
        rule_id,
        "trong phạm vi quản lý" if within_remit else "ngoài phạm vi quản lý của người quyết định",
        "within the decider's remit" if within_remit else "outside the decider's remit",
    )
    return reg.decide(on, [pair, (within_remit, remit)])


def check_foreign_recipient(
    in_cooperation_or_duty: bool, request: dict[str, object], on: dt.date
) -> Decision:
    """R-PROV-4: the foreign party takes part in a cooperation programme or official duty, and its request
    has every required field (see ``checklists.toml``)."""
    from bmnn.rules.checklists import missing_pair

    on = vn_date(on)
    reg = regime_for(on)
    party = reg.reason(
        "R-PROV-4",
        "bên nước ngoài tham gia chương trình hợp tác quốc tế hoặc thi hành công vụ"
        if in_cooperation_or_duty
        else "bên nước ngoài không tham gia chương trình hợp tác quốc tế hoặc thi hành công vụ liên quan",
        "the foreign party is in a cooperation programme or official duty"
        if in_cooperation_or_duty
        else "the foreign party is not in a related cooperation programme or official duty",
    )
    return reg.decide(on, [(in_cooperation_or_duty, party), missing_pair(reg, "R-PROV-4", request)])


def check_provision_refusal(written: bool, reasons_given: bool, on: dt.date) -> Decision:
    """R-PROV-5: a refusal to provide must be written and give reasons [UNVERIFIED]."""
    on = vn_date(on)
    reg = regime_for(on)
    ok = written and reasons_given
    reason = reg.reason(
        "R-PROV-5",
        "văn bản từ chối có nêu lý do" if ok else "việc từ chối phải bằng văn bản và nêu rõ lý do",
        "written refusal with reasons" if ok else "a refusal must be written and give reasons",
    )
    return reg.decide(on, [(ok, reason)])
