"""Sealing a file into a store and reading it back, verified. Django-free.

Reading for delivery uses *verify-then-stream* on one open file handle: pass 1 decrypts and
authenticates every chunk (discarding the plaintext) and checks the size (and, when asked, the
SHA-256) recorded at sealing; only then does pass 2 stream the plaintext, authenticating each chunk
again. Because the
store replaces files by atomic rename, the open handle keeps reading the same bytes in both passes; if
they are altered in place between the passes, pass 2 still stops at the first bad chunk. Nothing is
spooled to disk in clear, and memory stays at about two chunks.
"""

from __future__ import annotations

import hmac
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO

from bmnn.core.vault.errors import VaultIntegrityError, VaultShreddedError
from bmnn.core.vault.keys import KeyProvider, new_data_key
from bmnn.core.vault.store import BlobStore
from bmnn.core.vault.stream import DEFAULT_CHUNK_SIZE, Readable, StreamStats, decrypt_stream, encrypt_stream


@dataclass(frozen=True)
class SealedFile:
    """What the database keeps about a sealed file (never the data key in clear)."""

    ref: str
    wrapped_key: bytes
    key_id: str
    size: int
    sha256: str


def seal(
    src: Readable,
    *,
    store: BlobStore,
    keys: KeyProvider,
    context: bytes,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
) -> SealedFile:
    """Encrypt ``src`` under a new data key into ``store``; wrap the key bound to ``context``."""
    data_key = new_data_key()
    wrapped, key_id = keys.wrap(data_key, context)
    stats = StreamStats()
    ref = store.write(encrypt_stream(src, data_key, chunk_size=chunk_size, stats=stats))
    del data_key
    return SealedFile(ref, wrapped, key_id, stats.size, stats.sha256)


class VerifiedStream:
    """Iterable of plaintext chunks of a sealed file, delivered only after the whole file verified.

    Use as an iterator (e.g. in ``StreamingHttpResponse``) or call :meth:`read_all` for small files.
    ``close()`` releases the file handle; it is called automatically at the end of iteration.
    """

    def __init__(
        self,
        fh: BinaryIO,
        data_key: bytes,
        *,
        expected_size: int | None,
        expected_sha256: str | None,
        verify_first: bool = True,
    ) -> None:
        self._fh = fh
        self._key = data_key
        self.size = expected_size
        self._expected_sha = expected_sha256
        self.verified = False
        if verify_first:
            try:
                self.verify()
            except BaseException:
                self.close()
                raise

    def verify(self) -> None:
        """Pass 1: authenticate every chunk and compare size and SHA-256 with what was sealed."""
        self._fh.seek(0)
        stats = StreamStats()
        if self._expected_sha:
            for _ in decrypt_stream(self._fh, self._key, stats=stats):
                pass
        else:  # the size is enough: every chunk is authenticated by its tag
            stats.size = sum(len(piece) for piece in decrypt_stream(self._fh, self._key))
        if self.size is not None and stats.size != self.size:
            raise VaultIntegrityError("Kích thước tệp giải mã khác với kích thước đã ghi khi lưu.")
        if self._expected_sha and not hmac.compare_digest(stats.sha256, self._expected_sha):
            raise VaultIntegrityError("Mã băm SHA-256 của tệp giải mã khác với mã băm đã ghi khi lưu.")
        self.verified = True
        self._fh.seek(0)

    def __iter__(self) -> Iterator[bytes]:
        try:
            yield from decrypt_stream(self._fh, self._key)
        finally:
            self.close()

    def read_all(self) -> bytes:
        return b"".join(self)

    def close(self) -> None:
        self._fh.close()


def open_sealed(
    *,
    store: BlobStore,
    keys: KeyProvider,
    ref: str,
    wrapped_key: bytes | None,
    key_id: str,
    context: bytes,
    expected_size: int | None = None,
    expected_sha256: str | None = None,
    verify_first: bool = True,
) -> VerifiedStream:
    """Unwrap the data key and open the ciphertext; with ``verify_first`` (default) pass 1 runs now and
    raises :class:`VaultIntegrityError` before any plaintext is handed out. A ``wrapped_key`` of None
    (crypto-shredded) raises :class:`VaultShreddedError`."""
    if wrapped_key is None:
        raise VaultShreddedError()
    data_key = keys.unwrap(bytes(wrapped_key), key_id, context)
    fh = store.open(ref)
    return VerifiedStream(
        fh,
        data_key,
        expected_size=expected_size,
        expected_sha256=expected_sha256,
        verify_first=verify_first,
    )
