"""`coach history / progress / export / import / reanalyze`, run as a user would."""

from __future__ import annotations

import json
import os
import time
import zipfile

import pytest
from cli_support import coach_command, not_analysed, unwrapped
from click.testing import CliRunner
from store_support import (  # noqa: F401
    analysis_dict,
    backend_fixture,
    make_settings,
    record,
    settings_fixture,
    transcript_dict,
)

from coach.errors import NoSpeechError
from coach.practice import practice_answer
from coach.store import add_interview, list_debriefs, open_store, save_attempt


def _run(settings, *args):
    env = {"COACH_DATA_DIR": str(settings.data_dir), "COACH_DATABASE_URL": settings.database_url or ""}
    return CliRunner().invoke(coach_command(), list(args), env=env)


@pytest.fixture(name="filled")
def filled_fixture(settings, monkeypatch):
    monkeypatch.delenv("COACH_DATABASE_URL", raising=False)
    store = open_store(settings)
    for i, wpm in enumerate((190.0, 160.0)):
        save_attempt(
            store,
            question_id="beh-conflict",
            question_text="A conflict?",
            recording=record(settings, 200.0 + i),
            transcript=transcript_dict(),
            analysis=analysis_dict(wpm=wpm, version="0.1"),
            engine="faster-whisper",
            model="tiny.en",
        )
    add_interview(store, company="Acme", interview_date="2025-03-01", stage="first round")
    store.close()
    return settings


def test_history_rounds_figures_as_the_pages_do(settings, monkeypatch):
    """`coach history` lists 120 wpm and 17.9 fillers/100, not 119.5 and 17.857."""
    monkeypatch.delenv("COACH_DATABASE_URL", raising=False)
    store = open_store(settings)
    save_attempt(
        store,
        question_id="close-03",
        question_text="Why should we hire you?",
        recording=None,
        transcript=transcript_dict(),
        analysis=analysis_dict(wpm=119.5, fillers_per_100=17.857, overall=48.4),
        engine="faster-whisper",
        model="tiny.en",
    )
    # one decimal in every row ("1" under "17.9" read as another kind of figure), and a take the
    # quality gate left unscored said as such, not "- - score -"
    for question_id, analysis in (
        ("mot-05", analysis_dict(wpm=150.0, fillers_per_100=1.0, overall=80.0)),
        ("mot-21", {**analysis_dict(), "scores": None}),
    ):
        save_attempt(store, question_id=question_id, question_text="A question?", recording=None,
                     transcript=transcript_dict(), analysis=analysis, engine="faster-whisper",
                     model="tiny.en")  # fmt: skip
    store.close()
    result = _run(settings, "history")
    assert result.exit_code == 0, result.stderr
    [line] = [line for line in result.stdout.splitlines() if "close-03" in line]
    assert line.endswith("120 wpm  17.9 fillers/100  score 48"), line
    [line] = [line for line in result.stdout.splitlines() if "mot-05" in line]
    assert line.endswith("150 wpm   1.0 fillers/100  score 80"), line
    [line] = [line for line in result.stdout.splitlines() if "mot-21" in line]
    assert line.endswith("mot-21   could not be measured"), line


def _twenty_three_answers(store) -> None:
    """23 answers to mot-05, #1 at 100 wpm to #23 at 122."""
    for i in range(23):
        save_attempt(store, question_id="mot-05", question_text="Why us?", recording=None,
                     transcript=transcript_dict(), analysis=analysis_dict(wpm=100.0 + i),
                     engine="faster-whisper", model="tiny.en")  # fmt: skip


def test_history_lists_the_newest_twenty_and_says_how_to_see_them_all(settings, monkeypatch):
    """`coach history` after months of practice printed every answer, 300 rows scrolling past;
    now the newest 20 and a line saying how many there are and how to list them all. --limit and
    --json still give what they asked for."""
    monkeypatch.delenv("COACH_DATABASE_URL", raising=False)
    store = open_store(settings)
    _twenty_three_answers(store)
    store.close()
    result = _run(settings, "history")
    assert result.exit_code == 0, result.stderr
    rows = [line for line in result.stdout.splitlines() if line.startswith("#")]
    assert [row.split()[0] for row in rows] == [f"#{n}" for n in range(23, 3, -1)]  # newest first
    assert result.stdout.splitlines()[-1] == (
        "The newest 20 of 23 practice answers; `coach history --limit 23` lists them all."
    )
    result = _run(settings, "history", "--limit", "23")
    assert len([line for line in result.stdout.splitlines() if line.startswith("#")]) == 23
    assert result.stdout.splitlines()[-1] == "23 practice answers."
    # fewer than there are: it said "5 practice answers." of 23, as if there were no more
    result = _run(settings, "history", "--limit", "5")
    assert [line.split()[0] for line in result.stdout.splitlines() if line.startswith("#")] == [
        f"#{n}" for n in range(23, 18, -1)
    ]
    assert result.stdout.splitlines()[-1] == (
        "The newest 5 of 23 practice answers; `coach history --limit 23` lists them all."
    )
    assert len(json.loads(_run(settings, "history", "--json").stdout)["attempts"]) == 23
    assert len(json.loads(_run(settings, "history", "--json", "--limit", "5").stdout)["attempts"]) == 5


def test_history_counts_the_practice_answers_under_them_and_heads_the_interviews(settings, monkeypatch):
    """A year of use: the newest 20 practice answers, then every real interview with nothing
    between them, and "The newest 20 of 23 practice answers; …" last, on stderr, read as if about
    the interviews (and `coach history | less` left it out). The count is now on stdout right under
    the practice answers, and "Real interviews:" heads the interviews."""
    monkeypatch.delenv("COACH_DATABASE_URL", raising=False)
    store = open_store(settings)
    _twenty_three_answers(store)
    add_interview(store, company="Acme", interview_date="2026-03-01", stage="first round")
    add_interview(store, company="Initech", interview_date="2026-02-01", stage="recruiter screen")
    store.close()
    shown = _run(settings, "history")
    assert shown.exit_code == 0, shown.output
    lines = shown.stdout.splitlines()
    assert [line.split()[0] for line in lines[:20]] == [f"#{n}" for n in range(23, 3, -1)], lines
    assert lines[20:] == [
        "The newest 20 of 23 practice answers; `coach history --limit 23` lists them all.",
        "Real interviews:",
        "2026-03-01  Acme · first round · no recording reviewed yet",
        "2026-02-01  Initech · recruiter screen · no recording reviewed yet",
    ], shown.stdout
    assert shown.stderr == ""
    every = _run(settings, "history", "--limit", "23").stdout.splitlines()
    assert every[23:25] == ["23 practice answers.", "Real interviews:"], every
    listed = json.loads(_run(settings, "history", "--json").stdout)  # JSON alone, as it was
    assert (len(listed["attempts"]), len(listed["interviews"])) == (23, 2)


def test_the_answers_that_could_not_be_measured_are_listed_where_progress_says(settings, monkeypatch):
    """A year of practice, 13 answers not measured: `coach progress` said "`coach history` lists
    them", and `coach history` listed the newest 20 answers, none of them. `coach history
    --not-measured` lists those alone, each with why, as the Progress page's fold does, and under
    them how many of all could not be measured (on stdout: on stderr `coach history --not-measured |
    less` left it out)."""
    monkeypatch.delenv("COACH_DATABASE_URL", raising=False)
    store = open_store(settings)
    short = {**analysis_dict(), "scores": None, "warnings": ["Only 9 words heard: too short to measure."]}
    short["metrics"] = {**short["metrics"], "wpm": None, "fillers_per_100_words": None}
    days = [f"2026-03-{d:02d}" for d in range(1, 23)]
    for day, analysis in [("2026-02-10", short), *((d, analysis_dict()) for d in days)]:
        save_attempt(store, question_id="mot-05", question_text="Why us?", recording=None,
                     transcript=transcript_dict(), analysis=analysis, engine="faster-whisper",
                     model="tiny.en", created_at=f"{day}T12:00:00+00:00")  # fmt: skip
    store.close()
    progress = _run(settings, "progress")
    assert progress.exit_code == 0, progress.output
    assert "`coach history --not-measured` lists it." in unwrapped(progress.stdout), progress.stdout
    assert "could not be measured" not in _run(settings, "history").stdout
    shown = _run(settings, "history", "--not-measured")
    assert shown.exit_code == 0, shown.output
    # why on the next line under the id column: after the figures it made the row 98 columns wide,
    # and an 80-column terminal wrapped it mid-word
    assert shown.stdout.splitlines() == [
        "#1     2026-02-10 12:00  mot-05 could not be measured:",
        "                         Only 9 words heard: too short to measure.",
        "1 of 23 practice answers could not be measured; `coach delete-answer N` deletes",
        "  one with its recording.",
    ]
    assert shown.stderr == "" and max(len(line) for line in shown.stdout.splitlines()) <= 80, shown.output
    listed = json.loads(_run(settings, "history", "--not-measured", "--json").stdout)
    assert [a["id"] for a in listed["attempts"]] == [1]
    measured = _run(settings, "history", "--not-measured", "--question", "mot-21")
    assert measured.stdout == "0 practice answers to mot-21.\n", measured.output


