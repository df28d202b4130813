"""Vault throughput: encrypt and decrypt a generated file through the real code, beside OpenSSL.

    .venv/bin/python bench/vault.py [--size-mb 1024] [--chunk-kib 1024] [--dir /tmp]

Prints MB/s (1 MB = 10^6 bytes) for: the encrypt and decrypt streams alone (file in, output
discarded), sealing end to end (encrypt + SHA-256 of the plaintext + write + fsync + atomic rename),
and the verified two-pass read a download uses; the process's peak RSS; then
``openssl speed -evp aes-256-gcm`` for the largest block size on the same machine, and the ratios.
Single-threaded, like OpenSSL's default run.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import re
import resource
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from bmnn.core.vault import FileKeyProvider, FileSystemBlobStore, open_sealed, seal
from bmnn.core.vault.stream import decrypt_stream, encrypt_stream

MB = 1_000_000


def generate(path: Path, size: int) -> None:
    block = os.urandom(1 << 20)
    with path.open("wb") as fh:
        left = size
        while left:
            n = min(left, len(block))
            fh.write(block[:n])
            left -= n


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 / MB  # Linux: KiB


def openssl_speed() -> tuple[str, float] | None:
    """(block size label, MB/s) of the largest block size of ``openssl speed -evp aes-256-gcm``."""
    exe = shutil.which("openssl")
    if exe is None:
        print("openssl không có trên máy (cài bằng: apt-get install openssl)")
        return None
    out = subprocess.run(
        [exe, "speed", "-evp", "aes-256-gcm"], capture_output=True, text=True, check=True
    ).stdout
    header = next(line for line in out.splitlines() if line.startswith("type"))
    row = next(line for line in out.splitlines() if line.lower().startswith("aes-256-gcm"))
    sizes = re.findall(r"(\d+) bytes", header)
    values = re.findall(r"([\d.]+)k", row)
    return f"{sizes[-1]} bytes", float(values[-1]) * 1000 / MB


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size-mb", type=int, default=1024, help="plaintext size in MiB (default 1024)")
    parser.add_argument("--chunk-kib", type=int, default=1024, help="chunk size in KiB (default 1024)")
    parser.add_argument("--dir", default=None, help="where to put the temporary files")
    args = parser.parse_args()
    size = args.size_mb * 1024 * 1024
    with tempfile.TemporaryDirectory(prefix="bmnn-vault-bench-", dir=args.dir) as tmp:
        root = Path(tmp)
        plain = root / "plain.bin"
        generate(plain, size)
        store = FileSystemBlobStore(root / "vault")
        keys = FileKeyProvider(os.urandom(32))
        chunk = args.chunk_kib * 1024
        data_key = os.urandom(32)

        t0 = time.perf_counter()
        with plain.open("rb") as fh:
            for _ in encrypt_stream(fh, data_key, chunk_size=chunk):
                pass
        t_enc = time.perf_counter() - t0

        t0 = time.perf_counter()
        with plain.open("rb") as fh:
            sealed = seal(fh, store=store, keys=keys, context=b"bench", chunk_size=chunk)
        t_seal = time.perf_counter() - t0

        data_key = keys.unwrap(sealed.wrapped_key, sealed.key_id, b"bench")
        t0 = time.perf_counter()
        with store.open(sealed.ref) as fh:
            total = sum(len(piece) for piece in decrypt_stream(fh, data_key))
        t_dec = time.perf_counter() - t0
        assert total == size, "round trip mismatch"

        t0 = time.perf_counter()
        stream = open_sealed(
            store=store,
            keys=keys,
            ref=sealed.ref,
            wrapped_key=sealed.wrapped_key,
            key_id=sealed.key_id,
            context=b"bench",
            expected_size=sealed.size,
        )
        total = sum(len(piece) for piece in stream)
        t_dl = time.perf_counter() - t0
        assert total == size

        digest = hashlib.sha256()
        with store.open(sealed.ref) as fh:
            for piece in decrypt_stream(fh, data_key):
                digest.update(piece)
        assert digest.hexdigest() == sealed.sha256, "round trip mismatch"

    def rate(seconds: float) -> str:
        return f"{size / MB / seconds:8.1f} MB/s  ({seconds:.2f} s)"

    print(f"vault, {size / MB:.0f} MB file, {args.chunk_kib} KiB chunks, cryptography {_crypto_version()}")
    print(f"  encrypt (AES-256-GCM stream, file in, output discarded)    {rate(t_enc)}")
    print(f"  decrypt (AES-256-GCM stream, authenticated, discarded)     {rate(t_dec)}")
    print(f"  seal end to end (encrypt + SHA-256 + write + fsync)        {rate(t_seal)}")
    print(f"  verified download (verify pass, then stream pass)          {rate(t_dl)}")
    print(f"  peak RSS of this process                                   {peak_rss_mb():8.1f} MB")
    enc, dec = size / MB / t_enc, size / MB / t_dec
    speed = openssl_speed()
    if speed is not None:
        label, mbs = speed
        print(f"openssl speed -evp aes-256-gcm, {label} blocks                {mbs:8.1f} MB/s")
        print(f"  ratio encrypt/openssl {enc / mbs:.2f}, decrypt/openssl {dec / mbs:.2f}")


def _crypto_version() -> str:
    import cryptography

    return cryptography.__version__


if __name__ == "__main__":
    main()
