"""Protection periods, extension and level adjustment: R-PERIOD-*, R-EXT-*, R-ADJ-1, R-TRANS-1.

Dates follow :mod:`bmnn.rules.dates`: the expiry date is the determination date plus the period in
years (29/02 + N years lands on 28/02 in a common year); the item is protected up to and including its
expiry date and declassified automatically from the next day.
"""

from __future__ import annotations

import datetime as dt

from bmnn.rules.authority import describe
from bmnn.rules.dates import add_days, add_years, fmt, vn_date
from bmnn.rules.decision import Decision, Reason, combine
from bmnn.rules.levels import Level
from bmnn.rules.regimes import TOPIC_PERIOD, Regime, regime_for
from bmnn.rules.tags import Position

LEGACY_2019 = dt.date(2019, 1, 1)


def default_years(level: Level, on: dt.date) -> int:
    """R-PERIOD-1: 30 / 20 / 10 years for Tuyệt mật / Tối mật / Mật under the regime of ``on``."""
    return int(regime_for(vn_date(on), TOPIC_PERIOD).provision("periods")[level.value])


def expiry_date(
    level: Level, determined_on: dt.date, *, kind: str = "document", custom_end: dt.date | None = None
) -> dt.date | None:
    """The last protected day.  Places have none (R-PERIOD-3); activities may end earlier (R-PERIOD-2).

    Records determined before 01/01/2019 count from the date set by the ``legacy`` provision.
    """
    if kind == "place":
        return None
    determined_on = vn_date(determined_on)
    reg = regime_for(determined_on, TOPIC_PERIOD)
    start = determined_on
    if reg.legacy and reg.provision("legacy")["period_start"] == "2019-01-01":
        start = LEGACY_2019
    default = add_years(start, int(reg.provision("periods")[level.value]))
    if kind == "activity" and custom_end is not None and custom_end < default:
        return custom_end
    return default


def protection_period(
    level: Level, determined_on: dt.date, *, kind: str = "document", custom_end: dt.date | None = None
) -> Decision:
    """R-PERIOD-1/2/3: the protection period of an item; ``info['expiry']`` is the last protected day.

    A custom (shorter) end is allowed only for activities and must be before the default expiry.
    """
    determined_on = vn_date(determined_on)
    reg = regime_for(determined_on, TOPIC_PERIOD)
    expiry = expiry_date(level, determined_on, kind=kind, custom_end=custom_end)
    pairs = _period_pairs(reg, level, determined_on, kind, custom_end, expiry)
    if reg.legacy:
        from_2019 = reg.provision("legacy")["period_start"] == "2019-01-01"
        review = reg.reason(
            "R-TRANS-1",
            "BMNN xác định trước 01/01/2019: hồ sơ cũ, phải rà soát; thời hạn tính từ "
            + ("01/01/2019" if from_2019 else "ngày xác định độ mật"),
            "classified before 01/01/2019: legacy record to review; period counted from "
            + ("01/01/2019" if from_2019 else "the determination date"),
            provision="legacy",
        )
        return combine(reg.id, [*pairs, (True, review)], expiry=expiry, legacy=True)
    return reg.decide(determined_on, pairs, expiry=expiry, legacy=False)


def _period_pairs(
    reg: Regime,
    level: Level,
    determined_on: dt.date,
    kind: str,
    custom_end: dt.date | None,
    expiry: dt.date | None,
) -> list[tuple[bool, Reason]]:
    years = int(reg.provision("periods")[level.value])
    if kind == "place":
        return [
            (
                custom_end is None,
                reg.reason(
                    "R-PERIOD-3",
                    "BMNN về địa điểm: hết bảo vệ khi không còn sử dụng để lưu giữ BMNN, không ghi ngày",
                    "a place is protected until it is no longer used for BMNN; no date",
                ),
            )
        ]
    if custom_end is not None:
        ok = kind == "activity" and determined_on < custom_end < add_years(determined_on, years)
        return [
            (
                ok,
                reg.reason(
                    "R-PERIOD-2",
                    f"thời hạn ngắn hơn đến {fmt(custom_end)} cho BMNN về hoạt động"
                    if ok
                    else "chỉ BMNN về hoạt động được có thời hạn ngắn hơn thời hạn luật định",
                    f"shorter period to {fmt(custom_end)} for an activity"
                    if ok
                    else "only activities may have a period shorter than the statutory one",
                ),
            )
        ]
    assert expiry is not None
    return [
        (
            True,
            reg.reason(
                "R-PERIOD-1",
                f"{level.label_vi}: {years} năm, bảo vệ đến hết ngày {fmt(expiry)}",
                f"{level.label_en}: {years} years, protected through {fmt(expiry)}",
                provision="periods",
            ),
        )
    ]


def extension_alert_date(expiry: dt.date, lead_days: int = 0) -> dt.date:
    """R-EXT-1: raise the alert at expiry − 60 days − a configurable lead time."""
    reg = regime_for(vn_date(expiry), TOPIC_PERIOD)
    return add_days(expiry, -int(reg.provision("extension")["min_days_before_expiry"]) - lead_days)


