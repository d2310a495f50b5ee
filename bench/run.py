"""The benchmark harness: Varde with production settings on a generated PostgreSQL database, the key
pages driven by wrk as the role that uses them, and floor pages of the same stack in the same run.

    uv run python bench/run.py --database-url postgres://postgres@127.0.0.1:5432/varde_bench \\
        [--generate national] [--duration 20] [--connections 8] [--workers 3] [--rounds 3] [--page NAME]

It prints, per page, throughput, p50 and p99, and the throughput as a share of its floor (the one-row
floor for pages about one record, the 50-row floor for lists). A page that records its view in the
audit trail is also compared with an audited floor, the same floor appending one event per view; an
audited floor's own ratio is to its plain floor, which is what recording a view costs the framework
floor. Then p50 and p99 from a second pass
with one connection, where a page's latency is its own and not the queue in front of it. Every pass
drives all pages, floors included, in several rounds and reports medians, with each page's ratio
taken against the floors of its own round: on a shared machine the floor itself moves by a fifth
from one minute to the next. Each page with a target (ADR 0044) is told whether it met it, and so is
the largest web worker's memory. The keys the data was generated with are kept in var/bench-keys.env,
so a generated database can be reused.
See docs/performance.md.
"""

import argparse
import os
import re
import secrets
import shutil
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from statistics import median
from typing import TYPE_CHECKING, Any

import dj_database_url

if TYPE_CHECKING:
    from bench.scenario import Page, Target

REPO = Path(__file__).resolve().parent.parent
MEMORY_TARGET_MB = 200
KEYS = REPO / "var" / "bench-keys.env"


def _keys() -> dict[str, str]:
    if not KEYS.exists():
        from cryptography.fernet import Fernet

        KEYS.parent.mkdir(exist_ok=True)
        values = {
            "SECRET_KEY": secrets.token_urlsafe(40),
            "VARDE_AUDIT_KEY": secrets.token_urlsafe(32),
            "VARDE_BLIND_INDEX_KEY": secrets.token_urlsafe(32),
            "VARDE_ENCRYPTION_KEYS": Fernet.generate_key().decode(),
        }
        KEYS.write_text("".join(f"{key}={value}\n" for key, value in values.items()))
    return dict(line.split("=", 1) for line in KEYS.read_text().split())


@dataclass(frozen=True)
class Result:
    page: str
    role: str
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    errors: int
    floor: str
    # In a summary of rounds: the median of the page's ratios to its floor in each round.
    ratio: float | None = None
    audited_floor: str | None = None
    audited_ratio: float | None = None


def _milliseconds(text: str) -> float:
    number, unit = float(re.match(r"[\d.]+", text).group()), re.sub(r"[\d.]", "", text)  # type: ignore[union-attr]
    return number * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def drive(
    url: str, cookie: str, headers: dict[str, str], seconds: int, connections: int
) -> tuple[float, float, float, int]:
    command = [
        "wrk",
        f"-t{min(2, connections)}",  # wrk needs a connection per thread
        f"-c{connections}",
        f"-d{seconds}s",
        "--latency",
        "-H",
        "X-Forwarded-Proto: https",
    ]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    for name, value in headers.items():
        command += ["-H", f"{name}: {value}"]
    output = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout  # noqa: S603
    return read_wrk(output)


def _found(pattern: str, output: str) -> str:
    match = re.search(pattern, output, re.M)
    if match is None:
        sys.exit(f"wrk's report has no line matching {pattern!r}:\n{output}")
    return match.group(1)


def read_wrk(output: str) -> tuple[float, float, float, int]:
    """Throughput, p50 and p99 (ms) and the responses that were not 2xx or 3xx, from wrk's report."""
    throughput = float(_found(r"Requests/sec:\s+([\d.]+)", output))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return throughput, _percentile(50, output), _percentile(99, output), int(errors.group(1)) if errors else 0


def _percentile(percent: int, output: str) -> float:
    """A percentile of the latency distribution in ms, from its own line ("    99%   12.34ms"), which
    wrk pads to a fixed width ("     99%    1.00s ")."""
    return _milliseconds(_found(rf"^\s+{percent}%\s+(\S+)\s*$", output))


def _measure(scenario: Any, base: str, seconds: int, connections: int, rounds: int) -> list[list[Result]]:
    """Every page, floors included, once per round: a page is compared with the floors of its round."""
    measured = []
    for number in range(1, rounds + 1):
        results = []
        for page in scenario.pages:
            throughput, p50, p99, errors = drive(
                base + page.path, page.cookie, page.headers, seconds, connections
            )
            results.append(
                Result(
                    page.name,
                    page.role,
                    throughput,
                    p50,
                    p99,
                    errors,
                    page.floor,
                    audited_floor=page.audited_floor,
                )
            )
            print(  # noqa: T201
                f"  round {number}, {page.name}, {connections} connection(s): {throughput:.0f}/s",
                file=sys.stderr,
            )
        measured.append(results)
    return measured


