"""A fixed-window count of one client's requests, in Django's cache (shared by every process with Redis)."""

import time

from axes.helpers import get_client_ip_address
from django.core.cache import cache


def seconds_to_wait(request, scope, *, limit, window):
    """
    Count this request against its client's allowance of ``limit`` in each ``window`` seconds, the address as
    django-axes reads it (so DJANGO_PROXY_COUNT applies). Returns the seconds to the next window when over it, else 0.
    """
    now = time.time()
    current = int(now // window)
    key = f"{scope}-rate:{get_client_ip_address(request)}:{current}"
    cache.add(key, 0, window)
    try:
        count = cache.incr(key)
    except ValueError:  # a cache that keeps nothing (the dummy cache) counts nothing
        count = 0
    return max(1, int((current + 1) * window - now)) if count > limit else 0
