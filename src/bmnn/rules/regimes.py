"""Legal regimes and the rule catalogue, loaded from the TOML files in ``bmnn/rules/data``.

A rule lookup takes the act's date and picks the regime (R-REGIME-1):

* ``2025`` from 01/03/2026 (Law 117/2025, Decree 63/2026);
* ``2018`` from 01/07/2020, and from 01/01/2019 for periods and extension (R-REGIME-2);
* ``legacy`` before that (R-TRANS-1): arithmetic uses the 2018 data but authority checks refuse.

Provisions flagged ``verified = false`` may be overridden by an agency's TOML file, named by the
``BMNN_RULES_OVERRIDE`` environment variable or passed to :func:`configure`.  The override file mirrors
the regime files, one table per regime id::

    ["2018".stamps.MAT]
    width_mm = 22

Overriding a verified provision is refused with :class:`OverrideError`.
"""

from __future__ import annotations

import copy
import datetime as dt
import os
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from functools import cached_property
from importlib import resources
from pathlib import Path
from typing import Any

from bmnn.rules.dates import vn_date
from bmnn.rules.decision import Citation, Decision, Reason, combine

OVERRIDE_ENV = "BMNN_RULES_OVERRIDE"
REGIME_IDS: tuple[str, ...] = ("2018", "2025")
LEGACY = "legacy"

#: Topics for regime selection: periods and extension start earlier (R-REGIME-2).
TOPIC_GENERAL = "general"
TOPIC_PERIOD = "period"


class OverrideError(ValueError):
    """An override file tried to change something it may not (a verified provision, an unknown key)."""


def _read_data(name: str) -> dict[str, Any]:
    text = resources.files("bmnn.rules").joinpath("data", name).read_text(encoding="utf-8")
    return tomllib.loads(text)


def _merge_override(base: dict[str, Any], patch: Mapping[str, Any], where: str, unlocked: bool) -> None:
    """Merge ``patch`` into ``base`` in place; leaves may change only under a ``verified = false`` table."""
    if "verified" in base:
        unlocked = base["verified"] is False
    for key, value in patch.items():
        path = f"{where}.{key}"
        if key == "verified" or key not in base:
            raise OverrideError(f"override may not set {path!r}")
        if isinstance(value, Mapping) and isinstance(base[key], dict):
            _merge_override(base[key], value, path, unlocked)
        elif not unlocked:
            raise OverrideError(f"{path!r} is a verified provision and cannot be overridden")
        else:
            base[key] = value


@dataclass(frozen=True)
class RuleInfo:
    """Catalogue entry of one rule id."""

    rule_id: str
    title_vi: str
    title_en: str
    verified: bool
    cite: tuple[Citation, ...]
    cite25: tuple[Citation, ...]


_DERIVE_25 = {"law2018": "law2025", "decree26": "decree63", "circular24": "decree63"}


def _derive_2025(c: Citation) -> Citation:
    target = _DERIVE_25.get(c.instrument)
    if target is None:
        return c
    if target == "law2025":
        return Citation(target, c.article, c.clause, c.point)
    return Citation(target)


def load_catalogue() -> dict[str, RuleInfo]:
    """All rule ids of the specification, section 22."""
    out: dict[str, RuleInfo] = {}
    for rid, row in _read_data("rules.toml").items():
        cite = tuple(Citation.parse(c) for c in row["cite"])
        cite25 = tuple(Citation.parse(c) for c in row["cite25"]) if "cite25" in row else ()
        out[rid] = RuleInfo(
            rid, row["vi"], row["en"], row["verified"], cite, cite25 or tuple(map(_derive_2025, cite))
        )
    return out


