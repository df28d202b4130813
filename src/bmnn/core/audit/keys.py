"""The Ed25519 key that signs audit checkpoints, kept in the data directory (settings.AUDIT_KEY_FILE).

The private key is created on first use (PEM, PKCS#8, mode 0600); its public half is written next to it
(``<name>.pub.pem``) and into every export. Keep a copy of the public key or its fingerprint somewhere the
database owner cannot reach: it is what lets anyone tell genuine checkpoints from re-signed ones.
"""

from __future__ import annotations

import contextlib
import os
import threading
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from bmnn.core.audit.chain import key_fingerprint

_lock = threading.Lock()
_cache: dict[Path, Ed25519PrivateKey] = {}


class AuditKeyError(Exception):
    """The signing key is missing or unreadable (message in Vietnamese)."""


def key_path() -> Path:
    from django.conf import settings

    return Path(settings.AUDIT_KEY_FILE)


def public_path(path: Path) -> Path:
    return path.with_name(path.name.removesuffix(".key") + ".pub.pem")


def public_pem(key: Ed25519PublicKey) -> bytes:
    return key.public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)


def fingerprint(key: Ed25519PublicKey) -> str:
    raw = key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return key_fingerprint(raw)


def _create(path: Path) -> None:
    """Write a new key atomically; if another process got there first, keep theirs."""
    path.parent.mkdir(parents=True, exist_ok=True)
    pem = Ed25519PrivateKey.generate().private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(pem)
            fh.flush()
            os.fsync(fh.fileno())
        with contextlib.suppress(FileExistsError):
            os.link(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def _read(path: Path) -> Ed25519PrivateKey:
    try:
        key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    except (OSError, ValueError) as exc:
        raise AuditKeyError(f"Không đọc được khoá ký nhật ký {path}: {exc}") from exc
    if not isinstance(key, Ed25519PrivateKey):
        raise AuditKeyError(f"Tệp {path} không phải khoá Ed25519.")
    return key


def signing_key(*, create: bool = True) -> Ed25519PrivateKey:
    """The checkpoint signing key (created on first use unless ``create`` is False)."""
    path = key_path()
    with _lock:
        key = _cache.get(path)
        if key is not None and path.exists():
            return key
        if not path.exists():
            if not create:
                raise AuditKeyError(f"Chưa có khoá ký nhật ký {path}.")
            _create(path)
        key = _read(path)
        pub = public_path(path)
        if not pub.exists() or pub.read_bytes() != public_pem(key.public_key()):
            pub.write_bytes(public_pem(key.public_key()))
        _cache[path] = key
        return key


def load_public_key(path: Path) -> Ed25519PublicKey:
    try:
        key = serialization.load_pem_public_key(path.read_bytes())
    except (OSError, ValueError) as exc:
        raise AuditKeyError(f"Không đọc được khoá công khai {path}: {exc}") from exc
    if not isinstance(key, Ed25519PublicKey):
        raise AuditKeyError(f"Tệp {path} không phải khoá công khai Ed25519.")
    return key
