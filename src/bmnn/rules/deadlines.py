"""Reporting, inspection, staffing, sanctions and transitional rules: R-REP-*, R-INSP-1, R-STAFF-1,
R-SANC-*, R-TRANS-1."""

from __future__ import annotations

import datetime as dt

from bmnn.rules.dates import add_months, fmt, vn_date
from bmnn.rules.decision import Decision
from bmnn.rules.levels import Level
from bmnn.rules.regimes import flag_check, regime_for

REVIEW_OUTCOMES = ("KEEP", "ADJUST", "DECLASSIFY")  # R-TRANS-1


def _reporting(year: int) -> dict[str, int]:
    return regime_for(dt.date(year, 12, 1)).provision("reporting")  # type: ignore[no-any-return]


def annual_report_period(year: int) -> tuple[dt.date, dt.date]:
    """R-REP-1: the data period of the report for ``year``: 15/12 of year−1 to 14/12 of ``year``."""
    r = _reporting(year)
    return (
        dt.date(year - 1, r["period_start_month"], r["period_start_day"]),
        dt.date(year, r["period_end_month"], r["period_end_day"]),
    )


def annual_report_due(year: int) -> dt.date:
    """R-REP-1: the report reaches the Ministry of Public Security by 20/12 of ``year``."""
    r = _reporting(year)
    return dt.date(year, r["due_month"], r["due_day"])


def report_year_for(day: dt.date) -> int:
    """The report year whose data period contains ``day``."""
    day = vn_date(day)
    start_next, _ = annual_report_period(day.year + 1)
    return day.year + 1 if day >= start_next else day.year


def check_annual_report(year: int, submitted_on: dt.date | None, today: dt.date) -> Decision:
    """R-REP-1/R-REP-2: the annual (sơ kết) report is submitted by its due date."""
    today = vn_date(today)
    reg = regime_for(today)
    due = annual_report_due(year)
    ok = submitted_on <= due if submitted_on is not None else today <= due
    start, end = annual_report_period(year)
    reason = reg.reason(
        "R-REP-1",
        f"báo cáo năm {year} (số liệu {fmt(start)}–{fmt(end)}) hạn {fmt(due)}" + ("" if ok else ": quá hạn"),
        f"{year} report (data {fmt(start)}–{fmt(end)}) due {fmt(due)}" + ("" if ok else ": overdue"),
        provision="reporting",
    )
    return reg.decide(today, [(ok, reason)], due=due, period_start=start, period_end=end)


def review_years(first_year: int, until: int) -> tuple[int, ...]:
    """R-REP-2: the 5-year review (tổng kết) years from ``first_year`` up to ``until``."""
    every = int(_reporting(first_year)["review_every_years"])
    return tuple(range(first_year, until + 1, every))


def is_review_year(year: int, base_year: int) -> Decision:
    """R-REP-2: is ``year`` a 5-year review year counted from ``base_year``? (Otherwise: annual sơ kết.)"""
    on = dt.date(year, 12, 1)
    reg = regime_for(on)
    every = int(reg.provision("reporting")["review_every_years"])
    ok = year >= base_year and (year - base_year) % every == 0
    reason = reg.reason(
        "R-REP-2",
        f"năm {year}: " + ("tổng kết 5 năm" if ok else "sơ kết hằng năm"),
        f"{year}: " + ("5-year review" if ok else "annual preliminary review"),
    )
    return reg.decide(on, [(ok, reason)])


def check_reporting_body(listed_in_7_1: bool, on: dt.date) -> Decision:
    """R-REP-4: only bodies of Decree 26 Art. 7.1 report to the Ministry; units report internally."""
    return flag_check(
        "R-REP-4",
        listed_in_7_1,
        on,
        ("báo cáo Bộ Công an", "reports to the Ministry of Public Security"),
        ("báo cáo cơ quan cấp trên theo quy định nội bộ", "reports to its parent body"),
    )


