#!/usr/bin/env bash
# Load test: locust, headless, against gunicorn with production settings, on loopback only.
#
#   scripts/load-test.sh                  100 users for 5 minutes; exit 1 unless the pass criteria hold
#   RUN_TIME=1m USERS=20 scripts/load-test.sh
#
# It starts PostgreSQL and Redis (scripts/test-services.sh), makes a database of its own
# (LOAD_DATABASE, dropped and made again each run), migrates and seeds it (seed_national
# --scale $SEED_SCALE when the command exists, seed_demo, then tests/load/seed.py),
# collects the static files, serves the app with gunicorn on 127.0.0.1:$LOAD_PORT and runs
# tests/load/locustfile.py against it. Users sign in through the real email-code sign-in:
# the codes are written by Django's file email backend to .tmp/load/mail and read from there.
#
# Pass criteria: no failed request, and the 95th percentile of all requests at most
# $P95_LIMIT_MS ms. A Markdown summary goes to stdout; logs and locust's CSV files to
# .tmp/load/.
#
# Settings (environment):
#   USERS=100 SPAWN_RATE=10 RUN_TIME=5m P95_LIMIT_MS=500
#   LOAD_PORT=55080 LOAD_DATABASE=ecte_load LOAD_REDIS_DB=14 LOAD_OUT=.tmp/load
#   GUNICORN_WORKERS=2 x cores GUNICORN_THREADS=1 (gthread workers, ecte/gunicorn.py) GUNICORN_KEEP_ALIVE=15
#   SEED_SCALE=0.01 LOAD_SCHOOLS=100 LOAD_ECTS_PER_SCHOOL=20
#   LOAD_REUSE_DATABASE=1   keep the database a previous run made and seeded (saves minutes)
set -euo pipefail
shopt -s inherit_errexit

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
OUT="${LOAD_OUT:-$ROOT/.tmp/load}"
PY="$ROOT/.venv/bin/python"

USERS="${USERS:-100}"
SPAWN_RATE="${SPAWN_RATE:-10}"
RUN_TIME="${RUN_TIME:-5m}"
P95_LIMIT_MS="${P95_LIMIT_MS:-500}"
LOAD_PORT="${LOAD_PORT:-55080}"
LOAD_DATABASE="${LOAD_DATABASE:-ecte_load}"
LOAD_REDIS_DB="${LOAD_REDIS_DB:-14}"
# gunicorn as production runs it (ecte/gunicorn.py): two single-threaded processes per CPU.
GUNICORN_WORKERS="${GUNICORN_WORKERS:-$((2 * $(nproc)))}"
GUNICORN_THREADS="${GUNICORN_THREADS:-1}"
# Longer than the users' longest think time (8 s): a gthread worker closes an idle
# keep-alive connection after this, and a client that sends its next request just as the
# server closes it gets a reset ("status 0"), which no real browser would report.
GUNICORN_KEEP_ALIVE="${GUNICORN_KEEP_ALIVE:-15}"
SEED_SCALE="${SEED_SCALE:-0.01}"
LOAD_SCHOOLS="${LOAD_SCHOOLS:-100}"
LOAD_ECTS_PER_SCHOOL="${LOAD_ECTS_PER_SCHOOL:-20}"

log() { echo "load-test: $*" >&2; }

[[ "$LOAD_DATABASE" =~ ^[a-z_][a-z0-9_]*$ ]] || { log "LOAD_DATABASE must be a plain name"; exit 2; }
rm -rf "$OUT"
mkdir -p "$OUT/mail"

# --- servers: PostgreSQL and Redis on loopback -------------------------------------------
eval "$(scripts/test-services.sh)"
# The same server, a database of our own; the same Redis, a database number of our own.
SERVER_URL="${DATABASE_URL%/*}"
export DATABASE_URL="$SERVER_URL/$LOAD_DATABASE"
export REDIS_URL="${REDIS_URL%/*}/$LOAD_REDIS_DB"
case "$DATABASE_URL$REDIS_URL" in
*@127.0.0.1:*redis://127.0.0.1:*) ;;
*) log "PostgreSQL and Redis must be on 127.0.0.1: $DATABASE_URL $REDIS_URL"; exit 2 ;;
esac

REUSE="${LOAD_REUSE_DATABASE:-0}"
if [ "$REUSE" = 1 ] && [ -f "$ROOT/.tmp/load-seeded-$LOAD_DATABASE" ]; then
    log "database $LOAD_DATABASE (reused, seeded by an earlier run), Redis db $LOAD_REDIS_DB"
