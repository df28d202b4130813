"""Walking trees and scanning files in parallel worker processes with a hard per-file time limit."""

from __future__ import annotations

import contextlib
import fnmatch
import multiprocessing as mp
import multiprocessing.connection
import os
import signal
import stat
import time
from collections.abc import Iterable, Iterator
from dataclasses import asdict
from typing import Any

from . import model as m
from .engine import scan_file

HARD_GRACE_S = 15.0  # a worker still busy this long after the time limit is killed and replaced
STARTUP_TIMEOUT_S = 120.0  # a worker not ready this long after its spawn counts as one that died at start


def is_excluded(path: str, patterns: Iterable[str]) -> bool:
    base = os.path.basename(path)
    for pat in patterns:
        if fnmatch.fnmatch(path, pat) or fnmatch.fnmatch(base, pat):
            return True
        if "/" not in pat and any(fnmatch.fnmatch(part, pat) for part in path.split(os.sep)):
            return True
    return False


def iter_files(paths: Iterable[str | os.PathLike[str]], options: m.ScanOptions) -> Iterator[tuple[str, Any]]:
    """Yield (path, stat or FileResult) for every file under ``paths``; no symlink loop is followed."""
    visited: set[tuple[int, int]] = set()
    for root in paths:
        root = os.fspath(root)
        try:
            st = os.stat(root) if options.follow_symlinks else os.lstat(root)
        except OSError as exc:
            yield root, m.FileResult(path=root, error=m.error_dict("unreadable", exc.strerror or str(exc)))
            continue
        if stat.S_ISDIR(st.st_mode):
            yield from _walk_dir(root, st, options, visited)
        elif not is_excluded(root, options.exclude):
            yield root, st


def _walk_dir(
    top: str, st: os.stat_result, options: m.ScanOptions, visited: set[tuple[int, int]]
) -> Iterator[tuple[str, Any]]:
    stack = [(top, st)]
    while stack:
        d, dst = stack.pop()
        key = (dst.st_dev, dst.st_ino)
        if key in visited:  # a symlink loop or a second path to the same directory
            continue
        visited.add(key)
        try:
            entries = sorted(os.scandir(d), key=lambda e: e.name)
        except OSError as exc:
            yield d, m.FileResult(path=d, error=m.error_dict("unreadable", exc.strerror or str(exc)))
            continue
        subdirs = []
        for e in entries:
            if is_excluded(e.path, options.exclude):
                continue
            try:
                if e.is_symlink() and not options.follow_symlinks:
                    continue
                est = e.stat(follow_symlinks=True)
            except OSError as exc:  # dangling symlink, permission…
                yield (
                    e.path,
                    m.FileResult(path=e.path, error=m.error_dict("unreadable", exc.strerror or str(exc))),
                )
                continue
            if stat.S_ISDIR(est.st_mode):
                subdirs.append((e.path, est))
            elif stat.S_ISREG(est.st_mode):
                yield e.path, est
        stack.extend(reversed(subdirs))


# --- worker processes ---------------------------------------------------------------------------------

TEST_FAULT_ENV = "BMNN_SCANNER_TEST_WORKER_FAULT"


def _test_fault(path: str) -> None:
    """Test hook: ``die:NAME`` / ``hang:NAME`` make a worker that took file NAME die or hang before it reports
    that it started (the window where a lost file used to hang the walk). Unset in normal runs."""
    fault = os.environ.get(TEST_FAULT_ENV)
    if not fault:
        return
    mode, _, name = fault.partition(":")
    if os.path.basename(path) != name:
        return
    if mode == "die":
        os.kill(
            os.getpid(), signal.SIGKILL
        )  # SIGKILL: what the kernel's OOM killer or an operator's kill -9 does
    elif mode == "hang":
        while True:
            time.sleep(60)


def _worker(wid: int, conn: Any, opts: dict[str, Any]) -> None:
    os.environ["OMP_THREAD_LIMIT"] = "1"
    if opts.get("memory_limit_mb"):
        try:
            import resource

            # A floor: below it the worker could not even start its threads and libraries (and would hang).
            limit = max(MIN_MEMORY_LIMIT_MB, int(opts["memory_limit_mb"])) << 20
            resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
        except (ImportError, ValueError, OSError):
            pass
    options = m.ScanOptions(**opts)
    conn.send(("ready",))
    while True:
        try:
            task = conn.recv()
        except EOFError:  # the parent went away
            return
        if task is None:
            return
        idx, path = task
        _test_fault(path)
        conn.send(("start", idx))
        res = scan_file(path, options)
        conn.send(("done", idx, res))


class _Worker:
    """One worker process, its private pipe, and the file the parent assigned to it (if any).

    The parent records the assignment before it sends the file, so when the process dies or overruns,
    the parent knows which file it held whether or not the worker's "start" message ever arrived.
    """

    def __init__(self, ctx: Any, wid: int, opts: dict[str, Any]) -> None:
        self.wid = wid
        self.conn, child = ctx.Pipe(duplex=True)
        self.proc = ctx.Process(target=_worker, args=(wid, child, opts), daemon=True)
        self.proc.start()
        child.close()  # the parent keeps only its end: EOF on it means the worker is gone
        self.ready = False
        self.spawned = time.monotonic()
        self.idx: int | None = None  # the file assigned to this worker
        self.since = 0.0  # when it was assigned (replaced by the worker's "start" time when that arrives)

    def assign(self, idx: int, path: str) -> None:
        self.idx, self.since = idx, time.monotonic()
        self.conn.send((idx, path))

    def stop(self, wait: float) -> None:
        self.proc.join(wait)
        if self.proc.is_alive():
            self.proc.kill()
            self.proc.join(5)
        self.conn.close()


