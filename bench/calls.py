"""Where a page's time goes: the benchmark's pages requested in-process, with production settings on
the benchmark database, counting queries and Python function calls per request.

    uv run python bench/calls.py --database-url postgres://postgres@127.0.0.1:5432/varde_bench \\
        [--page "case page"] [--requests 50] [--top 30] [--sort tottime] [--cpu]

Function calls are the measure the harness's throughput follows most closely on this machine, and
unlike time they do not move when the machine is busy. With --top, the functions that take most time
(their own and below) are listed for each page. With --cpu, the same requests are made again without
the profiler, and the CPU time of a request is split between the web worker (this thread) and the
database (its backend process, read from /proc, so PostgreSQL must run on this host). See
docs/performance.md.
"""

import argparse
import cProfile
import os
import pstats
import sys
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent


def _client(page: Any) -> Any:
    from django.test import Client

    client = Client(HTTP_X_FORWARDED_PROTO="https", SERVER_NAME="127.0.0.1", headers=page.headers)
    if page.cookie:
        name, value = page.cookie.split("=", 1)
        client.cookies[name] = value
    return client


def _queries(client: Any, path: str) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        _get(client, path)
    return len(queries)


def _get(client: Any, path: str) -> None:
    response = client.get(path)
    if response.status_code != 200:
        raise SystemExit(f"{path} answered {response.status_code}")


def _warm_client(page: Any) -> Any:
    """A client that has opened the page once: caches, prepared statements and templates are warm, as
    in a running worker."""
    client = _client(page)
    _get(client, page.path)
    return client


def profile(page: Any, requests: int) -> tuple[int, pstats.Stats]:
    client = _warm_client(page)
    queries = _queries(client, page.path)
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(requests):
        _get(client, page.path)
    profiler.disable()
    return queries, pstats.Stats(profiler)


def _backend_pid() -> int:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        (pid,) = cursor.fetchone()
    return int(pid)


def _process_seconds(pid: int) -> float:
    """User and system CPU time of a PostgreSQL process on this host."""
    proc = Path(f"/proc/{pid}")
    if not proc.exists() or proc.joinpath("comm").read_text().strip() != "postgres":
        raise SystemExit("--cpu needs PostgreSQL on this host: its backend is not a process here")
    # The fields after the command's name, which is in parentheses and may hold spaces.
    fields = proc.joinpath("stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def cpu_split(page: Any, requests: int) -> tuple[float, float]:
    """Milliseconds of CPU a request in this thread and in the database's backend process."""
    client = _warm_client(page)
    pid = _backend_pid()
    python, database = time.thread_time(), _process_seconds(pid)
    for _ in range(requests):
        _get(client, page.path)
    python, database = time.thread_time() - python, _process_seconds(pid) - database
    return python * 1000 / requests, database * 1000 / requests


def main() -> None:
    from bench.run import add_database_url

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add_database_url(parser, "a generated PostgreSQL database")
    parser.add_argument("--page", action="append", help="a page's name in the harness (all if left out)")
    parser.add_argument("--requests", type=int, default=50, help="per page")
    parser.add_argument("--top", type=int, default=0, help="list this many functions per page")
    parser.add_argument(
        "--sort",
        choices=["cumulative", "tottime"],
        default="cumulative",
        help="order the listed functions by their time with what they call (default) or by their own",
    )
    parser.add_argument(
        "--cpu",
        action="store_true",
        help="also split each request's CPU between Python and PostgreSQL (its clock ticks are 10 ms: "
        "use a few hundred requests)",
    )
    args = parser.parse_args()

    from bench.run import prepare

    scenario = prepare(args.database_url, generate=None)
    cpu_heading = f" {'Python ms':>10} {'database ms':>12}" if args.cpu else ""
    print(f"{'page':<22} {'queries':>8} {'calls':>8}{cpu_heading}")  # noqa: T201
    for page in scenario.pages:
        if args.page and page.name not in args.page:
            continue
        queries, stats = profile(page, args.requests)
        calls = stats.total_calls // args.requests  # type: ignore[attr-defined]
        cpu = ""
        if args.cpu:
            python, database = cpu_split(page, args.requests)
            cpu = f" {python:>10.1f} {database:>12.1f}"
        print(f"{page.name:<22} {queries:>8} {calls:>8}{cpu}")  # noqa: T201
        if args.top:
            stats.sort_stats(args.sort).print_stats(args.top)


if __name__ == "__main__":
    sys.path.insert(0, str(REPO))
    main()
