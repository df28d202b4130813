"""Writes and audited reads of encrypted files.

These are building blocks: the caller (the registry) has already decided that ``actor`` may store, view,
download or destroy the item the blob belongs to. Every call here writes its audit event.
"""

from __future__ import annotations

import functools
import os
import uuid
from collections.abc import Iterable
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import Any, Literal

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from bmnn.core import audit
from bmnn.core.errors import Refused, refuse
from bmnn.core.vault import (
    BlobStore,
    FileKeyProvider,
    FileSystemBlobStore,
    KeyProvider,
    VaultError,
    VerifiedStream,
    open_sealed,
    rewrap,
    seal,
)
from bmnn.core.vault.stream import Readable
from bmnn.vault.models import VaultBlob

DESTRUCTION_CITATION = "Điều 23 khoản 2 Luật Bảo vệ bí mật nhà nước"
SHREDDED_MESSAGE = (
    "Tệp đã bị tiêu hủy bằng xoá khoá mã hoá, không thể mở lại "
    f"(tiêu hủy phải bảo đảm không thể khôi phục: {DESTRUCTION_CITATION})."
)
PURPOSES = ("view", "download")


@functools.lru_cache(maxsize=8)
def _file_provider(path: str, retired: tuple[str, ...], _files: tuple[object, ...]) -> FileKeyProvider:
    return FileKeyProvider.from_files(Path(path), [Path(p) for p in retired])


def _file_signature(path: str) -> tuple[int, int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_ino, st.st_mtime_ns, st.st_size)


def key_provider() -> KeyProvider:
    """The master-key provider configured in settings (``VAULT_KEY_FILE``, ``VAULT_RETIRED_KEY_FILES``).

    Cached, and reloaded when a key file is replaced (rotation) — the cache key includes each file's
    inode, modification time and size.
    """
    current = str(settings.VAULT_KEY_FILE)
    retired = tuple(str(p) for p in getattr(settings, "VAULT_RETIRED_KEY_FILES", ()))
    files = tuple(_file_signature(p) for p in (current, *retired))
    return _file_provider(current, retired, files)


def blob_store() -> BlobStore:
    """The ciphertext store: ``VAULT_DIR`` if set, else ``<data dir>/vault``."""
    root = getattr(settings, "VAULT_DIR", None) or Path(settings.DATA_DIR) / "vault"
    return FileSystemBlobStore(Path(root))


def _clean_filename(name: str) -> str:
    base = PureWindowsPath(PurePosixPath(name or "").name).name
    base = "".join(ch for ch in base if ch.isprintable()).strip()
    return (base or "tep-khong-ten")[:255]


def store(actor: Any, fileobj: Readable, filename: str, content_type: str = "") -> VaultBlob:
    """Encrypt ``fileobj`` (streamed) into the vault and record ``vault.store``."""
    blob_id = uuid.uuid4()
    backend = blob_store()
    sealed = seal(fileobj, store=backend, keys=key_provider(), context=blob_id.bytes)
    try:
        with transaction.atomic():
            blob = VaultBlob.objects.create(
                id=blob_id,
                original_filename=_clean_filename(filename),
                content_type=(content_type or "application/octet-stream")[:255],
                size=sealed.size,
                sha256=sealed.sha256,
                wrapped_key=sealed.wrapped_key,
                key_id=sealed.key_id,
                storage_ref=sealed.ref,
                created_by=actor if getattr(actor, "is_authenticated", False) else None,
            )
            audit.record(
                actor,
                "vault.store",
                blob,
                summary={
                    "filename": blob.original_filename,
                    "content_type": blob.content_type,
                    "size": blob.size,
                    "sha256": blob.sha256,
                    "key_id": blob.key_id,
                },
            )
    except BaseException:
        backend.delete(sealed.ref)
        raise
    return blob


