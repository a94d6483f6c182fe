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
import threading
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from coach.analysis.wording import count  # noqa: E402
from coach.config import COHORT_PASSWORD_FILE, default_data_dir, load_settings  # noqa: E402
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
        self.password_file = data_dir / COHORT_PASSWORD_FILE
        self.port = port
        self.bin = pg_bin()
        self.started_here = False  # stop() stops only a server this run started, never another run's

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
        result = subprocess.run(self._command(*args), capture_output=True, text=True, timeout=120)
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

    def _command(self, *args: str) -> list[str]:
        command = [str(self.bin / args[0]), *args[1:]]
        return ["runuser", "-u", "postgres", "--", *command] if self.as_root else command

    def running(self) -> bool:
        """Whether a server already runs on this cluster's data (pg_ctl status: 0 running, 3 not)."""
        return self._run("pg_ctl", "status", "-D", str(self.pgdata), check=False).returncode == 0

    def start(self) -> str:
        if self.running():
            # a second `make serve-cohort` on the same data: pg_ctl failed with its log, and the
            # clean-up after it stopped the first run's database under all its students
            stop = " ".join(self._command("pg_ctl", "-D", str(self.pgdata), "stop"))
            raise CohortFailed(
                f"The coach's database for {self.password_file.parent} is already running, so another "
                "`make serve-cohort` serves it: use that one, or stop it with Ctrl-C in its terminal "
                f"before starting again (if none runs, stop the database it left with `{stop}`)."
            )
        options = f"-k {self.base} -p {self.port} -c listen_addresses=127.0.0.1 -c max_connections=200"
        self._run(
            "pg_ctl", "-D", str(self.pgdata), "-o", options, "-l", str(self.base / "log"), "-w", "start"
        )
        self.started_here = True
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
        if self.started_here:
            self._run("pg_ctl", "-D", str(self.pgdata), "-m", "fast", "-w", "stop", check=False)
            self.started_here = False


# A worker that stops within this long of starting stopped "at once": replacing it is put off a
# little longer each time (RESTART_AFTER_S doubling up to RESTART_AFTER_MAX_S), so a worker that
# cannot start does not spin. A worker alive longer than this is replaced at once.
WORKER_SETTLED_S = 60.0
RESTART_AFTER_S = 5.0
RESTART_AFTER_MAX_S = 300.0
READY = "waiting for answers"  # what `coach worker` says once its models are loaded


class CohortFailed(Exception):
    """The cohort cannot start; the message says why."""


class Worker:
    """One `coach worker` process; its messages go on to the terminal (or its log file) as they
    come, and whether it said it is ready is noted."""

    def __init__(self, process: subprocess.Popen, name: str, sink):
        self.process = process
        self.name = name
        self.pid = process.pid
        self.started_at = time.monotonic()
        self.ready = threading.Event()
        self._relay = threading.Thread(target=self._pass_on, args=(sink,), daemon=True)
        self._relay.start()

    def _pass_on(self, sink) -> None:
        for line in self.process.stderr:
            if READY in line:
                self.ready.set()
            try:
                sink.write(line)
                sink.flush()
            except (OSError, ValueError):  # the terminal or log is gone: keep reading, or the worker blocks
                pass

    def poll(self):
        return self.process.poll()

    def wait(self, timeout=None):
        return self.process.wait(timeout=timeout)

    def send_signal(self, sig) -> None:
        self.process.send_signal(sig)

    def kill(self) -> None:
        self.process.kill()

    def terminate(self) -> None:
        self.process.terminate()

    def how_it_stopped(self) -> str:
        code = self.process.returncode
        if code is not None and code < 0:
            name = signal.Signals(-code).name if -code in signal.valid_signals() else f"signal {-code}"
            return f"was killed ({name}: out of memory, or stopped by hand)"
        return f"stopped (exit status {code}; its message is above)"


