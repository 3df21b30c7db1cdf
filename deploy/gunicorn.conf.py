"""gunicorn for make serve and make bench: every number from the environment, defaults for 2 cores."""

import multiprocessing
import os

from dortmund_integration.logging import logging_settings

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

# Logs on stderr as the application writes them (dortmund_integration/logging.py): JSON lines unless
# LOG_FORMAT=text, without personal data. No access log by default (Varnish keeps its own); with
# GUNICORN_ACCESS_LOG=- (stdout) or a file, one line per request without client address and query string:
# method, path, status, bytes, milliseconds.
access_log_format = "%(m)s %(U)s %(s)s %(B)s %(M)sms"
loglevel = "info"  # gunicorn's own lines: start, workers booting, exiting and timing out
_logging = logging_settings(os.environ.get("LOG_FORMAT", "json"), os.environ.get("LOG_LEVEL", "WARNING"))
_formatter = _logging["handlers"]["console"]["formatter"]
_access_handler = {"class": "logging.StreamHandler", "stream": "ext://sys.stdout"}
if accesslog and accesslog != "-":
    _access_handler = {"class": "logging.FileHandler", "filename": accesslog}
logconfig_dict = {
    **_logging,
    "handlers": {
        **_logging["handlers"],
        "access": {**_access_handler, "filters": ["personal_data"], "formatter": _formatter},
    },
    "loggers": {
        **_logging["loggers"],
        "gunicorn.error": {"level": "INFO", "handlers": ["console"], "propagate": False},
        # Without GUNICORN_ACCESS_LOG the access logger has no handler and writes nothing.
        "gunicorn.access": {"level": "INFO", "handlers": ["access"] if accesslog else [], "propagate": False},
    },
}
