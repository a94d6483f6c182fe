"""Export → import reproduces the same history, recordings included, and never duplicates it."""

from __future__ import annotations

import json
import os
import sys
import zipfile
from pathlib import Path

import pytest
import sqlalchemy as sa
from store_support import (  # noqa: F401
    analysis_dict,
    backend_fixture,
    make_settings,
    record,
    settings_fixture,
    store_fixture,
    transcript_dict,
)

from coach.data_admin import UPLOAD_STAGED, export_sentence, import_bytes, import_sentence
from coach.errors import InputError
from coach.store import (
    add_debrief,
    add_goal,
    add_interview,
    add_option,
    add_question,
    delete_attempt,
    delete_interview_audio,
    get_attempt,
    list_attempts,
    list_debriefs,
    list_goals,
    list_interviews,
    list_options,
    list_questions,
    list_turns,
    mark_prepared_step,
    open_store,
    prepared_steps_of,
    save_attempt,
    save_interview_recording,
    start_session,
    unanalysed_recordings,
)
from coach.store.person_settings import get_role, set_role
from coach.store.schema import attempts, interview_recordings, recordings
from coach.store.transfer import export_data, import_data

IDS = {"id", "session_id", "recording_id", "interview_id", "interview_recording_id"}


def _fill(store, settings, pitch: float = 200.0) -> None:
    session = start_session(store, "warm-up")
    for i, wpm in enumerate((182.0, 165.0, 151.0)):
        save_attempt(
            store,
            question_id="beh-conflict",
            question_text="Tell me about a conflict.",
            recording=record(settings, pitch + i),
            transcript=transcript_dict(),
            analysis=analysis_dict(wpm=wpm),
            engine="faster-whisper",
            model="tiny.en",
            session_id=session,
        )
    interview_id = add_interview(
        store,
        company=f"Acme {pitch:g}",
        interview_date="2025-02-03",
        stage="first round",
        origin="i_applied",
        people=[{"name": "Dana"}],
    )
    save_interview_recording(
        store,
        interview_id,
        recording=record(settings, pitch + 50, kind="interview"),
        transcript=transcript_dict(),
        engine="faster-whisper",
        model="tiny.en",
        answers=[{"question_text": "What would you change here?", "analysis": analysis_dict(wpm=170)}],
    )
    add_debrief(store, interview_id, skill_gaps="system design", interest=3, proceed=True)
    mark_prepared_step(store, interview_id, "why-talking", True)  # the Prepare checklist's ticks
    mark_prepared_step(store, interview_id, "prepare-stories", True)
    add_option(store, kind="batna", details="current job")
    add_goal(store, kind="real_interviews", target=1, period_days=91)
    add_question(store, "Why do you want to leave?", category="motivation")


def _history(store) -> dict:
    """What a user sees, without the ids that differ between databases."""

    def strip(rows):
        return [{k: v for k, v in row.items() if k not in IDS} for row in rows]

    attempts = [get_attempt(store, a["id"]) for a in list_attempts(store)]
    return {
        "attempts": strip(attempts),
        "interviews": [
            {
                **{k: v for k, v in i.items() if k not in IDS},
                "people": strip(i["people"]),
                "prepared": sorted(prepared_steps_of(store, i["id"])),
            }
            for i in list_interviews(store)
        ],
        "turns": strip(list_turns(store)),
        "debriefs": strip(list_debriefs(store)),
        "options": strip(list_options(store)),
        "goals": strip(list_goals(store)),
        "questions": strip(list_questions(store)),
    }


