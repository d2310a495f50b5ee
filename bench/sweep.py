"""Every page once: the pages each role opens, requested in-process on a generated database as that
role, with each page's queries and time.

    uv run python bench/sweep.py --database-url postgres://postgres@127.0.0.1:5432/varde_bench \\
        [--repeat 5] [--slower-than 100] [--page NAME] [--writes]

The harness (bench/run.py) measures the pages issue 12 names, under load. This sweep looks at the
others. A page whose rule or query reads every partnership's rows is quick on a small set and slow on
the national one. The sweep found two: the meeting list, through the rule of who sees which meeting,
and the audit page, which counted the officer's whole trail (docs/performance.md, run AE). A page
slower than --slower-than milliseconds (the median of --repeat requests, after a first one that
warms the caches) is marked, so that the table shows at once which pages to look at.

With --writes, the sweep sends the forms of its form pages instead (bench/forms.py fills them in),
each in a transaction that is rolled back, so the generated set stays as it was. A change whose rule
reads every partnership's rows (a reference, a duplicate check, a quorum) is found the same way. A
form that is refused is marked, with the reasons it gave.
"""

import argparse
import statistics
import sys
import time
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Stop:
    """One page of the sweep, opened as a role: through its session, or with its API token."""

    name: str
    role: str
    path: str
    api: bool = False
    expects: int = 200


@dataclass(frozen=True)
class Measured:
    stop: Stop
    status: int
    queries: int
    median_ms: float
    refusals: tuple[str, ...] = ()


SESSION_ROLES = (
    "coordinator",
    "police_contact",
    "secretary",
    "plan_manager",
    "privacy_officer",
    "employee",
    "admin",
)


def administrator(partnership: Any) -> Any:
    """The generated staff hold no administrator; the sweep makes one synthetic employee the
    municipality's administrator, once."""
    from varde.accounts.models import Membership
    from varde.accounts.roles import AgencyKind, Role

    municipality = partnership.agencies.get(kind=AgencyKind.MUNICIPALITY)
    admin = Membership.objects.filter(agency=municipality, role=Role.ADMIN).first()
    if admin is None:
        employee = Membership.objects.filter(agency=municipality, role=Role.EMPLOYEE).order_by("user_id")[0]
        admin = Membership.objects.create(user=employee.user, agency=municipality, role=Role.ADMIN)
    return admin.user


def member(partnership: Any, role: str) -> Any:
    from bench.scenario import member as scenario_member

    return administrator(partnership) if role == "admin" else scenario_member(partnership, role)