else
    REUSE=0
    rm -f "$ROOT/.tmp/load-seeded-$LOAD_DATABASE"
    log "database $LOAD_DATABASE (made afresh), Redis db $LOAD_REDIS_DB"
    "$PY" - "$SERVER_URL/postgres" "$LOAD_DATABASE" <<'PYTHON'
import sys

import psycopg

url, name = sys.argv[1:]
with psycopg.connect(url, autocommit=True) as connection:
    connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    connection.execute(f'CREATE DATABASE "{name}"')
PYTHON
fi
redis-cli -u "$REDIS_URL" flushdb >/dev/null

# --- production settings, made up for this run --------------------------------------------
export DJANGO_SETTINGS_MODULE=ecte.settings.production
SECRET_KEY="$("$PY" -c 'import secrets; print(secrets.token_urlsafe(64))')"
export SECRET_KEY
export ALLOWED_HOSTS=127.0.0.1
export SERVICE_URL="http://127.0.0.1:$LOAD_PORT"
# Plain http on loopback: no TLS terminator in front, so no redirect to https.
export SECURE_SSL_REDIRECT=0
export EMAIL_BACKEND=django.core.mail.backends.filebased.EmailBackend
export EMAIL_FILE_PATH="$OUT/mail"
export LOG_LEVEL=WARNING

log "migrate, collectstatic"
"$PY" manage.py migrate --noinput >"$OUT/migrate.log"
"$PY" manage.py collectstatic --noinput >"$OUT/collectstatic.log"

if [ "$REUSE" = 0 ]; then

    # seed_national (when the command exists) fills only an empty database, so it goes first;
    # seed_demo then adds the accounts the users sign in as. It refuses to run without DEBUG:
    # run it, and only it, under the development settings.
    : >"$OUT/seed.log"
    if "$PY" manage.py help seed_national >/dev/null 2>&1; then
        log "seed: seed_national --scale $SEED_SCALE"
        "$PY" manage.py seed_national --scale "$SEED_SCALE" >>"$OUT/seed.log"
    else
        log "seed: no seed_national command; seed_demo and tests/load/seed.py only"
    fi
    log "seed: seed_demo (the accounts the users sign in as)"
    DJANGO_SETTINGS_MODULE=ecte.settings.development DJANGO_DEBUG=1 "$PY" manage.py seed_demo \
        >>"$OUT/seed.log"
    log "seed: tests/load/seed.py ($LOAD_SCHOOLS schools x $LOAD_ECTS_PER_SCHOOL ECTs)"
    "$PY" -m tests.load.seed --schools "$LOAD_SCHOOLS" --ects-per-school "$LOAD_ECTS_PER_SCHOOL" \
        >>"$OUT/seed.log"
    touch "$ROOT/.tmp/load-seeded-$LOAD_DATABASE"
fi

# --- gunicorn -----------------------------------------------------------------------------
GUNICORN_PID=""
stop_gunicorn() {
    if [ -n "$GUNICORN_PID" ] && kill -0 "$GUNICORN_PID" 2>/dev/null; then
        kill -TERM "$GUNICORN_PID"
        for _ in $(seq 100); do kill -0 "$GUNICORN_PID" 2>/dev/null || break; sleep 0.1; done
        kill -KILL "$GUNICORN_PID" 2>/dev/null || true
    fi
}
trap stop_gunicorn EXIT

log "gunicorn on 127.0.0.1:$LOAD_PORT ($GUNICORN_WORKERS gthread workers x $GUNICORN_THREADS threads)"
"$ROOT/.venv/bin/gunicorn" --config python:ecte.gunicorn ecte.wsgi:application \
    --bind "127.0.0.1:$LOAD_PORT" \
    --workers "$GUNICORN_WORKERS" --threads "$GUNICORN_THREADS" \
    --keep-alive "$GUNICORN_KEEP_ALIVE" \
    --access-logfile "$OUT/access.log" \
    --error-logfile "$OUT/gunicorn.log" &
GUNICORN_PID=$!
for _ in $(seq 150); do
    curl -fsS -o /dev/null --max-time 2 "http://127.0.0.1:$LOAD_PORT/healthcheck" 2>/dev/null && break
    kill -0 "$GUNICORN_PID" 2>/dev/null || { tail -n 30 "$OUT/gunicorn.log" >&2; exit 1; }
    sleep 0.2
