"""The audit trail: ``record()`` appends one event inside the caller's transaction."""

from bmnn.core.audit.service import record

__all__ = ["record"]
