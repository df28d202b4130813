"""Reminders: in-app notifications at the configured lead times, and e-mail through the local SMTP.

A deadline crosses lead time L on ``due_on − L``.  A run for ``day`` after the last run ``since``
raises a reminder for every (deadline, person) that crossed a lead time in (since, day]; when several
were crossed (the job was missed for a while) only the most urgent is raised.  Lead −1 means
"overdue" (the day after the due date).  A unique constraint on (person, deadline, lead) makes a
second raise a no-op.

Confidentiality: a message names the kind of deadline, the register number / number-symbol and the
date, never an item's title, summary or level (an e-mail or a calendar may leave the secure network).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.utils import timezone

from bmnn.deadlines.models import Deadline, Notification
from bmnn.rules import fmt

OVERDUE = -1
DEFAULT_LEAD_DAYS = (60, 30, 7, 1)
KIND_VI = {
    "expiry": "Hết thời hạn bảo vệ",
    "extension_decision": "Hạn quyết định gia hạn thời hạn bảo vệ",
    "recall_return": "Hạn trả lại tài liệu thu hồi",
    "annual_report": "Hạn gửi báo cáo công tác bảo vệ BMNN năm",
    "notice": "Hạn thông báo bằng văn bản",
    "take_out_return": "Hạn trả lại tài liệu mang ra ngoài",
}


def lead_days() -> list[int]:
    value = getattr(settings, "BMNN_REMINDER_LEAD_DAYS", DEFAULT_LEAD_DAYS)
    return sorted({int(v) for v in value if int(v) >= 0}, reverse=True)


def message_for(kind: str, label: str, ref: str, due_on: dt.date, day: dt.date, lead: int) -> str:
    """The Vietnamese reminder text: kind, reference and date only."""
    text = label or KIND_VI.get(kind, "Thời hạn")
    if ref:
        text += f" – số {ref}" if kind not in ("annual_report",) else f" {ref}"
    if lead == OVERDUE or due_on < day:
        return f"{text}: đã quá hạn từ ngày {fmt(due_on)}."
    left = (due_on - day).days
    return f"{text}: hạn ngày {fmt(due_on)} (" + ("hôm nay" if left == 0 else f"còn {left} ngày") + ")."


def raise_reminders(since: dt.date, day: dt.date) -> list[Notification]:
    """Create the reminders due in (since, day]; returns the ones created now."""
    if day <= since:
        return []
    chosen: dict[tuple[str, int], tuple[int, dict[str, Any]]] = {}
    for lead in [*lead_days(), OVERDUE]:
        rows = Deadline.objects.filter(
            person__isnull=False,
            due_on__gt=since + dt.timedelta(days=lead),
            due_on__lte=day + dt.timedelta(days=lead),
        ).values("key", "person_id", "kind", "due_on", "ref", "label", "url", "object_type", "object_id")
        for row in rows.iterator(chunk_size=2000):
            k = (row["key"], row["person_id"])
            if k not in chosen or lead < chosen[k][0]:
                chosen[k] = (lead, row)
    if not chosen:
        return []
    existing: set[tuple[int, str, int]] = set()
    keys = sorted({k for k, _ in chosen})
    for start in range(0, len(keys), 500):
        existing.update(
            Notification.objects.filter(due_key__in=keys[start : start + 500]).values_list(
                "person_id", "due_key", "lead_days"
            )
        )
    new = [
        Notification(
            person_id=row["person_id"],
            kind=row["kind"],
            due_key=row["key"],
            due_on=row["due_on"],
            lead_days=lead,
            message=message_for(row["kind"], row["label"], row["ref"], row["due_on"], day, lead),
            object_type=row["object_type"],
            object_id=row["object_id"],
            url=row["url"],
            created_on=day,
        )
        for (key, person_id), (lead, row) in sorted(chosen.items())
        if (person_id, key, lead) not in existing
    ]
    Notification.objects.bulk_create(new, batch_size=1000, ignore_conflicts=True)
    return new


def email_enabled() -> bool:
    """E-mail goes out only to a configured SMTP server (or a test backend); none by default."""
    return not str(settings.EMAIL_BACKEND).endswith("dummy.EmailBackend")


def send_emails(created: list[Notification]) -> int:
    """One e-mail per person listing the reminders raised for them now; returns e-mails sent."""
    if not created or not email_enabled():
        return 0
    from bmnn.organizations.models import Person

    by_person: dict[int, list[Notification]] = defaultdict(list)
    for n in created:
        by_person[n.person_id].append(n)
    emails = dict(
        Person.objects.filter(pk__in=by_person, status="active").exclude(email="").values_list("pk", "email")
    )
    base = str(getattr(settings, "BMNN_PUBLIC_URL", "")).rstrip("/")
    messages = []
    for person_id, items in by_person.items():
        if person_id not in emails:
            continue
        lines = [f"- {n.message} {base}{n.url}".rstrip() for n in items]
        body = (
            "Hệ thống bảo vệ BMNN nhắc các thời hạn sau:\n\n"
            + "\n".join(lines)
            + f"\n\nXem và xử lý trong hệ thống: {base}/thoi-han/thong-bao/\n"
            "(Thư tự động; không chứa nội dung tài liệu. Không trả lời thư này.)\n"
        )
        subject = f"[BMNN] Nhắc thời hạn ({len(items)})"
        messages.append(EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [emails[person_id]]))
    if not messages:
        return 0
    sent = get_connection(fail_silently=True).send_messages(messages) or 0
    day = created[0].created_on
    Notification.objects.filter(person_id__in=list(emails), created_on=day, emailed_at__isnull=True).update(
        emailed_at=timezone.now()
    )
    return int(sent)
