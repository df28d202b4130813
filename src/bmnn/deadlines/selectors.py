"""Reads of deadlines and notifications, with who-may-see applied in SQL.

* A person sees their own deadlines and notifications.
* A unit's (or an agency's) deadline list is visible to the registry clerks and security officers of
  the unit's agency and to the head of that agency: rows carry only number-symbols, kinds and dates.
* Users without an active person record see nothing.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.utils.functional import cached_property

from bmnn.deadlines.models import Deadline, JobRun, Notification
from bmnn.organizations.models import Person, Unit
from bmnn.organizations.selectors import person_for
from bmnn.rules import today_vn

SORTS = {
    "due": ("due_on", "id"),
    "-due": ("-due_on", "-id"),
    "kind": ("kind", "due_on", "id"),
    "ref": ("ref", "due_on", "id"),
}


def active_person(user: Any) -> Person | None:
    person = person_for(user)
    if person is None or person.status != "active":
        return None
    return person


def may_see_agency_deadlines(user: Any, agency_id: int) -> bool:
    from bmnn.registry.selectors import heads_agency, is_registry_staff

    person = active_person(user)
    if person is None or person.agency_id != agency_id:
        return False
    return is_registry_staff(user) or heads_agency(person)


def unit_for(user: Any, pk: int) -> Unit | None:
    unit = Unit.objects.select_related("agency").filter(pk=pk).first()
    if unit is None or not may_see_agency_deadlines(user, unit.agency_id):
        return None
    return unit


def person_for_view(user: Any, pk: int) -> Person | None:
    """The person whose deadlines ``user`` may list: themselves, or anyone of their agency for staff."""
    me = active_person(user)
    if me is None:
        return None
    if me.pk == pk:
        return me
    other = Person.objects.filter(pk=pk, agency_id=me.agency_id).first()
    if other is None or not may_see_agency_deadlines(user, me.agency_id):
        return None
    return other


WINDOW_DAYS = 365  # default horizon of the pages: overdue + the next 12 months
COUNT_CAP = 1000  # pages count at most this many rows (then "more than 1,000": narrow the filters)


def filtered(
    qs: QuerySet[Deadline],
    *,
    kind: str = "",
    overdue: bool = False,
    start: dt.date | None = None,
    end: dt.date | None = None,
    sort: str = "due",
    all_dates: bool = False,
    today: dt.date | None = None,
) -> QuerySet[Deadline]:
    """Filter and order a deadline list.  Unless ``all_dates`` or an explicit ``end`` is given, the list
    stops at today + 12 months (everything overdue stays in): a person may hold 100,000 open deadlines
    and the page must read an index range, not all of them."""
    today = today or today_vn()
    if not all_dates and not end:
        end = today + dt.timedelta(days=WINDOW_DAYS)
    if kind:
        qs = qs.filter(kind=kind)
    if overdue:
        qs = qs.filter(due_on__lt=today)
    if start:
        qs = qs.filter(due_on__gte=start)
    if end:
        qs = qs.filter(due_on__lte=end)
    return qs.order_by(*SORTS.get(sort, SORTS["due"]))


class CappedPaginator(Paginator):  # type: ignore[type-arg]
    """A paginator whose count stops at ``COUNT_CAP + 1`` rows (``capped`` tells the page to say "more
    than …"): counting a person's 100,000 rows took ~0.5 s on PostgreSQL for a page of 50."""

    capped = False

    @cached_property
    def count(self) -> int:
        # Up to COUNT_CAP + 1 ids, unordered: an index-only range on (owner, due_on, id), never a sort
        # of the owner's rows (an ordered subquery let PostgreSQL pick a bitmap scan + sort of them all).
        n = self.object_list.order_by().values("pk")[: COUNT_CAP + 1].count()
        self.capped = n > COUNT_CAP
        return min(n, COUNT_CAP)


def paginate(qs: QuerySet[Deadline], number: Any, size: int = 50) -> Page:  # type: ignore[type-arg]
    """One page of ``qs`` with a capped count (the pages and the bench use this same path)."""
    page = CappedPaginator(qs, size).get_page(number)
    page.object_list = list(page.object_list)
    return page


def person_deadlines(person: Person) -> QuerySet[Deadline]:
    return Deadline.objects.filter(person=person)


def unit_deadlines(unit: Unit) -> QuerySet[Deadline]:
    return Deadline.objects.filter(unit=unit, primary=True)


JOB_RUN_GROUPS = ("security_officer", "administrator")


def may_see_job_runs(user: Any) -> bool:
    """The daily job's runs and provider failures: security officers, administrators, superusers."""
    if not getattr(user, "is_authenticated", False):
        return False
    return bool(user.is_superuser or user.groups.filter(name__in=JOB_RUN_GROUPS).exists())


def job_runs(user: Any) -> QuerySet[JobRun]:
    if not may_see_job_runs(user):
        return JobRun.objects.none()
    return JobRun.objects.order_by("-day")


def notifications(user: Any) -> QuerySet[Notification]:
    person = active_person(user)
    if person is None:
        return Notification.objects.none()
    return Notification.objects.filter(person=person)


def unread_count(user: Any) -> int:
    return notifications(user).filter(read_at__isnull=True).count()


def overdue_count(user: Any) -> int:
    person = active_person(user)
    if person is None:
        return 0
    return person_deadlines(person).filter(due_on__lt=today_vn()).count()
