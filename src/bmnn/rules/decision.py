"""Decisions, reasons and legal citations.

Every check in :mod:`bmnn.rules` answers with a :class:`Decision`: whether the act is allowed and the
:class:`Reason` list behind the answer.  Each reason names the rule id (``R-…`` from the legal
specification, section 22), the legal citation, a Vietnamese message a caller may show as is, and an
English twin.  Refusals are values, never exceptions.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

#: Instrument key -> (Vietnamese name, English name).
INSTRUMENTS: dict[str, tuple[str, str]] = {
    "law2018": ("Luật Bảo vệ bí mật nhà nước 2018", "Law on Protection of State Secrets 2018 (29/2018/QH14)"),
    "law2025": (
        "Luật Bảo vệ bí mật nhà nước 2025",
        "Law on Protection of State Secrets 2025 (117/2025/QH15)",
    ),
    "decree26": ("Nghị định 26/2020/NĐ-CP", "Decree 26/2020/ND-CP"),
    "decree63": ("Nghị định 63/2026/NĐ-CP", "Decree 63/2026/ND-CP"),
    "circular24": ("Thông tư 24/2020/TT-BCA", "Circular 24/2020/TT-BCA"),
    "circular104": ("Thông tư 104/2021/TT-BCA", "Circular 104/2021/TT-BCA"),
    "circular19": ("Thông tư 19/2017/TT-BTTTT", "Circular 19/2017/TT-BTTTT"),
    "cv4114": ("Công văn 4114/BCA-ANCTNB", "Official letter 4114/BCA-ANCTNB (2022)"),
    "decree30": ("Nghị định 30/2020/NĐ-CP", "Decree 30/2020/ND-CP"),
    "decree144": ("Nghị định 144/2021/NĐ-CP", "Decree 144/2021/ND-CP"),
    "penal": ("Bộ luật Hình sự 2015", "Criminal Code 2015"),
    "civil": ("Bộ luật Dân sự 2015", "Civil Code 2015"),
    "ordinance30": ("Pháp lệnh 30/2000/PL-UBTVQH10", "Ordinance 30/2000/PL-UBTVQH10"),
    "qd1500": ("Quyết định 1500/QĐ-BTC", "Decision 1500/QD-BTC"),
    "nq757": ("Nghị quyết 757/NQ-UBTVQH15", "Resolution 757/NQ-UBTVQH15"),
    "agency": ("Quy chế của cơ quan", "Agency regulation"),
}


@dataclass(frozen=True)
class Citation:
    """A pinpoint legal citation: instrument key plus optional article, clause and point."""

    instrument: str
    article: str | None = None
    clause: str | None = None
    point: str | None = None

    @classmethod
    def parse(cls, text: str) -> Citation:
        """Parse the compact data-file form ``instrument:article:clause:point`` (tail optional)."""
        parts = [p or None for p in text.split(":")]
        if parts[0] not in INSTRUMENTS:
            raise ValueError(f"unknown legal instrument in citation {text!r}")
        parts += [None] * (4 - len(parts))
        return cls(parts[0] or "", parts[1], parts[2], parts[3])

    def vi(self) -> str:
        """Vietnamese form, e.g. ``Điều 11 khoản 2 Luật Bảo vệ bí mật nhà nước 2018``."""
        bits = []
        if self.article:
            bits.append(f"Điều {self.article}")
        if self.clause:
            bits.append(f"khoản {self.clause}")
        if self.point:
            bits.append(f"điểm {self.point}")
        bits.append(INSTRUMENTS[self.instrument][0])
        return " ".join(bits)

    def en(self) -> str:
        """English form, e.g. ``Law on Protection of State Secrets 2018 (29/2018/QH14), Art. 11(2)``."""
        name = INSTRUMENTS[self.instrument][1]
        if not self.article:
            return name
        pin = f"Art. {self.article}"
        if self.clause:
            pin += f"({self.clause})"
        if self.point:
            pin += f"({self.point})"
        return f"{name}, {pin}"

    def as_dict(self) -> dict[str, Any]:
        return {
            "instrument": self.instrument,
            "article": self.article,
            "clause": self.clause,
            "point": self.point,
            "vi": self.vi(),
            "en": self.en(),
        }


@dataclass(frozen=True)
class Reason:
    """One ground of a decision: rule id, citation and a bilingual message.

    ``verified`` is False when the rule (or the data it used) is marked UNVERIFIED in the specification.
    """

    rule_id: str
    citation: Citation
    message_vi: str
    message_en: str
    verified: bool = True

    def as_dict(self) -> dict[str, Any]:
        return {
            "rule_id": self.rule_id,
            "citation": self.citation.as_dict(),
            "message_vi": self.message_vi,
            "message_en": self.message_en,
            "verified": self.verified,
        }


@dataclass(frozen=True)
class Decision:
    """The answer to "may this be done?": ``allowed`` plus the reasons.

    When refused, ``reasons`` holds only the failed grounds.  ``bool(decision)`` is ``decision.allowed``.
    ``regime`` is the legal regime that decided (``"2018"``, ``"2025"`` or ``"legacy"``); ``context``
    holds the reason naming that regime (R-REGIME-1).  ``info`` holds computed values (e.g. a deadline).
    """

    allowed: bool
    reasons: tuple[Reason, ...] = ()
    regime: str = ""
    data: tuple[tuple[str, Any], ...] = field(default=())
    context: tuple[Reason, ...] = ()

    def __bool__(self) -> bool:
        return self.allowed

    @property
    def rule_ids(self) -> tuple[str, ...]:
        return tuple(r.rule_id for r in self.reasons)

    @property
    def info(self) -> dict[str, Any]:
        """Extra values the decision computed (e.g. a deadline), as a dict."""
        return dict(self.data)

    def message(self, lang: str = "vi") -> str:
        """A one-paragraph message for a person, Vietnamese by default.

        Refusal: ``Không được phép: <message> (<citation>); …``.  Allowed: ``Được phép: …``.
        """
        if lang == "en":
            head = "Allowed" if self.allowed else "Not allowed"
            body = "; ".join(f"{r.message_en} ({r.citation.en()})" for r in self.reasons)
        else:
            head = "Được phép" if self.allowed else "Không được phép"
            body = "; ".join(f"{r.message_vi} ({r.citation.vi()})" for r in self.reasons)
        return f"{head}: {body}" if body else head

    def as_dict(self) -> dict[str, Any]:
        return {
            "allowed": self.allowed,
            "regime": self.regime,
            "reasons": [r.as_dict() for r in self.reasons],
            "context": [r.as_dict() for r in self.context],
            "info": {k: _jsonable(v) for k, v in self.data},
            "message_vi": self.message("vi"),
            "message_en": self.message("en"),
        }


def _jsonable(value: Any) -> Any:
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    return value


def combine(regime: str, reasons: Iterable[tuple[bool, Reason]], **data: Any) -> Decision:
    """Build a decision from (ok, reason) pairs: allowed iff every pair is ok.

    When refused only the failing reasons are kept, so the message explains the refusal.
    """
    pairs = list(reasons)
    failed = tuple(r for ok, r in pairs if not ok)
    if failed:
        return Decision(False, failed, regime, tuple(data.items()))
    return Decision(True, tuple(r for _, r in pairs), regime, tuple(data.items()))
