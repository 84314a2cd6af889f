"""gunicorn's settings for the service: `gunicorn -c python:ecte.gunicorn ecte.wsgi:application`
(the Dockerfile, docker compose and scripts/load-test.sh).

A request spends most of its time on the CPU (about 25 ms of Python for 4 to 5 ms of
PostgreSQL), and the threads of one process take turns on one interpreter lock: a second
thread keeps a core busy while the first waits on PostgreSQL, but a request ready to run
waits for the lock, and the tail grows. Two single-threaded processes per core do the
same without the lock: each process has its own, and the spare one runs while another
waits. Measured with the load test on 2 cores, 100 users, 24 November 2026, in turns
(docs/load-and-faults.md): 4 x 1 p95 110, 84 and 91 ms; 2 x 2 (the setting before) 230,
160 and 100 ms, at the same 23 to 31 ms of CPU a request. On 23 November, 5 processes of
4 threads each had cost 18% more CPU a request than 2 x 2, and doubled its p95.

Environment: GUNICORN_WORKERS (default: twice the CPUs this process may use),
GUNICORN_THREADS (1), GUNICORN_KEEP_ALIVE (75 s: longer than a load balancer's idle
timeout, or it reuses connections gunicorn has closed).
"""

import os

worker_class = "gthread"
workers = int(os.environ.get("GUNICORN_WORKERS") or 2 * (os.process_cpu_count() or 1))
threads = int(os.environ.get("GUNICORN_THREADS") or 1)
keepalive = int(os.environ.get("GUNICORN_KEEP_ALIVE") or 75)
accesslog = "-"
