"""A backup and the audio of answers: what a person moving to a new laptop is told when recordings
are missing on one side or the other."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from app_support import page
from cli_support import coach_printed, run_coach
from store_support import analysis_dict, transcript_dict

from coach.audio import save_recording
from coach.config import load_settings
from coach.store import list_attempts, open_store, save_attempt
from coach.store.transfer import export_data

CLIPS = Path(__file__).parent / "data"
TAKES = ("clean.wav", "fillers.wav")


def _practised(data_dir: Path) -> None:
    """Two practice answers, each with a real recording from tests/data."""
    settings = load_settings(data_dir=data_dir)
    store = open_store(settings)
    try:
        for name in TAKES:
            save_attempt(
                store,
                question_id="mot-05",
                question_text="Tell me about yourself.",
                recording=save_recording(CLIPS / name, settings, original_name=name),
                transcript=transcript_dict(),
                analysis=analysis_dict(),
                engine="faster-whisper",
                model="tiny.en",
            )
    finally:
        store.close()


def _backed_up(data_dir: Path, backup: Path) -> None:
    """Two practice answers with their recordings in `data_dir`, exported to `backup`."""
    _practised(data_dir)
    store = open_store(load_settings(data_dir=data_dir))
    try:
        export_data(store, backup)
    finally:
        store.close()


def _recording_files(data_dir: Path) -> list[Path]:
    settings = load_settings(data_dir=data_dir)
    store = open_store(settings)
    try:
        return [data_dir / attempt["recording_path"] for attempt in list_attempts(store)]
    finally:
        store.close()


def test_a_backup_that_brings_back_lost_audio_says_so_instead_of_nothing_new(tmp_path):
    """The recordings folder lost (not copied to the new laptop with the database, deleted by hand),
    then the backup restored: the import put both recordings back, and said "Nothing new to import:
    everything in this backup is already here", so the person thought their audio still gone."""
    home = tmp_path / "coach"
    _backed_up(home, tmp_path / "backup.zip")
    takes = _recording_files(home)
    kept = {take: take.read_bytes() for take in takes}
    shutil.rmtree(home / "recordings")

    said = coach_printed(home, "import", tmp_path / "backup.zip")

    assert all(take.read_bytes() == audio for take, audio in kept.items())
    assert "Nothing new to import" not in said
    assert said.startswith(
        "Brought back the audio of 2 recordings whose files were missing here; everything else in this "
        "backup is already here (2 practice answers and 2 recordings)."
    ), said
    again = coach_printed(home, "import", tmp_path / "backup.zip")
    assert again.startswith("Nothing new to import: everything in this backup is already here"), again


def test_a_backup_made_with_recordings_missing_says_so_where_it_is_made(tmp_path, monkeypatch):
    """A recording moved out of the data folder by hand, then a backup made to move to a new laptop:
    the Settings page said only "The backup holds 2 practice answers and 1 recording.", and `coach
    export` warned "recordings/practice/…wav is listed but missing from the data directory" with no
    next step; the new laptop was the first to say the answer had no audio, once the old one was gone."""
    home = tmp_path / "coach"
    _practised(home)
    gone, kept = _recording_files(home)
    gone.unlink()
    missing = (
        "1 recording is missing from the data folder here, so the backup holds no audio for it; put it "
        "back there if you still have it, then "
    )

    monkeypatch.delenv("COACH_DATABASE_URL", raising=False)
    monkeypatch.setenv("COACH_DATA_DIR", str(home))
    at = page("settings").run()
    at.button(key="settings_export").click().run()
    assert not at.exception and not at.error
    assert (
        "The backup holds 2 practice answers and 1 recording. " + missing + "prepare the backup again."
    ) in [c.value for c in at.caption]

    exported = run_coach("export", tmp_path / "backup.zip", data_dir=home)
    assert exported.returncode == 0, exported.stderr
    assert exported.stdout == f"Exported 2 practice answers and 1 recording to {tmp_path / 'backup.zip'}.\n"
    relative = gone.relative_to(home).as_posix()
    assert exported.stderr == f"warning: {missing}run `coach export` again.\n  {relative}\n"


