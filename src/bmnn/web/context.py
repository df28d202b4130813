from __future__ import annotations

from django.http import HttpRequest
from django.urls import reverse

from bmnn.web import navigation as nav


def navigation(request: HttpRequest) -> dict:
    """Menu entries the signed-in user may use, with the active one marked: the entry whose URL is the
    longest prefix of the current path (``/mang-ra/nghi-viec/`` lights "Departures", not "Taking out")."""
    if not getattr(request, "user", None) or not request.user.is_authenticated:
        return {"nav_items": []}
    items = [{"url": reverse(i.url_name), "label": i.label, "active": False} for i in nav.items_for(request)]
    matches = [e for e in items if e["url"] != "/" and request.path.startswith(e["url"])]
    if matches:
        max(matches, key=lambda e: len(e["url"]))["active"] = True
    return {"nav_items": items}
