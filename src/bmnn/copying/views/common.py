"""Helpers shared by the copying views."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db import transaction
from django.http import Http404, HttpResponse

from bmnn.core import audit
from bmnn.core.errors import Refused

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def refusal_to_form(form: forms.Form, exc: Refused) -> None:
    """Show a refusal on the form: the Vietnamese message names the rule and its citation."""
    text = f"{exc.message} [{exc.rule_id}]" if exc.rule_id else exc.message
    form.add_error(exc.field if exc.field in form.fields else None, text)


def found(obj: Any) -> Any:
    if obj is None:
        raise Http404
    return obj


def download(
    user: Any, action: str, object_id: str, body: bytes, name: str, ctype: str, **summary: Any
) -> HttpResponse:
    """Send a printed document; printing a BMNN register or record is itself audited."""
    with transaction.atomic():
        audit.record(user, action, None, object_type="copying.print", object_id=object_id, summary=summary)
    response = HttpResponse(body, content_type=ctype)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