# `coach import` killed once the backup's recording files are in the data folder and before their
# rows are written (the laptop's battery ran out, the process was killed): os._exit runs no cleanup.
KILLED_MIDWAY = """
import os, sys
from pathlib import Path
from coach.config import load_settings
from coach.data_admin import import_backup
from coach.store import open_store, transfer

def killed(*args, **kwargs):
    os._exit(9)

transfer._place_banks = killed  # the next step after the recordings are placed
import_backup(open_store(load_settings(data_dir=Path(sys.argv[1]))), Path(sys.argv[2]))
"""


def test_an_import_killed_midway_leaves_no_takes_to_analyse_and_the_same_backup_then_adds_each_answer_once(
    tmp_path,
):
    """An import killed after the backup's recordings were written: the next start listed each as
    "saved but not analysed: its analysis was interrupted; run `coach reanalyze` to finish it", the
    reanalysis made each a practice answer, and the same backup imported again added its own: every
    answer twice in history and Progress."""
    old = tmp_path / "old-laptop"
    _backed_up(old, tmp_path / "backup.zip")
    new = tmp_path / "new-laptop"
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parent.parent), "COACH_DATABASE_URL": ""}
    killed = subprocess.run(
        [sys.executable, "-c", KILLED_MIDWAY, str(new), str(tmp_path / "backup.zip")], env=env, check=False
    )
    assert killed.returncode == 9
    placed = [p for p in (new / "recordings").rglob("*") if p.is_file()]
    assert placed  # the files were written before the kill
    a_day_later = time.time() - 86400  # the person comes back the next day
    for path in placed:
        os.utime(path, (a_day_later, a_day_later))

    history = run_coach("history", data_dir=new)
    assert "saved but not analysed" not in history.stdout + history.stderr
    analysed = run_coach("reanalyze", data_dir=new)
    assert analysed.returncode == 0, analysed.stderr
    assert "saved as practice answer" not in analysed.stdout + analysed.stderr
    coach_printed(new, "import", tmp_path / "backup.zip")

    answers = json.loads(coach_printed(new, "history", "--json"))["attempts"]
    assert sorted(Path(a["recording_path"]).name for a in answers) == sorted(
        Path(p).name for p in _recording_files(old)
    )
    assert not [p for p in (new / "recordings").rglob("*") if p.is_file() and p.name.startswith(".")]


def test_the_files_an_older_import_left_are_said_linked_to_their_answers_when_the_backup_comes_again(
    tmp_path,
):
    """An import killed midway before imports listed the files they place left the backup's
    recordings in the data folder with no answer (listed as takes "saved but not analysed"); the
    same backup imported again linked its answers to them and said only "Already here, so not added
    twice: 2 recordings"."""
    old = tmp_path / "old-laptop"
    _backed_up(old, tmp_path / "backup.zip")
    new = tmp_path / "new-laptop"
    for take in _recording_files(old):  # what the killed import left
        placed = new / take.relative_to(old)
        placed.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(take, placed)
        a_day_later = time.time() - 86400  # the person comes back the next day
        os.utime(placed, (a_day_later, a_day_later))
    assert "saved but not analysed" in run_coach("history", data_dir=new).stdout  # adopted as takes

    said = " ".join(coach_printed(new, "import", tmp_path / "backup.zip").split())

    assert said == (
        "Imported 2 practice answers. 2 recordings already here without an answer are now linked to their "
        "answers from the backup."
    ), said
    assert "saved but not analysed" not in run_coach("history", data_dir=new).stdout


