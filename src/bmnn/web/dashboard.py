"""Dashboard card registry: apps register counts; the shell shows them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Card:
    key: str
    label: Any
    count: Callable[[Any], int]
    url_name: str = ""
    order: int = 100


_CARDS: dict[str, Card] = {}


def register(card: Card) -> None:
    _CARDS[card.key] = card


def cards() -> list[Card]:
    return sorted(_CARDS.values(), key=lambda c: c.order)