def test_reanalyze_says_one_answer_not_one_answers(settings, monkeypatch):
    """`coach reanalyze` over one old answer said "1 answers analysed again"."""
    monkeypatch.delenv("COACH_DATABASE_URL", raising=False)
    store = open_store(settings)
    save_attempt(
        store,
        question_id="close-03",
        question_text="Why should we hire you?",
        recording=record(settings, 200.0),
        transcript=transcript_dict(),
        analysis=analysis_dict(version="0.1"),
        engine="faster-whisper",
        model="tiny.en",
    )
    store.close()
    result = _run(settings, "reanalyze")
    assert result.exit_code == 0, result.stderr
    assert "1 answer analysed again, 0 already current, 0 recordings analysed" in result.stdout, result.stdout


def test_reanalyze_with_nothing_saved_says_so_in_a_sentence(settings, monkeypatch):
    """A new user's `coach reanalyze` read "0 answers analysed again, 0 already current, 0 recordings
    analysed for the first time, 0 interview recordings reviewed, 0 failed (analysis version …)"."""
    monkeypatch.delenv("COACH_DATABASE_URL", raising=False)
    result = _run(settings, "reanalyze")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == (  # in 80 columns
        "Nothing to analyse again: no practice answer or recording is saved yet\n"
        "(`coach analyze AUDIO --save` keeps one).\n"
    )


def test_history_dates_an_answer_on_the_users_clock(settings, monkeypatch, zone):
    """In Paris, an answer at 00:30 on 17 Nov is stored as 23:30 UTC on the 16th: `coach history`
    listed it as "2025-11-16 23:30", a day the Practice and Progress pages do not give it."""
    from datetime import UTC, datetime

    monkeypatch.delenv("COACH_DATABASE_URL", raising=False)
    store = open_store(settings)
    save_attempt(
        store,
        question_id="close-03",
        question_text="Why should we hire you?",
        recording=None,
        transcript=transcript_dict(),
        analysis=analysis_dict(),
        engine="faster-whisper",
        model="tiny.en",
        created_at=datetime(2025, 11, 16, 23, 30, tzinfo=UTC),
    )
    store.close()
    zone("Europe/Paris")
    result = _run(settings, "history")
    assert result.exit_code == 0, result.stderr
    [line] = [line for line in result.stdout.splitlines() if "close-03" in line]
    assert " 2025-11-17 00:30  close-03 " in line, line


def test_history_lines_up_and_names_a_question_without_a_bank_id(settings, monkeypatch):
    """Months of history read as columns: an answer with no pace (typed or too short) keeps the
    columns in place, and a mock interview's follow-up (no bank id) says its question, not '-'."""
    monkeypatch.delenv("COACH_DATABASE_URL", raising=False)
    store = open_store(settings)
    unmeasured = analysis_dict()
    unmeasured["metrics"]["wpm"] = None
    for question_id, text, analysis in (
        ("beh-lead-01", "Tell me about a time you led.", analysis_dict(wpm=125.0, fillers_per_100=7.2)),
        ("mot-03", "Why do you want to work here?", unmeasured),
        (None, "Which move would you undo?", analysis_dict(wpm=195.0, fillers_per_100=0)),
    ):
        save_attempt(
            store,
            question_id=question_id,
            question_text=text,
            recording=None,
            transcript=transcript_dict(),
            analysis=analysis,
            engine="faster-whisper",
            model="tiny.en",
        )
    store.close()
    result = _run(settings, "history")
    assert result.exit_code == 0, result.stderr
    lines = [line for line in result.stdout.splitlines() if line.startswith("#")]
    assert len(lines) == 3, result.stdout
    assert len({line.index("fillers/100") for line in lines}) == 1, lines
    assert len({line.index("score") for line in lines}) == 1, lines
    every = result.stdout.splitlines()
    [follow_up] = [i for i, line in enumerate(every) if "195 wpm" in line]
    # no room after its figures in 80 columns: on the next line, under the id column
    [led] = [line for line in lines if "beh-lead-01" in line]
    assert every[follow_up + 1] == " " * led.index("beh-lead-01") + "“Which move would you undo?”", every


def test_history_and_progress_json(filled):
    result = _run(filled, "history", "--json")
    assert result.exit_code == 0, result.stderr
    history = json.loads(result.stdout)
    assert [a["wpm"] for a in history["attempts"]] == [160.0, 190.0]
    assert [i["company"] for i in history["interviews"]] == ["Acme"]
    only = json.loads(_run(filled, "history", "--question", "beh-lead-04", "--json").stdout)
    assert only["attempts"] == []  # a bank question never answered; an unknown id is an error
    unknown = _run(filled, "history", "--question", "nope", "--json")
    assert unknown.exit_code == 1 and "no question with id 'nope'" in unknown.stderr, unknown.stderr

    result = _run(filled, "progress", "--json")
    assert result.exit_code == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["counts"] == {
        "practice_attempts": 2,
        "practice_measured": 2,
        "practice_off_question": 0,
        "practice_in_mock_interviews": 0,
        "real_interviews": 1,
        "real_answers": 0,
        "real_answers_reviewed": 0,
        # reviewed recordings that picked out no answer (no question of the interviewer's recognised)
        "real_recordings_none_picked_out": 0,
    }
    assert report["improvement"]["wpm"]["since_first"] == "closer"
    assert "190 on the first answer, 160 on the latest" in _run(filled, "progress").stdout
    # --last N compares the last N answers with the N before: it changed only the JSON, and the
    # words were the same whatever N was given
    last_one = _run(filled, "progress", "--last", "1").stdout
    assert "  the latest answer: 160, the one before: 190; closer to where it should be." in last_one


def test_export_and_import_through_the_command_line(filled, tmp_path, backend):
    out = tmp_path / "backup.zip"
    result = _run(filled, "export", str(out))
    assert result.exit_code == 0, result.stderr
    # counted as a person counts them, plurals right ("1 interview", not "1 interviews")
    assert f"Exported 2 practice answers, 1 interview and 2 recordings to {out}." in result.stdout

    target = make_settings(tmp_path, backend, "restored")
    result = _run(target, "import", str(out))
    assert result.exit_code == 0, result.stderr
    assert "Imported 2 practice answers, 1 interview and 2 recordings." in result.stdout
    again = _run(target, "import", str(out))
    assert again.stdout.strip() == (
        "Nothing new to import: everything in this backup is already here "
        "(2 practice answers, 1 interview and 2 recordings)."
    ), again.stdout
    before = json.loads(_run(filled, "history", "--json").stdout)["attempts"]
    after = json.loads(_run(target, "history", "--json").stdout)["attempts"]
    assert [(a["created_at"], a["wpm"], a["recording_path"]) for a in after] == [
        (a["created_at"], a["wpm"], a["recording_path"]) for a in before
    ]
    assert all((target.data_dir / a["recording_path"]).exists() for a in after)

    again = json.loads(_run(target, "import", str(out), "--json").stdout)
    assert sum(again["added"].values()) == 0


