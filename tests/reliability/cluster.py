"""A throwaway PostgreSQL cluster and a production Varde in front of it, for tests that stop the
database or the server. Started as the postgres user when run as root, because initdb refuses root."""

import contextlib
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

from cryptography.fernet import Fernet

VARDE = str(Path(sys.executable).with_name("varde"))


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _as_postgres(command: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command


# How long a process this test starts may take to become ready: a ceiling for waiting on its readiness
# signal, never a fixed pause. A shared machine under load can take minutes for what an idle one
# does in seconds.
READY_WITHIN = 300


class Cluster:
    """initdb in a temporary directory; start, crash-stop and start again."""

    def __init__(self) -> None:
        self.root = Path(tempfile.mkdtemp(prefix="varde-pg-"))
        self.root.chmod(0o755)
        if os.geteuid() == 0:
            shutil.chown(self.root, "postgres", "postgres")
        self.data, self.port = self.root / "data", free_port()
        subprocess.run(
            _as_postgres(["initdb", "-D", str(self.data), "-U", "postgres", "-A", "trust", "--no-sync"]),
            check=True,
            capture_output=True,
        )

    @property
    def url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/postgres"

    def _pg_ctl(self, *arguments: str) -> None:
        subprocess.run(
            _as_postgres(["pg_ctl", "-D", str(self.data), *arguments]), check=True, capture_output=True
        )

    def start(self) -> None:
        options = f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c fsync=off"
        # pg_ctl waits until the server accepts connections; its own 60 seconds are too few on a busy
        # machine, so the ceiling is READY_WITHIN.
        self._pg_ctl("-l", str(self.root / "log"), "-o", options, "-w", "-t", str(READY_WITHIN), "start")

    def crash(self) -> None:
        """Stop at once, as a power cut or a killed server would: no clean shutdown."""
        self._pg_ctl("-m", "immediate", "-w", "-t", str(READY_WITHIN), "stop")

    def remove(self) -> None:
        with contextlib.suppress(subprocess.CalledProcessError):  # already stopped
            self.crash()
        shutil.rmtree(self.root, ignore_errors=True)


def production_environment(cluster: Cluster, var_dir: Path) -> dict[str, str]:
    return os.environ | {
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "DATABASE_URL": cluster.url,
        "SECRET_KEY": secrets.token_urlsafe(40),
        "VARDE_AUDIT_KEY": secrets.token_urlsafe(32),
        "VARDE_ENCRYPTION_KEYS": Fernet.generate_key().decode(),
        "VARDE_BLIND_INDEX_KEY": secrets.token_urlsafe(32),
        "VARDE_VAR_DIR": str(var_dir),
        "VARDE_SECURE_SSL_REDIRECT": "false",
        "VARDE_DB_CONN_MAX_AGE": "600",
    }


def varde(environment: dict[str, str], *arguments: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [VARDE, *arguments], env=environment, capture_output=True, text=True, timeout=600, check=False
    )


def wait_until_answering(url: str, seconds: float = READY_WITHIN) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2)  # noqa: S310  (a loopback address the test chose)
            return
        except urllib.error.HTTPError:
            return  # it answers, whatever it says
        except OSError:
            time.sleep(0.3)
    raise TimeoutError(f"Nothing answered on {url}.")