def stops(partnership: Any) -> list[Stop]:
    """The pages of one generated partnership, each with the role that opens it and a record of its own
    where the page shows one."""
    from django.utils import timezone

    from varde.actionplan.models import Obligation, PlanMeasure
    from varde.assessments.models import Assessment
    from varde.concerns.dates import add_months
    from varde.concerns.models import Concern
    from varde.meetings.models import Meeting, MeetingKind

    coordinator = member(partnership, "coordinator")
    concern = Concern.objects.filter(owning_agency__memberships__user=coordinator).order_by("-created_at")[0]
    assessment = Assessment.objects.filter(concern__owning_agency=concern.owning_agency).order_by("pk")[0]
    contact_meetings = Meeting.objects.filter(partnership=partnership, kind=MeetingKind.CONTACT)
    meeting = contact_meetings.order_by("-starts_at")[0]
    measure = PlanMeasure.objects.filter(plan__partnership=partnership).order_by("pk")[0]
    obligation = Obligation.objects.filter(plan__partnership=partnership).order_by("pk")[0]
    unit = partnership.agencies.get(kind="municipality").units.order_by("name")[0]
    slug = partnership.slug
    first = add_months(timezone.localdate().replace(day=1), -24)
    month = f"date_from={first}&date_to={add_months(first, 1) - timedelta(days=1)}"
    year = f"date_from={first}&date_to={add_months(first, 12) - timedelta(days=1)}"
    pages = {
        "coordinator": [
            ("home", "/hjem/"),
            ("case list", "/saker/"),
            ("case list, overdue", "/saker/?overdue=on"),
            ("case list, page 40", "/saker/?side=40"),
            ("case page", f"/saker/{concern.pk}/"),
            ("intake", "/saker/ny/"),
            ("assessments", f"/saker/{assessment.concern_id}/vurderinger/"),
            ("assessment", f"/saker/{assessment.concern_id}/vurderinger/{assessment.pk}/"),
            ("statistics", "/situasjonsbilde/"),
            ("statistics CSV", "/situasjonsbilde.csv"),
            ("incidents", "/situasjonsbilde/hendelser/"),
            ("online observations", "/situasjonsbilde/nett/"),
            ("statistics report", "/situasjonsbilde/rapport/"),
            ("events", "/markeringer/"),
            ("network", "/nettverk/"),
            ("resource persons", "/nettverk/ressurspersoner/"),
            ("preparedness", "/nettverk/beredskap/"),
            ("account", "/konto/"),
            ("API tokens", "/profil/api-tokener/"),
            # The case's forms: each lists choices (handlers, agencies, legal bases, consents) that
            # must come from the case's own partnership, not the country's.
            ("assign", f"/saker/{concern.pk}/ansvarlig/"),
            ("change status", f"/saker/{concern.pk}/status/"),
            ("acute", f"/saker/{concern.pk}/akutt/"),
            ("close", f"/saker/{concern.pk}/avslutt/"),
            ("concern level", f"/saker/{concern.pk}/vurdering/"),
            ("add a measure", f"/saker/{concern.pk}/tiltak/ny/"),
            ("add a consent", f"/saker/{concern.pk}/samtykke/ny/"),
            ("disclose", f"/saker/{concern.pk}/deling/ny/"),
            ("start an assessment", f"/saker/{concern.pk}/vurderinger/ny/"),
        ],
        "police_contact": [
            ("case list, police", "/saker/"),
        ],
        "secretary": [
            ("meetings", "/moter/"),
            ("calendar", "/moter/kalender/"),
            ("meeting", f"/moter/{meeting.pk}/"),
            ("agenda", f"/moter/{meeting.pk}/dagsorden/"),
            ("minutes", f"/moter/{meeting.pk}/referat/"),
            ("schedule a meeting", "/moter/ny/"),
            ("invite", f"/moter/{meeting.pk}/inviter/"),
            ("attendance", f"/moter/{meeting.pk}/oppmote/"),
        ],
        "plan_manager": [
            ("plan dashboard", "/plan/"),
            ("plan measure", f"/plan/tiltak/{measure.pk}/"),
            ("obligation", f"/plan/forpliktelser/{obligation.pk}/"),
            ("trainings", "/plan/opplaering/"),
            ("training coverage", "/plan/opplaering/dekning/"),
            ("session requests", "/plan/foresporsler/"),
            ("plan report", "/plan/rapport/"),
            ("plan export", "/plan/eksport.yaml"),
            ("import a plan", "/plan/importer/"),
        ],
        "privacy_officer": [
            ("audit trail", "/personvern/revisjonslogg/"),
            ("audit trail, action", "/personvern/revisjonslogg/?action=login"),
            ("audit trail, page 100", "/personvern/revisjonslogg/?side=100"),
            ("audit trail, a month", f"/personvern/revisjonslogg/?{month}"),
            ("audit trail, a year", f"/personvern/revisjonslogg/?{year}"),
            ("audit trail, a person", "/personvern/revisjonslogg/?actor=finnes-ikke"),
        ],
        "employee": [
            ("employee page", "/ansatt/"),
            ("report a concern", "/melde/"),
            ("my reports", "/melde/mine/"),
        ],
        "admin": [
            ("users", "/admin/brukere/"),
            ("users, search", "/admin/brukere/?q=syntetisk"),
            ("user", f"/admin/brukere/{coordinator.pk}/"),
            ("units", "/admin/enheter/"),
            ("unit", f"/admin/enheter/{unit.pk}/"),
            ("legal bases", "/admin/hjemler/"),
            ("measure types", "/admin/tiltakstyper/"),
            ("casework settings", "/admin/saksbehandling/"),
            ("instruments", "/admin/instrumenter/"),
            ("quorum rule", "/admin/beslutningsdyktighet/"),
            ("new user", "/admin/brukere/ny/"),
            ("new unit", "/admin/enheter/ny/"),
            ("new legal basis", "/admin/hjemler/ny/"),
            ("concern levels", "/admin/bekymringsnivaa/"),
        ],
        "public": [
            ("public information", f"/informasjon/{slug}/"),
            ("public form", f"/bekymring/{slug}/"),
        ],
    }
    api = {
        "coordinator": [
            ("API me", "/api/v1/me"),
            ("API concerns", "/api/v1/concerns"),
            ("API concern", f"/api/v1/concerns/{concern.pk}"),
            ("API meetings", "/api/v1/meetings"),
            ("API meeting", f"/api/v1/meetings/{meeting.pk}"),
            ("API plan", "/api/v1/plan"),
            ("API trainings", "/api/v1/trainings"),
            ("API legal bases", "/api/v1/legal-bases"),
        ],
        "privacy_officer": [
            ("API audit events", "/api/v1/audit-events"),
            ("API audit events, a month", f"/api/v1/audit-events?{month}"),
        ],
    }
    return [Stop(name, role, path) for role, named in pages.items() for name, path in named] + [
        Stop(name, role, path, api=True) for role, named in api.items() for name, path in named
    ]


