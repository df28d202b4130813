"""Management pages for agencies, units, positions, people, terms and delegations.

One small table of entities drives list, create and edit pages so that every entity behaves the same:
lists show only what is in the user's scope, an object outside it answers 404, writes go through services.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bmnn.core.errors import NotFound, Refused
from bmnn.organizations import forms, selectors, services
from bmnn.organizations.models import Assignment


def _save_assignment(actor: Any, obj: Assignment) -> Assignment:
    if obj.pk:
        return services.end_assignment(actor, Assignment.objects.get(pk=obj.pk), obj.end_date)  # type: ignore[arg-type]
    return services.assign(actor, obj.person, obj.position, obj.start_date, obj.end_date, obj.decision_ref)


@dataclass(frozen=True)
class Entity:
    key: str
    title: Any
    title_one: Any
    rows: Callable[[Any], QuerySet]
    form: type[forms.ScopedForm]
    save: Callable[[Any, Any], Any]
    columns: tuple[tuple[str, Any], ...]
    search: tuple[str, ...]


ENTITIES: dict[str, Entity] = {
    e.key: e
    for e in (
        Entity(
            "agency",
            gettext_lazy("Agencies"),
            gettext_lazy("agency"),
            selectors.scope_agencies,
            forms.AgencyForm,
            services.save_agency,
            (
                ("name", gettext_lazy("Name")),
                ("get_tier_display", gettext_lazy("Tier")),
                ("get_kind_display", gettext_lazy("Kind")),
                ("parent", gettext_lazy("Superior agency")),
            ),
            ("name", "code", "short_name"),
        ),
        Entity(
            "unit",
            gettext_lazy("Units"),
            gettext_lazy("unit"),
            selectors.visible_units,
            forms.UnitForm,
            services.save_unit,
            (
                ("name", gettext_lazy("Name")),
                ("agency", gettext_lazy("Agency")),
                ("parent", gettext_lazy("Parent unit")),
            ),
            ("name", "code"),
        ),
        Entity(
            "position",
            gettext_lazy("Positions"),
            gettext_lazy("position"),
            selectors.visible_positions,
            forms.PositionForm,
            services.save_position,
            (
                ("title", gettext_lazy("Title")),
                ("agency", gettext_lazy("Agency")),
                ("unit", gettext_lazy("Unit")),
                ("authority_tags", gettext_lazy("Authority tags")),
            ),
            ("title",),
        ),
        Entity(
            "person",
            gettext_lazy("People"),
            gettext_lazy("person"),
            selectors.visible_people,
            forms.PersonForm,
            services.save_person,
            (
                ("full_name", gettext_lazy("Full name")),
                ("agency", gettext_lazy("Agency")),
                ("unit", gettext_lazy("Unit")),
                ("get_clearance_display", gettext_lazy("Clearance")),
                ("get_officer_role_display", gettext_lazy("BMNN officer")),
            ),
            ("full_name", "email"),
        ),
        Entity(
            "assignment",
            gettext_lazy("Terms in positions"),
            gettext_lazy("term"),
            selectors.visible_assignments,
            forms.AssignmentForm,
            _save_assignment,
            (
                ("person", gettext_lazy("Person")),
                ("position", gettext_lazy("Position")),
                ("start_date", gettext_lazy("From")),
                ("end_date", gettext_lazy("To")),
            ),
            ("person__full_name", "position__title"),
        ),
        Entity(
            "delegation",
            gettext_lazy("Delegations"),
            gettext_lazy("delegation"),
            selectors.visible_delegations,
            forms.DelegationForm,
            services.save_delegation,
            (
                ("delegator", gettext_lazy("Delegating person")),
                ("deputy", gettext_lazy("Deputy")),
                ("get_max_level_display", gettext_lazy("Highest level")),
                ("start_date", gettext_lazy("From")),
                ("end_date", gettext_lazy("To")),
                ("document_ref", gettext_lazy("Written delegation")),
            ),
            ("delegator__full_name", "deputy__full_name", "document_ref"),
        ),
    )
}


def _entity(key: str) -> Entity:
    try:
        return ENTITIES[key]
    except KeyError:
        raise Http404 from None


def _cell(obj: Any, attr: str) -> Any:
    value = getattr(obj, attr)
    value = value() if callable(value) else value
    if isinstance(value, list):
        return ", ".join(value)
    return "" if value is None else value


def entity_list(request: HttpRequest, key: str) -> HttpResponse:
    entity = _entity(key)
    rows = entity.rows(request.user)
    query = request.GET.get("q", "").strip()
    if query:
        condition = Q()
        for field in entity.search:
            condition |= Q(**{f"{field}__icontains": query})
        rows = rows.filter(condition)
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    table = [(obj.pk, [_cell(obj, attr) for attr, _label in entity.columns]) for obj in page]
    return render(
        request,
        "organizations/list.html",
        {
            "entity": entity,
            "entities": ENTITIES.values(),
            "page": page,
            "table": table,
            "query": query,
            "can_manage": selectors.can_manage(request.user),
        },
    )


def entity_edit(request: HttpRequest, key: str, pk: int | None = None) -> HttpResponse:
    entity = _entity(key)
    instance = None
    if pk is not None:
        instance = entity.rows(request.user).filter(pk=pk).first()
        if instance is None:
            raise Http404
    if request.method == "POST" and not selectors.can_manage(request.user):
        raise Http404
    form = entity.form(request.POST or None, instance=instance, user=request.user)
    if request.method == "POST" and form.is_valid():
        obj = form.save(commit=False)
        try:
            if key == "person":
                saved = services.save_person(
                    request.user,
                    obj,
                    username=form.cleaned_data.get("username", ""),
                    password=form.cleaned_data.get("password", ""),
                )
            else:
                if key == "delegation":
                    obj.acts = form.cleaned_data["acts"]
                saved = entity.save(request.user, obj)
        except NotFound:
            raise Http404 from None
        except Refused as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, _("Saved: %(obj)s") % {"obj": saved})
            return redirect("org_list", key=key)
    return render(
        request,
        "organizations/edit.html",
        {
            "entity": entity,
            "entities": ENTITIES.values(),
            "form": form,
            "instance": instance,
            "can_manage": selectors.can_manage(request.user),
        },
    )