def test_export_then_import_into_a_new_directory_gives_the_same_history(store, settings, tmp_path, backend):
    """Moving from SQLite to PostgreSQL (and back) is an export and an import."""
    _fill(store, settings)
    result = export_data(store, tmp_path / "out" / "coach-export.zip")
    assert result["counts"]["attempts"] == 3 and result["missing_recordings"] == []

    other_backend = "postgresql" if backend == "sqlite" else "sqlite"
    target_settings = make_settings(tmp_path, other_backend, "elsewhere")
    target = open_store(target_settings)
    imported = import_data(target, tmp_path / "out" / "coach-export.zip")
    assert imported["added"]["attempts"] == 3 and imported["added"]["turns"] == 1
    assert _history(target) == _history(store)
    for attempt in list_attempts(target):
        original = settings.data_dir / attempt["recording_path"]
        copy = target_settings.data_dir / attempt["recording_path"]
        assert copy.read_bytes() == original.read_bytes()

    again = import_data(target, tmp_path / "out" / "coach-export.zip")
    assert sum(again["added"].values()) == 0
    assert _history(target) == _history(store)
    target.close()


def test_import_into_an_existing_directory_keeps_both_histories(store, settings, tmp_path, backend):
    _fill(store, settings, pitch=300.0)
    export_data(store, tmp_path / "a.zip")
    other_settings = make_settings(tmp_path, backend, "other")
    other = open_store(other_settings)
    _fill(other, other_settings, pitch=400.0)
    import_data(other, tmp_path / "a.zip")
    assert len(list_attempts(other)) == 6
    assert sorted(i["company"] for i in list_interviews(other)) == ["Acme 300", "Acme 400"]
    # Each directory's own question is kept.
    assert len(list_questions(other, source="user")) == 2
    # Exporting the merged directory and importing back adds only what the first lacked.
    export_data(other, tmp_path / "b.zip")
    back = import_data(store, tmp_path / "b.zip")
    assert back["added"]["attempts"] == 3
    assert len(list_attempts(store)) == 6
    other.close()


def test_a_deleted_attempt_is_not_exported_but_a_kept_recording_is(store, settings, tmp_path):
    _fill(store, settings)
    first, second, _ = list_attempts(store)
    delete_attempt(store, first["id"], keep_audio=False)
    delete_attempt(store, second["id"], keep_audio=True)
    export_data(store, tmp_path / "x.zip")
    names = zipfile.ZipFile(tmp_path / "x.zip").namelist()
    assert first["recording_path"] not in names
    assert second["recording_path"] in names


def test_a_damaged_or_foreign_zip_is_refused_with_nothing_imported(store, settings, tmp_path):
    _fill(store, settings)
    export_data(store, tmp_path / "good.zip")
    fresh = open_store(make_settings(tmp_path, "sqlite", "fresh"))

    (tmp_path / "not.zip").write_bytes(b"hello")
    with pytest.raises(InputError, match="is not a zip file"):
        import_data(fresh, tmp_path / "not.zip")

    with zipfile.ZipFile(tmp_path / "good.zip") as good, zipfile.ZipFile(tmp_path / "bad.zip", "w") as bad:
        for item in good.infolist():
            data = good.read(item)
            if item.filename.startswith("recordings/interview/"):
                data = data[:-10] + b"0123456789"
            bad.writestr(item, data)
    # a folder there before stays, even empty; those the failed import made for the practice answers
    # placed before the damaged interview recording go (they were left behind, empty)
    there_before = fresh.settings.recordings_dir / "practice"
    there_before.mkdir(parents=True)
    with pytest.raises(InputError, match="damaged"):
        import_data(fresh, tmp_path / "bad.zip")
    assert list_attempts(fresh) == []
    assert list(fresh.settings.recordings_dir.rglob("*")) == [there_before]

    def notes_of_another_shape(manifest):
        manifest["recording_notes"] = ["why"]

    _rewritten(tmp_path / "good.zip", tmp_path / "notes.zip", notes_of_another_shape, whole=True)
    with pytest.raises(InputError, match="has a damaged list of why recordings were not analysed; nothing"):
        import_data(fresh, tmp_path / "notes.zip")
    assert list(fresh.settings.recordings_dir.rglob("*")) == [there_before]

    manifest = json.loads(zipfile.ZipFile(tmp_path / "good.zip").read("coach-export.json"))
    manifest["tables"]["recordings"][0]["path"] = "../../etc/evil.wav"
    with zipfile.ZipFile(tmp_path / "evil.zip", "w") as evil:
        evil.writestr("coach-export.json", json.dumps(manifest))
    with pytest.raises(InputError, match="outside recordings"):
        import_data(fresh, tmp_path / "evil.zip")

    manifest["schema"] = "0099_from_the_future"
    with zipfile.ZipFile(tmp_path / "new.zip", "w") as newer:
        newer.writestr("coach-export.json", json.dumps(manifest))
    with pytest.raises(InputError, match="newer version"):
        import_data(fresh, tmp_path / "new.zip")
    fresh.close()


