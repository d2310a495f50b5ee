"""Where a page's time goes: the benchmark's pages requested in-process, with production settings on
the benchmark database, counting queries and Python function calls per request.

    uv run python bench/calls.py --database-url postgres://postgres@127.0.0.1:5432/varde_bench \\
        [--page "case page"] [--requests 50] [--top 30]

Function calls are the measure the harness's throughput follows most closely on this machine, and
unlike time they do not move when the machine is busy. With --top, the functions that take most time
(their own and below) are listed for each page. See docs/performance.md.
"""

import argparse
import cProfile
import pstats
import sys
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


def profile(page: Any, requests: int) -> tuple[int, pstats.Stats]:
    client = _client(page)
    _get(client, page.path)  # caches, prepared statements and templates warm, as in a running worker
    queries = _queries(client, page.path)
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(requests):
        _get(client, page.path)
    profiler.disable()
    return queries, pstats.Stats(profiler)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", required=True, help="a generated PostgreSQL database")
    parser.add_argument("--page", action="append", help="a page's name in the harness (all if left out)")
    parser.add_argument("--requests", type=int, default=50, help="per page")
    parser.add_argument("--top", type=int, default=0, help="list this many functions per page")
    args = parser.parse_args()

    from bench.run import prepare

    scenario = prepare(args.database_url, generate=None)
    print(f"{'page':<22} {'queries':>8} {'calls':>8}")  # noqa: T201
    for page in scenario.pages:
        if args.page and page.name not in args.page:
            continue
        queries, stats = profile(page, args.requests)
        calls = stats.total_calls // args.requests  # type: ignore[attr-defined]
        print(f"{page.name:<22} {queries:>8} {calls:>8}")  # noqa: T201
        if args.top:
            stats.sort_stats("cumulative").print_stats(args.top)


if __name__ == "__main__":
    sys.path.insert(0, str(REPO))
    main()
