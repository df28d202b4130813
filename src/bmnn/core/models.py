"""Models of the core app (the audit trail lives in bmnn.core.audit)."""

from bmnn.core.audit.models import AuditCheckpoint, AuditEvent, AuditHead

__all__ = ["AuditCheckpoint", "AuditEvent", "AuditHead"]
