"""The database connection: SQLite in the data directory by default, PostgreSQL by URL.

SQLite runs in WAL mode with foreign keys on and full fsync at commit, so a crash loses at most
the transaction in flight. Writers start with BEGIN IMMEDIATE and wait up to `busy_timeout_s`
for another session, so two app windows saving at once queue instead of failing halfway.
Every database failure a user can meet becomes one StorageError sentence saying what to do.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa

from coach.config import Settings
from coach.errors import SERVER, RecordingKept, StorageError, server_fault
from coach.files import FILE_MODE, private_folder
from coach.store import migrations

DEFAULT_BUSY_TIMEOUT_S = 10.0
# How long "Delete all data" waits for a PostgreSQL table another session is using (Store.leave_no_copies).
PG_REWRITE_WAIT_S = 2.0
RECORDINGS = "recordings"  # stored recording paths start with it
# How a database failure's sentence ends (`storage_error`): true of the database; a caller that had
# already kept something (a practice take's recording) says so in its place (coach.practice).
NOTHING_SAVED = "Nothing was saved."


@dataclass
class Store:
    """An open database and the data directory its recording paths are relative to.

    `owner` is whose rows this Store reads and writes: "" for the single user of a personal coach
    (the default), a login identity in multi-user (cohort) mode. Scope a shared Store to one person
    with `store.for_owner(identity)`; the store functions filter every query by it.
    """

    engine: sa.Engine
    settings: Settings
    owner: str = ""

    def __post_init__(self) -> None:
        if self.settings.owner != self.owner:  # recording paths follow the owner (Settings.recordings_dir)
            self.settings = dataclasses.replace(self.settings, owner=self.owner)

    def for_owner(self, owner: str) -> Store:
        """The same database seen as one person's (same engine and connection pool); their
        recordings live in their own folder (Settings.recordings_dir)."""
        return dataclasses.replace(
            self, owner=owner, settings=dataclasses.replace(self.settings, owner=owner)
        )

    @property
    def data_dir(self) -> Path:
        return self.settings.data_dir

    @property
    def where(self) -> str:
        """The database as a user would name it, without any password (Settings shows it)."""
        if self.engine.dialect.name == "sqlite":
            return str(self.engine.url.database)
        return self.engine.url.render_as_string(hide_password=True)

    @property
    def named_in_errors(self) -> str:
        """The database as an error names it: the SQLite file, but never a server's URL (it can
        hold a user name and password, and a page shows the sentence to whoever is using it)."""
        if self.engine.dialect.name == "sqlite":
            return str(self.engine.url.database)
        return "named by COACH_DATABASE_URL"

    def absolute(self, relative_path: str) -> Path:
        """A stored path as a file here: "recordings/..." lives in the recordings folder, which a
        cohort may keep outside the data directory (a folder every worker can read)."""
        top, _, rest = relative_path.partition("/")
        if top == RECORDINGS and rest:
            return self.settings.recordings_root / rest
        return self.data_dir / relative_path

    def relative(self, path: Path) -> str:
        """A recording's path as stored: relative to the data directory, with forward slashes, and
        "recordings/..." for anything in the recordings folder wherever that folder is."""
        path = Path(path).resolve()
        try:
            return f"{RECORDINGS}/{path.relative_to(self.settings.recordings_root.resolve()).as_posix()}"
        except ValueError:
            pass
        try:
            return path.relative_to(self.data_dir.resolve()).as_posix()
        except ValueError as e:
            raise StorageError(
                f"The recording {path} is outside the data directory {self.data_dir}; "
                "save it with coach.audio.save_recording first."
            ) from e

    @contextlib.contextmanager
    def read(self, *, snapshot: bool = False) -> Iterator[sa.Connection]:
        """A read transaction; `snapshot` makes every statement see the same moment (exports)."""
        with self._guard(), self.engine.connect() as conn:
            if snapshot and conn.dialect.name == "postgresql":
                conn = conn.execution_options(isolation_level="REPEATABLE READ")
            with conn.begin():
                yield conn

    @contextlib.contextmanager
    def write(self) -> Iterator[sa.Connection]:
        """One transaction that commits completely on success or not at all."""
        with self._guard(), self.engine.connect() as conn:
            self._check_still_there(conn)
            conn = conn.execution_options(coach_write=True)
            with conn.begin():
                yield conn
            if conn.info.pop(DELETED_ROWS, False):
                _empty_the_log(conn.connection.dbapi_connection)

    def _check_still_there(self, conn: sa.Connection) -> None:
        """Refuse a write to a SQLite database whose file was deleted (its data folder with it) or
        replaced while it was open: SQLite goes on writing into the file it opened, deleted or not,
        and what was saved there was gone once the app or command stopped, without a word."""
        if self.engine.dialect.name != "sqlite":
            return
        opened = conn.connection.info.get(OPENED_FILE)
        if opened is not None and _file_id(self.engine.url.database) != opened:
            raise StorageError(
                f"The database {self.named_in_errors} was deleted or replaced while the coach was open; "
                "put it back, or restart the coach to use the one there now. " + NOTHING_SAVED,
                on_server=_server_database("it was deleted", "nothing was saved"),
            )

    @contextlib.contextmanager
    def _guard(self) -> Iterator[None]:
        try:
            yield
        except sa.exc.DBAPIError as e:
            raise storage_error(e, self.named_in_errors, hide=(self.engine.url,)) from e

    def close(self) -> None:
        self.engine.dispose()

    def leave_no_copies(self) -> None:
        """Rewrite a SQLite database so that rows deleted from it cannot be read back from its files:
        SQLite keeps them in its free pages (where it is built without secure delete, as Python's own
        SQLite on macOS and Windows is) and in its write-ahead log until the log is written over,
        which a running app never gets to ("Delete all data" left the notes in coach.db-wal).
        VACUUM rewrites the file without free pages; a TRUNCATE checkpoint empties the log.

        PostgreSQL keeps a deleted row in its table's file too, as a dead row until a vacuum, and
        a plain vacuum leaves its bytes in the page's free space while other rows share the page
        (as everyone's do in a cohort): VACUUM FULL rewrites each of the coach's tables without
        them. Each table is locked while it is rewritten (4-9 s for 100 MB on this 2-core machine), so one
        another session holds for more than PG_REWRITE_WAIT_S gets a plain vacuum instead, which
        does not wait. The server's write-ahead log and its backups are the server's: they keep
        what they hold until the server writes over them (README, "Hosted for a cohort")."""
        if self.engine.dialect.name == "postgresql":
            self._rewrite_tables()
            return
        if self.engine.dialect.name != "sqlite":
            return
        with self._guard(), self.engine.connect() as conn:
            raw = conn.connection.dbapi_connection  # VACUUM cannot run inside SQLAlchemy's transaction
            raw.execute("VACUUM")
            raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def _rewrite_tables(self) -> None:
        with self._guard(), self.engine.connect() as conn:
            conn = conn.execution_options(isolation_level="AUTOCOMMIT")  # VACUUM is not transactional
            names = conn.execute(
                sa.text(
                    "SELECT quote_ident(tablename) FROM pg_tables WHERE schemaname = current_schema() "
                    "AND pg_has_role(tableowner, 'USAGE')"
                )
            ).scalars()
            conn.execute(sa.text(f"SET lock_timeout = '{int(PG_REWRITE_WAIT_S * 1000)}ms'"))
            for name in list(names):
                for vacuum in (f"VACUUM FULL {name}", f"VACUUM {name}"):
                    try:
                        conn.execute(sa.text(vacuum))
                        break
                    except sa.exc.OperationalError:  # another session holds the table: do not queue behind it
                        continue  # (the deletion is committed: a later one or autovacuum gets to it)
            conn.execute(sa.text("RESET lock_timeout"))


def database_url(settings: Settings) -> str:
    return settings.database_url or f"sqlite:///{settings.database_path}"


def open_store(
    settings: Settings,
    *,
    busy_timeout_s: float = DEFAULT_BUSY_TIMEOUT_S,
    migrate: bool = True,
    recover: bool = True,
) -> Store:
    """Open (creating if needed) the database, bring its schema up to date (moving in the files older
    versions kept, coach.store.old_files), finish interrupted saves."""
    if not settings.database_url:
        _make_data_dir(settings.data_dir)
        _create_private(settings.database_path)
    engine = make_engine(database_url(settings), busy_timeout_s=busy_timeout_s)
    store = Store(engine=engine, settings=settings, owner=settings.owner)
    try:
        if migrate:
            with store.write() as conn:
                migrations.migrate(conn)
            from coach.store.old_files import move_old_files

            move_old_files(store)
        if recover:
            from coach.store.recordings import recover_recordings

            recover_recordings(store)
    except BaseException:
        store.close()
        raise
    return store


def make_engine(url: str, *, busy_timeout_s: float = DEFAULT_BUSY_TIMEOUT_S) -> sa.Engine:
    if url.startswith("sqlite"):
        engine = sa.create_engine(url, connect_args={"timeout": busy_timeout_s})
        _configure_sqlite(engine, busy_timeout_s)
        return engine
    if url.startswith("postgres://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgres://")
    elif url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
    try:
        return sa.create_engine(url, pool_pre_ping=True)
    except (sa.exc.ArgumentError, ImportError, ValueError) as e:
        raise StorageError(
            "COACH_DATABASE_URL is not a usable database URL; "
            "use postgresql+psycopg://user@host:port/dbname or unset it for SQLite."
        ) from e


OPENED_FILE = "coach_opened_file"  # a connection's info: the file it opened (device, inode)
DELETED_ROWS = "coach_deleted_rows"  # a connection's info: its transaction deleted rows


def _file_id(path: str | None) -> tuple[int, int] | None:
    """The database file now at `path` (device, inode), None where there is none."""
    if not path or path == ":memory:":
        return None
    try:
        found = os.stat(path)
    except OSError:
        return None
    return found.st_dev, found.st_ino


def _empty_the_log(dbapi_connection) -> None:
    """After rows were deleted: their old pages stay in the write-ahead log (copied with the data
    folder) until it is written over, so it is emptied into the database now. Best effort and at
    once: a reader in another window still on an older snapshot leaves it for the next deletion
    rather than holding this one up for the busy timeout."""
    timeout_ms = dbapi_connection.execute("PRAGMA busy_timeout").fetchone()[0]
    try:
        dbapi_connection.execute("PRAGMA busy_timeout = 0")
        dbapi_connection.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
    except sqlite3.Error:
        pass  # the deletion itself is committed; the log is emptied by a later one or at closing
    finally:
        dbapi_connection.execute(f"PRAGMA busy_timeout = {int(timeout_ms)}")


def _configure_sqlite(engine: sa.Engine, busy_timeout_s: float) -> None:
    @sa.event.listens_for(engine, "connect")
    def on_connect(dbapi_connection, record):
        record.info[OPENED_FILE] = _file_id(engine.url.database)
        # Let SQLAlchemy's begin event, not pysqlite, decide when transactions start.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {int(busy_timeout_s * 1000)}")
        cursor.execute("PRAGMA foreign_keys = ON")
        mode = cursor.execute("PRAGMA journal_mode").fetchone()[0]
        if mode.lower() != "wal":
            try:
                cursor.execute("PRAGMA journal_mode = WAL")
            except sqlite3.OperationalError:
                pass  # a read-only database keeps its mode; writes will say so clearly
        cursor.execute("PRAGMA synchronous = FULL")
        # a deleted row's bytes are overwritten, not left in free pages (Debian's SQLite does this
        # by default; Python's own on macOS and Windows does not)
        cursor.execute("PRAGMA secure_delete = ON")
        cursor.close()

    @sa.event.listens_for(engine, "before_cursor_execute")
    def note_deletions(conn, _cursor, statement, _parameters, _context, _executemany):
        if statement.lstrip()[:6].upper() == "DELETE":
            conn.info[DELETED_ROWS] = True

    @sa.event.listens_for(engine, "begin")
    def on_begin(conn):
        write = conn.get_execution_options().get("coach_write", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


def _make_data_dir(data_dir: Path) -> None:
    try:
        private_folder(data_dir)
    except OSError as e:
        raise StorageError(
            f"Cannot create the data directory {data_dir} ({e.strerror}); "
            "set COACH_DATA_DIR to a folder you can write to.",
            on_server=server_fault("open the coach's data", e),
        ) from e


def _create_private(path: Path) -> None:
    """A database file readable by its owner only (SQLite gives its -wal/-shm files the same
    mode), so other users of a shared machine cannot read transcripts and notes. One that is
    already there (an admin made it for a cohort, an older coach wrote it, a copy kept 0644) is
    written in place, so it is made private too, with any -wal/-shm left beside it."""
    try:
        os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, FILE_MODE))
    except FileExistsError:
        for existing in (path, *(path.with_name(path.name + end) for end in ("-wal", "-shm", "-journal"))):
            try:
                if existing.stat().st_mode & 0o077:
                    existing.chmod(FILE_MODE)
            except OSError:
                pass  # gone, or someone else's: opening the database says so if it cannot be used
    except OSError:
        pass  # a read-only folder: opening the database will say so in one sentence


def saved_but_kept(error: StorageError, terminal: str, app: str, on_server: str) -> RecordingKept:
    """A database failure (`storage_error`) after a recording was kept, in words true of it: the
    sentence ended "Nothing was saved." while the recording stayed on disk, to be finished later.
    `terminal` and `app` take that sentence's place in the terminal's and the pages' words;
    `on_server`, "nothing was saved" in a person of a cohort's (which names no command)."""

    def instead(sentence: str, then: str) -> str:
        return sentence.replace(NOTHING_SAVED, then) if NOTHING_SAVED in sentence else f"{sentence} {then}"

    server = error.on_server
    if server:  # "…, a fault on the server, not yours; nothing was saved; try again later, …"
        server = server.replace(NOTHING_SAVED, app)
        server = server.replace(NOTHING_SAVED.lower().rstrip("."), on_server)
    return RecordingKept(instead(str(error), terminal), in_app=instead(error.in_app, app), on_server=server)


def storage_error(error: sa.exc.DBAPIError, where: str, *, hide: tuple[sa.URL, ...] = ()) -> StorageError:
    """One sentence for a database failure: what happened to which database, and what to do.

    The driver's first line says what happened; never the statement (SQLAlchemy's own text adds
    it) and, should the driver repeat it, never the URL or password in `hide`. A person of a cohort
    is told the server's fault without the database's file or its fix (`on_server`; the server's
    log keeps the sentence naming them)."""
    original = error.orig
    text = str(original).strip().splitlines()[0] if original is not None else "the driver gave no reason"
    for url in hide:
        secrets = (url.render_as_string(hide_password=False), url.render_as_string(), url.password)
        for secret in sorted((str(s) for s in secrets if s), key=len, reverse=True):
            text = text.replace(secret, "…")
    lowered = text.lower()
    sqlstate = getattr(original, "sqlstate", None) or ""
    if "database is locked" in lowered or "database table is locked" in lowered or sqlstate == "55P03":
        return StorageError(
            f"The database {where} is busy in another coach window or program; close it "
            "or wait for it to finish, then try again. " + NOTHING_SAVED,
            on_server=f"{SERVER.capitalize()} is busy saving other work; wait a moment and try "
            "again. " + NOTHING_SAVED,
        )
    if "readonly" in lowered or "read-only" in lowered or sqlstate == "25006":
        return StorageError(
            f"The database {where} is read-only; make its folder writable or set "
            "COACH_DATA_DIR to a folder you can write to. " + NOTHING_SAVED,
            on_server=_server_database("read-only", "nothing was saved"),
        )
    if "disk is full" in lowered or "disk full" in lowered or sqlstate == "53100":
        return StorageError(
            f"The disk holding the database {where} is full; free some space and try again. " + NOTHING_SAVED,
            on_server=_server_database("its disk is full", "nothing was saved"),
        )
    if isinstance(original, sqlite3.Error) and "disk i/o error" in lowered:
        # on a full disk SQLite may say only this (its shared-memory file could not grow)
        return StorageError(
            f"Could not write to the database {where} (disk I/O error): its disk is probably full; "
            "free some space (or check the disk) and try again. " + NOTHING_SAVED,
            on_server=_server_database("its disk is full or failing", "nothing was saved"),
        )
    if "unable to open database" in lowered:
        return StorageError(
            f"Cannot open the database {where}; check that its folder exists and is "
            "writable, or set COACH_DATA_DIR to another folder.",
            on_server=_server_database("it would not open"),
        )
    if "not a database" in lowered or "malformed" in lowered:
        return StorageError(
            f"The file {where} is not a coach database or is damaged; move it aside "
            "(or restore a backup / `coach import` an export) and start again.",
            on_server=_server_database("damaged"),
        )
    if (
        isinstance(error, sa.exc.OperationalError)
        and not isinstance(original, sqlite3.Error)  # a file, not a server to reach
        and sqlstate[:2] in ("08", "28", "3D", "")
    ):
        return StorageError(
            f"Cannot reach the database {where} ({text}); check COACH_DATABASE_URL and "
            "that the PostgreSQL server is running.",
            on_server=_server_database("unreachable"),
        )
    return StorageError(
        f"The database {where} refused the change ({text}). {NOTHING_SAVED}",
        on_server=_server_database("the change was refused", "nothing was saved"),
    )


def _server_database(reason: str, then: str = "") -> str:
    return server_fault("use its database", reason, then)
