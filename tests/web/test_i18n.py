"""The Vietnamese catalogue is complete and the committed .mo matches the .po it is compiled from."""

from __future__ import annotations

import gettext
import shutil
import subprocess
from pathlib import Path

import pytest
from django.utils import translation

import bmnn

LOCALE = Path(bmnn.__file__).parent / "locale"


def _catalog(mo: Path) -> dict:
    with mo.open("rb") as fh:
        return dict(gettext.GNUTranslations(fh)._catalog)  # type: ignore[attr-defined]


def test_every_vietnamese_message_is_translated():
    po = (LOCALE / "vi/LC_MESSAGES/django.po").read_text(encoding="utf-8")
    blocks = po.split("\n\n")[1:]
    untranslated = [b for b in blocks if '\nmsgstr ""' in b and "\n\"" not in b.split("msgstr", 1)[1]]
    fuzzy = [b for b in blocks if "#, fuzzy" in b]
    assert untranslated == [] and fuzzy == []


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="msgfmt (Debian package gettext) is not installed")
def test_committed_mo_matches_po(tmp_path):
    for lang in ("vi", "en"):
        folder = LOCALE / lang / "LC_MESSAGES"
        out = tmp_path / f"{lang}.mo"
        subprocess.run(["msgfmt", "--check-format", "-o", str(out), str(folder / "django.po")], check=True)
        assert _catalog(out) == _catalog(folder / "django.mo"), f"run compilemessages for {lang}"


def test_translation_is_active_for_vietnamese():
    with translation.override("vi"):
        assert translation.gettext("Sign in") == "Đăng nhập"
    with translation.override("en"):
        assert translation.gettext("Sign in") == "Sign in"