def _is_classifying_head(position: Position, agency: str) -> bool:
    return "agency_head" in position.head_tags() and (not agency or position.agency == agency)


def may_extend(
    level: Level,
    current_expiry: dt.date,
    decided_on: dt.date,
    years: int,
    position: Position,
    *,
    classifying_agency: str = "",
    previous_extensions: int = 0,
) -> Decision:
    """R-EXT-1/2/3: extension decided ≥ 60 days before expiry, at most the level's period, by the head of
    the classifying body.  ``info``: ``new_expiry``, ``notice_due`` (15 days), stamp form 04."""
    decided_on = vn_date(decided_on)
    reg = regime_for(decided_on, TOPIC_PERIOD)
    ext = reg.provision("extension")
    latest = add_days(current_expiry, -int(ext["min_days_before_expiry"]))
    max_years = int(reg.provision("periods")[level.value])
    max_count = int(reg.provision("extension_count")["max_extensions"])
    head = _is_classifying_head(position, classifying_agency)
    count_ok = max_count == 0 or previous_extensions < max_count
    pairs = [
        (
            decided_on <= latest,
            reg.reason(
                "R-EXT-1",
                f"quyết định gia hạn phải ban hành chậm nhất ngày {fmt(latest)} (60 ngày trước khi hết hạn)",
                f"the extension must be decided by {fmt(latest)} (60 days before expiry)",
                provision="extension",
            ),
        ),
        (
            1 <= years <= max_years,
            reg.reason(
                "R-EXT-2",
                f"gia hạn {years} năm; mỗi lần không quá {max_years} năm",
                f"extension of {years} years; at most {max_years} years each time",
            ),
        ),
        (
            count_ok,
            reg.reason(
                "R-EXT-2",
                f"đã gia hạn {previous_extensions} lần",
                f"already extended {previous_extensions} times",
                provision="extension_count",
            ),
        ),
        (
            head,
            reg.reason(
                "R-EXT-3",
                f"{describe(position)} "
                + ("là" if head else "không phải")
                + " người đứng đầu cơ quan xác định BMNN",
                f"{describe(position, 'en')} "
                + ("is" if head else "is not")
                + " the head of the classifying body",
            ),
        ),
    ]
    new_expiry = add_years(current_expiry, years)
    notice_due = add_days(decided_on, int(ext["notice_days"]))
    return reg.decide(decided_on, pairs, new_expiry=new_expiry, notice_due=notice_due, stamp_form="04")


def check_notice(
    rule_id: str, decided_on: dt.date, sent_on: dt.date | None, today: dt.date | None = None
) -> Decision:
    """Written notice within the provision's days after an extension (R-EXT-3), an adjustment (R-ADJ-1)
    or a discretionary declassification (R-DECL-4).  ``sent_on`` None: not sent yet (checked on ``today``)."""
    provision = {"R-EXT-3": "extension", "R-ADJ-1": "adjustment", "R-DECL-4": "declassification"}[rule_id]
    decided_on = vn_date(decided_on)
    reg = regime_for(decided_on, TOPIC_PERIOD)
    days = int(reg.provision(provision)["notice_days"])
    due = add_days(decided_on, days)
    checked = sent_on if sent_on is not None else today
    ok = checked is None or vn_date(checked) <= due
    reason = reg.reason(
        rule_id,
        f"thông báo bằng văn bản trong {days} ngày, hạn {fmt(due)}",
        f"written notice within {days} days, due {fmt(due)}",
        provision=provision,
    )
    return reg.decide(decided_on, [(ok, reason)], notice_due=due)


def may_adjust(
    old: Level,
    new: Level,
    position: Position,
    on: dt.date,
    *,
    classifying_agency: str = "",
    list_basis: bool = True,
) -> Decision:
    """R-ADJ-1: raise or lower a level: by the head who classified, on a list basis; then stamp (Form 06)
    and notify within 15 days (``info['notice_due']``)."""
    on = vn_date(on)
    reg = regime_for(on)
    head = _is_classifying_head(position, classifying_agency)
    pairs = [
        (
            old != new,
            reg.reason(
                "R-ADJ-1",
                f"điều chỉnh từ {old.label_vi} thành {new.label_vi}",
                f"{old.label_en} to {new.label_en}",
            ),
        ),
        (
            head,
            reg.reason(
                "R-ADJ-1",
                f"{describe(position)} " + ("là" if head else "không phải") + " người đã xác định độ mật",
                f"{describe(position, 'en')} " + ("is" if head else "is not") + " the classifying head",
            ),
        ),
        (
            list_basis,
            reg.reason(
                "R-ADJ-1",
                "căn cứ danh mục BMNN" if list_basis else "thiếu căn cứ danh mục BMNN",
                "list basis" if list_basis else "no classification-list basis",
            ),
        ),
    ]
    notice_due = add_days(on, int(reg.provision("adjustment")["notice_days"]))
    return reg.decide(on, pairs, notice_due=notice_due, stamp_form="06")
