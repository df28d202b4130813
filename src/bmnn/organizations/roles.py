"""The working roles of the system as Django groups, with their permissions.

Roles are granted by group membership; what a role may do to a given object is still limited by scope
(agency subtree) and, for classified items, by clearance and need-to-know.
"""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission

ADMINISTRATOR = "administrator"
SECURITY_OFFICER = "security_officer"
CLERK = "clerk"
LEADER = "leader"
INSPECTOR = "inspector"
STAFF = "staff"

ROLE_LABELS = {
    ADMINISTRATOR: "Quản trị hệ thống",
    SECURITY_OFFICER: "Cán bộ bảo mật",
    CLERK: "Văn thư",
    LEADER: "Lãnh đạo phê duyệt",
    INSPECTOR: "Thanh tra, kiểm tra",
    STAFF: "Cán bộ, công chức",
}

# app_label.codename per role; codenames that do not exist yet (apps added later) are skipped.
ROLE_PERMISSIONS: dict[str, list[str]] = {
    ADMINISTRATOR: [
        "organizations.add_agency",
        "organizations.change_agency",
        "organizations.view_agency",
        "organizations.add_unit",
        "organizations.change_unit",
        "organizations.view_unit",
        "organizations.add_position",
        "organizations.change_position",
        "organizations.view_position",
        "organizations.add_person",
        "organizations.change_person",
        "organizations.view_person",
        "organizations.add_assignment",
        "organizations.change_assignment",
        "organizations.view_assignment",
        "organizations.add_delegation",
        "organizations.change_delegation",
        "organizations.view_delegation",
        "core.view_auditevent",
        "registry.add_classificationlist",
    ],
    SECURITY_OFFICER: [
        "core.view_auditevent",
        "organizations.view_person",
        "registry.add_classificationlist",
    ],
    INSPECTOR: ["core.view_auditevent"],
    CLERK: [],
    LEADER: [],
    STAFF: [],
}


def ensure_groups(**_kwargs: object) -> None:
    """Create the role groups and give them their permissions (idempotent; runs after every migrate)."""
    for role, perms in ROLE_PERMISSIONS.items():
        group, _created = Group.objects.get_or_create(name=role)
        wanted = []
        for dotted in perms:
            app_label, codename = dotted.split(".", 1)
            perm = Permission.objects.filter(content_type__app_label=app_label, codename=codename).first()
            if perm is not None:
                wanted.append(perm)
        group.permissions.add(*wanted)
