"""Stock-taking: the clerk opens a session, marks the original found and a copy missing, completes the
session; the missing copy opened an incident shown on the registry's incidents page.
Screenshots: test-artifacts/inventory-*."""

from __future__ import annotations

import pytest
from django.db import connections

from tests.browser.conftest import shot
from tests.browser.test_copying_foreign import _item
from tests.browser.test_copying_journey import _sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_stock_taking_missing_copy_opens_incident(live_server, browser_page, settings) -> None:
    from bmnn.copying.services import copies
    from bmnn.custody.models import Location
    from bmnn.inventory.models import StockLine, StockTake

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    item, users = _item()
    safe = Location.objects.create(agency_id=item.agency_id, name="Két sắt Văn phòng", code="K1")
    item.custodian, item.location = users["vanthu.giaoduc"], safe
    item.save(update_fields=["custodian", "location"])
    clerk, drafter = users["vanthu.giaoduc"].user, users["cv.khaothi"].user
    req = copies.request_copy(drafter, item, form="true_copy", quantity=1, purpose="Họp Hội đồng")
    copies.execute_copy(clerk, copies.decide_copy(users["gd.giaoduc"].user, req, approve=True), made=1)
    connections.close_all()
    page, base = browser_page, live_server.url

    # 1. The clerk opens a stock-taking of the department.
    _sign_in(page, base, "vanthu.giaoduc", "/kiem-ke/")
    page.fill("[data-testid=open] input[name=title]", "Kiểm kê cuối năm 2026")
    with page.expect_navigation():
        page.click("[data-testid=open] button[type=submit].primary")
    session = StockTake.objects.get()
    original = StockLine.objects.get(session=session, copy__isnull=True)
    copy_line = StockLine.objects.get(session=session, copy__isnull=False)
    shot(page, "inventory-01-opened")

    # 2. The original is found, the copy is missing.
    with page.expect_navigation():
        page.click(f"tr[data-line='{original.pk}'] button[value=found]")
    page.fill(f"tr[data-line='{copy_line.pk}'] input[name=note]", "Không có trong tủ hồ sơ")
    with page.expect_navigation():
        page.click(f"tr[data-line='{copy_line.pk}'] button[value=missing]")
    row = page.inner_text(f"tr[data-line='{copy_line.pk}']")
    assert "Không có trong tủ hồ sơ" in row and "#" in row
    shot(page, "inventory-02-reconciled")

    # 3. Completion.
    with page.expect_navigation():
        page.click("[data-testid=complete] button[type=submit].primary")
    assert page.locator("[data-testid=complete]").count() == 0
    counts = page.inner_text("[data-testid=counts]")
    assert "1" in counts
    shot(page, "inventory-03-completed")
    session.refresh_from_db()
    assert session.status == "completed"

    # 4. The loss is on the registry's incidents page, the head notified.
    page.goto(f"{base}/so-dang-ky/su-co/")
    text = page.inner_text("main") if page.locator("main").count() else page.content()
    assert "Kiểm kê cuối năm 2026" in text and "Hồ Thị Oanh" in text
    shot(page, "inventory-04-incident")
