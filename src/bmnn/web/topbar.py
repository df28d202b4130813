"""Top-bar badges: apps register a count with a link (the deadlines bell: unread reminders); the
``badges`` context processor gives ``web/base.html`` the badges of the signed-in user.

A badge with a zero count is still shown (the bell stays where people look for it) but marked
``empty`` so the stylesheet can mute it.  The icon is a vendored static SVG.  A badge whose
``visible`` says no is left out.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from django.urls import reverse


@dataclass(frozen=True)
class Badge:
    key: str
    label: Any  # accessible name, e.g. gettext_lazy("Unread reminders")
    count: Callable[[Any], int]  # called with the user
    url_name: str
    icon: str = "web/bell.svg"  # a static file (vendored; a system emoji font may be missing)
    order: int = 100
    visible: Callable[[Any], bool] | None = None


_BADGES: dict[str, Badge] = {}


def register(badge: Badge) -> None:
    _BADGES[badge.key] = badge


def badges_for(user: Any) -> list[dict[str, Any]]:
    if not getattr(user, "is_authenticated", False):
        return []
    out = []
    for b in sorted(_BADGES.values(), key=lambda b: b.order):
        if b.visible is not None and not b.visible(user):
            continue
        n = int(b.count(user))
        out.append(
            {
                "key": b.key,
                "label": b.label,
                "count": n,
                "shown": "99+" if n > 99 else str(n),
                "url": reverse(b.url_name),
                "icon": b.icon,
                "empty": n == 0,
            }
        )
    return out


def badges(request: HttpRequest) -> dict[str, Any]:
    """Context processor (``TEMPLATES[...]["OPTIONS"]["context_processors"]``)."""
    return {"topbar_badges": badges_for(getattr(request, "user", None))}
