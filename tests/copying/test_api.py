"""REST API for copy requests and provisions: the same acts as the pages, 404 for what the caller may
not see (objects, items, people), refusals as 400 with rule, citation, field and reasons."""

from __future__ import annotations

from typing import Any

import pytest

from bmnn.copying.models import CopyRequest, Provision
from bmnn.core.audit.models import AuditEvent
from bmnn.custody.models import Copy
from tests.copying.conftest import person
from tests.copying.test_providing import DOMESTIC, FOREIGN

pytestmark = pytest.mark.django_db

API = "/sao-chup/api"
JSON = "application/json"


def test_copy_request_flow(demo: dict[str, Any], determined: Any, client_as: Any) -> None:
    drafter = client_as("cv.khaothi")
    body = {"item": determined.pk, "form": "true_copy", "quantity": 2, "purpose": "Phục vụ Hội đồng thi"}
    response = drafter.post(f"{API}/requests/", body, content_type=JSON)
    assert response.status_code == 201, response.content
    pk = response.json()["id"]
    assert (response.json()["status"], response.json()["recipient"]) == (
        "requested",
        person("cv.khaothi").pk,
    )
    assert [r["id"] for r in drafter.get(f"{API}/requests/").json()["results"]] == [pk]
    head = client_as("gd.giaoduc")
    response = head.post(f"{API}/requests/{pk}/decide/", {"approve": True}, content_type=JSON)
    assert response.status_code == 200 and response.json()["status"] == "approved"
    clerk = client_as("vanthu.giaoduc")
    response = clerk.post(
        f"{API}/requests/{pk}/execute/", {"made": 3, "spoiled": 1, "device": "VT-01"}, content_type=JSON
    )
    assert response.status_code == 200, response.content
    data = response.json()
    assert (data["status"], data["copy_numbers"], data["seq"]) == ("executed", "01, 02", 1)
    assert [c["status"] for c in data["copies"]] == ["active", "active", "spoiled"]
    assert AuditEvent.objects.filter(action="copying.request.execute").count() == 1
    assert drafter.get(f"{API}/requests/?status=refused").json()["results"] == []


def test_copy_request_refusals_answer_400(demo: dict[str, Any], determined: Any, client_as: Any) -> None:
    drafter = client_as("cv.khaothi")
    body = {"item": determined.pk, "form": "true_copy", "quantity": 1, "purpose": "Họp"}
    pk = drafter.post(f"{API}/requests/", body, content_type=JSON).json()["id"]
    response = client_as("tp.khaothi").post(
        f"{API}/requests/{pk}/decide/", {"approve": True}, content_type=JSON
    )
    # tp.khaothi does not see the item nor was the request submitted to him: 404.
    assert response.status_code == 404
    CopyRequest.objects.filter(pk=pk).update(addressed_to=person("tp.khaothi"))
    response = client_as("tp.khaothi").post(
        f"{API}/requests/{pk}/decide/", {"approve": True}, content_type=JSON
    )
    assert response.status_code == 400
    data = response.json()
    assert data["rule_id"] == "R-COPY-1" and "Điều 11" in data["citation"]
    assert data["reasons"][0]["rule_id"] == "R-COPY-1" and data["message"]
    assert set(data) == {"message", "rule_id", "citation", "field", "reasons"}
    assert CopyRequest.objects.get(pk=pk).status == "requested"
    assert AuditEvent.objects.filter(action="copying.request.approve.refused").count() == 1
    # Executing before approval: 400 with R-COPY-1, nothing made.
    response = client_as("vanthu.giaoduc").post(
        f"{API}/requests/{pk}/execute/", {"made": 1}, content_type=JSON
    )
    assert response.status_code == 400 and response.json()["rule_id"] == "R-COPY-1"
    assert Copy.objects.count() == 0
    # Malformed input: 400 from the serializer, not a crash.
    bad = drafter.post(f"{API}/requests/", {"item": "x", "quantity": -1}, content_type=JSON)
    assert bad.status_code == 400 and "item" in bad.json()


