"""Discretionary declassification from proposal to the GIẢI MẬT mark and the notices: the drafter
proposes, the head sets up the council, records the minutes and signs the decision, the clerk sends the
notices.  Screenshots go to test-artifacts/lifecycle-*.png."""

from __future__ import annotations

import base64
import datetime as dt

import pytest
from django.db import connections
from django_otp.oath import totp

from tests.browser.conftest import shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _code(secret_b32: str) -> str:
    key = base64.b32decode(secret_b32 + "=" * (-len(secret_b32) % 8))
    return f"{totp(key, step=30, t0=0, digits=6, drift=0):06d}"


def _sign_in(page, base: str, username: str, target: str) -> None:
    from bmnn.organizations import demo

    page.context.clear_cookies()
    page.goto(f"{base}{target}")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", demo.DEMO_PASSWORD)
    page.click("button[type=submit].primary")


def test_lifecycle_declassification_journey(live_server, browser_page, settings) -> None:
    from django.contrib.auth import get_user_model

    from bmnn.lifecycle.models import Notice
    from bmnn.organizations import demo
    from bmnn.registry.models import Item, ListItem
    from bmnn.registry.services import determination, lists, registration

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    demo.load()
    lists.load_shipped()
    users = {u.username: u for u in get_user_model().objects.all()}
    basis = ListItem.objects.get(source_list__decision_number="531/QĐ-TTg", level="TOI_MAT", number="1")
    item = determination.create_item(
        users["cv.khaothi"],
        title="Đề thi chọn học sinh giỏi cấp tỉnh môn Toán",
        summary="Đề thi chính thức",
        field="education_training",
        proposed_level="TOI_MAT",
        basis=[basis],
        recipients="Hội đồng thi; Lưu: VT, KT",
        copies=2,
        submit=True,
    )
    determination.decide(users["gd.giaoduc"], item, approve=True)
    registration.register_outgoing(
        users["vanthu.giaoduc"],
        item,
        signer="Hồ Thị Oanh",
        recipients="Sở Nội vụ",
        number_symbol="21/SGDĐT-KT",
    )
    head_id = users["gd.giaoduc"].person.pk
    connections.close_all()  # leave SQLite's write lock to the live server
    page, base = browser_page, live_server.url
    item_path = f"/vong-doi/tai-lieu/{item.pk}/"

    # 1. The drafter proposes a discretionary declassification.
    _sign_in(page, base, "cv.khaothi", item_path)
    page.wait_for_url(f"**{item_path}")
    page.click("[data-testid=declassify-section] summary")
    form = "[data-testid=propose-declassification]"
    page.select_option(f"{form} select[name=propose_declassification-ground]", "national_interest")
    page.fill(f"{form} textarea[name=propose_declassification-reason]", "Kỳ thi đã kết thúc, công bố đề thi")
    shot(page, "lifecycle-01-proposal")
    with page.expect_navigation():
        page.click(f"{form} button[type=submit]")
    assert page.locator("[data-testid=council-form]").count() == 0  # only the head sets up the council

    # 2. The head signs in with TOTP and sets up the council (chaired by a leader of the body).
    _sign_in(page, base, "gd.giaoduc", item_path)
    page.wait_for_url("**/xac-thuc/thiet-lap/**")
    secret = page.inner_text("[data-testid=totp-secret]").strip()
    page.fill("input[name=token]", _code(secret))
    page.click("button[type=submit].primary")
    page.wait_for_url(f"**{item_path}")
    form = "[data-testid=council-form]"
    page.fill(f"{form} input[name=declassification_council-decision_number]", "10/QĐ-SGDĐT")
    page.select_option(f"{form} select[name=declassification_council-chair]", str(head_id))
    page.fill(
        f"{form} textarea[name=declassification_council-members]",
        "Đặng Thu Hà | Sở Nội vụ | Ủy viên\nDương Văn Phúc | Phòng Khảo thí | Thư ký",
    )
    shot(page, "lifecycle-02-council")
    with page.expect_navigation():
        page.click(f"{form} button[type=submit]")
    assert "10/QĐ-SGDĐT" in page.inner_text("[data-testid=council]")

    # 3. The council meets: minutes.
    form = "[data-testid=minutes-form]"
    page.fill(f"{form} textarea[name=minutes-content]", "Hội đồng xem xét đề thi đã sử dụng trong kỳ thi")
    page.fill(f"{form} textarea[name=minutes-conclusion]", "Thống nhất đề nghị giải mật toàn bộ")
    with page.expect_navigation():
        page.click(f"{form} button[type=submit]")
    assert "Thống nhất đề nghị giải mật toàn bộ" in page.inner_text("[data-testid=minutes]")
    shot(page, "lifecycle-03-minutes")

    # 4. The head signs the decision: the item shows GIẢI MẬT with the date, notices are listed.
    form = "[data-testid=decide-declassification]"
    page.select_option(f"{form} select[name=decide_declassification-decision]", "approve")
    page.fill(f"{form} input[name=decide_declassification-decision_number]", "11/QĐ-SGDĐT")
    with page.expect_navigation():
        page.click(f"{form} button[type=submit]")
    today = Item.objects.get(pk=item.pk).declassified_on
    assert today is not None and today <= dt.date.today() + dt.timedelta(days=1)
    stamp = page.inner_text("[data-testid=declassified-stamp]")
    assert "GIẢI MẬT" in stamp and f"Từ: {today:%d/%m/%Y}" in stamp
    assert page.inner_text("[data-testid=declassified-on]").strip() == f"{today:%d/%m/%Y}"
    notices = page.inner_text("[data-testid=notices]")
    assert "Sở Nội vụ" in notices and "R-DECL-4" in notices
    assert page.locator("[data-testid=dossier]").count() == 1
    shot(page, "lifecycle-04-declassified")
    href = page.get_attribute("[data-testid=doc-giai-mat-pdf]", "href")
    response = page.request.get(f"{base}{href}")
    assert response.status == 200 and response.body()[:5] == b"%PDF-"

    # 5. The clerk sends the written notice.
    _sign_in(page, base, "vanthu.giaoduc", item_path)
    page.wait_for_url(f"**{item_path}")
    form = "[data-testid=send-notice]"
    page.fill(f"{form} input[name=send_notice-reference]", "15/TB-SGDĐT")
    with page.expect_navigation():
        page.click(f"{form} button[type=submit]")
    assert "15/TB-SGDĐT" in page.inner_text("[data-testid=notice-sent]")
    shot(page, "lifecycle-05-notice-sent")
    assert Notice.objects.filter(sent_on__isnull=False).count() == 1
