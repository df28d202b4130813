"""The vocabulary of authority tags a position may carry, and the input dataclasses.

A position is described by its tags and its agency tier, never by a job-title string.  A deputy post
carries its head's tag prefixed with ``deputy:`` (e.g. ``deputy:provincial_committee_chair``); being a
deputy does not by itself confer the head's authority except where the law says so.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from bmnn.rules.levels import Level

DEPUTY_PREFIX = "deputy:"

#: Agency tiers.  ``district`` is kept for history (district posts exist only in regime 2018).
AGENCY_TIERS: tuple[str, ...] = ("central", "province", "district", "commune")

#: Authority tag -> (Vietnamese label, English label).
AUTHORITY_TAGS: dict[str, tuple[str, str]] = {
    # Art. 11.1 (Tuyệt mật tier)
    "central_party_body_head": ("Người đứng đầu cơ quan Trung ương của Đảng", "Head of a central Party body"),
    "party_cc_direct_org_head": (
        "Người đứng đầu tổ chức trực thuộc Ban Chấp hành Trung ương",
        "Head of an organisation directly under the Party Central Committee",
    ),
    "na_body_head": ("Người đứng đầu cơ quan của Quốc hội", "Head of a National Assembly body"),
    "na_secretary_general": ("Tổng Thư ký Quốc hội", "Secretary-General of the National Assembly"),
    "president_office_chair": (
        "Chủ nhiệm Văn phòng Chủ tịch nước",
        "Chairman of the Office of the President",
    ),
    "supreme_court_chief_justice": ("Chánh án Tòa án nhân dân tối cao", "Chief Justice of the Supreme Court"),
    "supreme_procuracy_head": ("Viện trưởng Viện kiểm sát nhân dân tối cao", "Procurator-General"),
    "state_auditor_general": ("Tổng Kiểm toán nhà nước", "State Auditor General"),
    "high_provincial_court_chief_justice": (
        "Chánh án Tòa án nhân dân cấp cao, cấp tỉnh",
        "Chief Justice of a high-level or provincial court",
    ),
    "high_provincial_procuracy_head": (
        "Viện trưởng Viện kiểm sát nhân dân cấp cao, cấp tỉnh",
        "Chief Procurator of a high-level or provincial procuracy",
    ),
    "central_sociopolitical_head": (
        "Người đứng đầu cơ quan trung ương của tổ chức chính trị - xã hội",
        "Head of a central socio-political body",
    ),
    "minister": ("Bộ trưởng, Thủ trưởng cơ quan ngang bộ", "Minister or head of a ministerial-level agency"),
    "government_agency_head": ("Người đứng đầu cơ quan thuộc Chính phủ", "Head of a Government agency"),
    "provincial_party_secretary": ("Bí thư Tỉnh ủy, Thành ủy", "Provincial Party Secretary"),
    "provincial_na_delegation_head": (
        "Trưởng đoàn đại biểu Quốc hội tỉnh",
        "Head of a provincial NA delegation",
    ),
    "provincial_council_chair": (
        "Chủ tịch Hội đồng nhân dân tỉnh",
        "Chairman of a provincial People's Council",
    ),
    "provincial_committee_chair": (
        "Chủ tịch Ủy ban nhân dân tỉnh",
        "Chairman of a provincial People's Committee",
    ),
    "direct_superior_of_11_1": (
        "Cấp trên trực tiếp của người quy định tại khoản 1 Điều 11",
        "Direct superior of an Art. 11.1 person",
    ),
    # Art. 11.2 (Tối mật tier)
    "ministry_department_head": ("Cục trưởng, Vụ trưởng", "Head of a ministry department or bureau"),
    "central_public_service_unit_head": (
        "Người đứng đầu đơn vị sự nghiệp công lập trực thuộc",
        "Head of a public service unit under an Art. 11.1 body",
    ),
    "general_department_unit_head": (
        "Người đứng đầu cục, vụ thuộc tổng cục",
        "Head of a department under a general department",
    ),
    "provincial_department_head": (
        "Giám đốc sở, Trưởng ban, ngành cấp tỉnh",
        "Head of a provincial department",
    ),
    "provincial_sociopolitical_head": (
        "Người đứng đầu tổ chức chính trị - xã hội cấp tỉnh",
        "Head of a provincial socio-political organisation",
    ),
    "court_procuracy_unit_head": (
        "Người đứng đầu đơn vị thuộc Tòa án, Viện kiểm sát cấp cao, cấp tỉnh",
        "Head of a unit of a high-level or provincial court or procuracy",
    ),
    "district_court_chief_justice": (
        "Chánh án Tòa án nhân dân cấp huyện",
        "Chief Justice of a district court",
    ),
    "district_procuracy_head": (
        "Viện trưởng Viện kiểm sát nhân dân cấp huyện",
        "Head of a district procuracy",
    ),
    "district_party_secretary": ("Bí thư Huyện ủy", "District Party Secretary"),
    "district_council_chair": (
        "Chủ tịch Hội đồng nhân dân cấp huyện",
        "Chairman of a district People's Council",
    ),
    "district_committee_chair": (
        "Chủ tịch Ủy ban nhân dân cấp huyện",
        "Chairman of a district People's Committee",
    ),
    "commune_party_secretary": ("Bí thư Đảng ủy cấp xã", "Commune Party Secretary"),
    "commune_council_chair": ("Chủ tịch Hội đồng nhân dân cấp xã", "Chairman of a commune People's Council"),
    "commune_committee_chair": (
        "Chủ tịch Ủy ban nhân dân cấp xã",
        "Chairman of a commune People's Committee",
    ),
    # Art. 11.3 (Mật tier)
    "office_level_unit_head": ("Người đứng đầu đơn vị cấp phòng", "Head of an office-level unit"),
    "commune_party_advisory_office_head": (
        "Chánh Văn phòng cơ quan tham mưu Đảng ủy cấp xã",
        "Head of the commune Party committee's advisory office",
    ),
    "commune_council_board_head": (
        "Trưởng ban Hội đồng nhân dân cấp xã",
        "Head of a commune People's Council board",
    ),
    "commune_committee_office_head": (
        "Trưởng phòng thuộc Ủy ban nhân dân cấp xã",
        "Head of a commune People's Committee office",
    ),
    # Others
    "general_secretary": ("Tổng Bí thư", "General Secretary of the Party"),
    "state_president": ("Chủ tịch nước", "State President"),
    "prime_minister": ("Thủ tướng Chính phủ", "Prime Minister"),
    "na_chairman": ("Chủ tịch Quốc hội", "Chairman of the National Assembly"),
    "minister_defence": ("Bộ trưởng Bộ Quốc phòng", "Minister of National Defence"),
    "minister_public_security": ("Bộ trưởng Bộ Công an", "Minister of Public Security"),
    "deputy_minister_defence": ("Thứ trưởng Bộ Quốc phòng", "Deputy Minister of National Defence"),
    "deputy_minister_public_security": ("Thứ trưởng Bộ Công an", "Deputy Minister of Public Security"),
    "agency_head": ("Người đứng đầu cơ quan, tổ chức", "Head of an agency or organisation"),
    "agency_leader": ("Lãnh đạo cơ quan, tổ chức", "Member of the agency's leadership"),
}


def tag_label(tag: str, lang: str = "vi") -> str:
    """Human label of a tag; ``deputy:X`` reads "Cấp phó của …" / "Deputy of …"."""
    if tag.startswith(DEPUTY_PREFIX):
        base = tag_label(tag[len(DEPUTY_PREFIX) :], lang)
        return f"Cấp phó của {base}" if lang == "vi" else f"Deputy of {base}"
    vi, en = AUTHORITY_TAGS.get(tag, (tag, tag))
    return vi if lang == "vi" else en


@dataclass(frozen=True)
class Position:
    """A post as the rules see it.

    ``tags``: authority tags (see :data:`AUTHORITY_TAGS`, ``deputy:`` prefix for deputies).
    ``agency_tier``: one of :data:`AGENCY_TIERS`.
    ``agency``: optional identifier of the agency the post belongs to; checks that need "the head of the
    agency that manages/classified the item" compare it with the item's agency.
    """

    tags: frozenset[str]
    agency_tier: str = "central"
    agency: str = ""

    @classmethod
    def of(cls, *tags: str, tier: str = "central", agency: str = "") -> Position:
        return cls(frozenset(tags), tier, agency)

    def head_tags(self) -> frozenset[str]:
        """Tags the post holds as head (not as deputy)."""
        return frozenset(t for t in self.tags if not t.startswith(DEPUTY_PREFIX))

    def deputy_of(self) -> frozenset[str]:
        """Head tags this post is a deputy of."""
        return frozenset(t[len(DEPUTY_PREFIX) :] for t in self.tags if t.startswith(DEPUTY_PREFIX))


#: Acts a delegation may cover.
ACTS: tuple[str, ...] = (
    "copy",
    "photo",
    "extract",
    "take_out",
    "take_out_abroad",
    "provide",
    "provide_foreign",
    "meeting",
    "destroy",
)


@dataclass(frozen=True)
class Delegation:
    """A delegation from a head to a deputy (Law Art. 11.5 and Art. 14).

    ``acts``: acts covered (see :data:`ACTS`); ``max_level``: highest level covered; the delegation is
    valid from ``valid_from`` to ``valid_to`` inclusive (``None`` = standing); ``written`` must be True.
    ``delegator`` is the head's position.
    """

    delegator: Position
    acts: frozenset[str]
    max_level: Level
    valid_from: dt.date
    valid_to: dt.date | None = None
    written: bool = True
    reference: str = field(default="")

    def covers(self, act: str, level: Level, on: dt.date) -> bool:
        in_term = self.valid_from <= on and (self.valid_to is None or on <= self.valid_to)
        return self.written and in_term and act in self.acts and level <= self.max_level