def test_a_restored_backup_is_staged_readable_by_its_owner_only(store, settings, tmp_path):
    """Settings → Restore writes the uploaded zip to a temporary file before reading it; that
    copy of the whole history must be 0600 like every other file the coach writes, whatever the
    umask. An audit hook (the interpreter's own event for every file opened) reads the staged
    file's mode at the moment the restore opens it."""
    _fill(store, settings)
    export_data(store, tmp_path / "backup.zip")
    data = (tmp_path / "backup.zip").read_bytes()
    fresh = open_store(make_settings(tmp_path, "sqlite", "restored"))
    modes: dict[str, int] = {}
    watching = True

    def note_mode(event: str, args: tuple) -> None:
        named = event == "open" and isinstance(args[0], str) and Path(args[0]).name.startswith(UPLOAD_STAGED)
        if watching and named and args[1] == "r":  # reading it (writing opens it before it exists)
            modes[args[0]] = os.stat(args[0]).st_mode & 0o777

    sys.addaudithook(note_mode)  # hooks cannot be removed; `watching` turns this one off
    old_umask = os.umask(0o022)
    try:
        imported = import_bytes(fresh, data)
    finally:
        os.umask(old_umask)
        watching = False
    fresh.close()
    assert imported["added"]["attempts"] == 3
    assert modes and set(modes.values()) == {0o600}, {path: oct(mode) for path, mode in modes.items()}


def _rewritten(good, out, change, whole: bool = False) -> None:
    """A copy of the backup `good` with its manifest changed by `change(tables)` (with `whole`,
    `change(manifest)`)."""
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(out, "w") as copy:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "coach-export.json":
                manifest = json.loads(data)
                change(manifest if whole else manifest["tables"])
                data = json.dumps(manifest).encode()
            copy.writestr(item, data)


def test_a_backup_with_typed_text_longer_than_the_store_keeps_is_refused_alike_on_both(
    store, settings, tmp_path, backend
):
    """SQLite kept a 201-character company that PostgreSQL refused as "a damaged backup": both now
    say the store's own sentence before anything is written. Transcripts are not typed text and
    import whole, however long."""
    _fill(store, settings)
    set_role(store, "software engineer")
    export_data(store, tmp_path / "good.zip")

    def long_company(tables):
        tables["interviews"][0]["company"] = "A" * 201

    def long_role(tables):
        tables["person_settings"][0]["role"] = "r" * 41

    def long_transcript(tables):
        tables["attempts"][0]["transcript_text"] = "word " * 50_000
        tables["attempts"][0]["transcript"]["transcript"] = "word " * 50_000

    for change, sentence in (
        (long_company, "The coach keeps the interview's company up to 200 characters, not 201; nothing was"),
        (long_role, "The coach keeps the person's role up to 40 characters, not 41; nothing was imported"),
    ):
        _rewritten(tmp_path / "good.zip", tmp_path / "long.zip", change)
        fresh = open_store(make_settings(tmp_path, backend, f"fresh-{change.__name__}"))
        with pytest.raises(InputError) as refused:
            import_data(fresh, tmp_path / "long.zip")
        assert str(refused.value).startswith(sentence), str(refused.value)
        assert "damaged" not in str(refused.value)
        assert list_interviews(fresh) == [] and list_attempts(fresh) == [] and get_role(fresh) is None
        assert not fresh.settings.recordings_dir.exists() or not any(
            fresh.settings.recordings_dir.rglob("*.wav")
        )
        fresh.close()

    _rewritten(tmp_path / "good.zip", tmp_path / "long.zip", long_transcript)
    fresh = open_store(make_settings(tmp_path, backend, "fresh-transcript"))
    assert import_data(fresh, tmp_path / "long.zip")["added"]["attempts"] == 3
    assert get_role(fresh) == "software engineer"
    fresh.close()