def _warm_up(scenario: Any, base: str, connections: int) -> None:
    """Open every page for a moment before anything is measured: a worker's first requests read
    templates, prepare statements and fill caches, and would otherwise count against the first page
    of the first round, a floor."""
    for page in scenario.pages:
        drive(base + page.path, page.cookie, page.headers, WARM_UP_SECONDS, connections)


def summarise(rounds: list[list[Result]]) -> list[Result]:
    """Each page over all rounds: the medians, and the median of its ratios to its floors in each round."""
    throughputs_by_round = [{r.page: r.requests_per_second for r in results} for results in rounds]
    summaries = []
    for per_round in zip(*rounds, strict=True):
        first = per_round[0]
        summaries.append(
            Result(
                first.page,
                first.role,
                median(result.requests_per_second for result in per_round),
                median(result.p50_ms for result in per_round),
                median(result.p99_ms for result in per_round),
                sum(result.errors for result in per_round),
                first.floor,
                _median_ratio(per_round, throughputs_by_round, first.floor),
                first.audited_floor,
                _median_ratio(per_round, throughputs_by_round, first.audited_floor),
            )
        )
    return summaries


def _median_ratio(
    per_round: tuple[Result, ...], throughputs_by_round: list[dict[str, float]], floor: str | None
) -> float | None:
    """The median of a page's throughput as a share of the floor's in the same round; None if the
    floor was not driven."""
    ratios = [
        result.requests_per_second / throughputs[floor]
        for result, throughputs in zip(per_round, throughputs_by_round, strict=True)
        if floor is not None and throughputs.get(floor)
    ]
    return median(ratios) if ratios else None


def _with_floors(pages: list["Page"], names: list[str]) -> list["Page"]:
    """The pages asked for, and every floor: the plain and audited floors are driven in each round,
    so any ratio can be taken."""
    unknown = set(names) - {page.name for page in pages}
    if unknown:
        sys.exit(f"No such page: {', '.join(sorted(unknown))}. Pages: {', '.join(p.name for p in pages)}")
    floors = {page.floor for page in pages} | {page.audited_floor for page in pages}
    return [page for page in pages if page.name in floors or page.name in names]


def _met(met: bool) -> str:
    return "met" if met else "NOT MET"


def verdict(target: "Target | None", result: Result, alone: Result | None) -> str:
    """Whether a page met what is asked of it in this run (ADR 0044): its ratio to the audited floor
    of its kind, and its p99 alone, where it is the page's own time and not the queue in front of it
    (the p99 under load is shown beside it)."""
    if target is None:
        return ""
    parts = []
    if target.min_audited_ratio is not None:
        ratio = result.audited_ratio
        met = ratio is not None and ratio >= target.min_audited_ratio
        parts.append(f"≥ {target.min_audited_ratio:g} × audited floor: {_met(met)}")
    if target.max_p99_ms is not None:
        limit = target.max_p99_ms
        own = _met(alone.p99_ms <= limit) if alone else "not measured"
        parts.append(f"p99 ≤ {limit:g} ms alone: {own} ({result.p99_ms:.0f} ms under load)")
    return "; ".join(parts)


# varde serve collects and compresses the static files before it answers: 5 s on a quiet machine, and
# a busy one can take several times that.
SERVER_START_SECONDS = 180
# Long enough for every worker to have served each page a few times.
WARM_UP_SECONDS = 2


def _wait_until_serving(server: subprocess.Popen[Any], base: str, log: str) -> None:
    """Return once Varde answers its health check; stop the run if the server exits or never answers,
    rather than drive pages that nobody serves."""
    deadline = time.monotonic() + SERVER_START_SECONDS
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit(f"varde serve stopped (exit code {server.returncode}); see {log}")
        try:
            urllib.request.urlopen(f"{base}/healthz", timeout=2)  # noqa: S310
            return
        except OSError:
            time.sleep(0.5)
    sys.exit(f"varde serve did not answer within {SERVER_START_SECONDS} s; see {log}")


def configure(database_url: str) -> None:
    """Production settings on the benchmark database, with the keys it was generated with."""
    os.environ |= _keys() | {
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "DATABASE_URL": database_url,
        "VARDE_SECURE_SSL_REDIRECT": "false",
        "VARDE_BENCH_FLOOR": "true",
        "VARDE_ALLOWED_HOSTS": "127.0.0.1",
        "VARDE_API_REQUESTS_PER_MINUTE": "100000000",
        "VARDE_VAR_DIR": str(REPO / "var" / "bench"),
    }
    import django

    django.setup()


