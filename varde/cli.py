"""The `varde` command: everyday verbs on top of manage.py.

varde demo [--port N] [--load-only]   migrate, load the demo and serve it on 127.0.0.1
varde serve [--bind ADDR] [--workers N] run gunicorn with production settings
varde verify-audit                    check the audit trail's hash chain and its checkpoints
varde checkpoint-audit [--schedule]   anchor the trail's head in a signed file outside the database
varde processing-record [--out DIR]   the record of processing activities per agency (Markdown, PDF)
varde <manage.py command> …           anything else goes to manage.py
"""

import argparse
import os
import shutil
import sys
from pathlib import Path
from urllib.parse import unquote, urlsplit

import django
from django.core.management import call_command, execute_from_command_line

DEMO_LOGINS = [
    "koordinator",
    "politikontakt",
    "sekretaer",
    "mentor",
    "ressursperson",
    "ansatt",
    "planleder",
    "kommunikasjon",
    "leser",
    "personvernombud",
    "admin",
    "politiadmin",
    "politipersonvern",
    "koordinator2",
    "mangfoldskontakt",
]


def _setup(settings_module: str) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", settings_module)
    django.setup()


def demo(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="varde demo", description="Start Varde with demo data on SQLite.")
    parser.add_argument("--port", type=int, default=8000, help="port on 127.0.0.1 (default 8000)")
    parser.add_argument("--load-only", action="store_true", help="load the demo data and exit")
    args = parser.parse_args(argv)
    os.environ.setdefault("VARDE_DEMO_MODE", "true")
    _setup("config.settings.local")
    from varde.accounts.demo import demo_password

    call_command("migrate", interactive=False, verbosity=0)
    call_command("load_demo")
    if args.load_only:
        return 0
    address = f"http://127.0.0.1:{args.port}/"
    print(f"\nVarde (demo) runs on {address}")  # noqa: T201
    print(f"  Log in at {address}login/  –  health: {address}healthz")  # noqa: T201
    print(f"  Demo users (password: {demo_password()}): {', '.join(DEMO_LOGINS)}\n")  # noqa: T201
    call_command("runserver", f"127.0.0.1:{args.port}", use_reloader=False)
    return 0


# gunicorn's access log as JSON lines like Varde's own: the path without its query, and the request id
# that ties the line to nginx's and Varde's.
ACCESS_LOG = (
    '{"time": "%(t)s", "logger": "gunicorn.access", "method": "%(m)s", "path": "%(U)s", '
    '"status": %(s)s, "duration_s": %(L)s, "request_id": "%({x-request-id}o)s"}'
)


def serve(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="varde serve", description="Run Varde with gunicorn (production settings)."
    )
    parser.add_argument("--bind", default=os.environ.get("VARDE_BIND", "127.0.0.1:8000"))
    parser.add_argument("--workers", type=int, default=int(os.environ.get("VARDE_WORKERS", "3")))
    args = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")
    _setup(os.environ["DJANGO_SETTINGS_MODULE"])
    call_command("collectstatic", interactive=False, verbosity=0)
    _count_across_workers()
    # Installed beside this interpreter; systemd starts varde by its full path, without the venv on PATH.
    beside = Path(sys.executable).with_name("gunicorn")
    gunicorn = str(beside) if beside.exists() else shutil.which("gunicorn") or "gunicorn"
    command = [gunicorn, "config.wsgi:application", "--bind", args.bind, "--workers", str(args.workers)]
    command += ["--access-logfile", "-", "--access-logformat", ACCESS_LOG]
    # The control socket would live in the service user's home, which systemd keeps read-only.
    command += ["--no-control-socket"]
    os.execv(gunicorn, command)  # noqa: S606  (replaces this process with gunicorn)
    return 0


def _count_across_workers() -> None:
    """Each gunicorn worker writes its metrics to files here, for /metrics to add up (prometheus_client
    reads the variable when gunicorn's processes import it). Counts start again with each start."""
    from django.conf import settings

    directory = Path(settings.VAR_DIR) / "metrics"
    shutil.rmtree(directory, ignore_errors=True)
    directory.mkdir(parents=True)
    os.environ["PROMETHEUS_MULTIPROC_DIR"] = str(directory)


def verify_audit(argv: list[str]) -> int:
    _setup("config.settings.local")
    execute_from_command_line(["varde", "verify_audit", *argv])
    return 0


def checkpoint_audit(argv: list[str]) -> int:
    _setup("config.settings.local")
    execute_from_command_line(["varde", "checkpoint_audit", *argv])
    return 0


def processing_record(argv: list[str]) -> int:
    _setup("config.settings.local")
    execute_from_command_line(["varde", "processing_record", *argv])
    return 0


VERBS = {
    "demo": demo,
    "serve": serve,
    "verify-audit": verify_audit,
    "checkpoint-audit": checkpoint_audit,
    "processing-record": processing_record,
}


# Commands that change the schema or load a whole backup connect as the database's owner when the
# installation has one apart from the application role (ADR 0038).
OWNER_COMMANDS = {"migrate", "restore"}


def _connect_as_owner(command: str) -> None:
    """For an owner's command, connect with VARDE_OWNER_DATABASE_URL, and name the application role
    (DATABASE_URL's user) that the migration grants its privileges to."""
    owner_url = os.environ.get("VARDE_OWNER_DATABASE_URL")
    if command not in OWNER_COMMANDS or not owner_url:
        return
    app_url = os.environ.get("DATABASE_URL", "")
    app_role = urlsplit(app_url).username or ""
    os.environ.setdefault("VARDE_APP_DATABASE_ROLE", unquote(app_role))
    os.environ["DATABASE_URL"] = owner_url


def main() -> None:
    argv = sys.argv[1:]
    if argv:
        _connect_as_owner(argv[0])
    if argv and argv[0] in VERBS:
        sys.exit(VERBS[argv[0]](argv[1:]))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    execute_from_command_line(["varde", *argv])
