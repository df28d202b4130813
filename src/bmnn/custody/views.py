"""Custody pages: my holdings, sending (envelope labels, Form 16 line), receiving acts, the handover
register, the custody timeline, transfers and moves, storage locations.  Views stay thin: services write,
selectors read (anything invisible answers 404)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from bmnn.core import audit
from bmnn.core.choices import Level
from bmnn.core.errors import Refused
from bmnn.custody import forms, printing, selectors
from bmnn.custody.models import Copy, EnvelopeOpening, Location
from bmnn.custody.services import dispatch as dispatching
from bmnn.custody.services import locations as location_services
from bmnn.custody.services import receiving
from bmnn.custody.services.custody import transfer
from bmnn.organizations.selectors import person_for
from bmnn.registry import selectors as reg
from bmnn.registry.printing import pdf, xlsx
from bmnn.registry.views.common import found, refusal_to_form

PRINT_LIMIT = 20_000


def _file(body: bytes, name: str, fmt: str) -> HttpResponse:
    ctype = (
        "application/pdf"
        if fmt == "pdf"
        else "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response = HttpResponse(body, content_type=ctype)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _audit_print(request: HttpRequest, action: str, obj: Any, **summary: Any) -> None:
    with transaction.atomic():
        audit.record(request.user, action, obj, summary=summary)


def holdings(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "custody/holdings.html",
        {
            "items": selectors.my_items(request.user)[:200],
            "copies": selectors.my_copies(request.user)[:200],
            "unopened": selectors.unopened_for_me(request.user)[:200],
            "to_send": selectors.awaiting_dispatch(request.user)[:200],
            "overdue": selectors.overdue_recalls(request.user)[:200],
        },
    )


# --- Sending -------------------------------------------------------------------------------------------


def dispatch_create(request: HttpRequest, pk: int) -> HttpResponse:
    item = found(reg.item_for(request.user, pk))
    entry = dispatching.last_outgoing_entry(item)
    initial = {"recipient": (entry.recipients if entry else item.recipients)[:255]}
    form = forms.DispatchForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            sent = dispatching.dispatch(request.user, item, **form.cleaned_data)
        except Refused as exc:
            refusal_to_form(form, exc)
        else:
            messages.success(request, _("Sent; handover register number %(n)s.") % {"n": sent.handover.seq})
            return redirect("custody_dispatch", pk=sent.pk)
    level = entry.level if entry else item.level
    plan = None
    if level:
        plan = dispatching.plan_for(
            level,
            timezone.localdate(),
            number_symbol=entry.number_symbol if entry else item.number_symbol,
            recipient=form["recipient"].value() or initial["recipient"],
            named_mark=bool(form["named_mark"].value()),
        )
    return render(
        request, "custody/dispatch_form.html", {"item": item, "entry": entry, "form": form, "plan": plan}
    )


def dispatch_detail(request: HttpRequest, pk: int) -> HttpResponse:
    sent = found(selectors.dispatch_for(request.user, pk))
    return render(request, "custody/dispatch_detail.html", {"sent": sent})


def dispatch_labels(request: HttpRequest, pk: int) -> HttpResponse:
    sent = found(selectors.dispatch_for(request.user, pk))
    body = printing.envelope_labels(sent)
    _audit_print(request, "custody.dispatch.print_labels", sent, item=sent.item_id)
    return _file(body, f"nhan-bi-{sent.pk}.pdf", "pdf")


# --- Handover register (Form 16) -----------------------------------------------------------------------


def _year(request: HttpRequest) -> int:
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        year = timezone.localdate().year
    return year if 2000 <= year <= 2100 else timezone.localdate().year


def _handover_filters(request: HttpRequest) -> dict[str, Any]:
    """Year (this year when missing or invalid), level (ignored unless known) and text of the register."""
    level = request.GET.get("level", "")
    return {
        "year": _year(request),
        "level": level if level in reg.RANK else "",
        "text": request.GET.get("q", "")[:200],
    }


def handover_register(request: HttpRequest) -> HttpResponse:
    filters = _handover_filters(request)
    lines = selectors.handover_lines(request.user, **filters).order_by("-seq")[:500]
    rows = list(zip(lines, printing.handover_rows(lines), strict=True))
    query = urlencode({"year": filters["year"], "level": filters["level"], "q": filters["text"]})
    return render(
        request,
        "custody/handovers.html",
        {
            **filters,
            "rows": rows,
            "layout": printing.HANDOVER_LAYOUT,
            "levels": Level.choices,
            "query": query,
        },
    )


def handover_print(request: HttpRequest, fmt: str) -> HttpResponse:
    person = person_for(request.user)
    if person is None or fmt not in ("pdf", "xlsx"):
        raise Http404
    filters = _handover_filters(request)
    year = filters["year"]
    lines = list(selectors.handover_lines(request.user, **filters).order_by("agency_id", "seq")[:PRINT_LIMIT])
    lay = printing.HANDOVER_LAYOUT
    cover = printing.handover_cover(person.agency, year, lines)
    if fmt == "pdf":
        body = pdf.render(lay, cover, printing.handover_pdf_rows(lines))
    else:
        body = xlsx.render(lay, cover, printing.handover_rows(lines))
    with transaction.atomic():
        audit.record(
            request.user,
            f"custody.register.print_{fmt}",
            None,
            object_type="custody.handover_register",
            object_id=str(year),
            summary={"lines": len(lines), "level": filters["level"], "text": filters["text"]},
        )
    return _file(body, f"so-chuyen-giao-bmnn-{year}.{fmt}", fmt)


# --- Receiving -----------------------------------------------------------------------------------------


def incoming_detail(request: HttpRequest, pk: int) -> HttpResponse:
    entry = found(selectors.incoming_for(request.user, pk))
    return _incoming_page(request, entry, forms.OpenForm())


def _incoming_page(request: HttpRequest, entry: Any, open_form: forms.OpenForm) -> HttpResponse:
    person = person_for(request.user)
    item = entry.item
    may_open = bool(person and item.named_recipient_id == person.pk)
    content_visible = item.named_recipient_id is None or may_open
    opening = EnvelopeOpening.objects.filter(entry=entry).select_related("person").first()
    return render(
        request,
        "custody/incoming_detail.html",
        {
            "entry": entry,
            "item": item if content_visible else None,
            "may_open": may_open and opening is None and entry.named_only,
            "opening": opening,
            "open_form": open_form,
            "return_form": forms.ReturnForm() if entry.recall_mark and entry.returned_on is None else None,
            "notices": entry.sender_notices.all(),
            "late": bool(
                entry.return_due_on and not entry.returned_on and entry.return_due_on < timezone.localdate()
            ),
        },
    )


@require_POST
def incoming_open(request: HttpRequest, pk: int) -> HttpResponse:
    entry = found(selectors.incoming_for(request.user, pk))
    form = forms.OpenForm(request.POST)
    if form.is_valid():
        try:
            receiving.open_envelope(request.user, entry, summary=form.cleaned_data["summary"])
        except Refused as exc:
            refusal_to_form(form, exc)
        else:
            messages.success(request, _("Envelope opened and recorded."))
            return redirect("custody_incoming", pk=entry.pk)
    # The refusal (or the invalid value) is shown with what was typed, nothing lost.
    return _incoming_page(request, entry, form)


def _act_page(
    request: HttpRequest,
    form: Any,
    run: Callable[[dict[str, Any]], Any],
    done: Callable[[Any], str],
    back: str,
    context: dict[str, Any],
) -> HttpResponse:
    """An act form: on a valid POST run the service and say ``done(result)``; a refusal stays on the form
    with what was typed."""
    if request.method == "POST" and form.is_valid():
        try:
            result = run(dict(form.cleaned_data))
        except Refused as exc:
            refusal_to_form(form, exc)
        else:
            messages.success(request, done(result))
            return redirect(back)
    return render(request, "custody/act_form.html", {"form": form, **context})


def incoming_return(request: HttpRequest, pk: int) -> HttpResponse:
    entry = found(selectors.incoming_for(request.user, pk))
    return _act_page(
        request,
        forms.ReturnForm(request.POST or None),
        lambda data: receiving.record_return(request.user, entry, **data),
        lambda _entry: _("Returned to the sender."),
        reverse("custody_incoming", kwargs={"pk": entry.pk}),
        {"title": _("Return to the sender"), "back": entry.item_id, "entry": entry, "signature": True},
    )


def recall_list(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    rows = list(selectors.recalls(request.user)[:500])
    return render(request, "custody/recalls.html", {"rows": rows, "today": today})


def notice_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    notice = found(selectors.notice_for(request.user, pk))
    body = printing.sender_notice_pdf(notice)
    _audit_print(request, "custody.sender_notice.print", notice, entry=notice.entry_id)
    return _file(body, f"thong-bao-{notice.pk}.pdf", "pdf")


# --- Custody of items and copies -----------------------------------------------------------------------


def item_timeline(request: HttpRequest, pk: int) -> HttpResponse:
    item = found(reg.item_for(request.user, pk))
    copies = [
        (c, selectors.copy_timeline(c))
        for c in Copy.objects.filter(item=item).select_related("custodian", "location", "made_by")
    ]
    return render(
        request,
        "custody/timeline.html",
        {
            "item": item,
            "events": selectors.timeline(item),
            "copies": copies,
            "dispatches": item.dispatches.all(),
        },
    )


def item_transfer(request: HttpRequest, pk: int) -> HttpResponse:
    item = found(reg.item_for(request.user, pk))
    return _act_page(
        request,
        forms.TransferForm(request.POST or None, user=request.user, item=item),
        lambda data: transfer(request.user, item=item, purpose="transfer", **data),
        lambda line: _("Handed over; handover register number %(n)s.") % {"n": line.seq},
        reverse("custody_timeline", kwargs={"pk": item.pk}),
        {"title": _("Hand over"), "back": item.pk, "item": item, "signature": True},
    )


def item_move(request: HttpRequest, pk: int) -> HttpResponse:
    item = found(reg.item_for(request.user, pk))
    return _act_page(
        request,
        forms.MoveForm(request.POST or None, user=request.user, item=item),
        lambda data: location_services.move(request.user, item=item, **data),
        lambda _line: _("Moved."),
        reverse("custody_timeline", kwargs={"pk": item.pk}),
        {"title": _("Move to another location"), "back": item.pk, "item": item},
    )


def location_list(request: HttpRequest) -> HttpResponse:
    form = forms.LocationForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            location_services.save_location(request.user, **form.cleaned_data)
        except Refused as exc:
            refusal_to_form(form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect("custody_locations")
    return render(
        request,
        "custody/locations.html",
        {
            "locations": selectors.locations(request.user),
            "form": form,
            "may_manage": location_services.may_manage_locations(request.user),
        },
    )


def location_edit(request: HttpRequest, pk: int) -> HttpResponse:
    location = found(selectors.locations(request.user).filter(pk=pk).first())
    initial = {
        "name": location.name,
        "kind": location.kind,
        "code": location.code,
        "unit": location.unit,
        "active": location.active,
    }
    form = forms.LocationForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            location_services.save_location(request.user, location=location, **form.cleaned_data)
        except Refused as exc:
            refusal_to_form(form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect("custody_locations")
    held = list(reg.visible_items(request.user).filter(location=location)[:200])
    return render(request, "custody/location_edit.html", {"location": location, "form": form, "held": held})


__all__ = ["Location"]
