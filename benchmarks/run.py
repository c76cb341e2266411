"""
make bench: KFOR Timeline at 10,000 and 100,000 synthetic events.

For each size: import throughput and peak memory; server time (median, 95th
percentile) and query count of each page, uncached; then a loopback load run
with gunicorn and wrk. Without the page cache: the timeline and a static file
of the same size in turn on the same server, then a filtered timeline, an
event page, an actor page and a search. With it: the timeline and the static
file in turn, then the timeline while another process edits one event a
second through the model, with the share of answers the cache served. Import
throughput is timed inside the command's process. Prints a table, writes it to
bench-results/report.md, and says which floors are met.

Runs on the database DATABASE_URL names (a fresh database per size is created
beside it), or on SQLite files in bench-results/, dropped when measured unless
BENCH_KEEP=1. Sizes: BENCH_SIZES=10000,100000.
"""

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
# Each a share of the static file's requests/s on the same server, but import (events/s) and search (ms).
FLOORS = {"import": 5000, "uncached": 0.1, "cached": 0.8, "edits": 0.5, "search_ms": 30}
GOALS = {"uncached": 0.3}


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
               DJANGO_CONN_MAX_AGE="60", **extra)  # persistent connections, as docs/deployment.md sets them
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
from django.core.cache import cache
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
    for _ in range(5):  # every cache empty: the list items, year counts, choices and charts kept by shape
        cache.clear()
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


def page_timings(env):
    # The content version is read once a second, not once a request: kept for the whole run, so that the
    # one request whose queries are counted does not count that read by chance.
    page_env = {**env, "KFOR_PAGE_CACHE": "0", "KFOR_CONTENT_VERSION_SECONDS": "3600"}
    result = subprocess.run([PYTHON, "-c", PAGE_SCRIPT, str(REPEAT)], cwd=ROOT, env=page_env,
                            check=True, capture_output=True, text=True)
    return json.loads(result.stdout.strip().splitlines()[-1])


