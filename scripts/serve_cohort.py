"""`make serve-cohort WORKERS=2`: the coach for a cohort on this machine, in one command.

Starts a PostgreSQL cluster kept under the data directory (Debian's postgresql binaries, data
readable by its owner only, a password kept beside it, listening on 127.0.0.1), applies the
coach's and the queue's schema, starts N `coach worker` processes and the app on 127.0.0.1, and
stops them all on Ctrl-C (workers finish the answer in hand). For development and the tests;
README "Hosted for a cohort" says how to run workers on other machines.

Run as root (as on a build box), the server runs as the `postgres` user, which cannot open a data
directory only root may enter; the cluster then lives in /var/lib/postgresql/coach-<id>, and the
script says so.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from coach.analysis.wording import count  # noqa: E402
from coach.config import load_settings  # noqa: E402
from coach.files import private_folder, private_log, write_private  # noqa: E402

PG_USER = "coach"
PG_DATABASE = "coach"


def pg_bin() -> Path:
    for folder in sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True):
        if (folder / "initdb").exists():
            return folder
    found = shutil.which("pg_ctl")
    if found:
        return Path(found).parent
    sys.exit("PostgreSQL is not installed: run `make setup` (it installs Debian's postgresql).")


def free_port(preferred: int) -> int:
    """`preferred` if it is free, else any free port (0: any). A port left in TIME_WAIT by the
    last run's server counts as free (PostgreSQL binds with SO_REUSEADDR too), so a cluster keeps
    its port from one run to the next."""
    for port in (preferred, 0) if preferred else (0,):
        with socket.socket() as s:
            s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
            return s.getsockname()[1]
    raise OSError("no free port on 127.0.0.1")


class Cluster:
    """One PostgreSQL cluster for the coach, created on first use and kept between runs."""

    def __init__(self, data_dir: Path, port: int):
        self.as_root = os.geteuid() == 0
        private_folder(data_dir)
        self.base = self._place(data_dir)
        self.pgdata = self.base / "data"
        self.password_file = data_dir / "cohort-database.password"
        self.port = port
        self.bin = pg_bin()

    def _place(self, data_dir: Path) -> Path:
        inside = data_dir / "postgresql"
        if not self.as_root or all(
            p.stat().st_mode & 0o001 for p in (data_dir, *data_dir.parents) if p.exists()
        ):
            return inside
        home = (
            Path("/var/lib/postgresql") / f"coach-{hashlib.sha256(str(data_dir).encode()).hexdigest()[:12]}"
        )
        print(f"Running as root: the database is kept in {home} (the postgres user cannot open {data_dir}).")
        return home

    def _run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        command = [str(self.bin / args[0]), *args[1:]]
        if self.as_root:
            command = ["runuser", "-u", "postgres", "--", *command]
        result = subprocess.run(command, capture_output=True, text=True, timeout=120)
        if check and result.returncode != 0:
            log = (self.base / "log").read_text()[-2000:] if (self.base / "log").exists() else ""
            sys.exit(f"{' '.join(args[:1])} failed: {result.stderr.strip()}\n{log}")
        return result

    def _own(self, path: Path) -> None:
        if self.as_root:
            shutil.chown(path, "postgres", "postgres")

    def create(self) -> None:
        """initdb once: password authentication, a password only the owner can read."""
        if (self.pgdata / "PG_VERSION").exists():
            return
        private_folder(self.base)
        self._own(self.base)
        password = secrets.token_urlsafe(24)
        write_private(self.password_file, password + "\n")
        pwfile = self.base / ".initdb-password"
        write_private(pwfile, password + "\n")
        self._own(pwfile)
        try:
            self._run(
                "initdb", "-D", str(self.pgdata), "-U", PG_USER, "-E", "UTF8",
                "--auth=scram-sha-256", f"--pwfile={pwfile}",
            )  # fmt: skip
        finally:
            pwfile.unlink(missing_ok=True)

    def start(self) -> str:
        options = f"-k {self.base} -p {self.port} -c listen_addresses=127.0.0.1 -c max_connections=200"
        self._run(
            "pg_ctl", "-D", str(self.pgdata), "-o", options, "-l", str(self.base / "log"), "-w", "start"
        )
        password = self.password_file.read_text().strip()
        url = f"postgresql+psycopg://{PG_USER}:{password}@127.0.0.1:{self.port}/{PG_DATABASE}"
        self._create_database(password)
        return url

    def _create_database(self, password: str) -> None:
        import psycopg

        address = f"host=127.0.0.1 port={self.port} user={PG_USER} password={password} dbname=postgres"
        with psycopg.connect(address, autocommit=True) as conn:
            if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (PG_DATABASE,)).fetchone():
                conn.execute(f'CREATE DATABASE "{PG_DATABASE}"')

    def stop(self) -> None:
        self._run("pg_ctl", "-D", str(self.pgdata), "-m", "fast", "-w", "stop", check=False)


# A worker that stops sooner than this after starting failed to start (wrong settings), and is not
# started again; later it is replaced (it loads its models in about 10 s).
WORKER_SETTLED_S = 60.0


class CohortFailed(Exception):
    """The cohort cannot keep running; the message says why."""


class CohortStack:
    """PostgreSQL, the queue's schema, N workers and (optionally) the app, started and stopped together."""

    def __init__(self, data_dir: Path, workers: int, *, app_port: int | None = 8501, pg_port: int = 5433):
        self.data_dir = data_dir
        self.workers_wanted = workers
        self.app_port = app_port
        self.cluster = Cluster(data_dir, free_port(pg_port))
        self.processes: list[subprocess.Popen] = []
        self.workers: list[subprocess.Popen] = []
        self.started_at: dict[int, float] = {}  # worker pid -> when it was started
        self.started = 0  # workers started so far, for their names
        self.log_dir: Path | None = None
        self.url = ""

    def env(self) -> dict:
        return dict(
            os.environ,
            COACH_DATA_DIR=str(self.data_dir),
            COACH_DATABASE_URL=self.url,
            COACH_QUEUE="1",
            PYTHONPATH=str(ROOT),
        )

    def settings(self):
        return replace(load_settings(data_dir=self.data_dir), database_url=self.url, queue=True)

    def start_database(self) -> None:
        from coach import queue
        from coach.store import open_store

        private_folder(self.data_dir)
        self.cluster.create()
        self.url = self.cluster.start()
        settings = self.settings()
        open_store(settings).close()  # the coach's tables, migrated once before anyone else opens them
        queue.ensure_schema(settings)

    def start_workers(self, count: int, log_dir: Path | None = None) -> None:
        self.log_dir = log_dir or self.log_dir
        log_dir = self.log_dir
        for _ in range(count):
            self.started += 1
            i = self.started
            log = private_log(log_dir / f"worker{i}.log") if log_dir else None
            worker = subprocess.Popen(
                [sys.executable, "-m", "coach.cli", "worker", "--name", f"worker{i}"],
                env=self.env(),
                stdout=subprocess.DEVNULL if log else None,
                stderr=log,
                start_new_session=True,  # Ctrl-C reaches this script only; each worker gets one SIGTERM
            )
            self.workers.append(worker)
            self.processes.append(worker)
            self.started_at[worker.pid] = time.monotonic()

    def replace_dead_workers(self, settled_s: float = WORKER_SETTLED_S) -> int:
        """Start a new worker for each one that stopped after running a while (killed, out of
        memory): its answer is back on the queue and the cohort keeps its app. A worker that stops
        within `settled_s` of starting is a set-up problem (it said which): CohortFailed."""
        dead = [w for w in self.workers if w.poll() is not None]
        for worker in dead:
            if time.monotonic() - self.started_at.get(worker.pid, 0.0) < settled_s:
                raise CohortFailed(
                    "A worker stopped as it started (its message is above); stopping the rest."
                )
        for worker in dead:
            self.workers.remove(worker)
            self.processes.remove(worker)
        if dead:
            self.start_workers(len(dead))
        return len(dead)

    def app_running(self) -> bool:
        return all(p.poll() is None for p in self.processes if p not in self.workers)

    def stop_workers(self) -> None:
        for worker in self.workers:
            if worker.poll() is None:
                worker.send_signal(signal.SIGTERM)  # finishes the answer in hand, then stops
        for worker in self.workers:
            try:
                worker.wait(timeout=120)
            except subprocess.TimeoutExpired:
                worker.kill()
        self.workers = []

    def start_app(self) -> None:
        app = subprocess.Popen(
            [
                sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"),
                "--server.address", "127.0.0.1", "--server.port", str(self.app_port),
                "--server.headless", "true",
            ],
            env=self.env(),
            start_new_session=True,
        )  # fmt: skip
        self.processes.append(app)

    def start(self) -> CohortStack:
        self.start_database()
        self.start_workers(self.workers_wanted)
        if self.app_port:
            self.start_app()
        return self

    def stop(self) -> None:
        self.stop_workers()
        for process in self.processes:
            if process.poll() is None:
                process.terminate()
                try:
                    process.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    process.kill()
        self.cluster.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=2, help="coach worker processes (default 2)")
    parser.add_argument("--port", type=int, default=8501, help="the app's port on 127.0.0.1")
    parser.add_argument("--pg-port", type=int, default=5433, help="PostgreSQL's port on 127.0.0.1")
    args = parser.parse_args()
    data_dir = load_settings().data_dir
    stack = CohortStack(data_dir, args.workers, app_port=args.port, pg_port=args.pg_port)
    signal.signal(signal.SIGTERM, lambda *_: (_ for _ in ()).throw(KeyboardInterrupt()))
    try:
        stack.start()
        print(
            f"The coach for a cohort: http://127.0.0.1:{args.port} with {count(args.workers, 'worker')}; "
            f"data in {data_dir}; PostgreSQL on 127.0.0.1:{stack.cluster.port} (user {PG_USER}, database "
            f"{PG_DATABASE}, password in {stack.cluster.password_file}). Ctrl-C stops everything.",
            flush=True,
        )
        while stack.app_running():
            replaced = stack.replace_dead_workers()
            if replaced:
                print(
                    f"{count(replaced, 'worker')} stopped; started again "
                    "(an answer it had is back on the queue).",
                    file=sys.stderr,
                    flush=True,
                )
            time.sleep(1)
        print("The app stopped; stopping the workers and the database.", file=sys.stderr)
    except CohortFailed as e:
        print(e, file=sys.stderr)
    except KeyboardInterrupt:
        print("\nStopping: the workers finish the answer in hand.", file=sys.stderr)
    finally:
        stack.stop()


if __name__ == "__main__":
    main()
