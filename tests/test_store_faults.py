"""Faults: killed mid-save, locked, read-only, full, unreachable. One clear message, nothing lost."""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import textwrap
import time
from dataclasses import replace
from pathlib import Path

import pytest
import sqlalchemy as sa
from store_support import (  # noqa: F401
    analysis_dict,
    backend_fixture,
    record,
    settings_fixture,
    store_fixture,
    transcript_dict,
)

from coach.config import load_settings
from coach.errors import StorageError
from coach.store import list_attempts, open_store, save_attempt, unanalysed_recordings
from coach.store.recordings import mark_deleted, recording_files, recover_recordings
from coach.store.schema import attempts

REPO = Path(__file__).resolve().parent.parent
TESTS = Path(__file__).resolve().parent


def _save(store, settings, pitch):
    return save_attempt(
        store,
        question_id="q",
        question_text="Q?",
        recording=record(settings, pitch),
        transcript=transcript_dict(),
        analysis=analysis_dict(),
        engine="faster-whisper",
        model="tiny.en",
    )


CHILD = textwrap.dedent("""
    import sys, time
    from dataclasses import replace
    import sqlalchemy as sa
    from coach.config import load_settings
    from coach.store import open_store, save_attempt
    from store_support import analysis_dict, record, transcript_dict

    data_dir, url, mode = sys.argv[1], sys.argv[2] or None, sys.argv[3]
    settings = replace(load_settings(data_dir=data_dir), database_url=url)
    store = open_store(settings)
    if mode == "pause-at-commit":
        @sa.event.listens_for(store.engine, "commit")
        def hang(conn):
            print("COMMITTING", flush=True)
            time.sleep(120)
    for i in range(10_000):
        saved = record(settings, 100.0 + i)
        save_attempt(store, question_id="q", question_text="Q?", recording=saved,
                     transcript=transcript_dict(), analysis=analysis_dict(), engine="e", model="m")
        print(f"SAVED {i + 1}", flush=True)
""")


def _start_child(settings, mode: str) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO), str(TESTS)])}
    env.pop("COACH_DATABASE_URL", None)
    return subprocess.Popen(
        [sys.executable, "-c", CHILD, str(settings.data_dir), settings.database_url or "", mode],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )


def _wait_for(child: subprocess.Popen, prefix: str, timeout_s: float = 60.0) -> str:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        line = child.stdout.readline()
        if line.startswith(prefix):
            return line.strip()
        if not line and child.poll() is not None:
            raise AssertionError(f"child exited early: {child.stderr.read()}")
    raise AssertionError(f"child never printed {prefix}")


def _kill(child: subprocess.Popen) -> None:
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=30)
    child.stdout.close()
    child.stderr.close()


def _assert_nothing_lost(settings) -> int:
    """Every attempt's file exists; every file is in the database. Returns the attempt count."""
    store = open_store(settings)
    recover_recordings(store, min_age_s=0)
    rows = list_attempts(store)
    assert all((settings.data_dir / a["recording_path"]).exists() for a in rows)
    referenced = {a["recording_path"] for a in rows} | {r["path"] for r in unanalysed_recordings(store)}
    assert {store.relative(p) for p in recording_files(store)} == referenced
    if store.engine.dialect.name == "sqlite":
        with store.read() as conn:
            assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
    store.close()
    return len(rows)


def test_killed_while_committing_leaves_the_old_state_and_keeps_the_recording(settings):
    open_store(settings).close()
    child = _start_child(settings, "pause-at-commit")
    _wait_for(child, "COMMITTING")
    _kill(child)
    store = open_store(settings)
    assert list_attempts(store) == []  # the old state, not half an attempt
    [kept] = recover_recordings(store, min_age_s=0)["adopted"]  # the recording is not lost
    assert (settings.data_dir / kept["path"]).read_bytes()[:4] == b"RIFF"
    assert [r["path"] for r in unanalysed_recordings(store)] == [kept["path"]]
    store.close()


def test_killed_at_random_moments_while_saving_never_loses_or_orphans_anything(settings):
    open_store(settings).close()
    for round_number in range(3):
        child = _start_child(settings, "loop")
        saved = int(_wait_for(child, "SAVED").split()[1])
        time.sleep(0.05 * (round_number + 1))
        _kill(child)
        count = _assert_nothing_lost(settings)
        assert count >= saved


