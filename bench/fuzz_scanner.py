"""Coverage-guided fuzzing of ``bmnn.scanner.scan_bytes`` with atheris (libFuzzer for Python).

    .venv/bin/pip install -r bench/requirements.txt      # atheris
    .venv/bin/python bench/fuzz_scanner.py --minutes 10  # seeds + fuzzing, restarts after each finding
    .venv/bin/python bench/fuzz_scanner.py --repro bench/fuzz-findings/crash-...   # replay one input

Seeds of every format the scanner reads are generated deterministically into bench/fuzz-corpus/seeds
(zip-based office files, PDF, scanned PDF, OLE .xls, RTF, eml, zip/tar/7z, images, text in several
encodings). A custom mutator also mutates the members *inside* zip containers, so the fuzzer gets
past the CRC checks into the XML parsers. Limits: RLIMIT_AS (address space, default 2 GiB) and
libFuzzer's -rss_limit_mb in the fuzz process; -timeout per input. A finding is any exception that
escapes scan_bytes, a result that is not JSON-serialisable, a crash, a timeout or an out-of-memory;
libFuzzer writes the input to bench/fuzz-findings/ and this script keeps the traceback next to it.
"""

from __future__ import annotations

import argparse
import io
import json
import random
import re
import resource
import subprocess
import sys
import tarfile
import time
import zipfile
from email.message import EmailMessage
from pathlib import Path

HERE = Path(__file__).resolve().parent
SEEDS, WORK, FINDINGS = HERE / "fuzz-corpus" / "seeds", HERE / "fuzz-corpus" / "work", HERE / "fuzz-findings"
DICT = ["MẬT", "TỐI MẬT", "TUYỆT MẬT", "GIẢI MẬT", "BẢN SAO SỐ", "TRÍCH SAO", "<w:t>", "</w:t>", "</w:p>",
        "<w:r>", "<a:t>", "<si><t>", "<c t=\"inlineStr\"><is><t>", "<text:p>", "&#7853;", "&amp;", "%PDF-1.4",
        "obj", "endobj", "stream", "endstream", "/FlateDecode", "xref", "trailer", "{\\rtf1", "\\u7853?",
        "\\'e2", "Content-Type: ", "multipart/mixed; boundary=", "Content-Transfer-Encoding: base64",
        "=?utf-8?b?", "PK\x03\x04", "\xef\xbb\xbf", "\xff\xfe"]  # fmt: skip


def seeds() -> dict[str, bytes]:
    """Small deterministic seed files, one or more per format."""
    sys.path.insert(0, str(HERE))
    import scanner_corpus as c

    def spec(kind: str, **kw) -> dict:
        place = c.PLACEMENTS.get(kind, ("x",))[0]
        base = {"kind": kind, "level": "TỐI MẬT", "placement": place, "nfd": False,
                "decoys": list(c.DECOYS[:3]), "n": 3, "seed": kind, "name": f"x.{kind}"}  # fmt: skip
        return {**base, **kw}

    def make(kind: str, **kw) -> bytes:
        s = spec(kind, **kw)
        return c.MAKERS[kind](random.Random(str(s)), s)

    out = {
        "split.docx": make("docx", placement="split", n=4),
        "header_nfd.docx": make("docx", placement="header", nfd=True, n=4),
        "table.docx": make("docx", placement="table", n=4, level="MẬT"),
        "sst.xlsx": make("xlsx", n=15),
        "inline.xlsx": make("xlsx", n=15, inline=True, placement="page_header"),
        "deck.pptx": make("pptx", n=2, placement="split"),
        "text.pdf": make("pdf", n=1),
        "scan.pdf": make("scan", n=1, dpi=40),
        "page.png": make("image", dpi=30, name="x.png"),
        "page.jpg": make("image", dpi=40, name="x.jpg"),
        "plain.txt": make("txt", n=6),
        "utf16.txt": make("txt", n=4, enc="utf-16", placement="date_line"),
        "cp1258.txt": "MẬT\nCông văn số 12: Trần Thị Mật, mật khẩu\n".encode("cp1258", "replace"),
        "tcvn3.txt": b"T\xc8I M\xa2T\nC\xabng v\xa3n s\xe8 12\n",
        "doc.rtf": rb"{\rtf1\ansi\ansicpg1258{\fonttbl{\f0 Times;}}\f0 T\u7889?I M\u7852?T\par "
        rb"{\header M\u7852?T}Hai \'f0\'e2n v\'ec\par M\u7852?T KH\u7848?U\par}",
        "content.odt": odt(),
        "book.xls": xls(),
    }
    inner = out["split.docx"]
    out["archive.zip"] = zipped(
        {"a/b.docx": inner, "c.txt": out["plain.txt"], "nested.zip": zipped({"x.txt": b"MAT"})}
    )
    out["archive.tar"] = tarred({"a.docx": inner, "b.txt": out["utf16.txt"]})
    out["archive.7z"] = sevenzip({"a.txt": out["plain.txt"], "b.pdf": out["text.pdf"]})
    msg = EmailMessage()
    msg["Subject"], msg["From"], msg["To"] = "Công văn MẬT", "a@example.vn", "b@example.vn"
    msg.set_content("TỐI MẬT\nKính gửi Trần Thị Mật,\nvui lòng đổi mật khẩu.\n", cte="quoted-printable")
    msg.add_attachment(inner, maintype="application", subtype="octet-stream", filename="cv.docx")
    out["mail.eml"] = bytes(msg)
    sys.path.insert(0, str(HERE.parent))
    from tests.scanner import cfb, rar  # the tests' own .msg (CFB) and RAR 5 writers

    out["mail.msg"] = cfb.msg(
        "Công văn", "TỐI MẬT\r\nKính gửi Trần Thị Mật, đổi mật khẩu.", [("cv.docx", inner)]
    )
    out["archive.rar"] = rar.rar_of({"a.txt": out["plain.txt"], "b/c.docx": inner})
    return out


