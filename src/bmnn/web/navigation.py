"""Navigation registry: each app registers its menu entries here instead of the shell importing every app."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.http import HttpRequest


@dataclass(frozen=True)
class NavItem:
    url_name: str
    label: str  # a lazy translation
    order: int = 100
    visible: Callable[[HttpRequest], bool] = lambda request: True


_ITEMS: list[NavItem] = []


def register(item: NavItem) -> None:
    if all(existing.url_name != item.url_name for existing in _ITEMS):
        _ITEMS.append(item)
        _ITEMS.sort(key=lambda i: i.order)


def items_for(request: HttpRequest) -> list[NavItem]:
    return [item for item in _ITEMS if item.visible(request)]
