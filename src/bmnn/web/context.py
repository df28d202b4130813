from __future__ import annotations

from django.http import HttpRequest
from django.urls import reverse

from bmnn.web import navigation as nav


def navigation(request: HttpRequest) -> dict:
    """Menu entries the signed-in user may use, with the active one marked."""
    if not getattr(request, "user", None) or not request.user.is_authenticated:
        return {"nav_items": []}
    items = []
    for item in nav.items_for(request):
        url = reverse(item.url_name)
        active = request.path == url or (url != "/" and request.path.startswith(url))
        items.append({"url": url, "label": item.label, "active": active})
    return {"nav_items": items}
