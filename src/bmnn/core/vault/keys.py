"""Master keys and the wrapping of per-file data keys.

A :class:`KeyProvider` wraps and unwraps 32-byte data keys. The file-based provider keeps the master
key in a hex file (mode 0600) outside the database; an HSM/PKCS#11 provider would implement the same two
methods, keeping the master key inside the token.

Wrapping (file provider): AES-256-GCM under the master key, a random 96-bit nonce, and associated data
``b"bmnn-vault/wrap/v1" 0x00 key_id 0x00 context`` where ``context`` is the blob's id, so a wrapped key
copied onto another blob's row does not unwrap. Wrapped form: ``0x01 || nonce (12) || ct (32) || tag (16)``.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Protocol, runtime_checkable

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from bmnn.core.vault.errors import VaultKeyError
from bmnn.core.vault.stream import KEY_LEN

WRAP_VERSION = 1
_NONCE_LEN = 12


def new_data_key() -> bytes:
    """A fresh random 256-bit data key."""
    return os.urandom(KEY_LEN)


def master_key_id(key: bytes) -> str:
    """The public id (fingerprint) of a master key: 16 hex digits, stored beside each wrapped key."""
    return hashlib.sha256(b"bmnn-vault master key id\x00" + key).hexdigest()[:16]


@runtime_checkable
class KeyProvider(Protocol):
    """Wraps data keys under a master key. ``context`` binds the wrapped key to one blob.

    ``current_key_id`` is the id that :meth:`wrap` stamps on new wrapped keys.
    """

    current_key_id: str

    def wrap(self, data_key: bytes, context: bytes) -> tuple[bytes, str]:
        """Return ``(wrapped_key, key_id)`` using the current master key."""
        ...

    def unwrap(self, wrapped: bytes, key_id: str, context: bytes) -> bytes:
        """Return the data key; raise :class:`VaultKeyError` if it cannot be unwrapped."""
        ...


def _aad(key_id: str, context: bytes) -> bytes:
    return b"bmnn-vault/wrap/v1\x00" + key_id.encode("ascii") + b"\x00" + context


def load_master_key(path: Path, *, create: bool = True) -> bytes:
    """Read a hex-encoded 32-byte master key from ``path``; generate it (mode 0600) if missing."""
    from bmnn.core import config

    try:
        if create:
            try:
                raw = config.ensure_secret_file(path, KEY_LEN)
            except FileExistsError:  # another process created it between the check and the open
                raw = path.read_bytes().strip()
        else:
            raw = path.read_bytes().strip()
    except config.ConfigError as exc:
        raise VaultKeyError(str(exc)) from exc
    except OSError as exc:
        raise VaultKeyError(f"Không đọc được tệp khoá chủ của kho {path}: {exc.strerror}.") from exc
    try:
        key = bytes.fromhex(raw.decode("ascii"))
    except (UnicodeDecodeError, ValueError):
        key = b""
    if len(key) != KEY_LEN:
        raise VaultKeyError(
            f"Tệp khoá chủ của kho {path} không hợp lệ: phải chứa đúng 64 chữ số hex (khoá 256 bit)."
        )
    return key


class FileKeyProvider:
    """Master key from a file; retired keys (after a rotation) can still unwrap until re-wrapped."""

    def __init__(self, current: bytes, retired: Iterable[bytes] = ()) -> None:
        if len(current) != KEY_LEN or any(len(k) != KEY_LEN for k in retired):
            raise ValueError("master keys must be 32 bytes")
        self.current_key_id = master_key_id(current)
        self._keys = {master_key_id(k): k for k in retired}
        self._keys[self.current_key_id] = current

    @classmethod
    def from_files(cls, path: Path, retired_paths: Iterable[Path] = ()) -> FileKeyProvider:
        """The current key from ``path`` (created if missing); retired keys must already exist."""
        return cls(load_master_key(path), [load_master_key(p, create=False) for p in retired_paths])

    @property
    def key_ids(self) -> frozenset[str]:
        return frozenset(self._keys)

    def wrap(self, data_key: bytes, context: bytes) -> tuple[bytes, str]:
        if len(data_key) != KEY_LEN:
            raise ValueError("data key must be 32 bytes")
        key_id = self.current_key_id
        nonce = os.urandom(_NONCE_LEN)
        sealed = AESGCM(self._keys[key_id]).encrypt(nonce, data_key, _aad(key_id, context))
        return bytes([WRAP_VERSION]) + nonce + sealed, key_id

    def unwrap(self, wrapped: bytes, key_id: str, context: bytes) -> bytes:
        master = self._keys.get(key_id)
        if master is None:
            raise VaultKeyError(
                f"Không có khoá chủ mã {key_id} để mở khoá tệp (khoá đã bị thay mà chưa khai báo khoá cũ)."
            )
        wrapped = bytes(wrapped)
        if len(wrapped) != 1 + _NONCE_LEN + KEY_LEN + 16 or wrapped[0] != WRAP_VERSION:
            raise VaultKeyError("Khoá tệp đã bọc không đúng định dạng.")
        nonce, sealed = wrapped[1 : 1 + _NONCE_LEN], wrapped[1 + _NONCE_LEN :]
        try:
            return AESGCM(master).decrypt(nonce, sealed, _aad(key_id, context))
        except InvalidTag:
            raise VaultKeyError(
                "Không mở được khoá tệp bằng khoá chủ "
                "(khoá bọc bị sửa, bị chuyển từ tệp khác hoặc sai khoá chủ)."
            ) from None


def rewrap(
    provider: KeyProvider,
    wrapped: bytes,
    key_id: str,
    context: bytes,
    *,
    target: KeyProvider | None = None,
) -> tuple[bytes, str]:
    """Re-wrap a data key under the current master key of ``target`` (default: ``provider``).

    Used for master-key rotation: the ciphertext files are untouched; only ``(wrapped, key_id)``
    changes. Returns the new pair.
    """
    data_key = provider.unwrap(wrapped, key_id, context)
    return (target or provider).wrap(data_key, context)