def test_a_deletion_interrupted_before_the_file_went_is_finished_on_next_open(store, settings):
    attempt_id = _save(store, settings, 440.0)
    path = settings.data_dir / list_attempts(store)[0]["recording_path"]
    with store.write() as conn:  # what delete_attempt commits before it removes the file
        recording_id = conn.execute(
            sa.select(attempts.c.recording_id).where(attempts.c.id == attempt_id)
        ).scalar()
        conn.execute(attempts.delete().where(attempts.c.id == attempt_id))
        mark_deleted(conn, recording_id)
    assert path.exists()  # the crash came here
    open_store(settings).close()
    assert not path.exists()
    assert unanalysed_recordings(store) == []


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_a_locked_database_is_one_clear_message_and_the_recording_is_kept(settings):
    store = open_store(settings, busy_timeout_s=0.3)
    other = sqlite3.connect(settings.database_path, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    try:
        saved = record(settings, 450.0)
        with pytest.raises(StorageError, match="busy in another coach window") as error:
            save_attempt(
                store,
                question_id="q",
                question_text="",
                recording=saved,
                transcript=transcript_dict(),
                analysis=analysis_dict(),
                engine="e",
                model="m",
            )
        assert str(settings.database_path) in str(error.value)
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert saved.path.exists()
    assert recover_recordings(store, min_age_s=0)["adopted"][0]["sha256"] == saved.sha256
    store.close()


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_a_full_disk_is_one_clear_message_and_nothing_is_half_saved(settings):
    store = open_store(settings)
    _save(store, settings, 460.0)
    with store.read() as conn:
        pages = conn.exec_driver_sql("PRAGMA page_count").scalar()

    @sa.event.listens_for(store.engine, "connect")
    def cap(dbapi_connection, _record):  # SQLite reports SQLITE_FULL exactly as for a full disk
        dbapi_connection.execute(f"PRAGMA max_page_count = {pages}")

    store.engine.dispose()
    big = analysis_dict(text="word " * 200_000)
    saved = record(settings, 470.0)
    with pytest.raises(StorageError, match="is full; free some space"):
        save_attempt(
            store,
            question_id="q",
            question_text="",
            recording=saved,
            transcript=transcript_dict(),
            analysis=big,
            engine="e",
            model="m",
        )
    assert len(list_attempts(store)) == 1
    assert saved.path.exists()
    store.close()


@pytest.mark.skipif(
    os.geteuid() == 0 and not shutil.which("setpriv"), reason="needs setpriv to drop root's powers"
)
def test_a_read_only_data_directory_is_one_clear_message(tmp_path):
    base = Path(tempfile.mkdtemp(prefix="coach-ro-"))
    try:
        data_dir = base / "data"
        settings = replace(load_settings(data_dir=data_dir), database_url=None)
        store = open_store(settings)
        _save(store, settings, 480.0)
        store.close()
        code = textwrap.dedent("""
            import sys
            from dataclasses import replace
            from coach.config import load_settings
            from coach.errors import StorageError
            from coach.store import open_store, save_attempt
            try:
                store = open_store(replace(load_settings(data_dir=sys.argv[1]), database_url=None))
                save_attempt(store, question_id="q", question_text="", recording=None,
                             transcript={}, analysis={}, engine="", model="")
            except StorageError as e:
                print(e)
                sys.exit(1)
        """)
        command = [sys.executable, "-c", code, str(data_dir)]
        env = {**os.environ, "PYTHONPATH": str(REPO)}
        if os.geteuid() == 0:  # root writes anywhere: drop its capabilities so permissions count
            command = ["setpriv", "--bounding-set=-all", "--", *command]
        for path in [data_dir, *data_dir.rglob("*")]:
            os.chmod(path, 0o555 if path.is_dir() else 0o444)
        result = subprocess.run(command, capture_output=True, text=True, env=env, timeout=60)
        message = result.stdout.strip()
        assert result.returncode == 1 and message, result.stderr
        assert "\n" not in message, message
        assert "read-only" in message or "writable" in message
        assert str(data_dir) in message
        for path in [base, *base.rglob("*")]:
            os.chmod(path, 0o755)
        reopened = open_store(settings)  # nothing was lost
        assert len(list_attempts(reopened)) == 1
        reopened.close()
    finally:
        for path in [base, *base.rglob("*")]:
            os.chmod(path, 0o755)
        shutil.rmtree(base, ignore_errors=True)


def test_an_unreachable_postgresql_server_is_one_clear_message(tmp_path, monkeypatch):
    monkeypatch.delenv("COACH_DATABASE_URL", raising=False)
    settings = replace(
        load_settings(data_dir=tmp_path / "data"),
        database_url="postgresql+psycopg://coach:secret@127.0.0.1:9/coach",
    )
    with pytest.raises(StorageError, match="Cannot reach the database .*COACH_DATABASE_URL") as error:
        open_store(settings)
    assert "secret" not in str(error.value)


def test_a_database_url_that_cannot_be_read_is_one_sentence_without_it(tmp_path, monkeypatch):
    """A port that is not a number was a ValueError traceback; like a driver that is not installed,
    it is now one sentence, which shows neither the password nor the address."""
    monkeypatch.delenv("COACH_DATABASE_URL", raising=False)
    for url in (
        "postgresql+psycopg://coach:pw-s3cret@127.0.0.1:port/coach",
        "postgresql+nosuch://coach:pw-s3cret@h/c",
    ):
        settings = replace(load_settings(data_dir=tmp_path / "data"), database_url=url)
        with pytest.raises(
            StorageError, match="^COACH_DATABASE_URL is not a usable database URL; use "
        ) as error:
            open_store(settings)
        assert "pw-s3cret" not in str(error.value) and "127.0.0.1" not in str(error.value)


@pytest.mark.parametrize("backend", ["postgresql"], indirect=True)
def test_a_postgresql_refusal_reaching_the_user_names_no_address_password_or_statement(settings):
    """What the server refuses (a rule an administrator added, a database made read-only) is one
    sentence with the server's reason, but never the URL it was reached at, its password or the
    SQL sent: the page shows the sentence to whoever uses the coach."""
    from coach.store import add_interview

    url = sa.engine.make_url(settings.database_url).set(password="pw-s3cret")
    settings = replace(settings, database_url=url.render_as_string(hide_password=False))
    store = open_store(settings)
    with store.write() as conn:
        conn.execute(sa.text("ALTER TABLE interviews ADD CONSTRAINT no_zed CHECK (company <> 'Zed')"))
    with pytest.raises(StorageError) as refused:
        add_interview(store, company="Zed", interview_date="2026-12-01")
    with store.write() as conn:
        conn.execute(sa.text(f'ALTER DATABASE "{url.database}" SET default_transaction_read_only = on'))
    store.close()
    store = open_store(settings, migrate=False, recover=False)
    with pytest.raises(StorageError) as read_only:
        add_interview(store, company="Acme", interview_date="2026-12-01")
    store.close()
    assert "refused the change (new row for relation" in str(refused.value)
    assert "is read-only" in str(read_only.value)
    for said in (str(refused.value), str(read_only.value)):
        assert "named by COACH_DATABASE_URL" in said, said
        for secret in ("pw-s3cret", "postgresql", url.host, str(url.port), url.database, "INSERT", "***"):
            assert secret not in said, (secret, said)


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_a_file_that_is_not_a_database_is_one_clear_message_and_left_alone(settings):
    settings.data_dir.mkdir(parents=True)
    garbage = b"these are my notes, not a database\n" * 200
    settings.database_path.write_bytes(garbage)
    with pytest.raises(StorageError, match="not a coach database or is damaged; move it aside"):
        open_store(settings)
    assert settings.database_path.read_bytes() == garbage


@pytest.fixture
def small_disk(tmp_path):
    """A real 2 MB file system (tmpfs): writes fail as on a full disk, where SQLite may say only
    "disk I/O error" (its shared-memory file could not grow), not "database or disk is full"."""
    mount_point = tmp_path / "disk"
    mount_point.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(mount_point)], capture_output=True, text=True
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here ({mounted.stderr.strip()})")
    yield mount_point
    subprocess.run(["umount", "-l", str(mount_point)], check=False)


