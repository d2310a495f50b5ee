"""How fast the audit trail takes events when several processes append at once: every read of a case
appends one, and all appends of an installation take one lock in turn (core.audit), so the time an
append holds the lock bounds how many case reads the whole installation can serve.

    uv run python bench/append.py --database-url postgres://postgres@127.0.0.1:5432/varde_bench \\
        [--processes 4] [--seconds 10]

Each process appends events as fast as it can; the command prints the events per second of all of
them together and of one alone. The events are real ("concern.viewed") and stay in the trail.
See docs/performance.md.
"""

import argparse
import multiprocessing
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
# For the command and for the appending processes, which import this file afresh (spawn), not as main.
sys.path.insert(0, str(REPO))


def _append_for(database_url: str, seconds: float) -> int:
    from bench.run import configure

    configure(database_url)
    from varde.concerns.audit_actions import ConcernAudit
    from varde.core.audit import record_event

    appended, end = 0, time.monotonic() + seconds
    while time.monotonic() < end:
        record_event(ConcernAudit.VIEWED, object_type="benchmark", object_id=str(appended))
        appended += 1
    return appended


def rate(database_url: str, processes: int, seconds: float) -> float:
    with multiprocessing.get_context("spawn").Pool(processes) as pool:
        counts = pool.starmap(_append_for, [(database_url, seconds)] * processes)
    return sum(counts) / seconds


def main() -> None:
    from bench.run import add_database_url, open_database

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add_database_url(parser, "a PostgreSQL database for the benchmark")
    parser.add_argument("--processes", type=int, default=4)
    parser.add_argument("--seconds", type=float, default=10)
    args = parser.parse_args()
    # Here, before the appending processes start: a database they cannot open would stop each of them
    # with a traceback of its own.
    open_database(args.database_url)
    alone = rate(args.database_url, 1, args.seconds)
    together = rate(args.database_url, args.processes, args.seconds)
    print(f"events per second: {alone:.0f} from one process, {together:.0f} from {args.processes}")  # noqa: T201


if __name__ == "__main__":
    main()
