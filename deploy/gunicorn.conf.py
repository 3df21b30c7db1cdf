"""gunicorn for make serve and make bench: every number from the environment, defaults for 2 cores."""

import multiprocessing
import os

bind = f"{os.environ.get('GUNICORN_HOST', '127.0.0.1')}:{os.environ.get('GUNICORN_PORT', '8001')}"
# Rendering is CPU-bound: one synchronous worker per core plus one that waits on the database.
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() + 1))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
worker_class = "gthread" if threads > 1 else "sync"
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
# Recycle workers after this many requests (0: never); a safety net, not a fix for leaks.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "0"))
max_requests_jitter = max_requests // 10
preload_app = True
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
errorlog = "-"
proc_name = "portal"
# gunicorn's control socket is one path per user; several servers on one host would take it from each other.
control_socket_disable = True
