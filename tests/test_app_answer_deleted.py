"""What the pages say after deleting a practice answer: the Progress page said "That answer is
deleted, with its recording." also when the recording's file had gone before (moved out of the data
directory by hand), where `coach delete-answer` said it was already missing; and asked "Delete this
answer with its recording…?" before it."""

from app_support import page
from store_support import analysis_dict, record, save_answer

from coach.config import load_settings
from coach.store import list_attempts, open_store


def _answers(tmp_path, monkeypatch, recordings: list) -> list[int]:
    """Answers to "Tell me about yourself." in the test's own data directory, as the page opens it,
    one a recording (record's tone at that pitch, or None for an answer without one), oldest first."""
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("COACH_DATABASE_URL", raising=False)
    settings = load_settings(tmp_path)
    db = open_store(settings)
    try:
        return [
            save_answer(
                db,
                "mot-05",
                "Tell me about yourself.",
                analysis=analysis_dict(overall=60.0 + i),
                recording=None if pitch is None else record(settings, pitch),
            )
            for i, pitch in enumerate(recordings)
        ]
    finally:
        db.close()


def _delete_newest(at, asked: str | None = None) -> list[str]:
    """Progress's "Delete this answer" for the question, newest answer picked, agreed to: what it
    said. With `asked`, the question asked before is that."""
    at.button(key="progress_delete_mot-05").click().run()
    if asked is not None:
        assert [w.value for w in at.warning] == [asked]
    at.button(key="progress_delete_mot-05_yes").click().run()
    assert not at.exception and not at.error
    return [s.value for s in at.success]


def test_an_answer_whose_recording_was_already_missing_is_not_said_deleted_with_it(tmp_path, monkeypatch):
    _answers(tmp_path, monkeypatch, [220.0, 330.0])
    db = open_store(load_settings(tmp_path))
    try:
        newest, oldest = list_attempts(db)  # newest first
    finally:
        db.close()
    (tmp_path / newest["recording_path"]).unlink()  # moved away by hand
    at = page("progress").run()
    assert not at.exception
    # asked "with its recording" before, the recording being gone already
    assert _delete_newest(
        at,
        asked="Delete this answer with its transcript and feedback? Its recording is already missing. "
        "This cannot be undone.",
    ) == ["That answer is deleted; its recording was already missing."]
    # the one whose file is there is still said deleted with it, and its file is gone
    assert (tmp_path / oldest["recording_path"]).exists()
    assert _delete_newest(
        at,
        asked="Delete this answer with its recording, transcript and feedback? This cannot be undone.",
    ) == ["That answer is deleted, with its recording."]
    assert not (tmp_path / oldest["recording_path"]).exists()


def test_an_answer_kept_without_a_recording_is_said_deleted_alone(tmp_path, monkeypatch):
    _answers(tmp_path, monkeypatch, [220.0, None])
    at = page("progress").run()
    assert not at.exception
    assert _delete_newest(
        at, asked="Delete this answer with its transcript and feedback? This cannot be undone."
    ) == ["That answer is deleted."]
    db = open_store(load_settings(tmp_path))
    try:
        assert [a["score_overall"] for a in list_attempts(db)] == [60.0]
    finally:
        db.close()


def test_an_answer_whose_recording_another_answer_uses_says_the_recording_stays(tmp_path, monkeypatch):
    """Two answers to one recording (an import stopped midway, its files analysed here, then the
    backup imported again): deleting one asked "Delete this answer with its recording…?" and said
    "That answer is deleted, with its recording." while the file stayed for the other."""
    from datetime import datetime, timedelta

    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("COACH_DATABASE_URL", raising=False)
    settings = load_settings(tmp_path)
    take = record(settings, 220.0)
    backups = (datetime.now().astimezone() - timedelta(days=2)).replace(hour=9, minute=12, second=0)
    db = open_store(settings)
    try:
        for hours in (0, 1):  # the backup's answer, then the one made here of the same file
            save_answer(
                db,
                "mot-05",
                "Tell me about yourself.",
                recording=take,
                created_at=backups + timedelta(hours=hours),
            )
    finally:
        db.close()
    named = f"{backups.day} {backups:%b} 09:12"
    at = page("progress").run()
    assert not at.exception
    assert _delete_newest(
        at,
        asked="Delete this answer with its transcript and feedback? Its recording stays: your practice "
        f"answer of {named} still uses it. This cannot be undone.",
    ) == [f"That answer is deleted; its recording stays: your practice answer of {named} still uses it."]
    assert take.path.exists()
    # the last answer using it takes it along, as said
    assert _delete_newest(
        at,
        asked="Delete this answer with its recording, transcript and feedback? This cannot be undone.",
    ) == ["That answer is deleted, with its recording."]
    assert not take.path.exists()
