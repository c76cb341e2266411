"""
make bench: KFOR Timeline at 10,000 and 100,000 synthetic events, served as docs/deployment.md deploys it
(gunicorn, the Redis cache).

For each size: import throughput and peak memory; server time (median, 95th percentile) and query count of each
page without the page cache; then loopback load runs with wrk, each beside a run of a static file of the same size
on the same server: the cached timeline, the timeline while another process edits one event a second, and random
filter combinations, each URL new to the page cache. Prints each ratio beside its floor, and writes a dated
report to bench-results/report.md.

Runs on the database DATABASE_URL names (a fresh database per size is created
beside it), or on SQLite files in bench-results/, dropped when measured unless
BENCH_KEEP=1. Sizes: BENCH_SIZES=10000,100000.
"""

import datetime
import json
import os
import shutil
import subprocess

from benchmarks.serving import LOAD_SECONDS, PYTHON, ROOT, drain, gunicorn, median_run, wrk

OUT = ROOT / "bench-results"
SIZES = [int(s) for s in os.environ.get("BENCH_SIZES", "10000,100000").split(",")]
REPEAT = int(os.environ.get("BENCH_REPEAT", "25"))
LOAD_ROUNDS = int(os.environ.get("BENCH_LOAD_ROUNDS", "3"))
BASE_URL = os.environ.get("DATABASE_URL", "")
KEEP = os.environ.get("BENCH_KEEP") == "1"  # keep each size's database for a closer look afterwards
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/5")
# Shares of the static file's requests/s on the same server, in the same rounds.
FLOORS = {"timeline (cached)": 0.8, "timeline (cached, one edit a second)": 0.8, "random filters (uncached pages)": 0.05}
RANDOM_P99_MS, P95_MS = 1000, 50  # the random filters' 99th percentile; each uncached page's server time
UNCACHED_PAGES = ("timeline", "filtered timeline", "event", "actor", "search")


def database_url(size, *, create=True):
    """A fresh database for ``size`` events (or, with create=False, drop it and its data)."""
    if BASE_URL.startswith("postgres"):
        name = f"kfor_bench_{size}"
        admin = BASE_URL.rsplit("/", 1)[0] + "/postgres"
        commands = ["-c", f"DROP DATABASE IF EXISTS {name}"] + (["-c", f"CREATE DATABASE {name}"] if create else [])
        subprocess.run(["psql", admin, "-q", *commands], check=True)
        return BASE_URL.rsplit("/", 1)[0] + f"/{name}"
    path = OUT / f"bench-{size}.sqlite3"
    path.unlink(missing_ok=True)
    return f"sqlite:///{path}"


def environment(url, **extra):
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(DJANGO_SETTINGS_MODULE="kfor_site.settings", DJANGO_SECRET_KEY="benchmark-only-secret-key-" + "x" * 30,
               DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost,testserver", DJANGO_SECURE_SSL_REDIRECT="0",
               DJANGO_BEHIND_PROXY="0", DATABASE_URL=url, DJANGO_LOG_LEVEL="WARNING", PYTHONPATH=str(ROOT),
               DJANGO_CONN_MAX_AGE="60", REDIS_URL=REDIS_URL, **extra)  # as docs/deployment.md sets them
    return env


def manage(env, *args):
    return subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True, text=True)


def import_run(env, size):
    folder = OUT / f"data-{size}"
    shutil.rmtree(folder, ignore_errors=True)
    subprocess.run([PYTHON, "-c", f"import django; django.setup(); from benchmarks.synthetic import write_csv_dataset; "
                                  f"write_csv_dataset({str(folder)!r}, {size})"], cwd=ROOT, env=env, check=True)
    # The command runs in a process of its own; the clock runs from its start to its end (reading, checking,
    # writing, commit and ANALYZE), without the half second Python and Django take to start.
    result = subprocess.run([PYTHON, "-c", IMPORT_SCRIPT, str(folder)], cwd=ROOT, env=env, check=True,
                            capture_output=True, text=True)
    seconds, peak_kb = json.loads(result.stdout.strip().splitlines()[-1])
    return {"rows_per_second": size / seconds, "seconds": seconds, "peak_mb": peak_kb / 1024}


IMPORT_SCRIPT = r"""
import json, resource, sys, time
import django
django.setup()
from django.core.management import call_command
started = time.perf_counter()
call_command("import_data", sys.argv[1], verbosity=0)
seconds = time.perf_counter() - started
print(json.dumps([seconds, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss]))
"""


