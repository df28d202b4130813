"""Vault services: store, audited verified reads, crypto-shredding, rotation."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest

from bmnn.core.errors import NotFound, Refused
from bmnn.core.models import AuditEvent
from bmnn.core.vault import VaultError, VaultIntegrityError
from bmnn.vault import selectors, services
from bmnn.vault.models import VaultBlob

pytestmark = pytest.mark.django_db


@pytest.fixture
def vault(settings, tmp_path):
    settings.VAULT_DIR = tmp_path / "vault"
    settings.VAULT_KEY_FILE = tmp_path / "keys" / "vault_master.key"
    settings.VAULT_RETIRED_KEY_FILES = []
    return tmp_path


@pytest.fixture
def actor(demo):
    return next(iter(demo.values()))


def _events(action: str, blob: VaultBlob) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(action=action, object_id=str(blob.pk)))


def _cipher_path(blob: VaultBlob) -> Path:
    root = services.blob_store().root  # type: ignore[attr-defined]
    ref = blob.storage_ref
    return Path(root) / ref[:2] / ref[2:4] / ref


def test_store_keeps_only_metadata_and_the_wrapped_key(vault, actor):
    data = os.urandom(3 * 1024 * 1024 + 5)
    blob = services.store(actor, io.BytesIO(data), "../../Quyết định số 12.pdf", "application/pdf")
    blob.refresh_from_db()
    assert blob.original_filename == "Quyết định số 12.pdf"
    assert blob.size == len(data) and len(blob.sha256) == 64
    assert blob.created_by == actor and blob.shredded_at is None
    assert len(bytes(blob.wrapped_key)) == 61 and blob.key_id == services.key_provider().current_key_id
    assert data[:4096] not in _cipher_path(blob).read_bytes()
    [event] = _events("vault.store", blob)
    assert event.actor == actor.get_username() and event.summary["sha256"] == blob.sha256


@pytest.mark.parametrize("purpose", ["view", "download"])
def test_open_verified_returns_plaintext_and_writes_an_audit_event(vault, actor, purpose):
    data = b"Noi dung mat " * 1000
    blob = services.store(actor, io.BytesIO(data), "a.txt", "text/plain")
    stream = services.open_verified(actor, blob, purpose)
    assert b"".join(stream) == data
    [event] = _events(f"vault.{purpose}", blob)
    assert event.summary["sha256"] == blob.sha256


def test_tampered_ciphertext_is_refused_before_any_byte_and_audited(vault, actor):
    blob = services.store(actor, io.BytesIO(os.urandom(2_500_000)), "b.bin", "")
    path = _cipher_path(blob)
    raw = bytearray(path.read_bytes())
    raw[-3] ^= 0x01
    path.write_bytes(bytes(raw))
    with pytest.raises(VaultIntegrityError):
        services.open_verified(actor, blob, "download")
    assert _events("vault.download", blob) == []
    assert len(_events("vault.integrity_failure", blob)) == 1


def test_missing_ciphertext_is_reported_and_audited(vault, actor):
    blob = services.store(actor, io.BytesIO(b"gone"), "g.txt", "")
    _cipher_path(blob).unlink()
    with pytest.raises(VaultError, match="Không tìm thấy"):
        services.open_verified(actor, blob, "view")
    assert len(_events("vault.integrity_failure", blob)) == 1 and _events("vault.view", blob) == []


def test_shredding_makes_the_blob_unreadable_and_keeps_metadata(
    vault, actor, django_capture_on_commit_callbacks
):
    blob = services.store(actor, io.BytesIO(b"secret"), "c.txt", "text/plain")
    path = _cipher_path(blob)
    with django_capture_on_commit_callbacks(execute=True):
        services.shred(actor, blob, "Tiêu hủy theo quyết định số 5/QĐ")
    blob.refresh_from_db()
    assert blob.wrapped_key is None and blob.shredded_at is not None
    assert blob.sha256 and blob.original_filename == "c.txt"
    assert not path.exists()
    [event] = _events("vault.shred", blob)
    assert event.summary["reason"] == "Tiêu hủy theo quyết định số 5/QĐ"
    with pytest.raises(Refused, match="Tệp đã bị tiêu hủy bằng xoá khoá mã hoá, không thể mở lại"):
        services.open_verified(actor, blob, "view")
    assert len(_events("vault.view.refused", blob)) == 1
    with pytest.raises(Refused):
        services.shred(actor, blob, "lần nữa")


def test_shred_needs_a_reason_and_keeps_the_file_until_commit(
    vault, actor, django_capture_on_commit_callbacks
):
    blob = services.store(actor, io.BytesIO(b"x"), "d.txt", "")
    with pytest.raises(Refused, match="lý do"):
        services.shred(actor, blob, "  ")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.shred(actor, blob, "hết giá trị")
    assert _cipher_path(blob).exists() and len(callbacks) == 1


def test_stale_instance_cannot_read_after_shredding(vault, actor, django_capture_on_commit_callbacks):
    blob = services.store(actor, io.BytesIO(b"x"), "e.txt", "")
    stale = VaultBlob.objects.get(pk=blob.pk)
    with django_capture_on_commit_callbacks(execute=True):
        services.shred(actor, blob, "hết giá trị")
    with pytest.raises(Refused):
        services.open_verified(actor, stale, "download")


def test_wrapped_key_moved_to_another_row_does_not_open(vault, actor):
    a = services.store(actor, io.BytesIO(b"aaa"), "a", "")
    b = services.store(actor, io.BytesIO(b"bbb"), "b", "")
    VaultBlob.objects.filter(pk=b.pk).update(wrapped_key=a.wrapped_key, storage_ref=a.storage_ref)
    from bmnn.core.vault import VaultKeyError

    with pytest.raises(VaultKeyError):
        services.open_verified(actor, b, "view")


def test_master_key_rotation(vault, actor, settings):
    blob = services.store(actor, io.BytesIO(b"rotate me"), "r.txt", "")
    old_id = blob.key_id
    old_path = Path(settings.VAULT_KEY_FILE)
    retired = old_path.with_name("vault_master.key.old")
    old_path.rename(retired)
    settings.VAULT_RETIRED_KEY_FILES = [retired]
    assert services.rewrap_all(actor) == 1
    blob.refresh_from_db()
    assert blob.key_id != old_id
    settings.VAULT_RETIRED_KEY_FILES = []
    assert services.open_verified(actor, blob).read_all() == b"rotate me"
    assert AuditEvent.objects.filter(action="vault.rewrap").count() == 1


def test_selectors(vault, actor, django_capture_on_commit_callbacks):
    a = services.store(actor, io.BytesIO(b"12345"), "a", "")
    b = services.store(actor, io.BytesIO(b"1"), "b", "")
    with django_capture_on_commit_callbacks(execute=True):
        services.shred(actor, b, "x")
    assert selectors.get_blob(str(a.pk)) == a
    with pytest.raises(NotFound):
        selectors.get_blob("not-a-uuid")
    assert list(selectors.live_blobs()) == [a]
    assert selectors.stats() == {"live": 1, "live_bytes": 5, "shredded": 1}


def test_optional_sha256_check_on_read(vault, actor, settings):
    settings.VAULT_CHECK_SHA256 = True
    blob = services.store(actor, io.BytesIO(b"abc"), "a", "")
    assert services.open_verified(actor, blob).read_all() == b"abc"
    VaultBlob.objects.filter(pk=blob.pk).update(sha256="0" * 64)
    with pytest.raises(VaultIntegrityError, match="SHA-256"):
        services.open_verified(actor, blob)


def test_bad_purpose(vault, actor):
    blob = services.store(actor, io.BytesIO(b"1"), "a", "")
    with pytest.raises(ValueError):
        services.open_verified(actor, blob, "print")  # type: ignore[arg-type]
