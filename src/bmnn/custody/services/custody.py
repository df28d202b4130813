"""Transfers and moves from the custody pages and the API: ``transfer`` is
``bmnn.custody.services.handover.record_handover`` (one check of who may hand over, one act)."""

from __future__ import annotations

from bmnn.custody.services.handover import ensure_custodian, may_hand_over, record_handover

transfer = record_handover

__all__ = ["ensure_custodian", "may_hand_over", "transfer"]
