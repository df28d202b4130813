"""Benchmark: ``bmnn scan`` vs a plain C-tools pipeline vs extractous (Apache Tika, native), one corpus.

Debian packages (apt-get install -y ...): poppler-utils ripgrep tesseract-ocr tesseract-ocr-vie unzip time
Bench-only Python packages: ``.venv/bin/pip install -r bench/requirements.txt``

    .venv/bin/python bench/scanner.py                 # 500 MB corpus in bench/.corpus/500mb
    .venv/bin/python bench/scanner.py --quick         # 50 MB smoke run
    .venv/bin/python bench/scanner.py --only bmnn     # skip the slow reference pipelines

The corpus (``bench/scanner_corpus.py``) is generated once with a fixed seed and reused while its
manifest matches. Each tool gets the same files and 2 processes:

* ``bmnn scan --format jsonl --workers 2 --incremental --cache F``: first scan with an empty cache,
  then a rescan;
* C tools via ``xargs -P2``: pdftotext (text PDFs), pdftoppm -r 300 + tesseract -l vie with
  OMP_THREAD_LIMIT=1 (PDFs with no text layer, images), unzip + sed (OOXML/ODF XML parts, zips are
  unpacked and recursed), cat (text), then ``rg -P`` for the stamp words over the extracted text;
* extractous: 2 spawned processes; office/text/zip files without tesseract on PATH (so Tika does not
  OCR embedded images, and scans inside zips are not OCR'd either), PDFs and images with Tesseract OCR
  (vie, PDF OCR strategy AUTO), headers/footers on; then the same ``rg``.

Peak RSS is sampled (psutil, every 50 ms) as the sum over the whole process tree, and the largest
single process comes from ``wait4`` (ru_maxrss of the tool and its reaped descendants).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import unicodedata
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import scanner_corpus

ROOT = Path(__file__).resolve().parent.parent
BMNN = ROOT / ".venv" / "bin" / "bmnn"
CODES = {"MẬT": "MAT", "TỐI MẬT": "TOI_MAT", "TUYỆT MẬT": "TUYET_MAT"}
EXTRACT_SH = r"""#!/bin/bash
# usage: extract.sh OUTDIR ID FILE -> OUTDIR/ID_N.txt, one text file per leaf document
OUT=$1; ID=$2; N=0
leaf() { N=$((N+1)); O="$OUT/${ID}_$N.txt"; }
ocr() { OMP_THREAD_LIMIT=1 tesseract "$1" stdout -l vie 2>/dev/null; }
ext() {
  local f=$1 d p m
  case "${f,,}" in
    *.pdf) leaf; pdftotext -q -enc UTF-8 "$f" "$O"
      if [ "$(tr -d '[:space:]' < "$O" | wc -c)" -lt 20 ]; then
        d=$(mktemp -d); pdftoppm -q -r 300 -gray "$f" "$d/p"
        for p in "$d"/p*; do ocr "$p"; done > "$O"; rm -rf "$d"; fi ;;
    *.docx|*.xlsx|*.pptx|*.odt|*.ods|*.odp) leaf
      unzip -p "$f" '*.xml' 2>/dev/null | sed -e 's#</w:p>#\n#g; s#</a:p>#\n#g; s#</si>#\n#g;
        s#</c>#\n#g; s#</text:p>#\n#g; s#<[^>]*>##g' > "$O" ;;
    *.zip) d=$(mktemp -d); unzip -qq -o "$f" -d "$d" 2>/dev/null
      while IFS= read -r -d '' m; do ext "$m"; done < <(find "$d" -type f -print0); rm -rf "$d" ;;
    *.jpg|*.jpeg|*.png|*.tif|*.tiff) leaf; ocr "$f" > "$O" ;;
    *) leaf; cp "$f" "$O" ;;
  esac
}
ext "$3"
"""


def stamp_regex() -> str:
    """PCRE2 for ripgrep: an UPPERCASE level whose neighbour words are not uppercase (NFC, NFD, OCR)."""
    alts = {unicodedata.normalize(form, lvl) for lvl in CODES for form in ("NFC", "NFD")}
    alts |= {"TUY[EÊẾỆỀỂỄ]T\\s{1,2}M[AÂẬẤẦẨẪ]T", "T[OÔỐỘỒỔỖ]I\\s{1,2}M[AÂẬẤẦẨẪ]T"}
    body = "|".join(sorted(alts, key=len, reverse=True))
    return (
        r"(?<![\p{L}\p{M}])(?<!\p{Lu} )(?<!\p{Lu}\p{M} )(?<!\p{Lu}\p{M}\p{M} )"
        f"(?:{body})" + r"(?![\p{L}\p{M}])(?! \p{Lu})"
    )


def level_code(match: str) -> str:
    m = unicodedata.normalize("NFC", match).upper()
    return "TUYET_MAT" if m.startswith("TUY") else "MAT" if m.startswith("M") else "TOI_MAT"


def measure(cmd: list[str], stdout=None, env=None) -> dict:
    """Run ``cmd``; return wall time, peak RSS of the process tree (sum) and of the largest process."""
    import psutil

    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=stdout, env=env, cwd=ROOT)
    root, tree_peak, proc_peak = psutil.Process(p.pid), 0, 0
    while True:
        pid, status, ru = os.wait4(p.pid, os.WNOHANG)
        if pid:
            break
        try:
            rss = [c.memory_info().rss for c in [root, *root.children(recursive=True)]]
            tree_peak, proc_peak = max(tree_peak, sum(rss)), max(proc_peak, *rss)
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            pass
        time.sleep(0.05)
    p.returncode = os.waitstatus_to_exitcode(status)
    return {"wall": time.perf_counter() - t0, "rc": p.returncode, "tree_mb": tree_peak / 2**20,
            "proc_mb": max(proc_peak / 2**20, ru.ru_maxrss / 1024)}  # fmt: skip


def rg_hits(textdir: Path, hits: Path) -> dict[int, str]:
    """Parse ``rg -o`` output (``DIR/ID_N.txt:match``) into {file index: highest level}."""
    rank = {"MAT": 1, "TOI_MAT": 2, "TUYET_MAT": 3}
    found: dict[int, str] = {}
    for line in hits.read_text(encoding="utf-8", errors="replace").splitlines():
        name, _, match = line.partition(":")
        idx = int(Path(name).name.split("_")[0])
        lvl = level_code(match)
        if rank[lvl] > rank.get(found.get(idx, ""), 0):
            found[idx] = lvl
    return found


def rg_cmd(textdir: Path, hits: Path) -> str:
    pat = textdir.parent / "stamp.pcre"
    pat.write_text(stamp_regex() + "\n", encoding="utf-8")
    return f"rg --no-config -P -o -H -N --no-messages -j2 -f {pat} {textdir} > {hits}; true"


def run_cpipe(files: list[Path], work: Path) -> tuple[dict, dict[int, str]]:
    script, textdir, hits = work / "extract.sh", work / "cpipe-text", work / "cpipe-hits.txt"
    script.write_text(EXTRACT_SH)
    textdir.mkdir()
    lst = work / "cpipe-list"
    order = sorted(range(len(files)), key=lambda i: -files[i].stat().st_size)
    lst.write_bytes(b"".join(f"{i}\0{files[i]}\0".encode() for i in order))
    shell = f"xargs -0 -n2 -P2 -a {lst} bash {script} {textdir}; {rg_cmd(textdir, hits)}"
    stats = measure(["bash", "-c", shell], env={**os.environ, "OMP_THREAD_LIMIT": "1", "LC_ALL": "C.UTF-8"})
    return stats, rg_hits(textdir, hits)


def run_extractous(files: list[Path], work: Path) -> tuple[dict, dict[int, str]]:
    textdir, hits, lst = work / "tika-text", work / "tika-hits.txt", work / "tika-list.json"
    textdir.mkdir()
    order = sorted(range(len(files)), key=lambda i: -files[i].stat().st_size)
    lst.write_text(json.dumps([[i, str(files[i])] for i in order]))
    driver = f"{sys.executable} {Path(__file__).resolve()} --extractous-driver {lst} {textdir}"
    stats = measure(
        ["bash", "-c", f"{driver} && {rg_cmd(textdir, hits)}"], env={**os.environ, "OMP_THREAD_LIMIT": "1"}
    )
    return stats, rg_hits(textdir, hits)


def _tika_init(ocr: bool, empty_bin: str) -> None:
    global _TIKA
    if not ocr:  # keep tesseract off PATH: Tika would otherwise OCR every embedded image (eng)
        os.environ["PATH"] = empty_bin
    from extractous import Extractor, OfficeParserConfig, PdfOcrStrategy, PdfParserConfig, TesseractOcrConfig

    ex = Extractor().set_extract_string_max_length(200_000_000)
    ex = ex.set_office_config(OfficeParserConfig().set_include_headers_and_footers(True))
    if ocr:
        ex = ex.set_ocr_config(TesseractOcrConfig().set_language("vie"))
        ex = ex.set_pdf_config(PdfParserConfig().set_ocr_strategy(PdfOcrStrategy.AUTO))
    _TIKA = ex


def _tika_one(job: tuple[int, str, str]) -> int:
    idx, path, outdir = job
    try:
        text = _TIKA.extract_file_to_string(path)[0]
    except Exception as exc:  # noqa: BLE001 - count failures, keep going
        text = f"\n[extractous error: {exc!r}]\n"
    Path(outdir, f"{idx}_1.txt").write_text(text, encoding="utf-8", errors="replace")
    return idx


def extractous_driver(listfile: str, outdir: str) -> None:
    import multiprocessing as mp

    jobs = [(i, p, outdir) for i, p in json.loads(Path(listfile).read_text())]
    needs_ocr = (".pdf", ".jpg", ".jpeg", ".png", ".tif", ".tiff")
    empty_bin = tempfile.mkdtemp(prefix="nobin-")
    ctx = mp.get_context("spawn")
    for ocr in (False, True):
        part = [j for j in jobs if j[1].lower().endswith(needs_ocr) == ocr]
        with ctx.Pool(2, initializer=_tika_init, initargs=(ocr, empty_bin), maxtasksperchild=200) as pool:
            for _ in pool.imap_unordered(_tika_one, part):
                pass


def run_bmnn(corpus_files: Path, files: list[Path], work: Path, cache: Path, tag: str):
    out = work / f"bmnn-{tag}.jsonl"
    cmd = [
        str(BMNN),
        "scan",
        "-q",
        "--format",
        "jsonl",
        "--workers",
        "2",
        "--incremental",
        "--cache",
        str(cache),
    ]
    cmd.append(str(corpus_files))
    with out.open("wb") as fh:
        stats = measure(cmd, stdout=fh)
    index = {str(p): i for i, p in enumerate(files)}
    found, seen = {}, 0
    for line in out.read_text(encoding="utf-8").splitlines():
        try:
            rec = json.loads(line)
        except ValueError:
            continue
        if "path" not in rec:
            continue
        seen += 1
        idx = index.get(str(Path(rec["path"]).resolve()))
        if idx is not None and rec.get("level"):
            found[idx] = rec["level"]
    stats["records"] = seen
    return stats, found


def quality(man: dict, found: dict[int, str]) -> dict:
    q: dict = {"tp": Counter(), "pos": Counter(), "fp": Counter(), "neg": Counter(), "lvl_ok": Counter()}
    for i, f in enumerate(man["files"]):
        k, truth = f["kind"], CODES.get(f["level"] or "")
        if truth:
            q["pos"][k] += 1
            q["tp"][k] += i in found
            q["lvl_ok"][k] += found.get(i) == truth
        else:
            q["neg"][k] += 1
            q["fp"][k] += i in found
    return q


def report(man: dict, results: dict) -> None:
    mb, n = man["total_bytes"] / 1e6, len(man["files"])
    print(f"\n=== Speed ({n} files, {mb:.1f} MB, 2 processes each) ===")
    print(f"{'tool':<26}{'wall s':>9}{'files/s':>9}{'MB/s':>9}{'tree RSS MB':>13}{'max proc MB':>13}")
    for name, (st, _) in results.items():
        print(f"{name:<26}{st['wall']:9.1f}{n / st['wall']:9.1f}{mb / st['wall']:9.2f}"
              f"{st['tree_mb']:13.0f}{st['proc_mb']:13.0f}")  # fmt: skip
    w = {k: v[0]["wall"] for k, v in results.items()}
    print("\n=== Ratios (higher = bmnn faster) ===")
    first = w.get("bmnn first scan")
    for other in ("C pipeline", "extractous"):
        if first and other in w:
            print(f"{other} wall / bmnn first scan wall: {w[other] / first:.2f}x")
    if first and "bmnn incremental rescan" in w:
        print(f"bmnn first scan / incremental rescan: {first / w['bmnn incremental rescan']:.1f}x")
    print("\n=== Detection (stamped files found / stamped; level correct; false positives / unstamped) ===")
    kinds = sorted({f["kind"] for f in man["files"]})
    for name, (_, found) in results.items():
        if "incremental" in name:
            continue
        q = quality(man, found)
        tot = {key: sum(c.values()) for key, c in q.items()}
        print(f"{name}: found {tot['tp']}/{tot['pos']}, level correct {tot['lvl_ok']}, "
              f"false positives {tot['fp']}/{tot['neg']}")  # fmt: skip
        print("   " + "  ".join(f"{k} {q['tp'][k]}/{q['pos'][k]} fp {q['fp'][k]}" for k in kinds))
        missed = Counter(
            f"{f['kind']}:{f['placement']}{'+nfd' if f['nfd'] else ''}"
            for i, f in enumerate(man["files"]) if f["level"] and i not in found
        )  # fmt: skip
        if missed:
            print("   missed by placement: " + ", ".join(f"{k} {v}" for k, v in missed.most_common()))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", default=str(ROOT / "bench" / ".corpus"), help="corpus cache directory")
    ap.add_argument("--size-mb", type=float, default=500)
    ap.add_argument("--quick", action="store_true", help="50 MB corpus, for a smoke run")
    ap.add_argument("--seed", type=int, default=2024)
    ap.add_argument("--only", default="bmnn,cpipe,extractous", help="comma list of tools to run")
    ap.add_argument("--keep", action="store_true", help="keep the work directory (extracted text, logs)")
    ap.add_argument("--extractous-driver", nargs=2, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.extractous_driver:
        extractous_driver(*args.extractous_driver)
        return 0
    size = 50 if args.quick else args.size_mb
    only = set(args.only.split(","))
    for tool in ("pdftotext", "pdftoppm", "tesseract", "unzip", "rg"):
        if "cpipe" in only and not shutil.which(tool):
            sys.exit(f"missing {tool}: apt-get install -y poppler-utils ripgrep tesseract-ocr{{,-vie}} unzip")
    corpus = Path(args.corpus) / f"{size:g}mb"
    t0 = time.perf_counter()
    man = scanner_corpus.generate(corpus, size, seed=args.seed)
    print(f"corpus {corpus}: ready in {time.perf_counter() - t0:.0f}s")
    kinds = Counter(f["kind"] for f in man["files"])
    sizes = Counter()
    for f in man["files"]:
        sizes[f["kind"]] += f["size"]
    for k in sorted(kinds):
        stamped = sum(1 for f in man["files"] if f["kind"] == k and f["level"])
        print(f"  {k:<6}{kinds[k]:6d} files {sizes[k] / 1e6:8.1f} MB  stamped {stamped}")
    print(f"  total {len(man['files'])} files {man['total_bytes'] / 1e6:.1f} MB")
    files = [(corpus / "files" / f["path"]).resolve() for f in man["files"]]
    work = Path(tempfile.mkdtemp(prefix="bmnn-bench-"))
    print(f"work dir {work}; load: {os.getloadavg()}", flush=True)
    results: dict = {}
    if "bmnn" in only:
        cache = work / "scan-cache"
        results["bmnn first scan"] = run_bmnn(corpus / "files", files, work, cache, "first")
        results["bmnn incremental rescan"] = run_bmnn(corpus / "files", files, work, cache, "rescan")
        print(f"bmnn done: {results['bmnn first scan'][0]}", flush=True)
    if "cpipe" in only:
        results["C pipeline"] = run_cpipe(files, work)
        print(f"C pipeline done: {results['C pipeline'][0]}", flush=True)
    if "extractous" in only:
        results["extractous"] = run_extractous(files, work)
        print(f"extractous done: {results['extractous'][0]}", flush=True)
    report(man, results)
    print(f"\nload average at the end: {os.getloadavg()}")
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
