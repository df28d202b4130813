"""The vault: files encrypted at rest with per-file AES-256-GCM keys wrapped by a master key.

Pure Python plus ``cryptography``; no Django. The Django side (metadata, audit) is ``bmnn.vault``.
"""

from bmnn.core.vault.errors import VaultError, VaultIntegrityError, VaultKeyError, VaultShreddedError
from bmnn.core.vault.keys import FileKeyProvider, KeyProvider, load_master_key, master_key_id, rewrap
from bmnn.core.vault.sealing import SealedFile, VerifiedStream, open_sealed, seal
from bmnn.core.vault.store import BlobStore, FileSystemBlobStore
from bmnn.core.vault.stream import DEFAULT_CHUNK_SIZE, StreamStats, decrypt_stream, encrypt_stream

__all__ = [
    "DEFAULT_CHUNK_SIZE",
    "BlobStore",
    "FileKeyProvider",
    "FileSystemBlobStore",
    "KeyProvider",
    "SealedFile",
    "StreamStats",
    "VaultError",
    "VaultIntegrityError",
    "VaultKeyError",
    "VaultShreddedError",
    "VerifiedStream",
    "decrypt_stream",
    "encrypt_stream",
    "load_master_key",
    "master_key_id",
    "open_sealed",
    "rewrap",
    "seal",
]
