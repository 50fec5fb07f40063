#!/usr/bin/env bash
# Set everything up on a fresh Debian machine and start the service on its embedded defaults:
# SQLite in instance/, the demo data, and a printed login for each role.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export PATH="$PWD/.venv/bin:$PATH"

flask --app catalog init-db
out=$(flask --app catalog demo-data)
echo "$out"
logins=instance/demo-logins.txt  # instance/ is never committed; passwords are shown once
touch "$logins" && chmod 600 "$logins"
echo "$out" | grep ' password ' >> "$logins" || true

host=${HOST:-127.0.0.1}
port=${PORT:-8000}
echo
echo "Logins (also in $logins):"
sed 's/ token .*//' "$logins"
echo
echo "catalog is starting on http://$host:$port/  (API docs: http://$host:$port/api/docs)"
# --preload with ENGINE_PREPARE: the rules are compiled once, in the master, before workers fork
export CATALOG_ENGINE_PREPARE=1
exec gunicorn --workers "${WORKERS:-2}" --preload --bind "$host:$port" 'catalog:create_app()'
