"""Metrics for operations, in Prometheus' text format at /metrics.

Requests are counted and timed per view (its URL name, never its address, which may hold an id), per
method and per status. At each scrape the database is asked how long the worker's queue is, when the
worker last finished a task, when each watched task (the retention purge, the trail's checkpoint)
last ran, and when the audit chain was last verified and whether it held. No label holds personal data.

Under gunicorn each worker counts for itself; `varde serve` sets PROMETHEUS_MULTIPROC_DIR before
gunicorn starts (prometheus_client reads it on import), and a scrape adds up what every worker wrote.
"""

import hmac
import ipaddress
import os
import time
from collections.abc import Callable, Iterator
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
    multiprocess,
)
from prometheus_client.core import GaugeMetricFamily

from .audit import last_verification

LOOPBACK_ONLY_HEADERS = ("X-Forwarded-For", "X-Real-Ip", "Forwarded")
KNOWN_METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})

# The tasks whose last run is reported, by a label: registered by the app that owns each task.
_watched_tasks: dict[str, Any] = {}


def watch_task(label: str, task: Any) -> None:
    _watched_tasks[label] = task


REQUESTS = Counter("varde_http_requests", "Requests answered", ["view", "method", "status"])
LATENCY = Histogram(
    "varde_http_request_duration_seconds",
    "Time to answer a request",
    ["view", "method"],
    buckets=(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
)


class RequestMetricsMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        started = time.perf_counter()
        response = self.get_response(request)
        match = request.resolver_match
        view = match.view_name if match is not None else "unmatched"
        method = request.method if request.method in KNOWN_METHODS else "other"
        REQUESTS.labels(view, method, str(response.status_code)).inc()
        LATENCY.labels(view, method).observe(time.perf_counter() - started)
        return response


def may_scrape(request: HttpRequest) -> bool:
    """The server itself, asked directly rather than through the proxy, or the metrics token."""
    token = settings.VARDE_METRICS_TOKEN
    sent = request.headers.get("Authorization", "")
    if token and hmac.compare_digest(sent.encode(), f"Bearer {token}".encode()):
        return True
    if any(header in request.headers for header in LOOPBACK_ONLY_HEADERS):
        return False
    try:
        return ipaddress.ip_address(request.META.get("REMOTE_ADDR", "")).is_loopback
    except ValueError:
        return False


def exposition() -> tuple[bytes, str]:
    registry = REGISTRY
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)  # type: ignore[no-untyped-call]
    scraped = CollectorRegistry()
    scraped.register(_StateOfTheInstallation())
    return generate_latest(registry) + generate_latest(scraped), CONTENT_TYPE_LATEST


class _StateOfTheInstallation:
    """Read from the database at each scrape."""

    def collect(self) -> Iterator[Any]:
        ready = DBTaskResult.objects.ready().count()
        yield GaugeMetricFamily("varde_worker_queue_length", "Tasks waiting for the worker", value=ready)
        finished = (
            DBTaskResult.objects.finished().order_by("-finished_at").values_list("finished_at", flat=True)
        )
        yield _timestamp(
            "varde_worker_last_finished_timestamp_seconds",
            "When the worker last finished a task",
            finished.first(),
        )
        last_runs = GaugeMetricFamily(
            "varde_task_last_finished_timestamp_seconds",
            "When each watched task last finished",
            labels=["task"],
        )
        for label, task in sorted(_watched_tasks.items()):
            when = finished.filter(task_path=task.module_path).first()
            last_runs.add_metric([label], when.timestamp() if when else 0)
        yield last_runs
        verified = last_verification()
        yield _timestamp(
            "varde_audit_chain_verified_timestamp_seconds",
            "When the audit chain was last verified (varde verify-audit)",
            verified.occurred_at if verified else None,
        )
        intact = GaugeMetricFamily(
            "varde_audit_chain_intact", "1 when the last verification found the chain intact"
        )
        intact.add_metric([], 1 if verified and verified.detail.get("intact") else 0)
        yield intact
        yield _timestamp(
            "varde_scraped_timestamp_seconds", "When this scrape read the database", timezone.now()
        )


def _timestamp(name: str, documentation: str, when: Any) -> Any:
    return GaugeMetricFamily(name, documentation, value=when.timestamp() if when else 0)
