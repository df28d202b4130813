"""Pages for taking out, meetings and departures.  Views stay thin: forms validate, services act,
selectors answer 404 for anything the user may not see."""

from __future__ import annotations

from typing import Any

from django import forms as djforms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from bmnn.core.errors import Refused
from bmnn.custody.models import Copy
from bmnn.movement import forms, selectors
from bmnn.movement.models import TakeOutStatus
from bmnn.movement.services import departures, meetings, takeouts
from bmnn.organizations.selectors import person_for
from bmnn.registry.models import Item


def _found(obj: Any) -> Any:
    if obj is None:
        raise Http404
    return obj


def _refusal(form: djforms.Form, exc: Refused) -> None:
    text = f"{exc.message} [{exc.rule_id}]" if exc.rule_id else exc.message
    form.add_error(exc.field if exc.field in form.fields else None, text)


def _flash_refusal(request: HttpRequest, exc: Refused) -> None:
    messages.error(request, f"{exc.message} [{exc.rule_id}]" if exc.rule_id else exc.message)


# ---------------------------------------------------------------- departures (R-RECALL-1/2)


def departure_list(request: HttpRequest) -> HttpResponse:
    if person_for(request.user) is None:
        raise Http404
    form = forms.StartDepartureForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            dep = departures.start_departure(
                request.user,
                form.cleaned_data["person"],
                form.cleaned_data["reason"],
                form.cleaned_data["effective_on"],
                form.cleaned_data["note"],
            )
        except Refused as exc:
            _refusal(form, exc)
        else:
            return redirect("movement_departure", pk=dep.pk)
    rows = selectors.visible_departures(request.user)
    return render(
        request,
        "movement/departures.html",
        {"rows": rows, "form": form, "can_start": selectors.people_in_scope(request.user).exists()},
    )


def _things(held: departures.Holdings) -> list[tuple[str, str]]:
    rows = [(f"item:{i.pk}", f"{i.title} ({i.get_level_display()})") for i in held.items]
    rows += [(f"copy:{c.pk}", f"{c.item.title} — {_('copy')} {c.number:02d}") for c in held.copies]
    return rows


def departure_detail(request: HttpRequest, pk: int) -> HttpResponse:
    dep = _found(selectors.departure_for(request.user, pk))
    held = departures.holdings(dep.person)
    recall_form = forms.RecallForm(
        request.POST if request.POST.get("act") == "recall" else None,
        user=request.user,
        things=_things(held),
        exclude=dep.person_id,
    )
    commit_form = forms.CommitmentForm(
        request.POST if request.POST.get("act") == "commitment" else None,
        request.FILES if request.POST.get("act") == "commitment" else None,
    )
    error = ""
    if request.method == "POST":
        act = request.POST.get("act")
        try:
            if act == "recall" and recall_form.is_valid():
                kind, _sep, ident = recall_form.cleaned_data["thing"].partition(":")
                copy = _found(Copy.objects.filter(pk=ident).first()) if kind == "copy" else None
                item = copy.item if copy is not None else _found(Item.objects.filter(pk=ident).first())
                departures.recall(
                    request.user,
                    dep,
                    item=item,
                    copy=copy,
                    to_person=recall_form.cleaned_data["to_person"],
                    to_location=recall_form.cleaned_data["to_location"],
                    **recall_form.receipt(),
                )
                messages.success(request, _("Handed over."))
                return redirect("movement_departure", pk=dep.pk)
            if act == "commitment" and commit_form.is_valid():
                upload = commit_form.cleaned_data["commitment"]
                departures.store_commitment(
                    request.user, dep, upload, upload.name, upload.content_type or "", upload.size or 0
                )
                messages.success(request, _("Commitment stored."))
                return redirect("movement_departure", pk=dep.pk)
            if act == "complete":
                departures.complete(request.user, dep)
                messages.success(request, _("Departure completed."))
                return redirect("movement_departure", pk=dep.pk)
        except Refused as exc:
            error = f"{exc.message} [{exc.rule_id}]" if exc.rule_id else exc.message
            dep.refresh_from_db()
            held = departures.holdings(dep.person)
    return render(
        request,
        "movement/departure_detail.html",
        {"dep": dep, "held": held, "recall_form": recall_form, "commit_form": commit_form, "error": error},
    )


def recall_report(request: HttpRequest) -> HttpResponse:
    if person_for(request.user) is None:
        raise Http404
    return render(
        request, "movement/recall_report.html", {"rows": selectors.people_with_items_out(request.user)}
    )


# ---------------------------------------------------------------- take-outs (R-OUT-1 … 4)


def take_out_list(request: HttpRequest) -> HttpResponse:
    if person_for(request.user) is None:
        raise Http404
    rows = selectors.visible_take_outs(request.user)
    overdue = set(selectors.overdue_take_outs(request.user).values_list("pk", flat=True))
    return render(request, "movement/take_outs.html", {"rows": rows, "overdue": overdue})


def take_out_new(request: HttpRequest) -> HttpResponse:
    if person_for(request.user) is None:
        raise Http404
    wanted = request.GET.get("item", "")
    form = forms.TakeOutForm(
        request.POST or None, user=request.user, initial={"things": [f"item:{wanted}"] if wanted else []}
    )
    if request.method == "POST" and form.is_valid():
        try:
            take_out = takeouts.request_take_out(request.user, **form.service_data())
        except Refused as exc:
            _refusal(form, exc)
        else:
            return redirect("movement_take_out", pk=take_out.pk)
    return render(request, "movement/form.html", {"form": form, "title": _("Request to take out of storage")})


