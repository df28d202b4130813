"""Helpers shared by the copying views."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import Any

from django import forms
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from bmnn.copying import printing
from bmnn.core import audit
from bmnn.core.errors import Refused
from bmnn.organizations.selectors import person_for
from bmnn.registry.printing import pdf, xlsx

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


def register_page(
    request: HttpRequest,
    template: str,
    register: str,
    rows: Iterable[Any],
    fields: Callable[[Any], dict[str, str]],
    **context: Any,
) -> HttpResponse:
    """A page of 50 lines of a register (``printing.layout(register)``) shown as its printed columns."""
    page = Paginator(rows, 50).get_page(request.GET.get("page"))  # type: ignore[arg-type]
    lay = printing.layout(register)
    table = printing.rows_for((fields(r) for r in page), lay)
    return render(
        request,
        template,
        {"layout": lay, "page": page, "table": list(zip(page, table, strict=True)), **context},
    )


def register_print(
    request: HttpRequest,
    fmt: str,
    *,
    register: str,
    year: int,
    rows: Callable[[], Any],
    fields: Callable[[Any], dict[str, str]],
    dated: Callable[[Any], dt.date | None],
    action: str,
    filename: str,
) -> HttpResponse:
    """A register printed as PDF or XLSX (at most 20,000 lines, in number order) with its cover; the
    printing is audited.  404 for a user without a post or an unknown format."""
    person = person_for(request.user)
    if person is None or fmt not in ("pdf", "xlsx"):
        raise Http404
    records = list(rows().order_by("seq")[:20_000])
    lay = printing.layout(register)
    cover = printing.cover_for(person.agency, year, [dated(r) for r in records], [r.seq for r in records])
    body = (pdf if fmt == "pdf" else xlsx).render(lay, cover, printing.rows_for(map(fields, records), lay))
    return download(
        request.user,
        f"{action}_{fmt}",
        f"{register}/{year}",
        body,
        f"{filename}-{year}.{fmt}",
        "application/pdf" if fmt == "pdf" else XLSX,
        entries=len(records),
        filters=request.GET.dict(),
    )