def test_a_backup_with_a_broken_recording_is_said_damaged_in_words(filled, tmp_path):
    """A backup one of whose recordings changed after it was written (a bad copy, a failing disk)
    read "is a damaged coach export (BadZipFile: Bad CRC-32 for file 'recordings/…'); nothing was
    imported.": Python's words and no next step."""
    import struct

    good, broken = tmp_path / "good.zip", tmp_path / "broken.zip"
    assert _run(filled, "export", str(good)).exit_code == 0
    raw = bytearray(good.read_bytes())
    with zipfile.ZipFile(good) as archive:
        [member, *_] = [i for i in archive.infolist() if i.filename.startswith("recordings/")]
    assert member.compress_type == zipfile.ZIP_STORED  # its bytes are in the file as they are
    name_length, extra_length = struct.unpack(
        "<HH", raw[member.header_offset + 26 : member.header_offset + 30]
    )
    raw[member.header_offset + 30 + name_length + extra_length + member.file_size // 2] ^= 0xFF
    broken.write_bytes(raw)  # the zip's checksum of that recording left as written

    target = make_settings(tmp_path, "sqlite", "restored")
    result = _run(target, "import", str(broken))
    assert result.exit_code == 1
    assert result.stderr == (
        f"error: {broken} is damaged (part of it no longer reads as the coach wrote it), so nothing was "
        "imported and your data here is as it was; copy the backup again from where you keep it, or make "
        "the backup again with `coach export`.\n"
    ), result.stderr
    assert json.loads(_run(target, "history", "--json").stdout)["attempts"] == []
    assert not target.recordings_dir.exists()  # recordings/practice/2026-12/ was left behind, empty

    from coach.data_admin import import_bytes
    from coach.errors import InputError

    store = open_store(target)
    try:
        with pytest.raises(InputError) as refused:  # uploaded on the Settings page
            import_bytes(store, broken.read_bytes())
    finally:
        store.close()
    assert refused.value.in_app == (
        "This backup is damaged (part of it no longer reads as the coach wrote it), so nothing was "
        "imported and your data here is as it was; upload it again from where you keep it, or make the "
        "backup again with “Prepare a backup” on the Settings page."
    )


def test_a_bad_import_is_one_line_on_stderr(filled, tmp_path):
    (tmp_path / "notes.zip").write_text("not a zip")
    result = _run(filled, "import", str(tmp_path / "notes.zip"))
    assert result.exit_code == 1
    assert result.stderr.startswith("error: ") and result.stderr.count("\n") == 1
    assert result.stderr == (
        f"error: {tmp_path}/notes.zip is not a zip file (every backup of the coach is one), so nothing was "
        "imported; give the .zip that `coach export` wrote.\n"
    )


def test_a_backup_that_cannot_be_read_is_named_as_typed_and_said_in_words(filled, tmp_path):
    """ "Trunc.zip is not a coach export (could not open it as a zip: File is not a zip file)":
    the name capitalised, Python's words; a file not there read "[Errno 2] No such file"."""
    (tmp_path / "trunc.zip").write_bytes(b"PK\x03\x04 cut short")
    result = _run(filled, "import", str(tmp_path / "trunc.zip"))
    assert result.stderr == (  # it read "is not a coach export: it is not a zip file", and no next step
        f"error: {tmp_path}/trunc.zip is a zip cut off before its end (a copy or download that did not "
        "finish), so nothing was imported; copy it again in full, or make the backup again with `coach "
        "export`.\n"
    )
    with zipfile.ZipFile(tmp_path / "photos.zip", "w") as other:
        other.writestr("photo.txt", "not a backup")
    result = _run(filled, "import", str(tmp_path / "photos.zip"))
    assert result.stderr == (  # it read "is not a coach export. Nothing was imported."
        f"error: {tmp_path}/photos.zip is a zip but no backup of the coach, so nothing was imported; give "
        "the .zip that `coach export` wrote.\n"
    )
    result = _run(filled, "import", str(tmp_path / "missing.zip"))
    assert result.stderr == (
        f"error: There is no file {tmp_path}/missing.zip; give the path of a backup made by `coach export`.\n"
    )
    result = _run(filled, "import", str(tmp_path))
    assert result.stderr == f"error: {tmp_path} is a folder; give the backup's .zip file inside it.\n"


def test_an_export_writes_over_nothing_unasked_and_never_over_the_coachs_own_files(filled, tmp_path):
    """`coach export data/coach.db` wrote the backup over the database ("not a coach database" at the
    next command), and an older backup was replaced without a word."""
    database = filled.database_path
    if filled.database_url is None:
        before = database.read_bytes()
        result = _run(filled, "export", str(database), "--replace")
        assert result.exit_code == 1 and "is where the coach keeps your data" in result.stderr, result.stderr
        assert database.read_bytes() == before
    older = tmp_path / "older.zip"
    older.write_bytes(b"an older backup")
    result = _run(filled, "export", str(older))
    assert result.exit_code == 1
    assert result.stderr == (
        f"error: {older} already exists; give another name, or add --replace to write over it. "
        "Nothing was written.\n"
    )
    assert older.read_bytes() == b"an older backup"
    assert _run(filled, "export", str(older), "--replace").exit_code == 0
    assert zipfile.is_zipfile(older)


def test_an_import_says_which_recordings_the_backup_lacked(filled, tmp_path, backend):
    """A backup whose recording file was taken out said "Imported … and 2 recordings." with none of
    them in the recordings folder."""
    out = tmp_path / "backup.zip"
    assert _run(filled, "export", str(out)).exit_code == 0
    stripped = tmp_path / "stripped.zip"
    with zipfile.ZipFile(out) as full, zipfile.ZipFile(stripped, "w") as part:
        names = [n for n in full.namelist() if n.startswith("recordings/")]
        for name in full.namelist():
            if name != names[0]:
                part.writestr(name, full.read(name))
    target = make_settings(tmp_path, backend, "restored")
    result = _run(target, "import", str(stripped))
    assert result.exit_code == 0, result.stderr
    assert result.stdout.strip() == (
        "Imported 2 practice answers, 1 interview and 1 recording. 1 recording listed in the backup "
        "was not in it, so its answer has no audio here."
    ), result.stdout


def test_a_backup_brings_back_the_role_and_thresholds_where_none_are_chosen(filled, tmp_path, backend):
    """Moving to a new laptop: export, import into a fresh data folder, and `coach settings` said
    "Your role: any"; the thresholds chosen were gone too. A choice made on the new machine stays."""
    from dataclasses import replace as changed

    from coach.config import Thresholds, load_settings, save_settings

    assert _run(filled, "settings", "--role", "data", "--no-verbatim").exit_code == 0
    mine = load_settings(filled.data_dir)
    save_settings(changed(mine, thresholds=changed(Thresholds(), long_pause_s=2.5)))
    out = tmp_path / "backup.zip"
    assert _run(filled, "export", str(out)).exit_code == 0

    fresh = make_settings(tmp_path, backend, "new-laptop")
    result = _run(fresh, "import", str(out))
    assert result.exit_code == 0, result.stderr
    assert result.stdout.strip().endswith(
        "Your role, your thresholds and your choice about 'um's came back too."
    ), result.stdout
    shown = unwrapped(_run(fresh, "settings").stdout)  # wrapped at words in 80 columns
    assert "Your role: Data" in shown
    assert load_settings(fresh.data_dir).thresholds.long_pause_s == 2.5
    # the 'um's Whisper writes, left out there, were kept again on the new laptop
    assert "Keeping the 'um's Whisper writes: off; hearing those it drops, from the sound: on." in shown
    # the threshold that came back, in the Settings page's words: it was shown only in --json
    assert "Thresholds: the defaults, except a long pause at 2.5 s (default 2 s). Change them" in shown, shown

    # a backup made before the ranges were checked, holding a pace band of 9,999.5 wpm beside the
    # 2.5 s pause: no threshold came back, without a word; now the pause does, and the pace is said
    from coach.store.transfer import MANIFEST

    old = tmp_path / "old-backup.zip"
    with zipfile.ZipFile(out) as made, zipfile.ZipFile(old, "w") as changed_zip:
        for name in made.namelist():
            data = made.read(name)
            if name == MANIFEST:
                manifest = json.loads(data)
                manifest["settings"]["thresholds"]["pace_high_wpm"] = 9999.5
                data = json.dumps(manifest).encode()
            changed_zip.writestr(name, data)
    older = make_settings(tmp_path, backend, "older-backup")
    result = _run(older, "import", str(old))
    assert result.exit_code == 0, result.stderr
    assert result.stdout.strip().endswith(
        "Your role, your thresholds and your choice about 'um's came back too. The backup held the pace "
        "band's high end at 9,999.5 wpm, outside the 60 to 300 wpm it may be, so the coach kept the "
        "default, 175 wpm."
    ), result.stdout
    kept = load_settings(older.data_dir).thresholds
    assert (kept.long_pause_s, kept.pace_high_wpm) == (2.5, 175.0)

    chosen = make_settings(tmp_path, backend, "chose-already")
    assert _run(chosen, "settings", "--role", "product", "--no-hear-ums").exit_code == 0
    result = _run(chosen, "import", str(out))
    # the role and the 'um's heard chosen here stay; the thresholds and the 'um's kept, still the
    # defaults here, come from the backup
    assert result.stdout.strip().endswith(
        " Your thresholds and your choice about 'um's came back too. Your role here, Product, was kept; "
        "the backup's, Data, was not used."
    ), result.stdout
    shown = unwrapped(_run(chosen, "settings").stdout)  # wrapped at words in 80 columns
    assert "Your role: Product" in shown
    assert "Keeping the 'um's Whisper writes: off; hearing those it drops, from the sound: off." in shown


def test_reanalyze_brings_old_attempts_to_the_current_version(filled):
    from coach.analysis import ANALYSIS_VERSION

    result = _run(filled, "reanalyze", "--json")
    assert result.exit_code == 0, result.stderr
    report = json.loads(result.stdout)
    assert len(report["reanalysed"]) == 2 and report["failed"] == []
    history = json.loads(_run(filled, "history", "--json").stdout)
    assert {a["analysis_version"] for a in history["attempts"]} == {ANALYSIS_VERSION}
    assert "0 answers analysed again, 2 already current" in _run(filled, "reanalyze").stdout


def test_your_own_question_is_edited_and_deleted_from_the_terminal(settings, monkeypatch):
    from coach import banks
    from coach.store import list_attempts

    if settings.database_url:  # your own questions live in the database the data directory names
        monkeypatch.setenv("COACH_DATABASE_URL", settings.database_url)
    else:
        monkeypatch.delenv("COACH_DATABASE_URL", raising=False)
    copy = banks.add_user_question(
        settings.data_dir, "Can you tell me about your hobbies outside work?", source="real interview"
    )
    store = open_store(settings)
    save_attempt(
        store,
        question_id=copy.id,
        question_text=copy.text,
        recording=None,
        transcript=transcript_dict(),
        analysis=analysis_dict(),
        engine="faster-whisper",
        model="tiny.en",
    )
    store.close()

    nothing = _run(settings, "edit-question", copy.id)
    assert nothing.exit_code != 0 and "Say what to change" in nothing.output
    edited = _run(
        settings,
        "edit-question",
        copy.id,
        "--text",
        "Tell me about yourself in two minutes.",
        "--category",
        "motivation",
    )
    assert edited.exit_code == 0, edited.output
    [mine] = [q for q in banks.load_questions(settings.data_dir) if q.source != "bank"]
    assert (mine.text, mine.category) == ("Tell me about yourself in two minutes.", "motivation")

    bank = next(q for q in banks.load_questions(settings.data_dir) if q.source == "bank")
    # a shipped question is one `coach questions` lists: not "You have no question with id …"
    shipped = _run(settings, "delete-question", bank.id, "--yes")
    assert shipped.exit_code == 1 and shipped.stderr == (
        f"error: '{bank.id}' is a question of the shipped banks, which stay as they are; only your own "
        "questions (their ids start with user-) can be deleted.\n"
    )
    missing = _run(settings, "delete-question", copy.id, "--answers-to", "no-such-question")
    assert missing.exit_code == 1 and missing.stderr == (  # it gave no next step
        "error: There is no question with id 'no-such-question' to file the answers under; `coach "
        "questions` lists the ids (--search WORDS finds one by its words).\n"
    )
    itself = _run(settings, "delete-question", copy.id, "--answers-to", copy.id)
    assert itself.exit_code == 1 and itself.stderr == (
        f"error: --answers-to names {copy.id}, the question being deleted; give another question's id "
        "(`coach questions` lists them).\n"
    )
    deleted = _run(settings, "delete-question", copy.id, "--answers-to", bank.id, "--yes")
    assert deleted.exit_code == 0 and "1 answer now filed under" in deleted.output
    assert [q for q in banks.load_questions(settings.data_dir) if q.source != "bank"] == []
    store = open_store(settings)
    try:
        assert [(a["question_id"], a["question_text"]) for a in list_attempts(store)] == [
            (bank.id, bank.text)
        ]
    finally:
        store.close()


def test_a_question_of_your_own_is_added_and_edited_whole_from_the_terminal(settings, monkeypatch):
    """The Questions page adds and edits a question's competencies, difficulty and talking points;
    the terminal had no add-question, and edit-question changed only the words and the category."""
    from coach import banks

    if settings.database_url:  # your own questions live in the database the data directory names
        monkeypatch.setenv("COACH_DATABASE_URL", settings.database_url)
    else:
        monkeypatch.delenv("COACH_DATABASE_URL", raising=False)
    points = ["--talking-point", "what they believed", "--talking-point", "how you changed it"]
    added = _run(
        settings,
        "add-question",
        "Tell me about a time you changed a team's mind.",
        "--competency",
        "influence",
        *points,
    )
    assert added.exit_code == 0, added.output
    [mine] = [q for q in banks.load_questions(settings.data_dir) if q.source != "bank"]
    assert added.stdout.splitlines() == [
        f"{mine.id} · behavioural · Tell me about a time you changed a",  # 80 columns at most
        "  team's mind.",
        "  practises: influence; difficulty medium",
        "  - what they believed",
        "  - how you changed it",
        "  follow-up: What would you do differently next time?",
    ]
    edited = _run(settings, "edit-question", mine.id, "--difficulty", "hard", "--talking-point", "the result")
    assert edited.exit_code == 0, edited.output
    [mine] = [q for q in banks.load_questions(settings.data_dir) if q.source != "bank"]
    assert (mine.difficulty, mine.talking_points, mine.competencies) == (
        "hard",
        ("the result",),
        ("influence",),
    )
    refused = _run(settings, "add-question", "Why?", "--category", "nonsense")
    assert refused.exit_code == 1 and refused.stderr.startswith("error: Unknown category 'nonsense'")


def test_a_note_for_someone_already_met_is_kept_from_the_terminal(settings, monkeypatch):
    """`coach debrief --person` and `coach add-person` with a name the interview already has: the
    note joins that person's notes (it was dropped, or made a second Dana Ortiz)."""
    monkeypatch.delenv("COACH_DATABASE_URL", raising=False)

    def ok(*args):
        result = _run(settings, *args)
        assert result.exit_code == 0, result.stderr
        return result.stdout

    interview = json.loads(
        ok(
            "add-interview",
            "Initech",
            "--date",
            "2026-10-01",
            "--person",
            "Dana Ortiz — hiring manager",
            "--json",
        )
    )
    said = json.loads(
        ok("debrief", str(interview["id"]), "--person", "Dana Ortiz — hiring manager — ex-Stripe", "--json")
    )
    assert [(p["name"], p["notes"]) for p in said["people"]] == [("Dana Ortiz", "ex-Stripe")]
    out = ok("add-person", str(interview["id"]), "Dana Ortiz — hiring manager — asked about on-call")
    assert (
        out.strip() == f"Added what you typed to Dana Ortiz, already recorded (interview #{interview['id']})."
    )
    store = open_store(settings)
    try:
        from coach.store import get_interview

        kept = [(p["name"], p["title"], p["notes"]) for p in get_interview(store, interview["id"])["people"]]
    finally:
        store.close()
    assert kept == [("Dana Ortiz", "hiring manager", "ex-Stripe; asked about on-call")]


def test_a_name_ending_in_a_full_stop_keeps_it_when_added_from_the_terminal(settings, monkeypatch):
    """`coach add-person 3 "Sam L."` said "Added Sam L (interview #3).": the sentence's full stop
    was taken off with the name's."""
    monkeypatch.delenv("COACH_DATABASE_URL", raising=False)
    interview = json.loads(
        _run(settings, "add-interview", "Initech", "--date", "2026-10-01", "--json").stdout
    )
    out = _run(settings, "add-person", str(interview["id"]), "Sam L.")
    assert out.exit_code == 0, out.stderr
    assert out.stdout.strip() == f"Added Sam L. (interview #{interview['id']}).", out.stdout


def test_the_interview_pipeline_from_the_terminal(settings, monkeypatch):
    """add-interview, debrief, add-person and add-option write what `coach interviews --json` groups."""
    monkeypatch.delenv("COACH_DATABASE_URL", raising=False)

    def ok(*args):
        result = _run(settings, *args, "--json")
        assert result.exit_code == 0, result.stderr
        return json.loads(result.stdout)

    screen = ok(
        "add-interview",
        "--origin",
        "they reached out",
        "Initech",
        "--role",
        "Platform lead",
        "--stage",
        "recruiter screen",
        "--date",
        "2026-10-01",
        "--person",
        "Kim Park — recruiter",
    )
    assert screen["people"][0]["title"] == "recruiter" and screen["origin"] == "they_reached_out"
    first = ok("add-interview", "Initech Inc.", "--role", "platform lead", "--date", "2026-10-09")
    technical = ok(
        "add-interview", "initech", "--role", "Platform Lead", "--stage", "technical", "--date", "2026-10-20"
    )
    ok(
        "add-interview",
        "Acme Robotics",
        "--role",
        "Staff engineer",
        "--stage",
        "final",
        "--date",
        "2026-11-10",
    )
    saved = ok(
        "debrief",
        str(screen["id"]),
        "--interest",
        "4",
        "--proceed",
        "yes",
        "--question",
        "Why do you want to leave?",
        "--not-to-bank",
    )
    assert saved["debrief"]["interest"] == 4 and saved["questions_added"] == []
    ok(
        "debrief",
        str(first["id"]),
        "--interest",
        "3",
        "--notes",
        "Team seems stretched.",
        "--time-commitment",
        "two more rounds",
    )
    ok("debrief", str(technical["id"]), "--interest", "2")
    # adding to a debrief keeps what it said
    again = ok("debrief", str(screen["id"]), "--went-well", "the migration story")
    assert (again["debrief"]["interest"], again["debrief"]["proceed"]) == (4, True)
    assert "Why do you want to leave?" in again["debrief"]["notes"]
    assert ok("add-person", str(first["id"]), "Sam Lee — engineering manager")["name"] == "Sam Lee"
    offer = ok(
        "add-option",
        "offer",
        "--company",
        "Acme Robotics",
        "--title",
        "Staff engineer",
        "--compensation",
        "150k + 10% bonus",
        "--deadline",
        "2026-12-10",
    )
    assert offer["kind"] == "offer" and offer["deadline"] == "2026-12-10"
    ok("add-option", "batna", "--company", "current job", "--compensation", "135k")

    report = ok("interviews")
    # named the fullest way written ("Initech", "Initech Inc." and "initech" once each)
    initech = [o for o in report["opportunities"] if o["company"] == "Initech Inc."]
    assert len(report["opportunities"]) == 2 and len(initech) == 1
    [initech] = initech
    assert [s["interview_id"] for s in initech["stages"]] == [screen["id"], first["id"], technical["id"]]
    assert initech["interest_trend"] == [4, 3, 2]
    assert [p["name"] for p in initech["people_met"]] == ["Kim Park", "Sam Lee"]
    assert initech["stages"][1]["notes"] == "Team seems stretched."
    assert initech["time"]["summary"] == "3 stages so far over 19 days"
    assert initech["time"]["still_to_come"] == "two more rounds"
    fallen = "Your interest in Initech Inc. has fallen since the recruiter screen"
    assert initech["decision"].startswith(fallen)
    assert [(o["kind"], o["company"]) for o in report["options"]] == [
        ("offer", "Acme Robotics"),
        ("batna", "current job"),
    ]
    text = _run(settings, "interviews").stdout
    assert "Interest: 4 → 3 → 2 out of 5" in text and "Decide: Your interest in Initech Inc." in text
    # a debrief given no --interest keeps it unset however often it is added to (it became 3/5)
    [acme] = [o for o in report["opportunities"] if o["company"] == "Acme Robotics"]
    final = str(acme["stages"][0]["interview_id"])
    assert ok("debrief", final, "--went-well", "the design round")["debrief"]["interest"] is None
    assert ok("debrief", final, "--notes", "Asked about on-call.")["debrief"]["interest"] is None


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("add-interview", " "), "An interview needs the company's name."),
        (("add-interview", "Acme", "--date", "next week"), "is not a date; write it as YYYY-MM-DD."),
        (
            ("add-interview", "Acme", "--origin", "headhunter"),
            "How it started is one of: they reached out, I",
        ),
        (("add-person", "41", "Sam Lee"), "There is no interview with id 41; `coach interviews` lists them"),
        (("add-option", "maybe", "--company", "Acme"), "An option is an offer, an alternative or your BATNA"),
        (("add-option", "offer"), "Name the option"),
        (("debrief", "41", "--interest", "4"), "There is no interview with id 41"),
        (("debrief", "1"), "Say something for the debrief"),
    ],
)
def test_a_mistake_adding_to_the_log_is_one_line(settings, monkeypatch, args, message):
    monkeypatch.delenv("COACH_DATABASE_URL", raising=False)
    result = _run(settings, *args)
    assert result.exit_code == 1
    assert result.stderr.startswith("error: ") and result.stderr.count("\n") == 1
    assert message in result.stderr


