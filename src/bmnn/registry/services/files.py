"""Attaching files to items (encrypted in the vault) and downloading them marked."""

from __future__ import annotations

from typing import Any, BinaryIO

from django.utils import timezone

from bmnn.core import audit
from bmnn.core.marking import MarkingError, download_footer, mark_pdf
from bmnn.registry.models import ItemFile, Status
from bmnn.registry.models.items import Item
from bmnn.registry.services.common import act, actor_person, check_clearance, system_refusal, today
from bmnn.vault import services as vault

MAX_BYTES = 50 * 1024 * 1024


def attach_file(actor: Any, item: Item, fileobj: BinaryIO, filename: str, content_type: str = "") -> ItemFile:
    """The drafter (while a draft or proposal) or the approver stores a file of the item in the vault."""
    on = today()

    def body() -> ItemFile:
        person = actor_person(actor, on)
        editable = (
            item.status in (Status.DRAFT, Status.PROPOSED, Status.REFUSED) and item.drafter_id == person.pk
        )
        if not (editable or item.approver_id == person.pk):
            raise system_refusal(
                "chỉ người soạn thảo (khi còn dự thảo) hoặc người xác định độ mật được đính kèm tệp",
                "ACCESS-GRANT",
                on,
                article="5",
            )
        check_clearance(person, item.effective_level, on)
        blob = vault.store(actor, fileobj, filename, content_type)
        attached = ItemFile.objects.create(
            item=item, blob=blob, filename=blob.original_filename, uploaded_by=actor
        )
        audit.record(actor, "registry.item.attach", item, summary={"file": attached.pk, "blob": str(blob.pk)})
        return attached

    return act(actor, "registry.item.attach", item, body)


def download(actor: Any, item_file: ItemFile) -> tuple[bytes, str]:
    """The verified plaintext; a PDF of a determined item comes back marked (level box, number, footer).

    The caller has already checked that the item is visible to ``actor`` (selectors).  Drafts are not
    marked: the level mark is created only after the determination (R-CLS-7).
    """
    item = item_file.item
    data = vault.open_verified(actor, item_file.blob, "download").read_all()
    is_pdf = data[:5] == b"%PDF-"
    if not (is_pdf and item.level):
        return data, item_file.blob.content_type or "application/octet-stream"
    who = getattr(getattr(actor, "person", None), "full_name", "") or actor.get_username()
    try:
        marked = mark_pdf(
            data,
            level=item.level,
            number_symbol=item.number_symbol or f"#{item.pk}",
            footer_text=download_footer(who, timezone.now(), f"BMNN-{item.pk}"),
            on=item.determined_on,
        )
    except MarkingError:
        return data, "application/pdf"
    return marked, "application/pdf"
