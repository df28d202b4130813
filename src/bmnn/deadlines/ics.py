"""A small RFC 5545 writer for the per-person deadline feed (VCALENDAR with all-day VEVENTs).

Text values are escaped (backslash, semicolon, comma, newline) and content lines folded at 75 octets
without splitting a UTF-8 sequence.  Events carry the kind of deadline, the register number /
number-symbol and a link, never an item's title, summary or level: the feed may reach a phone.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Event:
    uid: str
    day: dt.date
    summary: str
    description: str = ""
    url: str = ""


def escape(text: str) -> str:
    return (
        text.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def fold(line: str) -> str:
    """Fold a content line to ≤ 75 octets per physical line (continuations start with a space)."""
    out: list[str] = []
    current: list[str] = []
    size, limit = 0, 75
    for ch in line:
        n = len(ch.encode("utf-8"))
        if size + n > limit:
            out.append("".join(current))
            current, size, limit = [], 0, 74  # the leading space counts
        current.append(ch)
        size += n
    out.append("".join(current))
    return "\r\n ".join(out)


def calendar(events: Iterable[Event], *, name: str, stamp: dt.datetime) -> str:
    stamp_text = stamp.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//bmnn//deadlines//VI",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape(name)}",
        "X-WR-TIMEZONE:Asia/Ho_Chi_Minh",
    ]
    for ev in events:
        lines += [
            "BEGIN:VEVENT",
            f"UID:{escape(ev.uid)}",
            f"DTSTAMP:{stamp_text}",
            f"DTSTART;VALUE=DATE:{ev.day.strftime('%Y%m%d')}",
            f"DTEND;VALUE=DATE:{(ev.day + dt.timedelta(days=1)).strftime('%Y%m%d')}",
            f"SUMMARY:{escape(ev.summary)}",
            "TRANSP:TRANSPARENT",
            "CLASS:CONFIDENTIAL",
        ]
        if ev.description:
            lines.append(f"DESCRIPTION:{escape(ev.description)}")
        if ev.url:
            lines.append(f"URL:{ev.url}")
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)
