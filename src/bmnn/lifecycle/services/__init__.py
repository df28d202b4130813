"""Lifecycle services: one function per legal act (one transaction, one audit event)."""
