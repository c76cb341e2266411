"""
The bench's server and load tools: gunicorn on a free loopback port, and wrk against it.
"""

import contextlib
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
LOAD_SECONDS = int(os.environ.get("BENCH_LOAD_SECONDS", "6"))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def status(url):
    """The HTTP status a GET of ``url`` answers, or None when nothing answers."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except OSError:
        return None


@contextlib.contextmanager
def gunicorn(env):
    """
    gunicorn as gunicorn.conf.py sets it up, on a free loopback port; yields its base URL once it answers.
    --preload loads the application before the workers are forked, so that every worker accepts
    connections from the first request on. Otherwise wrk's connections, all opened at once, may all
    land on the one worker that finished loading Django first and stay with it for the whole run.
    """
    port = free_port()
    server = subprocess.Popen(
        [PYTHON, "-m", "gunicorn", "-c", "gunicorn.conf.py", "--preload", "--bind", f"127.0.0.1:{port}",
         "--access-logfile", "/dev/null"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            if status(f"{base}/robots.txt") == 200:
                break
            time.sleep(0.2)
        yield base
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)


def drain(base, quick=0.05, timeout=30):
    """
    Wait until the server at ``base`` is idle again: when wrk stops, the requests it left in the server still run
    (a slow page's for seconds), and would weigh on the next run. Idle: robots.txt answers within ``quick``
    seconds three times in a row.
    """
    end, quick_in_a_row = time.monotonic() + timeout, 0
    while quick_in_a_row < 3 and time.monotonic() < end:
        started = time.monotonic()
        status(f"{base}/robots.txt")
        quick_in_a_row = quick_in_a_row + 1 if time.monotonic() - started < quick else 0
        time.sleep(0.05)


def wrk(url, connections=32, seconds=LOAD_SECONDS, script=None):
    # A request that takes more than 10 s counts as an error (wrk's default is 2 s).
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s", "--latency"]
    result = subprocess.run([*command, *(["-s", str(script)] if script else []), url],
                            capture_output=True, text=True, check=True).stdout
    latency = dict(re.findall(r"^\s+(50|90|99)%\s+([\d.]+\w+)", result, re.M))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", result)
    sockets = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", result)
    hits = re.search(r"^cache hits (\d+) of (\d+)", result, re.M)  # printed by cache_hits.lua
    return {"rps": float(re.search(r"Requests/sec:\s+([\d.]+)", result).group(1)), "latency": latency,
            "non_2xx": int(errors.group(1)) if errors else 0, "socket_errors": sum(map(int, sockets.groups())) if sockets else 0,
            **({"hit_rate": int(hits.group(1)) / max(int(hits.group(2)), 1)} if hits else {})}


def median_run(runs):
    """Of several wrk runs, the one with the median requests/s."""
    return sorted(runs, key=lambda r: r["rps"])[len(runs) // 2]
