#!/usr/bin/env bash
# Set everything up, then lint, type-check and run the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export PATH="$PWD/.venv/bin:$PATH"
echo "== ruff"; ruff check catalog tests bench harness scripts && ruff format --check catalog tests bench harness scripts
echo "== mypy"; mypy
echo "== pytest"; pytest -n 2 "$@"
