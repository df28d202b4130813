"""``bmnn rules``: ask the law from the command line.

``bmnn rules explain copy --level toi-mat --position provincial_department_head --date 2026-05-01``
prints the decision and its citations in Vietnamese (``--lang en`` for English, ``--json`` for machine
output); the exit code is 0 when allowed, 1 when refused.  ``bmnn rules list`` prints every rule id with
its citation and verified flag.  Registration imports nothing heavy.
"""

from __future__ import annotations

import argparse
import json
from typing import Any

TOPICS = (
    "copy",
    "photo",
    "extract",
    "determine",
    "take-out",
    "provide",
    "provide-foreign",
    "meeting",
    "destroy",
    "extend",
    "period",
    "envelope",
    "marks",
    "register-summary",
    "report",
)


def register(subparsers: Any) -> None:
    """Add the ``rules`` sub-command to the ``bmnn`` parser."""
    parser = subparsers.add_parser("rules", help="hỏi quy định pháp luật về bảo vệ BMNN")
    sub = parser.add_subparsers(dest="rules_command", metavar="SUBCOMMAND")
    parser.set_defaults(func=lambda _args: (parser.print_help(), 2)[1])

    lst = sub.add_parser("list", help="liệt kê mã quy tắc, căn cứ pháp lý")
    lst.add_argument("--date", help="ngày áp dụng (YYYY-MM-DD), mặc định hôm nay")
    lst.add_argument("--lang", choices=("vi", "en"), default="vi")
    lst.add_argument("--json", action="store_true")
    lst.set_defaults(func=_list)

    exp = sub.add_parser("explain", help="giải thích một quyết định")
    exp.add_argument("topic", choices=TOPICS)
    exp.add_argument("--level", default="mat", help="mat | toi-mat | tuyet-mat")
    exp.add_argument("--position", action="append", default=[], help="thẻ thẩm quyền (lặp lại được)")
    exp.add_argument("--tier", default="central", choices=("central", "province", "district", "commune"))
    exp.add_argument("--date", help="ngày của hành vi (YYYY-MM-DD), mặc định hôm nay")
    exp.add_argument("--abroad", action="store_true", help="take-out: mang ra nước ngoài")
    exp.add_argument("--notified", action="store_true", help="take-out abroad: đã báo Trưởng đoàn")
    exp.add_argument("--case", default="NO_LONGER_NEEDED", help="destroy: NO_LONGER_NEEDED | URGENT_HARM")
    exp.add_argument("--expiry", help="extend: ngày hết hạn hiện tại (YYYY-MM-DD)")
    exp.add_argument("--years", type=int, default=0, help="extend: số năm gia hạn")
    exp.add_argument("--kind", default="document", help="period: document | activity | place | …")
    exp.add_argument("--named", action="store_true", help="envelope: chỉ người có tên mới được bóc bì")
    exp.add_argument("--consent", action="store_true", help="register-summary: người xác định độ mật đồng ý")
    exp.add_argument("--year", type=int, help="report: năm báo cáo")
    exp.add_argument("--lang", choices=("vi", "en"), default="vi")
    exp.add_argument("--json", action="store_true")
    exp.set_defaults(func=_explain)


def _date(text: str | None) -> Any:
    import datetime as dt

    from bmnn.rules.dates import today_vn

    return dt.date.fromisoformat(text) if text else today_vn()


def _list(args: argparse.Namespace) -> int:
    from bmnn.rules.regimes import regime_for

    reg = regime_for(_date(args.date))
    rows: list[dict[str, Any]] = []
    for rid, info in sorted(reg.catalogue.items(), key=lambda kv: _rule_sort_key(kv[0])):
        cites = reg.citations(rid)
        rows.append(
            {
                "rule_id": rid,
                "title": info.title_vi if args.lang == "vi" else info.title_en,
                "citations": [c.vi() if args.lang == "vi" else c.en() for c in cites],
                "verified": info.verified,
            }
        )
    if args.json:
        print(json.dumps({"regime": reg.id, "rules": rows}, ensure_ascii=False, indent=2))
        return 0
    for row in rows:
        flag = "" if row["verified"] else (" [CHƯA KIỂM CHỨNG]" if args.lang == "vi" else " [UNVERIFIED]")
        print(f"{row['rule_id']:<12} {row['title']} — {'; '.join(row['citations'])}{flag}")
    return 0


def _rule_sort_key(rule_id: str) -> tuple[str, int]:
    head, _, num = rule_id.rpartition("-")
    return head, int(num)