def postgresql_url(text: str) -> str:
    """The --database-url of the benchmark's commands: it measures PostgreSQL only (issue 12). The
    engine is read as the settings read DATABASE_URL."""
    try:
        engine = dj_database_url.parse(text)["ENGINE"] if "://" in text else ""
    except ValueError:  # a scheme dj_database_url does not know
        engine = ""
    if engine != "django.db.backends.postgresql":
        raise argparse.ArgumentTypeError("give a PostgreSQL database: postgres://user@host:port/name")
    return text


def add_database_url(parser: argparse.ArgumentParser, help_text: str) -> None:
    parser.add_argument("--database-url", required=True, type=postgresql_url, help=help_text)


def open_database(database_url: str) -> None:
    """Configure the database and connect to it; if that fails, stop with PostgreSQL's own reason
    rather than a traceback."""
    configure(database_url)
    from django.db import OperationalError, connection

    try:
        connection.ensure_connection()
    except OperationalError as error:
        reason = str(error).strip().splitlines()[0]
        sys.exit(f"Cannot open the benchmark database: {reason}")


def prepare(database_url: str, *, generate: str | None) -> Any:
    """The benchmark database configured, migrated and (if empty) generated; the pages."""
    open_database(database_url)
    from django.core.management import call_command

    from bench.scenario import Scenario

    call_command("migrate", interactive=False, verbosity=0)
    return Scenario.prepare(generate=generate)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add_database_url(parser, "a PostgreSQL database for the benchmark")
    parser.add_argument(
        "--generate", choices=["small", "regional", "national"], help="fill it first if empty"
    )
    parser.add_argument("--duration", type=int, default=20, help="seconds per page")
    parser.add_argument("--connections", type=int, default=8, help="for the throughput pass")
    parser.add_argument(
        "--latency-connections",
        type=int,
        default=1,
        help="for a second pass that measures each page's own latency, without queueing (0: skip it)",
    )
    parser.add_argument(
        "--rounds",
        type=int,
        default=3,
        help="times every page is driven, floors included; medians are reported (the machine is shared)",
    )
    parser.add_argument("--workers", type=int, default=3, help="gunicorn workers")
    parser.add_argument(
        "--page", action="append", help="drive only this page and the floors (all pages if left out)"
    )
    parser.add_argument("--port", type=int, default=8765)
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        sys.exit("wrk is missing: apt-get install wrk")

    scenario = prepare(args.database_url, generate=args.generate)
    if args.page:
        scenario.pages = _with_floors(scenario.pages, args.page)

    varde = str(Path(sys.executable).with_name("varde"))
    log = (REPO / "var" / "bench-server.log").open("w")
    server = subprocess.Popen(  # noqa: S603
        [varde, "serve", "--bind", f"127.0.0.1:{args.port}", "--workers", str(args.workers)],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{args.port}"
    try:
        _wait_until_serving(server, base, log.name)
        _warm_up(scenario, base, args.connections)
        results = summarise(_measure(scenario, base, args.duration, args.connections, args.rounds))
        alone = (
            summarise(_measure(scenario, base, args.duration, args.latency_connections, args.rounds))
            if args.latency_connections
            else []
        )
        memory = scenario.worker_memory_mb(server.pid)
    finally:
        server.terminate()
        server.wait(timeout=30)
    _report(results, alone, {page.name: page.target for page in scenario.pages}, memory)


def _ratio(value: float | None) -> str:
    return f"{value:.2f}" if value is not None else "–"


def _ms(value: float | None) -> str:
    return f"{value:>10.1f}" if value is not None else f"{'–':>10}"


def _report(
    results: list[Result], alone: list[Result], targets: dict[str, "Target | None"], memory: float
) -> None:
    latency = {r.page: r for r in alone}
    print(  # noqa: T201
        f"{'page':<22} {'role':<16} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'errors':>7} {'× floor':>8}"
        f" {'× audited':>10} {'p50 alone':>10} {'p99 alone':>10}  target"
    )
    for r in results:
        own = latency.get(r.page)
        print(  # noqa: T201
            f"{r.page:<22} {r.role:<16} {r.requests_per_second:>8.0f} {r.p50_ms:>8.1f} {r.p99_ms:>8.1f} "
            f"{r.errors:>7} {_ratio(r.ratio):>8} {_ratio(r.audited_ratio):>10} "
            f"{_ms(own.p50_ms if own else None)} {_ms(own.p99_ms if own else None)}"
            f"  {verdict(targets.get(r.page), r, own)}"
        )
    memory_met = _met(memory < MEMORY_TARGET_MB)
    print(f"largest web worker after the run: {memory:.0f} MB (< {MEMORY_TARGET_MB} MB: {memory_met})")  # noqa: T201


if __name__ == "__main__":
    sys.path.insert(0, str(REPO))
    main()
