"""The registry's item page shows the custody links to whom they serve: the timeline to whoever sees a
determined item, "Send" to registry staff of the item's agency once it is in the outgoing register,
"Transfer"/"Move" to its holder and the agency's registry staff."""

from __future__ import annotations

from typing import Any

import pytest

from bmnn.registry.services.registration import register_outgoing


def _links(client: Any, item: Any) -> set[str]:
    page = client.get(f"/so-dang-ky/{item.pk}/")
    assert page.status_code == 200
    body = page.content.decode()
    urls = {
        "timeline": f'href="/luu-giu/tai-lieu/{item.pk}/"',
        "send": f'href="/luu-giu/gui/{item.pk}/"',
        "transfer": f'href="/luu-giu/tai-lieu/{item.pk}/chuyen-giao/"',
        "move": f'href="/luu-giu/tai-lieu/{item.pk}/di-chuyen/"',
    }
    return {name for name, href in urls.items() if href in body}


@pytest.mark.django_db
def test_item_page_links_follow_who_may_act(demo: dict[str, Any], determined: Any, client_as: Any) -> None:
    # The drafter holds the determined item; the department's clerk keeps the registers; the director
    # approved it but neither holds it nor keeps the registers.
    assert _links(client_as("cv.khaothi"), determined) == {"timeline", "transfer", "move"}
    assert _links(client_as("vanthu.giaoduc"), determined) == {"timeline", "transfer", "move"}
    assert _links(client_as("gd.giaoduc"), determined) == {"timeline"}
    register_outgoing(demo["vanthu.giaoduc"], determined, signer="Giám đốc", recipients="Các trường THPT")
    assert _links(client_as("vanthu.giaoduc"), determined) == {"timeline", "send", "transfer", "move"}
    assert _links(client_as("cv.khaothi"), determined) == {"timeline", "transfer", "move"}
    # The links lead to pages that answer.
    clerk = client_as("vanthu.giaoduc")
    pk = determined.pk
    for url in (f"gui/{pk}/", f"tai-lieu/{pk}/", f"tai-lieu/{pk}/chuyen-giao/", f"tai-lieu/{pk}/di-chuyen/"):
        assert clerk.get(f"/luu-giu/{url}").status_code == 200, url


@pytest.mark.django_db
def test_top_secret_item_send_link_for_the_provincial_clerk(
    demo: dict[str, Any], top_secret: Any, client_as: Any
) -> None:
    assert _links(client_as("vanthu"), top_secret) == {"timeline", "send", "transfer", "move"}
    assert _links(client_as("phochutich"), top_secret) == {"timeline", "transfer", "move"}
    assert _links(client_as("chutich"), top_secret) == {"timeline"}


@pytest.mark.django_db
def test_no_custody_links_on_a_draft(demo: dict[str, Any], exam_item: Any, client_as: Any) -> None:
    from tests.custody.conftest import make_proposal

    item = make_proposal(demo, exam_item)
    assert _links(client_as("cv.khaothi"), item) == set()
