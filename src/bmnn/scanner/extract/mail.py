"""E-mail: .eml through the stdlib ``email`` package, Outlook .msg through olefile; attachments recurse."""

from __future__ import annotations

import email
import email.policy
import io
from collections.abc import Iterator

from ..model import ScanError
from . import Chunk, Context
from .text import markup_to_text


def extract_eml(data: bytes, ctx: Context) -> Iterator[Chunk]:
    try:
        msg = email.message_from_bytes(data, policy=email.policy.default)
    except Exception as exc:
        raise ScanError("corrupt", str(exc)) from exc
    subject = str(msg.get("subject", "") or "")
    if subject:
        yield Chunk("tiêu đề thư", subject)
    n = 0
    for part in msg.walk():
        ctx.check_time()
        if part.is_multipart():
            continue
        filename = part.get_filename()
        ctype = part.get_content_type()
        try:
            payload = part.get_payload(decode=True) or b""
        except Exception:  # noqa: BLE001 - broken transfer encoding
            payload = b""
        if filename or part.get_content_disposition() == "attachment" or not ctype.startswith("text/"):
            n += 1
            if isinstance(payload, bytes) and payload:
                yield from ctx.member(filename or f"đính kèm {n}", payload)
            continue
        charset = part.get_content_charset() or "utf-8"
        if not isinstance(payload, bytes):
            continue
        try:
            text = payload.decode(charset, "replace")
        except LookupError:
            text = payload.decode("utf-8", "replace")
        yield Chunk("nội dung thư", markup_to_text(text) if ctype == "text/html" else text)


def _msg_string(ole: object, prefix: str, prop: str) -> str:
    for suffix, enc in (("001F", "utf-16-le"), ("001E", "cp1252")):
        name = f"{prefix}__substg1.0_{prop}{suffix}"
        if ole.exists(name):  # type: ignore[attr-defined]
            return ole.openstream(name).read().decode(enc, "replace").rstrip("\x00")  # type: ignore[attr-defined,no-any-return]
    return ""


def extract_msg(data: bytes, ctx: Context) -> Iterator[Chunk]:
    import olefile

    try:
        ole = olefile.OleFileIO(io.BytesIO(data))
    except Exception as exc:
        raise ScanError("corrupt", str(exc)) from exc
    with ole:
        subject = _msg_string(ole, "", "0037")
        if subject:
            yield Chunk("tiêu đề thư", subject)
        body = _msg_string(ole, "", "1000")
        if body:
            yield Chunk("nội dung thư", body)
        elif ole.exists("__substg1.0_10130102"):  # HTML body
            yield Chunk(
                "nội dung thư",
                markup_to_text(ole.openstream("__substg1.0_10130102").read().decode("utf-8", "replace")),
            )
        storages = sorted(
            {
                e[0]
                for e in ole.listdir(streams=True, storages=True)
                if e[0].startswith("__attach_version1.0_")
            }
        )
        for n, storage in enumerate(storages, 1):
            ctx.check_time()
            prefix = storage + "/"
            name = _msg_string(ole, prefix, "3707") or _msg_string(ole, prefix, "3704") or f"đính kèm {n}"
            stream = prefix + "__substg1.0_37010102"
            if ole.exists(stream):
                size = ole.get_size(stream)
                ctx.take(size)
                yield from ctx.member(name, ole.openstream(stream).read())