def _files_nothing_uses(store) -> list[str]:
    """Recording files in the data directory that no answer and no interview recording uses."""
    from coach.store.recordings import recording_files

    with store.read() as conn:
        used = set(
            conn.execute(
                sa.select(recordings.c.path).where(
                    sa.exists().where(attempts.c.recording_id == recordings.c.id)
                    | sa.exists().where(interview_recordings.c.recording_id == recordings.c.id)
                )
            ).scalars()
        )
    return [store.relative(p) for p in recording_files(store) if store.relative(p) not in used]


def test_audio_deleted_here_does_not_come_back_from_a_backup_as_a_file_nothing_uses(
    store, settings, tmp_path, backend
):
    """A tester deleted an interview's audio after moving to a new laptop, imported the old backup
    again, and was told "Imported 1 recording.": the file was back, attached to nothing, listed as
    "saved but not analysed", and no delete could remove it. A practice answer deleted here stays
    deleted, its recording too (it came back whole: an import could not tell it from one never here)."""
    _fill(store, settings)
    export_data(store, tmp_path / "backup1.zip")
    target = open_store(make_settings(tmp_path, backend, "new-laptop"))
    import_data(target, tmp_path / "backup1.zip")
    [interview] = list_interviews(target)
    assert delete_interview_audio(target, interview["id"]) == 1

    again = import_data(target, tmp_path / "backup1.zip")
    assert again["added"]["recordings"] == 0 and again["recordings_deleted_here"] == 1
    assert import_sentence(again) == (
        "Nothing new to import: everything in this backup is already here (3 practice answers, "
        "1 practice session, 1 interview, 1 interview transcript, 1 answer from a real interview, "
        "1 person met, 2 checklist ticks, 1 debrief, 1 option, 1 goal, 2 questions in your history "
        "and 3 recordings). 1 recording in the backup was not brought back: its interview "
        "or answer is here already, with the audio deleted here."
    ), import_sentence(again)
    assert not list(target.settings.recordings_dir.joinpath("interview").rglob("*.wav"))
    assert unanalysed_recordings(target) == [] and _files_nothing_uses(target) == []

    first = list_attempts(target)[0]
    delete_attempt(target, first["id"], keep_audio=False)
    back = import_data(target, tmp_path / "backup1.zip")
    assert back["added"]["attempts"] == 0 and back["added"]["recordings"] == 0
    assert back["deleted_here"] == {"attempts": 1} and back["recordings_deleted_here"] == 1
    assert len(list_attempts(target)) == 2
    assert all((target.settings.data_dir / a["recording_path"]).exists() for a in list_attempts(target))
    assert unanalysed_recordings(target) == [] and _files_nothing_uses(target) == []
    target.close()


