"""Developer tool: refresh the message catalogues and fill in Vietnamese translations.

    .venv/bin/python scripts/i18n.py [drafts.json ...]

1. runs ``makemessages`` for vi and en from ``src/bmnn`` (English msgids in the code);
2. fills empty Vietnamese msgstrs from the given JSON files (``{"English msgid": "Vietnamese"}``), and
   copies msgid → msgstr for English;
3. clears "fuzzy" guesses that were not confirmed by a draft, lists what is still untranslated;
4. runs ``compilemessages``.

Needs ``polib`` (in the test extra) and GNU gettext.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src" / "bmnn"


def manage(*args: str) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "DJANGO_SETTINGS_MODULE": "bmnn.core.settings"}
    subprocess.run(  # noqa: S603 - fixed argv, our own interpreter
        [sys.executable, "-m", "django", *args], cwd=SRC, env=env, check=True, stdout=subprocess.DEVNULL
    )


def main(argv: list[str]) -> int:
    drafts: dict[str, str] = {}
    for name in argv:
        drafts.update(json.loads(Path(name).read_text(encoding="utf-8")))
    manage("makemessages", "-l", "vi", "-l", "en", "--ignore=migrations/*")
    missing = []
    for lang in ("vi", "en"):
        path = SRC / "locale" / lang / "LC_MESSAGES" / "django.po"
        po = polib.pofile(str(path), wrapwidth=0)
        for entry in po:
            if entry.obsolete:
                continue
            if entry.msgid_plural:
                # Plural forms are kept as translated by hand in the .po (Vietnamese has one form).
                if lang == "vi" and not any(entry.msgstr_plural.values()):
                    missing.append(entry.msgid)
                continue
            if lang == "en":
                entry.msgstr = entry.msgid
            elif entry.msgid in drafts and (not entry.msgstr or "fuzzy" in entry.flags):
                entry.msgstr = drafts[entry.msgid]
            if "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
                entry.previous_msgid = entry.previous_msgctxt = None
                if lang == "vi" and entry.msgid not in drafts:
                    entry.msgstr = ""
            if lang == "vi" and not entry.msgstr:
                missing.append(entry.msgid)
        po[:] = [e for e in po if not e.obsolete]
        po.save(str(path))
    manage("compilemessages", "-l", "vi", "-l", "en")
    for msgid in missing:
        print(f"untranslated: {msgid!r}")
    return 1 if missing else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
