"""Lifecycle pages: the item page drives the acts, refusals show on the form, documents download,
invisible items answer 404."""

from __future__ import annotations

from typing import Any

import pytest

from bmnn.lifecycle.models import Declassification, Extension

pytestmark = pytest.mark.django_db


def test_index_and_item_page(client_as: Any, determined: Any) -> None:
    head = client_as("gd.giaoduc")
    assert head.get("/vong-doi/").status_code == 200
    page = head.get(f"/vong-doi/tai-lieu/{determined.pk}/")
    assert page.status_code == 200 and "propose-declassification" in page.content.decode()


def test_invisible_item_is_404(client_as: Any, determined: Any) -> None:
    assert client_as("gd.taichinh").get(f"/vong-doi/tai-lieu/{determined.pk}/").status_code == 404
    assert client_as("gd.taichinh").get("/vong-doi/van-ban/gia-han/999.pdf").status_code == 404


def test_propose_and_refused_decision_show_on_the_page(client_as: Any, determined: Any) -> None:
    drafter = client_as("cv.khaothi")
    url = f"/vong-doi/tai-lieu/{determined.pk}/"
    r = drafter.post(
        url,
        {
            "action": "propose_extension",
            "propose_extension-years": "5",
            "propose_extension-reason": "Còn giá trị",
        },
    )
    assert r.status_code == 302
    ext = Extension.objects.get()
    r = client_as("vanthu.giaoduc").post(
        url,
        {
            "action": "decide_extension",
            "target": str(ext.pk),
            "decide_extension-decision": "approve",
            "decide_extension-decision_number": "1/QĐ",
        },
    )
    assert r.status_code == 200 and "R-EXT-3" in r.content.decode()
    ext.refresh_from_db()
    assert ext.status == "proposed"


def test_bad_input_is_an_error_not_a_crash(client_as: Any, determined: Any) -> None:
    url = f"/vong-doi/tai-lieu/{determined.pk}/"
    r = client_as("cv.khaothi").post(url, {"action": "propose_extension", "propose_extension-years": "abc"})
    assert r.status_code == 200 and Extension.objects.count() == 0
    assert client_as("cv.khaothi").post(url, {"action": "nope"}).status_code == 404
    r = client_as("gd.giaoduc").post(
        url, {"action": "decide_extension", "target": "x", "decide_extension-decision": "approve"}
    )
    assert r.status_code == 404


def test_declassification_documents_download(client_as: Any, determined: Any) -> None:
    url = f"/vong-doi/tai-lieu/{determined.pk}/"
    client_as("cv.khaothi").post(
        url,
        {
            "action": "propose_declassification",
            "propose_declassification-ground": "national_interest",
            "propose_declassification-reason": "Công bố",
        },
    )
    decl = Declassification.objects.get()

    head = client_as("gd.giaoduc")
    r = head.post(
        url,
        {
            "action": "declassification_council",
            "target": str(decl.pk),
            "declassification_council-decision_number": "10/QĐ",
            "declassification_council-chair": str(determined.approver_id),
            "declassification_council-members": "Đặng Thu Hà | Sở Nội vụ | Ủy viên",
        },
    )
    assert r.status_code == 302, r.content.decode()[:3000]
    decl.refresh_from_db()
    pdf = head.get(f"/vong-doi/van-ban/hoi-dong/{decl.council_id}.pdf")
    assert pdf.status_code == 200 and pdf.content[:5] == b"%PDF-"
    docx = head.get(f"/vong-doi/van-ban/hoi-dong/{decl.council_id}.docx")
    assert docx.status_code == 200 and docx.content[:2] == b"PK"
