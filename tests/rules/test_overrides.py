"""Agency overrides of UNVERIFIED data (BMNN_RULES_OVERRIDE or configure())."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from bmnn.rules import (
    Level,
    OverrideError,
    RegimeSet,
    configure,
    expiry_date,
    level_stamp,
    may_copy,
    may_extend,
    required_fields,
)
from tests.rules.cases import D18, ON, P_HEAD, P_OFFICE


def test_r_form_3_override_unverified_mat_stamp_from_env(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "agency.toml"
    path.write_text('["2025".stamps.MAT]\nwidth_mm = 22\n', encoding="utf-8")
    monkeypatch.setenv("BMNN_RULES_OVERRIDE", str(path))
    configure()
    assert level_stamp(Level.MAT, ON).width_mm == 22
    assert level_stamp(Level.MAT, D18).width_mm == 20  # the 2018 data is untouched


def test_r_copy_1_override_unverified_mat_tier_by_path(tmp_path: Path) -> None:
    path = tmp_path / "agency.toml"
    path.write_text('["2025".copy_authority_11_3]\ntags = ["agency_leader"]\n', encoding="utf-8")
    configure(path)
    assert may_copy(Level.MAT, P_HEAD.__class__.of("agency_leader"), ON).allowed
    assert not may_copy(Level.MAT, P_OFFICE, ON).allowed


def test_r_ext_2_override_extension_count() -> None:
    configure({"2025": {"extension_count": {"max_extensions": 1}}})
    expiry = dt.date(2030, 1, 1)
    assert may_extend(Level.MAT, expiry, dt.date(2029, 1, 1), 5, P_HEAD).allowed
    refused = may_extend(Level.MAT, expiry, dt.date(2029, 1, 1), 5, P_HEAD, previous_extensions=1)
    assert not refused.allowed and "R-EXT-2" in refused.rule_ids


def test_r_trans_1_override_legacy_period_start() -> None:
    assert expiry_date(Level.MAT, dt.date(2015, 6, 1)) == dt.date(2025, 6, 1)
    configure({"2018": {"legacy": {"period_start": "2019-01-01"}}})
    assert expiry_date(Level.MAT, dt.date(2015, 6, 1)) == dt.date(2029, 1, 1)


def test_r_prov_5_override_checklist() -> None:
    configure({"2025": {"checklists": {"R-PROV-5": {"fields": [["purpose", "mục đích", "purpose"]]}}}})
    assert [f[0] for f in required_fields("R-PROV-5", ON)] == ["purpose"]


@pytest.mark.parametrize(
    "patch",
    [
        {"2018": {"periods": {"MAT": 5}}},  # verified provision
        {"2018": {"starts": dt.date(2020, 1, 1)}},  # not inside a provision
        {"2018": {"stamps": {"MAT": {"verified": True}}}},  # the flag itself
        {"2018": {"no_such_table": {"x": 1}}},
        {"1999": {}},
    ],
    ids=["R-PERIOD-1 verified", "R-REGIME-1 dates", "flag", "unknown key", "unknown regime"],
)
def test_overriding_verified_or_unknown_data_is_refused(patch: dict) -> None:
    with pytest.raises(OverrideError):
        RegimeSet(patch)


def test_regime_set_from_file_without_path() -> None:
    assert RegimeSet.from_file(None).for_date(ON).id == "2025"
