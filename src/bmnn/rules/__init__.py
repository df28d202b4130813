"""bmnn.rules: the law on protection of state secrets as code.

Pure standard-library Python.  Every check takes the date of the act, picks the legal regime
(``2018`` or ``2025``) and answers with a :class:`Decision` carrying rule ids, citations and
Vietnamese/English messages.  See ``docs/rules.md``.
"""

from __future__ import annotations

from bmnn.rules.dates import NaiveDatetimeError, add_months, add_years, fmt, today_vn, vn_date
from bmnn.rules.decision import INSTRUMENTS, Citation, Decision, Reason
from bmnn.rules.levels import FIELDS, Level, highest
from bmnn.rules.regimes import (
    OVERRIDE_ENV,
    OverrideError,
    Regime,
    RegimeSet,
    RuleInfo,
    catalogue,
    configure,
    regime_for,
)
from bmnn.rules.tags import ACTS, AGENCY_TIERS, AUTHORITY_TAGS, DEPUTY_PREFIX, Delegation, Position, tag_label

__all__ = [
    "ACTS",
    "AGENCY_TIERS",
    "AUTHORITY_TAGS",
    "DEPUTY_PREFIX",
    "FIELDS",
    "INSTRUMENTS",
    "OVERRIDE_ENV",
    "Citation",
    "Decision",
    "Delegation",
    "Level",
    "NaiveDatetimeError",
    "OverrideError",
    "Position",
    "Reason",
    "Regime",
    "RegimeSet",
    "RuleInfo",
    "add_months",
    "add_years",
    "catalogue",
    "configure",
    "fmt",
    "highest",
    "regime_for",
    "tag_label",
    "today_vn",
    "vn_date",
]
