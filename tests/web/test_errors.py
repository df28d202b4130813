from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def test_404_page_is_vietnamese(demo, client_as):
    response = client_as("vanthu").get("/khong-ton-tai/")
    assert response.status_code == 404
    assert "Không tìm thấy" in response.content.decode()
