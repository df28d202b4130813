"""The demo agency: one province with its People's Committee, three departments, two communes and the
provincial police unit that inspects them, with people in every role (Vietnamese names, fictional).

Loaded by ``bmnn demo`` / ``bmnn run`` only when the database holds no agency yet.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from bmnn.core import audit
from bmnn.core.audit.service import checkpoint
from bmnn.organizations import roles
from bmnn.organizations.models import (
    Agency,
    AgencyKind,
    Assignment,
    Delegation,
    EmploymentCategory,
    Person,
    Position,
    Tier,
    Unit,
)

DEMO_PASSWORD = "BaoMat@2026!"  # noqa: S105 - documented demo credential, printed on purpose
TERM_START = dt.date(2021, 7, 1)


@dataclass(frozen=True)
class DemoPerson:
    username: str
    full_name: str
    agency: str
    unit: str | None
    title: str
    tags: tuple[str, ...]
    clearance: str
    role: str
    officer: str = ""


AGENCIES = [
    # code, name, short name, tier, kind, parent code, reporting body
    (
        "ubnd-tinh",
        "Ủy ban nhân dân tỉnh Sông Hồng",
        "UBND tỉnh",
        Tier.PROVINCE,
        AgencyKind.PEOPLES_COMMITTEE,
        None,
        True,
    ),
    (
        "so-noi-vu",
        "Sở Nội vụ tỉnh Sông Hồng",
        "Sở Nội vụ",
        Tier.PROVINCE,
        AgencyKind.DEPARTMENT,
        "ubnd-tinh",
        False,
    ),
    (
        "so-tai-chinh",
        "Sở Tài chính tỉnh Sông Hồng",
        "Sở Tài chính",
        Tier.PROVINCE,
        AgencyKind.DEPARTMENT,
        "ubnd-tinh",
        False,
    ),
    (
        "so-gddt",
        "Sở Giáo dục và Đào tạo tỉnh Sông Hồng",
        "Sở GD&ĐT",
        Tier.PROVINCE,
        AgencyKind.DEPARTMENT,
        "ubnd-tinh",
        False,
    ),
    (
        "xa-an-phu",
        "Ủy ban nhân dân xã An Phú",
        "UBND xã An Phú",
        Tier.COMMUNE,
        AgencyKind.PEOPLES_COMMITTEE,
        "ubnd-tinh",
        False,
    ),
    (
        "xa-binh-minh",
        "Ủy ban nhân dân xã Bình Minh",
        "UBND xã Bình Minh",
        Tier.COMMUNE,
        AgencyKind.PEOPLES_COMMITTEE,
        "ubnd-tinh",
        False,
    ),
    ("cong-an-tinh", "Công an tỉnh Sông Hồng", "Công an tỉnh", Tier.PROVINCE, AgencyKind.OTHER, None, False),
]

UNITS = [
    # agency code, unit code, name, is office
    ("ubnd-tinh", "van-phong", "Văn phòng UBND tỉnh", True),
    ("ubnd-tinh", "phong-tong-hop", "Phòng Tổng hợp", False),
    ("so-noi-vu", "van-phong", "Văn phòng Sở", True),
    ("so-noi-vu", "phong-tccb", "Phòng Tổ chức cán bộ", False),
    ("so-tai-chinh", "van-phong", "Văn phòng Sở", True),
    ("so-tai-chinh", "phong-ngan-sach", "Phòng Quản lý ngân sách", False),
    ("so-gddt", "van-phong", "Văn phòng Sở", True),
    ("so-gddt", "phong-khao-thi", "Phòng Khảo thí và Quản lý chất lượng", False),
    ("xa-an-phu", "van-phong", "Văn phòng HĐND và UBND xã", True),
    ("xa-binh-minh", "van-phong", "Văn phòng HĐND và UBND xã", True),
    ("cong-an-tinh", "pa03", "Phòng An ninh chính trị nội bộ", False),
]

HEAD = ("agency_head", "agency_leader")
# Values of bmnn.core.choices.Level and models.OfficerRole (a test checks they are valid choices).
MAT, TOI_MAT, TUYET_MAT = "MAT", "TOI_MAT", "TUYET_MAT"
FULL_TIME, PART_TIME = "full_time", "part_time"
PEOPLE = [
    DemoPerson(
        "quantri",
        "Đỗ Minh Quân",
        "ubnd-tinh",
        "van-phong",
        "Quản trị hệ thống",
        (),
        MAT,
        roles.ADMINISTRATOR,
    ),
    DemoPerson(
        "chutich",
        "Nguyễn Văn An",
        "ubnd-tinh",
        None,
        "Chủ tịch UBND tỉnh",
        ("provincial_committee_chair", *HEAD),
        TUYET_MAT,
        roles.LEADER,
    ),
    DemoPerson(
        "phochutich",
        "Trần Thị Bình",
        "ubnd-tinh",
        None,
        "Phó Chủ tịch UBND tỉnh",
        ("deputy:provincial_committee_chair", "agency_leader"),
        TUYET_MAT,
        roles.LEADER,
    ),
    DemoPerson(
        "chanhvanphong",
        "Lê Văn Cường",
        "ubnd-tinh",
        "van-phong",
        "Chánh Văn phòng UBND tỉnh",
        ("office_level_unit_head",),
        TOI_MAT,
        roles.LEADER,
    ),
    DemoPerson(
        "baomat",
        "Phạm Thị Dung",
        "ubnd-tinh",
        "van-phong",
        "Cán bộ bảo mật chuyên trách",
        (),
        TOI_MAT,
        roles.SECURITY_OFFICER,
        FULL_TIME,
    ),
    DemoPerson("vanthu", "Hoàng Văn Em", "ubnd-tinh", "van-phong", "Văn thư", (), TUYET_MAT, roles.CLERK),
    DemoPerson(
        "chuyenvien",
        "Vũ Thị Giang",
        "ubnd-tinh",
        "phong-tong-hop",
        "Chuyên viên Phòng Tổng hợp",
        (),
        TOI_MAT,
        roles.STAFF,
    ),
    DemoPerson(
        "gd.noivu",
        "Bùi Quang Hải",
        "so-noi-vu",
        None,
        "Giám đốc Sở Nội vụ",
        ("provincial_department_head", *HEAD),
        TOI_MAT,
        roles.LEADER,
    ),
    DemoPerson(
        "tp.noivu",
        "Đặng Thu Hà",
        "so-noi-vu",
        "phong-tccb",
        "Trưởng phòng Tổ chức cán bộ",
        ("office_level_unit_head",),
        MAT,
        roles.LEADER,
    ),
    DemoPerson(
        "baomat.noivu",
        "Ngô Văn Khoa",
        "so-noi-vu",
        "van-phong",
        "Cán bộ bảo mật kiêm nhiệm",
        (),
        MAT,
        roles.SECURITY_OFFICER,
        PART_TIME,
    ),
    DemoPerson(
        "gd.taichinh",
        "Trịnh Văn Long",
        "so-tai-chinh",
        None,
        "Giám đốc Sở Tài chính",
        ("provincial_department_head", *HEAD),
        TOI_MAT,
        roles.LEADER,
    ),
    DemoPerson(
        "pgd.taichinh",
        "Phan Thị Mai",
        "so-tai-chinh",
        None,
        "Phó Giám đốc Sở Tài chính",
        ("deputy:provincial_department_head", "agency_leader"),
        TOI_MAT,
        roles.LEADER,
    ),
    DemoPerson(
        "vanthu.taichinh",
        "Lý Văn Nam",
        "so-tai-chinh",
        "van-phong",
        "Văn thư Sở Tài chính",
        (),
        MAT,
        roles.CLERK,
        PART_TIME,
    ),
    DemoPerson(
        "gd.giaoduc",
        "Hồ Thị Oanh",
        "so-gddt",
        None,
        "Giám đốc Sở Giáo dục và Đào tạo",
        ("provincial_department_head", *HEAD),
        TOI_MAT,
        roles.LEADER,
    ),
    DemoPerson(
        "tp.khaothi",
        "Dương Văn Phúc",
        "so-gddt",
        "phong-khao-thi",
        "Trưởng phòng Khảo thí",
        ("office_level_unit_head",),
        TOI_MAT,
        roles.LEADER,
    ),
    DemoPerson(
        "cv.khaothi",
        "Mai Thị Quỳnh",
        "so-gddt",
        "phong-khao-thi",
        "Chuyên viên Phòng Khảo thí",
        (),
        TOI_MAT,
        roles.STAFF,
    ),
    DemoPerson(
        "vanthu.giaoduc",
        "Tạ Văn Sơn",
        "so-gddt",
        "van-phong",
        "Văn thư Sở GD&ĐT",
        (),
        TOI_MAT,
        roles.CLERK,
        PART_TIME,
    ),
    DemoPerson(
        "ct.anphu",
        "Kiều Văn Tâm",
        "xa-an-phu",
        None,
        "Chủ tịch UBND xã An Phú",
        ("commune_committee_chair", *HEAD),
        TOI_MAT,
        roles.LEADER,
    ),
    DemoPerson(
        "cvp.anphu",
        "Lương Thị Uyên",
        "xa-an-phu",
        "van-phong",
        "Chánh Văn phòng HĐND và UBND xã",
        ("commune_committee_office_head",),
        MAT,
        roles.LEADER,
    ),
    DemoPerson(
        "vanthu.anphu",
        "Chu Văn Việt",
        "xa-an-phu",
        "van-phong",
        "Công chức Văn phòng - Thống kê",
        (),
        MAT,
        roles.CLERK,
        PART_TIME,
    ),
    DemoPerson(
        "ct.binhminh",
        "Cao Thị Xuân",
        "xa-binh-minh",
        None,
        "Chủ tịch UBND xã Bình Minh",
        ("commune_committee_chair", *HEAD),
        TOI_MAT,
        roles.LEADER,
    ),
    DemoPerson(
        "vanthu.binhminh",
        "Đinh Văn Yên",
        "xa-binh-minh",
        "van-phong",
        "Công chức Văn phòng - Thống kê",
        (),
        MAT,
        roles.CLERK,
        PART_TIME,
    ),
    DemoPerson(
        "thanhtra",
        "Vũ Đức Thành",
        "cong-an-tinh",
        "pa03",
        "Cán bộ Phòng An ninh chính trị nội bộ",
        (),
        TOI_MAT,
        roles.INSPECTOR,
    ),
]


def has_data() -> bool:
    return Agency.objects.exists()


def load() -> list[tuple[str, str, str]]:
    """Create the demo agency. Returns (username, full name, title) rows for printing."""
    user_model = get_user_model()
    rows: list[tuple[str, str, str]] = []
    with transaction.atomic():
        agencies: dict[str, Agency] = {}
        for code, name, short, tier, kind, parent, reporting in AGENCIES:
            agency = Agency.objects.create(
                code=code,
                name=name,
                short_name=short,
                tier=tier,
                kind=kind,
                parent=agencies.get(parent) if parent else None,
                is_reporting_body=reporting,
            )
            agency.path = f"{agency.parent.path if agency.parent else '/'}{agency.pk}/"
            agency.save(update_fields=["path"])
            agencies[code] = agency
        units = {
            (a, c): Unit.objects.create(agency=agencies[a], code=c, name=n, is_office=o)
            for a, c, n, o in UNITS
        }
        people: dict[str, Person] = {}
        positions: dict[str, Position] = {}
        for spec in PEOPLE:
            user = user_model(username=spec.username)
            user.set_password(DEMO_PASSWORD)
            user.save()
            user.groups.add(Group.objects.get(name=spec.role))
            agency = agencies[spec.agency]
            unit = units[(spec.agency, spec.unit)] if spec.unit else None
            person = Person.objects.create(
                user=user,
                full_name=spec.full_name,
                agency=agency,
                unit=unit,
                clearance=spec.clearance,
                officer_role=spec.officer,
                employment_category=EmploymentCategory.CIVIL_SERVANT,
                has_bmnn_duties=spec.role != roles.STAFF or spec.clearance != MAT,
                email=f"{spec.username}@songhong.gov.vn.invalid",
            )
            position = Position.objects.create(
                agency=agency, unit=unit, title=spec.title, authority_tags=list(spec.tags)
            )
            Assignment.objects.create(
                person=person,
                position=position,
                start_date=TERM_START,
                decision_ref=f"QĐ bổ nhiệm số {len(rows) + 101}/QĐ-UBND",
            )
            people[spec.username], positions[spec.username] = person, position
            rows.append((spec.username, spec.full_name, spec.title))
        start = timezone.localdate() - dt.timedelta(days=30)
        Delegation.objects.create(
            delegator=people["chutich"],
            delegator_position=positions["chutich"],
            deputy=people["phochutich"],
            acts=["copy", "take_out", "provide"],
            max_level=TOI_MAT,
            start_date=start,
            end_date=start + dt.timedelta(days=365),
            document_ref=f"Giấy ủy quyền số 01/GUQ-UBND ngày {start:%d/%m/%Y}",
        )
        audit.record(None, "demo.load", summary={"agencies": len(agencies), "people": len(people)})
    checkpoint()  # a signed checkpoint from the very first event on
    return rows
