#!/usr/bin/env bash
# Postgres and Redis for the tests that need real ones (vitest project "scale"), the way
# ensure-chromium.sh provides a browser: Debian's packages, installed when missing.
#   services.sh start <dir>   start both on loopback, data under <dir>; prints DATABASE_URL= and REDIS_URL=
#   services.sh stop <dir>    stop what `start <dir>` started
# Postgres refuses to run as root, so as root its data dir belongs to the postgres user.
set -euo pipefail
cmd="${1:-}"; dir="${2:-}"
[ -n "$cmd" ] && [ -n "$dir" ] || { echo "usage: services.sh start|stop <dir>" >&2; exit 2; }

SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

# Written as text: with FORCE_COLOR set (Playwright sets it) console.log colours a number.
free_port() { node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{process.stdout.write(s.address().port + "\n");s.close()})'; }

if [ "$cmd" = stop ]; then
  [ -f "$dir/redis.pid" ] && kill "$(cat "$dir/redis.pid")" 2>/dev/null || true
  if [ -f "$dir/pgdata" ]; then
    pgdata=$(cat "$dir/pgdata")
    as_pg "$(pg_bin)/pg_ctl" -D "$pgdata/db" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$pgdata"
  fi
  rm -rf "$dir"
  exit 0
fi

if [ -z "$(pg_bin)" ] || ! command -v redis-server >/dev/null; then
  echo "Installing Debian's postgresql and redis-server for the scale tests…" >&2
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq postgresql redis-server >/dev/null
  # The packages start system-wide services on their default ports; the tests use their own.
  $SUDO service postgresql stop >/dev/null 2>&1 || true
  $SUDO service redis-server stop >/dev/null 2>&1 || true
fi

mkdir -p "$dir"
pg_port=$(free_port); redis_port=$(free_port)

# Its own folder, which the postgres user can reach even when <dir> sits in a private one.
pgdata=$(mktemp -d /tmp/tierflow-pg-XXXXXX); echo "$pgdata" >"$dir/pgdata"
[ "$(id -u)" -eq 0 ] && chown postgres "$pgdata"
as_pg "$(pg_bin)/initdb" -D "$pgdata/db" -U tierflow --auth=trust -E UTF8 --locale=C.UTF-8 --no-sync >/dev/null
as_pg "$(pg_bin)/pg_ctl" -D "$pgdata/db" -l "$pgdata/log" -w -o "-h 127.0.0.1 -p $pg_port -k $pgdata -F -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" start >/dev/null \
  || { echo "Postgres did not start:" >&2; cat "$pgdata/log" >&2; exit 1; }

redis-server --bind 127.0.0.1 --port "$redis_port" --daemonize yes --save '' --appendonly no \
  --dir "$dir" --pidfile "$dir/redis.pid" --logfile "$dir/redis.log" >/dev/null
for _ in $(seq 50); do redis-cli -p "$redis_port" ping >/dev/null 2>&1 && break; sleep 0.1; done

echo "DATABASE_URL=postgres://tierflow@127.0.0.1:$pg_port/postgres"
echo "REDIS_URL=redis://127.0.0.1:$redis_port"