def take_out_detail(request: HttpRequest, pk: int) -> HttpResponse:
    take_out = _found(selectors.take_out_for(request.user, pk))
    act = request.POST.get("act", "")
    lines = list(take_out.lines.select_related("item", "copy", "out_handover", "return_handover"))
    pending = [r for r in lines if r.out_handover_id is None]
    out = [r for r in lines if r.is_out]
    decide_form = forms.DecideForm(request.POST if act == "decide" else None)
    hand_form = forms.LineReceiptForm(request.POST if act == "hand_out" else None, lines=pending)
    return_form = forms.LineReceiptForm(request.POST if act == "return" else None, lines=out)
    report_form = forms.ReportForm(request.POST if act == "close" else None)
    if request.method == "POST":
        try:
            if act == "notice":
                takeouts.notify_delegation_head(request.user, take_out, request.POST.get("text", ""))
            elif act == "decide" and decide_form.is_valid():
                takeouts.decide(
                    request.user,
                    take_out,
                    decide_form.cleaned_data["approve"],
                    decide_form.cleaned_data["note"],
                )
            elif act in ("hand_out", "return"):
                form = hand_form if act == "hand_out" else return_form
                if not form.is_valid():
                    raise Refused(_("The form has errors."))
                chosen = form.cleaned_data["line"]
                line = next((r for r in lines if str(r.pk) == chosen), None) if chosen else None
                fn = takeouts.hand_out if act == "hand_out" else takeouts.record_return
                fn(request.user, take_out, line=line, **form.receipt())
            elif act == "close" and report_form.is_valid():
                takeouts.report_and_close(request.user, take_out, report_form.cleaned_data["report"])
            else:
                raise Refused(_("The form has errors."))
        except Refused as exc:
            _flash_refusal(request, exc)
        return redirect("movement_take_out", pk=take_out.pk)
    return render(
        request,
        "movement/take_out_detail.html",
        {
            "t": take_out,
            "S": TakeOutStatus,
            "lines": lines,
            "pending": pending,
            "out": out,
            "decide_form": decide_form,
            "hand_form": hand_form,
            "return_form": return_form,
            "report_form": report_form,
            "notices": take_out.notices.all(),
        },
    )


def take_out_form_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The printed request (R-OUT-3 fields, signer blocks) with the decision when there is one."""
    take_out = _found(selectors.take_out_for(request.user, pk))
    from bmnn.movement.printing import request_pdf

    response = HttpResponse(request_pdf(take_out), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="de-nghi-mang-ra-{take_out.pk}.pdf"'
    return response


def take_out_notice_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    take_out = _found(selectors.take_out_for(request.user, pk))
    notice = _found(take_out.notices.first())
    from bmnn.movement.printing import notice_pdf

    body = notice_pdf(take_out, notice)
    response = HttpResponse(body, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="thong-bao-truong-doan-{take_out.pk}.pdf"'
    return response


# ---------------------------------------------------------------- meetings (R-MEET-1 … 3, R-RECALL-3)


def meeting_list(request: HttpRequest) -> HttpResponse:
    if person_for(request.user) is None:
        raise Http404
    return render(request, "movement/meetings.html", {"rows": selectors.visible_meetings(request.user)})


def meeting_new(request: HttpRequest) -> HttpResponse:
    if person_for(request.user) is None:
        raise Http404
    form = forms.MeetingForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data["attendees"] = list(data["attendees"])
        data["guest_list"] = data.pop("guests")
        try:
            meeting = meetings.create_meeting(request.user, **data)
        except Refused as exc:
            _refusal(form, exc)
        else:
            return redirect("movement_meeting", pk=meeting.pk)
    return render(request, "movement/form.html", {"form": form, "title": _("New meeting with BMNN content")})


def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _found(selectors.meeting_for(request.user, pk))
    act = request.POST.get("act", "")
    hand_form = forms.MeetingHandOutForm(
        request.POST if act == "hand_out" else None, user=request.user, meeting=meeting
    )
    open_docs = list(
        meeting.documents.filter(return_handover__isnull=True, incident__isnull=True).select_related(
            "item", "copy", "holder"
        )
    )
    recall_form = forms.MeetingRecallForm(request.POST if act == "recall" else None, docs=open_docs)
    if request.method == "POST":
        try:
            if act == "approve":
                meetings.approve_meeting(request.user, meeting)
            elif act == "hand_out" and hand_form.is_valid():
                meetings.hand_out_document(
                    request.user,
                    meeting,
                    item=hand_form.cleaned_data["item"],
                    to_person=hand_form.cleaned_data["to_person"],
                    **hand_form.receipt(),
                )
            elif act == "recall" and recall_form.is_valid():
                doc = _found(
                    next((d for d in open_docs if str(d.pk) == recall_form.cleaned_data["doc"]), None)
                )
                meetings.recall_document(request.user, doc, **recall_form.receipt())
            elif act == "close":
                meetings.close_meeting(request.user, meeting)
            else:
                raise Refused(_("The form has errors."))
        except (Refused, ValueError) as exc:
            if isinstance(exc, Refused):
                _flash_refusal(request, exc)
            else:
                messages.error(request, _("The form has errors."))
        return redirect("movement_meeting", pk=meeting.pk)
    from bmnn.rules import Level, meeting_device_rules

    return render(
        request,
        "movement/meeting_detail.html",
        {
            "m": meeting,
            "hand_form": hand_form,
            "recall_form": recall_form,
            "open_docs": open_docs,
            "guests": meeting.guest_list.all(),
            "docs": meeting.documents.select_related("item", "holder", "copy", "incident"),
            "device_rules": meeting_device_rules(Level[meeting.level], meeting.held_on),
        },
    )
