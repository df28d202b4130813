"""Verification of an audit chain and its signed checkpoints. Standard library + ``cryptography`` only.

Used by ``bmnn audit verify`` (events streamed from the database) and copied verbatim, next to
``chain.py``, into every export, where ``verify.py DIR`` runs it on the exported files.

Checks: sequence numbers run 1, 2, 3… without gaps (a gap is a deleted event); every event's recomputed
hash equals its stored hash (an edit); every ``prev_hash`` equals the previous event's hash (a splice or a
re-hashed chain); the head row matches the last event (a cut tail); every checkpoint is signed by a known
key and its hash equals the event at its sequence number, which must exist (a cut tail, even if the head
row was rewritten). Memory stays flat: events are checked one at a time as they stream in.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

if __package__:
    from . import chain
else:  # running from an export directory
    import chain  # type: ignore[no-redef]

MAX_PROBLEMS = 1000
EXPORT_FILES = {
    "events": "events.jsonl",
    "checkpoints": "checkpoints.jsonl",
    "head": "head.json",
    "public_key": "audit_public_key.pem",
}


@dataclass(frozen=True)
class Problem:
    seq: int
    code: str
    vi: str
    en: str

    def __str__(self) -> str:
        return f"{self.vi} / {self.en}"


@dataclass
class Report:
    events: int = 0
    checkpoints: int = 0
    last_seq: int = 0
    last_hash: str = chain.GENESIS_HASH
    problems: list[Problem] = field(default_factory=list)
    more_problems: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def first(self) -> Problem | None:
        return min(self.problems, key=lambda p: p.seq) if self.problems else None

    def lines(self, limit: int = 20) -> list[str]:
        if self.ok:
            return [
                f"Nhật ký toàn vẹn: {self.events} sự kiện, {self.checkpoints} điểm kiểm tra có chữ ký hợp "
                f"lệ, đầu chuỗi #{self.last_seq} {self.last_hash[:16]}…",
                f"Audit trail intact: {self.events} events, {self.checkpoints} validly signed checkpoints, "
                f"head #{self.last_seq} {self.last_hash[:16]}…",
            ]
        first = self.first
        assert first is not None
        out = [
            f"NHẬT KÝ BỊ THAY ĐỔI — sự kiện hỏng đầu tiên: #{first.seq}. {first.vi}",
            f"AUDIT TRAIL BROKEN — first broken event: #{first.seq}. {first.en}",
        ]
        ordered = sorted(self.problems, key=lambda p: p.seq)
        out += [f"  - {p}" for p in ordered[:limit]]
        hidden = len(ordered) - limit + self.more_problems
        if hidden > 0:
            out.append(f"  … và {hidden} lỗi khác / and {hidden} more")
        return out


class ChainVerifier:
    """Feed events in sequence order, then call ``finish`` with the head record."""

    def __init__(self, checkpoints: Iterable[Mapping[str, Any]], public_keys: Iterable[Ed25519PublicKey]):
        self.report = Report()
        keys = {_fingerprint(k): k for k in public_keys}
        # seq -> hashes vouched for by validly signed checkpoints
        self.trusted: dict[int, list[str]] = {}
        for cp in checkpoints:
            self._check_checkpoint(cp, keys)
        self._gap = False

    def _problem(self, seq: int, code: str, vi: str, en: str) -> None:
        if len(self.report.problems) < MAX_PROBLEMS:
            self.report.problems.append(Problem(seq, code, vi, en))
        else:
            self.report.more_problems += 1

    def _check_checkpoint(self, cp: Mapping[str, Any], keys: Mapping[str, Ed25519PublicKey]) -> None:
        seq = cp.get("seq")
        if not isinstance(seq, int) or isinstance(seq, bool) or seq < 1:
            self._problem(
                0, "checkpoint_malformed", f"Điểm kiểm tra hỏng: {cp!r}", f"Malformed checkpoint: {cp!r}"
            )
            return
        key = keys.get(str(cp.get("key_fingerprint")))
        if key is None:
            self._problem(
                seq,
                "checkpoint_unknown_key",
                f"Điểm kiểm tra tại sự kiện #{seq} được ký bằng khoá lạ ({cp.get('key_fingerprint')})",
                f"Checkpoint at event #{seq} is signed by an unknown key ({cp.get('key_fingerprint')})",
            )
            return
        try:
            message = chain.checkpoint_message(seq, str(cp.get("head_hash")), str(cp.get("ts")))
            key.verify(bytes.fromhex(str(cp.get("signature"))), message)
        except (InvalidSignature, ValueError):
            self._problem(
                seq,
                "checkpoint_signature",
                f"Điểm kiểm tra tại sự kiện #{seq} có chữ ký không hợp lệ (bị sửa)",
                f"Checkpoint at event #{seq} has an invalid signature (altered)",
            )
            return
        self.report.checkpoints += 1
        self.trusted.setdefault(seq, []).append(str(cp.get("head_hash")))

    def feed(self, event: Mapping[str, Any]) -> None:
        rep = self.report
        seq = event.get("seq")
        expected = rep.last_seq + 1
        if not isinstance(seq, int) or isinstance(seq, bool):
            self._problem(
                expected, "malformed", f"Sự kiện #{expected} hỏng: {seq!r}", f"Event #{expected} malformed"
            )
            return
        rep.events += 1
        if seq < expected:
            self._problem(
                seq,
                "order",
                f"Sự kiện #{seq} trùng hoặc sai thứ tự (sau #{rep.last_seq})",
                f"Event #{seq} is duplicated or out of order (after #{rep.last_seq})",
            )
            return
        gap = seq > expected
        if gap:
            span = f"#{expected}" if seq == expected + 1 else f"#{expected}–#{seq - 1}"
            self._problem(
                expected,
                "missing",
                f"Sự kiện {span} bị xoá hoặc mất (chuỗi nhảy từ #{rep.last_seq} sang #{seq})",
                f"Event {span} deleted or missing (sequence jumps from #{rep.last_seq} to #{seq})",
            )
        stored = event.get("hash")
        try:
            recomputed: str | None = chain.event_hash(dict(event))
        except (TypeError, ValueError, UnicodeError):
            recomputed = None
        if recomputed != stored:
            self._problem(
                seq,
                "altered",
                f"Sự kiện #{seq} bị sửa: băm không khớp",
                f"Event #{seq} was altered: hash mismatch",
            )
        elif not gap and event.get("prev_hash") != rep.last_hash:
            self._problem(
                seq,
                "link",
                f"Sự kiện #{seq} không nối với sự kiện #{rep.last_seq}: prev_hash không khớp (chuỗi bị cắt "
                "nối hoặc băm lại)",
                f"Event #{seq} does not link to event #{rep.last_seq}: prev_hash mismatch (chain spliced or "
                "re-hashed)",
            )
        for signed in self.trusted.pop(seq, []):
            if signed != stored:
                self._problem(
                    seq,
                    "checkpoint_mismatch",
                    f"Sự kiện #{seq} khác với điểm kiểm tra đã ký (chuỗi bị băm lại)",
                    f"Event #{seq} differs from its signed checkpoint (chain re-hashed)",
                )
        rep.last_seq, rep.last_hash = seq, str(stored)

    def finish(self, head: Mapping[str, Any] | None) -> Report:
        rep = self.report
        for seq in sorted(self.trusted):
            if seq > rep.last_seq:
                self._problem(
                    rep.last_seq + 1,
                    "truncated",
                    f"Sự kiện #{rep.last_seq + 1}–#{seq} bị xoá: có điểm kiểm tra đã ký tại #{seq} nhưng "
                    f"chuỗi chỉ đến #{rep.last_seq} (bị cắt đuôi)",
                    f"Events #{rep.last_seq + 1}–#{seq} deleted: a signed checkpoint exists at #{seq} but "
                    f"the chain ends at #{rep.last_seq} (tail cut)",
                )
            else:
                self._problem(
                    seq,
                    "missing",
                    f"Sự kiện #{seq} (có điểm kiểm tra đã ký) bị xoá",
                    f"Event #{seq} (covered by a signed checkpoint) was deleted",
                )
        self.trusted.clear()
        self._check_head(head)
        return rep

    def _check_head(self, head: Mapping[str, Any] | None) -> None:
        rep = self.report
        if head is None:
            if rep.events:
                self._problem(
                    rep.last_seq, "head_missing", "Mất bản ghi đầu chuỗi", "The chain head record is missing"
                )
            return
        hseq, hhash = head.get("seq"), head.get("hash")
        if not isinstance(hseq, int) or isinstance(hseq, bool):
            self._problem(rep.last_seq, "head_malformed", "Đầu chuỗi hỏng", "The chain head is malformed")
        elif hseq > rep.last_seq:
            self._problem(
                rep.last_seq + 1,
                "truncated",
                f"Sự kiện #{rep.last_seq + 1}–#{hseq} bị xoá: đầu chuỗi ghi #{hseq} nhưng sự kiện cuối là "
                f"#{rep.last_seq} (bị cắt đuôi)",
                f"Events #{rep.last_seq + 1}–#{hseq} deleted: the head says #{hseq} but the last event is "
                f"#{rep.last_seq} (tail cut)",
            )
        elif hseq < rep.last_seq:
            self._problem(
                hseq + 1,
                "head_behind",
                f"Đầu chuỗi ghi #{hseq} nhưng có sự kiện đến #{rep.last_seq}: sự kiện #{hseq + 1} trở đi "
                "không được đầu chuỗi xác nhận (đầu chuỗi bị sửa hoặc sự kiện bị chèn)",
                f"The head says #{hseq} but events run to #{rep.last_seq}: event #{hseq + 1} onwards is not "
                "vouched for by the head (head altered or events inserted)",
            )
        elif hhash != rep.last_hash and rep.last_seq > 0:
            self._problem(
                hseq,
                "head_hash",
                f"Đầu chuỗi không khớp băm của sự kiện #{hseq} (đầu chuỗi hoặc sự kiện bị sửa)",
                f"The head does not match the hash of event #{hseq} (head or event altered)",
            )


def _fingerprint(key: Ed25519PublicKey) -> str:
    raw = key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return chain.key_fingerprint(raw)


def load_public_key(pem: bytes) -> Ed25519PublicKey:
    key = serialization.load_pem_public_key(pem)
    if not isinstance(key, Ed25519PublicKey):
        raise ValueError("not an Ed25519 public key")
    return key


def read_jsonl(path: Path, on_error: Any = None) -> Iterator[dict[str, Any]]:
    """Objects of a JSON Lines file, one at a time; bad lines go to ``on_error(line_no, text)``."""
    with path.open(encoding="utf-8") as fh:
        for number, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except ValueError:
                obj = None
            if isinstance(obj, dict):
                yield obj
            elif on_error is not None:
                on_error(number, line)


def verify_export(directory: Path, public_keys: list[Ed25519PublicKey] | None = None) -> Report:
    """Verify an export written by ``bmnn audit export``."""
    if public_keys is None:
        public_keys = [load_public_key((directory / EXPORT_FILES["public_key"]).read_bytes())]
    bad_lines: list[tuple[str, int]] = []

    def on_error(name: str) -> Any:
        return lambda number, _text: bad_lines.append((name, number))

    checkpoints = list(read_jsonl(directory / EXPORT_FILES["checkpoints"], on_error("checkpoints")))
    verifier = ChainVerifier(checkpoints, public_keys)
    for event in read_jsonl(directory / EXPORT_FILES["events"], on_error("events")):
        verifier.feed(event)
    head = json.loads((directory / EXPORT_FILES["head"]).read_text(encoding="utf-8"))
    report = verifier.finish(head if isinstance(head, dict) else None)
    for name, number in bad_lines:
        report.problems.append(
            Problem(0, "malformed", f"Dòng {number} của {name} hỏng", f"Line {number} of {name} is malformed")
        )
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Kiểm tra bản xuất nhật ký BMNN / verify a BMNN audit export"
    )
    parser.add_argument("directory", type=Path, help="thư mục xuất / export directory")
    parser.add_argument(
        "--public-key",
        action="append",
        type=Path,
        help="khoá công khai giữ riêng (nên dùng) / a separately kept public key (recommended)",
    )
    args = parser.parse_args(argv)
    keys = [load_public_key(p.read_bytes()) for p in args.public_key] if args.public_key else None
    report = verify_export(args.directory, keys)
    for line in report.lines():
        print(line)
    return 0 if report.ok else 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
