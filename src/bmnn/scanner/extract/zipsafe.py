"""Reading zip containers with bomb limits (ratio, total bytes) and clear errors."""

from __future__ import annotations

import io
import zipfile

from ..model import ScanError
from . import Context

_READ = 1 << 20


def open_zip(data: bytes) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        code = "truncated" if b"PK\x05\x06" not in data[-65600:] else "corrupt"
        raise ScanError(code, str(exc)) from exc
    except (ValueError, OSError, EOFError) as exc:
        raise ScanError("corrupt", str(exc)) from exc


def read_member(zf: zipfile.ZipFile, info: zipfile.ZipInfo, ctx: Context) -> bytes:
    """Read one member, enforcing the ratio limit and the per-file unpacked budget."""
    if info.flag_bits & 0x1:
        raise ScanError("encrypted", info.filename)
    opts = ctx.options
    limit = min(opts.max_file_size, max(1 << 20, int(info.compress_size * opts.max_archive_ratio)))
    if info.file_size > limit:
        raise ScanError("bomb", f"{info.filename}: {info.file_size} byte")
    out = bytearray()
    try:
        with zf.open(info) as fh:
            while True:
                block = fh.read(_READ)
                if not block:
                    break
                out += block
                ctx.take(len(block))
                if len(out) > limit:
                    raise ScanError("bomb", info.filename)
                ctx.check_time()
    except ScanError:
        raise
    except RuntimeError as exc:  # "File is encrypted, password required"
        raise ScanError("encrypted" if "encrypt" in str(exc).lower() else "corrupt", info.filename) from exc
    except (zipfile.BadZipFile, EOFError, OSError, ValueError, NotImplementedError) as exc:
        code = "truncated" if isinstance(exc, EOFError) else "corrupt"
        raise ScanError(code, f"{info.filename}: {exc}") from exc
    except Exception as exc:  # zlib.error and friends
        raise ScanError("corrupt", f"{info.filename}: {exc}") from exc
    return bytes(out)
