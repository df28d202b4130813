"""Records that must contain given fields (requests, registers, dossiers, reports).

The field lists live in ``data/checklists.toml`` keyed by rule id, so a change of form is a data change.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from bmnn.rules.dates import vn_date
from bmnn.rules.decision import Decision, Reason
from bmnn.rules.regimes import Regime, regime_for


def checklist_rules(on: dt.date) -> tuple[str, ...]:
    """Rule ids that have a field checklist under the regime of ``on``."""
    return tuple(sorted(regime_for(on).data["checklists"]))


def required_fields(rule_id: str, on: dt.date) -> tuple[tuple[str, str, str], ...]:
    """(key, Vietnamese label, English label) of the fields ``rule_id`` requires on ``on``."""
    table = regime_for(on).data["checklists"].get(rule_id)
    return tuple(tuple(f) for f in table["fields"]) if table else ()  # type: ignore[misc]


def _present(record: Mapping[str, Any] | Iterable[str]) -> set[str]:
    if isinstance(record, Mapping):
        return {k for k, v in record.items() if v not in (None, "", (), [], {})}
    return set(record)


def missing_pair(reg: Regime, rule_id: str, record: Mapping[str, Any] | Iterable[str]) -> tuple[bool, Reason]:
    """(ok, reason) for one checklist; a missing table means the rule has no checklist in ``reg``."""
    table = reg.data["checklists"].get(rule_id)
    if table is None:
        return False, reg.reason(
            rule_id,
            f"quy tắc {rule_id} không áp dụng theo chế độ pháp lý {reg.id}",
            f"rule {rule_id} does not apply under regime {reg.id}",
        )
    have = _present(record)
    missing = [(vi, en) for key, vi, en in table["fields"] if key not in have]
    verified = bool(table["verified"])
    if missing:
        return False, reg.reason(
            rule_id,
            "thiếu nội dung bắt buộc: " + "; ".join(vi for vi, _ in missing),
            "missing required content: " + "; ".join(en for _, en in missing),
            verified=verified,
        )
    return True, reg.reason(
        rule_id, "có đủ nội dung bắt buộc", "all required content is present", verified=verified
    )


def check_record(rule_id: str, record: Mapping[str, Any] | Iterable[str], on: dt.date) -> Decision:
    """Check that ``record`` (a mapping of filled fields, or the keys present) has every required field.

    Covers R-CLS-5 (proposal), R-CLS-6 (recipients block), R-COPY-4 (copy register), R-TX-5 (handover),
    R-TX-10 (register database), R-OUT-3 (take-out request), R-PROV-4/5 (requests), R-MEET-1 (meeting
    record), R-IT-5 (inventory), R-IT-6 (electronic sending, 2025), R-DECL-4 and R-DEST-5 (dossiers),
    R-DEST-6 (destruction minutes), R-RECALL-1 (handover on leaving), R-REP-3 (report), R-FORM-4
    (register cover).
    """
    on = vn_date(on)
    reg = regime_for(on)
    return reg.decide(on, [missing_pair(reg, rule_id, record)])
