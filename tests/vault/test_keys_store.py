"""Master keys, wrapping, rotation, the filesystem store, verified reading and flat memory."""

from __future__ import annotations

import hashlib
import io
import os
import stat
import tracemalloc
from collections.abc import Iterator

import pytest

from bmnn.core.vault import (
    FileKeyProvider,
    FileSystemBlobStore,
    VaultError,
    VaultIntegrityError,
    VaultKeyError,
    VaultShreddedError,
    load_master_key,
    open_sealed,
    rewrap,
    seal,
)
from bmnn.core.vault.keys import master_key_id, new_data_key


def test_master_key_file_is_generated_hex_and_private(tmp_path):
    path = tmp_path / "keys" / "vault_master.key"
    key = load_master_key(path)
    assert len(key) == 32
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert bytes.fromhex(path.read_text().strip()) == key
    assert load_master_key(path) == key


@pytest.mark.parametrize("content", [b"", b"zz" * 32, b"ab" * 16])
def test_bad_master_key_file_is_refused_in_vietnamese(tmp_path, content):
    path = tmp_path / "k"
    path.write_bytes(content)
    with pytest.raises(VaultKeyError, match="Tệp khoá"):
        load_master_key(path)


def test_retired_key_must_exist(tmp_path):
    with pytest.raises(VaultKeyError, match="Không đọc được"):
        FileKeyProvider.from_files(tmp_path / "current", [tmp_path / "missing"])


def test_wrap_is_bound_to_the_blob_and_key():
    provider = FileKeyProvider(os.urandom(32))
    data_key = new_data_key()
    wrapped, key_id = provider.wrap(data_key, b"blob-1")
    assert key_id == provider.current_key_id and data_key not in wrapped
    assert provider.unwrap(wrapped, key_id, b"blob-1") == data_key
    with pytest.raises(VaultKeyError):
        provider.unwrap(wrapped, key_id, b"blob-2")
    with pytest.raises(VaultKeyError, match="Không có khoá chủ"):
        provider.unwrap(wrapped, "0" * 16, b"blob-1")
    with pytest.raises(VaultKeyError):
        FileKeyProvider(os.urandom(32)).unwrap(wrapped, key_id, b"blob-1")
    tampered = bytearray(wrapped)
    tampered[-1] ^= 1
    with pytest.raises(VaultKeyError):
        provider.unwrap(bytes(tampered), key_id, b"blob-1")


def test_rotation_rewraps_under_the_new_key():
    old, new = os.urandom(32), os.urandom(32)
    data_key = new_data_key()
    wrapped, key_id = FileKeyProvider(old).wrap(data_key, b"ctx")
    rotated = FileKeyProvider(new, retired=[old])
    new_wrapped, new_id = rewrap(rotated, wrapped, key_id, b"ctx")
    assert new_id == master_key_id(new) != key_id
    assert FileKeyProvider(new).unwrap(new_wrapped, new_id, b"ctx") == data_key


def test_store_is_atomic_private_and_refuses_bad_refs(tmp_path):
    store = FileSystemBlobStore(tmp_path / "vault")
    ref = store.write([b"abc", b"def"])
    with store.open(ref) as fh:
        assert fh.read() == b"abcdef"
    path = tmp_path / "vault" / ref[:2] / ref[2:4] / ref
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert list((tmp_path / "vault" / ".tmp").iterdir()) == []

    def failing() -> Iterator[bytes]:
        yield b"partial"
        raise OSError("disk full")

    with pytest.raises(OSError):
        store.write(failing())
    assert list((tmp_path / "vault" / ".tmp").iterdir()) == []
    store.delete(ref)
    store.delete(ref)
    assert not store.exists(ref)
    with pytest.raises(VaultError):
        store.open(ref)
    with pytest.raises(VaultError, match="không hợp lệ"):
        store.open("../../etc/passwd")


def _open(store, keys, sealed, context=b"id", **overrides):
    expected = {"expected_size": sealed.size, "expected_sha256": sealed.sha256, **overrides}
    return open_sealed(
        store=store,
        keys=keys,
        ref=sealed.ref,
        wrapped_key=sealed.wrapped_key,
        key_id=sealed.key_id,
        context=context,
        **expected,
    )


def test_open_sealed_verifies_before_handing_out_anything(tmp_path):
    store = FileSystemBlobStore(tmp_path)
    keys = FileKeyProvider(os.urandom(32))
    data = os.urandom(300_000)
    sealed = seal(io.BytesIO(data), store=store, keys=keys, context=b"id", chunk_size=65536)
    stream = _open(store, keys, sealed)
    assert stream.verified and stream.read_all() == data
    assert sealed.sha256 == hashlib.sha256(data).hexdigest()

    path = next(p for p in tmp_path.rglob(sealed.ref))
    raw = bytearray(path.read_bytes())
    raw[-5] ^= 0x10  # corrupt the LAST chunk: a streaming reader would already have sent 4 chunks
    path.write_bytes(bytes(raw))
    with pytest.raises(VaultIntegrityError):
        _open(store, keys, sealed)


def test_open_sealed_without_a_key_says_shredded(tmp_path):
    store = FileSystemBlobStore(tmp_path)
    keys = FileKeyProvider(os.urandom(32))
    sealed = seal(io.BytesIO(b"hello"), store=store, keys=keys, context=b"id")
    with pytest.raises(VaultShreddedError, match="không thể mở lại"):
        open_sealed(store=store, keys=keys, ref=sealed.ref, wrapped_key=None, key_id="", context=b"id")


def test_open_sealed_checks_recorded_digest(tmp_path):
    store = FileSystemBlobStore(tmp_path)
    keys = FileKeyProvider(os.urandom(32))
    sealed = seal(io.BytesIO(b"hello"), store=store, keys=keys, context=b"id")
    with pytest.raises(VaultIntegrityError, match="SHA-256"):
        _open(store, keys, sealed, expected_sha256="0" * 64)


class Generated(io.RawIOBase):
    """``size`` bytes of cheap non-constant data, produced on demand."""

    def __init__(self, size: int) -> None:
        self.left = size
        self.block = os.urandom(1 << 16)
        self.digest = hashlib.sha256()

    def readable(self) -> bool:
        return True

    def read(self, n: int = -1) -> bytes:
        n = self.left if n < 0 else min(n, self.left)
        out = (self.block * (n // len(self.block) + 1))[:n]
        self.left -= n
        self.digest.update(out)
        return out


@pytest.mark.slow
def test_memory_stays_flat_for_200_mb(tmp_path):
    size = 200 * 1024 * 1024
    store = FileSystemBlobStore(tmp_path)
    keys = FileKeyProvider(os.urandom(32))
    src = Generated(size)
    tracemalloc.start()
    try:
        sealed = seal(src, store=store, keys=keys, context=b"big")
        assert sealed.size == size
        stream = _open(store, keys, sealed, context=b"big")
        digest = hashlib.sha256()
        total = 0
        for piece in stream:
            digest.update(piece)
            total += len(piece)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert total == size and digest.hexdigest() == src.digest.hexdigest() == sealed.sha256
    print(f"peak traced memory {peak / 2**20:.1f} MiB")
    assert peak < 32 * 1024 * 1024, f"peak {peak / 2**20:.1f} MiB"