def test_an_interview_still_to_come_gets_no_debrief_yet(settings, monkeypatch):
    """`coach debrief` on an interview dated 2030 said "Saved the debrief … interest 5/5" beside a
    card that still read "1 stage booked"."""
    monkeypatch.delenv("COACH_DATABASE_URL", raising=False)
    added = _run(settings, "add-interview", "Globex", "--date", "2030-01-01", "--json")
    interview_id = str(json.loads(added.stdout)["id"])
    result = _run(settings, "debrief", interview_id, "--went-well", "great", "--interest", "5")
    assert result.exit_code == 1
    assert result.stderr == (
        "error: Globex is on Tue 1 Jan 2030, still to come: write its debrief on the day, after it. "
        "Nothing was saved.\n"
    )
    db = open_store(settings)
    try:
        assert list_debriefs(db) == []
    finally:
        db.close()


def test_an_open_offers_deadline_gone_by_says_so(settings, monkeypatch):
    monkeypatch.delenv("COACH_DATABASE_URL", raising=False)
    assert (
        _run(settings, "add-option", "offer", "--company", "Acme", "--deadline", "2020-01-01").exit_code == 0
    )
    assert "Acme · deadline Wed 1 Jan 2020, passed (open)" in _run(settings, "interviews").stdout


def test_history_says_record_again_for_a_silent_take_and_reanalyze_only_for_an_interrupted_one(
    settings, monkeypatch, clips
):
    """A silent take is kept, but `coach reanalyze` would meet the same silence: the history says
    what will help (check the microphone, record again). A take whose analysis was interrupted
    (the app closed mid-way) is the one `coach reanalyze` finishes."""
    monkeypatch.delenv("COACH_DATABASE_URL", raising=False)
    with pytest.raises(NoSpeechError):
        practice_answer((clips / "silence.wav").read_bytes(), settings, original_name="quiet.wav")
    interrupted = record(settings, 500.0)
    hour_ago = time.time() - 3600  # older than a save still in flight, so the store adopts both
    for take in settings.recordings_root.rglob("*.*"):
        os.utime(take, (hour_ago, hour_ago))
    open_store(settings).close()

    shown = _run(settings, "history")
    assert shown.exit_code == 0, shown.output
    waiting = not_analysed(shown.stdout)
    assert len(waiting) == 2, shown.stdout
    [silent] = [line for line in waiting if interrupted.path.name not in line]
    [unfinished] = [line for line in waiting if interrupted.path.name in line]
    assert "silent" in silent and "record again" in silent and "reanalyze" not in silent, silent
    assert "interrupted" in unfinished and "coach reanalyze" in unfinished, unfinished
    listed = json.loads(_run(settings, "history", "--json").stdout)["unanalysed_recordings"]
    assert sorted(bool(r["not_analysable"]) for r in listed) == [False, True]