def _explain(args: argparse.Namespace) -> int:
    from bmnn.rules.decision import Decision
    from bmnn.rules.levels import Level
    from bmnn.rules.tags import Position

    on = _date(args.date)
    level = Level.parse(args.level)
    position = Position(frozenset(args.position), args.tier)
    result = _HANDLERS[args.topic](args, level, position, on)
    if isinstance(result, Decision):
        if args.json:
            print(json.dumps(result.as_dict(), ensure_ascii=False, indent=2))
        else:
            _print_decision(result, args.lang)
        return 0 if result.allowed else 1
    print(json.dumps(result, ensure_ascii=False, indent=2, default=str))
    return 0


def _print_decision(decision: Any, lang: str) -> None:
    print(decision.message(lang))
    for reason in (*decision.reasons, *decision.context):
        cite = reason.citation.vi() if lang == "vi" else reason.citation.en()
        flag = "" if reason.verified else (" [CHƯA KIỂM CHỨNG]" if lang == "vi" else " [UNVERIFIED]")
        print(f"  - {reason.rule_id}: {cite}{flag}")
    for key, value in decision.info.items():
        print(f"  {key}: {value}")


def _copy_like(act: str) -> Any:
    def handler(args: argparse.Namespace, level: Any, position: Any, on: Any) -> Any:
        from bmnn.rules.copying import may_copy

        return may_copy(level, position, on, act=act)

    return handler


def _determine(args: argparse.Namespace, level: Any, position: Any, on: Any) -> Any:
    from bmnn.rules.classification import may_determine

    return may_determine(position, on)


def _take_out(args: argparse.Namespace, level: Any, position: Any, on: Any) -> Any:
    from bmnn.rules.movement import may_take_out

    return may_take_out(level, position, on, abroad=args.abroad, delegation_head_notified=args.notified)


def _provide(args: argparse.Namespace, level: Any, position: Any, on: Any) -> Any:
    from bmnn.rules.movement import may_provide

    return may_provide(level, position, on)


def _provide_foreign(args: argparse.Namespace, level: Any, position: Any, on: Any) -> Any:
    from bmnn.rules.movement import may_provide_foreign

    return may_provide_foreign(level, position, on)


def _meeting(args: argparse.Namespace, level: Any, position: Any, on: Any) -> Any:
    from bmnn.rules.meetings import may_hold_meeting

    return may_hold_meeting(level, position, on)


def _destroy(args: argparse.Namespace, level: Any, position: Any, on: Any) -> Any:
    from bmnn.rules.lifecycle import may_destroy

    return may_destroy(level, position, on, case=args.case, is_custodian=True)


def _extend(args: argparse.Namespace, level: Any, position: Any, on: Any) -> Any:
    from bmnn.rules.periods import may_extend

    return may_extend(level, _date(args.expiry), on, args.years, position)


def _period(args: argparse.Namespace, level: Any, position: Any, on: Any) -> Any:
    from bmnn.rules.periods import protection_period

    return protection_period(level, on, kind=args.kind)


def _envelope(args: argparse.Namespace, level: Any, position: Any, on: Any) -> Any:
    from dataclasses import asdict

    from bmnn.rules.marks import envelope_plan

    plan = envelope_plan(level, on, named_recipient=args.named)
    return {**asdict(plan), "level": plan.level.value, "rule_id": "R-TX-3"}


def _marks(args: argparse.Namespace, level: Any, position: Any, on: Any) -> Any:
    from dataclasses import asdict

    from bmnn.rules.marks import level_stamp, mark_layout

    return {
        "rule_ids": ["R-FORM-2", "R-FORM-3", "R-MARK-1"],
        "stamp": asdict(level_stamp(level, on)),
        "layout": mark_layout(on),
    }


def _register_summary(args: argparse.Namespace, level: Any, position: Any, on: Any) -> Any:
    from bmnn.rules.marks import outgoing_summary_allowed

    return outgoing_summary_allowed(level, on, classifier_consent=args.consent)


def _report(args: argparse.Namespace, level: Any, position: Any, on: Any) -> Any:
    from bmnn.rules.deadlines import check_annual_report

    return check_annual_report(args.year or on.year, None, on)


_HANDLERS: dict[str, Any] = {
    "copy": _copy_like("copy"),
    "photo": _copy_like("photo"),
    "extract": _copy_like("extract"),
    "determine": _determine,
    "take-out": _take_out,
    "provide": _provide,
    "provide-foreign": _provide_foreign,
    "meeting": _meeting,
    "destroy": _destroy,
    "extend": _extend,
    "period": _period,
    "envelope": _envelope,
    "marks": _marks,
    "register-summary": _register_summary,
    "report": _report,
}
