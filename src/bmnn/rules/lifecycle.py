"""Declassification, destruction, councils, recall and incidents: R-DECL-*, R-DEST-*, R-RECALL-*, R-INC-*."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from bmnn.rules.authority import copy_tier, describe, is_head_of
from bmnn.rules.dates import fmt, vn_date
from bmnn.rules.decision import Decision, Reason
from bmnn.rules.levels import Level
from bmnn.rules.regimes import Regime, regime_for
from bmnn.rules.tags import Position

DECLASSIFICATION_GROUNDS = ("expired", "national_interest", "delisted")  # Art. 22.1 (a), (b), (c)
DESTRUCTION_CASES = ("NO_LONGER_NEEDED", "URGENT_HARM")  # Art. 23.1 (a), (b)


@dataclass(frozen=True)
class Council:
    """A declassification or destruction council.

    ``chair``: the chair's position (must be a leader of ``agency``); ``members``: other members;
    ``custodian_included``: the person directly holding the items sits on it (destruction).
    """

    chair: Position
    members: tuple[Position, ...] = ()
    custodian_included: bool = False


def _is_leader(position: Position, agency: str) -> bool:
    leader = bool(position.head_tags() & {"agency_head", "agency_leader"})
    return leader and (not agency or position.agency == agency)


def is_auto_declassified(expiry: dt.date | None, on: dt.date) -> Decision:
    """R-DECL-1: after the expiry date (with any extension) the item is declassified, no council needed.

    Allowed = declassified on ``on``.  ``expiry`` None (a place) never expires by date.
    """
    on = vn_date(on)
    reg = regime_for(on)
    done = expiry is not None and on > expiry
    reason = reg.reason(
        "R-DECL-1",
        f"hết thời hạn bảo vệ ngày {fmt(expiry)}: đương nhiên giải mật"
        if done and expiry
        else "còn thời hạn bảo vệ",
        f"period ended {fmt(expiry)}: declassified automatically" if done and expiry else "still protected",
    )
    return reg.decide(on, [(done, reason)], stamp_required=False)


def check_delisted_declassification(marked: bool, notified: bool, on: dt.date) -> Decision:
    """R-DECL-2: information removed from the list: GIẢI MẬT stamp or written record, notify immediately."""
    on = vn_date(on)
    reg = regime_for(on)
    pairs = [
        (
            marked,
            reg.reason(
                "R-DECL-2",
                "đã đóng dấu GIẢI MẬT hoặc lập văn bản"
                if marked
                else "phải đóng dấu GIẢI MẬT hoặc lập văn bản",
                "stamped or recorded" if marked else "stamp GIẢI MẬT or issue a written record",
            ),
        ),
        (
            notified,
            reg.reason(
                "R-DECL-2",
                "đã thông báo ngay" if notified else "phải thông báo ngay bằng văn bản",
                "notified" if notified else "notify the recipients in writing immediately",
            ),
        ),
    ]
    return reg.decide(on, pairs)


def council_pairs(
    reg: Regime, rule_id: str, council: Council | None, agency: str, need_custodian: bool
) -> list[tuple[bool, Reason]]:
    """Council composition checks (R-DECL-3, R-DEST-3)."""
    if council is None:
        return [(False, reg.reason(rule_id, "chưa thành lập Hội đồng", "no council has been set up"))]
    chair_ok = _is_leader(council.chair, agency)
    pairs = [
        (
            chair_ok,
            reg.reason(
                rule_id,
                f"Chủ tịch Hội đồng ({describe(council.chair)}) "
                + ("là" if chair_ok else "phải là")
                + " lãnh đạo cơ quan",
                f"council chair ({describe(council.chair, 'en')}) "
                + ("is" if chair_ok else "must be")
                + " a leader",
            ),
        ),
        (
            bool(council.members),
            reg.reason(
                rule_id,
                "có đại diện cơ quan liên quan"
                if council.members
                else "thiếu đại diện cơ quan, tổ chức liên quan",
                "relevant bodies represented" if council.members else "no representative of relevant bodies",
            ),
        ),
    ]
    if need_custodian:
        pairs.append(
            (
                council.custodian_included,
                reg.reason(
                    rule_id,
                    "có người trực tiếp quản lý"
                    if council.custodian_included
                    else "thiếu người trực tiếp quản lý BMNN",
                    "custodian included"
                    if council.custodian_included
                    else "the direct custodian must sit on it",
                ),
            )
        )
    return pairs


def check_head_decides(
    position: Position, on: dt.date, *, rule_id: str, agency: str = "", act_vi: str, act_en: str
) -> Decision:
    """Acts the law reserves to the head of the body (the classifying or holding agency ``agency``):
    confirming declassification on expiry or delisting (R-DECL-1/2), forming a council, refusing a
    proposed extension, adjustment or declassification, and the legacy review (R-TRANS-1)."""
    on = vn_date(on)
    reg = regime_for(on)
    head = is_head_of(position, agency)
    return reg.decide(
        on,
        [
            (
                head,
                reg.reason(
                    rule_id,
                    f"{describe(position)} "
                    + ("" if head else "không phải người đứng đầu cơ quan, không ")
                    + f"được {act_vi}",
                    f"{describe(position, 'en')} "
                    + ("may " if head else "is not the head and may not ")
                    + act_en,
                ),
            )
        ],
    )


def may_declassify(
    position: Position,
    on: dt.date,
    *,
    council: Council | None,
    classifying_agency: str = "",
    minutes: bool = False,
    partial: bool = False,
    declassified_content: str = "",
) -> Decision:
    """R-DECL-3: discretionary declassification: a council chaired by a leader of the classifying body,
    its meeting minutes, a decision by the head; a partial decision lists the declassified content."""
    on = vn_date(on)
    reg = regime_for(on)
    head = is_head_of(position, classifying_agency)
    content_ok = not partial or bool(declassified_content)
    pairs = [
        (
            head,
            reg.reason(
                "R-DECL-3",
                f"{describe(position)} "
                + ("quyết định" if head else "không có thẩm quyền quyết định")
                + " giải mật",
                f"{describe(position, 'en')} " + ("decides" if head else "may not decide"),
            ),
        ),
        *council_pairs(reg, "R-DECL-3", council, classifying_agency, need_custodian=False),
        (
            minutes,
            reg.reason(
                "R-DECL-3",
                "có biên bản họp Hội đồng" if minutes else "thiếu biên bản họp Hội đồng",
                "council minutes present" if minutes else "council minutes missing",
            ),
        ),
        (
            content_ok,
            reg.reason(
                "R-DECL-3",
                "nội dung giải mật được nêu rõ"
                if content_ok
                else "giải mật một phần phải nêu rõ nội dung được giải mật",
                "content stated" if content_ok else "a partial decision must state the content",
            ),
        ),
    ]
    return reg.decide(on, pairs)


def may_destroy(
    level: Level,
    position: Position,
    on: dt.date,
    *,
    case: str = "NO_LONGER_NEEDED",
    is_custodian: bool = False,
    council: Council | None = None,
    holding_agency: str = "",
    report_filed: bool = False,
) -> Decision:
    """R-DEST-1/2/3/4: destruction by case.

    NO_LONGER_NEEDED: decided by an Art. 11.1/11.2 authority after a council (chair = leader of the
    holding body, the custodian and relevant bodies).  URGENT_HARM: the current custodian may destroy and
    must report in writing to the head at once (``report_filed``).
    """
    on = vn_date(on)
    reg = regime_for(on)
    if case not in DESTRUCTION_CASES:
        reason = reg.reason(
            "R-DEST-1", f"trường hợp tiêu hủy không hợp lệ: {case}", f"invalid destruction case {case}"
        )
        return reg.decide(on, [(False, reason)])
    case_vi = "không cần lưu giữ" if case == "NO_LONGER_NEEDED" else "không tiêu hủy ngay sẽ gây nguy hại"
    case_pair = (True, reg.reason("R-DEST-1", f"trường hợp tiêu hủy: {case_vi}", f"destruction case {case}"))
    if case == "URGENT_HARM":
        pairs = [
            case_pair,
            (
                is_custodian,
                reg.reason(
                    "R-DEST-4",
                    "người đang quản lý quyết định tiêu hủy khẩn cấp"
                    if is_custodian
                    else "chỉ người đang quản lý BMNN được tiêu hủy khẩn cấp",
                    "the custodian decides" if is_custodian else "only the custodian may",
                ),
            ),
            (
                report_filed,
                reg.reason(
                    "R-DEST-4",
                    "đã báo cáo bằng văn bản"
                    if report_filed
                    else "phải báo cáo ngay bằng văn bản với người đứng đầu",
                    "report filed" if report_filed else "report to the head in writing at once",
                ),
            ),
        ]
        return reg.decide(on, pairs)
    tier = copy_tier(reg, position)
    ok = tier in reg.provision("destruction")["deciding_tiers"]
    decider = reg.reason(
        "R-DEST-2",
        f"{describe(position)} "
        + ("có" if ok else "không có")
        + f" thẩm quyền quyết định tiêu hủy tài liệu {level.label_vi}",
        f"{describe(position, 'en')} "
        + ("may" if ok else "may not")
        + f" decide destruction of {level.label_en}",
    )
    return reg.decide(
        on, [case_pair, (ok, decider), *council_pairs(reg, "R-DEST-3", council, holding_agency, True)]
    )


def check_offboarding_recall(reason: str, handed_over: bool, commitment: bool, on: dt.date) -> Decision:
    """R-RECALL-1/2: leaving (quit, transfer, retire, reassignment, abroad) is blocked until everything is
    handed over and a written commitment is stored; on death (``reason='death'``) the head organises the
    recall and no commitment is needed."""
    on = vn_date(on)
    reg = regime_for(on)
    if reason == "death":
        pair = (
            handed_over,
            reg.reason(
                "R-RECALL-2",
                "đã tổ chức thu hồi" if handed_over else "người đứng đầu phải tổ chức thu hồi BMNN",
                "recall organised" if handed_over else "the head must organise the recall",
            ),
        )
        return reg.decide(on, [pair])
    pairs = [
        (
            handed_over,
            reg.reason(
                "R-RECALL-1",
                "đã bàn giao BMNN" if handed_over else "chưa bàn giao BMNN",
                "handed over" if handed_over else "BMNN not yet handed over",
            ),
        ),
        (
            commitment,
            reg.reason(
                "R-RECALL-1",
                "có cam kết bảo vệ BMNN" if commitment else "chưa có cam kết bằng văn bản",
                "commitment stored" if commitment else "no written commitment",
            ),
        ),
    ]
    return reg.decide(on, pairs)


def incident_duties(kind: str, on: dt.date) -> Decision:
    """R-INC-1: duties triggered by a leak (``lo``) or loss (``mat``): notify the head immediately, notify
    the classifying body, ad hoc report to the Ministry of Public Security immediately."""
    if kind not in ("lo", "mat"):
        raise ValueError("incident kind is 'lo' (leak) or 'mat' (loss)")
    on = vn_date(on)
    reg = regime_for(on)
    duties = ("notify_head", "notify_classifying_body", "ad_hoc_report_mps")
    reason = reg.reason(
        "R-INC-1",
        "báo cáo ngay người đứng đầu, thông báo cơ quan xác định BMNN, báo cáo đột xuất Bộ Công an",
        "notify the head, the classifying body and the Ministry of Public Security immediately",
    )
    return reg.decide(on, [(True, reason)], duties=duties, due=on)


def check_incident_handled(done: frozenset[str] | set[str], on: dt.date) -> Decision:
    """R-INC-1: every duty of :func:`incident_duties` is done."""
    on = vn_date(on)
    reg = regime_for(on)
    missing = [d for d in ("notify_head", "notify_classifying_body", "ad_hoc_report_mps") if d not in done]
    reason = reg.reason(
        "R-INC-1",
        "chưa thực hiện: " + ", ".join(missing) if missing else "đã thực hiện đủ",
        "not done: " + ", ".join(missing) if missing else "all duties done",
    )
    return reg.decide(on, [(not missing, reason)])


def check_report_incidents(incidents_in_period: int, incidents_reported: int, on: dt.date) -> Decision:
    """R-INC-2: the annual report section (c) counts every leak/loss case of the period."""
    on = vn_date(on)
    reg = regime_for(on)
    ok = incidents_reported == incidents_in_period
    reason = reg.reason(
        "R-INC-2",
        f"báo cáo {incidents_reported}/{incidents_in_period} vụ lộ, mất BMNN",
        f"{incidents_reported}/{incidents_in_period} leak/loss cases reported",
    )
    return reg.decide(on, [(ok, reason)])