done
curl -fsS -o /dev/null --max-time 2 "http://127.0.0.1:$LOAD_PORT/healthcheck" ||
    { log "gunicorn did not answer"; tail -n 30 "$OUT/gunicorn.log" >&2; exit 1; }

# --- locust -------------------------------------------------------------------------------
log "locust: $USERS users, spawn rate $SPAWN_RATE/s, for $RUN_TIME"
locust_status=0
# A hard bound over locust's own --run-time, in case it hangs; --stop-timeout lets users
# finish the request they are making (a queued request can take many seconds).
case "$RUN_TIME" in
*h) seconds=$((${RUN_TIME%h} * 3600)) ;;
*m) seconds=$((${RUN_TIME%m} * 60)) ;;
*s) seconds=${RUN_TIME%s} ;;
*) seconds=$RUN_TIME ;;
esac
# PostgreSQL's CPU, when it runs here: every postgres process's user + system clock ticks.
# The pool keeps gunicorn's connections open to the end, so their backends are counted.
postgres_ticks() {
    local total=0 pid fields
    for pid in $(pgrep -x postgres); do
        fields="$(cut -d')' -f2- "/proc/$pid/stat" 2>/dev/null)" || continue
        set -- $fields
        total=$((total + ${12} + ${13}))
    done
    echo "$total"
}
# The CPU of this shell's children that have ended (bash's `times`, second line, in the
# shell itself: a $(...) subshell has its own), in seconds. Locust's is the difference across
# its run, as nothing else ends meanwhile.
children_cpu_seconds() {
    tail -n 1 "$1" | awk '{ for (i = 1; i <= 2; i++) { split($i, t, /[ms]/); s += t[1] * 60 + t[2] } } END { print s }'
}
# How fast the machine runs Python just before and just after (see tests/load/speed_check.py).
SPEED_BEFORE_MS="$("$PY" -m tests.load.speed_check)"
POSTGRES_TICKS_BEFORE="$(postgres_ticks)"
times >"$OUT/times-before-locust"
LOAD_MAIL_DIR="$OUT/mail" timeout --kill-after=30 $((seconds + 180)) \
    "$ROOT/.venv/bin/locust" -f tests/load/locustfile.py --headless --only-summary \
    --host "http://127.0.0.1:$LOAD_PORT" --users "$USERS" --spawn-rate "$SPAWN_RATE" \
    --run-time "$RUN_TIME" --stop-timeout 30 --csv "$OUT/stats" \
    --exit-code-on-error 0 >"$OUT/locust.log" 2>&1 || locust_status=$?
# What the requests cost the app, whatever queued in front of it: the workers' CPU time.
SERVER_CPU_SECONDS="$(ps --ppid "$GUNICORN_PID" -o times= | awk '{s += $1} END {print s + 0}')"
POSTGRES_TICKS_AFTER="$(postgres_ticks)"
times >"$OUT/times-after-locust"
LOCUST_CPU_SECONDS="$(awk -v a="$(children_cpu_seconds "$OUT/times-before-locust")" \
    -v b="$(children_cpu_seconds "$OUT/times-after-locust")" 'BEGIN { print b - a }')"
POSTGRES_CPU_ARGS=()
if [ "$POSTGRES_TICKS_AFTER" -gt 0 ]; then
    POSTGRES_CPU_ARGS=(--postgres-cpu-seconds "$(awk -v a="$POSTGRES_TICKS_BEFORE" \
        -v b="$POSTGRES_TICKS_AFTER" -v hz="$(getconf CLK_TCK)" 'BEGIN { print (b - a) / hz }')")
fi
LOAD_AVERAGE="$(cut -d' ' -f1-3 /proc/loadavg)"
stop_gunicorn
SPEED_AFTER_MS="$("$PY" -m tests.load.speed_check)"
if [ "$locust_status" -ne 0 ]; then
    log "locust exited with status $locust_status"
    tail -n 30 "$OUT/locust.log" >&2
fi

"$PY" -m tests.load.report "$OUT/stats" --p95-limit-ms "$P95_LIMIT_MS" --users "$USERS" \
    --run-time "$RUN_TIME" --workers "$GUNICORN_WORKERS gthread workers x $GUNICORN_THREADS threads" \
    --server-cpu-seconds "$SERVER_CPU_SECONDS" --locust-cpu-seconds "$LOCUST_CPU_SECONDS" \
    "${POSTGRES_CPU_ARGS[@]}" --load-average "$LOAD_AVERAGE" \
    --speed-check-ms "$SPEED_BEFORE_MS" "$SPEED_AFTER_MS"
