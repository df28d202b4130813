"""Copy requests: list, create, detail with decision and execution, the copy register (Form 12),
the extract (Form 10) and photographing record (Form 13) as PDF."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from bmnn.copying import forms, printing, selectors
from bmnn.copying.models import CopyRequest, RequestStatus
from bmnn.copying.services import copies
from bmnn.copying.views.common import download, found, refusal_to_form, register_page
from bmnn.copying.views.common import register_print as print_register
from bmnn.core.errors import Refused
from bmnn.organizations.selectors import person_for
from bmnn.registry.selectors import is_registry_staff


def request_list(request: HttpRequest) -> HttpResponse:
    rows = selectors.visible_requests(request.user).order_by("-pk")
    status = request.GET.get("status", "")
    if status in RequestStatus.values:
        rows = rows.filter(status=status)
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "copying/request_list.html",
        {
            "page": page,
            "status": status,
            "statuses": RequestStatus.choices,
            "mine": selectors.awaiting_my_decision(request.user)[:20],
        },
    )


def request_create(request: HttpRequest) -> HttpResponse:
    initial = {"item": request.GET.get("item")} if request.GET.get("item", "").isdigit() else {}
    form = forms.CopyRequestForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        item = data.pop("item")
        try:
            req = copies.request_copy(request.user, item, **data)
        except Refused as exc:
            refusal_to_form(form, exc)
        else:
            messages.success(request, _("Copy request recorded."))
            return redirect("copying_request", pk=req.pk)
    return render(request, "copying/request_form.html", {"form": form, "title": _("New copy request")})


def _detail(request: HttpRequest, req: CopyRequest, **forms_: Any) -> HttpResponse:
    person = person_for(request.user)
    full = selectors.sees_item(request.user, req)
    staff = is_registry_staff(request.user) and person is not None and person.agency_id == req.agency_id
    can_execute = (
        full
        and req.status == RequestStatus.APPROVED
        and person is not None
        and (staff or person.pk == req.requested_by_id)
    )
    context = {
        "req": req,
        # A decider who does not otherwise see the item sees only what the decision needs.
        "full": full,
        "copies": req.copies.select_related("custodian").order_by("number") if full else [],
        "can_decide": req.status == RequestStatus.REQUESTED,
        "can_execute": can_execute,
        "decide_form": forms_.get("decide_form") or forms.DecideForm(),
        "execute_form": forms_.get("execute_form")
        or forms.ExecuteForm(
            initial={"made": req.quantity, "spoiled": 0, "extract_content": req.extract_content}
        ),
    }
    return render(request, "copying/request_detail.html", context)


def request_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, found(selectors.request_for(request.user, pk)))


def request_decide(request: HttpRequest, pk: int) -> HttpResponse:
    req = found(selectors.request_for(request.user, pk))
    if request.method != "POST":
        return redirect("copying_request", pk=pk)
    form = forms.DecideForm(request.POST)
    if form.is_valid():
        approve = form.cleaned_data["decision"] == "approve"
        try:
            copies.decide_copy(request.user, req, approve=approve, note=form.cleaned_data["note"])
        except Refused as exc:
            refusal_to_form(form, exc)
        else:
            messages.success(request, _("Copying approved.") if approve else _("Request refused in writing."))
            return redirect("copying_request", pk=pk)
    return _detail(request, req, decide_form=form)


def request_execute(request: HttpRequest, pk: int) -> HttpResponse:
    req = found(selectors.request_for(request.user, pk))
    if not selectors.sees_item(request.user, req):
        raise Http404
    if request.method != "POST":
        return redirect("copying_request", pk=pk)
    form = forms.ExecuteForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            done = copies.execute_copy(request.user, req, **data)
        except Refused as exc:
            refusal_to_form(form, exc)
        else:
            messages.success(request, _("Copies made: %(numbers)s.") % {"numbers": done.copy_numbers})
            return redirect("copying_request", pk=pk)
    return _detail(request, req, execute_form=form)


def request_document(request: HttpRequest, pk: int) -> HttpResponse:
    """The extract (Form 10) or the photographing record (Form 13) of an executed request."""
    req = found(selectors.request_for(request.user, pk))
    if not selectors.sees_item(request.user, req):
        raise Http404
    if req.status != RequestStatus.EXECUTED or req.form not in ("extract", "photo"):
        raise Http404
    if req.form == "extract":
        body, name = printing.extract_pdf(req), f"trich-sao-{req.seq}-{req.year}.pdf"
    else:
        body, name = printing.photo_record_pdf(req), f"bien-ban-chup-{req.seq}-{req.year}.pdf"
    return download(request.user, "copying.document.print", str(req.pk), body, name, "application/pdf")


def awaiting(request: HttpRequest) -> HttpResponse:
    """Everything awaiting the user's decision: copy requests and providing requests."""
    return render(
        request,
        "copying/awaiting.html",
        {
            "requests": selectors.awaiting_my_decision(request.user).order_by("requested_on", "pk")[:200],
            "provisions": selectors.awaiting_provisions(request.user).order_by("requested_on", "pk")[:200],
        },
    )


def _register_rows(request: HttpRequest):  # type: ignore[no-untyped-def]
    form = forms.RegisterFilter(request.GET or None)
    year = form.year_or_now()
    data = form.cleaned_data if form.is_valid() else {}
    rows = selectors.copy_register(
        request.user,
        year=year,
        form=data.get("form") or "",
        level=data.get("level") or "",
        text=data.get("q") or "",
    )
    return form, year, rows


def register(request: HttpRequest) -> HttpResponse:
    form, year, rows = _register_rows(request)
    return register_page(
        request,
        "copying/register.html",
        "copy",
        rows,
        printing.copy_fields,
        form=form,
        year=year,
        querystring=request.GET.urlencode(),
    )


def register_print(request: HttpRequest, fmt: str) -> HttpResponse:
    _form, year, rows = _register_rows(request)
    return print_register(
        request,
        fmt,
        register="copy",
        year=year,
        rows=lambda: rows,
        fields=printing.copy_fields,
        dated=lambda r: r.executed_on,
        action="copying.register.print",
        filename="so-sao-chup",
    )
