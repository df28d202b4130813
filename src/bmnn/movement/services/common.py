"""Helpers shared by the movement services."""

from __future__ import annotations

from typing import Any

from bmnn.organizations.selectors import scope_agencies
from bmnn.registry.services.common import is_registry_staff


def staff_for(actor: Any, agency_id: int) -> bool:
    """Clerk or security officer whose scope (own agency and those below it) holds ``agency_id``."""
    return is_registry_staff(actor) and scope_agencies(actor).filter(pk=agency_id).exists()
