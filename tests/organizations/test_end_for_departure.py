"""``end_for_departure``: the organisation side of a completed recall on departure (Law Art. 26.2(d)).

An organisation manager or a security officer of the person's agency (scope) may end the person's
posts and set them as left, only with the departure's reference; one audit event per ended term plus
one for the status change; anyone else is refused, nothing changes and the refusal is audited."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from bmnn.core.errors import Refused
from bmnn.core.models import AuditEvent
from bmnn.organizations import selectors, services
from bmnn.organizations.models import Assignment, Person

pytestmark = pytest.mark.django_db


def _person(username: str) -> Person:
    return Person.objects.get(user__username=username)


def _open_terms(person: Person) -> list[int]:
    """Terms still running tomorrow (an ended term includes its last day)."""
    tomorrow = selectors.today() + dt.timedelta(days=1)
    return list(selectors.current_assignments(person, tomorrow).values_list("pk", flat=True))


@pytest.mark.parametrize("username", ["baomat", "quantri"])
def test_security_officer_or_manager_ends_the_posts(demo: dict[str, Any], username: str) -> None:
    leaver = _person("cv.khaothi")
    terms = _open_terms(leaver)
    assert terms
    today = selectors.today()
    ended = services.end_for_departure(demo[username], leaver, today, "transfer", "NV-7")
    assert sorted(a.pk for a in ended) == sorted(terms)
    leaver.refresh_from_db()
    assert leaver.status == "left"
    assert _open_terms(leaver) == []
    assert all(a.end_date == today for a in Assignment.objects.filter(pk__in=terms))
    term_events = AuditEvent.objects.filter(action="organizations.assignment.end", actor=username)
    assert sorted(int(e.object_id) for e in term_events) == sorted(terms)
    assert all(e.summary["departure"] == "NV-7" for e in term_events)
    person_event = AuditEvent.objects.get(action="organizations.person.depart")
    assert person_event.summary["before"] == {"status": "active"}
    assert person_event.summary["after"] == {"status": "left"}
    assert person_event.summary["departure"] == "NV-7" and person_event.summary["reason"] == "transfer"


@pytest.mark.parametrize(
    "username,ref",
    [
        ("baomat.noivu", "NV-7"),  # security officer of another department: out of scope
        ("vanthu", "NV-7"),  # clerk in scope, but not a security officer nor a manager
        ("chuyenvien", "NV-7"),  # ordinary staff
        ("baomat", "  "),  # no departure: not allowed outside a recall on departure
    ],
)
def test_refused_actor_changes_nothing(demo: dict[str, Any], username: str, ref: str) -> None:
    leaver = _person("cv.khaothi")
    terms = _open_terms(leaver)
    before = AuditEvent.objects.filter(action="organizations.assignment.end").count()
    with pytest.raises(Refused) as err:
        services.end_for_departure(demo[username], leaver, selectors.today(), "leave", ref)
    assert err.value.rule_id == "ACCESS-GRANT" and "Điều 5" in err.value.message
    leaver.refresh_from_db()
    assert leaver.status == "active"
    assert _open_terms(leaver) == terms
    assert AuditEvent.objects.filter(action="organizations.assignment.end").count() == before
    assert not AuditEvent.objects.filter(action="organizations.person.depart").exists()
    refused = AuditEvent.objects.get(action="organizations.person.depart.refused")
    assert refused.actor == username and refused.object_id == str(leaver.pk)


def test_a_person_who_already_left_is_refused(demo: dict[str, Any]) -> None:
    leaver = _person("cv.khaothi")
    services.end_for_departure(demo["baomat"], leaver, selectors.today(), "leave", "NV-1")
    with pytest.raises(Refused) as err:
        services.end_for_departure(
            demo["baomat"], leaver, selectors.today() + dt.timedelta(days=1), "leave", "NV-2"
        )
    assert err.value.rule_id == "ACCESS-GRANT"
    assert AuditEvent.objects.filter(action="organizations.person.depart").count() == 1
    assert AuditEvent.objects.filter(action="organizations.person.depart.refused").count() == 1
