"""Read a legacy .xls in a child process under a memory limit.

python-calamine's CFB reader can grow without bound on a corrupt sector chain (found by fuzzing: a
5.6 KB file took 24 GB), and a Rust allocation failure aborts the whole process. So the parse runs in a
child with RLIMIT_AS; the parent turns a crash or a refusal into a ``corrupt`` error entry.

Protocol: the file's bytes on stdin; on stdout one JSON list of ``[sheet name, text]`` pairs.
"""

from __future__ import annotations

import io
import json
import os
import sys

MEMORY_LIMIT_ENV = "BMNN_XLS_MEMORY_MB"  # address space of the child, default 768 MB


def limit_memory() -> None:  # runs in the child before exec
    import resource

    limit = int(os.environ.get(MEMORY_LIMIT_ENV, "768")) << 20
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def main() -> int:
    from python_calamine import CalamineWorkbook

    data = sys.stdin.buffer.read()
    try:
        wb = CalamineWorkbook.from_filelike(io.BytesIO(data))
        sheets = []
        for name in wb.sheet_names:
            rows = wb.get_sheet_by_name(name).to_python(skip_empty_area=True)
            lines = ["\t".join(str(v) for v in row if isinstance(v, str) and v) for row in rows]
            sheets.append([name, "\n".join(line for line in lines if line)])
    except Exception as exc:  # noqa: BLE001 - reported to the parent as text
        sys.stderr.write(str(exc)[:300])
        return 3
    sys.stdout.write(json.dumps(sheets, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
