"""Shared positions, delegations and dates for the rule tables."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any

from bmnn.rules import Delegation, Level, Position, required_fields

D18 = dt.date(2026, 2, 15)  # regime 2018
D25 = dt.date(2026, 3, 15)  # regime 2025
ON18 = dt.date(2025, 5, 1)
ON = dt.date(2026, 5, 1)
LEGACY = dt.date(2018, 6, 1)

P_PROV_CHAIR = Position.of("provincial_committee_chair", tier="province")
P_DEP_PROV = Position.of("deputy:provincial_committee_chair", tier="province")
P_DEPT = Position.of("provincial_department_head", tier="province")
P_OFFICE = Position.of("office_level_unit_head")
P_DEP_OFFICE = Position.of("deputy:office_level_unit_head")
P_COMMUNE = Position.of("commune_committee_chair", tier="commune")
P_COMMUNE_OFFICE = Position.of("commune_committee_office_head", tier="commune")
P_DISTRICT = Position.of("district_committee_chair", tier="district")
P_MINISTER = Position.of("minister")
P_DEP_MINISTER = Position.of("deputy:minister")
P_DEP_MPS = Position.of("deputy_minister_public_security")
P_PM = Position.of("prime_minister")
P_GS = Position.of("general_secretary")
P_COURT_E = Position.of("high_provincial_court_chief_justice", tier="province")
P_HEAD = Position.of("agency_head", agency="A")
P_HEAD_B = Position.of("agency_head", agency="B")
P_DEP_HEAD = Position.of("deputy:agency_head", agency="A")
P_LEADER = Position.of("agency_leader", agency="A")
P_NONE = Position.of()

ALL_ACTS = frozenset({"copy", "photo", "provide", "take_out", "take_out_abroad", "meeting"})
DL_OK = Delegation(
    P_PROV_CHAIR,
    ALL_ACTS - {"photo"},
    Level.TUYET_MAT,
    dt.date(2026, 1, 1),
    dt.date(2026, 12, 31),
    reference="01/UQ",
)
DL_UNWRITTEN = replace(DL_OK, written=False)
DL_EXPIRED = replace(DL_OK, valid_to=dt.date(2026, 2, 1))
DL_LOW = replace(DL_OK, max_level=Level.MAT)
DL_MAT_ONLY = Delegation(P_OFFICE, frozenset({"copy"}), Level.MAT, dt.date(2026, 1, 1))
DL_HEAD = Delegation(P_HEAD, ALL_ACTS, Level.TUYET_MAT, dt.date(2026, 1, 1))


def full(rule_id: str, on: dt.date = ON) -> dict[str, Any]:
    """A record with every required field of ``rule_id`` filled."""
    return {key: "x" for key, _, _ in required_fields(rule_id, on)}


def partial(rule_id: str, on: dt.date = ON) -> dict[str, Any]:
    """The same record with its last field left empty."""
    record = full(rule_id, on)
    record[next(reversed(record))] = ""
    return record
