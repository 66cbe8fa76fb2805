#!/usr/bin/env bash
# Start the local PostgreSQL cluster if it is down and make the perfloop role (allowed to create the test DB).
set -euo pipefail
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
if ! pg_lsclusters -h 2>/dev/null | grep -q .; then
  version=$(ls /usr/lib/postgresql | sort -n | tail -1)
  $sudo pg_createcluster "$version" main
fi
read -r version cluster _port status _rest < <(pg_lsclusters -h | head -1)
if [ "$status" != "online" ]; then
  $sudo pg_ctlcluster "$version" "$cluster" start
fi
for _ in $(seq 30); do pg_isready -q -h 127.0.0.1 && break; sleep 1; done
as_postgres() { if [ "$(id -u)" -eq 0 ]; then su postgres -c "$1"; else sudo -u postgres bash -c "$1"; fi; }
as_postgres "psql -tAc \"SELECT 1 FROM pg_roles WHERE rolname='perfloop'\"" | grep -q 1 \
  || as_postgres "psql -q -c \"CREATE ROLE perfloop LOGIN PASSWORD 'perfloop' CREATEDB\""
as_postgres "psql -tAc \"SELECT 1 FROM pg_database WHERE datname='perfloop'\"" | grep -q 1 \
  || as_postgres "createdb -O perfloop perfloop"
# Browser tests drop their cloned databases WITH (FORCE); an autovacuum worker visiting one at that
# moment runs as no role, and only a member of pg_signal_backend may end it.
as_postgres "psql -q -c 'SET client_min_messages = warning' -c 'GRANT pg_signal_backend TO perfloop'" >/dev/null
if [ "${CI:-}" = "true" ]; then
  # CI's cluster is thrown away with the machine: it need not survive a crash, so nothing waits for the disk.
  as_postgres "psql -q -c 'ALTER SYSTEM SET fsync = off' -c 'ALTER SYSTEM SET synchronous_commit = off' -c 'ALTER SYSTEM SET full_page_writes = off' -c 'SELECT pg_reload_conf()'" >/dev/null
fi
