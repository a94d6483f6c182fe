"""`coach mock --answers` with a folder too short for the interview asked: said before a question
is spoken when it cannot finish, and a failure (exit 1) naming what was kept when it runs out. No
Whisper run: the folder holds too few recordings, or none that can be used."""

from __future__ import annotations

import shutil
from pathlib import Path

from cli_support import run_coach, unwrapped

from coach.mock.report import NOTHING_ANSWERED, NOTHING_ANSWERED_RAN_OUT

NOT_AUDIO = Path(__file__).parent / "data" / "not_audio.wav"


def folder_of(tmp_path: Path, *names: str) -> Path:
    folder = tmp_path / "takes"
    folder.mkdir()
    for name in names:
        shutil.copy(NOT_AUDIO, folder / name)
    return folder


def test_a_folder_too_short_for_the_questions_is_refused_before_a_question_is_spoken(tmp_path):
    """Two takes for three questions: the interview started, spoke its questions and ended early."""
    takes = folder_of(tmp_path, "01.wav", "02.wav")
    result = run_coach("mock", "--questions", "3", "--answers", takes, data_dir=tmp_path / "data")
    assert result.returncode == 1 and result.stdout == "", result.stdout
    assert result.stderr.strip() == (
        f"error: {takes} has 2 recordings, and a mock interview of 3 questions takes 3 to 6 (one for "
        "each question and one for each follow-up the interviewer asks); add recordings or ask fewer "
        "questions."
    ), result.stderr
    assert not (tmp_path / "data" / "mock").exists()  # no question was spoken


def test_running_out_of_recordings_fails_and_says_what_was_kept(tmp_path):
    """`coach mock --questions 2 --answers takes/` ended early ("takes has no recording left for
    turn 3") and exited 0, as if it had done what was asked. The report does not say the user ended
    it: "You ended the interview before answering a question" read above "error: … had no recording
    left for question 1"."""
    takes = folder_of(tmp_path, "01.wav", "02.wav")  # enough to start, none can be used
    result = run_coach("mock", "--questions", "2", "--answers", takes, data_dir=tmp_path / "data")
    assert result.returncode == 1, result.stderr
    assert result.stdout.strip() == NOTHING_ANSWERED_RAN_OUT != NOTHING_ANSWERED
    assert not result.stdout.startswith("You ended")
    said = result.stderr.strip().splitlines()
    # before the first question: how many it takes, and that it may run short (wrapped at words)
    warned = result.stderr.split("\nQuestion: ")[0]
    assert unwrapped(warned) == (
        "warning: A mock interview of 2 questions takes 2 to 4 recordings (one for each question and one "
        f"for each follow-up the interviewer asks); {takes} has 2, so it ends early if the interviewer "
        "follows up any answer."
    ), warned
    assert said[-1] == (
        f"error: {takes} had no recording left for question 1, so the mock interview ended there and "
        "nothing was kept; a mock interview of 2 questions takes up to 4 recordings (one for each "
        "question and one for each follow-up the interviewer asks)."
    ), said


def test_a_folder_of_skips_skips_every_question_as_the_page_does(tmp_path):
    """`coach mock --answers` had no way to skip a turn (Enter at the microphone, the page's "Skip
    this question"): a folder of skips and the answers' transcripts was "no audio files". A file
    named `NN-skip` or `NN-skip.txt` skips its turn; every question skipped stores nothing, as on
    the page (tests/test_mock_session.py's test_every_question_skipped_saves_no_session_and_says_so)."""
    from coach.mock.report import EVERY_QUESTION_SKIPPED, SKIPPED_QUESTION

    takes = tmp_path / "takes"
    takes.mkdir()
    for name in ("01-skip", "01-opener.txt", "02-SKIP.txt", "02-story.txt"):
        (takes / name).write_text("I'd rather come back to that.\n")
    result = run_coach("mock", "--questions", "2", "--answers", takes, data_dir=tmp_path / "data")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == EVERY_QUESTION_SKIPPED
    said = result.stderr.splitlines()
    assert said.count(SKIPPED_QUESTION) == 2 and sum(line.startswith("Question: ") for line in said) == 2
    assert not (tmp_path / "data" / "mock").exists() or not any((tmp_path / "data" / "mock").rglob("*.wav"))


def test_skips_count_as_turns_of_the_folder_and_are_said_so(tmp_path):
    """A skip takes a turn's place: one recording and a skip for three questions is too few, said."""
    takes = folder_of(tmp_path, "01.wav")
    (takes / "02-skip").write_text("")
    (takes / "notes.txt").write_text("not a turn")
    result = run_coach("mock", "--questions", "3", "--answers", takes, data_dir=tmp_path / "data")
    assert result.returncode == 1 and result.stdout == "", result.stdout
    assert unwrapped(result.stderr.strip()) == (
        f"error: {takes} has 1 recording and 1 skip, and a mock interview of 3 questions takes 3 to 6 (one "
        "for each question and one for each follow-up the interviewer asks); add recordings or ask fewer "
        "questions."
    ), result.stderr


def test_an_unknown_format_is_said_as_an_unknown_category_is(tmp_path):
    """`coach mock --format panel` said "A mock interview is one of recruiter, behavioural, role, not
    'panel'.", where `coach questions --category foo` says "Unknown category 'foo'; use one of: …"."""
    result = run_coach("mock", "--format", "panel", data_dir=tmp_path / "data")
    assert result.returncode == 1 and result.stdout == "", result.stdout
    assert result.stderr.strip() == "error: Unknown format 'panel'; use one of: recruiter, behavioural, role."
    category = run_coach("questions", "--category", "foo", data_dir=tmp_path / "data")
    assert category.stderr.strip().startswith("error: Unknown category 'foo'; use one of: ")
