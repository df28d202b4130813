"""REST API: the same reads and acts as the pages, 404 for hidden objects, refusals with rule and citation."""

from __future__ import annotations

import pytest

from bmnn.registry.models import Item, RegisterEntry
from tests.registry.conftest import approve, make_proposal

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.registry.urls")]

API = "/api/registry"


def test_full_flow_through_the_api(client_for, demo, exam_item) -> None:
    drafter = client_for("cv.khaothi")
    body = {
        "title": "Đáp án đề thi",
        "field": "education_training",
        "proposed_level": "TOI_MAT",
        "basis": [exam_item.pk],
        "recipients": "Hội đồng chấm thi",
        "copies": 2,
        "submit": True,
    }
    response = drafter.post(f"{API}/items/", body, content_type="application/json")
    assert response.status_code == 201, response.content
    pk = response.json()["id"]
    assert response.json()["status"] == "proposed"
    head = client_for("gd.giaoduc")
    response = head.post(f"{API}/items/{pk}/decide/", {"approve": True}, content_type="application/json")
    assert response.status_code == 200
    assert (response.json()["level"], response.json()["marks"]["envelope_letter"]) == ("TOI_MAT", "B")
    clerk = client_for("vanthu.giaoduc")
    response = clerk.post(
        f"{API}/items/{pk}/register-outgoing/", {"signer": "Hồ Thị Oanh"}, content_type="application/json"
    )
    assert response.status_code == 201
    assert response.json()["seq"] == 1
    rows = clerk.get(f"{API}/registers/out/entries/?q=dap+an").json()
    assert [r["item"] for r in rows["results"]] == [pk]
    stats = clerk.get(f"{API}/registers/").json()
    assert stats[0]["register"] == "out" and stats[0]["by_level"]["TOI_MAT"] == 1


def test_refusal_answers_400_with_rule_and_citation(client_for, demo, exam_item) -> None:
    item = make_proposal(demo, exam_item)
    head_of_other = client_for("gd.taichinh")
    # Not visible to another agency's head: 404, nothing changes.
    assert head_of_other.post(f"{API}/items/{item.pk}/decide/", {"approve": True}).status_code == 404
    response = client_for("cv.khaothi").post(
        f"{API}/items/",
        {"title": "x", "field": "education_training", "proposed_level": "TOI_MAT", "submit": True},
        content_type="application/json",
    )
    assert response.status_code == 400
    data = response.json()
    assert data["rule_id"] == "R-CLS-3" and data["citation"] and data["reasons"][0]["rule_id"] == "R-CLS-3"
    assert Item.objects.count() == 1


def test_hidden_item_and_entry_answer_404(client_for, demo, exam_item) -> None:
    from bmnn.registry.services import registration

    item = approve(demo, make_proposal(demo, exam_item))
    entry = registration.register_outgoing(demo["vanthu.giaoduc"], item, signer="X")
    outsider = client_for("vanthu")
    assert outsider.get(f"{API}/items/{item.pk}/").status_code == 404
    assert outsider.get(f"{API}/entries/{entry.pk}/").status_code == 404
    assert outsider.get(f"{API}/items/").json()["count"] == 0
    assert client_for("vanthu.giaoduc").get(f"{API}/entries/{entry.pk}/").status_code == 200


def test_incoming_through_the_api_rejects_people_out_of_scope(client_for, demo) -> None:
    clerk = client_for("vanthu.anphu")
    body = {
        "sender": "UBND tỉnh",
        "number_symbol": "2/UBND",
        "envelope_level": "MAT",
        "field": "economy",
        "named_recipient": demo["gd.giaoduc"].person.pk,  # another agency's person
        "named_only": True,
    }
    assert (
        clerk.post(f"{API}/registers/in/register/", body, content_type="application/json").status_code == 404
    )
    body["named_recipient"] = demo["ct.anphu"].person.pk
    response = clerk.post(f"{API}/registers/in/register/", body, content_type="application/json")
    assert response.status_code == 201
    assert RegisterEntry.objects.get().route_to == "named_person"


def test_openapi_schema_lists_the_registry(client_for, demo) -> None:
    from drf_spectacular.generators import SchemaGenerator

    schema = SchemaGenerator(urlconf="tests.registry.urls").get_schema(request=None, public=True)
    paths = set(schema["paths"])
    assert {
        "/api/registry/items/",
        "/api/registry/items/{id}/decide/",
        "/api/registry/items/{id}/register-outgoing/",
        "/api/registry/registers/{register}/entries/",
        "/api/registry/registers/in/register/",
        "/api/registry/entries/{id}/",
        "/api/registry/list-items/",
    } <= paths
