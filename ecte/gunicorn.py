"""gunicorn's settings for the service: `gunicorn -c python:ecte.gunicorn ecte.wsgi:application`
(the Dockerfile, docker compose and scripts/load-test.sh).

A request spends most of its time on the CPU (about 50 ms of Python for 10 to 20 ms of
PostgreSQL), so processes and threads beyond the cores only queue behind each other and
the GIL. Measured with the load test on 2 cores (docs/load-and-faults.md), 100 users:
one process per core with 2 threads each, p95 1.1 s and 51 ms of CPU a request; 2 x cores
+ 1 processes of 4 threads each, p95 2.3 s and 60 ms. The second thread keeps a core busy
while the other request waits on PostgreSQL.

Environment: GUNICORN_WORKERS (default: the CPUs this process may use),
GUNICORN_THREADS (2), GUNICORN_KEEP_ALIVE (75 s: longer than a load balancer's idle
timeout, or it reuses connections gunicorn has closed).
"""

import os

worker_class = "gthread"
workers = int(os.environ.get("GUNICORN_WORKERS") or os.process_cpu_count() or 1)
threads = int(os.environ.get("GUNICORN_THREADS") or 2)
keepalive = int(os.environ.get("GUNICORN_KEEP_ALIVE") or 75)
accesslog = "-"
