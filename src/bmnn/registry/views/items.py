"""Items: list, create (drafter), detail, submit, decide (head), register outgoing (clerk), grant."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from bmnn.core.errors import Refused
from bmnn.organizations.selectors import person_for
from bmnn.registry import forms, selectors
from bmnn.registry.models import Status
from bmnn.registry.services import determination, registration
from bmnn.registry.views.common import found, refusal_to_form
from bmnn.web import item_actions


def item_list(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()
    rows = selectors.search_items(request.user, query).select_related("unit", "agency")
    status = request.GET.get("status", "")
    if status in Status.values:
        rows = rows.filter(status=status)
    page = Paginator(rows.order_by("-pk"), 50).get_page(request.GET.get("page"))
    return render(
        request,
        "registry/item_list.html",
        {
            "page": page,
            "query": query,
            "status": status,
            "statuses": Status.choices,
            "pending": selectors.pending_determination(request.user)[:20],
            "to_register": selectors.awaiting_registration(request.user)[:20],
        },
    )


def item_create(request: HttpRequest) -> HttpResponse:
    form = forms.ItemForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            data = dict(form.cleaned_data)
            data["submit"] = data.pop("submit_now")
            item = determination.create_item(request.user, **data)
        except Refused as exc:
            refusal_to_form(form, exc)
        else:
            messages.success(request, _("Saved: %(obj)s") % {"obj": item})
            return redirect("registry_item", pk=item.pk)
    return render(request, "registry/item_form.html", {"form": form})


def item_detail(request: HttpRequest, pk: int) -> HttpResponse:
    item = found(selectors.item_for(request.user, pk))
    person = person_for(request.user)
    can_decide = (
        item.status == Status.PROPOSED
        and selectors.pending_determination(request.user).filter(pk=item.pk).exists()
    )
    decide_form = forms.DecideForm(
        initial={"level": item.proposed_level, "copies": item.copies, "copy_allowed": item.copy_allowed}
    )
    can_register = item.status == Status.DETERMINED and selectors.is_registry_staff(request.user)
    out_form = forms.OutgoingForm(
        initial={
            "number_symbol": item.number_symbol,
            "doc_date": item.doc_date,
            "recipients": item.recipients,
            "copies": item.copies,
            "signer": item.approver.full_name if item.approver else "",
        }
    )
    return render(
        request,
        "registry/item_detail.html",
        {
            "item": item,
            "item_links": item_actions.links_for(request.user, item),
            "basis": item.basis.select_related("source_list"),
            "history": item.determinations.select_related("person"),
            "entries": selectors.visible_entries(request.user).filter(item=item),
            "can_submit": item.status in (Status.DRAFT, Status.REFUSED)
            and person is not None
            and item.drafter_id == person.pk,
            "can_decide": can_decide,
            "decide_form": decide_form,
            "can_register": can_register,
            "out_form": out_form,
            "can_grant": person is not None and person.pk in (item.approver_id, item.drafter_id),
            "grant_form": forms.GrantForm(user=request.user),
            "files": item.files.all(),
            "attach_form": forms.AttachForm(),
        },
    )


@require_POST
def item_submit(request: HttpRequest, pk: int) -> HttpResponse:
    item = found(selectors.item_for(request.user, pk))
    try:
        determination.propose(request.user, item)
        messages.success(request, _("Submitted for determination."))
    except Refused as exc:
        messages.error(request, exc.message)
    return redirect("registry_item", pk=pk)


def item_decide(request: HttpRequest, pk: int) -> HttpResponse:
    item = found(selectors.item_for(request.user, pk))
    form = forms.DecideForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            determination.decide(
                request.user,
                item,
                approve=data["decision"] == "approve",
                level=data["level"],
                note=data["note"],
                copies=data["copies"],
                copy_allowed=data["copy_allowed"],
                summary_consent=data["summary_consent"],
            )
        except Refused as exc:
            refusal_to_form(form, exc)
        else:
            messages.success(request, _("Decision recorded."))
            return redirect("registry_item", pk=pk)
    return render(request, "registry/action_form.html", {"item": item, "form": form, "title": _("Determine")})


def item_register_out(request: HttpRequest, pk: int) -> HttpResponse:
    item = found(selectors.item_for(request.user, pk))
    form = forms.OutgoingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            entry = registration.register_outgoing(request.user, item, **form.cleaned_data)
        except Refused as exc:
            refusal_to_form(form, exc)
        else:
            messages.success(request, _("Registered as number %(n)s.") % {"n": entry.seq})
            return redirect("registry_register", register="out")
    return render(
        request, "registry/action_form.html", {"item": item, "form": form, "title": _("Register outgoing")}
    )


def item_grant(request: HttpRequest, pk: int) -> HttpResponse:
    item = found(selectors.item_for(request.user, pk))
    form = forms.GrantForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            determination.grant_access(
                request.user, item, form.cleaned_data["person"], form.cleaned_data["reason"]
            )
        except Refused as exc:
            refusal_to_form(form, exc)
        else:
            messages.success(request, _("Access granted."))
            return redirect("registry_item", pk=pk)
    return render(
        request, "registry/action_form.html", {"item": item, "form": form, "title": _("Grant access")}
    )


def incidents(request: HttpRequest) -> HttpResponse:
    rows = selectors.visible_incidents(request.user).select_related("entry", "notified")
    return render(request, "registry/incidents.html", {"rows": rows})


__all__ = ["Http404"]
