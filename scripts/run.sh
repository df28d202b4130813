#!/usr/bin/env bash
# One command: install, migrate, load the demo agency if the database is empty, serve http://127.0.0.1:8000
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/system-packages.sh runtime
bash scripts/venv.sh
exec .venv/bin/bmnn run "$@"
