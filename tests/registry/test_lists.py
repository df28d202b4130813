"""Classification lists: import from TOML/YAML/XLSX, shipped lists, search with and without diacritics."""

from __future__ import annotations

import io

import pytest
from openpyxl import Workbook

from bmnn.core.audit.models import AuditEvent
from bmnn.core.errors import Refused
from bmnn.registry import selectors
from bmnn.registry.models import ClassificationList, ListItem
from bmnn.registry.services import lists as list_services
from bmnn.registry.text import fold

pytestmark = pytest.mark.django_db

YAML = """
decision_number: "1923/QĐ-TTg"
decision_date: "25/11/2020"
title: "Danh mục bí mật nhà nước thuộc lĩnh vực tài chính, ngân sách"
field: economy
items:
  - level: TOI_MAT
    number: "1"
    text: "Hồ sơ cơ sở bí mật của ngành hải quan"
"""


def test_fold_strips_vietnamese_diacritics() -> None:
    assert fold("  ĐỀ THI  chính thức ") == "de thi chinh thuc"
    assert fold("Đặng Thu Hà") == "dang thu ha"


def test_shipped_lists_load_with_their_items(lists) -> None:
    assert set(ClassificationList.objects.values_list("decision_number", flat=True)) == {
        "531/QĐ-TTg",
        "137/QĐ-TTg",
    }
    edu = ClassificationList.objects.get(decision_number="531/QĐ-TTg")
    assert sorted(edu.items.values_list("level", "number")) == [
        ("MAT", "1"),
        ("MAT", "2"),
        ("TOI_MAT", "1"),
        ("TOI_MAT", "2"),
    ]
    assert ListItem.objects.filter(source_list__decision_number="137/QĐ-TTg", level="TUYET_MAT").count() == 3


@pytest.mark.parametrize("query", ["đề thi", "de thi", "ĐỀ THI", "De Thi Chinh Thuc"])
def test_search_list_items_with_and_without_diacritics(lists, query) -> None:
    found = list(selectors.search_list_items(query))
    assert lists["531/QĐ-TTg:TOI_MAT:1"] in found
    assert all("de thi" in item.search_text for item in found)


def test_import_yaml(demo) -> None:
    clist = list_services.import_list(demo["baomat"], YAML.encode(), "1923.yaml")
    assert clist.decision_date.isoformat() == "2020-11-25"
    assert list(clist.items.values_list("text", flat=True)) == ["Hồ sơ cơ sở bí mật của ngành hải quan"]
    assert AuditEvent.objects.filter(action="registry.list.import", object_id=str(clist.pk)).count() == 1


def test_import_xlsx(demo) -> None:
    wb = Workbook()
    ws = wb.active
    for row in (
        ("decision_number", "99/QĐ-TTg"),
        ("decision_date", "01/02/2024"),
        ("title", "Danh mục thử"),
        ("field", "health_population"),
        ("level", "number", "text"),
        ("MAT", "1", "Kế hoạch dự trữ thuốc phòng dịch"),
        ("Tối mật", "1", "Phương án phòng chống dịch bệnh nguy hiểm"),
    ):
        ws.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    clist = list_services.import_list(demo["baomat"], buf.getvalue(), "99.xlsx")
    assert sorted(clist.items.values_list("level", flat=True)) == ["MAT", "TOI_MAT"]


@pytest.mark.parametrize(
    ("payload", "name", "fragment"),
    [
        (b"decision_number = ", "bad.toml", "không đọc được tệp"),
        (YAML.replace("economy", "cooking").encode(), "x.yaml", "lĩnh vực không hợp lệ"),
        (YAML.replace("TOI_MAT", "SECRETISH").encode(), "x.yaml", "độ mật không hợp lệ"),
        (YAML.replace("25/11/2020", "31/02/2020").encode(), "x.yaml", "ngày quyết định không hợp lệ"),
        (b"<xml/>", "list.xml", "chỉ nhận tệp"),
        (b"not a zip", "list.xlsx", "không đọc được tệp"),
    ],
    ids=["toml-syntax", "field", "level", "date", "format", "xlsx-corrupt"],
)
def test_malformed_file_is_refused_and_changes_nothing(demo, payload, name, fragment) -> None:
    before = ClassificationList.objects.count(), ListItem.objects.count()
    with pytest.raises(Refused) as err:
        list_services.import_list(demo["baomat"], payload, name)
    assert fragment in err.value.message
    assert (ClassificationList.objects.count(), ListItem.objects.count()) == before
    assert AuditEvent.objects.filter(action="registry.list.import.refused").count() == 1


def test_duplicate_decision_is_refused(lists, demo) -> None:
    data = (list_services.DATA_DIR / "531-QD-TTg-2023.toml").read_bytes()
    with pytest.raises(Refused, match="đã có trong hệ thống"):
        list_services.import_list(demo["baomat"], data, "531.toml")
    assert ListItem.objects.filter(source_list__decision_number="531/QĐ-TTg").count() == 4


def test_management_command_loads_shipped_lists_once(demo, capsys) -> None:
    from django.core.management import call_command

    call_command("registry_lists")
    assert "531/QĐ-TTg: 4 mục" in capsys.readouterr().out
    call_command("registry_lists")
    assert "Không có danh mục mới." in capsys.readouterr().out
    assert ClassificationList.objects.count() == 2
