"""Item files: stored encrypted in the vault, downloaded marked once determined, 404 when hidden."""

from __future__ import annotations

import io
import subprocess

import pytest
from reportlab.pdfgen import canvas

from bmnn.core.audit.models import AuditEvent
from bmnn.core.errors import Refused
from bmnn.registry.models import ItemFile
from bmnn.registry.services import files
from tests.registry.conftest import approve, make_proposal

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.registry.urls")]


def _pdf() -> bytes:
    buf = io.BytesIO()
    c = canvas.Canvas(buf)
    c.drawString(100, 500, "De thi chinh thuc")
    c.save()
    return buf.getvalue()


def test_attach_then_download_marked(client_for, demo, exam_item) -> None:
    item = make_proposal(demo, exam_item, number_symbol="11/SGDĐT-KT")
    drafter = client_for("cv.khaothi")
    upload = io.BytesIO(_pdf())
    upload.name = "de-thi.pdf"
    assert drafter.post(f"/so-dang-ky/{item.pk}/tep/", {"file": upload}).status_code == 302
    attached = ItemFile.objects.get()
    assert attached.blob.size > 0 and attached.filename == "de-thi.pdf"
    assert AuditEvent.objects.filter(action="registry.item.attach").count() == 1
    # Draft: downloaded as stored, without level marks (R-CLS-7).
    raw = drafter.get(f"/so-dang-ky/tep/{attached.pk}/").content
    assert (
        "TỐI MẬT"
        not in subprocess.run(
            ["pdftotext", "-", "-"], input=raw, capture_output=True, check=True
        ).stdout.decode()
    )
    approve(demo, item)
    marked = client_for("gd.giaoduc").get(f"/so-dang-ky/tep/{attached.pk}/").content
    text = subprocess.run(
        ["pdftotext", "-", "-"], input=marked, capture_output=True, check=True
    ).stdout.decode()
    assert "TỐI MẬT" in text and "11/SGDĐT-KT" in text and "Hồ Thị Oanh" in text
    assert client_for("vanthu").get(f"/so-dang-ky/tep/{attached.pk}/").status_code == 404


def test_only_drafter_or_approver_attaches(demo, exam_item) -> None:
    item = approve(demo, make_proposal(demo, exam_item))
    with pytest.raises(Refused):
        files.attach_file(demo["vanthu.giaoduc"], item, io.BytesIO(b"x"), "x.txt")
    assert ItemFile.objects.count() == 0
    assert AuditEvent.objects.filter(action="registry.item.attach.refused").count() == 1
