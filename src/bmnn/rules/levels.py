"""Classification levels (độ mật) and the fields of state secrets (Law 29/2018, Art. 7 and 8)."""

from __future__ import annotations

import enum
from collections.abc import Iterable


class Level(enum.Enum):
    """The three classification levels, ordered ``MAT < TOI_MAT < TUYET_MAT`` (R-CLS-1)."""

    MAT = "MAT"
    TOI_MAT = "TOI_MAT"
    TUYET_MAT = "TUYET_MAT"

    @property
    def rank(self) -> int:
        return _RANK[self]

    @property
    def label_vi(self) -> str:
        return _LABELS[self][0]

    @property
    def label_en(self) -> str:
        return _LABELS[self][1]

    @property
    def slug(self) -> str:
        """CLI slug: ``mat``, ``toi-mat``, ``tuyet-mat``."""
        return self.value.lower().replace("_", "-")

    @property
    def stamp_text(self) -> str:
        """The upper-case stamp wording: ``MẬT``, ``TỐI MẬT``, ``TUYỆT MẬT``."""
        return self.label_vi.upper()

    @classmethod
    def parse(cls, text: str | Level) -> Level:
        """Accept a member, its value, its CLI slug or its Vietnamese label (any case)."""
        if isinstance(text, Level):
            return text
        key = text.strip().upper().replace("-", "_").replace(" ", "_")
        for level in cls:
            if key in (level.value, level.stamp_text.replace(" ", "_")):
                return level
        raise ValueError(f"unknown classification level: {text!r}")

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Level):
            return NotImplemented
        return self.rank < other.rank

    def __le__(self, other: object) -> bool:
        if not isinstance(other, Level):
            return NotImplemented
        return self.rank <= other.rank

    def __gt__(self, other: object) -> bool:
        if not isinstance(other, Level):
            return NotImplemented
        return self.rank > other.rank

    def __ge__(self, other: object) -> bool:
        if not isinstance(other, Level):
            return NotImplemented
        return self.rank >= other.rank


_RANK = {Level.MAT: 1, Level.TOI_MAT: 2, Level.TUYET_MAT: 3}
_LABELS = {
    Level.MAT: ("Mật", "Confidential"),
    Level.TOI_MAT: ("Tối mật", "Secret"),
    Level.TUYET_MAT: ("Tuyệt mật", "Top Secret"),
}


def highest(levels: Iterable[Level]) -> Level | None:
    """The highest level among ``levels`` (None when empty)."""
    return max(levels, default=None, key=lambda lv: lv.rank)


#: The 15 fields of Law 29/2018 Art. 7: key -> (Vietnamese, English).
FIELDS: dict[str, tuple[str, str]] = {
    "politics": ("Chính trị", "Politics"),
    "defence": ("Quốc phòng", "Defence"),
    "security": ("An ninh", "Security"),
    "cryptography": ("Cơ yếu", "Cryptography"),
    "foreign_affairs": ("Đối ngoại", "Foreign affairs"),
    "legislation_justice": ("Lập hiến, lập pháp, tư pháp", "Constitution-making, legislation and justice"),
    "economy": ("Kinh tế", "Economy"),
    "resources_environment": ("Tài nguyên, môi trường", "Natural resources and environment"),
    "science_technology": ("Khoa học, công nghệ", "Science and technology"),
    "education_training": ("Giáo dục, đào tạo", "Education and training"),
    "culture_sport": ("Văn hóa, thể thao", "Culture and sport"),
    "information_communications": ("Thông tin và truyền thông", "Information and communications"),
    "health_population": ("Y tế, dân số", "Health and population"),
    "labour_social": ("Lao động, xã hội", "Labour and social affairs"),
    "organization_personnel": ("Tổ chức, cán bộ", "Organization and personnel"),
    "inspection_anticorruption": (
        "Thanh tra, giám sát, khiếu nại, tố cáo, phòng chống tham nhũng",
        "Inspection, supervision, complaints and anti-corruption",
    ),
    "state_audit": ("Kiểm toán nhà nước", "State audit"),
}
