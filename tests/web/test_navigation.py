"""The menu marks exactly one entry: the one whose URL is the longest prefix of the current page."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import RequestFactory

from bmnn.web import navigation as nav
from bmnn.web.context import navigation


@pytest.fixture
def menu(monkeypatch: pytest.MonkeyPatch) -> None:
    entries = [nav.NavItem("registry_items", "Items", 1), nav.NavItem("registry_lists", "Lists", 2)]
    monkeypatch.setattr(nav, "_ITEMS", entries)


@pytest.mark.parametrize(
    ("path", "active"),
    [("/so-dang-ky/", ["Items"]), ("/so-dang-ky/danh-muc/nhap/", ["Lists"]), ("/to-chuc/", [])],
)
def test_only_the_longest_prefix_is_active(demo: dict[str, Any], menu: None, path: str, active: list) -> None:
    request = RequestFactory().get(path)
    request.user = demo["vanthu"]
    items = navigation(request)["nav_items"]
    assert [i["label"] for i in items] == ["Items", "Lists"]
    assert [i["label"] for i in items if i["active"]] == active