HITS_SCRIPT = ROOT / "benchmarks" / "cache_hits.lua"
UNCACHED_PAGES = ("filtered timeline", "event", "actor", "search")

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
    Each server (page cache off, then on) serves the timeline and a static file of the same size in
    turn, LOAD_ROUNDS times: a slow moment of the machine then weighs on both, and each ratio compares
    two median runs of one server. The server without the page cache serves the other pages in the
    same rounds; the one with it then serves the timeline while another process edits one event a second,
    LOAD_ROUNDS times too, each time after the static file again.
    """
    probe = ROOT / "staticfiles" / "bench-probe.html"
    probe.write_bytes(b"x" * pages["timeline"]["bytes"])  # a static file the size of the timeline page
    results = {}
    for cached in (False, True):
        label = "cached" if cached else "uncached"
        with gunicorn({**env, "KFOR_PAGE_CACHE": "1" if cached else "0"}) as base:
            # Each page is measured as it runs once every worker has served it: with its kept parts (and, with the
            # page cache, the page) in the cache and its routes loaded. The cold column of the page table gives
            # the cost of a page whose parts are not kept.
            urls = {"timeline": "/", "static": "/static/bench-probe.html"}
            if not cached:  # for scale, Django's own cost for a view with no query and no template; and the others
                urls.update({"robots": "/robots.txt", **{name: pages[name]["url"] for name in UNCACHED_PAGES}})
            for url in urls.values():
                wrk(base + url, seconds=2)
                drain(base)
            runs = {name: [] for name in urls}
            for _ in range(LOAD_ROUNDS):
                for name, url in urls.items():
                    runs[name].append(wrk(base + url))
                    drain(base)  # what a slow page left running does not count against the next
            results[f"timeline ({label})"] = median_run(runs["timeline"])
            results[f"static file ({label} server)"] = median_run(runs["static"])
            if not cached:
                results["robots.txt (uncached, no query, no template)"] = median_run(runs["robots"])
                for name in UNCACHED_PAGES:
                    results[f"{name} (uncached)"] = median_run(runs[name])
            else:  # as many rounds, each beside a static run of its own: a slow moment of the machine then weighs
                edited, beside = [], []  # on both, as in the rounds above
                for _ in range(LOAD_ROUNDS):
                    beside.append(wrk(base + urls["static"]))
                    drain(base)
                    editor = subprocess.Popen([PYTHON, "-c", EDIT_SCRIPT, str(LOAD_SECONDS)], cwd=ROOT, env=env,
                                              stdout=subprocess.PIPE, text=True)
                    editor.stdout.readline()  # "ready"
                    run = wrk(f"{base}/", script=HITS_SCRIPT)
                    run["edits"] = int(editor.communicate(timeout=60)[0].split()[-1])
                    edited.append(run)
                    drain(base)
                results["timeline (cached, one edit a second)"] = median_run(edited)
                results["static file (cached server, beside the edits)"] = median_run(beside)
    probe.unlink(missing_ok=True)
    return results


def static_for(name):
    """The static-file run a row is compared with: the one on the same server, in the same rounds."""
    if name.startswith("static file"):
        return name
    if "one edit a second" in name:
        return "static file (cached server, beside the edits)"
    return "static file (cached server)" if "(cached" in name else "static file (uncached server)"


def main():
    OUT.mkdir(exist_ok=True)
    report, lines = {}, []
    manage(environment("sqlite://:memory:"), "collectstatic", "--no-input", "-v0")  # production serves hashed files
    for size in SIZES:
        print(f"== {size:,} events", flush=True)
        env = environment(database_url(size))
        manage(env, "migrate", "-v0")
        report[size] = {"import": import_run(env, size)}
        print(f"   imported at {report[size]['import']['rows_per_second']:,.0f} events/s", flush=True)
        settle(env)
        report[size]["pages"] = page_timings(env)
        report[size]["load"] = load_run(env, report[size]["pages"])
        if not KEEP:
            database_url(size, create=False)
    engine = "PostgreSQL" if BASE_URL.startswith("postgres") else "SQLite"
    lines += [f"# KFOR Timeline benchmark ({engine}, {os.cpu_count()} cores)", ""]
    lines += ["Server time of each page without the page cache (median and 95th percentile), and with every cache",
              "empty (cold: the list items, counts, choices and chart kept until the content's shape changes).", "",
              "| events | page | median ms | p95 ms | cold ms | queries |", "|---:|---|---:|---:|---:|---:|"]
    for size, data in report.items():
        for page, r in data["pages"].items():
            lines.append(f"| {size:,} | {page} | {r['median_ms']:.1f} | {r['p95_ms']:.1f} | {r['cold_ms']:.1f} | {r['queries']} |")
    lines += ["", "| events | import events/s | import s | peak MB |", "|---:|---:|---:|---:|"]
    for size, data in report.items():
        i = data["import"]
        lines.append(f"| {size:,} | {i['rows_per_second']:,.0f} | {i['seconds']:.1f} | {i['peak_mb']:.0f} |")
    lines += ["", "| events | load (wrk, 32 connections) | req/s | p50 | p90 | p99 | errors | vs static |",
              "|---:|---|---:|---:|---:|---:|---:|---:|"]
    for size, data in report.items():
        for name, r in data["load"].items():
            static = data["load"][static_for(name)]["rps"]
            lat = r["latency"]
            lines.append(f"| {size:,} | {name} | {r['rps']:,.0f} | {lat.get('50', '')} | {lat.get('90', '')} | {lat.get('99', '')} "
                         f"| {r['non_2xx'] + r['socket_errors']} | {r['rps'] / static:.2f} |")
    lines += ["", "## Floors", ""]
    sizes = list(report)
    for page in report[sizes[0]]["pages"]:
        # Never more with more events; fewer where there is less to read (a band with too many key events to draw
        # them one by one reads no titles).
        counts = [report[s]["pages"][page]["queries"] for s in sizes]
        grows = any(later > earlier for earlier, later in zip(counts, counts[1:]))
        lines.append(f"- {'NOT MET' if grows else 'met'}: {page} runs no more queries with more events "
                     f"({', '.join(f'{q} at {s:,}' for q, s in zip(counts, sizes))})")
    for size in sizes:
        load, imp = report[size]["load"], report[size]["import"]["rows_per_second"]
        uncached = [name for name in load if name.endswith("(uncached)")]
        for label, names in (("uncached", uncached), ("cached", ["timeline (cached)"]),
                             ("edits", ["timeline (cached, one edit a second)"])):
            for name in names:
                run = load[name]
                ratio = run["rps"] / load[static_for(name)]["rps"]
                goal = f", goal {GOALS[label]}×" if label in GOALS else ""
                hits = f", {run['hit_rate']:.1%} from the cache, {run['edits']} edits" if "hit_rate" in run else ""
                lines.append(f"- {'met' if ratio >= FLOORS[label] else 'NOT MET'}: at {size:,} events {name} serves "
                             f"{ratio:.2f}× the static file's requests/s (floor {FLOORS[label]}×{goal}{hits})")
        lines.append(f"- {'met' if imp >= FLOORS['import'] else 'NOT MET'}: import at {size:,} events runs {imp:,.0f} events/s "
                     f"(floor {FLOORS['import']:,})")
    largest = report[sizes[-1]]["pages"]["search"]["median_ms"]
    if engine == "PostgreSQL":
        lines.append(f"- {'met' if largest <= FLOORS['search_ms'] else 'NOT MET'}: search median {largest:.1f} ms at "
                     f"{sizes[-1]:,} events on PostgreSQL (floor {FLOORS['search_ms']} ms)")
    else:
        lines.append(f"- not measured: the search floor is for PostgreSQL (SQLite median {largest:.1f} ms); run with DATABASE_URL")
    text = "\n".join(lines) + "\n"
    (OUT / "report.md").write_text(text, encoding="utf-8")
    (OUT / "report.json").write_text(json.dumps(report, indent=1), encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
