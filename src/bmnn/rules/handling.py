"""Registers, transport, receipt and IT: R-TX-1, R-TX-5 … R-TX-9, R-IT-1 … R-IT-4."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from bmnn.rules.dates import add_days, fmt, vn_date
from bmnn.rules.decision import Decision
from bmnn.rules.regimes import flag_check, regime_for


def check_registered_before_dispatch(paper_register: bool, electronic_system: bool, on: dt.date) -> Decision:
    """R-TX-1: registered in the outgoing register (Form 14), or in regime 2025 the electronic system."""
    on = vn_date(on)
    reg = regime_for(on)
    electronic_ok = electronic_system and reg.provision("outgoing_register")["electronic_register_allowed"]
    ok = paper_register or bool(electronic_ok)
    reason = reg.reason(
        "R-TX-1",
        "đã vào sổ đăng ký BMNN đi" if ok else "phải vào Sổ đăng ký BMNN đi trước khi gửi",
        "registered before dispatch" if ok else "register in the outgoing register before dispatch",
    )
    return reg.decide(on, [(ok, reason)])


def check_handover_signed(recipient_signed: bool, on: dt.date) -> Decision:
    """R-TX-5: every handover is logged in Form 16 and signed by the recipient."""
    return flag_check(
        "R-TX-5",
        recipient_signed,
        on,
        ("người nhận đã ký nhận", "recipient signed"),
        ("người nhận phải ký nhận vào Sổ chuyển giao BMNN", "the recipient must sign the handover register"),
    )


def check_incoming_registered(registered: bool, on: dt.date) -> Decision:
    """R-TX-6: every incoming item is entered in the incoming register (Form 15) on receipt."""
    return flag_check(
        "R-TX-6",
        registered,
        on,
        ("đã vào Sổ đăng ký BMNN đến", "registered on receipt"),
        ("phải vào Sổ đăng ký BMNN đến khi nhận", "register the item on receipt"),
    )


@dataclass(frozen=True)
class Routing:
    """R-TX-7: where an incoming envelope goes and whether it stays unopened."""

    route_to: str  # "named_person" | "agency_leader" | "hold_for_named_person" | "registry"
    keep_unopened: bool


def route_incoming(named_only: bool, named_present: bool, flash: bool, on: dt.date) -> Decision:
    """R-TX-7: "only the named person may open" envelopes are registered from the outside, kept unopened
    and routed to the named person; if absent and marked HỎA TỐC, to the agency leader or delegate.
    Always allowed; ``info['route_to']`` and ``info['keep_unopened']`` say what to do."""
    on = vn_date(on)
    reg = regime_for(on)
    if not named_only:
        routing = Routing("registry", False)
    elif named_present:
        routing = Routing("named_person", True)
    elif flash:
        routing = Routing("agency_leader", True)
    else:
        routing = Routing("hold_for_named_person", True)
    reason = reg.reason(
        "R-TX-7",
        f"chuyển: {routing.route_to}" + ("; không bóc bì" if routing.keep_unopened else ""),
        f"route to {routing.route_to}" + ("; keep unopened" if routing.keep_unopened else ""),
    )
    return reg.decide(on, [(True, reason)], route_to=routing.route_to, keep_unopened=routing.keep_unopened)


def check_incoming_condition(properly_protected: bool, tamper_signs: bool, on: dt.date) -> Decision:
    """R-TX-8: allowed = the item may be processed normally.  Unprotected: route to the leader (or named
    person) and notify the sender.  Signs of opening, swapping, loss or damage: report to the head at
    once and raise a leak/loss incident."""
    on = vn_date(on)
    reg = regime_for(on)
    actions: tuple[str, ...] = ()
    if not properly_protected:
        actions += ("route_to_leader", "notify_sender")
    if tamper_signs:
        actions += ("report_head_immediately", "raise_incident")
    ok = not actions
    reason = reg.reason(
        "R-TX-8",
        "tài liệu đến đúng quy định"
        if ok
        else "tài liệu đến không đúng quy định hoặc có dấu hiệu bị bóc, tráo",
        "item received in order" if ok else "item unprotected or tampered with",
    )
    return reg.decide(on, [(ok, reason)], actions=actions)


def recall_due_date(received_on: dt.date, return_within_days: int) -> dt.date:
    """R-TX-9: the due-back date of a "TÀI LIỆU THU HỒI" item (the sender sets the number of days)."""
    return add_days(vn_date(received_on), return_within_days)


def check_recall_returned(due: dt.date, returned_on: dt.date | None, today: dt.date) -> Decision:
    """R-TX-9: a recall-stamped item is returned by its due date; otherwise raise an alert."""
    today = vn_date(today)
    reg = regime_for(today)
    ok = returned_on <= due if returned_on is not None else today <= due
    reason = reg.reason(
        "R-TX-9",
        f"hạn trả lại tài liệu thu hồi: {fmt(due)}" + ("" if ok else " (quá hạn)"),
        f"recall due {fmt(due)}" + ("" if ok else " (overdue)"),
    )
    return reg.decide(today, [(ok, reason)], due=due, alert=not ok)


def check_host(
    ever_connected: bool, connection: str, on: dt.date, *, cryptography_exempt: bool = False
) -> Decision:
    """R-IT-1 (2018) / R-IT-2 (2025): may a host draft or store BMNN?

    ``connection``: ``none``, ``independent_lan`` or ``external`` (Internet, telecom, other networks).
    2018: the host must never have been connected (``ever_connected``) unless under cryptography law.
    2025: an independent LAN is allowed; any other connection is not, unless cryptography law allows it.
    """
    if connection not in ("none", "independent_lan", "external"):
        raise ValueError(f"unknown connection {connection!r}")
    on = vn_date(on)
    reg = regime_for(on)
    if reg.provision("it")["independent_lan_allowed"]:
        ok = connection != "external" or cryptography_exempt
        reason = reg.reason(
            "R-IT-2",
            "máy chỉ kết nối mạng LAN độc lập hoặc không kết nối"
            if ok
            else "máy kết nối mạng ngoài mạng LAN độc lập",
            "host offline or on an independent LAN" if ok else "host connected beyond an independent LAN",
        )
    else:
        ok = (not ever_connected and connection == "none") or cryptography_exempt
        reason = reg.reason(
            "R-IT-1",
            "máy chưa từng kết nối mạng"
            if ok
            else "máy đã hoặc đang kết nối Internet, mạng máy tính, mạng viễn thông",
            "host never connected" if ok else "host has been or is connected to a network",
        )
    return reg.decide(on, [(ok, reason)])


def check_transmission(channel: str, cryptographic: bool, on: dt.date) -> Decision:
    """R-IT-3: BMNN over telecom or the Internet (``channel`` = ``network``) needs cơ yếu encryption."""
    on = vn_date(on)
    reg = regime_for(on)
    lan_ok = channel == "independent_lan" and reg.provision("it")["independent_lan_allowed"]
    ok = channel == "physical" or cryptographic or bool(lan_ok)
    reason = reg.reason(
        "R-IT-3",
        "truyền đưa bảo đảm theo pháp luật về cơ yếu"
        if ok
        else "truyền đưa BMNN phải mã hóa bằng sản phẩm mật mã cơ yếu",
        "transmission compliant" if ok else "transmission needs cơ yếu encryption",
    )
    return reg.decide(on, [(ok, reason)])


def check_repurpose(sanitized: bool, on: dt.date) -> Decision:
    """R-IT-4: a device that held BMNN is reassigned or decommissioned only after recorded removal."""
    return flag_check(
        "R-IT-4",
        sanitized,
        on,
        ("đã loại bỏ BMNN khỏi thiết bị", "BMNN removed"),
        ("chưa loại bỏ BMNN khỏi thiết bị", "BMNN not yet removed from the device"),
    )
