"""gunicorn settings for KFOR Timeline; every value can be set from the environment (docs/deployment.md)."""

import gc
import multiprocessing
import os

wsgi_app = "kfor_site.wsgi:application"
bind = os.environ.get("GUNICORN_BIND", f"127.0.0.1:{os.environ.get('PORT', '8000')}")
# Processes rather than threads. Django's per-request state (the language, the URL prefix) lives in asgiref Locals,
# each read under a lock: with several threads in a process the page's threads queue on those locks (half of a
# loaded worker's time, sampled with py-spy), and the bench served each uncached page 15 to 25% faster with five
# single-threaded processes than with three of four threads on two cores. gthread workers keep idle keep-alive
# connections in their poller, so one thread does not tie a process to one client.
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
worker_class = "gthread"  # also with one thread: gunicorn would otherwise pick sync workers, which close every connection
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
keepalive = 5
# Workers live as long as the server: a new worker starts with an empty local page cache and spends a
# second loading Django, which at thousands of requests per second is felt. To recycle them against a
# slow leak, set GUNICORN_MAX_REQUESTS (say 100000).
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "0"))
max_requests_jitter = max_requests // 10
# Only the reverse proxy on this host may say that a request came over HTTPS.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")


def post_worker_init(worker):
    """
    Django and the application are loaded, and what they made lives as long as the worker: frozen, it is left out of
    the garbage collector's later passes. In a process that had served the pages at 100,000 events, the collector
    tracked 114,000 objects and a full pass took 57 ms; with what start-up made frozen, it tracked 8,000.
    """
    gc.freeze()
