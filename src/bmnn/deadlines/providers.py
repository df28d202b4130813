"""Where deadlines come from: each app registers a provider of the open deadlines it knows about.

The deadlines app owns item deadlines (expiry, extension decision, incoming recall due-back, annual
report); other apps (lifecycle notices, take-out returns, meeting recall, …) register their own in their
``AppConfig.ready``::

    from bmnn.deadlines import providers
    providers.register("take_out_return", open_take_out_returns)

A provider is called with the day the job runs and yields ``Due`` rows for every deadline still open on
that day (done acts yield nothing).  It must be cheap enough to run daily over the whole database.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Due:
    kind: str  # a stable key, e.g. "expiry", "extension_decision", "notice", "take_out_return"
    due_on: dt.date
    title: str  # short Vietnamese label shown in lists, reminders and the calendar feed
    agency_id: int
    object_type: str  # "<app_label>.<model>" of the object the act concerns
    object_id: int
    person_ids: tuple[int, ...] = ()  # organizations.Person ids who must act
    unit_id: int | None = None
    rule_id: str = ""
    url: str = ""  # path of the page where the act is done
    extra: dict[str, str] = field(default_factory=dict, compare=False, hash=False)


Provider = Callable[[dt.date], Iterable[Due]]

_PROVIDERS: dict[str, Provider] = {}


def register(name: str, provider: Provider) -> None:
    _PROVIDERS[name] = provider


def all_providers() -> dict[str, Provider]:
    return dict(_PROVIDERS)


def unregister(name: str) -> None:
    _PROVIDERS.pop(name, None)
