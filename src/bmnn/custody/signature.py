"""On-screen signatures: the pad (``static/custody/signature.js``) stores pen strokes as an SVG path of
moves and lines ("M x y L x y …").  For printing, the path is parsed here into strokes of numbers and drawn
as vector lines (reportlab graphics); nothing else of SVG is ever read or embedded."""

from __future__ import annotations

import re

from reportlab.graphics.shapes import Drawing, PolyLine
from reportlab.lib import colors

#: The only text accepted as a signature: moves and lines with numbers (see ``services.handover``).
SVG_PATH = re.compile(r"^[MLml0-9 .,\-]{1,20000}$")
_TOKEN = re.compile(r"[MLml]|-?(?:\d+(?:\.\d*)?|\.\d+)")
_COMMANDS = frozenset("MLml")
Point = tuple[float, float]


def strokes(path: str) -> list[list[Point]]:
    """The pen strokes of ``path`` (absolute ``M``/``L`` and relative ``m``/``l``; coordinates after a move
    continue as lines, as in SVG).  Anything that is not such a path gives no strokes."""
    if not path or not SVG_PATH.match(path):
        return []
    tokens = _TOKEN.findall(path)
    result: list[list[Point]] = []
    command, x, y, i = "", 0.0, 0.0, 0
    while i < len(tokens):
        part = tokens[i]
        if part in _COMMANDS:
            command, i = part, i + 1
            continue
        if not command or i + 1 >= len(tokens) or tokens[i + 1] in _COMMANDS:
            return []  # a number without a command or a lone coordinate: not a signature
        dx, dy = float(part), float(tokens[i + 1])
        relative = command in "ml"
        x, y = (x + dx, y + dy) if relative else (dx, dy)
        if command in "Mm":
            result.append([(x, y)])
            command = "l" if relative else "L"
        elif result:
            result[-1].append((x, y))
        else:
            result.append([(x, y)])
        i += 2
    return [s for s in result if len(s) > 1]


def drawing(path: str, width: float, height: float, pad: float = 2.0) -> Drawing | None:
    """The signature scaled into a ``width`` × ``height`` box (points), y upwards; None if there is nothing
    to draw."""
    lines = strokes(path)
    if not lines:
        return None
    xs = [p[0] for s in lines for p in s]
    ys = [p[1] for s in lines for p in s]
    x0, y0 = min(xs), min(ys)
    span_x, span_y = max(max(xs) - x0, 1.0), max(max(ys) - y0, 1.0)
    scale = min((width - 2 * pad) / span_x, (height - 2 * pad) / span_y)
    art = Drawing(width, height)
    for stroke in lines:
        flat: list[float] = []
        for px, py in stroke:
            flat += [pad + (px - x0) * scale, height - pad - (py - y0) * scale]
        art.add(PolyLine(flat, strokeColor=colors.HexColor("#1a237e"), strokeWidth=0.8))
    return art