def zipped(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(zipfile.ZipInfo(name, (2024, 1, 1, 0, 0, 0)), data)
    return buf.getvalue()


def tarred(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w") as tf:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tf.addfile(info, io.BytesIO(data))
    return buf.getvalue()


def sevenzip(members: dict[str, bytes]) -> bytes:
    import py7zr

    buf = io.BytesIO()
    with py7zr.SevenZipFile(buf, "w") as z:
        for name, data in members.items():
            z.writestr(data, name)
    return buf.getvalue()


def odt() -> bytes:
    ns = "urn:oasis:names:tc:opendocument:xmlns"
    body = "<text:p>TUYỆT <text:span>MẬT</text:span></text:p><text:p>Mật độ dân số</text:p>"
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="{ns}:office:1.0"'
        f' xmlns:text="{ns}:text:1.0"><office:body><office:text>{body}</office:text></office:body>'
        "</office:document-content>"
    )
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        zf.writestr("content.xml", content)
        zf.writestr("styles.xml", content.replace("TUYỆT", "TỐI"))
    return buf.getvalue()


def xls() -> bytes:
    import xlwt

    wb = xlwt.Workbook(encoding="utf-8")
    ws = wb.add_sheet("Sổ 1")
    for r, row in enumerate([["MẬT", ""], ["Họ và tên", "Mật khẩu"], ["Trần Thị Mật", "abc"]]):
        for col, val in enumerate(row):
            ws.write(r, col, val)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def child(argv: list[str], as_mb: int, ocr: bool) -> None:
    """The fuzz process: limits, instrumented import, then libFuzzer."""
    import atheris

    if as_mb:
        resource.setrlimit(resource.RLIMIT_AS, (as_mb << 20, as_mb << 20))
    with atheris.instrument_imports(include=["bmnn"]):
        import bmnn.scanner.extract as ex
        from bmnn.scanner import FileResult, ScanOptions, scan_bytes

        for mod in sorted(p.stem for p in Path(ex.__file__).parent.glob("*.py")):
            __import__(f"bmnn.scanner.extract.{mod}")
    options = ScanOptions(workers=1, ocr=ocr, timeout_s=10.0, max_file_size=8 << 20)

    def test_one(data: bytes) -> None:
        result = scan_bytes(data, "fuzz", options)
        if not isinstance(result, FileResult):
            raise TypeError(f"scan_bytes returned {type(result).__name__}")
        json.dumps(result.to_dict(), ensure_ascii=False)

    def mutate(data: bytes, max_size: int, seed: int) -> bytes:
        rnd = random.Random(seed)
        if data[:4] == b"PK\x03\x04" and rnd.random() < 0.6:
            try:
                zin = zipfile.ZipFile(io.BytesIO(data))
                names = zin.namelist()
                target = rnd.choice(names)
                buf = io.BytesIO()
                with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zo:
                    for name in names:
                        blob = zin.read(name)
                        zo.writestr(name, atheris.Mutate(blob, len(blob) + 256) if name == target else blob)
                if len(buf.getvalue()) <= max_size:
                    return buf.getvalue()
            except Exception:  # noqa: BLE001, S110 - not a valid zip any more: plain mutation
                pass
        return atheris.Mutate(data, max_size)

    atheris.Setup(argv, test_one, custom_mutator=mutate)
    atheris.Fuzz()


def dict_escape(token: str) -> str:
    """libFuzzer dictionary syntax: printable ASCII, everything else as \\xNN (UTF-8 bytes)."""
    return "".join(chr(b) if 32 <= b < 127 and b not in (34, 92) else f"\\x{b:02x}" for b in token.encode())


def campaign(seconds: int, args: argparse.Namespace, ocr: bool, log: Path) -> dict:
    """Run libFuzzer until ``seconds`` are used, restarting after each finding."""
    work = WORK / ("ocr" if ocr else "main")
    work.mkdir(parents=True, exist_ok=True)
    seed_dir = SEEDS if not ocr else SEEDS.parent / "seeds-ocr"
    dict_file = HERE / "fuzz-corpus" / "tokens.dict"
    dict_file.write_text("".join(f'"{dict_escape(t)}"\n' for t in DICT))
    end, execs, runs = time.monotonic() + seconds, 0, 0
    while (left := int(end - time.monotonic())) > 5:
        flags = ["--as-mb", str(args.as_mb), *(["--ocr"] if ocr else [])]
        cmd = [sys.executable, __file__, "--child", *flags, "--",
               str(work), str(seed_dir), f"-max_total_time={left}", f"-timeout={args.timeout}",
               f"-rss_limit_mb={args.as_mb}", f"-artifact_prefix={FINDINGS}/", "-max_len=262144",
               f"-dict={dict_file}", "-print_final_stats=1"]  # fmt: skip
        with log.open("a") as fh:
            fh.write(f"\n===== run {runs} ocr={ocr} {time.strftime('%H:%M:%S')} left={left}s\n")
            fh.flush()
            start = log.stat().st_size
            rc = subprocess.run(cmd, stdout=fh, stderr=subprocess.STDOUT, check=False).returncode
        text = log.read_text(errors="replace")[start:]
        execs += sum(int(x) for x in re.findall(r"stat::number_of_executed_units:\s*(\d+)", text))
        if not re.search(r"stat::number_of_executed_units", text):  # killed: take the last pulse
            execs += int((re.findall(r"#(\d+)\s", text) or ["0"])[-1])
        runs += 1
        if rc != 0:
            units = re.findall(r"Test unit written to (\S+)", text) or ["(no test unit written)"]
            print(f"  finding (rc={rc}): {units[-1]}", flush=True)
    return {"execs": execs, "runs": runs}


def main() -> int:
    ap = argparse.ArgumentParser(description="fuzz bmnn.scanner.scan_bytes")
    ap.add_argument("--minutes", type=float, default=10.0, help="total budget of the main campaign")
    ap.add_argument("--ocr-minutes", type=float, default=2.0, help="extra campaign with OCR on images/scans")
    ap.add_argument("--timeout", type=int, default=30, help="seconds per input before it counts as a hang")
    ap.add_argument("--as-mb", type=int, default=2048, help="RLIMIT_AS and -rss_limit_mb of the fuzz process")
    ap.add_argument("--repro", help="replay one input and print the result or the traceback")
    ap.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--ocr", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("rest", nargs="*", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child([sys.argv[0], *args.rest], args.as_mb, args.ocr)
        return 0
    if args.repro:
        from bmnn.scanner import ScanOptions, scan_bytes

        res = scan_bytes(
            Path(args.repro).read_bytes(), "fuzz", ScanOptions(workers=1, ocr=True, timeout_s=10.0)
        )
        print(json.dumps(res.to_dict(), ensure_ascii=False, indent=1))
        return 0
    for d in (SEEDS, SEEDS.parent / "seeds-ocr", FINDINGS):
        d.mkdir(parents=True, exist_ok=True)
    for name, data in seeds().items():
        (SEEDS / name).write_bytes(data)
        if name.endswith((".png", ".jpg")) or name == "scan.pdf":
            (SEEDS.parent / "seeds-ocr" / name).write_bytes(data)
    print(f"{len(list(SEEDS.iterdir()))} seeds in {SEEDS}")
    log = HERE / "fuzz-corpus" / f"fuzz-{time.strftime('%Y%m%d-%H%M%S')}.log"
    before = set(FINDINGS.iterdir())
    stats = {"main": campaign(int(args.minutes * 60), args, False, log)}
    if args.ocr_minutes > 0:
        stats["ocr"] = campaign(int(args.ocr_minutes * 60), args, True, log)
    new = sorted(set(FINDINGS.iterdir()) - before)
    print(f"executions: {json.dumps(stats)}; log {log}")
    print(f"new findings ({len(new)}):" + "".join(f"\n  {p}" for p in new))
    return 1 if new else 0


if __name__ == "__main__":
    raise SystemExit(main())
