#!/usr/bin/env bash
# Starts a throw-away PostgreSQL server for the tests on 127.0.0.1:55432 and prints its connection string.
# Installs Debian's postgresql first if needed. Usage: eval "$(.ci/start-postgres.sh)"
set -euo pipefail
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null) >&2
fi
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
dir=/tmp/communaute-pg
port=55432
if ! "$bin/pg_isready" -h 127.0.0.1 -p $port >/dev/null 2>&1; then
  rm -rf "$dir" && mkdir -p "$dir" && chown postgres "$dir"
  su postgres -s /bin/sh -c "'$bin/initdb' -D '$dir/data' -U postgres --auth=trust -E UTF8 >/dev/null"
  su postgres -s /bin/sh -c "'$bin/pg_ctl' -D '$dir/data' -o '-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off' -l '$dir/log' -w start >/dev/null"
fi
echo "export COMMUNAUTE_TEST_POSTGRES='Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres'"
