#!/usr/bin/env bash
# Set everything up on a fresh Debian machine and start the production setup on its embedded
# defaults: SQLite in instance/ (or $CATALOG_INSTANCE), the demo data, a printed login for each
# role, then nginx on HOST:PORT (deploy/nginx.conf: it buffers every request and response, so
# slow clients never hold the application) in front of gunicorn (deploy/gunicorn.conf.py,
# WORKERS x THREADS) on a unix socket. Ctrl-C (or SIGTERM) stops both.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export PATH="$PWD/.venv/bin:$PATH"
instance=${CATALOG_INSTANCE:-$PWD/instance}

flask --app catalog init-db
out=$(flask --app catalog demo-data)
echo "$out"
logins=$instance/demo-logins.txt  # instance/ is never committed; passwords are shown once
touch "$logins" && chmod 600 "$logins"
echo "$out" | grep ' password ' >> "$logins" || true

host=${HOST:-127.0.0.1}
port=${PORT:-8000}
# Runtime files: the socket, nginx's pid and temporary files. World-traversable, because nginx's
# workers run as nobody when nginx is started as root.
runtime=$(mktemp -d "${TMPDIR:-/tmp}/catalog-run.XXXXXX")
chmod 755 "$runtime"
sed -e "s|@LISTEN@|$host:$port|" -e "s|@UPSTREAM@|unix:$runtime/gunicorn.sock|" \
    -e "s|@RUNTIME@|$runtime|g" deploy/nginx.conf > "$runtime/nginx.conf"
nginx -t -q -p "$runtime" -c "$runtime/nginx.conf" -e stderr

pids=()
stop() { kill -TERM "${pids[@]}" 2>/dev/null || true; wait || true; rm -rf "$runtime"; }
trap stop EXIT
trap 'exit 0' INT TERM

# --preload with ENGINE_PREPARE: the rules are compiled once, in the master, before workers fork
export CATALOG_ENGINE_PREPARE=1
CATALOG_PROXIES=1 gunicorn -c deploy/gunicorn.conf.py --bind "unix:$runtime/gunicorn.sock" \
  'catalog:create_app()' &
pids+=($!)
for _ in $(seq 600); do [ -S "$runtime/gunicorn.sock" ] && break; sleep 0.1; done
nginx -p "$runtime" -c "$runtime/nginx.conf" -e stderr -g 'daemon off;' &
pids+=($!)

echo
echo "Logins (also in $logins):"
sed 's/ token .*//' "$logins"
echo
echo "catalog is starting on http://$host:$port/  (API docs: http://$host:$port/api/docs)"
echo "  nginx (deploy/nginx.conf) -> gunicorn (deploy/gunicorn.conf.py) on $runtime/gunicorn.sock"
wait -n  # when either stops, stop the other
