"""Vault exceptions. Messages are Vietnamese: they may reach the user or the operator as is."""

from __future__ import annotations


class VaultError(Exception):
    """Any vault failure."""


class VaultIntegrityError(VaultError):
    """The ciphertext failed authentication: tampered, truncated, extended, reordered or wrong key.

    Bytes of the failing chunk are never returned; callers must discard anything already read.
    """


class VaultKeyError(VaultError):
    """A key could not be loaded, or a wrapped key could not be unwrapped with the master key."""


class VaultShreddedError(VaultError):
    """The file's key has been destroyed (crypto-shredding): the content can never be read again."""

    def __init__(self, message: str = "") -> None:
        super().__init__(message or "Tệp đã bị tiêu hủy bằng xoá khoá mã hoá, không thể mở lại.")
