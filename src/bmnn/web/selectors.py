from __future__ import annotations

import base64
from typing import Any

from bmnn.web import dashboard


def base32_secret(device: Any) -> str:
    return base64.b32encode(device.bin_key).decode().rstrip("=")


def dashboard_counts(user: Any) -> list[dict[str, Any]]:
    """Real counts from every app that registered a dashboard card, for what the user may see."""
    return [
        {"label": card.label, "value": card.count(user), "url_name": card.url_name}
        for card in dashboard.cards()
    ]