def open_verified(
    actor: Any,
    blob: VaultBlob,
    purpose: Literal["view", "download"] = "view",
) -> VerifiedStream:
    """Verify the whole file, record ``vault.view``/``vault.download``, then return the plaintext stream.

    Raises :class:`Refused` (Vietnamese) if the blob was crypto-shredded, and a
    :class:`~bmnn.core.vault.VaultError` (``VaultIntegrityError`` when verification fails,
    ``VaultKeyError`` when the wrapped key does not open) after recording ``vault.integrity_failure``;
    in every case no plaintext byte has been handed out.
    """
    if purpose not in PURPOSES:
        raise ValueError(f"purpose must be one of {PURPOSES}")
    action = f"vault.{purpose}"
    current = VaultBlob.objects.get(pk=blob.pk)
    if current.is_shredded or current.wrapped_key is None:
        raise refuse(
            actor,
            action,
            Refused(SHREDDED_MESSAGE, rule_id="R-DEST-6", citation=DESTRUCTION_CITATION),
            current,
        )
    try:
        stream = open_sealed(
            store=blob_store(),
            keys=key_provider(),
            ref=current.storage_ref,
            wrapped_key=bytes(current.wrapped_key),
            key_id=current.key_id,
            context=current.context,
            expected_size=current.size,
            # GCM already authenticates every byte under a key bound to this row; re-hashing costs
            # about half the read speed, so the SHA-256 comparison is opt-in (VAULT_CHECK_SHA256).
            expected_sha256=current.sha256 if getattr(settings, "VAULT_CHECK_SHA256", False) else None,
        )
    except VaultError as exc:  # tampered or missing ciphertext, or a wrapped key that does not open
        with transaction.atomic():
            audit.record(
                actor, "vault.integrity_failure", current, summary={"purpose": purpose, "error": str(exc)}
            )
        raise
    try:
        with transaction.atomic():
            audit.record(
                actor,
                action,
                current,
                summary={
                    "filename": current.original_filename,
                    "size": current.size,
                    "sha256": current.sha256,
                },
            )
    except BaseException:
        stream.close()
        raise
    return stream


def shred(actor: Any, blob: VaultBlob, reason: str) -> VaultBlob:
    """Crypto-shred: drop the wrapped key and mark the blob shredded (one transaction, audited); the
    ciphertext file is deleted once that transaction commits. Metadata stays for the register."""
    reason = (reason or "").strip()
    if not reason:
        raise Refused("Phải ghi lý do tiêu hủy tệp.", field="reason")
    with transaction.atomic():
        locked = VaultBlob.objects.select_for_update().get(pk=blob.pk)
        if locked.is_shredded:
            raise Refused(SHREDDED_MESSAGE, rule_id="R-DEST-6", citation=DESTRUCTION_CITATION)
        locked.wrapped_key = None
        locked.shredded_at = timezone.now()
        locked.save(update_fields=["wrapped_key", "shredded_at"])
        audit.record(
            actor,
            "vault.shred",
            locked,
            summary={
                "reason": reason,
                "filename": locked.original_filename,
                "size": locked.size,
                "sha256": locked.sha256,
                "key_id": locked.key_id,
            },
        )
        ref = locked.storage_ref
        backend = blob_store()
        transaction.on_commit(functools.partial(backend.delete, ref), robust=True)
    return locked


def rewrap_all(actor: Any, blobs: Iterable[VaultBlob] | None = None, *, batch: int = 200) -> int:
    """Master-key rotation: re-wrap live data keys under the current master key. Returns the count.

    Procedure: add the old key file to ``VAULT_RETIRED_KEY_FILES``, put a new key in ``VAULT_KEY_FILE``,
    run this, then retire the old key once no blob (and no backup you still need) refers to it.
    """
    keys = key_provider()
    current_id = keys.current_key_id
    if blobs is None:
        ids = list(
            VaultBlob.objects.filter(shredded_at__isnull=True)
            .exclude(key_id=current_id)
            .values_list("pk", flat=True)
        )
    else:
        ids = [b.pk for b in blobs]
    done = 0
    for start in range(0, len(ids), batch):
        with transaction.atomic():
            rows = VaultBlob.objects.select_for_update().filter(
                pk__in=ids[start : start + batch], shredded_at__isnull=True
            )
            old_ids: set[str] = set()
            for row in rows:
                if row.wrapped_key is None or row.key_id == current_id:
                    continue
                old_ids.add(row.key_id)
                row.wrapped_key, row.key_id = rewrap(keys, bytes(row.wrapped_key), row.key_id, row.context)
                row.save(update_fields=["wrapped_key", "key_id"])
                done += 1
            audit.record(
                actor,
                "vault.rewrap",
                None,
                object_type="vault.vaultblob",
                summary={"count": done, "from_key_ids": sorted(old_ids), "to_key_id": current_id},
            )
    return done
