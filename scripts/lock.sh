#!/usr/bin/env bash
# Regenerates constraints.txt (the lock) from the current .venv after a dependency change in pyproject.toml.
set -euo pipefail
cd "$(dirname "$0")/.."
{
  echo "# Exact versions tested together; installs use 'pip install -c constraints.txt'. Regenerate: scripts/lock.sh"
  .venv/bin/python -m pip freeze --exclude-editable | grep -v -e '^-e' -e '^bmnn=='
} > constraints.txt
