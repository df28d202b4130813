"""The chunked AEAD format: round trips and every kind of tampering is detected."""

from __future__ import annotations

import io
import struct

import pytest

from bmnn.core.vault import VaultIntegrityError, decrypt_stream, encrypt_stream
from bmnn.core.vault.keys import new_data_key
from bmnn.core.vault.stream import DEFAULT_CHUNK_SIZE, HEADER_LEN, TAG_LEN, StreamStats, ciphertext_size

CHUNK = DEFAULT_CHUNK_SIZE
SMALL = 64  # a small chunk size makes multi-chunk tamper tests cheap


def seal_bytes(data: bytes, key: bytes, chunk_size: int = CHUNK) -> bytes:
    return b"".join(encrypt_stream(io.BytesIO(data), key, chunk_size=chunk_size))


def open_bytes(blob: bytes, key: bytes) -> bytes:
    return b"".join(decrypt_stream(io.BytesIO(blob), key))


def records(blob: bytes, chunk_size: int = SMALL) -> tuple[bytes, list[bytes]]:
    size = chunk_size + TAG_LEN
    body = blob[HEADER_LEN:]
    return blob[:HEADER_LEN], [body[i : i + size] for i in range(0, len(body), size)]


@pytest.mark.parametrize("size", [0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 5 * CHUNK + 3])
def test_round_trip(size):
    key = new_data_key()
    data = (bytes(range(256)) * (size // 256 + 1))[:size]
    stats = StreamStats()
    blob = b"".join(encrypt_stream(io.BytesIO(data), key, stats=stats))
    assert len(blob) == ciphertext_size(size)
    assert stats.done and stats.size == size
    assert open_bytes(blob, key) == data
    assert size < 64 or data[:64] not in blob[HEADER_LEN:]


def test_short_reads_from_a_pipe_like_source():
    class Dribble(io.RawIOBase):
        def __init__(self, data: bytes) -> None:
            self.data = data

        def read(self, n: int = -1) -> bytes:
            step = min(7, n if n >= 0 else 7)
            out, self.data = self.data[:step], self.data[step:]
            return out

    key = new_data_key()
    data = bytes(1000)
    assert open_bytes(b"".join(encrypt_stream(Dribble(data), key, chunk_size=SMALL)), key) == data


@pytest.fixture
def sealed():
    key = new_data_key()
    data = bytes(range(200)) * 2  # 400 bytes = 6 full chunks of 64 + one of 16
    return key, data, seal_bytes(data, key, SMALL)


def test_multi_chunk_fixture_shape(sealed):
    key, data, blob = sealed
    _, recs = records(blob)
    assert len(recs) == 7 and open_bytes(blob, key) == data


@pytest.mark.parametrize("where", ["header", 0, 3, "last"])
def test_flipped_byte_in_any_part(sealed, where):
    key, _, blob = sealed
    raw = bytearray(blob)
    if where == "header":
        pos = 20
    elif where == "last":
        pos = len(raw) - 1
    else:
        pos = HEADER_LEN + where * (SMALL + TAG_LEN) + 5
    raw[pos] ^= 0x01
    with pytest.raises(VaultIntegrityError):
        open_bytes(bytes(raw), key)


@pytest.mark.parametrize("cut", ["boundary", "mid", "header_only", "half_header", "tag"])
def test_truncation(sealed, cut):
    key, _, blob = sealed
    header, recs = records(blob)
    if cut == "boundary":
        bad = header + b"".join(recs[:-1])
    elif cut == "mid":
        bad = blob[: HEADER_LEN + 2 * (SMALL + TAG_LEN) + 10]
    elif cut == "header_only":
        bad = header
    elif cut == "half_header":
        bad = header[:20]
    else:
        bad = blob[:-1]
    with pytest.raises(VaultIntegrityError):
        open_bytes(bad, key)


@pytest.mark.parametrize("extra", [b"\x00", b"x" * (SMALL + TAG_LEN)])
def test_appending(sealed, extra):
    key, _, blob = sealed
    with pytest.raises(VaultIntegrityError):
        open_bytes(blob + extra, key)


def test_appending_a_copy_of_a_real_record(sealed):
    key, _, blob = sealed
    _, recs = records(blob)
    with pytest.raises(VaultIntegrityError):
        open_bytes(blob + recs[2], key)


def test_reordering_chunks(sealed):
    key, _, blob = sealed
    header, recs = records(blob)
    recs[1], recs[2] = recs[2], recs[1]
    with pytest.raises(VaultIntegrityError):
        open_bytes(header + b"".join(recs), key)


def test_chunk_swapped_in_from_another_file_even_under_the_same_key(sealed):
    key, data, blob = sealed
    other = seal_bytes(data, key, SMALL)  # same key and content, different random prefix
    header, recs = records(blob)
    _, other_recs = records(other)
    recs[2] = other_recs[2]
    with pytest.raises(VaultIntegrityError):
        open_bytes(header + b"".join(recs), key)
    # and a whole header swapped in fails too
    with pytest.raises(VaultIntegrityError):
        open_bytes(other[:HEADER_LEN] + blob[HEADER_LEN:], key)


def test_wrong_key(sealed):
    _, _, blob = sealed
    with pytest.raises(VaultIntegrityError, match="Khoá"):
        open_bytes(blob, new_data_key())


def test_wrong_key_even_with_a_forged_key_id(sealed):
    _key, _, blob = sealed
    from bmnn.core.vault.stream import data_key_id

    other = new_data_key()
    forged = blob[: HEADER_LEN - 16] + data_key_id(other) + blob[HEADER_LEN:]
    with pytest.raises(VaultIntegrityError):
        open_bytes(forged, other)


def test_not_a_vault_file_or_other_version(sealed):
    key, _, blob = sealed
    with pytest.raises(VaultIntegrityError):
        open_bytes(b"%PDF-1.7 hello", key)
    with pytest.raises(VaultIntegrityError, match="Phiên bản"):
        open_bytes(blob[:7] + b"\x02" + blob[8:], key)
    bad_size = blob[:10] + struct.pack(">I", 1) + blob[14:]
    with pytest.raises(VaultIntegrityError):
        open_bytes(bad_size, key)


def test_decrypt_yields_nothing_from_a_failing_chunk(sealed):
    key, data, blob = sealed
    raw = bytearray(blob)
    raw[HEADER_LEN + 2 * (SMALL + TAG_LEN) + 1] ^= 0xFF
    got: list[bytes] = []
    with pytest.raises(VaultIntegrityError, match="khối 2"):
        for piece in decrypt_stream(io.BytesIO(bytes(raw)), key):
            got.append(piece)
    assert b"".join(got) == data[: 2 * SMALL]