def _backed_up_without_audio(data_dir: Path, backup: Path) -> str:
    """Two practice answers and a take kept without an answer (its analysis stopped), exported with
    the recordings folder gone: a backup that lists three recordings and holds none. Returns the
    take's path as `coach history` names it."""
    from coach.store.recordings import add_recording

    _practised(data_dir)
    settings = load_settings(data_dir=data_dir)
    store = open_store(settings)
    try:
        take = save_recording(CLIPS / "clean.wav", settings, original_name="take.wav")
        with store.write() as conn:
            add_recording(conn, store, take)
        shutil.rmtree(data_dir / "recordings")
        export_data(store, backup)
        return store.relative(take.path)
    finally:
        store.close()


def test_an_import_counts_the_recordings_missing_from_a_backup_with_answers_apart_from_those_without(
    tmp_path,
):
    """A backup of two answers and a take kept without an answer, made with the recordings folder gone:
    the import said "3 recordings listed in the backup were not in it, so their answers have no audio
    here", of three recordings one of which had no answer."""
    _backed_up_without_audio(tmp_path / "old-laptop", tmp_path / "backup.zip")

    said = " ".join(coach_printed(tmp_path / "new-laptop", "import", tmp_path / "backup.zip").split())

    assert said == (
        "Imported 2 practice answers. 2 recordings listed in the backup were not in it, so their answers "
        "have no audio here. 1 recording kept without an answer was listed in the backup but not in it "
        "either, so it has no audio here."
    ), said


def test_a_take_restored_without_its_audio_is_not_offered_for_analysis_nor_failed_each_run(
    tmp_path, monkeypatch
):
    """A backup made with the recordings missing, restored on a new laptop: `coach history` and
    Progress listed the take kept without an answer as "its analysis was interrupted; run `coach
    reanalyze` to finish it", and `coach reanalyze` then said "1 failed" ("No file at …; check the
    path and try again") and exited 1 on every run."""
    take = _backed_up_without_audio(tmp_path / "old-laptop", tmp_path / "backup.zip")
    new = tmp_path / "new-laptop"
    coach_printed(new, "import", tmp_path / "backup.zip")

    history = run_coach("history", data_dir=new)
    assert "coach reanalyze" not in history.stdout, history.stdout
    assert "Its audio is not on this machine" in " ".join(history.stdout.split()), history.stdout
    for _ in range(2):
        analysed = run_coach("reanalyze", data_dir=new)
        assert analysed.returncode == 0, analysed.stderr
        said = " ".join(analysed.stdout.split())
        assert ", 0 failed " in said, said
        assert f"Kept, not tried again: {take}. Its audio is not on this machine" in said, said
        assert f"`coach delete-recording {take}` deletes it." in said, said

    monkeypatch.delenv("COACH_DATABASE_URL", raising=False)
    monkeypatch.setenv("COACH_DATA_DIR", str(new))
    at = page("progress").run()
    assert not at.exception
    [shown] = at.selectbox(key="progress_not_analysed_pick").options
    assert shown.endswith("take.wav, whose audio is not on this machine"), shown
    assert any("Its audio is not on this machine" in m.value for m in at.markdown)
    assert not any("could not be measured" in m.value for m in at.markdown)


def test_answers_restored_without_their_audio_are_not_failed_by_transcribing_again(tmp_path):
    """`coach reanalyze --retranscribe` after restoring a backup that held no audio: "3 failed", one
    "No file at …; check the path and try again." an answer, and exit 1, for answers whose
    transcripts were there to analyse; now they are analysed from those and it says why they were
    not transcribed again."""
    _backed_up_without_audio(tmp_path / "old-laptop", tmp_path / "backup.zip")
    new = tmp_path / "new-laptop"
    coach_printed(new, "import", tmp_path / "backup.zip")

    analysed = run_coach("reanalyze", "--retranscribe", data_dir=new)

    assert analysed.returncode == 0, analysed.stderr
    said = " ".join(analysed.stdout.split())
    assert said.startswith("2 answers analysed again, 0 already current, "), said
    assert ", 0 failed " in said, said
    assert (
        "2 answers were not transcribed again: their recordings are not on this machine (a backup "
        "restored without them, or moved out of the data folder), so their stored transcripts stand."
    ) in said, said


