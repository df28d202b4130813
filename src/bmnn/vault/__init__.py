"""Encrypted file store for classified items (see bmnn.core.vault)."""
