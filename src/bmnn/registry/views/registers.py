"""Register pages (filters, yearly statistics), PDF and XLSX printing, incoming registration."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from bmnn.core import audit
from bmnn.core.errors import Refused
from bmnn.organizations.selectors import person_for
from bmnn.registry import forms, selectors
from bmnn.registry.models import RegisterKind
from bmnn.registry.printing import cover_for, layout, pdf, rows_for, xlsx
from bmnn.registry.services import registration
from bmnn.registry.views.common import refusal_to_form

PRINT_LIMIT = 20_000


def _filtered(request: HttpRequest, register: str):  # type: ignore[no-untyped-def]
    if register not in RegisterKind.values:
        raise Http404
    form = forms.RegisterFilter(request.GET or None, user=request.user)
    year = timezone.localdate().year
    unit = level = text = None
    if form.is_valid():
        year = form.cleaned_data["year"] or year
        unit = form.cleaned_data["unit"]
        level = form.cleaned_data["level"]
        text = form.cleaned_data["q"]
    rows = selectors.register_page(
        request.user, register, year=year, unit=unit.pk if unit else None, level=level or "", text=text or ""
    )
    return form, year, rows


def register_list(request: HttpRequest, register: str) -> HttpResponse:
    form, year, rows = _filtered(request, register)
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    lay = layout(register)
    return render(
        request,
        "registry/register.html",
        {
            "register": register,
            "layout": lay,
            "form": form,
            "year": year,
            "page": page,
            "table": list(zip(page, rows_for(page, lay), strict=True)),
            "stats": selectors.yearly_stats(request.user, register, year),
            "querystring": request.GET.urlencode(),
        },
    )


def register_print(request: HttpRequest, register: str, fmt: str) -> HttpResponse:
    _form, year, rows = _filtered(request, register)
    person = person_for(request.user)
    if person is None or fmt not in ("pdf", "xlsx"):
        raise Http404
    entries = list(rows.order_by("seq")[:PRINT_LIMIT])
    lay = layout(register)
    cover = cover_for(person.agency, year, entries)
    body = (pdf if fmt == "pdf" else xlsx).render(lay, cover, rows_for(entries, lay))
    from django.db import transaction

    with transaction.atomic():
        audit.record(
            request.user,
            f"registry.register.print_{fmt}",
            None,
            object_type="registry.register",
            object_id=f"{register}/{year}",
            summary={"entries": len(entries), "filters": request.GET.dict()},
        )
    name = f"so-bmnn-{'di' if register == 'out' else 'den'}-{year}.{fmt}"
    ctype = (
        "application/pdf"
        if fmt == "pdf"
        else "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response = HttpResponse(body, content_type=ctype)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def incoming_create(request: HttpRequest) -> HttpResponse:
    form = forms.IncomingForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            entry = registration.register_incoming(request.user, **form.cleaned_data)
        except Refused as exc:
            refusal_to_form(form, exc)
        else:
            messages.success(request, _("Registered as number %(n)s.") % {"n": entry.seq})
            if entry.incidents.exists():
                messages.warning(request, _("An incident was opened and the head notified."))
            return redirect("registry_register", register="in")
    return render(request, "registry/incoming_form.html", {"form": form})
