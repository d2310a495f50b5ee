"""A PostgreSQL outage in the middle of use. A throwaway cluster serves a production Varde while
reports keep arriving through the public form; the cluster is killed without a clean shutdown and
started again. While it is down, pages answer a styled 503 and /healthz says so; once it is back,
every acknowledged report is stored, none is half-written, and the audit chain verifies."""

import http.client
import json
import os
import re
import shutil
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

import psycopg
import pytest

from conftest import present

from .cluster import (
    READY_WITHIN,
    VARDE,
    Cluster,
    free_port,
    production_environment,
    varde,
    wait_until_answering,
)

pytestmark = [
    pytest.mark.skipif(
        shutil.which("initdb") is None and not os.environ.get("CI"),
        reason="needs PostgreSQL's server programs (initdb, pg_ctl); CI always has them",
    ),
    # It starts its own PostgreSQL cluster, whatever database the suite runs on, so CI runs it once:
    # in the README's run, not again in the run on PostgreSQL.
    pytest.mark.standalone,
]

SLUG = "driftsprove"
FORM = f"/bekymring/{SLUG}/"
AGENCIES = ("--municipality", "Prøve kommune", "--police", "Prøve politistasjonsdistrikt")


@dataclass
class Stack:
    cluster: Cluster
    environment: dict[str, str]
    port: int


class Browser:
    """A visitor's browser behind the TLS proxy: it keeps cookies and sends the proxy's headers."""

    def __init__(self, port: int) -> None:
        self.port, self.cookies = port, dict[str, str]()

    def send(self, method: str, path: str, form: dict[str, str] | None = None) -> tuple[int, str]:
        origin = f"https://127.0.0.1:{self.port}"
        headers = {"X-Forwarded-Proto": "https", "Origin": origin, "Referer": origin + path}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        body = None
        if form is not None:
            body = urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            for cookie in response.headers.get_all("Set-Cookie") or []:
                name, _, rest = cookie.partition("=")
                self.cookies[name] = rest.split(";", 1)[0]
            return response.status, response.read().decode()
        finally:
            connection.close()


@pytest.fixture(scope="module")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    cluster = Cluster()
    server = None
    try:
        cluster.start()
        environment = production_environment(cluster, tmp_path_factory.mktemp("var"))
        for command in (
            ["migrate", "--no-input", "-v", "0"],
            [*("partnership", "create", "--name", "Driftsprøve", "--slug", SLUG), *AGENCIES],
        ):
            done = varde(environment, *command)
            assert done.returncode == 0, done.stderr[-2000:]
        # One visitor sends report after report: the partnership's hourly limit must not stop them.
        with psycopg.connect(cluster.url.replace("postgres://", "postgresql://")) as db:
            db.execute("UPDATE concerns_concernsettings SET public_form_limit = 30000")
        port = free_port()
        log = Path(environment["VARDE_VAR_DIR"]) / "server.log"
        with log.open("w") as output:
            server = subprocess.Popen(
                [VARDE, "serve", "--bind", f"127.0.0.1:{port}", "--workers", "2"],
                env=environment,
                stdout=output,
                stderr=subprocess.STDOUT,
            )
        wait_until_answering(f"http://127.0.0.1:{port}/healthz")
        yield Stack(cluster, environment, port)
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
        cluster.remove()


def report(browser: Browser) -> int:
    form = {
        "csrfmiddlewaretoken": browser.cookies.get("__Host-varde-csrf", ""),
        "reporter_category": "relative",
        "phenomenon": "unknown",
        "description": "Syntetisk driftsprøve.",
        "website": "",
    }
    try:
        return browser.send("POST", FORM, form)[0]
    except OSError:
        return 0


def wait_for(condition: Callable[[], bool], seconds: float = READY_WITHIN) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.1)


def incomplete_concerns(url: str) -> int:
    """Concerns that lack what every report writes with it: the timeline line, the statistics fact and
    the audit event."""
    with psycopg.connect(url.replace("postgres://", "postgresql://")) as db:
        row = db.execute(
            """
            SELECT count(*) FROM concerns_concern c
            WHERE NOT EXISTS (SELECT 1 FROM concerns_concernevent e WHERE e.concern_id = c.id)
               OR NOT EXISTS (SELECT 1 FROM concerns_statisticsfact f WHERE f.concern_id = c.id)
               OR NOT EXISTS (SELECT 1 FROM core_auditevent a WHERE a.object_id = c.id::text)
            """
        ).fetchone()
        return int(present(row)[0])


def stored_concerns(url: str) -> int:
    with psycopg.connect(url.replace("postgres://", "postgresql://")) as db:
        row = present(db.execute("SELECT count(*) FROM concerns_concern").fetchone())
        return int(row[0])


def test_an_outage_in_the_middle_of_use_loses_nothing_and_half_writes_nothing(stack):
    reporter = Browser(stack.port)
    assert reporter.send("GET", FORM)[0] == 200
    answers: list[int] = []
    stop = threading.Event()

    def keep_reporting() -> None:
        while not stop.is_set():
            answers.append(report(reporter))

    worker = threading.Thread(target=keep_reporting)
    worker.start()
    try:
        wait_for(lambda: answers.count(302) >= 5)
        stack.cluster.crash()
        crashed_at = len(answers)
        wait_for(lambda: 503 in answers[crashed_at:])

        status, health = Browser(stack.port).send("GET", "/healthz")
        assert status == 503
        assert json.loads(health) == {"status": "unavailable", "database": "unavailable"}
        status, page = Browser(stack.port).send("GET", FORM)
        assert status == 503
        assert "Varde er utilgjengelig en liten stund" in page
        assert re.search(r'<link rel="stylesheet" href="/static/[^"]+\.css"', page)  # styled
        assert "Traceback" not in page

        stack.cluster.start()
        back_at = len(answers)
        wait_for(lambda: 302 in answers[back_at:])
    finally:
        stop.set()
        worker.join(timeout=60)

    assert Browser(stack.port).send("GET", "/healthz")[0] == 200
    acknowledged = answers.count(302)
    assert set(answers) <= {302, 503}, "every answer was a receipt or the styled 503"
    assert acknowledged <= stored_concerns(stack.cluster.url) <= len(answers)
    assert incomplete_concerns(stack.cluster.url) == 0
    verified = varde(stack.environment, "verify-audit")
    assert verified.returncode == 0, verified.stdout + verified.stderr