def clients(partnership: Any) -> dict[tuple[str, bool], Any]:
    """A client per role: logged in through a session, and through an API token of the scopes the
    role's API pages need."""
    from django.test import Client

    from bench.scenario import session_cookie
    from varde.api import tokens
    from varde.api.models import Scope

    def client(**headers: str) -> Any:
        return Client(HTTP_X_FORWARDED_PROTO="https", SERVER_NAME="127.0.0.1", headers=headers)

    made: dict[tuple[str, bool], Any] = {("public", False): client()}
    for role in SESSION_ROLES:
        browser = client()
        name, value = session_cookie(member(partnership, role)).split("=", 1)
        browser.cookies[name] = value
        made[role, False] = browser
    for role, scope in (("coordinator", Scope.READ), ("privacy_officer", Scope.AUDIT)):
        user = member(partnership, role)
        _token, secret = tokens.create_token(user, user=user, name="sweep", scopes=[scope])
        made[role, True] = client(Authorization=f"Bearer {secret}")
    return made


def measure(stop: Stop, client: Any, repeat: int) -> Measured:
    """The page's answer and queries on a warm second request, and the median time of `repeat` more."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(stop.path)
    with CaptureQueriesContext(connection) as captured:
        status = client.get(stop.path).status_code
    # Counted now: the next request clears the connection's log that the capture reads from.
    queries = len(captured)
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        client.get(stop.path)
        times.append((time.perf_counter() - start) * 1000)
    return Measured(stop, status, queries, statistics.median(times))


@dataclass(frozen=True)
class Write:
    """How the write sweep fills a form beyond what the page marks required: the fields a hurried user
    must still fill for this case (a description, a reason), and values of their own."""

    also_required: tuple[str, ...] = ()
    values: dict[str, Any] = field(default_factory=dict)
    expects: int = 302  # a change answers with a redirect to what it changed


WRITES = {
    "intake": Write(
        ("description",),
        {"subject_name": "Syntetisk Person", "subject_birth_year": "2010", "confirmed_new": "on"},
    ),
    "assign": Write(),
    "change status": Write(),
    # A municipal case marked acute moves to the police, and the page that says so is the answer.
    "acute": Write(expects=200),
    "close": Write(),
    "concern level": Write(),
    "add a measure": Write(),
    "add a consent": Write(("agencies",)),
    "disclose": Write(("parts",)),
    "start an assessment": Write(),
    "schedule a meeting": Write(values={"ends_at": lambda: _a_week_ahead_at("11:00")}),
    "invite": Write(("people",)),
    "attendance": Write(("no_quorum_reason",)),
    # A new user's answer is the one-time password, shown once; hashing it takes the password
    # hasher's deliberate third of a second.
    "new user": Write(values={"username": "syntetisk.ny"}, expects=200),
    "new unit": Write(),
    "new legal basis": Write(values={"code": "syntetisk-grunnlag"}),
    "report a concern": Write(),
    "public form": Write(),
    # The registers beside the cases, each the first form on its page.
    "incidents": Write(),
    "online observations": Write(),
    "events": Write(),
    "network": Write(),
    "trainings": Write(("units",)),
    "session requests": Write(),
    "plan measure": Write(),  # an activity logged
    "minutes": Write(),  # a point added to the agenda
}


def _a_week_ahead_at(clock: str) -> str:
    """A time a week from today, as a datetime-local field sends it (the form fills its start at 09:00)."""
    from django.utils import timezone

    return f"{timezone.localdate() + timedelta(days=7)}T{clock}"


def write_stops(partnership: Any) -> list[Stop]:
    """The sweep's form pages whose forms the write sweep sends."""
    return [
        Stop(stop.name, stop.role, stop.path, expects=WRITES[stop.name].expects)
        for stop in stops(partnership)
        if stop.name in WRITES
    ]


