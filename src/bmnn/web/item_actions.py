"""Item actions registry: other apps add links to the registry's item page without editing it.

    from bmnn.web import item_actions
    item_actions.register(item_actions.ItemAction("custody_timeline", _("Custody timeline"), 10))

``url_name`` is reversed with the item's id as ``pk`` (or, with ``query="item"``, reversed without
arguments and given ``?item=<id>``); ``visible(user, item)`` decides whether the link is shown (the
target page still enforces its own access rules: a link is not a permission).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.urls import NoReverseMatch, reverse


@dataclass(frozen=True)
class ItemAction:
    url_name: str
    label: Any  # a lazy translation
    order: int = 100
    visible: Callable[[Any, Any], bool] = lambda user, item: True
    query: str = ""


_ACTIONS: dict[str, ItemAction] = {}


def register(action: ItemAction) -> None:
    _ACTIONS[action.url_name] = action


def links_for(user: Any, item: Any) -> list[dict[str, Any]]:
    links = []
    for action in sorted(_ACTIONS.values(), key=lambda a: (a.order, a.url_name)):
        try:
            if action.query:
                url = f"{reverse(action.url_name)}?{action.query}={item.pk}"
            else:
                url = reverse(action.url_name, kwargs={"pk": item.pk})
        except NoReverseMatch:
            continue
        if action.visible(user, item):
            links.append({"url": url, "label": action.label})
    return links
