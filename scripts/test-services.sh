#!/usr/bin/env bash
# PostgreSQL and Redis for the test suite, private to this checkout, on loopback only.
#
#   eval "$(scripts/test-services.sh)"   # start (or reuse) both, export DATABASE_URL and REDIS_URL
#   scripts/test-services.sh stop        # stop both (`make clean` does this)
#
# Start prints only `export NAME=value` lines on stdout; everything else goes to stderr.
# A DATABASE_URL or REDIS_URL already in the environment is used as it is, and the
# matching server is neither installed nor started.
#
#   PostgreSQL: 127.0.0.1:54320, cluster in .tmp/postgres, superuser role ecte/ecte, database ecte
#   Redis:      127.0.0.1:63790, no persistence, files in .tmp/redis
#
# Missing servers are installed from Debian's packages (postgresql, redis-server).
set -euo pipefail
shopt -s inherit_errexit

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TMP="$ROOT/.tmp"

PG_PORT=54320
PG_USER=ecte
PG_PASSWORD=ecte
PG_DB=ecte
REDIS_PORT=63790

log() { echo "test-services: $*" >&2; }
die() { log "error: $*"; exit 1; }
is_root() { [ "$(id -u)" -eq 0 ]; }

# --- Debian packages --------------------------------------------------------------------

apt_install() {
    local sudo=()
    is_root || sudo=(sudo)
    # One `apt-get update` an hour is plenty (the Makefile shares this stamp).
    if [ -z "$(find "$TMP/apt-updated" -mmin -60 2>/dev/null)" ]; then
        log "apt-get update"
        "${sudo[@]}" apt-get update -qq >&2
        mkdir -p "$TMP" && touch "$TMP/apt-updated"
    fi
    log "apt-get install $*"
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "$@" >&2
}

# --- PostgreSQL -------------------------------------------------------------------------

# The newest server under /usr/lib/postgresql/*/bin. (/usr/local/bin/pg_ctl or a lone psql
# client says nothing about whether a server is installed.)
pg_bin_dir() {
    local dir
    dir="$(printf '%s\n' /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
    if [ -n "$dir" ] && [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ] && [ -x "$dir/postgres" ]; then
        echo "$dir"
    fi
}

# The data directory and socket are owned by the `postgres` OS user when we are root, since
# initdb refuses to run as root. That user must be able to reach them: fall back to /tmp for
# a checkout it cannot enter (say, one under /root).
pg_root() {
    local dir="$TMP/postgres"
    if is_root && id postgres >/dev/null 2>&1; then
        mkdir -p "$TMP"
        if ! runuser -u postgres -- test -x "$TMP"; then
            dir="/tmp/ecte-postgres-$(printf %s "$ROOT" | md5sum | cut -c1-12)"
        fi
    fi
    echo "$dir"
}

as_pg_owner() {
    if is_root; then runuser -u postgres -- "$@"; else "$@"; fi
}

