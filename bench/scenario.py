"""What the benchmark opens, and as whom: sessions for synthetic users of one generated partnership
(as if they had logged in with their second factor), and an API token."""

import subprocess
import time
from dataclasses import dataclass, field
from datetime import timedelta
from importlib import import_module

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY

from varde.accounts.middleware import STARTED_AT
from varde.accounts.models import AuthenticatorApp, Partnership, Unit, User
from varde.accounts.roles import Role
from varde.api import tokens
from varde.api.models import Scope
from varde.concerns.dates import add_months
from varde.concerns.models import Concern
from varde.core.models import AuditEvent
from varde.meetings.models import Meeting, MeetingKind
from varde.scale.generate import PREFIX, SCALES, Generator
from varde.scale.views import TABLE_ROWS


@dataclass(frozen=True)
class Target:
    """What is asked of a page (ADR 0044): a share of its audited floor's throughput, or a p99 in
    milliseconds measured alone."""

    min_audited_ratio: float | None = None
    max_p99_ms: float | None = None


@dataclass(frozen=True)
class Page:
    name: str
    role: str
    path: str
    floor: str
    cookie: str = ""
    headers: dict[str, str] = field(default_factory=dict)
    target: Target | None = None
    # For a page that records its view in the audit trail: its floor that records one too.
    audited_floor: str | None = None


P99_TARGET = Target(max_p99_ms=100)
AUDITED = {"floor-row": "floor-row-audited", "floor-table": "floor-table-audited"}


def session_cookie(user: User) -> str:
    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    device, _created = AuthenticatorApp.objects.get_or_create(
        user=user, name="benchmark", defaults={"confirmed": True}
    )
    store[DEVICE_ID_SESSION_KEY] = device.persistent_id
    store[STARTED_AT] = int(time.time())
    store.save()
    return f"{settings.SESSION_COOKIE_NAME}={store.session_key}"


def member(partnership: Partnership, role: str) -> User:
    """The first synthetic user, by name, who holds the role in the partnership."""
    members = User.objects.filter(memberships__agency__partnership=partnership, memberships__role=role)
    return members.order_by("username")[0]


@dataclass
class Scenario:
    pages: list[Page]

    @classmethod
    def prepare(cls, *, generate: str | None) -> "Scenario":
        if not Partnership.objects.filter(slug=f"{PREFIX}-01").exists():
            if generate is None:
                raise SystemExit("The database holds no generated data: add --generate national.")
            Generator(SCALES[generate], report=print).run()
        if Unit.objects.count() < TABLE_ROWS:
            # Sets generated before 2026-12-02 hold no units: their table floor rendered an empty table.
            raise SystemExit(f"The table floor needs {TABLE_ROWS} units; generate the database again.")
        partnership = Partnership.objects.get(slug=f"{PREFIX}-01")

        coordinator = member(partnership, Role.COORDINATOR)
        cookie = {
            role: session_cookie(member(partnership, role))
            for role in (Role.COORDINATOR, Role.SECRETARY, Role.PLAN_MANAGER, Role.PRIVACY_OFFICER)
        }
        concern = Concern.objects.filter(owning_agency__memberships__user=coordinator)[0]
        # Another concern of the partnership, with the generated history of one (hundreds of reads
        # over ten years). Not the case page's concern: every run of the benchmark adds thousands of
        # events to that one, so its search would measure the benchmark's own history.
        searched = (
            AuditEvent.objects.filter(partnership_id=str(partnership.pk), object_type="concern")
            .exclude(object_id=str(concern.pk))
            .values_list("object_id", flat=True)[0]
        )
        # A month two years back: the partnership's events and its members' logins and case lists in it.
        first = add_months(timezone.localdate().replace(day=1), -24)
        last = add_months(first, 1) - timedelta(days=1)
        meeting = Meeting.objects.filter(partnership=partnership, kind=MeetingKind.CONTACT).order_by(
            "-starts_at"
        )[0]
        _token, secret = tokens.create_token(
            coordinator, user=coordinator, name="benchmark", scopes=[Scope.READ]
        )
        c, s, p, o = (
            cookie[r] for r in (Role.COORDINATOR, Role.SECRETARY, Role.PLAN_MANAGER, Role.PRIVACY_OFFICER)
        )
        return cls(
            [
                Page("floor-row", "coordinator", "/ytelse/gulv/rad/", "floor-row", c),
                Page("floor-table", "coordinator", "/ytelse/gulv/tabell/", "floor-table", c),
                Page(AUDITED["floor-row"], "coordinator", "/ytelse/gulv/rad/logget/", "floor-row", c),
                Page(AUDITED["floor-table"], "coordinator", "/ytelse/gulv/tabell/logget/", "floor-table", c),
                Page(
                    "case list",
                    "coordinator",
                    "/saker/?status=under_assessment",
                    "floor-table",
                    c,
                    target=Target(min_audited_ratio=0.8),
                    audited_floor=AUDITED["floor-table"],
                ),
                Page(
                    "case page",
                    "coordinator",
                    f"/saker/{concern.pk}/",
                    "floor-row",
                    c,
                    target=Target(min_audited_ratio=0.3),
                    audited_floor=AUDITED["floor-row"],
                ),
                Page(
                    "meeting agenda",
                    "secretary",
                    f"/moter/{meeting.pk}/dagsorden/",
                    "floor-row",
                    s,
                    target=P99_TARGET,
                    audited_floor=AUDITED["floor-row"],
                ),
                Page("plan dashboard", "plan manager", "/plan/", "floor-table", p, target=P99_TARGET),
                Page("statistics", "coordinator", "/situasjonsbilde/", "floor-table", c, target=P99_TARGET),
                Page(
                    "audit search",
                    "privacy officer",
                    f"/personvern/revisjonslogg/?object_id={searched}",
                    "floor-table",
                    o,
                    audited_floor=AUDITED["floor-table"],
                ),
                Page(
                    "audit search by month",
                    "privacy officer",
                    f"/personvern/revisjonslogg/?date_from={first}&date_to={last}",
                    "floor-table",
                    o,
                    audited_floor=AUDITED["floor-table"],
                ),
                Page(
                    "API case list",
                    "coordinator",
                    "/api/v1/concerns",
                    "floor-table",
                    headers={"Authorization": f"Bearer {secret}"},
                    audited_floor=AUDITED["floor-table"],
                ),
            ]
        )

    @staticmethod
    def worker_memory_mb(server_pid: int) -> float:
        ps = ["/usr/bin/ps", "--ppid", str(server_pid), "-o", "rss="]
        output = subprocess.run(ps, capture_output=True, text=True, check=False).stdout  # noqa: S603
        sizes = [int(line) for line in output.split()]
        return max(sizes, default=0) / 1024
