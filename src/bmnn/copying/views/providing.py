"""Providing BMNN: list (the providing register), create, detail with decision, handing over, the
written refusal as PDF, and the register as PDF/XLSX."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from bmnn.copying import forms, printing, selectors
from bmnn.copying.models import Provision, ProvisionStatus
from bmnn.copying.services import providing
from bmnn.copying.views.common import download, found, refusal_to_form, register_page, register_print
from bmnn.core.errors import Refused


def _year(request: HttpRequest) -> int:
    raw = request.GET.get("year", "")
    return int(raw) if raw.isdigit() and 2000 <= int(raw) <= 2100 else timezone.localdate().year


def provision_list(request: HttpRequest) -> HttpResponse:
    year = _year(request)
    rows = selectors.register_provisions(request.user).filter(year=year).order_by("-seq")
    return register_page(
        request, "copying/provision_list.html", "prov", rows, printing.provision_fields, year=year
    )


def provision_print(request: HttpRequest, fmt: str) -> HttpResponse:
    year = _year(request)
    return register_print(
        request,
        fmt,
        register="prov",
        year=year,
        rows=lambda: selectors.register_provisions(request.user).filter(year=year),
        fields=printing.provision_fields,
        dated=lambda p: p.requested_on,
        action="copying.provision_register.print",
        filename="so-cung-cap",
    )


def provision_create(request: HttpRequest) -> HttpResponse:
    initial = {"item": request.GET.get("item")} if request.GET.get("item", "").isdigit() else {}
    form = forms.ProvisionForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        item, kind, coop = data.pop("item"), data.pop("party_kind"), data.pop("in_cooperation")
        try:
            row = providing.request_provision(
                request.user, item, party_kind=kind, in_cooperation=coop, **data
            )
        except Refused as exc:
            refusal_to_form(form, exc)
        else:
            messages.success(request, _("Registered as number %(n)s.") % {"n": row.seq})
            return redirect("copying_provision", pk=row.pk)
    return render(request, "copying/request_form.html", {"form": form, "title": _("New providing request")})


def _detail(request: HttpRequest, row: Provision, **forms_: Any) -> HttpResponse:
    full = selectors.sees_item(request.user, row)
    return render(
        request,
        "copying/provision_detail.html",
        {
            "row": row,
            "full": full,
            "fields": printing.provision_fields(row),
            "can_decide": row.status == ProvisionStatus.REQUESTED,
            "can_provide": full and row.status == ProvisionStatus.APPROVED,
            "decide_form": forms_.get("decide_form") or forms.ProvisionDecideForm(),
            "provided_form": forms_.get("provided_form") or forms.ProvidedForm(),
        },
    )


def provision_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, found(selectors.provision_for(request.user, pk)))


def provision_decide(request: HttpRequest, pk: int) -> HttpResponse:
    row = found(selectors.provision_for(request.user, pk))
    if request.method != "POST":
        return redirect("copying_provision", pk=pk)
    form = forms.ProvisionDecideForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            providing.decide_provision(
                request.user,
                row,
                approve=data["decision"] == "approve",
                note=data["note"],
                within_remit=data["within_remit"],
            )
        except Refused as exc:
            refusal_to_form(form, exc)
        else:
            messages.success(request, _("Decision recorded."))
            return redirect("copying_provision", pk=pk)
    return _detail(request, row, decide_form=form)


def provision_provided(request: HttpRequest, pk: int) -> HttpResponse:
    row = found(selectors.provision_for(request.user, pk))
    if not selectors.sees_item(request.user, row):
        raise Http404
    if request.method != "POST":
        return redirect("copying_provision", pk=pk)
    form = forms.ProvidedForm(request.POST)
    if form.is_valid():
        try:
            providing.record_provided(request.user, row, receipt_no=form.cleaned_data["receipt_no"])
        except Refused as exc:
            refusal_to_form(form, exc)
        else:
            messages.success(request, _("Handing over recorded."))
            return redirect("copying_provision", pk=pk)
    return _detail(request, row, provided_form=form)


def provision_refusal(request: HttpRequest, pk: int) -> HttpResponse:
    row = found(selectors.provision_for(request.user, pk))
    if row.status != ProvisionStatus.REFUSED:
        raise Http404
    body = printing.refusal_letter_pdf(row)
    return download(
        request.user,
        "copying.provision.print_refusal",
        str(row.pk),
        body,
        f"tu-choi-{row.seq}-{row.year}.pdf",
        "application/pdf",
    )