def test_a_take_that_could_not_be_measured_is_listed_at_once_by_the_name_it_was_given(
    settings, monkeypatch, clips, tmp_path
):
    """A silent upload said "Your recording is saved", yet `coach history` listed it only a
    minute later (kept files wait that long in case a save is still going on), under its hashed
    file name: its analysis has already failed, so it is listed at once, named as uploaded."""
    monkeypatch.delenv("COACH_DATABASE_URL", raising=False)
    with pytest.raises(NoSpeechError):
        practice_answer((clips / "silence.wav").read_bytes(), settings, original_name="quiet.wav")
    shown = _run(settings, "history")
    [waiting] = not_analysed(shown.stdout)
    assert waiting.startswith("saved but not analysed: quiet.wav (recordings/"), waiting
    assert "silent" in waiting, waiting

    # restored from a backup into a new data directory, it still says why (it read "its analysis was
    # interrupted; run `coach reanalyze`", which meets the same silence), in files its owner alone reads
    backup = tmp_path / "backup.zip"
    assert _run(settings, "export", str(backup)).exit_code == 0
    restored = make_settings(tmp_path, "sqlite", "restored")
    assert _run(restored, "import", str(backup)).stdout == "Imported 1 recording.\n"
    [again] = not_analysed(_run(restored, "history").stdout)
    assert again == waiting
    written = list(restored.recordings_dir.rglob("*"))
    assert {oct(p.stat().st_mode & 0o777) for p in written if p.is_file()} == {"0o600"}, written
    assert {oct(p.stat().st_mode & 0o777) for p in written if p.is_dir()} == {"0o700"}, written

    # a backup made before these notes travelled still restores (the take as waiting, as it did)
    with zipfile.ZipFile(backup) as made, zipfile.ZipFile(tmp_path / "older.zip", "w") as older:
        for item in made.infolist():
            data = made.read(item)
            if item.filename == "coach-export.json":
                manifest = json.loads(data)
                del manifest["recording_notes"]
                data = json.dumps(manifest).encode()
            older.writestr(item, data)
    before = make_settings(tmp_path, "sqlite", "from-an-older-backup")
    assert _run(before, "import", str(tmp_path / "older.zip")).stdout == "Imported 1 recording.\n"
    [old] = not_analysed(_run(before, "history").stdout)
    assert "coach reanalyze" in old, old


