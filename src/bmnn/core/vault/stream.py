"""The chunked AEAD file format (version 1). See docs/vault.md for the byte layout.

Header (38 bytes)::

    magic "BMNNVLT" (7) | version 0x01 (1) | algorithm 0x01 = AES-256-GCM (1) | reserved 0x00 (1)
    | chunk size, uint32 big-endian (4) | random nonce prefix (8) | data-key id (16)

Then one record per chunk: ``AES-256-GCM(data_key, nonce, plaintext_chunk, aad) = ciphertext || tag``.

* nonce = nonce prefix (8) || chunk index as uint32 big-endian (4)
* aad   = the whole header (38) || chunk index as uint64 big-endian (8) || final flag (1: 0x01 on the
  last chunk, else 0x00)

Every chunk but the last carries exactly ``chunk size`` plaintext bytes; the last one carries 0 to
``chunk size`` bytes (an empty file is one empty final chunk). Binding the index and the final flag
detects reordering, truncation and appending; binding the header (with its random prefix) detects a
chunk moved in from another file, and the data-key id detects a wrong key before any chunk is tried.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import struct
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Protocol

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from bmnn.core.vault.errors import VaultIntegrityError

MAGIC = b"BMNNVLT"
VERSION = 1
ALG_AES256GCM = 1
TAG_LEN = 16
KEY_LEN = 32
PREFIX_LEN = 8
KEY_ID_LEN = 16
DEFAULT_CHUNK_SIZE = 1024 * 1024
MIN_CHUNK_SIZE = 16
MAX_CHUNK_SIZE = 64 * 1024 * 1024
MAX_CHUNKS = 2**32
_HEADER = struct.Struct(">7sBBBI8s16s")
HEADER_LEN = _HEADER.size  # 38


class Readable(Protocol):
    def read(self, size: int = -1, /) -> bytes: ...


@dataclass
class StreamStats:
    """Filled in while a stream is consumed: plaintext size and SHA-256 (hex) once ``done``."""

    size: int = 0
    sha256: str = ""
    done: bool = False


@dataclass(frozen=True)
class Header:
    chunk_size: int
    prefix: bytes
    key_id: bytes

    def pack(self) -> bytes:
        return _HEADER.pack(MAGIC, VERSION, ALG_AES256GCM, 0, self.chunk_size, self.prefix, self.key_id)


def data_key_id(data_key: bytes) -> bytes:
    """A 16-byte fingerprint (commitment) of a data key; reveals nothing about the key."""
    return hmac.new(data_key, b"bmnn-vault v1 data key id", hashlib.sha256).digest()[:KEY_ID_LEN]


def parse_header(raw: bytes) -> Header:
    if len(raw) < HEADER_LEN or not raw.startswith(MAGIC):
        raise VaultIntegrityError("Tệp mã hoá không đúng định dạng kho (thiếu hoặc sai phần đầu).")
    _magic, version, alg, _reserved, chunk_size, prefix, key_id = _HEADER.unpack(raw[:HEADER_LEN])
    if version != VERSION or alg != ALG_AES256GCM:
        raise VaultIntegrityError(f"Phiên bản định dạng kho không được hỗ trợ: {version}/{alg}.")
    if not MIN_CHUNK_SIZE <= chunk_size <= MAX_CHUNK_SIZE:
        raise VaultIntegrityError("Kích thước khối trong phần đầu tệp mã hoá không hợp lệ.")
    return Header(chunk_size, prefix, key_id)


def read_exact(src: Readable, n: int) -> bytes:
    """Read ``n`` bytes, fewer only at end of stream (loops over short reads of pipes and sockets)."""
    data = src.read(n)
    if len(data) == n or not data:
        return data
    parts = [data]
    got = len(data)
    while got < n:
        more = src.read(n - got)
        if not more:
            break
        parts.append(more)
        got += len(more)
    return b"".join(parts)


def _nonce(prefix: bytes, index: int) -> bytes:
    return prefix + struct.pack(">I", index)


def _aad(header: bytes, index: int, final: bool) -> bytes:
    return header + struct.pack(">QB", index, 1 if final else 0)


def _check_key(data_key: bytes) -> None:
    if len(data_key) != KEY_LEN:
        raise ValueError("data key must be 32 bytes (AES-256)")


def encrypt_stream(
    src: Readable,
    data_key: bytes,
    *,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
    stats: StreamStats | None = None,
) -> Iterator[bytes]:
    """Yield the header, then one sealed record per chunk of ``src``. Memory: about three chunks.

    With ``stats``, the plaintext size and SHA-256 are computed on the way (hashing costs time).
    """
    _check_key(data_key)
    if not MIN_CHUNK_SIZE <= chunk_size <= MAX_CHUNK_SIZE:
        raise ValueError(f"chunk size must be between {MIN_CHUNK_SIZE} and {MAX_CHUNK_SIZE}")
    header_obj = Header(chunk_size, os.urandom(PREFIX_LEN), data_key_id(data_key))
    header = header_obj.pack()
    yield header
    aes = AESGCM(data_key)
    digest = hashlib.sha256() if stats is not None else None
    size = 0
    index = 0
    current = read_exact(src, chunk_size)
    while True:
        following = read_exact(src, chunk_size) if len(current) == chunk_size else b""
        final = not following
        if index >= MAX_CHUNKS:
            raise ValueError("file too large for the vault format (2^32 chunks)")
        if digest is not None:
            digest.update(current)
        size += len(current)
        yield aes.encrypt(_nonce(header_obj.prefix, index), current, _aad(header, index, final))
        if final:
            break
        current = following
        index += 1
    if stats is not None and digest is not None:
        stats.size, stats.sha256, stats.done = size, digest.hexdigest(), True


def decrypt_stream(src: Readable, data_key: bytes, *, stats: StreamStats | None = None) -> Iterator[bytes]:
    """Yield the plaintext chunk by chunk; each chunk is authenticated before it is yielded.

    Raises :class:`VaultIntegrityError` at the first chunk that fails (and at the end if the stream was
    truncated or extended). Chunks yielded before a failure were authentic *as chunks* but the file as a
    whole is not: callers that deliver to a user must verify the whole file first (see ``sealing``).
    """
    _check_key(data_key)
    raw = read_exact(src, HEADER_LEN)
    header_obj = parse_header(raw)
    if not hmac.compare_digest(header_obj.key_id, data_key_id(data_key)):
        raise VaultIntegrityError("Khoá giải mã không khớp với tệp (sai khoá hoặc tệp bị tráo).")
    header = raw
    aes = AESGCM(data_key)
    record = header_obj.chunk_size + TAG_LEN
    digest = hashlib.sha256() if stats is not None else None
    size = 0
    index = 0
    current = read_exact(src, record)
    while True:
        if len(current) < TAG_LEN:
            raise VaultIntegrityError(f"Tệp mã hoá bị cắt cụt tại khối {index}.")
        following = read_exact(src, record) if len(current) == record else b""
        final = not following
        if index >= MAX_CHUNKS:
            raise VaultIntegrityError("Tệp mã hoá có quá nhiều khối.")
        try:
            plain = aes.decrypt(_nonce(header_obj.prefix, index), current, _aad(header, index, final))
        except InvalidTag:
            raise VaultIntegrityError(
                f"Kiểm tra toàn vẹn thất bại tại khối {index}: tệp đã bị sửa, cắt, nối thêm hoặc đảo khối."
            ) from None
        size += len(plain)
        if digest is not None:
            digest.update(plain)
        yield plain
        if final:
            break
        current = following
        index += 1
    if stats is not None and digest is not None:
        stats.size, stats.sha256, stats.done = size, digest.hexdigest(), True


def ciphertext_size(plain_size: int, chunk_size: int = DEFAULT_CHUNK_SIZE) -> int:
    """Exact size of the sealed file for a plaintext of ``plain_size`` bytes."""
    chunks = max(1, -(-plain_size // chunk_size))
    return HEADER_LEN + plain_size + chunks * TAG_LEN