PAGE_SCRIPT = r"""
import json, statistics, sys, time
import django
django.setup()
from django.conf import settings
from django.core.cache import caches
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from events.models import Actor, Event
repeat = int(sys.argv[1])
event = Event.objects.published().order_by("pk")[Event.objects.count() // 2]
pages = {
    "timeline": "/", "filtered timeline": "/?actor=actor-0&from=2005&to=2015&type=type-0",
    "event": event.get_absolute_url(), "actor": "/actors/actor-3/", "search": "/search/?q=border+patrol",
    "feed": "/feed/", "place": "/places/place-3/", "map": "/map/", "timeline (sq)": "/sq/",
}
client, results = Client(), {}
for name, url in pages.items():
    client.get(url)
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    count = len(queries.captured_queries)  # now: each request empties the connection's log
    cold = []
    for _ in range(5):  # every cache empty, the process's own too: what is kept until the content changes
        for alias in settings.CACHES:
            caches[alias].clear()
        started = time.perf_counter()
        client.get(url)
        cold.append((time.perf_counter() - started) * 1000)
    times.sort()
    results[name] = {"url": url, "median_ms": statistics.median(times), "p95_ms": times[int(len(times) * 0.95) - 1],
                     "cold_ms": statistics.median(cold), "queries": count,
                     "bytes": len(response.content)}
print(json.dumps(results))
"""


def settle(env):
    """
    Pages are timed on the database as autovacuum leaves it some minutes after an import, not while it works:
    VACUUM (ANALYZE) at once, so that a run does not depend on when autovacuum wakes (index-only scans need it).
    """
    if BASE_URL.startswith("postgres"):
        subprocess.run(["psql", env["DATABASE_URL"], "-q", "-c", "VACUUM (ANALYZE)"], check=True)


def flush_cache():
    import redis

    redis.Redis.from_url(REDIS_URL).flushdb()


def page_timings(env):
    page_env = {**env, "KFOR_PAGE_CACHE": "0"}
    result = subprocess.run([PYTHON, "-c", PAGE_SCRIPT, str(REPEAT)], cwd=ROOT, env=page_env,
                            check=True, capture_output=True, text=True)
    return json.loads(result.stdout.strip().splitlines()[-1])


HITS_SCRIPT = ROOT / "benchmarks" / "cache_hits.lua"
RANDOM_SCRIPT = ROOT / "benchmarks" / "random_filters.lua"

EDIT_SCRIPT = r"""
import random, sys, time
import django
django.setup()
from events.models import Event
ids = list(Event.objects.published().values_list("pk", flat=True))
rng, edits = random.Random(1), 0
print("ready", flush=True)  # Django loaded: the load run starts now, and does not share the machine with that
end = time.monotonic() + float(sys.argv[1])
while time.monotonic() < end:
    event = Event.objects.get(pk=rng.choice(ids))
    event.summary = f"{event.summary.split(' [')[0]} [edit {edits}]"
    event.save()  # as the admin saves: every field, through the model
    edits += 1
    time.sleep(1)
print(edits)
"""


def load_run(env, pages):
    """
    One server as deployed (page cache on, Redis). Each load run takes LOAD_ROUNDS rounds, each beside a static run
    of its own on the same server, so that a slow moment of the machine weighs on both; the median runs are compared.
    """
    probe = ROOT / "staticfiles" / "bench-probe.html"
    probe.write_bytes(b"x" * pages["timeline"]["bytes"])  # a static file the size of the timeline page
    static, results = "/static/bench-probe.html", {}
    with gunicorn({**env, "KFOR_PAGE_CACHE": "1"}) as base:
        for url in ("/", static):  # every worker has served it: routes loaded, the page in the cache
            wrk(base + url, seconds=2)
            drain(base)
        for name in FLOORS:
            runs, beside = [], []
            for _ in range(LOAD_ROUNDS):
                beside.append(wrk(base + static))
                drain(base)
                if "edit" in name:
                    editor = subprocess.Popen([PYTHON, "-c", EDIT_SCRIPT, str(LOAD_SECONDS)], cwd=ROOT, env=env,
                                              stdout=subprocess.PIPE, text=True)
                    editor.stdout.readline()  # "ready"
                    run = wrk(f"{base}/", script=HITS_SCRIPT)
                    run["edits"] = int(editor.communicate(timeout=60)[0].split()[-1])
                else:
                    run = wrk(f"{base}/", script=RANDOM_SCRIPT if "random" in name else HITS_SCRIPT)
                runs.append(run)
                drain(base)
            results[name], results[f"static file, beside {name}"] = median_run(runs), median_run(beside)
    probe.unlink(missing_ok=True)
    return results


