"""The benchmark's summary compares each page with the floor of its own round, reports medians, and
says whether each page met what issue 12 asks of it."""

import argparse
import http.server
import subprocess
import sys
import threading

import pytest

import bench.run
from bench.run import (
    Result,
    _report,
    _wait_until_serving,
    _with_floors,
    postgresql_url,
    read_wrk,
    summarise,
    verdict,
)
from bench.scenario import Page, Target


def round_of(floor: float, page: float, p99: float = 50.0) -> list[Result]:
    return [
        Result("floor-table", "coordinator", floor, 10.0, p99, 0, "floor-table"),
        Result("case list", "coordinator", page, 20.0, p99 * 2, 1, "floor-table"),
    ]


# wrk pads each latency to a fixed width, so a one-unit figure such as "1.00s" ends in a space.
WRK_REPORT = """Running 10s test @ http://127.0.0.1:8765/saker/
  2 threads and 8 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency    45.12ms   12.30ms   1.00s    70.00%
    Req/Sec    88.50     10.20   110.00     65.00%
  Latency Distribution
     50%   42.50ms
     75%   50.00ms
     90%  612.00us
     99%    1.00s\x20
  1770 requests in 10.01s, 20.00MB read
  Non-2xx or 3xx responses: 2
Requests/sec:    176.80
Transfer/sec:      2.00MB
"""


def test_wrk_report_gives_throughput_percentiles_in_milliseconds_and_errors():
    assert read_wrk(WRK_REPORT) == (176.80, 42.5, 1000.0, 2)


def test_a_wrk_report_without_errors_counts_none():
    assert read_wrk(WRK_REPORT.replace("  Non-2xx or 3xx responses: 2\n", ""))[3] == 0


def test_a_wrk_report_without_its_percentiles_stops_the_run_and_shows_the_report():
    report = WRK_REPORT.replace("     99%    1.00s \n", "")
    with pytest.raises(SystemExit, match=r"(?s)no line matching .*99%.*Requests/sec:    176\.80"):
        read_wrk(report)


def test_ratios_are_taken_within_a_round_and_their_median_reported():
    # The machine slowed down in the second round: floor and page together.
    rounds = [round_of(200, 100), round_of(100, 60), round_of(210, 84)]
    floor, page = summarise(rounds)
    assert floor.ratio == 1.0
    assert page.ratio == pytest.approx(0.5)  # median of 0.5, 0.6 and 0.4
    assert page.requests_per_second == 84
    assert page.p99_ms == 100.0
    assert page.errors == 3


def test_a_page_whose_floor_was_not_driven_has_no_ratio():
    rounds = [[Result("statistics", "coordinator", 50, 10.0, 20.0, 0, "floor-table")]]
    (statistics,) = summarise(rounds)
    assert statistics.ratio is None
    assert statistics.requests_per_second == 50


def test_a_page_that_records_its_view_is_also_compared_with_the_audited_floor_of_its_round():
    def round_of(floor: float, audited: float, page: float) -> list[Result]:
        return [
            Result("floor-row", "coordinator", floor, 5.0, 10.0, 0, "floor-row"),
            Result("floor-row-audited", "coordinator", audited, 6.0, 12.0, 0, "floor-row"),
            Result(
                "case page",
                "coordinator",
                page,
                20.0,
                40.0,
                0,
                "floor-row",
                audited_floor="floor-row-audited",
            ),
        ]

    floor, audited, page = summarise([round_of(200, 160, 80), round_of(100, 90, 45)])
    assert audited.ratio == pytest.approx(0.85)  # what recording a view costs the floor: 0.8 and 0.9
    assert page.ratio == pytest.approx(0.425)  # 0.4 and 0.45
    assert page.audited_ratio == pytest.approx(0.5)  # 0.5 and 0.5
    assert floor.audited_ratio is None


def pages() -> list[Page]:
    return [
        Page("floor-row", "coordinator", "/rad/", "floor-row"),
        Page("floor-table", "coordinator", "/tabell/", "floor-table"),
        Page("floor-row-audited", "coordinator", "/rad/logget/", "floor-row"),
        Page("case list", "coordinator", "/saker/", "floor-table"),
        Page("case page", "coordinator", "/saker/1/", "floor-row", audited_floor="floor-row-audited"),
    ]


def test_a_chosen_page_is_driven_with_every_floor():
    chosen = _with_floors(pages(), ["case page"])
    assert [page.name for page in chosen] == ["floor-row", "floor-table", "floor-row-audited", "case page"]


def test_an_unknown_page_stops_the_run_and_names_the_pages():
    with pytest.raises(SystemExit, match=r"No such page: case pages\. Pages: floor-row, .*case page"):
        _with_floors(pages(), ["case pages"])


def result(p99: float = 50.0, ratio: float | None = None, audited: float | None = None) -> Result:
    return Result(
        "plan dashboard", "plan manager", 80, 20.0, p99, 0, "floor-table", ratio, "audited", audited
    )


