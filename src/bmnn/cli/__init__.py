"""The ``bmnn`` command.

Each area registers its own sub-commands through a ``register(subparsers)`` function that adds a
sub-parser and sets ``func`` (a callable taking the parsed arguments and returning an exit code).
Registration must stay cheap: heavy imports belong inside ``func``.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence

# Modules that contribute sub-commands, in the order they appear in ``bmnn --help``.
COMMAND_MODULES: tuple[str, ...] = (
    "bmnn.cli.service",  # run, serve, migrate, demo, check, manage
    "bmnn.cli.audit",  # audit verify / export / checkpoint
    "bmnn.rules.cli",  # rules explain / list
    "bmnn.scanner.cli",  # scan
    "bmnn.deadlines.cli",  # daily, worker
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="bmnn",
        description="Bảo vệ bí mật nhà nước — hệ thống quản lý và an ninh mạng cho cơ quan, tổ chức.",
    )
    parser.add_argument("--version", action="version", version=_version())
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            # An area that is not installed (or not built yet) simply contributes no command.
            if exc.name and name.startswith(exc.name):
                continue
            raise
        module.register(subparsers)
    return parser


def _version() -> str:
    from bmnn import __version__

    return f"bmnn {__version__}"


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    func = getattr(args, "func", None)
    if func is None:
        parser.print_help()
        return 2
    try:
        return int(func(args) or 0)
    except KeyboardInterrupt:
        print("Đã dừng theo yêu cầu người dùng.", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader (e.g. `| head`) went away: stop quietly, as Unix tools do.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 141


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
