"""A throwaway PostgreSQL cluster for the store tests, started once per test run.

Follows /work/shared/notes/postgresql.md: Debian's postgresql 15 binaries, a fresh data folder
in /tmp owned by the `postgres` user when running as root (the server refuses root), listening
on 127.0.0.1 at a free port. Each test gets its own database, so tests never see each other's
rows. The cluster is stopped and its folder removed when the Python process exits.
"""

from __future__ import annotations

import atexit
import itertools
import os
import shlex
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

PG_BIN_DIRS = [Path(os.environ["COACH_PG_BIN"])] if os.environ.get("COACH_PG_BIN") else []
PG_BIN_DIRS += sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True)
PG_USER = "coach"
# Whether the store tests' new databases (store_support.make_settings) are ones every migration has
# run on (copies of a template migrated once per run) or empty ones; conftest sets it for each test.
NEW_DATABASES_MIGRATED = False


def find_pg_bin() -> Path | None:
    for folder in PG_BIN_DIRS:
        if (folder / "initdb").exists() and (folder / "pg_ctl").exists():
            return folder
    found = shutil.which("pg_ctl")
    return Path(found).parent if found and shutil.which("initdb") else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class PostgresServer:
    """One cluster; `new_database_url()` hands out a new database on it."""

    def __init__(self, bin_dir: Path):
        self.bin_dir = bin_dir
        self.dir = Path(tempfile.mkdtemp(prefix="coach-pg-"))
        self.data = self.dir / "data"
        self.port = _free_port()
        self._counter = itertools.count(1)
        self._as_postgres = os.geteuid() == 0
        self._migrated_template: str | None = None

    def _run(self, *args: str) -> None:
        command = [str(self.bin_dir / args[0]), *args[1:]]
        if self._as_postgres:
            command = ["runuser", "-u", "postgres", "--", *command]
        result = subprocess.run(command, capture_output=True, text=True, timeout=120)
        if result.returncode != 0:
            log = (self.dir / "log").read_text() if (self.dir / "log").exists() else ""
            raise RuntimeError(f"{shlex.join(command)} failed: {result.stderr}{result.stdout}\n{log}")

    def start(self) -> PostgresServer:
        if self._as_postgres:
            shutil.chown(self.dir, "postgres", "postgres")
        self._run("initdb", "-D", str(self.data), "-A", "trust", "-U", PG_USER, "-E", "UTF8", "--no-sync")
        options = (
            f"-k {self.dir} -p {self.port} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200"
        )
        self._run(
            "pg_ctl",
            "-D",
            str(self.data),
            "-o",
            options,
            "-l",
            str(self.dir / "log"),
            "-w",
            "-t",
            "60",
            "start",
        )
        atexit.register(self.stop)
        return self

    def stop(self) -> None:
        if self.data.exists():
            try:
                self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
            except (RuntimeError, subprocess.TimeoutExpired):
                pass
        shutil.rmtree(self.dir, ignore_errors=True)

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://{PG_USER}@127.0.0.1:{self.port}/{database}"

    def new_database_url(self, migrated: bool = False) -> str:
        """An empty database, or with `migrated` one as `open_store` leaves a new one: every
        migration run (about 0.3 s on PostgreSQL each time)."""
        name = f"coach_test_{os.getpid()}_{next(self._counter)}"
        self._create_database(name, self._migrated() if migrated else "template0")
        return self.url(name)

    def _migrated(self) -> str:
        """The template of migrated databases, made by the coach itself once per run."""
        if self._migrated_template is None:
            from store_support import started_once

            name = f"coach_migrated_{os.getpid()}"
            self._create_database(name, "template0")
            with started_once(self.url(name)):
                pass
            self._migrated_template = name
        return self._migrated_template

    def _create_database(self, name: str, template: str) -> None:
        import psycopg

        for attempt in range(50):
            try:
                with psycopg.connect(
                    f"host=127.0.0.1 port={self.port} user={PG_USER} dbname=postgres", autocommit=True
                ) as conn:
                    conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
                return
            except psycopg.OperationalError:  # the template still in use as its last session ends
                if attempt == 49:
                    raise
                time.sleep(0.1)


_server: PostgresServer | None = None
_failure: str | None = None


def get_server() -> PostgresServer | None:
    """The running cluster, started on first use; None when PostgreSQL is not installed."""
    global _server, _failure
    if _server is None and _failure is None:
        bin_dir = find_pg_bin()
        if bin_dir is None:
            _failure = "PostgreSQL binaries not found (apt-get install postgresql)"
        else:
            _server = PostgresServer(bin_dir).start()
    return _server


def allow_connections(url: str, allowed: bool, *, drop: bool = False) -> None:
    """Let the database at `url` take new connections or refuse them (PostgreSQL gone, as the tests
    of an outage need it); `drop` also ends the connections open now."""
    import psycopg
    import sqlalchemy as sa

    parsed = sa.engine.make_url(url)
    admin = parsed.set(drivername="postgresql", database="postgres").render_as_string(hide_password=False)
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'ALTER DATABASE "{parsed.database}" ALLOW_CONNECTIONS {str(allowed).lower()}')
        if drop:
            ended = "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s"
            conn.execute(ended, (parsed.database,))


def skip_reason() -> str | None:
    get_server()
    return _failure
