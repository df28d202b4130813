#!/usr/bin/env bash
# Creates .venv with Python 3.11 (if needed) and installs bmnn with the given extras, pinned by constraints.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
extras=${1:-}
py=${PYTHON:-}
if [ -z "$py" ]; then
  for candidate in python3.11 python3; do
    if command -v "$candidate" >/dev/null && "$candidate" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))'; then
      py=$candidate; break
    fi
  done
fi
[ -n "$py" ] || { echo "bmnn needs Python 3.11 (set PYTHON=/path/to/python3.11)" >&2; exit 1; }
if [ ! -x .venv/bin/python ]; then
  "$py" -m venv .venv || { echo "python3.11 -m venv failed: install the python3.11-venv package" >&2; exit 1; }
fi
.venv/bin/python -m pip install -q --upgrade pip >/dev/null
target="."
[ -n "$extras" ] && target=".[${extras}]"
.venv/bin/python -m pip install -q -c constraints.txt -e "$target"
