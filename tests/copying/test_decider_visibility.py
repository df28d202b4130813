"""A decider outside the item's need-to-know (the provincial chairman for a foreign party, or whoever a
copy request is submitted to) sees the request — only what the decision needs, up to their clearance —
and everyone else gets 404.  The "awaiting my decision" list covers copy requests and provisions."""

from __future__ import annotations

from typing import Any

import pytest

from bmnn.copying import selectors
from bmnn.copying.models import CopyRequest, Provision
from bmnn.copying.services import copies, providing
from bmnn.core.errors import Refused
from bmnn.organizations.models import Person
from bmnn.registry.models import Item
from tests.copying.conftest import person, refused_event
from tests.copying.test_providing import DOMESTIC, FOREIGN

pytestmark = pytest.mark.django_db


def _foreign_to(demo: dict[str, Any], item: Any, username: str | None) -> Provision:
    return providing.request_provision(
        demo["vanthu.giaoduc"],
        item,
        party_kind="foreign",
        in_cooperation=True,
        addressed_to=person(username) if username else None,
        **FOREIGN,
    )


# Who sees a foreign provision of a Sở GD&ĐT Tối mật item submitted to the chairman (200), who gets 404.
SEES = ["chutich", "vanthu.giaoduc", "cv.khaothi", "gd.giaoduc"]
HIDDEN = ["phochutich", "vanthu", "baomat", "tp.khaothi", "gd.taichinh", "gd.noivu", "quantri"]


def test_foreign_provision_visible_to_the_addressee_only(
    demo: dict[str, Any], determined: Any, client_as: Any
) -> None:
    row = _foreign_to(demo, determined, "chutich")
    url = f"/sao-chup/cung-cap/{row.pk}/"
    for username in SEES:
        assert client_as(username).get(url).status_code == 200, username
    for username in HIDDEN:
        client = client_as(username)
        assert client.get(url).status_code == 404, username
        assert client.post(f"{url}quyet-dinh/", {"decision": "approve"}).status_code == 404, username
        assert client.get(f"/sao-chup/api/provisions/{row.pk}/").status_code == 404, username
    # The chairman sees the decision page (the party, the secret, the commitment) but not the register
    # of the department nor the handing-over form; the item itself stays hidden from him.
    chair = client_as("chutich")
    page = chair.get(url).content.decode()
    assert "Somsak Vongsa" in page and "P1234567" in page and "Cam kết không tiết lộ" in page
    assert 'data-testid="decide"' in page and 'data-testid="provided"' not in page
    assert "Đại học Quốc gia Lào" not in chair.get("/sao-chup/cung-cap/").content.decode()
    assert chair.get(f"/so-dang-ky/{determined.pk}/").status_code == 404
    # He decides (Law 2025 Art. 16: head of a body in Art. 11.1), then still sees what he decided.
    response = chair.post(f"{url}quyet-dinh/", {"decision": "approve", "within_remit": "on"})
    assert response.status_code == 302
    row.refresh_from_db()
    assert (row.status, row.decider.user.username) == ("approved", "chutich")
    page = chair.get(url).content.decode()
    assert 'data-testid="provided"' not in page
    assert chair.post(f"{url}da-cung-cap/", {"receipt_no": "X"}).status_code == 404
    row.refresh_from_db()
    assert row.status == "approved"
    assert client_as("vanthu.giaoduc").get(url).content.decode().count('data-testid="provided"') == 1


def test_addressee_visibility_follows_clearance(
    demo: dict[str, Any], determined: Any, client_as: Any
) -> None:
    row = _foreign_to(demo, determined, "chutich")
    Person.objects.filter(user__username="chutich").update(clearance="MAT")
    assert client_as("chutich").get(f"/sao-chup/cung-cap/{row.pk}/").status_code == 404
    assert not selectors.awaiting_provisions(demo["chutich"]).exists()


@pytest.mark.parametrize(
    ("username", "rule_id"),
    [("gd.taichinh", "R-PROV-4"), ("quantri", "ACCESS-CLEARANCE"), ("tp.noivu", "R-PROV-4")],
)
def test_addressee_must_be_above_and_cleared(
    demo: dict[str, Any], determined: Any, username: str, rule_id: str
) -> None:
    with pytest.raises(Refused) as err:
        _foreign_to(demo, determined, username)
    assert (err.value.rule_id, err.value.field) == (rule_id, "addressed_to")
    assert Provision.objects.count() == 0
    assert refused_event("copying.provision.create").summary["refusal"]["rule_id"] == rule_id


