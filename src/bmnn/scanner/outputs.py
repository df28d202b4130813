"""Output formats: JSON Lines, CSV, SARIF 2.1.0 and a standalone HTML report."""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
import json
from collections.abc import Iterable
from pathlib import Path
from typing import IO, Any

from . import model as m

KIND_LABEL = {
    m.KIND_LEVEL: "Dấu độ mật",
    m.KIND_COPY: "Dấu sao",
    m.KIND_EXTRACT: "Dấu trích sao",
    m.KIND_RECALL: "Dấu tài liệu thu hồi",
    m.KIND_NAMED: "Dấu chỉ người có tên mới được bóc bì",
    m.KIND_DECLASSIFIED: "Dấu giải mật",
    m.KIND_KEYWORD: "Từ khoá (danh mục)",
}


def write_jsonl(results: Iterable[m.FileResult], out: IO[str]) -> None:
    for r in results:
        out.write(json.dumps(r.to_dict(), ensure_ascii=False) + "\n")


CSV_FIELDS = [
    "path",
    "level",
    "kind",
    "mark",
    "where",
    "confidence",
    "source",
    "snippet",
    "error_code",
    "error",
    "sha256",
]


def write_csv(results: Iterable[m.FileResult], out: IO[str]) -> None:
    """One row per finding; a file with an error and no finding gets one row."""
    w = csv.writer(out)
    w.writerow(CSV_FIELDS)
    for r in results:
        err_code = r.error["code"] if r.error else ""
        err = r.error["message"] if r.error else ""
        for f in r.findings:
            w.writerow(
                [
                    r.path,
                    r.level or "",
                    f.kind,
                    f.text,
                    f.where,
                    f.confidence,
                    f.source,
                    f.snippet or "",
                    err_code,
                    err,
                    r.sha256 or "",
                ]
            )
        if not r.findings and r.error:
            w.writerow([r.path, "", "", "", "", "", "", "", err_code, err, ""])


_SARIF_RULES = [
    ("BMNN-LEVEL-TUYET_MAT", "Tài liệu mang dấu TUYỆT MẬT", "error"),
    ("BMNN-LEVEL-TOI_MAT", "Tài liệu mang dấu TỐI MẬT", "error"),
    ("BMNN-LEVEL-MAT", "Tài liệu mang dấu MẬT", "error"),
    *[
        (f"BMNN-MARK-{k.upper()}", KIND_LABEL[k], "warning")
        for k in (m.KIND_COPY, m.KIND_EXTRACT, m.KIND_RECALL, m.KIND_NAMED, m.KIND_DECLASSIFIED)
    ],
    ("BMNN-KEYWORD", "Cụm từ thuộc danh mục bí mật nhà nước", "note"),
]


def _rule_id(f: m.Finding) -> str:
    if f.kind == m.KIND_LEVEL:
        return f"BMNN-LEVEL-{f.level}"
    if f.kind == m.KIND_KEYWORD:
        return "BMNN-KEYWORD"
    return f"BMNN-MARK-{f.kind.upper()}"


def _uri(path: str) -> str:
    p = Path(path)
    return p.as_uri() if p.is_absolute() else p.as_posix()


