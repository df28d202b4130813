"""Other apps add links to the registry's item page through bmnn.web.item_actions."""

from __future__ import annotations

from typing import Any

import pytest
from tests.registry.conftest import approve, exam_item, lists, make_proposal

__all__ = ["exam_item", "lists"]


@pytest.mark.django_db
def test_item_page_shows_registered_links_while_the_item_is_in_force(
    demo: dict[str, Any], client_as: Any, exam_item: Any
) -> None:
    item = make_proposal(demo, exam_item)
    page = client_as("cv.khaothi").get(f"/so-dang-ky/{item.pk}/").content.decode()
    assert f"/sao-chup/moi/?item={item.pk}" not in page  # a proposal cannot be copied yet
    approve(demo, item)
    page = client_as("cv.khaothi").get(f"/so-dang-ky/{item.pk}/").content.decode()
    assert f"/sao-chup/moi/?item={item.pk}" in page
    assert f"/sao-chup/cung-cap/moi/?item={item.pk}" in page
