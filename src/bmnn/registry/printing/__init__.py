"""Registers printed as the statutory forms (PDF) and exported as XLSX."""

from bmnn.registry.printing.layout import Cover, Layout, cover_for, layout, rows_for

__all__ = ["Cover", "Layout", "cover_for", "layout", "rows_for"]