class Regime:
    """One legal regime: its data (a nested dict) and helpers to cite rules under it."""

    def __init__(self, regime_id: str, data: dict[str, Any], catalogue: Mapping[str, RuleInfo]) -> None:
        self.id = regime_id
        self.data = data
        self.catalogue = catalogue

    def __repr__(self) -> str:
        return f"Regime({self.id!r})"

    @property
    def legacy(self) -> bool:
        return self.id == LEGACY

    @cached_property
    def starts(self) -> dt.date:
        return self.data["starts"]  # type: ignore[no-any-return]

    def provision(self, name: str) -> dict[str, Any]:
        return self.data[name]  # type: ignore[no-any-return]

    def verified(self, name: str) -> bool:
        return bool(self.data[name]["verified"])

    def citations(self, rule_id: str) -> tuple[Citation, ...]:
        info = self.catalogue[rule_id]
        return info.cite25 if self.id == "2025" else info.cite

    def cite(
        self, rule_id: str, article: str | None = None, clause: str | None = None, point: str | None = None
    ) -> Citation:
        """The rule's main citation under this regime, optionally re-pinpointed."""
        base = self.citations(rule_id)[0]
        if article is None and clause is None and point is None:
            return base
        return Citation(base.instrument, article or base.article, clause, point)

    def reason(
        self,
        rule_id: str,
        vi: str,
        en: str,
        *,
        citation: Citation | None = None,
        provision: str | None = None,
        verified: bool = True,
    ) -> Reason:
        """A reason for ``rule_id``; unverified when the rule or the ``provision`` used is unverified."""
        verified = verified and self.catalogue[rule_id].verified
        verified = verified and (provision is None or self.verified(provision))
        return Reason(rule_id, citation or self.cite(rule_id), vi, en, verified)

    def applies(self, on: dt.date) -> tuple[bool, Reason]:
        """(ok, reason) naming the regime that decides; legacy acts refuse with R-TRANS-1."""
        day = on.strftime("%d/%m/%Y")
        if self.legacy:
            return False, self.reason(
                "R-TRANS-1",
                f"hành vi ngày {day} trước khi Luật Bảo vệ bí mật nhà nước 2018 có hiệu lực; "
                "xử lý như hồ sơ cũ (Pháp lệnh 30/2000) và phải rà soát",
                f"the act dated {day} predates Law 29/2018; treat as a legacy record and review it",
            )
        return True, self.reason(
            "R-REGIME-1",
            f"áp dụng {self.data['label_vi']} cho hành vi ngày {day}",
            f"{self.data['label_en']} applies to the act dated {day}",
            citation=Citation(self.data["law"]),
        )

    def decide(self, on: dt.date, pairs: Iterable[tuple[bool, Reason]], **data: Any) -> Decision:
        """The decision from (ok, reason) pairs, with the regime reason as context.

        A legacy act (before the Law) is refused with R-TRANS-1 whatever the pairs say.
        """
        ok, ctx = self.applies(on)
        if not ok:
            return Decision(False, (ctx,), self.id, tuple(data.items()))
        return replace(combine(self.id, pairs, **data), context=(ctx,))


class RegimeSet:
    """The regimes with an optional agency override applied."""

    def __init__(self, override: Mapping[str, Any] | None = None) -> None:
        self.catalogue = load_catalogue()
        raw = {rid: _read_data(f"regime_{rid}.toml") for rid in REGIME_IDS}
        checklists = _read_data("checklists.toml")
        resolved: dict[str, dict[str, Any]] = {}
        for rid in REGIME_IDS:
            data = raw[rid]
            parent = data.get("inherits")
            merged = copy.deepcopy(resolved[parent]) if parent else {}
            merged.update(copy.deepcopy(data))
            merged["checklists"] = {
                k: v for k, v in checklists.items() if rid in v.get("regimes", REGIME_IDS)
            }
            resolved[rid] = merged
        for rid, patch in (override or {}).items():
            if rid not in resolved:
                raise OverrideError(f"unknown regime {rid!r} in override")
            _merge_override(resolved[rid], patch, rid, False)
        self.regimes = {rid: Regime(rid, d, self.catalogue) for rid, d in resolved.items()}
        legacy = dict(resolved["2018"], id=LEGACY)
        self.regimes[LEGACY] = Regime(LEGACY, legacy, self.catalogue)

    @classmethod
    def from_file(cls, path: str | os.PathLike[str] | None) -> RegimeSet:
        if not path:
            return cls()
        with Path(path).open("rb") as fh:
            return cls(tomllib.load(fh))

    def for_date(self, on: dt.date, topic: str = TOPIC_GENERAL) -> Regime:
        """The regime for an act on ``on`` (a Vietnam calendar date)."""
        for rid in reversed(REGIME_IDS):
            reg = self.regimes[rid]
            start = reg.data["period_rules_start"] if topic == TOPIC_PERIOD else reg.starts
            if on >= start:
                return reg
        return self.regimes[LEGACY]


_ACTIVE: RegimeSet | None = None


def configure(override: str | os.PathLike[str] | Mapping[str, Any] | None = None) -> RegimeSet:
    """Load the regimes with an agency override (a TOML path or a mapping) and make them active.

    ``configure()`` with no argument reloads using ``$BMNN_RULES_OVERRIDE`` (if set).
    """
    global _ACTIVE
    if override is None:
        _ACTIVE = RegimeSet.from_file(os.environ.get(OVERRIDE_ENV))
    elif isinstance(override, Mapping):
        _ACTIVE = RegimeSet(override)
    else:
        _ACTIVE = RegimeSet.from_file(override)
    return _ACTIVE


def active() -> RegimeSet:
    """The active regime set (loaded on first use)."""
    return _ACTIVE if _ACTIVE is not None else configure()


def regime_for(on: dt.date | dt.datetime, topic: str = TOPIC_GENERAL) -> Regime:
    """The regime deciding an act dated ``on`` (date, or aware datetime converted to Vietnam time)."""
    return active().for_date(vn_date(on), topic)


def catalogue() -> Mapping[str, RuleInfo]:
    return active().catalogue


def flag_check(
    rule_id: str, ok: bool, on: dt.date, yes: tuple[str, str], no: tuple[str, str], **data: Any
) -> Decision:
    """A one-condition check: ``yes`` / ``no`` are (Vietnamese, English) messages."""
    on = vn_date(on)
    reg = regime_for(on)
    return reg.decide(on, [(ok, reg.reason(rule_id, *(yes if ok else no)))], **data)
