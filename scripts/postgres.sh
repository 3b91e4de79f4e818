#!/usr/bin/env bash
# Starts a PostgreSQL server for the storage tests, or reuses one, and prints its connection
# string on the last line of stdout (everything else goes to stderr).
#
#   SUANWANG_PG_PORT  port on 127.0.0.1 (default 5432)
#   SUANWANG_PG_DIR   folder of the private cluster (default /tmp/suanwang-pg-<port>)
#
# A server that already answers on the port is used as it is: it must let user postgres in
# without a password from 127.0.0.1. Otherwise the Debian package is installed when missing
# (needs root) and a private cluster with trust authentication is started, listening on
# 127.0.0.1 only. For local tests only: anyone on this machine may connect as postgres.
set -euo pipefail

port=${SUANWANG_PG_PORT:-5432}
dir=${SUANWANG_PG_DIR:-/tmp/suanwang-pg-$port}
database=suanwang_test

say() { echo "postgres.sh: $*" >&2; }

answers() { (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; }

# The newest installed server binaries: the Debian layout first, then PATH (/usr/local/bin on
# some machines links there).
find_bin() {
    local candidate
    for candidate in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k5 -V -r); do
        if [[ -x "$candidate/$1" ]]; then echo "$candidate/$1"; return 0; fi
    done
    command -v "$1" 2>/dev/null
}

# Runs a server binary as the owner of the cluster: initdb and postgres refuse to run as root.
as_owner() {
    if [[ $(id -u) -eq 0 ]]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

install_packages() {
    if [[ $(id -u) -ne 0 ]]; then
        say "PostgreSQL is not installed and this is not root: install the postgresql package or set SUANWANG_TEST_POSTGRES"
        exit 1
    fi
    say "installing PostgreSQL"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update >&2
    # postgresql-common first, then tell it not to create and start a main cluster of its own
    # (on 5432, with password authentication) when the server package arrives.
    apt-get install -y --no-install-recommends postgresql-common >&2
    sed -ri 's/^#?[[:space:]]*create_main_cluster[[:space:]]*=.*/create_main_cluster = false/' /etc/postgresql-common/createcluster.conf
    apt-get install -y --no-install-recommends postgresql >&2
}

# Two test runs starting at once must not both initialise the cluster. The server must not
# inherit the lock (9>&- below), or it would hold it for as long as it runs.
exec 9>"/tmp/suanwang-pg-$port.lock"
flock 9

if answers; then
    say "using the server on 127.0.0.1:$port"
else
    if [[ -z "$(find_bin initdb)" || -z "$(find_bin pg_ctl)" || -z "$(find_bin psql)" ]]; then
        install_packages
    fi
    initdb=$(find_bin initdb)
    pg_ctl=$(find_bin pg_ctl)
    if [[ $(id -u) -eq 0 ]]; then
        install -d -o postgres -g postgres "$dir"
    else
        mkdir -p "$dir"
    fi
    if [[ ! -f "$dir/data/PG_VERSION" ]]; then
        say "creating a cluster in $dir/data"
        as_owner "$initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C >&2
    fi
    say "starting the server on 127.0.0.1:$port"
    as_owner "$pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
        -o "-c listen_addresses=127.0.0.1 -p $port -k $dir" start >&2 9>&-
fi

psql=$(find_bin psql)
if [[ -z "$psql" ]]; then
    install_packages
    psql=$(find_bin psql)
fi
sql() { "$psql" -h 127.0.0.1 -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1 -tAc "$1"; }
if [[ "$(sql "SELECT 1 FROM pg_database WHERE datname = '$database'")" != "1" ]]; then
    sql "CREATE DATABASE $database" >&2
fi

echo "Host=127.0.0.1;Port=$port;Username=postgres;Database=$database"