def check_staffing(listed_in_7_1: bool, full_time: int, part_time: int, on: dt.date) -> Decision:
    """R-STAFF-1: Art. 7.1 bodies have ≥ 1 full-time BMNN officer; their units ≥ 1 part-time officer."""
    on = vn_date(on)
    reg = regime_for(on)
    ok = full_time >= 1 if listed_in_7_1 else full_time + part_time >= 1
    need = "ít nhất 1 người chuyên trách" if listed_in_7_1 else "ít nhất 1 người kiêm nhiệm"
    reason = reg.reason(
        "R-STAFF-1",
        f"phải bố trí {need}",
        "at least one full-time officer" if listed_in_7_1 else "at least one part-time officer",
    )
    return reg.decide(on, [(ok, reason)])


def next_inspection(last: dt.date) -> dt.date:
    """R-INSP-1: next self-inspection (default every 12 months, agency-configurable)."""
    last = vn_date(last)
    return add_months(last, int(regime_for(last).provision("inspection")["every_months"]))


def check_inspection(last: dt.date | None, today: dt.date) -> Decision:
    """R-INSP-1: a self-inspection is due when none has been done within the configured frequency."""
    today = vn_date(today)
    reg = regime_for(today)
    due = next_inspection(last) if last else today
    ok = last is not None and today <= due
    reason = reg.reason(
        "R-INSP-1", f"hạn tự kiểm tra: {fmt(due)}", f"self-inspection due {fmt(due)}", provision="inspection"
    )
    return reg.decide(today, [(ok, reason)], due=due)


def sanction_for(act: str, on: dt.date) -> Decision:
    """R-SANC-1: the administrative fine bracket of an act (allowed = the act is in the 1–3 million list)."""
    on = vn_date(on)
    reg = regime_for(on)
    table = reg.provision("sanctions")
    ok = act in table["admin_acts"]
    lo, hi = table["admin_fine_min_vnd"], table["admin_fine_max_vnd"]
    reason = reg.reason(
        "R-SANC-1",
        f"phạt tiền từ {lo:,} đến {hi:,} đồng".replace(",", ".")
        if ok
        else f"hành vi {act} không thuộc khoản 1",
        f"fine of {lo:,}–{hi:,} VND" if ok else f"act {act} is not in clause 1",
    )
    return reg.decide(on, [(ok, reason)], fine_vnd=(lo, hi) if ok else None)


def criminal_range(level: Level, intentional: bool, on: dt.date) -> Decision:
    """R-SANC-2: the prison range (years) of Criminal Code Art. 337 (intentional) or 338."""
    on = vn_date(on)
    reg = regime_for(on)
    key = "criminal_intentional" if intentional else "criminal_unintentional"
    lo, hi = reg.provision("sanctions")[key][level.value]
    article = "337" if intentional else "338"
    reason = reg.reason(
        "R-SANC-2",
        f"phạt tù {lo}–{hi} năm",
        f"{lo}–{hi} years' imprisonment",
        citation=reg.cite("R-SANC-2", article=article),
    )
    return reg.decide(on, [(True, reason)], years=(lo, hi))


def check_legacy_review(determined_on: dt.date, outcome: str | None, on: dt.date) -> Decision:
    """R-TRANS-1: a record classified before 01/01/2019 needs a review with outcome KEEP / ADJUST /
    DECLASSIFY.  Allowed = nothing outstanding (not legacy, or reviewed)."""
    on = vn_date(on)
    reg = regime_for(on)
    legacy = vn_date(determined_on) < dt.date(2019, 1, 1)
    ok = not legacy or outcome in REVIEW_OUTCOMES
    reason = reg.reason(
        "R-TRANS-1",
        "không phải hồ sơ cũ"
        if not legacy
        else (f"đã rà soát: {outcome}" if ok else "hồ sơ cũ chưa được rà soát"),
        "not a legacy record"
        if not legacy
        else (f"reviewed: {outcome}" if ok else "legacy record not reviewed"),
    )
    return reg.decide(on, [(ok, reason)], legacy=legacy)
