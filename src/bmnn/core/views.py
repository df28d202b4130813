"""The audit trail page: a filtered, paginated list of events. Read only; nothing here changes events."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django import forms
from django.core.paginator import Paginator
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bmnn.core.audit.models import AuditEvent

PAGE_SIZE = 50
VIEW_PERMISSION = "core.view_auditevent"


class EventFilterForm(forms.Form):
    date_from = forms.DateField(label=_("From"), required=False)
    date_to = forms.DateField(label=_("To"), required=False)
    actor = forms.CharField(label=_("Actor"), required=False, max_length=255)
    action = forms.CharField(label=_("Action"), required=False, max_length=80)
    object_type = forms.CharField(label=_("Object type"), required=False, max_length=80)
    object_id = forms.CharField(label=_("Object id"), required=False, max_length=64)
    q = forms.CharField(label=_("Text"), required=False, max_length=200)


def _day_start(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def filter_events(data: dict[str, Any]) -> QuerySet:
    """Events matching the cleaned filter values, newest first."""
    qs = AuditEvent.objects.order_by("-seq")
    if data.get("date_from"):
        qs = qs.filter(ts__gte=_day_start(data["date_from"]))
    if data.get("date_to"):
        qs = qs.filter(ts__lt=_day_start(data["date_to"] + dt.timedelta(days=1)))
    if data.get("actor"):
        qs = qs.filter(actor__icontains=data["actor"])
    if data.get("action"):
        qs = qs.filter(action__icontains=data["action"])
    if data.get("object_type"):
        qs = qs.filter(object_type__icontains=data["object_type"])
    if data.get("object_id"):
        qs = qs.filter(object_id=data["object_id"])
    if data.get("q"):
        text = data["q"]
        qs = qs.filter(
            Q(object_repr__icontains=text)
            | Q(action__icontains=text)
            | Q(actor__icontains=text)
            | Q(request_id__icontains=text)
            | Q(ip__icontains=text)
            | Q(summary__icontains=text)
        )
    return qs


def _summary_text(summary: Any) -> str:
    text = json.dumps(summary, ensure_ascii=False, sort_keys=True, default=str)
    return text if len(text) <= 300 else text[:299] + "…"


def audit_events(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm(VIEW_PERMISSION):
        raise Http404
    form = EventFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    page = Paginator(filter_events(data), PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [(event, _summary_text(event.summary)) for event in page.object_list]
    return render(request, "core/audit_events.html", {"form": form, "page": page, "rows": rows})