def _answers_made_of_what_an_older_import_left(old: Path, new: Path) -> list[int]:
    """The backup's recordings of `old` left in `new` by an import killed midway before imports
    listed the files they place, then made practice answers here (`coach reanalyze`): their ids."""
    from coach.audio import SavedRecording

    settings = load_settings(data_dir=new)
    store = open_store(settings)
    try:
        for take in _recording_files(old):  # what the killed import left, then analysed here
            placed = new / take.relative_to(old)
            placed.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(take, placed)
            save_attempt(
                store,
                question_id=None,
                question_text="",
                recording=SavedRecording(placed, "", placed.stat().st_size, ""),
                transcript=transcript_dict(),
                analysis=analysis_dict(),
                engine="faster-whisper",
                model="tiny.en",
            )
        return sorted(a["id"] for a in list_attempts(store))
    finally:
        store.close()


def test_answers_made_from_the_recordings_an_older_import_left_unlinked_are_named_by_the_next_import(
    tmp_path,
):
    """An import killed midway before imports listed the files they place left the backup's
    recordings in the data folder with no answer; the next start listed them as interrupted takes,
    `coach reanalyze` made each a practice answer, and importing the backup again added its own
    answers to the same recordings without a word: every answer twice in history and Progress."""
    old = tmp_path / "old-laptop"
    _backed_up(old, tmp_path / "backup.zip")
    new = tmp_path / "new-laptop"
    made_here = _answers_made_of_what_an_older_import_left(old, new)
    placed_files = sorted(p.read_bytes() for p in (new / "recordings").rglob("*.wav"))

    said = " ".join(coach_printed(new, "import", tmp_path / "backup.zip").split())

    assert (
        f"2 practice answers here (#{made_here[0]} and #{made_here[1]} in your history) were made "
        "from recordings an import stopped midway left without their answers, and the backup's "
        "answers to the same recordings are here now too: delete those 2 to count each answer once "
        "(the recordings stay, with the backup's answers)."
    ) in said, said
    # nothing of the person's was deleted: every recording still there, once
    assert sorted(p.read_bytes() for p in (new / "recordings").rglob("*.wav")) == placed_files
    for copy in made_here:  # as the sentence says: the copies go, the recordings stay
        coach_printed(new, "delete-answer", copy, "--yes")
    assert sorted(p.read_bytes() for p in (new / "recordings").rglob("*.wav")) == placed_files
    answers = json.loads(coach_printed(new, "history", "--json"))["attempts"]
    assert sorted(Path(a["recording_path"]).name for a in answers) == sorted(
        Path(p).name for p in _recording_files(old)
    )


def test_deleting_an_answer_whose_recording_another_answer_uses_says_the_recording_stays(tmp_path):
    """After such an import, `coach delete-answer` of a copy made here said "Deleted practice answer #1
    … with its recording." while the file stayed, for the backup's answer using it too."""
    old = tmp_path / "old-laptop"
    _backed_up(old, tmp_path / "backup.zip")
    new = tmp_path / "new-laptop"
    first, _ = _answers_made_of_what_an_older_import_left(old, new)
    coach_printed(new, "import", tmp_path / "backup.zip")
    answers = json.loads(coach_printed(new, "history", "--json"))["attempts"]
    path = next(a["recording_path"] for a in answers if a["id"] == first)
    [backups] = [a["id"] for a in answers if a["recording_path"] == path and a["id"] != first]

    refused = run_coach("delete-answer", first, data_dir=new)  # a script, not a terminal: asked for --yes
    assert refused.returncode != 0
    assert f"but not its recording (answer #{backups} still uses it)." in " ".join(refused.stderr.split())
    said = " ".join(coach_printed(new, "delete-answer", first, "--yes").split())

    assert said.startswith(f"Deleted practice answer #{first} ("), said
    assert said.endswith(f"; its recording stays: answer #{backups} still uses it."), said
    assert (new / path).exists()
    said = " ".join(coach_printed(new, "delete-answer", backups, "--yes").split())
    assert said.endswith("with its recording."), said
    assert not (new / path).exists()
