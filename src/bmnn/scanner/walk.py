"""Walking trees and scanning files in parallel worker processes with a hard per-file time limit."""

from __future__ import annotations

import fnmatch
import multiprocessing as mp
import os
import queue
import stat
import time
from collections.abc import Iterable, Iterator
from dataclasses import asdict
from typing import Any

from . import model as m
from .engine import scan_file

HARD_GRACE_S = 15.0  # a worker still busy this long after the time limit is killed and replaced


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


def _worker(wid: int, tasks: Any, results: Any, opts: dict[str, Any]) -> None:
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
    while True:
        task = tasks.get()
        if task is None:
            return
        idx, path = task
        results.put(("start", wid, idx, time.monotonic()))
        res = scan_file(path, options)
        results.put(("done", wid, idx, res))


class _Pool:
    def __init__(self, n: int, options: m.ScanOptions) -> None:
        self.ctx = mp.get_context("spawn")
        self.opts = asdict(options)
        self.tasks = self.ctx.Queue()
        self.results = self.ctx.Queue()
        self.workers: dict[int, Any] = {}
        self.next_id = 0
        for _ in range(n):
            self._spawn()

    def _spawn(self) -> None:
        wid = self.next_id
        self.next_id += 1
        p = self.ctx.Process(target=_worker, args=(wid, self.tasks, self.results, self.opts), daemon=True)
        p.start()
        self.workers[wid] = p

    def replace(self, wid: int) -> None:
        p = self.workers.pop(wid, None)
        if p is not None and p.is_alive():
            p.kill()
            p.join(5)
        self._spawn()

    def close(self) -> None:
        for _ in self.workers:
            self.tasks.put(None)
        for p in self.workers.values():
            p.join(2)
            if p.is_alive():
                p.kill()


MIN_MEMORY_LIMIT_MB = 256
MAX_IDLE_DEATHS = 10  # workers in a row that die without finishing a file


def _run_pool(items: list[tuple[str, os.stat_result]], options: m.ScanOptions) -> Iterator[m.FileResult]:
    pool = _Pool(max(1, options.workers), options)
    try:
        # Largest first: the long files start early and the tail of the run stays short.
        order = sorted(range(len(items)), key=lambda i: -items[i][1].st_size)
        pending = iter(order)
        outstanding: set[int] = set()
        running: dict[int, tuple[int, float]] = {}  # wid -> (idx, started)
        limit = 2 * max(1, options.workers) + 2
        idle_deaths = 0

        def feed() -> None:
            while len(outstanding) < limit:
                idx = next(pending, None)
                if idx is None:
                    return
                outstanding.add(idx)
                pool.tasks.put((idx, items[idx][0]))

        feed()
        while outstanding:
            try:
                msg = pool.results.get(timeout=0.5)
            except queue.Empty:
                msg = None
            if msg is not None:
                kind, wid, idx = msg[0], msg[1], msg[2]
                if kind == "start":
                    running[wid] = (idx, msg[3])
                elif idx in outstanding:
                    idle_deaths = 0
                    running.pop(wid, None)
                    outstanding.discard(idx)
                    yield msg[3]
                    feed()
                continue
            now = time.monotonic()
            for wid, (idx, started) in list(running.items()):
                proc = pool.workers.get(wid)
                dead = proc is None or not proc.is_alive()
                if dead or now - started > options.timeout_s + HARD_GRACE_S:
                    code = "timeout" if not dead else "internal"
                    detail = "" if not dead else "tiến trình xử lý bị dừng đột ngột"
                    running.pop(wid)
                    outstanding.discard(idx)
                    pool.replace(wid)
                    path, st = items[idx]
                    yield m.FileResult(path=path, size=st.st_size, error=m.error_dict(code, detail))
                    feed()
            # A worker that died between tasks (nothing running) is replaced too, but not forever: workers
            # that cannot even start (e.g. a memory limit below what Python needs) end the run with errors.
            for wid, proc in list(pool.workers.items()):
                if not proc.is_alive() and wid not in running:
                    idle_deaths += 1
                    if idle_deaths > MAX_IDLE_DEATHS:
                        for idx in [*outstanding, *pending]:
                            path, st = items[idx]
                            yield m.FileResult(
                                path=path,
                                size=st.st_size,
                                error=m.error_dict("internal", "không khởi động được tiến trình quét"),
                            )
                        return
                    pool.replace(wid)
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
