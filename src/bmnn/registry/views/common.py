"""Helpers shared by the registry views."""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import Http404

from bmnn.core.errors import NotFound, Refused


def refusal_to_form(form: forms.Form, exc: Refused) -> None:
    """Show a refusal on the form: the Vietnamese message already names the rule and its citation."""
    text = f"{exc.message} [{exc.rule_id}]" if exc.rule_id else exc.message
    form.add_error(exc.field if exc.field in form.fields else None, text)


def found(obj: Any) -> Any:
    if obj is None:
        raise Http404
    return obj


__all__ = ["NotFound", "found", "refusal_to_form"]