def test_a_waiting_take_reanalyze_finds_silent_is_then_told_record_again(settings, monkeypatch, clips):
    """A take left waiting (the app closed before its analysis) is first offered to `coach
    reanalyze`; once that finds it silent, the history stops suggesting it and says what helps."""
    from coach.audio import save_recording

    monkeypatch.delenv("COACH_DATABASE_URL", raising=False)
    take = save_recording((clips / "silence.wav").read_bytes(), settings, original_name="quiet.wav")
    hour_ago = time.time() - 3600
    os.utime(take.path, (hour_ago, hour_ago))
    open_store(settings).close()
    [before] = not_analysed(_run(settings, "history").stdout)
    assert "coach reanalyze" in before, before

    result = _run(settings, "reanalyze", "--json")
    assert result.exit_code == 1  # one failed: a script sees it without reading the JSON
    again = json.loads(result.stdout)
    assert [f["what"] for f in again["failed"]] == ["recording"] and again["new_attempts"] == []
    [after] = not_analysed(_run(settings, "history").stdout)
    assert "silent" in after and "record again" in after and "reanalyze" not in after, after


def test_history_columns_line_up_beside_an_own_question(settings, monkeypatch):
    """An own question's id (`user-what-would-you-tell-a-new-1`) is longer than any shipped id; the
    columns after it still line up with a shipped question's line."""
    from coach.banks import add_user_question

    if settings.database_url:  # the question is kept where its answers are, as for a user
        monkeypatch.setenv("COACH_DATABASE_URL", settings.database_url)
    else:
        monkeypatch.delenv("COACH_DATABASE_URL", raising=False)
    own = add_user_question(settings.data_dir, "What would you tell a new hire on their first day?")
    assert len(own.id) > 16, own.id
    store = open_store(settings)
    for question_id in ("beh-lead-01", own.id):
        save_attempt(
            store,
            question_id=question_id,
            question_text="A question?",
            recording=None,
            transcript=transcript_dict(),
            analysis=analysis_dict(wpm=150.0, fillers_per_100=3.0),
            engine="faster-whisper",
            model="tiny.en",
        )
    store.close()
    result = _run(settings, "history")
    assert result.exit_code == 0, result.stderr
    assert own.id in result.stdout.split(), result.stdout  # on a line of its own, whole
    lines = [line for line in result.stdout.splitlines() if "wpm" in line]
    assert len(lines) == 2, result.stdout
    for column in ("wpm", "fillers/100", "score"):
        assert len({line.index(column) for line in lines}) == 1, lines


def test_progress_names_a_bank_tag_as_the_pages_do(settings, monkeypatch):
    """A debrief's "learning from failure" is the bank's failure-learning: `coach progress` and the
    recommendation's reason say "failure and learning", as Progress does, not "failure learning"."""
    from coach.recommend import recommended
    from coach.store import add_debrief

    monkeypatch.delenv("COACH_DATABASE_URL", raising=False)
    store = open_store(settings)
    interview_id = add_interview(store, company="Acme", interview_date=time.strftime("%Y-%m-%d"))
    add_debrief(store, interview_id, skill_gaps="learning from failure", interest=3)
    store.close()
    result = _run(settings, "progress")
    assert result.exit_code == 0, result.stderr
    said = " ".join(result.stdout.split())  # its lines wrapped at words in 80 columns joined again
    # in the debrief's own words, which do not say the skill's
    assert (
        "Skill gaps from your debriefs: failure and learning (1×; you wrote “learning from failure”)." in said
    ), said
    from coach import banks

    reason = recommended(banks.load_questions(settings.data_dir), [], ["failure-learning"]).reason
    assert reason == "From your debriefs: failure and learning.", reason


def _empty_backup(path):
    """A backup with nothing in it, as `coach export` wrote one on an empty store before it
    refused to (people may still hold such a file)."""
    import zipfile

    from coach.store.migrations import latest_migration
    from coach.store.schema import TABLES_IN_ORDER
    from coach.store.transfer import FORMAT, FORMAT_VERSION, MANIFEST

    manifest = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "schema": latest_migration(),
        "exported_at": "2026-11-01T09:00:00+00:00",
        "tables": {table.name: [] for table in TABLES_IN_ORDER},
    }
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(MANIFEST, json.dumps(manifest))
    return path


def test_an_export_with_nothing_to_export_writes_no_file_and_says_what_to_do(tmp_path, backend):
    """A new user's `coach export` said "Exported nothing to PATH." and wrote an empty zip: now
    one sentence says there is nothing yet and what to do, it fails (a script must not take the
    path for a backup), and a backup already at that path is left as it was."""
    empty = make_settings(tmp_path, backend, "empty")
    out = tmp_path / "backup.zip"
    for args in (["export", str(out)], ["export", str(out), "--json"]):
        result = _run(empty, *args)
        assert result.exit_code == 1, result.stdout
        assert result.stderr.strip() == (
            "error: Nothing to export yet, so no file was written: save a practice answer "
            "(coach analyze AUDIO --save) or log an interview (coach add-interview) first."
        ), result.stderr
        assert result.stdout == "" and not out.exists()
    out.write_bytes(b"last week's backup")
    assert _run(empty, "export", str(out)).exit_code == 1
    assert out.read_bytes() == b"last week's backup"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".export-")] == []


def test_an_import_counts_every_part_it_adds_and_an_empty_backup_says_so(filled, tmp_path, backend):
    """A person met and a goal added since the last backup: importing the new backup says it added
    them (it said "Nothing new to import: everything in this backup is already here" though rows
    were added). An empty backup says it is empty, not "…already here (nothing)"."""
    from coach.store import add_goal, add_person, list_interviews

    target = make_settings(tmp_path, backend, "restored")
    assert _run(filled, "export", str(tmp_path / "first.zip")).exit_code == 0
    assert _run(target, "import", str(tmp_path / "first.zip")).exit_code == 0

    store = open_store(filled)
    [interview] = list_interviews(store)
    add_person(store, interview["id"], name="Dana Lee", title="Engineering manager")
    add_goal(store, kind="wpm", target=140)
    store.close()
    assert _run(filled, "export", str(tmp_path / "second.zip")).exit_code == 0
    result = _run(target, "import", str(tmp_path / "second.zip"))
    assert result.exit_code == 0, result.stderr
    assert result.stdout.strip() == (
        "Imported 1 person met and 1 goal. Already here, so not added twice: "
        "2 practice answers, 1 interview and 2 recordings."
    ), result.stdout

    result = _run(target, "import", str(_empty_backup(tmp_path / "empty.zip")))
    assert result.exit_code == 0, result.stderr
    assert result.stdout.strip() == "Nothing to import: this backup is empty.", result.stdout


def test_history_of_a_question_shows_real_answers_measured_as_practice_ones(settings, monkeypatch):
    """`coach history --question ID` gave a real answer's pace alone, beside practice answers with
    their fillers and score."""
    from store_support import save_real_answers

    monkeypatch.delenv("COACH_DATABASE_URL", raising=False)
    store = open_store(settings)
    interview = add_interview(store, company="Acme", interview_date="2026-11-20")
    analysis = analysis_dict(wpm=163.0, fillers_per_100=2.5, overall=89.0)
    save_real_answers(
        store, interview, [{"question_id": "mot-05", "question_text": "Why us?", "analysis": analysis}]
    )
    # practised before the interview and after it: the real answer came after both, oldest first,
    # in columns of its own; now it is between them, newest first, in the practice answers' columns
    for day, wpm in (("2026-11-18", 181.0), ("2026-11-25", 150.0)):
        save_attempt(store, question_id="mot-05", question_text="Why us?", recording=None,
                     transcript=transcript_dict(), analysis=analysis_dict(wpm=wpm, fillers_per_100=1.0),
                     engine="faster-whisper", model="tiny.en",
                     created_at=f"{day}T12:00:00+00:00")  # fmt: skip
    store.close()
    shown = _run(settings, "history", "--question", "mot-05")
    assert shown.exit_code == 0, shown.output
    lines, said = shown.stdout.splitlines()[:-1], shown.stdout.splitlines()[-1]
    assert [line.split()[1] for line in lines] == ["2026-11-25", "2026-11-20", "2026-11-18"], lines
    assert said == "2 practice answers.", shown.stdout
    real = "real   2026-11-20        mot-05 163 wpm   2.5 fillers/100  score 89  Acme"
    assert lines[1] == real, lines
    assert len({line.index("fillers/100") for line in lines}) == 1, lines


