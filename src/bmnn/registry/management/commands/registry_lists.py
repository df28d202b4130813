"""Load the shipped classification lists, or import list files: ``registry_lists [FILE ...]``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from bmnn.core.errors import Refused
from bmnn.registry.services import lists


class Command(BaseCommand):
    help = "Import classification lists (TOML/YAML/XLSX); without files, load the shipped examples."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("files", nargs="*", type=Path)

    def handle(self, *args: Any, files: list[Path], **options: Any) -> None:
        try:
            if not files:
                done = lists.load_shipped()
            else:
                done = [lists.import_list(None, path.read_bytes(), path.name) for path in files]
        except Refused as exc:
            raise CommandError(exc.message) from None
        except OSError as exc:
            raise CommandError(f"Không đọc được tệp: {exc}") from None
        for clist in done:
            self.stdout.write(f"{clist.decision_number}: {clist.items.count()} mục")
        if not done:
            self.stdout.write("Không có danh mục mới.")
