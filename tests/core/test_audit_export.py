"""``bmnn audit verify | export | checkpoint`` and the standalone verifier shipped in every export."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from tests.core.conftest import append, tamper

from bmnn.cli import main
from bmnn.core.audit.models import AuditCheckpoint

pytestmark = pytest.mark.django_db

PROBE = """
import json, runpy, sys
sys.argv = ["verify.py", sys.argv[1]]
code = 0
try:
    runpy.run_path(sys.argv[0], run_name="__main__")
except SystemExit as exc:
    code = exc.code
loaded = sorted(m for m in sys.modules if m.split(".")[0] in ("bmnn", "django"))
print("LOADED=" + json.dumps(loaded))
sys.exit(code)
"""


def _standalone(export: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO", "BMNN", "PYTHON"))}
    env["PYTHONPATH"] = str(export)
    return subprocess.run(
        [sys.executable, "-c", PROBE, str(export)],
        cwd=export,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_verify_exit_codes(capsys):
    append(4)
    assert main(["audit", "verify"]) == 0
    assert "Audit trail intact: 4 events" in capsys.readouterr().out
    tamper("UPDATE core_auditevent SET object_repr = 'khác' WHERE seq = 2")
    assert main(["audit", "verify"]) == 1
    out = capsys.readouterr().out
    assert out.splitlines()[0].startswith("NHẬT KÝ BỊ THAY ĐỔI — sự kiện hỏng đầu tiên: #2.")
    assert "Sự kiện #2 bị sửa: băm không khớp" in out and "Event #2 was altered" in out


def test_checkpoint_command(capsys):
    assert main(["audit", "checkpoint"]) == 0
    assert "trống" in capsys.readouterr().out
    append(2)
    assert main(["audit", "checkpoint"]) == 0
    assert "#2" in capsys.readouterr().out
    assert list(AuditCheckpoint.objects.values_list("seq", flat=True)) == [2]


def test_export_is_verified_standalone_without_bmnn_or_django(tmp_path, capsys):
    append(6)
    main(["audit", "checkpoint"])
    out = tmp_path / "xuat"
    assert main(["audit", "export", str(out)]) == 0
    names = {p.name for p in out.iterdir()}
    assert names == {
        "events.jsonl",
        "checkpoints.jsonl",
        "head.json",
        "audit_public_key.pem",
        "chain.py",
        "verifier.py",
        "verify.py",
        "README.txt",
    }
    assert len((out / "events.jsonl").read_text(encoding="utf-8").splitlines()) == 6
    result = _standalone(out)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Audit trail intact: 6 events, 1 validly signed checkpoints" in result.stdout
    assert "LOADED=[]" in result.stdout
    # the plain documented invocation works too
    plain = subprocess.run(
        [sys.executable, str(out / "verify.py"), str(out)], capture_output=True, text=True, check=False
    )
    assert plain.returncode == 0, plain.stderr


def _rewrite(path: Path, change) -> None:  # type: ignore[no-untyped-def]
    lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    path.write_text(
        "".join(json.dumps(x, ensure_ascii=False) + "\n" for x in change(lines)), encoding="utf-8"
    )


def _edit_third(lines):  # type: ignore[no-untyped-def]
    lines[2]["summary"] = {"after": "giả"}
    return lines


@pytest.mark.parametrize(
    ("name", "change", "first"),
    [
        ("edit", _edit_third, 3),
        ("delete", lambda lines: lines[:2] + lines[3:], 3),
        ("swap", lambda lines: [lines[0], lines[2], lines[1], *lines[3:]], 2),
        ("truncate", lambda lines: lines[:4], 5),
    ],
)
def test_the_standalone_verifier_detects_tampering_with_the_export(tmp_path, name, change, first):
    append(6)
    main(["audit", "checkpoint"])
    out = tmp_path / name
    main(["audit", "export", str(out)])
    _rewrite(out / "events.jsonl", change)
    if name == "truncate":  # also rewrite the head to match: the signed checkpoint still tells
        last = json.loads((out / "events.jsonl").read_text(encoding="utf-8").splitlines()[-1])
        (out / "head.json").write_text(json.dumps({"seq": last["seq"], "hash": last["hash"]}))
    result = _standalone(out)
    assert result.returncode == 1
    assert f"first broken event: #{first}." in result.stdout, result.stdout


def test_export_refuses_a_directory_that_is_not_empty(tmp_path, capsys):
    (tmp_path / "x.txt").write_text("x")
    assert main(["audit", "export", str(tmp_path)]) == 2
    assert "thư mục trống" in capsys.readouterr().err


def test_verify_with_checkpoints_from_an_earlier_export(tmp_path, capsys):
    events = append(5)
    main(["audit", "checkpoint"])
    old = tmp_path / "old"
    main(["audit", "export", str(old)])
    # the owner cuts the tail, deletes the checkpoint and rewrites the head: the database alone agrees...
    tamper("DELETE FROM core_auditevent WHERE seq >= 4")
    tamper("DELETE FROM core_auditcheckpoint")
    tamper("UPDATE core_audithead SET seq = 3, hash = %s", [events[2].hash])
    assert main(["audit", "verify"]) == 0
    # ...but not with the checkpoints and the public key kept from the earlier export
    args = ["audit", "verify", "--checkpoints", str(old / "checkpoints.jsonl")]
    assert main([*args, "--public-key", str(old / "audit_public_key.pem")]) == 1
    assert "first broken event: #4." in capsys.readouterr().out


def test_demo_data_verifies_and_any_single_row_edit_is_named(demo, capsys):
    from bmnn.core.audit.models import AuditEvent

    count = AuditEvent.objects.count()
    assert count >= 1
    assert main(["audit", "verify"]) == 0
    seq = max(1, count // 2)
    tamper("UPDATE core_auditevent SET actor = 'người khác' WHERE seq = %s", [seq])
    assert main(["audit", "verify"]) == 1
    assert f"first broken event: #{seq}." in capsys.readouterr().out
