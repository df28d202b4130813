"""Deadline pages (per person, per unit), notifications, and the tokened iCalendar feed."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from bmnn.core.errors import Refused
from bmnn.deadlines import ics, selectors
from bmnn.deadlines.forms import DeadlineFilter
from bmnn.deadlines.models import CalendarToken, Deadline, Kind
from bmnn.deadlines.services import tokens
from bmnn.deadlines.services.reminders import KIND_VI
from bmnn.rules import today_vn

PAGE_SIZE = 50


def _filtered_page(request: HttpRequest, rows: QuerySet[Deadline]) -> dict[str, Any]:
    form = DeadlineFilter(request.GET or None)
    opts: dict[str, Any] = {}
    if form.is_bound and form.is_valid():
        opts = {k: v for k, v in form.cleaned_data.items() if v}
    rows = selectors.filtered(rows, **opts).select_related("unit")
    page = selectors.paginate(rows, request.GET.get("page"), PAGE_SIZE)
    kinds = dict(Kind.choices)
    for row in page.object_list:
        row.kind_label = kinds.get(row.kind, row.kind)
    keep = {k: v for k, v in request.GET.items() if k != "page" and v}
    return {
        "form": form,
        "page": page,
        "qs": urlencode(keep),
        "today": today_vn(),
        "capped": page.paginator.capped,
        "cap": selectors.COUNT_CAP,
        "windowed": not opts.get("all_dates") and not opts.get("end"),
    }


def mine(request: HttpRequest) -> HttpResponse:
    person = selectors.active_person(request.user)
    if person is None:
        raise Http404
    return person_page(request, person.pk)


def person_page(request: HttpRequest, pk: int) -> HttpResponse:
    person = selectors.person_for_view(request.user, pk)
    if person is None:
        raise Http404
    ctx = _filtered_page(request, selectors.person_deadlines(person))
    own = selectors.active_person(request.user) == person
    token = CalendarToken.objects.filter(person=person).first() if own else None
    ctx.update(
        person=person,
        own=own,
        feed_url=request.build_absolute_uri(reverse("deadlines_calendar_feed", args=[token.token]))
        if token
        else "",
        unit_url=reverse("deadlines_unit", args=[person.unit_id])
        if person.unit_id and selectors.unit_for(request.user, person.unit_id)
        else "",
    )
    return render(request, "deadlines/deadline_list.html", ctx)


def unit_page(request: HttpRequest, pk: int) -> HttpResponse:
    unit = selectors.unit_for(request.user, pk)
    if unit is None:
        raise Http404
    ctx = _filtered_page(request, selectors.unit_deadlines(unit).select_related("person"))
    ctx.update(unit=unit)
    return render(request, "deadlines/deadline_list.html", ctx)


def notification_list(request: HttpRequest) -> HttpResponse:
    rows = selectors.notifications(request.user).order_by("read_at", "-created_on", "-id")
    if request.GET.get("unread"):
        rows = rows.filter(read_at__isnull=True)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "deadlines/notifications.html",
        {
            "page": page,
            "qs": "unread=1" if request.GET.get("unread") else "",
            "unread": request.GET.get("unread"),
        },
    )


def job_runs(request: HttpRequest) -> HttpResponse:
    """Runs of the daily job with their counts and the providers that failed (officers and admins)."""
    if not selectors.may_see_job_runs(request.user):
        raise Http404
    page = Paginator(selectors.job_runs(request.user), 30).get_page(request.GET.get("page"))
    for run in page.object_list:
        run.provider_counts = sorted(
            (k.removeprefix("provider:"), v) for k, v in run.counts.items() if k.startswith("provider:")
        )
    return render(request, "deadlines/job_runs.html", {"page": page, "qs": ""})


@require_POST
def notification_read(request: HttpRequest) -> HttpResponse:
    """Mark some (``id``) or all (``all``) of the user's own notifications as read (personal UI state)."""
    rows = selectors.notifications(request.user).filter(read_at__isnull=True)
    if not request.POST.get("all"):
        ids = [v for v in request.POST.getlist("id") if v.isdigit()]
        if not ids:
            messages.error(request, _("Choose at least one notification."))
            return redirect("deadlines_notifications")
        rows = rows.filter(pk__in=ids)
    n = rows.update(read_at=timezone.now())
    messages.success(request, _("Marked as read: %(n)d.") % {"n": n})
    return redirect("deadlines_notifications")


@require_POST
def calendar_regenerate(request: HttpRequest) -> HttpResponse:
    try:
        tokens.regenerate(request.user)
    except Refused as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("A new calendar address was created; the old one no longer works."))
    return redirect("deadlines_mine")


@require_GET
def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """Public by its secret token: the person's open deadlines, level- and content-free."""
    person = tokens.person_for_token(token)
    if person is None:
        raise Http404
    base = str(getattr(settings, "BMNN_PUBLIC_URL", "")).rstrip("/")
    rows = selectors.person_deadlines(person).order_by("due_on", "id")[:2000]
    events = []
    for row in rows:
        label = row.label or KIND_VI.get(row.kind, "Thời hạn")
        summary = f"BMNN: {label}" + (f" – số {row.ref}" if row.ref and row.kind != "annual_report" else "")
        if row.kind == "annual_report":
            summary += f" {row.ref}"
        events.append(
            ics.Event(
                uid=f"{row.key}:{person.pk}@bmnn",
                day=row.due_on,
                summary=summary,
                description="Xem chi tiết trong hệ thống bảo vệ BMNN (mạng nội bộ).",
                url=f"{base}{row.url}" if row.url else "",
            )
        )
    body = ics.calendar(events, name="Thời hạn BMNN", stamp=timezone.now())
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "no-store"
    response["Content-Disposition"] = 'inline; filename="bmnn-thoi-han.ics"'
    return response
