"""Meetings, conferences and seminars with BMNN content: R-MEET-1 … R-MEET-3, R-RECALL-3."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from bmnn.rules.checklists import missing_pair
from bmnn.rules.dates import vn_date
from bmnn.rules.decision import Decision, Reason
from bmnn.rules.levels import Level
from bmnn.rules.movement import provide_pair
from bmnn.rules.regimes import Regime, regime_for
from bmnn.rules.tags import Delegation, Position


def may_hold_meeting(
    level: Level,
    approver: Position,
    on: dt.date,
    *,
    record: Mapping[str, Any] | Iterable[str] | None = None,
    delegation: Delegation | None = None,
) -> Decision:
    """R-MEET-1: the meeting's use of BMNN is approved by an Art. 15.1/15.2 authority for ``level``;
    when ``record`` is given it must hold every field of the meeting record (attendees, venue, …)."""
    on = vn_date(on)
    reg = regime_for(on)
    pairs = [provide_pair(reg, level, approver, on, delegation, rule_id="R-MEET-1", act="meeting")]
    if record is not None:
        pairs.append(missing_pair(reg, "R-MEET-1", record))
    return reg.decide(on, pairs)


def check_meeting_venue(
    at_agency_premises: bool, closed_room: bool, security_check_requested: bool, on: dt.date
) -> Decision:
    """R-MEET-2: a closed room at the agency; elsewhere a security check requested from the police."""
    on = vn_date(on)
    reg = regime_for(on)
    inside = at_agency_premises and closed_room
    ok = inside or security_check_requested
    if inside:
        msg = ("phòng họp kín tại trụ sở cơ quan", "closed room at the agency's premises")
    elif ok:
        msg = ("đã đề nghị Công an kiểm tra an ninh địa điểm", "a police security check was requested")
    else:
        msg = (
            "họp ngoài phòng kín tại trụ sở mà chưa đề nghị Bộ Công an hoặc Công an tỉnh kiểm tra an ninh",
            "venue outside a closed room on the premises and no police security check requested",
        )
    return reg.decide(on, [(ok, reg.reason("R-MEET-2", *msg))])


def meeting_device_rules(level: Level, on: dt.date) -> dict[str, Any]:
    """The device rules for a meeting at ``level`` (R-MEET-3)."""
    reg = regime_for(vn_date(on))
    table = reg.provision("meeting")
    return {
        "attendee_devices_banned": level.value in table["no_devices_levels"],
        "attendee_devices_by_chair": level.value not in table["no_devices_levels"],
        "wired_microphones_only": True,
        "equipment_checked_by_police": True,
        "online_needs_cryptographic_line": True,
        "guards_and_incident_plan": level.value in table["guards_levels"],
    }


def _device_pairs(
    reg: Regime,
    level: Level,
    attendee_devices: bool,
    chair_allows_devices: bool,
    wired_microphones: bool,
    online: bool,
    cryptographic_line: bool,
) -> list[tuple[bool, Reason]]:
    rules = meeting_device_rules(level, reg.starts)
    devices_ok = not attendee_devices or (rules["attendee_devices_by_chair"] and chair_allows_devices)
    line_ok = not online or cryptographic_line
    return [
        (
            devices_ok,
            reg.reason(
                "R-MEET-3",
                "không mang thiết bị thu, phát tín hiệu, ghi âm, ghi hình vào cuộc họp"
                if devices_ok
                else f"cuộc họp {level.label_vi}: không được mang thiết bị thu, phát, ghi âm, ghi hình",
                "no transmitting or recording attendee devices"
                if devices_ok
                else f"{level.label_en} meeting: attendees may not bring transmitting or recording devices",
                citation=reg.cite("R-MEET-3", clause="2"),
            ),
        ),
        (
            wired_microphones,
            reg.reason(
                "R-MEET-3",
                "sử dụng micro có dây" if wired_microphones else "phải sử dụng micro có dây",
                "wired microphones" if wired_microphones else "wired microphones only",
            ),
        ),
        (
            line_ok,
            reg.reason(
                "R-MEET-3",
                "đường truyền được bảo vệ bằng mật mã"
                if line_ok
                else "họp trực tuyến phải bảo vệ đường truyền bằng mật mã",
                "line protected by cryptography"
                if line_ok
                else "online meetings need a cryptographically protected line",
            ),
        ),
    ]


def check_meeting_devices(
    level: Level,
    on: dt.date,
    *,
    attendee_devices: bool = False,
    chair_allows_devices: bool = False,
    wired_microphones: bool = True,
    online: bool = False,
    cryptographic_line: bool = False,
) -> Decision:
    """R-MEET-3: Tuyệt mật/Tối mật meetings ban attendee devices; Mật follows the chair; wired
    microphones only; online meetings need a cơ yếu-protected line."""
    on = vn_date(on)
    reg = regime_for(on)
    pairs = _device_pairs(
        reg, level, attendee_devices, chair_allows_devices, wired_microphones, online, cryptographic_line
    )
    return reg.decide(on, pairs, rules=meeting_device_rules(level, on))


def check_meeting_recall(distributed: int, recalled: int, on: dt.date) -> Decision:
    """R-RECALL-3: every item handed out at a meeting is recalled; a shortfall is a leak/loss incident."""
    on = vn_date(on)
    reg = regime_for(on)
    missing = max(distributed - recalled, 0)
    reason = reg.reason(
        "R-RECALL-3",
        "đã thu hồi đủ tài liệu sau cuộc họp"
        if not missing
        else f"còn {missing} tài liệu chưa thu hồi sau cuộc họp: lập sự cố lộ, mất BMNN",
        "all items recalled" if not missing else f"{missing} items not recalled: raise a leak/loss incident",
    )
    return reg.decide(on, [(not missing, reason)], missing=missing, raise_incident=bool(missing))
