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


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="xgettext (Debian package gettext) is missing")
def test_every_message_in_the_code_is_in_the_catalogue(tmp_path):
    """makemessages over a copy of the sources finds no msgid the committed catalogue lacks (a new string
    in the code that nobody translated would otherwise show in English)."""
    import os
    import sys

    import polib

    src = Path(bmnn.__file__).parent
    copy = tmp_path / "bmnn"
    shutil.copytree(src, copy, ignore=shutil.ignore_patterns("__pycache__", "*.mo", "data", "static"))
    env = {**os.environ, "PYTHONPATH": str(src.parent), "DJANGO_SETTINGS_MODULE": "bmnn.core.settings"}
    subprocess.run(
        [sys.executable, "-m", "django", "makemessages", "-l", "vi", "--ignore=migrations/*"],
        cwd=copy,
        env=env,
        check=True,
        capture_output=True,
    )
    found = {e.msgid for e in polib.pofile(str(copy / "locale/vi/LC_MESSAGES/django.po")) if not e.obsolete}
    known = {e.msgid for e in polib.pofile(str(LOCALE / "vi/LC_MESSAGES/django.po")) if not e.obsolete}
    assert sorted(found - known) == [], "run scripts/i18n.py and translate the new messages"
