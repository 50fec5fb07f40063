#!/usr/bin/env bash
# Install what a fresh Debian machine lacks, then the Python packages into .venv. Idempotent.
# Python packages come from requirements/dev.lock (exact versions with hashes; scripts/lock.sh
# refreshes it), then the project itself, editable, without resolving anything again.
set -euo pipefail
cd "$(dirname "$0")/.."

DEB_PACKAGES=(
  python3-venv python3-dev gcc git sqlite3
  libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0   # WeasyPrint (harfbuzz-subset: fast font subsetting)
  fonts-dejavu-core fonts-noto-cjk                       # Latin + Cyrillic, Chinese
  poppler-utils                                          # pdftotext / pdffonts / pdftoppm in tests
  chromium libatomic1                                    # browser tests (Playwright drives Debian's chromium)
  nginx                                                  # the buffering proxy of scripts/run.sh (deploy/)
)

missing=()
for pkg in "${DEB_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing Debian packages: ${missing[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  echo "setup: creating .venv"
  "$PYTHON" -m venv .venv
fi
stamp=.venv/.installed-$(cat pyproject.toml setup.py requirements/dev.lock | sha256sum | cut -c1-16)
if [ ! -f "$stamp" ]; then
  echo "setup: installing Python packages from requirements/dev.lock"
  .venv/bin/pip install -q --require-hashes --no-deps -r requirements/dev.lock
  .venv/bin/pip install -q --no-deps --no-build-isolation -e .
  rm -f .venv/.installed-*; touch "$stamp"
fi
