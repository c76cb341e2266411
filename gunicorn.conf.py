"""gunicorn settings for KFOR Timeline; every value can be set from the environment (docs/deployment.md)."""

import multiprocessing
import os

wsgi_app = "kfor_site.wsgi:application"
bind = os.environ.get("GUNICORN_BIND", f"127.0.0.1:{os.environ.get('PORT', '8000')}")
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() + 1))
threads = int(os.environ.get("GUNICORN_THREADS", "4"))  # gthread workers: keep-alive connections wait on a thread, not a process
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
