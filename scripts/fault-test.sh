#!/usr/bin/env bash
# Fault tests: Redis stopped during use, PostgreSQL restarted under a live server, a Celery
# worker killed during an export (tests/faults/, marked `faults`). The normal `pytest` run
# skips them; this runs them.
#
#   scripts/fault-test.sh                 all of them (a few minutes)
#   scripts/fault-test.sh -k postgres     any extra arguments go to pytest
#
# The tests start their own servers on 127.0.0.1 (ports 55100-56999): a private Redis, a
# private PostgreSQL cluster (initdb under .tmp/faults) for the restart, gunicorn and Celery
# workers with production settings. The test database itself lives on the shared test
# server from scripts/test-services.sh (FAULTS_DATABASE, default ecte_faults; pytest-django
# makes test_<name>). Logs, mail and files are kept in .tmp/faults/<test name>/.
set -euo pipefail
shopt -s inherit_errexit

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

eval "$(scripts/test-services.sh)"
export DATABASE_URL="${DATABASE_URL%/*}/${FAULTS_DATABASE:-ecte_faults}"
export RUN_FAULT_TESTS=1
# pytest's own bound; each wait inside the tests is bounded too.
exec timeout --kill-after=30 1200 "$ROOT/.venv/bin/pytest" -p no:xdist -q -rxX tests/faults "$@"
