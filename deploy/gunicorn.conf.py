"""gunicorn settings for catalog behind deploy/nginx.conf (scripts/run.sh, tests/serving.py).

Threaded workers: a request that waits for a spec sheet (rendered in the worker's own process
pool, catalog/specsheet/pool.py) holds one thread, while the worker's other threads go on
serving. nginx buffers every request and response, so no thread ever waits on a slow client.
Command-line flags override these (`-w 4`, `--bind unix:/run/catalog.sock`).
"""

import os

workers = int(os.environ.get("WORKERS", "2"))
worker_class = "gthread"
threads = int(os.environ.get("THREADS", "12"))  # > SPEC_QUEUE: PDF waits never take all
preload_app = True  # the rulebook is loaded once, before forking
timeout = 120  # the worker's heartbeat; longer than SPEC_TIMEOUT
graceful_timeout = 30
forwarded_allow_ips = "127.0.0.1"


def post_worker_init(worker):
    """Each worker starts its PDF render pool before its first request."""
    from catalog.specsheet import pool

    config = worker.wsgi.config
    pool.warm(config["SPEC_WORKERS"], config["SPEC_NICE"])


def worker_exit(server, worker):
    """The worker's PDF render processes and their tracker end with it, reaped here."""
    from catalog.specsheet import pool

    pool.stop()