def test_history_of_a_question_cut_to_the_newest_keeps_its_real_answers_to_that_time(settings, monkeypatch):
    """A year on one question, `coach history --question ID --limit 2`: the newest 2 practice
    answers, then a real interview from months before them as if nothing came between (the 3
    practice answers in between left out unsaid), and the line under it said `coach history
    --limit 5` lists them all, which lists 5 answers to any question."""
    from store_support import save_real_answers

    monkeypatch.delenv("COACH_DATABASE_URL", raising=False)
    store = open_store(settings)
    for day, company in (("2026-02-10", "Initech"), ("2026-11-20", "Acme")):
        interview = add_interview(store, company=company, interview_date=day)
        answer = {"question_id": "mot-05", "question_text": "Why us?", "analysis": analysis_dict()}
        save_real_answers(store, interview, [answer])
    for day in ("2026-03-01", "2026-05-01", "2026-09-01", "2026-11-18", "2026-11-25"):
        save_attempt(store, question_id="mot-05", question_text="Why us?", recording=None,
                     transcript=transcript_dict(), analysis=analysis_dict(), engine="faster-whisper",
                     model="tiny.en", created_at=f"{day}T12:00:00+00:00")  # fmt: skip
    store.close()
    shown = _run(settings, "history", "--question", "mot-05", "--limit", "2")
    assert shown.exit_code == 0, shown.output
    rows, said = shown.stdout.splitlines()[:3], "\n".join(shown.stdout.splitlines()[3:])
    assert [line.split()[1] for line in rows] == ["2026-11-25", "2026-11-20", "2026-11-18"], shown.stdout
    assert unwrapped(said) == (  # under the rows, wrapped at words in 80 columns, the command whole
        "The newest 2 of 5 practice answers and the real answer given since (2 in all); "
        "`coach history --question mot-05 --limit 5` lists them all."
    )
    assert "`coach history --question mot-05 --limit 5`" in said, said
    every = _run(settings, "history", "--question", "mot-05", "--limit", "5").stdout.splitlines()
    assert [line.split()[1] for line in every[:-1]][-2:] == ["2026-03-01", "2026-02-10"], every
    assert every[-1] == "5 practice answers."


def test_an_export_counts_the_recordings_it_holds_and_a_delete_says_what_went(filled, tmp_path, backend):
    """A recording moved out of the data directory by hand: `coach export` warned it was missing and
    then said "Exported … 2 recordings" with 1 in the zip; `coach delete-answer` said "with its
    recording" for the answer whose file was gone."""
    history = json.loads(_run(filled, "history", "--json").stdout)["attempts"]
    gone, kept = history
    (filled.data_dir / gone["recording_path"]).unlink()
    out = tmp_path / "backup.zip"
    result = _run(filled, "export", str(out))
    assert result.exit_code == 0, result.stderr
    assert f"Exported 2 practice answers, 1 interview and 1 recording to {out}." in result.stdout
    assert result.stderr.startswith("warning: 1 recording is missing from the data folder"), result.stderr
    assert f"\n  {gone['recording_path']}\n" in result.stderr
    assert len([n for n in zipfile.ZipFile(out).namelist() if n.startswith("recordings/")]) == 1

    result = _run(filled, "delete-answer", str(gone["id"]), "--yes")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.strip().endswith("; its recording was already missing from the data directory.")
    assert "with its recording" not in result.stdout
    result = _run(filled, "delete-answer", str(kept["id"]), "--yes")
    assert result.stdout.strip().endswith("with its recording."), result.stdout
    assert not (filled.data_dir / kept["recording_path"]).exists()


def test_export_and_import_say_what_moved_in_words_and_never_count_earlier_analyses(
    filled, tmp_path, backend
):
    """ "Exported … and 4 other items": the 4 were 3 answers from a real interview and its
    transcript, and after `coach reanalyze` the same data said "… other items" counting the
    earlier analyses kept."""
    from store_support import save_real_answers

    from coach.store import list_interviews

    store = open_store(filled)
    [interview] = list_interviews(store)
    save_real_answers(
        store,
        interview["id"],
        [
            {"question_id": f"beh-{n}", "question_text": f"Question {n}?", "analysis": analysis_dict()}
            for n in (1, 2, 3)
        ],
    )
    store.close()
    moved = (
        "2 practice answers, 1 interview, 1 interview transcript, 3 answers from real interviews "
        "and 2 recordings"
    )
    result = _run(filled, "export", str(tmp_path / "first.zip"))
    assert result.stdout.strip() == f"Exported {moved} to {tmp_path / 'first.zip'}.", result.stdout
    target = make_settings(tmp_path, backend, "restored")
    result = _run(target, "import", str(tmp_path / "first.zip"))
    assert result.stdout.strip() == f"Imported {moved}.", result.stdout

    assert _run(filled, "reanalyze").exit_code == 0  # keeps each answer's earlier analysis
    result = _run(filled, "export", str(tmp_path / "second.zip"))
    assert result.stdout.strip() == f"Exported {moved} to {tmp_path / 'second.zip'}.", result.stdout
    result = _run(target, "import", str(tmp_path / "second.zip"))
    assert result.stdout.strip() == (
        "Imported the earlier analyses of answers already here, kept when they were analysed again. "
        f"Already here, so not added twice: {moved}."
    ), result.stdout


def test_importing_a_newer_backup_takes_the_records_changed_later_and_keeps_the_newer_ones_here(
    filled, tmp_path, backend
):
    """A debrief and two interviews' notes edited on the old laptop after the first move: importing
    the newer backup said the records differed and kept the older versions here (rows recorded no
    time of their last change). The backup's, changed later, now replace them; an older backup, or
    one changed before the last change here, leaves the ones here and says so."""
    from coach.store import add_debrief, list_interviews, update_debrief, update_interview

    store = open_store(filled)
    first = list_interviews(store)[0]["id"]
    second = add_interview(store, company="Initech", interview_date="2025-03-08", notes="phone screen")
    debrief = add_debrief(store, first, went_well="the system design part", interest=3)
    store.close()
    target = make_settings(tmp_path, backend, "new-laptop")
    assert _run(filled, "export", str(tmp_path / "first.zip")).exit_code == 0
    assert _run(target, "import", str(tmp_path / "first.zip")).exit_code == 0

    store = open_store(filled)
    update_interview(store, first, notes="they called back on Monday")
    update_interview(store, second, notes="phone screen, then a take-home")
    update_debrief(store, debrief, interest=4)
    store.close()
    assert _run(filled, "export", str(tmp_path / "second.zip")).exit_code == 0
    result = _run(target, "import", str(tmp_path / "second.zip"))
    assert result.exit_code == 0, result.stderr
    assert result.stdout.strip().endswith(
        ". 2 interviews and 1 debrief in the backup were changed later than the ones here and replaced them."
    ), result.stdout
    store = open_store(target)
    notes = ["phone screen, then a take-home", "they called back on Monday"]
    assert sorted(i["notes"] for i in list_interviews(store)) == notes
    assert [d["interest"] for d in list_debriefs(store)] == [4]
    [here] = list_debriefs(store)
    update_debrief(store, here["id"], interest=5)  # changed here after the laptop's change
    store.close()

    for older in ("first.zip", "second.zip"):
        again = _run(target, "import", str(tmp_path / older))
        assert again.stdout.strip().endswith(
            " in the backup are older copies of the ones here: the ones here, changed later, were kept."
            if older == "first.zip"
            else " 1 debrief in the backup is an older copy of the one here: the one here, changed later,"
            " was kept."
        ), again.stdout
    store = open_store(target)
    assert sorted(i["notes"] for i in list_interviews(store)) == notes
    assert [d["interest"] for d in list_debriefs(store)] == [5]
    store.close()


BANK = """[defaults]
category = "behavioural"
roles = ["any"]
difficulty = "medium"
format = "star"
target_s = 120

[[question]]
id = "{id}"
text = "Tell me about a time you changed a team's mind about a design."
competencies = ["leadership", "influence"]
talking_points = ["what they believed", "what evidence you brought", "result"]
follow_ups = ["Who disagreed most?"]
"""