def milliseconds(text):
    """wrk's latency ("812.34us", "12.5ms", "1.20s") in milliseconds."""
    for unit, factor in (("us", 0.001), ("ms", 1), ("s", 1000)):
        if text.endswith(unit):
            return float(text[: -len(unit)]) * factor
    return float("inf")


def main():
    OUT.mkdir(exist_ok=True)
    report, lines = {}, []
    manage(environment("sqlite://:memory:"), "collectstatic", "--no-input", "-v0")  # production serves hashed files
    for size in SIZES:
        print(f"== {size:,} events", flush=True)
        env = environment(database_url(size))
        flush_cache()  # each size's versions start again from the first
        manage(env, "migrate", "-v0")
        report[size] = {"import": import_run(env, size)}
        print(f"   imported at {report[size]['import']['rows_per_second']:,.0f} events/s", flush=True)
        settle(env)
        report[size]["pages"] = page_timings(env)
        report[size]["load"] = load_run(env, report[size]["pages"])
        if not KEEP:
            database_url(size, create=False)
    engine = "PostgreSQL" if BASE_URL.startswith("postgres") else "SQLite"
    lines += [f"# KFOR Timeline benchmark ({engine}, {os.cpu_count()} cores, {datetime.date.today().isoformat()})", "",
              "Server time of each page without the page cache (median and 95th percentile), and with every cache",
              "empty (cold).", "",
              "| events | page | median ms | p95 ms | cold ms | queries |", "|---:|---|---:|---:|---:|---:|"]
    for size, data in report.items():
        for page, r in data["pages"].items():
            lines.append(f"| {size:,} | {page} | {r['median_ms']:.1f} | {r['p95_ms']:.1f} | {r['cold_ms']:.1f} | {r['queries']} |")
    lines += ["", "| events | import events/s | import s | peak MB |", "|---:|---:|---:|---:|"]
    for size, data in report.items():
        i = data["import"]
        lines.append(f"| {size:,} | {i['rows_per_second']:,.0f} | {i['seconds']:.1f} | {i['peak_mb']:.0f} |")
    lines += ["", "| events | load (wrk, 32 connections) | req/s | p50 | p90 | p99 | errors |",
              "|---:|---|---:|---:|---:|---:|---:|"]
    for size, data in report.items():
        for name, r in data["load"].items():
            lat = r["latency"]
            lines.append(f"| {size:,} | {name} | {r['rps']:,.0f} | {lat.get('50', '')} | {lat.get('90', '')} "
                         f"| {lat.get('99', '')} | {r['non_2xx'] + r['socket_errors']} |")
    lines += ["", "## Floors", ""]
    sizes = list(report)
    for page in report[sizes[0]]["pages"]:
        counts = [report[s]["pages"][page]["queries"] for s in sizes]
        grows = any(later > earlier for earlier, later in zip(counts, counts[1:]))
        lines.append(f"- {'NOT MET' if grows else 'met'}: {page} runs no more queries with more events "
                     f"({', '.join(f'{q} at {s:,}' for q, s in zip(counts, sizes))})")
    for size in sizes:
        for page in UNCACHED_PAGES:
            p95 = report[size]["pages"][page]["p95_ms"]
            lines.append(f"- {'met' if p95 <= P95_MS else 'NOT MET'}: at {size:,} events the {page} page, uncached, "
                         f"takes {p95:.1f} ms at the 95th percentile (floor {P95_MS} ms)")
        load = report[size]["load"]
        for name, floor in FLOORS.items():
            run = load[name]
            ratio = run["rps"] / load[f"static file, beside {name}"]["rps"]
            p99 = milliseconds(run["latency"].get("99", "inf"))
            met = ratio >= floor and run["non_2xx"] + run["socket_errors"] == 0
            extra = ""
            if "random" in name:
                met = met and p99 < RANDOM_P99_MS
                extra = f", p99 {p99:.0f} ms (floor {RANDOM_P99_MS} ms)"
            if "hit_rate" in run:
                extra += f", {run['hit_rate']:.1%} from the cache" + (f", {run['edits']} edits" if "edits" in run else "")
            lines.append(f"- {'met' if met else 'NOT MET'}: at {size:,} events {name} serves {ratio:.2f}× the static "
                         f"file's requests/s (floor {floor}×){extra}")
    text = "\n".join(lines) + "\n"
    (OUT / "report.md").write_text(text, encoding="utf-8")
    (OUT / "report.json").write_text(json.dumps(report, indent=1), encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