start_postgres() {
    local bin root data sock
    bin="$(pg_bin_dir)"
    if [ -z "$bin" ]; then
        apt_install postgresql
        bin="$(pg_bin_dir)"
        [ -n "$bin" ] || die "PostgreSQL was installed but no server is in /usr/lib/postgresql/*/bin"
    fi
    if is_root && ! id postgres >/dev/null 2>&1; then
        log "creating the postgres OS user"
        useradd --system --user-group --home-dir /var/lib/postgresql --shell /bin/bash postgres
    fi

    root="$(pg_root)"
    data="$root/data"
    sock="$root/run"
    mkdir -p "$root"
    is_root && chown postgres: "$root"
    chmod 700 "$root"
    as_pg_owner mkdir -p "$sock"

    # A cluster from another major version (the machine's server was upgraded): start afresh.
    local version
    version="$(basename "$(dirname "$bin")")"
    if [ -f "$data/PG_VERSION" ] && [ "$(cat "$data/PG_VERSION")" != "$version" ]; then
        log "cluster in $data is PostgreSQL $(cat "$data/PG_VERSION"), server is $version: recreating"
        as_pg_owner "$bin/pg_ctl" -D "$data" -m immediate stop >/dev/null 2>&1 || true
        rm -rf "$data"
    fi

    if [ ! -f "$data/PG_VERSION" ]; then
        log "initdb $data (PostgreSQL $version)"
        rm -rf "$data"
        as_pg_owner "$bin/initdb" -D "$data" --encoding=UTF8 --locale=C.UTF-8 \
            --auth-local=trust --auth-host=scram-sha-256 --no-sync >/dev/null
        cat >>"$data/postgresql.conf" <<EOF

# --- test-services.sh: private, loopback-only and fast (the data is thrown away)
listen_addresses = '127.0.0.1'
port = $PG_PORT
unix_socket_directories = '$sock'
fsync = off
synchronous_commit = off
full_page_writes = off
EOF
    fi

    if as_pg_owner "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
        log "PostgreSQL already running on 127.0.0.1:$PG_PORT ($data)"
    elif "$bin/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT"; then
        # Another checkout's cluster holds the port: use it if our role works there.
        local url="postgres://$PG_USER:$PG_PASSWORD@127.0.0.1:$PG_PORT/$PG_DB"
        "$bin/psql" "$url" -qAtc "SELECT 1" >/dev/null 2>&1 ||
            die "127.0.0.1:$PG_PORT is taken by a PostgreSQL server that is not ours"
        log "reusing the PostgreSQL server already on 127.0.0.1:$PG_PORT (not $data)"
        echo "$url"
        return
    else
        log "starting PostgreSQL $version on 127.0.0.1:$PG_PORT ($data)"
        as_pg_owner "$bin/pg_ctl" -D "$data" -l "$root/postgres.log" -w -t 60 start >/dev/null ||
            { tail -n 20 "$root/postgres.log" >&2 || true; die "PostgreSQL did not start"; }
    fi

    # The role is a superuser: pytest-django creates databases and the migrations create
    # the btree_gist and pg_trgm extensions. Both statements are safe to run every time.
    as_pg_owner "$bin/psql" -h "$sock" -p "$PG_PORT" -d postgres -v ON_ERROR_STOP=1 -qAt >/dev/null <<SQL
DO \$\$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$PG_USER') THEN
        CREATE ROLE $PG_USER LOGIN SUPERUSER PASSWORD '$PG_PASSWORD';
    END IF;
END
\$\$;
SELECT 'CREATE DATABASE $PG_DB OWNER $PG_USER'
WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '$PG_DB') \gexec
SQL
    echo "postgres://$PG_USER:$PG_PASSWORD@127.0.0.1:$PG_PORT/$PG_DB"
}

stop_postgres() {
    local bin root
    bin="$(pg_bin_dir)"
    root="$(pg_root)"
    if [ -n "$bin" ] && [ -f "$root/data/postmaster.pid" ]; then
        log "stopping PostgreSQL ($root/data)"
        as_pg_owner "$bin/pg_ctl" -D "$root/data" -m fast -w stop >/dev/null || true
    fi
}

# --- Redis ------------------------------------------------------------------------------

redis_ping() {
    [ "$(redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null)" = "PONG" ]
}

start_redis() {
    if ! command -v redis-server >/dev/null || ! command -v redis-cli >/dev/null; then
        apt_install redis-server
    fi
    local dir="$TMP/redis"
    mkdir -p "$dir"
    if redis_ping; then
        log "Redis already running on 127.0.0.1:$REDIS_PORT"
    else
        log "starting Redis on 127.0.0.1:$REDIS_PORT ($dir)"
        redis-server --daemonize yes --bind 127.0.0.1 --port "$REDIS_PORT" --protected-mode yes \
            --save "" --appendonly no --dir "$dir" \
            --pidfile "$dir/redis.pid" --logfile "$dir/redis.log" >&2
        for _ in $(seq 50); do
            redis_ping && break
            sleep 0.1
        done
        redis_ping || { tail -n 20 "$dir/redis.log" >&2 || true; die "Redis did not start"; }
    fi
    echo "redis://127.0.0.1:$REDIS_PORT/0"
}

stop_redis() {
    # Only the server this checkout started (its pid file is in .tmp/redis).
    local pid
    pid="$(cat "$TMP/redis/redis.pid" 2>/dev/null || true)"
    if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
        log "stopping Redis (pid $pid)"
        redis-cli -h 127.0.0.1 -p "$REDIS_PORT" shutdown nosave >/dev/null 2>&1 || kill "$pid" || true
    fi
}

# --- main -------------------------------------------------------------------------------

case "${1:-start}" in
start)
    database_url="${DATABASE_URL:-}"
    redis_url="${REDIS_URL:-}"
    if [ -n "$database_url" ]; then log "using DATABASE_URL from the environment"; else database_url="$(start_postgres)"; fi
    if [ -n "$redis_url" ]; then log "using REDIS_URL from the environment"; else redis_url="$(start_redis)"; fi
    printf 'export DATABASE_URL=%q\n' "$database_url"
    printf 'export REDIS_URL=%q\n' "$redis_url"
    ;;
stop)
    stop_postgres
    stop_redis
    ;;
*)
    echo "usage: $0 [start|stop]" >&2
    exit 2
    ;;
esac
