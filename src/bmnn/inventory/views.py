"""Stock-taking pages: sessions, the list with outcome buttons, unexpected finds, completion, PDF/XLSX."""

from __future__ import annotations

from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from bmnn.core import audit
from bmnn.core.errors import Refused
from bmnn.custody.models import Copy
from bmnn.inventory import forms, printing, selectors, services
from bmnn.registry.models import Item
from bmnn.registry.printing import pdf, xlsx


def _found(obj):  # type: ignore[no-untyped-def]
    if obj is None:
        raise Http404
    return obj


def _error(form, exc: Refused) -> None:  # type: ignore[no-untyped-def]
    text = f"{exc.message} [{exc.rule_id}]" if exc.rule_id else exc.message
    form.add_error(exc.field if exc.field in form.fields else None, text)


def session_list(request: HttpRequest) -> HttpResponse:
    form = forms.SessionForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            session = services.open_session(request.user, **form.cleaned_data)
        except Refused as exc:
            _error(form, exc)
        else:
            messages.success(request, _("Stock-taking opened."))
            return redirect("inventory_session", pk=session.pk)
    rows = selectors.visible_sessions(request.user)
    return render(request, "inventory/session_list.html", {"rows": rows, "form": form})


def _filtered(request: HttpRequest, session):  # type: ignore[no-untyped-def]
    form = forms.LineFilter(request.GET or None, agency_id=session.agency_id)
    return form, form.apply(selectors.lines_for(request.user, session))


def _detail(request: HttpRequest, session, **extra):  # type: ignore[no-untyped-def]
    all_lines = list(selectors.lines_for(request.user, session))
    filter_form, shown = _filtered(request, session)
    context = {
        "session": session,
        "lines": list(shown),
        "filter_form": filter_form,
        "querystring": request.GET.urlencode(),
        "unexpected_form": extra.get("unexpected_form") or forms.UnexpectedForm(),
        "complete_form": extra.get("complete_form") or forms.CompleteForm(),
        "counts": {
            o: sum(1 for x in all_lines if x.outcome == o)
            for o in ("pending", "found", "missing", "unexpected")
        },
    }
    return render(request, "inventory/session_detail.html", context)


def session_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, _found(selectors.session_for(request.user, pk)))


@require_POST
def line_record(request: HttpRequest, pk: int, line: int) -> HttpResponse:
    session = _found(selectors.session_for(request.user, pk))
    row = _found(selectors.lines_for(request.user, session).filter(pk=line).first())
    try:
        services.record_outcome(
            request.user,
            row,
            outcome=request.POST.get("outcome", ""),
            note=request.POST.get("note", "")[:500],
        )
    except Refused as exc:
        messages.error(request, f"{exc.message} [{exc.rule_id}]" if exc.rule_id else exc.message)
    return redirect("inventory_session", pk=pk)


def unexpected(request: HttpRequest, pk: int) -> HttpResponse:
    session = _found(selectors.session_for(request.user, pk))
    form = forms.UnexpectedForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        item = Item.objects.filter(pk=data["item"], agency_id=session.agency_id).first()
        copy = None
        if item is not None and data["copy_number"]:
            copy = Copy.objects.filter(item=item, number=data["copy_number"]).first()
        if item is None or (data["copy_number"] and copy is None):
            form.add_error("item", _("No such item or copy in this agency."))
        else:
            try:
                services.add_unexpected(request.user, session, item=item, copy=copy, note=data["note"])
            except Refused as exc:
                _error(form, exc)
            else:
                return redirect("inventory_session", pk=pk)
    return _detail(request, session, unexpected_form=form)


def complete(request: HttpRequest, pk: int) -> HttpResponse:
    session = _found(selectors.session_for(request.user, pk))
    form = forms.CompleteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.complete(request.user, session, note=form.cleaned_data["note"])
        except Refused as exc:
            _error(form, exc)
        else:
            messages.success(request, _("Stock-taking completed."))
            return redirect("inventory_session", pk=pk)
    return _detail(request, session, complete_form=form)


def session_print(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    session = _found(selectors.session_for(request.user, pk))
    if fmt not in ("pdf", "xlsx"):
        raise Http404
    _form, shown = _filtered(request, session)
    lines = list(shown)
    body = (pdf if fmt == "pdf" else xlsx).render(
        printing.LAYOUT, printing.cover(session), printing.rows(lines)
    )
    # Printing a list of BMNN is itself audited, with the filters that chose the lines.
    with transaction.atomic():
        audit.record(
            request.user,
            f"inventory.session.print_{fmt}",
            session,
            summary={"lines": len(lines), "filters": request.GET.dict()},
        )
    ctype = (
        "application/pdf"
        if fmt == "pdf"
        else "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response = HttpResponse(body, content_type=ctype)
    response["Content-Disposition"] = f'attachment; filename="kiem-ke-{session.pk}.{fmt}"'
    return response
