"""``bmnn audit export DIR``: the events, the signed checkpoints, the public key and a standalone verifier."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bmnn.core.audit import chain, integrity, keys, verifier
from bmnn.core.audit.verifier import EXPORT_FILES

VERIFY_PY = '''"""Verify this BMNN audit export. Needs only Python 3.11+ and the ``cryptography`` package.

    python verify.py DIR [--public-key KEY.pem]
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import verifier  # noqa: E402

if __name__ == "__main__":
    sys.exit(verifier.main(sys.argv[1:] or [str(Path(__file__).resolve().parent)]))
'''

README = """Bản xuất nhật ký kiểm toán BMNN / BMNN audit trail export
==========================================================

Kiểm tra (chỉ cần Python 3.11+ và gói cryptography):
    python verify.py {dirname}
    python verify.py {dirname} --public-key KHOA_CONG_KHAI_GIU_RIENG.pem   (nên dùng)

Mã thoát 0: toàn vẹn. Mã thoát 1: có sự kiện bị sửa, xoá, đổi thứ tự hoặc bị cắt đuôi; dòng đầu tiên
nêu sự kiện hỏng đầu tiên.

Nội dung:
  events.jsonl         mỗi dòng một sự kiện (seq, ts, người thực hiện, hành vi, đối tượng, tóm tắt
                       trước/sau, mã yêu cầu, IP, prev_hash, hash)
  checkpoints.jsonl    các điểm kiểm tra ký Ed25519 (seq, head_hash, ts, signature, key_fingerprint)
  head.json            đầu chuỗi lúc xuất
  audit_public_key.pem khoá công khai Ed25519, dấu vân tay SHA-256: {fingerprint}
  chain.py, verifier.py, verify.py  bộ kiểm tra độc lập

Băm của mỗi sự kiện = SHA-256(prev_hash + "\\n" + JSON chuẩn hoá của các trường, xem chain.py).
Khoá công khai đi kèm bản xuất chỉ chứng minh tính nhất quán; để chống ký lại, hãy so dấu vân tay với
bản được lưu giữ riêng, hoặc dùng --public-key.

To verify (needs only Python 3.11+ and the cryptography package): python verify.py {dirname}
Exit code 0: intact. Exit code 1: an event was altered, deleted, reordered or the tail was cut; the first
line names the first broken event. Each event's hash is SHA-256(prev_hash + "\\n" + canonical JSON of its
fields, see chain.py). The bundled public key only proves consistency: compare its fingerprint
({fingerprint}) with a copy kept elsewhere, or pass --public-key, to rule out re-signing.
"""


class ExportError(Exception):
    """The export cannot be written (message in Vietnamese)."""


@dataclass
class ExportResult:
    directory: Path
    events: int
    checkpoints: int
    head: dict[str, Any] | None
    fingerprint: str


def export(directory: Path) -> ExportResult:
    directory = Path(directory)
    if directory.exists() and any(directory.iterdir()):
        raise ExportError(f"Thư mục {directory} đã có dữ liệu; hãy chọn một thư mục trống.")
    directory.mkdir(parents=True, exist_ok=True)
    public = keys.signing_key().public_key()
    signed = integrity.checkpoints()
    with (directory / EXPORT_FILES["checkpoints"]).open("w", encoding="utf-8") as fh:
        for cp in signed:
            fh.write(_line(cp))
    count = 0
    with (directory / EXPORT_FILES["events"]).open("w", encoding="utf-8") as fh:

        def write(event: dict[str, Any]) -> None:
            nonlocal count
            fh.write(_line(event))
            count += 1

        head = integrity.walk(write)
    (directory / EXPORT_FILES["head"]).write_text(_line(head), encoding="utf-8")
    (directory / EXPORT_FILES["public_key"]).write_bytes(keys.public_pem(public))
    for module in (chain, verifier):
        source = Path(module.__file__ or "")
        (directory / source.name).write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    (directory / "verify.py").write_text(VERIFY_PY, encoding="utf-8")
    fingerprint = keys.fingerprint(public)
    (directory / "README.txt").write_text(
        README.format(dirname=directory.name, fingerprint=fingerprint), encoding="utf-8"
    )
    return ExportResult(directory, count, len(signed), head, fingerprint)


def _line(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=str) + "\n"
