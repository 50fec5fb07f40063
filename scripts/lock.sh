#!/usr/bin/env bash
# Refresh the lock files from pyproject.toml's ranges (pip-compile from pip-tools, with hashes):
#   requirements/runtime.lock  the dependencies alone (what the wheel needs; tests/test_packaging.py)
#   requirements/dev.lock      the same plus the dev extra (scripts/setup.sh installs this one)
# Run it after changing a dependency in pyproject.toml, or with --upgrade to take new releases
# (e.g. scripts/lock.sh --upgrade, or --upgrade-package flask); commit both files.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export CUSTOM_COMPILE_COMMAND="scripts/lock.sh"
common=(--quiet --generate-hashes --strip-extras --no-emit-index-url --no-emit-find-links "$@")
.venv/bin/pip-compile "${common[@]}" --allow-unsafe -o requirements/runtime.lock pyproject.toml  # dd needs setuptools at run time
.venv/bin/pip-compile "${common[@]}" --extra dev --allow-unsafe -o requirements/dev.lock pyproject.toml