def test_hidden_items_and_people_answer_404(demo: dict[str, Any], determined: Any, client_as: Any) -> None:
    body = {"item": determined.pk, "form": "true_copy", "quantity": 1, "purpose": "Họp"}
    assert client_as("gd.taichinh").post(f"{API}/requests/", body, content_type=JSON).status_code == 404
    other = {**body, "recipient": person("gd.taichinh").pk}
    assert client_as("cv.khaothi").post(f"{API}/requests/", other, content_type=JSON).status_code == 404
    other = {**body, "addressed_to": person("gd.noivu").pk}
    assert client_as("cv.khaothi").post(f"{API}/requests/", other, content_type=JSON).status_code == 404
    assert CopyRequest.objects.count() == 0
    assert client_as("cv.khaothi").get(f"{API}/requests/999999/").status_code == 404


def test_provision_flow_foreign_to_the_chairman(
    demo: dict[str, Any], determined: Any, client_as: Any
) -> None:
    clerk = client_as("vanthu.giaoduc")
    body = {
        "item": determined.pk,
        "party_kind": "foreign",
        "in_cooperation": True,
        "addressed_to": person("chutich").pk,
        **FOREIGN,
    }
    response = clerk.post(f"{API}/provisions/", body, content_type=JSON)
    assert response.status_code == 201, response.content
    pk = response.json()["id"]
    assert (response.json()["seq"], response.json()["addressed_to"]) == (1, person("chutich").pk)
    # The department head is not competent for a foreign party: 400 with the rule.
    response = client_as("gd.giaoduc").post(
        f"{API}/provisions/{pk}/decide/", {"approve": True}, content_type=JSON
    )
    assert response.status_code == 400 and response.json()["rule_id"] == "R-PROV-3"
    chair = client_as("chutich")
    assert [r["id"] for r in chair.get(f"{API}/provisions/awaiting/").json()] == [pk]
    detail = chair.get(f"{API}/provisions/{pk}/").json()
    assert detail["passport"] == "P1234567" and "receipt_no" not in detail
    response = chair.post(f"{API}/provisions/{pk}/decide/", {"approve": True}, content_type=JSON)
    assert response.status_code == 200 and response.json()["status"] == "approved"
    # Handing over is the agency's registry work: the chairman gets 404, the clerk records it.
    assert (
        chair.post(f"{API}/provisions/{pk}/execute/", {"receipt_no": "X"}, content_type=JSON).status_code
        == 404
    )
    response = clerk.post(f"{API}/provisions/{pk}/execute/", {"receipt_no": "BN-1"}, content_type=JSON)
    assert response.status_code == 200 and response.json()["status"] == "provided"
    assert response.json()["receipt_no"] == "BN-1"
    assert [
        r["id"] for r in clerk.get(f"{API}/provisions/?year={Provision.objects.get().year}").json()["results"]
    ] == [pk]


def test_provision_refusals(demo: dict[str, Any], determined: Any, client_as: Any) -> None:
    clerk = client_as("vanthu.giaoduc")
    incomplete = {"item": determined.pk, "party_kind": "domestic", **DOMESTIC, "id_number": ""}
    response = clerk.post(f"{API}/provisions/", incomplete, content_type=JSON)
    assert response.status_code == 400 and response.json()["rule_id"] == "R-PROV-5"
    foreign = {"item": determined.pk, "party_kind": "foreign", "in_cooperation": True, **FOREIGN}
    response = clerk.post(f"{API}/provisions/", {**foreign, "commitment": ""}, content_type=JSON)
    assert response.status_code == 400 and response.json()["rule_id"] == "R-PROV-4"
    assert Provision.objects.count() == 0
    pk = clerk.post(f"{API}/provisions/", {**incomplete, "id_number": "0010"}, content_type=JSON).json()["id"]
    head = client_as("gd.giaoduc")
    response = head.post(f"{API}/provisions/{pk}/decide/", {"approve": False}, content_type=JSON)
    assert response.status_code == 400 and response.json()["rule_id"] == "R-PROV-5"
    response = head.post(
        f"{API}/provisions/{pk}/decide/", {"approve": False, "note": "Không phù hợp"}, content_type=JSON
    )
    assert response.status_code == 200 and response.json()["status"] == "refused"
    assert client_as("gd.taichinh").get(f"{API}/provisions/{pk}/").status_code == 404
    assert client_as("cv.khaothi").post(f"{API}/provisions/", foreign, content_type=JSON).status_code == 400


def test_schema_lists_the_copying_api(demo: dict[str, Any], client_as: Any) -> None:
    response = client_as("vanthu.giaoduc").get("/api/schema/")
    assert response.status_code == 200
    text = response.content.decode()
    assert "/sao-chup/api/requests/{id}/decide/" in text and "/sao-chup/api/provisions/{id}/execute/" in text
