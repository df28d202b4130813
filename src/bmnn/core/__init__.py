"""Shared foundation: settings, configuration, audit trail, vault."""
