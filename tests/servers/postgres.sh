#!/usr/bin/env bash
# Makes a throw-away PostgreSQL database for the tests and prints its connection string (and nothing else on stdout).
# Installs Debian's PostgreSQL when it is missing and starts its cluster (no systemd here: pg_ctlcluster); needs root.
# Exits non-zero with the reason on stderr when it cannot: the tests then report PostgreSQL as skipped.
set -euo pipefail

if ! command -v pg_lsclusters >/dev/null; then
  if [ "$(id -u)" != 0 ]; then
    echo "PostgreSQL is not installed and installing it needs root" >&2
    exit 1
  fi
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
fi

cluster=$(pg_lsclusters --no-header | head -1)
if [ -z "$cluster" ]; then
  echo "PostgreSQL is installed but has no cluster" >&2
  exit 1
fi
read -r version name port status _ <<<"$cluster"
if [ "$status" != online ]; then
  pg_ctlcluster "$version" "$name" start >&2
fi

# One database per calling process (test.sh passes its pid as TSUNAGU_TEST_OWNER), named after that pid. Databases of processes that have ended are dropped;
# those of runs still going (another worktree's test.sh on this machine) are left alone.
owner=${TSUNAGU_TEST_OWNER:-$PPID}
database="tsunagu_test_${owner}"
password="tsunagu-test"
as_postgres() { runuser -u postgres -- psql -p "$port" -v ON_ERROR_STOP=1 -qAt "$@"; }
for old in $(as_postgres -c "SELECT datname FROM pg_database WHERE datname LIKE 'tsunagu_test_%'"); do
  pid=${old#tsunagu_test_}
  if [ "$old" = "$database" ] || ! kill -0 "$pid" 2>/dev/null; then
    as_postgres -c "DROP DATABASE IF EXISTS \"$old\" WITH (FORCE)" >&2
  fi
done
if [ -z "$(as_postgres -c "SELECT 1 FROM pg_roles WHERE rolname = 'tsunagu_test'")" ]; then
  as_postgres -c "CREATE ROLE tsunagu_test LOGIN PASSWORD '$password'" >&2
fi
as_postgres -c "CREATE DATABASE \"$database\" OWNER tsunagu_test" >&2
echo "Host=127.0.0.1;Port=$port;Database=$database;Username=tsunagu_test;Password=$password"