def test_copy_request_addressee_sees_only_the_decision(
    demo: dict[str, Any], determined: Any, client_as: Any
) -> None:
    Item.objects.filter(pk=determined.pk).update(copy_allowed=True)
    req = copies.request_copy(
        demo["cv.khaothi"],
        determined,
        form="extract",
        quantity=1,
        purpose="Báo cáo UBND tỉnh",
        extract_content="Câu 3: Hình học",
        addressed_to=person("chutich"),
    )
    url = f"/sao-chup/{req.pk}/"
    chair = client_as("chutich")
    assert "Câu 3: Hình học" in chair.get(url).content.decode()
    for username in ("phochutich", "tp.khaothi", "gd.taichinh", "vanthu"):
        assert client_as(username).get(url).status_code == 404, username
        assert client_as(username).get(f"/sao-chup/api/requests/{req.pk}/").status_code == 404, username
    assert chair.post(f"{url}quyet-dinh/", {"decision": "approve"}).status_code == 302
    req.refresh_from_db()
    assert (req.status, req.approver.user.username) == ("approved", "chutich")
    copies.execute_copy(demo["vanthu.giaoduc"], req, made=1)
    # After the copies are made the decider still sees the request, not the copies nor the extract.
    page = chair.get(url).content.decode()
    assert 'data-testid="copies"' not in page and 'data-testid="register-no"' not in page
    assert chair.get(f"{url}van-ban.pdf").status_code == 404
    assert chair.post(f"{url}thuc-hien/", {"made": 1}).status_code == 404
    api = chair.get(f"/sao-chup/api/requests/{req.pk}/").json()
    assert api["status"] == "executed" and "copies" not in api and "copy_numbers" not in api
    # The copy register of the chairman's own agency does not show the department's line.
    assert "Báo cáo UBND tỉnh" not in chair.get("/sao-chup/so/").content.decode()
    staff = client_as("vanthu.giaoduc").get(url).content.decode()
    assert 'data-testid="copies"' in staff


def test_awaiting_my_decision_lists_requests_and_provisions(
    demo: dict[str, Any], determined: Any, client_as: Any
) -> None:
    req = copies.request_copy(
        demo["cv.khaothi"],
        determined,
        form="true_copy",
        quantity=1,
        purpose="Họp",
        addressed_to=person("chutich"),
    )
    foreign = _foreign_to(demo, determined, "chutich")
    unaddressed_foreign = _foreign_to(demo, determined, None)
    domestic = providing.request_provision(
        demo["vanthu.giaoduc"], determined, party_kind="domestic", **DOMESTIC
    )
    assert list(selectors.awaiting_my_decision(demo["chutich"])) == [req]
    assert set(selectors.awaiting_provisions(demo["chutich"])) == {foreign}
    assert selectors.awaiting_count(demo["chutich"]) == 2
    dashboard = client_as("chutich").get("/")
    assert dashboard.status_code == 200 and "/sao-chup/cho-quyet-dinh/" in dashboard.content.decode()
    page = client_as("chutich").get("/sao-chup/cho-quyet-dinh/").content.decode()
    assert f"/sao-chup/{req.pk}/" in page and f"/sao-chup/cung-cap/{foreign.pk}/" in page
    assert f"/sao-chup/cung-cap/{unaddressed_foreign.pk}/" not in page
    # The department head is competent for the unaddressed domestic one (Art. 15), not for the foreign
    # one (Art. 16): only the first awaits him.
    assert set(selectors.awaiting_provisions(demo["gd.giaoduc"])) == {domestic}
    head = client_as("gd.giaoduc").get("/sao-chup/cho-quyet-dinh/").content.decode()
    assert f"/sao-chup/cung-cap/{domestic.pk}/" in head
    assert f"/sao-chup/cung-cap/{unaddressed_foreign.pk}/" not in head
    # Deciding takes it off the list.
    providing.decide_provision(demo["chutich"], foreign, approve=False, note="Ngoài phạm vi hợp tác")
    assert not selectors.awaiting_provisions(demo["chutich"]).exists()
    assert CopyRequest.objects.get().status == "requested"
    # A person with nothing to decide sees empty lists.
    empty = client_as("gd.taichinh").get("/sao-chup/cho-quyet-dinh/")
    assert empty.status_code == 200 and "cung-cap/" not in empty.content.decode().split("<h1>")[-1]


def test_decision_refused_when_the_item_changed(demo: dict[str, Any], determined: Any) -> None:
    row = providing.request_provision(demo["vanthu.giaoduc"], determined, party_kind="domestic", **DOMESTIC)
    Item.objects.filter(pk=determined.pk).update(level="MAT", level_rank=1)
    with pytest.raises(Refused) as err:
        providing.decide_provision(demo["gd.giaoduc"], row, approve=True)
    assert err.value.rule_id == "R-PROV-5"
    row.refresh_from_db()
    assert (row.status, row.decider_id) == ("requested", None)
    assert refused_event("copying.provision.approve").summary["refusal"]["rule_id"] == "R-PROV-5"
