"""
make load: 64 concurrent connections for 60 seconds on the timeline and on
search against gunicorn on loopback, which must give no errors and no 5xx;
then, on PostgreSQL, the database is stopped (pages must answer 503) and
started again (pages must recover). Exits non-zero on any failure.

LOAD_SECONDS and LOAD_CONNECTIONS change the run; DATABASE_URL picks the database.
"""

import os
import subprocess
import sys
import time

from benchmarks.run import environment, manage
from benchmarks.serving import ROOT, gunicorn, status, wrk

SECONDS = int(os.environ.get("LOAD_SECONDS", "60"))
CONNECTIONS = int(os.environ.get("LOAD_CONNECTIONS", "64"))
RECOVERY_REQUESTS = 200


def postgres(action):
    cluster = os.listdir("/etc/postgresql")[0]
    subprocess.run(["pg_ctlcluster", "--skip-systemctl-redirect", cluster, "main", action], check=True)


def main():
    url = os.environ.get("DATABASE_URL", f"sqlite:///{ROOT / 'bench-results' / 'load.sqlite3'}")
    (ROOT / "bench-results").mkdir(exist_ok=True)
    env = environment(url)
    manage(env, "migrate", "-v0")
    manage(env, "import_data", "-v0")
    manage(env, "collectstatic", "--no-input", "-v0")
    failures = []
    with gunicorn(env) as base:
        for name, path in (("timeline", "/"), ("search", "/search/?q=kosovo+border")):
            result = wrk(base + path, connections=CONNECTIONS, seconds=SECONDS)
            errors = result["non_2xx"] + result["socket_errors"]
            print(f"load: {name}: {result['rps']:,.0f} requests/s for {SECONDS} s with {CONNECTIONS} connections, "
                  f"p99 {result['latency'].get('99')}, {errors} errors")
            if errors:
                failures.append(f"{name}: {errors} errors or non-2xx answers")
        if url.startswith("postgres"):
            # A new query string each time, so that no answer comes from the page cache.
            event = f"{base}/events/kfor-enters-kosovo/?outage="
            postgres("stop")
            try:
                down = status(event + "down")
                print(f"outage: with the database stopped the event page answers {down}")
                if down != 503:
                    failures.append(f"with the database down the page answered {down}, not 503")
            finally:
                postgres("start")
            for _ in range(60):
                if status(event + "up") == 200:
                    break
                time.sleep(0.5)
            # Every worker thread may hold a connection from before the outage: none may answer an error.
            answers = [status(f"{event}{n}") for n in range(RECOVERY_REQUESTS)]
            bad = [answer for answer in answers if answer != 200]
            print(f"outage: with the database back, {len(answers) - len(bad)} of {len(answers)} requests answer 200")
            if bad:
                failures.append(f"after the database came back {len(bad)} of {len(answers)} requests failed ({sorted(set(map(str, bad)))})")
    if failures:
        print("load: FAILED: " + "; ".join(failures))
        sys.exit(1)
    print("load: passed")


if __name__ == "__main__":
    main()
