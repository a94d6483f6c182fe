"""Progress lists the recordings kept but never analysed (no answer was made of them) and deletes
one, asked first, saying whether it could not be measured or was only interrupted."""

from __future__ import annotations

import os
import time

import pytest
from app_support import page
from cli_support import run_coach
from store_support import record

from coach.config import load_settings
from coach.errors import NoSpeechError
from coach.practice import practice_answer
from coach.store import open_store


@pytest.fixture(name="data_dir")
def data_dir_fixture(tmp_path, monkeypatch):
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("COACH_DATABASE_URL", raising=False)
    return tmp_path


def _silent_take(settings, clips):
    with pytest.raises(NoSpeechError):
        practice_answer((clips / "silence.wav").read_bytes(), settings, original_name="quiet.wav")
    [take] = list(settings.recordings_root.rglob("*.wav"))
    return take


def test_a_silent_first_take_is_deleted_from_progress_with_its_note(data_dir, clips):
    """The only take was silent: "Your recording is saved", but no page listed it, so only
    "Delete all data" removed it."""
    settings = load_settings(data_dir)
    take = _silent_take(settings, clips)
    note = take.with_name(f".{take.name}.question.json")

    at = page("progress").run()
    assert not at.exception
    assert [e for e in at.expander if e.label == "1 recording not analysed"]
    [picked] = at.selectbox(key="progress_not_analysed_pick").options
    assert picked.endswith(" · quiet.wav, which could not be measured"), picked
    # a bin and its words, as "Delete this answer" just below: it was the page's primary (filled) button
    look = at.button(key="progress_delete_not_analysed").proto
    assert (look.type, look.icon) == ("tertiary", ":material/delete:"), look
    at.button(key="progress_delete_not_analysed").click().run()
    assert [w.value for w in at.warning] == [
        "Delete this recording? It could not be measured; deleting it cannot be undone."
    ]
    assert take.exists()
    at.button(key="progress_delete_not_analysed_yes").click().run()

    assert not at.exception and not at.error
    assert [s.value for s in at.success] == ["That recording is deleted."]
    assert not [e for e in at.expander if "not analysed" in e.label]
    assert not take.exists() and not note.exists()
    assert "saved but not analysed" not in run_coach("history", data_dir=data_dir).stdout


def test_an_interrupted_take_is_said_to_be_maybe_usable_before_it_is_deleted(data_dir, clips):
    settings = load_settings(data_dir)
    _silent_take(settings, clips)
    interrupted = record(settings, 500.0)
    hour_ago = time.time() - 3600  # older than a save in flight: the store adopts it
    os.utime(interrupted.path, (hour_ago, hour_ago))
    open_store(settings).close()

    at = page("progress").run()
    options = at.selectbox(key="progress_not_analysed_pick").options
    [pending] = [o for o in options if "interrupted" in o]
    assert pending.endswith("whose analysis was interrupted, so it can still be analysed"), pending
    at.selectbox(key="progress_not_analysed_pick").select(pending).run()
    at.button(key="progress_delete_not_analysed").click().run()
    [asked] = [w.value for w in at.warning]
    assert "interrupted" in asked and "usable answer" in asked, asked
    at.button(key="progress_delete_not_analysed_yes").click().run()

    assert not at.exception and not at.error
    assert not interrupted.path.exists()
    assert [e.label for e in at.expander if "not analysed" in e.label] == ["1 recording not analysed"]


def test_a_silent_upload_is_deleted_where_practice_says_it_was_kept(data_dir, clips):
    """ "Could not analyse this answer … Your recording is saved": the take had no answer to delete,
    so the recording stayed; it is deleted there, asked first, with its hidden note."""
    at = page("practice").run()
    at.button(key="practice_first_question").click().run()
    at.file_uploader[0].upload("take.wav", (clips / "silence.wav").read_bytes(), "audio/wav").run()
    assert not at.exception
    [take] = list((data_dir / "recordings").rglob("*.wav"))
    note = take.with_name(f".{take.name}.question.json")
    assert note.exists()

    at.button(key="practice_delete_recording").click().run()
    assert [w.value for w in at.warning] == [
        "Delete the recording of this answer? It could not be measured; deleting it cannot be undone."
    ]
    at.button(key="practice_delete_recording_yes").click().run()

    assert not at.exception and not at.error
    assert [s.value for s in at.success] == ["That recording is deleted."]
    assert not take.exists() and not note.exists()
    assert "practice_delete_recording" not in [b.key for b in at.button]
    assert "saved but not analysed" not in run_coach("history", data_dir=data_dir).stdout


def _an_hour_old(*paths) -> None:
    hour_ago = time.time() - 3600
    for path in paths:
        os.utime(path, (hour_ago, hour_ago))


def test_progress_lists_the_recordings_folder_again_only_when_it_changed(data_dir, monkeypatch):
    """Each rerun of the Progress page (every click on it) listed every recording the person ever
    kept, to find one without an answer; now only when a folder of recordings changed since, and a
    recording kept meanwhile is listed at once."""
    from coach.store import recordings

    settings = load_settings(data_dir)
    first = record(settings, 500.0)
    _an_hour_old(first.path, first.path.parent, first.path.parent.parent, settings.recordings_root)
    listed, list_files = [], recordings.recording_files

    def counted(store):
        listed.append(1)
        return list_files(store)

    monkeypatch.setattr(recordings, "recording_files", counted)
    at = page("progress").run()
    assert [e.label for e in at.expander if "not analysed" in e.label] == ["1 recording not analysed"]
    before = len(listed)
    at.run()
    assert not at.exception
    assert [e.label for e in at.expander if "not analysed" in e.label] == ["1 recording not analysed"]
    assert len(listed) == before, "the recordings folder was listed again, unchanged"

    second = record(settings, 300.0)  # kept by another window, its save long finished
    _an_hour_old(second.path)
    at.run()
    assert [e.label for e in at.expander if "not analysed" in e.label] == ["2 recordings not analysed"]