def test_a_really_full_disk_under_the_database_is_a_sentence_about_space(small_disk):
    """It said "Cannot reach the database … (disk I/O error); check COACH_DATABASE_URL and that the
    PostgreSQL server is running" to someone with no PostgreSQL and a full disk."""
    from coach.store import add_interview, list_interviews

    settings = load_settings(data_dir=small_disk / "data")
    store = open_store(settings)
    add_interview(store, company="Acme", interview_date="2026-11-02")
    store.engine.dispose()  # a new connection, as the next command or page run opens
    free = shutil.disk_usage(small_disk).free
    (small_disk / "filler.bin").write_bytes(bytes(free - 4000))
    with pytest.raises(StorageError) as refused:
        add_interview(store, company="Globex", interview_date="2026-11-03", notes="n" * 30_000)
    said = str(refused.value)
    assert "full" in said and "space" in said, said
    assert "PostgreSQL" not in said and "COACH_DATABASE_URL" not in said, said
    (small_disk / "filler.bin").unlink()  # space freed: the next save goes through, nothing lost
    add_interview(store, company="Globex", interview_date="2026-11-03")
    assert sorted(i["company"] for i in list_interviews(store)) == ["Acme", "Globex"]
    store.close()


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_a_save_after_the_data_folder_was_deleted_is_refused_in_one_sentence(settings):
    """The app keeps its database open; with its folder deleted under it, saves went into the deleted
    file (SQLite writes on to a file with no name) and were gone when the app stopped, unsaid."""
    from coach.store import add_interview

    store = open_store(settings)
    add_interview(store, company="Acme", interview_date="2026-11-02")
    shutil.rmtree(settings.data_dir)
    with pytest.raises(StorageError, match="deleted or replaced") as refused:
        add_interview(store, company="Globex", interview_date="2026-11-03", notes="what I must not lose")
    said = str(refused.value)
    assert "\n" not in said and "deleted" in said and "Nothing was saved" in said, said
    store.close()


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_a_save_after_the_data_folder_was_deleted_and_made_again_is_refused_too(settings):
    """A practice take opens the database afresh and so makes a new, empty one where the deleted one
    was; the app's own connections still wrote into the deleted file, unsaid."""
    from coach.store import add_interview, list_interviews

    store = open_store(settings)
    add_interview(store, company="Acme", interview_date="2026-11-02")
    shutil.rmtree(settings.data_dir)
    open_store(settings).close()  # as a practice take saved after it does
    with pytest.raises(StorageError, match="deleted or replaced"):
        add_interview(store, company="Globex", interview_date="2026-11-03")
    store.close()
    again = open_store(settings)
    assert list_interviews(again) == []  # nothing was said to be saved and then lost
    again.close()


