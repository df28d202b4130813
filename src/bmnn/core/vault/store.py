"""Where ciphertext lives. The database holds only the opaque ``ref`` a store returns.

:class:`BlobStore` is small on purpose so that an S3-compatible store (multipart upload from the chunk
iterator; ``open`` as a ranged/streamed GET; ``delete`` as DeleteObject) can implement it later.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import BinaryIO, Protocol, runtime_checkable

from bmnn.core.vault.errors import VaultError

_REF = re.compile(r"^[0-9a-f]{32}$")


@runtime_checkable
class BlobStore(Protocol):
    def write(self, chunks: Iterable[bytes]) -> str:
        """Store the concatenation of ``chunks`` durably and atomically; return its new ref."""
        ...

    def open(self, ref: str) -> BinaryIO:
        """A readable binary stream of the stored bytes (the caller closes it)."""
        ...

    def delete(self, ref: str) -> None:
        """Remove the stored bytes; a missing ref is not an error."""
        ...

    def exists(self, ref: str) -> bool: ...


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class FileSystemBlobStore:
    """Files under ``root/ab/cd/<ref>`` where ``ref`` is a random 128-bit hex id.

    Writes go to ``root/.tmp`` first, are fsynced, then atomically renamed into place, and the directory
    is fsynced, so a crash leaves either no blob or a whole one (plus, at worst, a stray temp file).
    """

    def __init__(self, root: Path) -> None:
        self.root = Path(root)

    def _path(self, ref: str) -> Path:
        if not _REF.match(ref):
            raise VaultError(f"Mã lưu trữ không hợp lệ: {ref!r}.")
        return self.root / ref[:2] / ref[2:4] / ref

    def _mkdir(self, path: Path) -> None:
        path.mkdir(mode=0o700, parents=True, exist_ok=True)

    def write(self, chunks: Iterable[bytes]) -> str:
        tmp_dir = self.root / ".tmp"
        self._mkdir(tmp_dir)
        ref = secrets.token_hex(16)
        final = self._path(ref)
        fd, tmp_name = tempfile.mkstemp(dir=tmp_dir, prefix="up-")  # mode 0600
        try:
            with os.fdopen(fd, "wb") as fh:
                for chunk in chunks:
                    fh.write(chunk)
                fh.flush()
                os.fsync(fh.fileno())
            self._mkdir(final.parent)
            os.replace(tmp_name, final)
            _fsync_dir(final.parent)
        except BaseException:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp_name)
            raise
        return ref

    def open(self, ref: str) -> BinaryIO:
        try:
            return open(self._path(ref), "rb")  # the caller owns and closes it
        except FileNotFoundError:
            raise VaultError(f"Không tìm thấy tệp mã hoá {ref} trong kho.") from None

    def delete(self, ref: str) -> None:
        path = self._path(ref)
        try:
            path.unlink()
        except FileNotFoundError:
            return
        _fsync_dir(path.parent)

    def exists(self, ref: str) -> bool:
        return self._path(ref).exists()
