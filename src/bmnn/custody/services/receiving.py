"""Receiving (Form 15) acts of the custody app: the notice to a sender who sent without protection
(R-TX-8), the named person's opening of a named-only envelope (R-TX-7) and the return of a "TÀI LIỆU THU
HỒI" item (R-TX-9)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from bmnn.core import audit
from bmnn.custody.models import EnvelopeOpening, SenderNotice
from bmnn.custody.services.handover import hand_over, is_agency_staff
from bmnn.registry.models import Item, RegisterEntry, RegisterKind
from bmnn.registry.services.common import act, actor_person, system_refusal
from bmnn.registry.text import search_blob
from bmnn.rules import check_recall_returned
from bmnn.rules.dates import fmt


def record_sender_notice(actor: Any, entry: RegisterEntry, reason_vi: str, on: dt.date) -> SenderNotice:
    """Inside the registering transaction: record that the sender is told the item came without the
    required protection (R-TX-8, Decree 26 Art. 4.2(c))."""
    agency = entry.agency
    text = (
        f"{agency.name} đã nhận tài liệu số {entry.number_symbol or '…'} do quý cơ quan gửi, vào Sổ đăng ký "
        f"BMNN đến số {entry.seq}/{entry.year} ngày {fmt(on)}. Tài liệu được gửi không đúng quy định về bảo "
        f"vệ bí mật nhà nước ({reason_vi}). Tài liệu đã được chuyển lãnh đạo cơ quan xử lý. Đề nghị quý cơ "
        "quan kiểm tra và thực hiện đúng quy định khi gửi tài liệu, vật chứa bí mật nhà nước."
    )
    notice = SenderNotice.objects.create(
        agency_id=entry.agency_id,
        entry=entry,
        sender=entry.sender,
        text=text,
        notified_on=on,
        created_by=actor,
    )
    audit.record(actor, "custody.sender_notice", notice, summary={"entry": entry.pk, "sender": entry.sender})
    return notice


def open_envelope(
    actor: Any, entry: RegisterEntry, *, summary: str = "", doc_type: str = "", at: dt.datetime | None = None
) -> EnvelopeOpening:
    """The named person opens a "CHỈ NGƯỜI CÓ TÊN MỚI ĐƯỢC BÓC BÌ" envelope and may record what it holds;
    the content stays on the item, visible to that person alone (the register line keeps the outer marks)."""
    at = at or timezone.now()
    on = timezone.localdate(at)

    def body() -> EnvelopeOpening:
        person = actor_person(actor, on)
        locked = RegisterEntry.objects.select_for_update(of=("self",)).select_related("item").get(pk=entry.pk)
        item = locked.item
        if locked.register != RegisterKind.INCOMING or not locked.named_only:
            raise system_refusal("bì này không phải bì 'Chỉ người có tên mới được bóc bì'", "R-TX-7", on)
        if item.named_recipient_id != person.pk:
            raise system_refusal("chỉ người có tên trên bì mới được bóc bì", "R-TX-7", on)
        if EnvelopeOpening.objects.filter(entry=locked).exists():
            raise system_refusal("bì đã được bóc", "R-TX-7", on)
        opening = EnvelopeOpening.objects.create(entry=locked, person=person, opened_at=at)
        fields = []
        if summary.strip():
            item.summary = summary.strip()
            item.title = summary.strip()[:500]
            fields += ["summary", "title"]
        if fields:
            item.search_text = search_blob(item.number_symbol, item.summary, locked.sender)
            item.save(update_fields=[*fields, "search_text", "updated_at"])
        audit.record(
            actor,
            "custody.envelope.open",
            opening,
            summary={
                "entry": locked.pk,
                "item": item.pk,
                "content_recorded": bool(fields),
                "doc_type": doc_type,
            },
        )
        return opening

    return act(actor, "custody.envelope.open", entry, body)


def record_return(
    actor: Any,
    entry: RegisterEntry,
    *,
    receipt_kind: str = "receipt",
    receipt_no: str = "",
    signature_svg: str = "",
    acknowledged_by_name: str = "",
    note: str = "",
    at: dt.datetime | None = None,
) -> RegisterEntry:
    """A "TÀI LIỆU THU HỒI" item goes back to its sender (R-TX-9): a Form 16 line to the sender with the
    acknowledgement, and the returned date on the incoming register line."""
    at = at or timezone.now()
    on = timezone.localdate(at)

    def body() -> RegisterEntry:
        person = actor_person(actor, on)
        locked = RegisterEntry.objects.select_for_update().get(pk=entry.pk)
        item = Item.objects.select_for_update(of=("self",)).get(pk=locked.item_id)
        if locked.register != RegisterKind.INCOMING or not locked.recall_mark or locked.return_due_on is None:
            raise system_refusal("tài liệu không đóng dấu 'TÀI LIỆU THU HỒI'", "R-TX-9", on)
        if locked.returned_on is not None:
            raise system_refusal(f"tài liệu đã được trả lại ngày {fmt(locked.returned_on)}", "R-TX-9", on)
        if not is_agency_staff(actor, person, locked.agency_id) and item.custodian_id != person.pk:
            raise system_refusal(
                "chỉ người đang giữ hoặc văn thư, cán bộ bảo mật của cơ quan được trả tài liệu thu hồi",
                "R-TX-9",
                on,
            )
        line = hand_over(
            actor,
            item=item,
            purpose="recall",
            to_person=None,
            to_party=locked.sender,
            receipt_kind=receipt_kind,
            receipt_no=receipt_no,
            signature_svg=signature_svg,
            acknowledged_by_name=acknowledged_by_name,
            reference=f"Sổ đến số {locked.seq}/{locked.year}",
            note=note,
            at=at,
        )
        locked.returned_on = on
        locked.save(update_fields=["returned_on"])
        on_time = check_recall_returned(locked.return_due_on, on, on)
        audit.record(
            actor,
            "custody.recall.return",
            locked,
            summary={"item": item.pk, "handover": f"{line.seq}/{line.year}", "late": not on_time.allowed},
        )
        return locked

    return act(actor, "custody.recall.return", entry, body)
