"""Custody journeys in Chromium: the clerk sends a Tuyệt mật item (both envelope labels, checked with
pypdf: the inner label carries number/symbol, recipient and level, the outer only the letter A), and a
named-recipient envelope is registered from its outer marks, stays closed to the clerk and is opened by
the named person.  Screenshots go to test-artifacts/custody-*.png."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.db import connections
from pypdf import PdfReader

from tests.browser.conftest import ARTIFACTS, shot

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.urls("tests.registry.urls"),
]


def _sign_in(page: Any, base: str, username: str, target: str) -> None:
    from bmnn.organizations import demo

    page.context.clear_cookies()
    page.goto(f"{base}{target}")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", demo.DEMO_PASSWORD)
    page.click("button[type=submit].primary")


def _users() -> dict[str, Any]:
    from django.contrib.auth import get_user_model

    return {u.username: u for u in get_user_model().objects.all()}


def test_sending_a_top_secret_item(live_server: Any, browser_page: Any, settings: Any) -> None:
    from bmnn.custody.models import Dispatch, Handover
    from bmnn.organizations import demo
    from bmnn.registry.models import ListItem
    from bmnn.registry.services import lists
    from tests.custody.conftest import top_secret_item

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    demo.load()
    lists.load_shipped()
    by_key = {
        f"{i.source_list.decision_number}:{i.level}:{i.number}": i
        for i in ListItem.objects.select_related("source_list")
    }
    item = top_secret_item(_users(), by_key)
    connections.close_all()
    page, base = browser_page, live_server.url

    _sign_in(page, base, "vanthu", "/luu-giu/")
    page.wait_for_url("**/luu-giu/")
    page.click(f"[data-testid=send-{item.pk}]")
    page.wait_for_url(f"**/luu-giu/gui/{item.pk}/")
    plan = page.inner_text("[data-testid=plan]")
    assert "TUYỆT MẬT" in plan and "A" in plan
    form = "[data-testid=dispatch]"
    page.fill(f"{form} input[name=recipient]", "Bộ Công an")
    page.fill(f"{form} textarea[name=address]", "44 Yết Kiêu, Hoàn Kiếm, Hà Nội")
    page.check(f"{form} input[name=named_mark]")
    page.fill(f"{form} input[name=to_party]", "Giao liên Văn phòng UBND tỉnh")
    page.fill(f"{form} input[name=acknowledged_by_name]", "Trần Giao Liên")
    # The receiver signs on the canvas: the pad fills the hidden SVG path and switches to "signature".
    pad = page.locator("[data-testid=signature-pad]")
    pad.scroll_into_view_if_needed()
    box = pad.bounding_box()
    page.mouse.move(box["x"] + 20, box["y"] + 40)
    page.mouse.down()
    for step in range(1, 8):
        page.mouse.move(box["x"] + 20 + step * 30, box["y"] + 40 + (step % 3) * 25)
    page.mouse.up()
    assert page.input_value(f"{form} input[name=signature_svg]").startswith("M ")
    assert page.input_value(f"{form} select[name=receipt_kind]") == "signature"
    page.screenshot(path=str(ARTIFACTS / "custody-01-dispatch-form.png"))
    page.click(f"{form} button[type=submit].primary")
    page.wait_for_url("**/luu-giu/phieu-gui/*/")
    shot(page, "custody-02-dispatched")
    line = Handover.objects.get()
    assert line.receipt_kind == "signature" and line.signature_svg.startswith("M ")
    assert Dispatch.objects.get().handover_id == line.pk

    href = page.get_attribute("[data-testid=labels]", "href")
    response = page.request.get(f"{base}{href}")
    assert response.status == 200 and response.headers["content-type"] == "application/pdf"
    (ARTIFACTS / "custody-03-envelope-labels.pdf").write_bytes(response.body())
    inner, outer = (
        " ".join((p.extract_text() or "").split()) for p in PdfReader(io.BytesIO(response.body())).pages
    )
    assert "05/BC-UBND" in inner and "Bộ Công an" in inner and "TUYỆT MẬT" in inner
    assert "A" in outer.split()
    for word in ("TUYỆT MẬT", "TỐI MẬT", "MẬT", "Báo cáo nhiệm vụ khoa học"):
        assert word not in outer

    # The handover register (Form 16) lists the line and prints.
    page.goto(f"{base}/luu-giu/so-chuyen-giao/")
    assert "Trần Giao Liên" in page.inner_text("[data-testid=handovers]")
    shot(page, "custody-04-handover-register")
    pdf = page.request.get(f"{base}{page.get_attribute('[data-testid=pdf]', 'href')}")
    assert pdf.status == 200 and pdf.headers["content-type"] == "application/pdf"


def test_receiving_a_named_recipient_envelope(live_server: Any, browser_page: Any, settings: Any) -> None:
    from bmnn.organizations import demo
    from bmnn.organizations.models import Person
    from bmnn.registry.models import RegisterEntry

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    demo.load()
    named = Person.objects.get(user__username="cv.khaothi")
    connections.close_all()
    page, base = browser_page, live_server.url

    # 1. The clerk registers the envelope from its outer marks.
    _sign_in(page, base, "vanthu.giaoduc", "/so-dang-ky/den/moi/")
    page.wait_for_url("**/so-dang-ky/den/moi/")
    page.fill("input[name=sender]", "Bộ Giáo dục và Đào tạo")
    page.fill("input[name=number_symbol]", "15/BGDĐT-QLCL")
    page.select_option("select[name=envelope_level]", "TOI_MAT")
    page.select_option("select[name=field]", "education_training")
    page.select_option("select[name=named_recipient]", str(named.pk))
    page.check("input[name=named_only]")
    page.screenshot(path=str(ARTIFACTS / "custody-05-incoming-form.png"))
    with page.expect_navigation():
        page.click("form.card button[type=submit].primary")
    assert "15/BGDĐT-QLCL" in page.inner_text("[data-testid=register]")
    entry = RegisterEntry.objects.get()
    assert entry.named_only and entry.summary == "" and entry.item.custodian_id == named.pk

    # 2. The clerk cannot open it: the item is not found, the entry page shows only the outer marks.
    assert page.request.get(f"{base}/so-dang-ky/{entry.item_id}/").status == 404
    page.goto(f"{base}/luu-giu/den/{entry.pk}/")
    assert page.locator("[data-testid=sealed]").count() == 1
    assert page.locator("[data-testid=open]").count() == 0
    shot(page, "custody-06-clerk-sealed")

    # 3. The named person sees it waiting, opens it and records the content.
    _sign_in(page, base, "cv.khaothi", "/luu-giu/")
    page.wait_for_url("**/luu-giu/")
    assert "15/BGDĐT-QLCL" in page.inner_text("[data-testid=unopened]")
    page.click("[data-testid=unopened] a")
    page.wait_for_url(f"**/luu-giu/den/{entry.pk}/")
    page.fill("[data-testid=open] textarea[name=summary]", "Đề thi dự phòng kỳ thi học sinh giỏi")
    page.click("[data-testid=open] button[type=submit].primary")
    page.wait_for_url(f"**/luu-giu/den/{entry.pk}/")
    assert "Đề thi dự phòng kỳ thi học sinh giỏi" in page.inner_text("[data-testid=content]")
    assert page.locator("[data-testid=opened]").count() == 1
    shot(page, "custody-07-named-person-opened")
    entry.refresh_from_db()
    assert entry.summary == ""  # the register keeps only the outer marks
