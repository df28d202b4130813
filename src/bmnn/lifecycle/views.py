"""Lifecycle pages: the overview lists, the per-item lifecycle page with its acts, councils, documents
and the legacy review.  Views are thin: forms parse, services decide, refusals show on the form."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms as djforms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from bmnn.core.errors import Refused
from bmnn.lifecycle import documents, forms, selectors
from bmnn.lifecycle.models import (
    ActStatus,
    Council,
    Declassification,
    Destruction,
    Extension,
    LevelChange,
    Minutes,
    Notice,
    ReMarkTask,
)
from bmnn.lifecycle.services import (
    adjustment,
    councils,
    declassification,
    destruction,
    extension,
    legacy,
    notices,
)
from bmnn.organizations.selectors import person_for
from bmnn.registry.models import Item
from bmnn.registry.selectors import heads_agency
from bmnn.registry.views.common import found, refusal_to_form


def index(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "lifecycle/index.html",
        {
            "near_expiry": selectors.near_expiry(request.user)[:100],
            "awaiting": selectors.awaiting_decision(request.user),
            "councils": selectors.councils(request.user)[:100],
            "destructions": selectors.destructions(request.user).order_by("-pk")[:100],
            "imports": selectors.legacy_imports(request.user)[:50],
            "notices": selectors.open_notices(request.user)[:100],
        },
    )


def _id(pk: str | None) -> int:
    try:
        return int(pk or "")
    except ValueError:
        raise Http404 from None


def _target(model: Any, item: Item, pk: str | None) -> Any:
    return found(selectors.covering(model, item).filter(pk=_id(pk)).first())


def _council_of(item: Item, pk: str | None) -> Council:
    council_id = _id(pk)
    linked = any(
        selectors.covering(model, item).filter(council_id=council_id).exists()
        for model in (Declassification, Destruction)
    )
    if not linked:
        raise Http404
    return Council.objects.get(pk=council_id)


Handler = Callable[[HttpRequest, Item, Any, str | None], Any]


def _decide(model: Any, service: Callable[..., Any]) -> Handler:
    def run(request: HttpRequest, item: Item, form: Any, target: str | None) -> Any:
        d = form.cleaned_data
        return service(
            request.user,
            _target(model, item, target),
            approve=d["decision"] == "approve",
            decision_number=d["decision_number"],
            note=d["note"],
        )

    return run


def _council(model: Any, service: Callable[..., Any]) -> Handler:
    def run(request: HttpRequest, item: Item, form: Any, target: str | None) -> Any:
        d = form.cleaned_data
        return service(
            request.user,
            _target(model, item, target),
            decision_number=d["decision_number"],
            chair=d["chair"],
            members=form.member_inputs(),
        )

    return run


ACTIONS: dict[str, tuple[type[djforms.Form], Handler]] = {
    "propose_extension": (
        forms.ExtensionForm,
        lambda r, i, f, t: extension.propose_extension(r.user, i, **f.cleaned_data),
    ),
    "decide_extension": (forms.DecideForm, _decide(Extension, extension.decide_extension)),
    "propose_adjustment": (
        forms.AdjustmentForm,
        lambda r, i, f, t: adjustment.propose_adjustment(r.user, i, **f.cleaned_data),
    ),
    "decide_adjustment": (forms.DecideForm, _decide(LevelChange, adjustment.decide_adjustment)),
    "propose_declassification": (
        forms.DeclassificationForm,
        lambda r, i, f, t: declassification.propose_declassification(r.user, f.listed(i), **f.values()),
    ),
    "declassification_council": (
        forms.CouncilForm,
        _council(Declassification, declassification.form_declassification_council),
    ),
    "decide_declassification": (
        forms.DecideForm,
        _decide(Declassification, declassification.decide_declassification),
    ),
    "minutes": (
        forms.MinutesForm,
        lambda r, i, f, t: councils.record_minutes(r.user, _council_of(i, t), **f.cleaned_data),
    ),
    "propose_destruction": (
        forms.DestructionForm,
        lambda r, i, f, t: destruction.propose_destruction(r.user, f.listed(i), **f.values()),
    ),
    "destruction_council": (forms.CouncilForm, _council(Destruction, destruction.form_destruction_council)),
    "decide_destruction": (forms.DecideForm, _decide(Destruction, destruction.decide_destruction)),
    "execute_destruction": (
        forms.ExecuteForm,
        lambda r, i, f, t: destruction.execute_destruction(
            r.user, _target(Destruction, i, t), **f.cleaned_data
        ),
    ),
    "urgent_destruction": (
        forms.UrgentForm,
        lambda r, i, f, t: destruction.destroy_urgent(r.user, i, **f.cleaned_data),
    ),
    "send_notice": (
        forms.NoticeForm,
        lambda r, i, f, t: notices.send_notice(r.user, _target(Notice, i, t), **f.cleaned_data),
    ),
}


LISTS = {
    forms.DeclassificationForm: (("determined",), True),
    forms.DestructionForm: (("determined", "received", "declassified"), False),
}


def _form(name: str, item: Item, user: Any, data: Any = None) -> djforms.Form:
    cls = ACTIONS[name][0]
    if cls is forms.CouncilForm:
        return forms.CouncilForm(data, agency_id=item.agency_id, prefix=name)
    if cls in LISTS:
        statuses, created_only = LISTS[cls]
        pool = selectors.candidates(user, item, statuses, created_only)
        return cls(data, candidates=pool, prefix=name)  # type: ignore[call-arg]
    return cls(data, prefix=name)


def item_page(request: HttpRequest, pk: int) -> HttpResponse:
    item = found(selectors.item_for(request.user, pk))
    bound: dict[str, Any] = {}
    if request.method == "POST":
        name = request.POST.get("action", "")
        if name not in ACTIONS:
            raise Http404
        target = request.POST.get("target")
        form = _form(name, item, request.user, request.POST)
        if form.is_valid():
            try:
                ACTIONS[name][1](request, item, form, target)
            except Refused as exc:
                refusal_to_form(form, exc)
            else:
                messages.success(request, _("Recorded."))
                return redirect("lifecycle_item", pk=pk)
        bound[f"{name}:{target or ''}"] = form
    acts = selectors.item_acts(item)
    person = person_for(request.user)
    is_head = person is not None and person.agency_id == item.agency_id and heads_agency(person)
    manager = (
        person is not None
        and person.agency_id == item.agency_id
        and selectors.is_manager(request.user, person)
    )

    def form_for(name: str, target: Any = "") -> djforms.Form:
        return bound.get(f"{name}:{target}") or _form(name, item, request.user)

    def rows(kind: str, decide: str, council: str = "") -> list[dict[str, Any]]:
        out = []
        for row in acts[kind]:
            entry: dict[str, Any] = {"row": row}
            if hasattr(row, "all_items"):
                entry["items"], entry["hidden"] = selectors.act_items_for(request.user, row)
            if row.status == ActStatus.PROPOSED and (is_head or f"{decide}:{row.pk}" in bound):
                entry["decide"] = form_for(decide, row.pk)
            needs_council = bool(council) and getattr(row, "council_id", None) is None
            if (
                row.status == ActStatus.PROPOSED
                and needs_council
                and (is_head or f"{council}:{row.pk}" in bound)
            ):
                entry["council"] = form_for(council, row.pk)
            if getattr(row, "council_id", None):
                entry["minutes"] = list(row.council.minutes.filter(kind="council"))
                members = {m.person_id for m in row.council.members.all()}
                may = (
                    is_head
                    or (person is not None and person.pk in members)
                    or f"minutes:{row.council_id}" in bound
                )
                if row.status == ActStatus.PROPOSED and may:
                    entry["minutes_form"] = form_for("minutes", row.council_id)
            if kind == "destruction" and row.status == ActStatus.APPROVED:
                entry["execute"] = form_for("execute_destruction", row.pk)
            out.append(entry)
        return out

    live = item.status in ("determined", "received")
    return render(
        request,
        "lifecycle/item.html",
        {
            "item": item,
            "live": live,
            "extensions": rows("extension", "decide_extension"),
            "adjustments": rows("adjustment", "decide_adjustment"),
            "declassifications": rows(
                "declassification", "decide_declassification", "declassification_council"
            ),
            "destructions": rows("destruction", "decide_destruction", "destruction_council"),
            "notices": [
                (n, form_for("send_notice", n.pk) if manager or f"send_notice:{n.pk}" in bound else None)
                for n in selectors.item_notices(item)
            ],
            "tasks": selectors.item_tasks(item),
            "propose_extension": form_for("propose_extension"),
            "propose_adjustment": form_for("propose_adjustment"),
            "propose_declassification": form_for("propose_declassification"),
            "propose_destruction": form_for("propose_destruction"),
            "urgent_destruction": form_for("urgent_destruction"),
        },
    )


@require_POST
def remark_done(request: HttpRequest, pk: int) -> HttpResponse:
    task = found(ReMarkTask.objects.filter(pk=pk).first())
    found(selectors.item_for(request.user, task.item_id))
    try:
        notices.remark_done(request.user, task)
        messages.success(request, _("Recorded."))
    except Refused as exc:
        messages.error(request, exc.message)
    return redirect("lifecycle_item", pk=task.item_id)


def council_page(request: HttpRequest, pk: int) -> HttpResponse:
    council = found(selectors.council_for(request.user, pk))
    acts = [
        *Declassification.objects.filter(council=council).select_related("item"),
        *Destruction.objects.filter(council=council).select_related("item"),
    ]
    visible = [(a, item) for a in acts for item in selectors.act_items_for(request.user, a)[0]]
    return render(
        request,
        "lifecycle/council.html",
        {
            "council": council,
            "members": council.members.all(),
            "minutes": council.minutes.all(),
            "acts": visible,
        },
    )


def _document_item(user: Any, obj: Any) -> None:
    if isinstance(obj, Council):
        found(selectors.council_for(user, obj.pk))
        return
    if isinstance(obj, Minutes):
        if obj.council_id:
            found(selectors.council_for(user, obj.council_id))
        if obj.destruction_id and not selectors.sees_every_item(user, obj.destruction):
            raise Http404
        return
    found(selectors.item_for(user, obj.item_id))
    if not selectors.sees_every_item(user, obj):  # the document lists every item of the decision
        raise Http404


def document(request: HttpRequest, kind: str, pk: int, fmt: str) -> HttpResponse:
    if kind not in documents.BUILDERS or fmt not in ("pdf", "docx"):
        raise Http404
    model, build = documents.BUILDERS[kind]
    obj = found(model.objects.filter(pk=pk).first())
    _document_item(request.user, obj)
    doc = build(obj)
    if fmt == "pdf":
        data, ctype = documents.render_pdf(doc), "application/pdf"
    else:
        data = documents.render_docx(doc)
        ctype = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    response = HttpResponse(data, content_type=ctype)
    response["Content-Disposition"] = f'attachment; filename="{doc.slug}.{fmt}"'
    return response


def legacy_list(request: HttpRequest) -> HttpResponse:
    form = forms.LegacyImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > 10 * 1024 * 1024:
            form.add_error("file", _("The file is too large (at most 10 MB)."))
        else:
            try:
                batch = legacy.import_legacy(
                    request.user, cutoff=form.cleaned_data["cutoff"], filename=upload.name, data=upload.read()
                )
            except Refused as exc:
                refusal_to_form(form, exc)
            else:
                messages.success(request, _("Imported."))
                return redirect("lifecycle_legacy", pk=batch.pk)
    return render(
        request,
        "lifecycle/legacy_list.html",
        {"form": form, "imports": selectors.legacy_imports(request.user)},
    )


def legacy_detail(request: HttpRequest, pk: int) -> HttpResponse:
    batch = found(selectors.legacy_imports(request.user).filter(pk=pk).first())
    if request.method == "POST":
        try:
            if request.POST.get("action") == "close":
                legacy.close_review(request.user, batch)
            else:
                decisions = {}
                for line in batch.lines.all():
                    outcome = request.POST.get(f"outcome-{line.pk}", "")
                    if outcome:
                        decisions[line.pk] = (
                            outcome,
                            request.POST.get(f"new_level-{line.pk}", ""),
                            request.POST.get(f"note-{line.pk}", ""),
                        )
                legacy.review(request.user, batch, decisions)
        except Refused as exc:
            messages.error(request, f"{exc.message} [{exc.rule_id}]" if exc.rule_id else exc.message)
        else:
            messages.success(request, _("Recorded."))
            return redirect("lifecycle_legacy", pk=pk)
    from bmnn.core.choices import Level
    from bmnn.lifecycle.models import LegacyOutcome

    return render(
        request,
        "lifecycle/legacy_detail.html",
        {
            "batch": batch,
            "lines": batch.lines.all(),
            "outcomes": LegacyOutcome.choices,
            "levels": Level.choices,
        },
    )