def submit(stop: Stop, client: Any, repeat: int) -> Measured:
    """The form sent `repeat` times after a first that warms the caches, each time in a transaction that
    is rolled back: the generated set stays as it was, and each change meets the same data."""
    from django.db import connection, transaction
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from bench.forms import errors_in, filled, read_form

    write = WRITES[stop.name]
    times = []
    for _ in range(repeat + 1):
        with transaction.atomic():
            form = read_form(client.get(stop.path).content.decode())
            data = filled(form, write.values, also_required=write.also_required, today=timezone.localdate())
            with CaptureQueriesContext(connection) as captured:
                start = time.perf_counter()
                response = client.post(form.action or stop.path, data)
                times.append((time.perf_counter() - start) * 1000)
            queries = len(captured)
            transaction.set_rollback(True)
    refusals = tuple(errors_in(response.content.decode())) if response.status_code == 200 else ()
    return Measured(stop, response.status_code, queries, statistics.median(times[1:]), refusals)


def line(measured: Measured, slower_than: float) -> str:
    stop = measured.stop
    mark = "" if measured.status == stop.expects and measured.median_ms <= slower_than else "  <--"
    return (
        f"{stop.name:<27} {stop.role:<16} {measured.status:>6} {measured.queries:>7} "
        f"{measured.median_ms:>9.1f}{mark}"
    )


def main() -> None:
    from bench.run import add_database_url

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add_database_url(parser, "a generated PostgreSQL database")
    parser.add_argument("--repeat", type=int, default=5, help="timed requests per page (the median is shown)")
    parser.add_argument(
        "--slower-than", type=float, default=100.0, help="mark pages whose median is above this (ms)"
    )
    parser.add_argument("--page", action="append", help="a page's name in the sweep (all if left out)")
    parser.add_argument(
        "--writes",
        action="store_true",
        help="send the form pages' forms instead, each in a transaction that is rolled back",
    )
    args = parser.parse_args()

    from bench.run import prepare

    prepare(args.database_url, generate=None)
    from varde.accounts.models import Partnership
    from varde.scale.generate import PREFIX

    partnership = Partnership.objects.get(slug=f"{PREFIX}-01")
    every = write_stops(partnership) if args.writes else stops(partnership)
    chosen = [stop for stop in every if not args.page or stop.name in args.page]
    by_role = clients(partnership)
    send = submit if args.writes else measure
    print(f"{'page':<27} {'role':<16} {'status':>6} {'queries':>7} {'median ms':>9}")  # noqa: T201
    for stop in chosen:
        measured = send(stop, by_role[stop.role, stop.api], args.repeat)
        print(line(measured, args.slower_than), flush=True)  # noqa: T201
        for refusal in measured.refusals:
            print(f"    refused: {refusal}")  # noqa: T201


if __name__ == "__main__":
    sys.path.insert(0, str(REPO))
    main()