def sarif_document(results: Iterable[m.FileResult]) -> dict[str, Any]:
    rules = [
        {"id": rid, "shortDescription": {"text": text}, "defaultConfiguration": {"level": lvl}}
        for rid, text, lvl in _SARIF_RULES
    ]
    levels = {rid: lvl for rid, _, lvl in _SARIF_RULES}
    sarif_results: list[dict[str, Any]] = []
    notes: list[dict[str, Any]] = []
    for r in results:
        for f in r.findings:
            rid = _rule_id(f)
            sarif_results.append(
                {
                    "ruleId": rid,
                    "level": levels.get(rid, "note"),
                    "message": {
                        "text": f"{KIND_LABEL.get(f.kind, f.kind)}: {f.text}"
                        + (f" — {f.snippet}" if f.snippet else "")
                    },
                    "locations": [
                        {
                            "physicalLocation": {"artifactLocation": {"uri": _uri(r.path)}},
                            "logicalLocations": [{"name": f.where}] if f.where else [],
                        }
                    ],
                    "properties": {
                        "confidence": f.confidence,
                        "where": f.where,
                        "source": f.source,
                        **({"sha256": r.sha256} if r.sha256 else {}),
                    },
                }
            )
        if r.error:
            notes.append(
                {
                    "level": "error",
                    "message": {"text": f"{r.path}: {r.error['message']}"},
                    "descriptor": {"id": r.error["code"]},
                }
            )
    return {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "bmnn-scan",
                        "informationUri": "https://example.invalid/bmnn",
                        "rules": rules,
                    }
                },
                "invocations": [{"executionSuccessful": not notes, "toolExecutionNotifications": notes}],
                "results": sarif_results,
            }
        ],
    }


def write_sarif(results: Iterable[m.FileResult], out: IO[str]) -> None:
    json.dump(sarif_document(results), out, ensure_ascii=False, indent=1)
    out.write("\n")


_CSS = """body{font-family:system-ui,sans-serif;margin:2em;color:#222}
table{border-collapse:collapse;margin:1em 0}
td,th{border:1px solid #bbb;padding:.3em .6em;text-align:left;vertical-align:top}th{background:#eee}
.TUYET_MAT{color:#fff;background:#a00}.TOI_MAT{color:#fff;background:#d33}.MAT{background:#f99}
.err{color:#a00}.snip{font-family:monospace;font-size:90%}"""


def write_html(results: Iterable[m.FileResult], out: IO[str], summary: dict[str, Any] | None = None) -> None:
    rows = list(results)
    e = html.escape
    buf = io.StringIO()
    buf.write(
        f"<!DOCTYPE html><html lang='vi'><head><meta charset='utf-8'><title>Báo cáo quét tài liệu mật</title>"
        f"<style>{_CSS}</style></head><body><h1>Báo cáo quét tài liệu mang dấu bí mật nhà nước</h1>"
    )
    buf.write(
        f"<p>Thời điểm lập: {dt.datetime.now().strftime('%d/%m/%Y %H:%M')}. "
        "Trình quét chỉ đọc tệp tại chỗ, không sao chép hay gửi nội dung đi đâu.</p>"
    )
    if summary:
        buf.write("<h2>Tổng hợp</h2><table>")
        for k, v in summary.items():
            buf.write(f"<tr><th>{e(str(k))}</th><td>{e(str(v))}</td></tr>")
        buf.write("</table>")
    flagged = [r for r in rows if r.findings or r.error]
    flagged.sort(key=lambda r: (-m.LEVEL_RANK.get(r.level or "", 0), r.error is None, r.path))
    buf.write(
        "<h2>Tệp có phát hiện hoặc lỗi</h2><table><tr><th>Tệp</th><th>Độ mật cao nhất</th><th>Phát hiện</th>"
        "<th>Lỗi</th></tr>"
    )
    for r in flagged:
        items = "".join(
            f"<li>{e(KIND_LABEL.get(f.kind, f.kind))}: <b>{e(f.text)}</b> — {e(f.where)} "
            f"(độ tin cậy {f.confidence:.2f})"
            + (f"<br><span class='snip'>{e(f.snippet)}</span>" if f.snippet else "")
            + "</li>"
            for f in r.findings
        )
        lvl = m.LEVEL_LABEL.get(r.level or "", "")
        sha = f"<br><small>SHA-256: {e(r.sha256)}</small>" if r.sha256 else ""
        err = f"<span class='err'>{e(r.error['message'])}</span>" if r.error else ""
        buf.write(
            f"<tr><td>{e(r.path)}{sha}</td><td class='{e(r.level or '')}'>{e(lvl)}</td>"
            f"<td><ul>{items}</ul></td><td>{err}</td></tr>"
        )
    buf.write("</table></body></html>\n")
    out.write(buf.getvalue())