def test_a_backup_brings_back_your_own_question_banks_and_never_over_one_here(filled, tmp_path):
    """A question bank of your own (question_banks/ in the data directory) was not in a backup: on a
    new laptop its questions were gone from practice and `coach questions`. One here of the same
    name stays as it is, and one the banks here would refuse (a question id used twice stops every
    question loading) is left out, said so."""
    own = filled.data_dir / "question_banks"
    own.mkdir()
    (own / "mine.toml").write_text(BANK.format(id="mine-01"))
    backup = tmp_path / "backup.zip"
    assert "1 question bank file" in _run(filled, "export", str(backup)).stdout

    def ids(settings):
        shown = _run(settings, "questions", "--json")
        assert shown.exit_code == 0, shown.output
        return {q["id"] for q in json.loads(shown.stdout)}

    fresh = make_settings(tmp_path, "sqlite", "new-laptop")
    result = _run(fresh, "import", str(backup))
    said = "Imported 2 practice answers, 1 interview, 2 recordings and 1 question bank file."
    assert result.stdout.strip() == said, result.stdout
    assert "mine-01" in ids(fresh)
    restored = fresh.data_dir / "question_banks" / "mine.toml"
    assert restored.read_text() == (own / "mine.toml").read_text()
    assert oct(restored.stat().st_mode & 0o777) == "0o600"
    assert oct(restored.parent.stat().st_mode & 0o777) == "0o700"

    elsewhere = make_settings(tmp_path, "sqlite", "elsewhere")
    banks_there = elsewhere.data_dir / "question_banks"
    banks_there.mkdir(parents=True)
    (banks_there / "mine.toml").write_text(BANK.format(id="theirs-01"))
    result = _run(elsewhere, "import", str(backup))
    assert result.stdout.strip().endswith(
        "1 question bank file in the backup differs from the one here; the one here was kept."
    ), result.stdout
    assert "theirs-01" in ids(elsewhere) and "mine-01" not in ids(elsewhere)

    (banks_there / "mine.toml").rename(banks_there / "other.toml")
    (banks_there / "other.toml").write_text(BANK.format(id="mine-01"))
    result = _run(elsewhere, "import", str(backup))
    assert result.stdout.strip().endswith(
        "The question bank mine.toml in the backup was not brought in: the coach would refuse it."
    ), result.stdout
    assert sorted(p.name for p in banks_there.iterdir()) == ["other.toml"]
    assert "mine-01" in ids(elsewhere)  # the questions still load


def test_history_rows_fit_an_80_column_terminal_beside_an_own_question(tmp_path):
    """An answer to a question of your own made every `coach history` row 95 columns wide (its id,
    user-what-kind-of-manager-brings-1, widened the id column of all of them): an 80-column
    terminal wrapped each row mid-figure. Every line now fits; the long id has a line of its own,
    its figures on the next, in the same columns as the others' and still whole to copy."""
    from cli_support import run_coach

    from coach.banks import add_user_question
    from coach.config import load_settings

    settings = load_settings(tmp_path)
    own = add_user_question(tmp_path, "What kind of manager brings out your best work?")
    assert len(own.id) > 30, own.id
    store = open_store(settings)
    for question_id, wpm in (("beh-lead-01", 150.0), (own.id, 162.0), ("beh-lead-01", 141.0)):
        save_attempt(
            store,
            question_id=question_id,
            question_text="A question?",
            recording=None,
            transcript=transcript_dict(),
            analysis=analysis_dict(wpm=wpm, fillers_per_100=3.0),
            engine="faster-whisper",
            model="tiny.en",
        )
    store.close()
    listed = run_coach("history", data_dir=tmp_path)
    assert listed.returncode == 0, listed.stderr
    lines = listed.stdout.splitlines()
    assert max(len(line) for line in lines) <= 80, listed.stdout
    assert own.id in listed.stdout.split(), listed.stdout
    figures = [line for line in lines if "wpm" in line]
    assert [line.split()[-6] for line in figures] == ["141", "162", "150"], listed.stdout
    for column in ("wpm", "fillers/100", "score"):
        assert len({line.index(column) for line in figures}) == 1, lines


def test_history_rows_with_a_follow_ups_words_or_an_interview_fit_80_columns(settings, monkeypatch):
    """A mock interview's follow-up with no bank id ended its `coach history` row with its words
    (204 columns for a long one), and `coach history --question ID` ended a real answer's row with
    "real interview: Company stage" (190 columns for a long company and stage): an 80-column terminal
    wrapped them mid-word. Every line now fits: what ends the row goes on a line of its own under
    the id column when the row has no room for it, cut at a word with "…" when still too long; the
    figures stay in their columns; a short company still ends its row."""
    from store_support import save_real_answers

    from coach.store.mock_sessions import save_mock_session

    monkeypatch.delenv("COACH_DATABASE_URL", raising=False)
    asked = (
        "And when the launch slipped a second time, how did you explain the new date to the customers "
        "who had planned around it?"
    )
    company = "Consolidated Interstellar Logistics Holdings International"
    store = open_store(settings)
    answers = [
        save_attempt(store, question_id=question_id, question_text=text, recording=None,
                     transcript=transcript_dict(), analysis=analysis_dict(wpm=wpm, fillers_per_100=12.5),
                     engine="faster-whisper", model="tiny.en")
        for question_id, text, wpm in (("mot-05", "Tell me about yourself.", 150.0), (None, asked, 162.0))
    ]  # fmt: skip
    save_mock_session(store, format="behavioural", planned_s=600, used_s=120.0, score_overall=70.0,
                      summary={}, turns=[
                          {"kind": kind, "question_id": question_id, "question_text": text, "why": None,
                           "attempt_id": attempt, "score_overall": 70.0, "duration_s": 60.0}
                          for kind, question_id, text, attempt in (
                              ("question", "mot-05", "Tell me about yourself.", answers[0]),
                              ("follow_up", None, asked, answers[1]),
                          )
                      ])  # fmt: skip
    for day, name, stage in (("2026-11-20", company, "final round with the leadership team"),
                             ("2026-11-10", "Acme", "")):  # fmt: skip
        interview = add_interview(store, company=name, interview_date=day, stage=stage)
        save_real_answers(store, interview, [
            {"question_id": "mot-05", "question_text": "Tell me about yourself.", "analysis": analysis_dict()}
        ])  # fmt: skip
    store.close()

    listed = _run(settings, "history")
    assert listed.exit_code == 0, listed.output
    lines = listed.stdout.splitlines()
    assert max(len(line) for line in lines) <= 80, [len(line) for line in lines]
    [row] = [i for i, line in enumerate(lines) if "162 wpm" in line]
    assert lines[row].rstrip().endswith("score 70"), lines
    words = lines[row + 1]
    [mot] = [line for line in lines if " mot-05 " in line]
    assert words.startswith(" " * mot.index("mot-05") + "“And when the launch slipped"), words
    assert words.endswith("…”") and asked.startswith(words.strip()[1:-2]), words  # at a word
    assert len({line.index("fillers/100") for line in lines if "wpm" in line}) == 1, lines
    # the interviews listed under the answers, their company and stage cut likewise
    [held] = [line for line in lines if line.startswith("2026-11-20")]
    assert held == "2026-11-20  Consolidated… · final round with the leadership… · 1 answer analysed", held

    shown = _run(settings, "history", "--question", "mot-05")
    assert shown.exit_code == 0, shown.output
    lines = shown.stdout.splitlines()
    assert max(len(line) for line in lines) <= 80, [len(line) for line in lines]
    [long, short] = [i for i, line in enumerate(lines) if line.startswith("real")]
    # the company keeps half the room at least, the stage the rest: two stages there still differ
    assert lines[long + 1].strip() == "Consolidated… · final round with the leadership…", lines
    assert lines[long + 1].index("C") == lines[long].index("mot-05"), lines
    assert lines[short].endswith("score 70  Acme"), lines
    assert len({line.index("fillers/100") for line in lines if "wpm" in line}) == 1, lines


def test_progress_json_gives_each_answer_of_a_trend_one_line(filled):
    """A year in (460 answers), `coach progress --json` printed 1.6 MB: each answer of each of its
    eleven trends was spread over eight indented lines. Each is one line now, and the JSON the same."""
    from coach.progress import progress_report

    result = _run(filled, "progress", "--json")
    assert result.exit_code == 0, result.stderr
    report = json.loads(result.stdout)
    lines = [line.strip().removesuffix(",") for line in result.stdout.splitlines()]
    for measure, series in report["trends"].items():
        for point in series["practice"]:
            assert json.dumps(point, ensure_ascii=False) in lines, (measure, point)
    store = open_store(filled)
    try:
        assert report == json.loads(json.dumps(progress_report(store, filled)))
    finally:
        store.close()
