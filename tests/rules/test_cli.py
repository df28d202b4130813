"""``bmnn rules`` via bmnn.cli.main."""

from __future__ import annotations

import json

import pytest

from bmnn.cli import main

CASES = [
    (
        "R-COPY-1 copy 2025 commune",
        [
            "copy",
            "--level",
            "toi-mat",
            "--position",
            "commune_committee_chair",
            "--tier",
            "commune",
            "--date",
            "2026-05-01",
        ],
        0,
        "Được phép",
    ),
    (
        "R-COPY-1 copy 2018 commune",
        [
            "copy",
            "--level",
            "toi-mat",
            "--position",
            "commune_committee_chair",
            "--tier",
            "commune",
            "--date",
            "2026-02-15",
        ],
        1,
        "Không được phép",
    ),
    (
        "R-COPY-1 photo",
        ["photo", "--level", "mat", "--position", "office_level_unit_head", "--date", "2026-05-01"],
        0,
        "chụp",
    ),
    ("R-COPY-1 extract", ["extract", "--level", "mat", "--date", "2026-05-01"], 1, "trích sao"),
    (
        "R-CLS-5 determine",
        ["determine", "--position", "agency_head", "--date", "2026-05-01"],
        0,
        "xác định BMNN",
    ),
    (
        "R-OUT-2 take-out abroad",
        [
            "take-out",
            "--abroad",
            "--notified",
            "--position",
            "minister",
            "--level",
            "tuyet-mat",
            "--date",
            "2026-05-01",
        ],
        0,
        "mang ra nước ngoài",
    ),
    ("R-OUT-1 take-out", ["take-out", "--position", "agency_head", "--date", "2026-05-01"], 0, "Được phép"),
    (
        "R-PROV-1 provide",
        ["provide", "--position", "minister", "--level", "tuyet-mat", "--date", "2026-05-01"],
        0,
        "cung cấp",
    ),
    (
        "R-PROV-2 provide-foreign",
        ["provide-foreign", "--position", "minister", "--level", "tuyet-mat", "--date", "2026-02-15"],
        1,
        "Điều 16 khoản 1",
    ),
    (
        "R-MEET-1 meeting",
        ["meeting", "--position", "provincial_department_head", "--level", "toi-mat", "--date", "2026-05-01"],
        0,
        "cuộc họp",
    ),
    ("R-DEST-2 destroy", ["destroy", "--position", "minister", "--date", "2026-05-01"], 1, "Hội đồng"),
    ("R-DEST-4 destroy urgent", ["destroy", "--case", "URGENT_HARM", "--date", "2026-05-01"], 1, "báo cáo"),
    (
        "R-EXT-1 extend",
        [
            "extend",
            "--position",
            "agency_head",
            "--expiry",
            "2030-01-01",
            "--years",
            "5",
            "--date",
            "2029-01-01",
        ],
        0,
        "new_expiry: 2035-01-01",
    ),
    ("R-PERIOD-1 period", ["period", "--level", "tuyet-mat", "--date", "2020-02-29"], 0, "28/02/2050"),
    (
        "R-TX-2 register-summary",
        ["register-summary", "--level", "tuyet-mat", "--date", "2026-05-01"],
        1,
        "trích yếu",
    ),
    ("R-REP-1 report", ["report", "--year", "2026", "--date", "2026-12-01"], 0, "20/12/2026"),
    (
        "R-TX-3 envelope",
        ["envelope", "--level", "tuyet-mat", "--named", "--date", "2026-05-01"],
        0,
        "CHỈ NGƯỜI CÓ TÊN",
    ),
    ("R-FORM-3 marks", ["marks", "--level", "toi-mat", "--date", "2026-05-01"], 0, "TỐI MẬT"),
]


@pytest.mark.parametrize(("label", "argv", "code", "needle"), CASES, ids=[c[0] for c in CASES])
def test_explain(
    label: str, argv: list[str], code: int, needle: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["rules", "explain", *argv]) == code
    assert needle in capsys.readouterr().out


def test_r_copy_1_explain_english_and_json(capsys: pytest.CaptureFixture[str]) -> None:
    argv = [
        "rules",
        "explain",
        "copy",
        "--level",
        "tuyet-mat",
        "--position",
        "provincial_department_head",
        "--date",
        "2026-05-01",
    ]
    assert main([*argv, "--lang", "en"]) == 1
    out = capsys.readouterr().out
    assert out.startswith("Not allowed:") and "Art. 11(1)" in out and "[UNVERIFIED]" in out
    assert main([*argv, "--json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["allowed"] is False and data["reasons"][0]["rule_id"] == "R-COPY-1"
    assert data["reasons"][0]["citation"]["article"] == "11"


def test_list_prints_every_rule(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules", "list", "--date", "2026-02-15"]) == 0
    out = capsys.readouterr().out
    assert out.count("\n") == 86
    assert "R-COPY-2" in out and "[CHƯA KIỂM CHỨNG]" in out
    assert main(["rules", "list", "--lang", "en"]) == 0
    assert "[UNVERIFIED]" in capsys.readouterr().out
    assert main(["rules", "list", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert len(data["rules"]) == 86 and data["rules"][0]["rule_id"] == "R-ADJ-1"


def test_rules_without_subcommand_prints_help(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules"]) == 2
    assert "explain" in capsys.readouterr().out


def test_explain_default_date_is_today(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules", "explain", "marks"]) == 0
    assert "layout" in capsys.readouterr().out