class CohortStack:
    """PostgreSQL, the queue's schema, N workers and (optionally) the app, started and stopped together."""

    def __init__(self, data_dir: Path, workers: int, *, app_port: int | None = 8501, pg_port: int = 5433):
        self.data_dir = data_dir
        self.workers_wanted = workers
        self.app_port = app_port
        self.cluster = Cluster(data_dir, free_port(pg_port))
        self.processes: list = []
        self.workers: list[Worker] = []
        self.started = 0  # workers started so far, for their names
        self.first_batch: set[str] = set()  # the workers of the stack's very first start
        self.any_ready = False  # some worker has loaded its models: the settings work
        self.quick_deaths = 0  # workers in a row that stopped within WORKER_SETTLED_S
        self.restarts_due: list[float] = []  # when each replacement is to start
        self.held = 0  # replacements waiting for the database to answer again
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
        return replace(load_settings(data_dir=self.data_dir, database_url=self.url), queue=True)

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
        first = self.started == 0
        for _ in range(count):
            self.started += 1
            name = f"worker{self.started}"
            sink = private_log(log_dir / f"{name}.log") if log_dir else sys.stderr
            process = subprocess.Popen(
                [sys.executable, "-m", "coach.cli", "worker", "--name", name],
                env=self.env(),
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
                text=True,
                errors="replace",
                start_new_session=True,  # Ctrl-C reaches this script only; each worker gets one SIGTERM
            )
            worker = Worker(process, name, sink)
            self.workers.append(worker)
            self.processes.append(worker)
            if first:
                self.first_batch.add(name)

    def replace_dead_workers(self, now: float | None = None, say=None) -> int:
        """Notice workers that stopped and start their replacements when due; returns how many
        started now. A worker of the very first start that stopped before it was ever ready, while
        no worker has been ready yet, means the settings are wrong: CohortFailed (its message is
        above). Any other stop (killed, out of memory, an answer that takes its worker down) is
        replaced, after a back-off when workers keep stopping soon after starting; the app keeps
        serving everyone, and an answer that keeps killing workers ends failed for its person."""
        say = say or (lambda text: print(text, file=sys.stderr, flush=True))
        now = time.monotonic() if now is None else now
        self.any_ready = self.any_ready or any(w.ready.is_set() for w in self.workers)
        if self.held and self.database_answers():
            starting = "another worker starts" if self.held == 1 else f"{self.held} workers start"
            say(f"The database answers again: {starting} now.")
            self.restarts_due += [now] * self.held
            self.held, self.quick_deaths = 0, 0
        for worker in [w for w in self.workers if w.poll() is not None]:
            if worker.name in self.first_batch and not worker.ready.is_set() and not self.any_ready:
                raise CohortFailed(
                    f"The coach's worker could not start ({worker.name} {worker.how_it_stopped()}): "
                    "check the settings it names; stopping the rest."
                )
            self.workers.remove(worker)
            self.processes.remove(worker)
            if not self.database_answers():
                # no worker can start without it: a back-off would go on growing while it is away
                # and leave the queue without a worker for minutes after it is back
                self.held += 1
                say(
                    f"{worker.name} {worker.how_it_stopped()}; another starts as soon as the database "
                    "answers again (an answer it had goes back on the queue; the app keeps serving)."
                )
                continue
            if now - worker.started_at < WORKER_SETTLED_S:
                self.quick_deaths += 1
                wait = min(RESTART_AFTER_S * 2 ** (self.quick_deaths - 1), RESTART_AFTER_MAX_S)
            else:
                self.quick_deaths, wait = 0, 0.0
            self.restarts_due.append(now + wait)
            later = f"another starts in {wait:.0f} s" if wait else "another starts now"
            say(
                f"{worker.name} {worker.how_it_stopped()}; {later} (an answer it had goes back on the "
                "queue; the app keeps serving)."
            )
        due = [t for t in self.restarts_due if t <= now]
        self.restarts_due = [t for t in self.restarts_due if t > now]
        if due:
            self.start_workers(len(due))
        return len(due)

    def database_answers(self) -> bool:
        """Whether PostgreSQL takes a connection now (a worker cannot start without one)."""
        import psycopg

        from coach import queue

        try:
            psycopg.connect(queue.conninfo(self.settings()), connect_timeout=3).close()
        except psycopg.Error:
            return False
        return True

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
        # The upload box states Streamlit's limit ("200MB per file"): the person's own, not the
        # machine's 1 GB of .streamlit/config.toml, so the box never offers more than the coach takes.
        app = subprocess.Popen(
            [
                # serve.py: app.py with /media served to each file's owner only (coach.media_guard)
                sys.executable, "-m", "streamlit", "run", str(ROOT / "serve.py"),
                "--server.address", "127.0.0.1", "--server.port", str(self.app_port),
                "--server.headless", "true",
                "--server.maxUploadSize", str(self.settings().upload_limit_mb),
                # a fault no page turned into a sentence: its traceback (the server's paths) goes to
                # this terminal, and the person sees only that something went wrong
                "--client.showErrorDetails", "none",
                # no full garbage collection after each page run (.streamlit/config.toml, not read
                # from another folder): 0.16 s with the models loaded, every student held up meanwhile
                "--runner.postScriptGC", "false",
            ],
            # the login proxy's own address, which trusted_proxies names: Streamlit's server (uvicorn)
            # otherwise puts the browser's from X-Forwarded-For in its place for a connection from
            # 127.0.0.1, and every signed-in student behind oauth2-proxy or nginx was asked to sign in
            env=dict(self.env(), FORWARDED_ALLOW_IPS=""),
            start_new_session=True,
        )  # fmt: skip
        self.processes.append(app)

    def start(self) -> CohortStack:
        if self.app_port and free_port(self.app_port) != self.app_port:
            # found before anything starts: the app alone failed ("Port 8501 is not available") after
            # the database and the workers had started and the address had been announced as the coach's
            raise CohortFailed(
                f"Port {self.app_port} on 127.0.0.1 is taken by another program: stop it, or start the "
                f"coach on another port with `make serve-cohort PORT={self.app_port + 1}`."
            )
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
    data_dir = default_data_dir()
    stack = CohortStack(data_dir, args.workers, app_port=args.port, pg_port=args.pg_port)
    signal.signal(signal.SIGTERM, lambda *_: (_ for _ in ()).throw(KeyboardInterrupt()))
    # a start that failed, or an app that stopped on its own, exits non-zero: make and systemd took
    # "Port 8501 is taken…" for a success; Ctrl-C or a stop (SIGTERM) is the ordinary end
    status = 1
    try:
        stack.start()
        print(
            f"The coach for a cohort: http://127.0.0.1:{args.port} with {count(args.workers, 'worker')}; "
            f"data in {data_dir}; PostgreSQL on 127.0.0.1:{stack.cluster.port} (user {PG_USER}, database "
            f"{PG_DATABASE}, password in {stack.cluster.password_file}). Ctrl-C stops everything.",
            flush=True,
        )
        while stack.app_running():
            stack.replace_dead_workers()
            time.sleep(1)
        print("The app stopped; stopping the workers and the database.", file=sys.stderr)
    except CohortFailed as e:
        print(e, file=sys.stderr)
    except KeyboardInterrupt:
        print("\nStopping: the workers finish the answer in hand.", file=sys.stderr)
        status = 0
    finally:
        stack.stop()
    sys.exit(status)


if __name__ == "__main__":
    main()