def test_a_ratio_target_is_judged_against_the_audited_floor_at_the_ratio_asked_and_not_below():
    target = Target(min_audited_ratio=0.8)
    assert verdict(target, result(ratio=0.7, audited=0.8), None) == "≥ 0.8 × audited floor: met"
    assert verdict(target, result(ratio=0.9, audited=0.79), None) == "≥ 0.8 × audited floor: NOT MET"
    assert verdict(target, result(audited=None), None) == "≥ 0.8 × audited floor: NOT MET"


def test_a_p99_target_is_judged_alone_and_shows_the_p99_under_load():
    target = Target(max_p99_ms=100)
    assert (
        verdict(target, result(p99=154.0), result(p99=35.0)) == "p99 ≤ 100 ms alone: met (154 ms under load)"
    )
    assert (
        verdict(target, result(p99=40.0), result(p99=101.0))
        == "p99 ≤ 100 ms alone: NOT MET (40 ms under load)"
    )
    assert verdict(target, result(p99=100.0), None) == "p99 ≤ 100 ms alone: not measured (100 ms under load)"


def test_a_page_without_a_target_has_no_verdict():
    assert verdict(None, result(), None) == ""


def test_the_report_gives_each_page_its_verdict_and_the_workers_memory_its_own(capsys):
    page = Result(
        "case page", "coordinator", 62, 120.0, 190.0, 0, "floor-row", 0.21, "floor-row-audited", 0.3
    )
    _report([page], [], {"case page": Target(min_audited_ratio=0.3)}, memory=103.4)
    lines = capsys.readouterr().out.splitlines()
    assert lines[1].startswith("case page")
    assert lines[1].split()[7:10] == ["0.21", "0.30", "–"]
    assert lines[1].endswith("≥ 0.3 × audited floor: met")
    assert lines[2] == "largest web worker after the run: 103 MB (< 200 MB: met)"


def test_a_page_not_measured_alone_shows_a_dash_not_a_zero(capsys):
    page = Result("statistics", "coordinator", 72, 20.0, 60.0, 0, "floor-table", 0.3)
    _report([page], [], {"statistics": Target(max_p99_ms=100)}, memory=103.4)
    columns = capsys.readouterr().out.splitlines()[1].split()
    assert columns[6:10] == ["0.30", "–", "–", "–"]  # no audited floor, not measured alone
    assert "0.0" not in columns


@pytest.fixture
def healthy_server():
    class Healthy(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(200 if self.path == "/healthz" else 404)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Healthy)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def running(code: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-c", code])  # noqa: S603 (the test's own code)


def test_the_run_starts_once_the_server_answers_its_health_check(healthy_server):
    server = running("import time; time.sleep(30)")
    try:
        _wait_until_serving(server, healthy_server, "server.log")
    finally:
        server.kill()


def test_a_server_that_stops_stops_the_run_and_points_to_its_log():
    server = running("raise SystemExit(3)")
    server.wait()
    with pytest.raises(SystemExit, match=r"varde serve stopped \(exit code 3\); see server\.log"):
        _wait_until_serving(server, "http://127.0.0.1:9", "server.log")


def test_a_server_that_never_answers_stops_the_run(monkeypatch):
    monkeypatch.setattr(bench.run, "SERVER_START_SECONDS", 1)
    server = running("import time; time.sleep(30)")
    try:
        with pytest.raises(SystemExit, match=r"did not answer within 1 s; see server\.log"):
            _wait_until_serving(server, "http://127.0.0.1:9", "server.log")
    finally:
        server.kill()


@pytest.mark.parametrize("url", ["postgres://postgres@127.0.0.1:5432/varde_bench", "postgresql://db/varde"])
def test_a_postgresql_url_is_taken_as_given(url):
    assert postgresql_url(url) == url


NOT_POSTGRESQL = ["sqlite:///var/varde.sqlite3", "mysql://db/varde", "varde_bench", "postgres:/db"]


@pytest.mark.parametrize("url", NOT_POSTGRESQL)
def test_the_benchmark_refuses_a_database_that_is_not_postgresql(url):
    with pytest.raises(argparse.ArgumentTypeError, match="give a PostgreSQL database"):
        postgresql_url(url)


def test_a_database_that_cannot_be_opened_stops_the_command_with_postgresql_s_reason():
    # In a process of its own: the command configures Django with production settings.
    command = [sys.executable, "bench/calls.py", "--database-url", "postgres://postgres@127.0.0.1:9/none"]
    finished = subprocess.run(command, capture_output=True, text=True, cwd=bench.run.REPO, check=False)  # noqa: S603
    assert finished.returncode == 1
    assert finished.stderr.startswith("Cannot open the benchmark database: connection failed:")
    assert "port 9 failed" in finished.stderr
    assert "Traceback" not in finished.stderr