def test_what_is_noted_beside_a_take_not_analysed_comes_back_with_it_and_never_over_a_later_note(
    store, settings, tmp_path, backend
):
    """A take kept without an answer notes beside it the question it answers, and a review stopped
    midway what was typed for it (its interview by this database's id); neither was in a backup, so
    after a restore the take was analysed as a free answer and the review could not be finished. The
    interview comes back as the one here that is the backup's, whatever its id here; a note already
    here keeps what it says."""
    from coach.store.recordings import (
        not_analysable_because,
        note_not_analysable,
        note_question,
        note_review,
        noted_question,
        noted_review,
        recover_recordings,
    )

    take = record(settings, 610.0)
    note_question(take.path, "beh-conflict", "Tell me about a conflict.")
    interview_id = add_interview(store, company="Hooli", interview_date="2025-02-03", stage="onsite")
    call = record(settings, 620.0, kind="interview")
    asked = {"interview_id": interview_id, "company": None, "role": None, "stage": None, "chunk_s": 30.0}
    note_review(call.path, "call.m4a", asked)
    recover_recordings(store, min_age_s=0)  # both kept without an answer, as after the app closed
    export_data(store, tmp_path / "backup.zip")

    target = open_store(make_settings(tmp_path, backend, "new-laptop"))
    add_interview(target, company="Initech", interview_date="2025-01-01", stage="first round")
    import_data(target, tmp_path / "backup.zip")
    waiting = {Path(r["path"]).name: target.absolute(r["path"]) for r in unanalysed_recordings(target)}
    assert sorted(waiting) == sorted([take.path.name, call.path.name])
    assert noted_question(waiting[take.path.name]) == ("beh-conflict", "Tell me about a conflict.")
    [hooli] = [i["id"] for i in list_interviews(target) if i["company"] == "Hooli"]
    assert hooli != interview_id  # the id here is another: the note names the interview here
    assert noted_review(waiting[call.path.name]) == asked | {"interview_id": hooli}
    assert {oct(p.stat().st_mode & 0o777) for p in waiting[take.path.name].parent.iterdir()} == {"0o600"}

    # analysed here since and found silent: the backup's older note adds nothing over it
    note_not_analysable(waiting[take.path.name], "take-610.wav is silent; record it again.")
    again = import_data(target, tmp_path / "backup.zip")
    assert sum(again["added"].values()) == 0
    assert not_analysable_because(waiting[take.path.name]) == "take-610.wav is silent; record it again."
    assert noted_question(waiting[take.path.name]) == ("beh-conflict", "Tell me about a conflict.")
    target.close()


def test_a_step_unticked_though_practice_ticks_it_is_not_counted_as_a_checklist_tick(
    store, settings, tmp_path, backend
):
    """The user ticked 2 steps of an interview's checklist and unticked the one practice ticks;
    the backup and the restore said "3 checklist ticks": the kept untick was counted as a tick."""
    from coach.playbook import load_playbook
    from coach.prepare import REHEARSAL_STEP, mark

    interview_id = add_interview(store, company="Hooli", interview_date="2025-02-03", stage="onsite")
    save_attempt(
        store,
        question_id="beh-conflict",
        question_text="Tell me about a conflict.",
        recording=record(settings, 230.0),
        transcript=transcript_dict(),
        analysis=analysis_dict(),
        engine="faster-whisper",
        model="tiny.en",
        interview_id=interview_id,  # practice for it: the rehearsal step is ticked by it
    )
    book = load_playbook()
    mark(store, interview_id, book, "why-talking", True)
    mark(store, interview_id, book, "process-and-time", True)
    mark(store, interview_id, book, REHEARSAL_STEP, False)
    exported = export_data(store, tmp_path / "backup.zip")
    said = export_sentence(exported)
    assert said == (
        "The backup holds 1 practice answer, 1 interview, 2 checklist ticks, 1 checklist step you "
        "unticked and 1 recording."
    ), said

    target = open_store(make_settings(tmp_path, backend, "new-laptop"))
    restored = import_sentence(import_data(target, tmp_path / "backup.zip"))
    assert restored == (
        "Imported 1 practice answer, 1 interview, 2 checklist ticks, 1 checklist step you unticked "
        "and 1 recording."
    ), restored
    again = import_sentence(import_data(target, tmp_path / "backup.zip"))
    assert again == (
        "Nothing new to import: everything in this backup is already here (1 practice answer, "
        "1 interview, 2 checklist ticks, 1 checklist step you unticked and 1 recording)."
    ), again
    target.close()