class _Pool:
    def __init__(self, n: int, options: m.ScanOptions) -> None:
        self.ctx = mp.get_context("spawn")
        self.opts = asdict(options)
        self.workers: dict[int, _Worker] = {}
        self.next_id = 0
        for _ in range(n):
            self._spawn()

    def _spawn(self) -> None:
        wid = self.next_id
        self.next_id += 1
        self.workers[wid] = _Worker(self.ctx, wid, self.opts)

    def replace(self, wid: int) -> None:
        w = self.workers.pop(wid, None)
        if w is not None:
            if w.proc.is_alive():
                w.proc.kill()
            w.proc.join(5)
            w.conn.close()
        self._spawn()

    def close(self) -> None:
        for w in self.workers.values():
            with contextlib.suppress(OSError):
                w.conn.send(None)
        for w in self.workers.values():
            w.stop(2)


MIN_MEMORY_LIMIT_MB = 256
MAX_IDLE_DEATHS = 10  # workers in a row that die without finishing a file
LOST_DETAIL = "tiến trình xử lý bị dừng đột ngột"


def _run_pool(items: list[tuple[str, os.stat_result]], options: m.ScanOptions) -> Iterator[m.FileResult]:
    """Scan ``items`` in worker processes, one file per worker at a time, until every file has a result.

    Every file is in exactly one of: ``pending`` (not yet sent) or a worker's ``idx`` (assigned). A worker
    that dies or overruns the time limit while holding a file turns that file into an error entry, so the
    walk always ends.
    """
    pool = _Pool(max(1, options.workers), options)
    try:
        # Largest first: the long files start early and the tail of the run stays short.
        pending = sorted(range(len(items)), key=lambda i: -items[i][1].st_size)
        pending.reverse()  # pop() from the end
        idle_deaths = 0
        hard_limit = options.timeout_s + HARD_GRACE_S

        def lost(idx: int, code: str, detail: str) -> m.FileResult:
            path, st = items[idx]
            return m.FileResult(path=path, size=st.st_size, error=m.error_dict(code, detail))

        while pending or any(w.idx is not None for w in pool.workers.values()):
            # Hand a file to every ready, idle worker (recorded before it is sent).
            for w in list(pool.workers.values()):
                if w.ready and w.idx is None and pending:
                    idx = pending.pop()
                    # If it died just now, the death is handled below, with this file.
                    with contextlib.suppress(OSError):
                        w.assign(idx, items[idx][0])
            conns = {w.conn: w for w in pool.workers.values()}
            sentinels = {w.proc.sentinel: w for w in pool.workers.values()}
            ready = mp.connection.wait([*conns, *sentinels], timeout=0.5)
            gone: list[_Worker] = []
            for obj in ready:
                w = conns.get(obj) or sentinels[obj]  # type: ignore[index]
                if w in gone:
                    continue
                # Read what the worker sent before it ended (a "done" may precede its death).
                try:
                    while w.conn.poll():
                        msg = w.conn.recv()
                        if msg[0] == "ready":
                            w.ready = True
                        elif msg[0] == "start" and msg[1] == w.idx:
                            w.since = time.monotonic()
                        elif msg[0] == "done" and msg[1] == w.idx:
                            w.idx = None
                            idle_deaths = 0
                            yield msg[2]
                except Exception:  # noqa: BLE001 - EOF, or a message cut short by the worker's death
                    gone.append(w)
                    continue
                if obj is w.proc.sentinel or not w.proc.is_alive():
                    gone.append(w)
            now = time.monotonic()
            for w in pool.workers.values():  # alive but stuck before its loop: treated as dead at start
                if not w.ready and w not in gone and now - w.spawned > STARTUP_TIMEOUT_S:
                    gone.append(w)
            for w in gone:
                if w.idx is not None:
                    yield lost(w.idx, "internal", LOST_DETAIL)
                    w.idx = None
                else:
                    # Died holding nothing (e.g. before it could start): replaced, but not forever.
                    idle_deaths += 1
                    if idle_deaths > MAX_IDLE_DEATHS:
                        for ww in pool.workers.values():
                            if ww.idx is not None:
                                yield lost(ww.idx, "internal", "không khởi động được tiến trình quét")
                                ww.idx = None
                        while pending:
                            yield lost(pending.pop(), "internal", "không khởi động được tiến trình quét")
                        return
                pool.replace(w.wid)
            # The time limit runs from the assignment, so it holds even if "start" never arrives.
            now = time.monotonic()
            for w in list(pool.workers.values()):
                if w.idx is not None and now - w.since > hard_limit:
                    idx, w.idx = w.idx, None
                    pool.replace(w.wid)
                    yield lost(idx, "timeout", "")
    finally:
        pool.close()


def scan_paths(
    paths: Iterable[str | os.PathLike[str]], options: m.ScanOptions | None = None
) -> Iterator[m.FileResult]:
    """Scan files and directory trees; yields one FileResult per file (in no particular order)."""
    options = options or m.ScanOptions()
    cache = None
    if options.cache_path:
        from .cache import ResultCache

        cache = ResultCache(options.cache_path, options)
    try:
        todo: list[tuple[str, os.stat_result]] = []
        for path, info in iter_files(paths, options):
            if isinstance(info, m.FileResult):
                yield info
                continue
            if cache is not None:
                hit = cache.lookup(path, info)
                if hit is not None:
                    yield hit
                    continue
            todo.append((path, info))
        stats = dict(todo)
        results: Iterator[m.FileResult]
        if options.workers <= 1 or len(todo) <= 1:
            results = (scan_file(p, options) for p, _ in todo)
        else:
            results = _run_pool(todo, options)
        for res in results:
            if cache is not None and res.path in stats:
                cache.store(res, stats[res.path], res.digest)
            yield res
    finally:
        if cache is not None:
            cache.close()
