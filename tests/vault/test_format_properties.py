"""Property tests: any data, any chunk size round-trips; any single-byte change or cut is caught."""

from __future__ import annotations

import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bmnn.core.vault import VaultIntegrityError, decrypt_stream, encrypt_stream

KEY = bytes(range(32))


def _seal(data: bytes, chunk: int) -> bytes:
    return b"".join(encrypt_stream(io.BytesIO(data), KEY, chunk_size=chunk))


def _open(blob: bytes) -> bytes:
    return b"".join(decrypt_stream(io.BytesIO(blob), KEY))


@settings(max_examples=60, deadline=None)
@given(data=st.binary(max_size=3000), chunk=st.integers(16, 300))
def test_round_trip_any_size(data, chunk):
    assert _open(_seal(data, chunk)) == data


@settings(max_examples=80, deadline=None)
@given(
    data=st.binary(max_size=1500),
    chunk=st.integers(16, 200),
    where=st.floats(0, 1),
    bit=st.integers(0, 7),
)
def test_any_flipped_bit_is_caught(data, chunk, where, bit):
    blob = bytearray(_seal(data, chunk))
    pos = min(int(where * len(blob)), len(blob) - 1)
    blob[pos] ^= 1 << bit
    with pytest.raises(VaultIntegrityError):
        _open(bytes(blob))


@settings(max_examples=60, deadline=None)
@given(data=st.binary(max_size=1500), chunk=st.integers(16, 200), cut=st.floats(0, 1))
def test_any_truncation_is_caught(data, chunk, cut):
    blob = _seal(data, chunk)
    keep = min(int(cut * len(blob)), len(blob) - 1)
    with pytest.raises(VaultIntegrityError):
        _open(blob[:keep])