def test_a_recording_removed_while_the_folder_is_read_is_passed_over_and_the_rest_adopted(
    settings, monkeypatch
):
    """A cohort's worker drops an upload that was not audio while the person's page lists what was
    kept without an answer: the page stopped on "No such file or directory" naming the server's
    file (test_queue's bad-file review, once in a run). The file gone since the folder was listed is
    passed over; the one still there is listed as ever."""
    from coach.store import recordings as kept

    store = open_store(settings)
    folder = settings.recordings_dir / "practice" / "2026-12"
    folder.mkdir(parents=True)
    gone, stays = folder / "20261205-230801-aaaa.wav", folder / "20261205-230802-bbbb.wav"
    for path in (gone, stays):
        shutil.copy(TESTS / "data" / "clean.wav", path)
    listed = kept.recording_files

    def listed_then_one_removed(store):
        files = listed(store)
        gone.unlink()  # by the worker, after the listing
        return files

    monkeypatch.setattr(kept, "recording_files", listed_then_one_removed)
    adopted = recover_recordings(store, min_age_s=0)["adopted"]
    assert [a["path"] for a in adopted] == [store.relative(stays)]
    monkeypatch.undo()
    assert [r["path"] for r in unanalysed_recordings(store)] == [store.relative(stays)]
    store.close()
