"""`coach mock --answers` runs a whole mock interview on espeak-ng answer clips
(scripts/make_mock_answers.sh), with the real Whisper model, spaCy and SQLite."""

from __future__ import annotations

import json
import re
import shutil
import stat
import subprocess
from pathlib import Path

import pytest
from cli_support import report_items, run_coach, skipped_as_the_page_skips, unwrapped

from coach.audio import load_audio
from coach.config import load_settings
from coach.mock.follow_up import OUTCOME
from coach.mock.report import (
    FOLLOW_UP_NOT_ANSWERED,
    NO_STORY_ASKED,
    NOTHING_ANSWERED_RAN_OUT,
    QUESTION_NOT_ANSWERED,
)
from coach.store import list_attempts, open_store
from coach.store.mock_sessions import list_mock_sessions
from coach.transcribe import transcribe_audio

pytestmark = pytest.mark.slow
ANSWERS = Path(__file__).parent / "data" / "mock"


def coach(*args, data_dir: Path) -> subprocess.CompletedProcess:
    """`coach ARGS` in this process (tests/cli_support.py): Whisper and spaCy load once for the
    file, not once per command (three new interpreters took about 45 s of model loading)."""
    return run_coach(*args, data_dir=data_dir)


def said_on_stderr(stderr: str, head: str) -> list[str]:
    """Each line of `coach mock`'s stderr that starts with `head` ("warning: ", "Question: "), with
    the lines it wrapped onto under a two-space indent."""
    said: list[str] = []
    going_on = False  # the line before was one of them, or a line it wrapped onto
    for line in stderr.splitlines():
        if line.startswith(head):
            said.append(line)
        elif going_on and line.startswith("  "):
            said[-1] += "\n" + line
            continue
        going_on = line.startswith(head)
    return said


@pytest.fixture(scope="module")
def session(tmp_path_factory):
    data_dir = tmp_path_factory.mktemp("mock-data")
    result = coach("mock", "--questions", "2", "--answers", ANSWERS, "--json", data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    return data_dir, json.loads(result.stdout)


def test_each_answer_is_taken_in_order_and_followed_up(session):
    _, data = session
    turns = data["turns"]
    assert [t["kind"] for t in turns] == ["question", "follow_up", "question", "follow_up"]
    assert turns[0]["text"] == "Tell me about yourself."
    assert "customer support" in turns[0]["answer"]["transcript"].lower()
    assert "billing service" in turns[2]["answer"]["transcript"].lower()
    # the story told no result, so the interviewer asked for one, and said why
    assert turns[2]["answer"]["metrics"]["star"]["result"]["words"] == 0
    assert turns[3]["text"] == OUTCOME and "how it turned out" in turns[3]["why"]
    assert turns[3]["question_id"] == turns[2]["question_id"]
    assert (
        "sixty percent" in turns[3]["answer"]["transcript"].lower()
        or "60%" in turns[3]["answer"]["transcript"]
    )


def test_every_spoken_question_is_a_private_wav_whisper_can_understand(session):
    data_dir, data = session
    settings = load_settings(data_dir=data_dir)
    for turn in data["turns"]:
        audio = Path(turn["audio"])
        assert audio.read_bytes()[:4] == b"RIFF" and stat.S_IMODE(audio.stat().st_mode) == 0o600
        assert audio.parent.parent == data_dir / "mock"
    heard = transcribe_audio(load_audio(Path(data["turns"][3]["audio"]), settings), settings).text.lower()
    # The voice is sampled anew each time it speaks (Piper's noise), so Whisper's words vary a little
    # from run to run: "What was the outcome and how did you measure it?" 12 times out of 12 here, and
    # once in a clean-clone run "what was the out, um, how did you measure it?". Most words, not all.
    asked = re.findall(r"[a-z]+", data["turns"][3]["text"].lower())
    said = set(re.findall(r"[a-z]+", heard))
    assert sum(w in said for w in asked) >= 0.7 * len(asked) and "measure" in said, heard


def test_the_report_names_the_gaps_the_time_and_each_follow_up(session):
    _, data = session
    summary = data["summary"]
    assert {p["gap"] for p in summary["patterns"]} >= {"no_result", "we_only"}
    assert summary["planned_s"] == 10 * 60 and 40 < summary["used_s"] < 120  # 2 of a 30-minute round's 6
    assert summary["time"].startswith(f"{int(summary['used_s'] // 60)}:")
    [opener, story] = summary["questions"]
    assert opener["follow_up"]["rule"] == "bank" and story["follow_up"]["rule"] == "no_result"
    assert story["scores"]["overall"] is not None and story["follow_up"]["scores"]["overall"] is not None
    assert summary["change"] is None  # the first mock interview has nothing to compare with


def test_the_session_and_its_answers_are_stored(session):
    data_dir, data = session
    db = open_store(load_settings(data_dir=data_dir))
    try:
        [stored] = list_mock_sessions(db, with_turns=True)
        attempts = list_attempts(db, newest_first=False)
    finally:
        db.close()
    assert stored["id"] == data["session_id"] and stored["format"] == "behavioural"
    assert [t["kind"] for t in stored["turns"]] == ["question", "follow_up", "question", "follow_up"]
    assert stored["turns"][3]["why"] == data["turns"][3]["why"]
    assert [t["attempt_id"] for t in stored["turns"]] == [a["id"] for a in attempts]  # each answer kept


def test_a_second_session_reports_the_change_and_stops_when_the_answers_run_out(session, tmp_path):
    data_dir, _ = session
    one = tmp_path / "answers"
    one.mkdir()
    for clip in ("01-opener.wav", "02-follow-up.wav", "03-story.wav"):  # none for the story's follow-up
        shutil.copy(ANSWERS / clip, one / clip)
    # first a file that is not audio: it stopped the whole mock interview (no report, nothing
    # stored), and the error named the coach's copy ("mock-01.wav"), not the user's file (a test of
    # its own, test_a_recording_that_cannot_be_used_is_said_and_the_next_one_answers, ran a mock
    # interview of 2 answers for it on a fresh data folder)
    shutil.copy(Path(__file__).parent / "data" / "not_audio.wav", one / "00-notes.wav")
    result = coach("mock", "--questions", "2", "--answers", one, "--json", data_dir=data_dir)
    assert result.returncode == 1, result.stderr  # it did not do what was asked, though its report is printed
    warned = said_on_stderr(result.stderr, "warning: ")
    assert warned[0].startswith("warning: 00-notes.wav is not audio") and unwrapped(warned[0]).endswith(
        "The next recording answers this turn."
    ), warned
    # wrapped at words in 80 columns under "warning: " (it ran 164 columns)
    assert not [line for line in "\n".join(warned).splitlines() if len(line) > 80], warned
    data = json.loads(result.stdout)
    assert data["turns"][0]["answer"] is not None  # the next recording answered the first turn
    db = open_store(load_settings(data_dir=data_dir))
    try:  # the session is kept with what was answered
        assert data["session_id"] in [m["id"] for m in list_mock_sessions(db)]
    finally:
        db.close()
    assert result.stderr.strip().splitlines()[-1] == (  # why a folder of 3 usable runs out in a mock of 2
        f"error: {one} had no recording left for the follow-up to question 2, so the mock interview ended "
        "there and the 3 answers given are kept, with the report; a mock interview of 2 questions takes up "
        "to 4 recordings (one for each question and one for each follow-up the interviewer asks)."
    ), result.stderr
    assert [t["kind"] for t in data["turns"]] == ["question", "follow_up", "question", "follow_up"]
    assert data["turns"][3]["answer"] is None and data["summary"]["ended_early"]
    assert data["summary"]["change"].startswith("Since your last mock interview")
    assert "overall score " in data["summary"]["change"]
    # one story each time: the report says that is too few to tell whether a gap repeats, so the
    # change line compares no gap (it read "answers with no result 1 of 1 → 1 of 1; …" right after)
    assert "1 of 1" not in data["summary"]["change"], data["summary"]["change"]
    # as text, the session's score and its early end are said (they were in the JSON only); this
    # one prepares for an interview whose job description is kept, and its report names the key
    # terms: it had no word on them, though each answer was checked for them, as on Practice (that
    # was a test of its own, test_the_text_report_names_the_job_descriptions_key_terms, running a
    # whole mock interview of 4 answers for it)
    posting = tmp_path / "posting.txt"
    posting.write_text(
        "Senior backend engineer. You will own our checkout service, lead incident response, "
        "improve database performance, and mentor engineers on reliability and observability."
    )
    added = coach(
        "add-interview", "Acme", "--date", "2030-01-10", "--job-description", posting, data_dir=data_dir
    )
    assert added.returncode == 0, added.stderr
    shown = coach("mock", "--questions", "2", "--interview", "1", "--answers", one, data_dir=data_dir)
    assert shown.returncode == 1, shown.stderr
    assert re.search(r"\nYou used \d+ of the job description's \d+ key terms", shown.stdout), shown.stdout
    # the mean of the 2 questions' scores, whole, as the page shows it (it read "78.5/100 over 3 answers")
    assert re.search(r"\nOverall \d+/100 over 2 questions[.( ]", shown.stdout), shown.stdout
    # both questions answered, the story's follow-up waiting: said as the page says it (it read
    # "Ended early, after 2 questions.", the page "before the last question"), though not as ended by
    # the user: the folder ran out ("You ended the interview" read above "error: … no recording left")
    ended = "The interview ended before the last follow-up was answered; the answers you gave are saved."
    assert f". {ended} " in unwrapped(shown.stdout), shown.stdout  # a sentence of its own
    # the 15 s story's row says it ran short, as the page's report does (the text report said nothing)
    short = r"\n  The answer ran 1\d s, under the 60 s that leaves room for situation, actions and result"
    assert re.search(short, "\n".join(report_items(shown.stdout))), shown.stdout
    assert "\nOnly one answer told a story: too few to tell whether a gap repeats" in shown.stdout
    [change] = [
        line for line in unwrapped(shown.stdout).split(". ") if line.startswith("Since your last mock")
    ]
    assert " of 1 → " not in change and "no result" not in change, change  # on the text report too
    # the story's follow-up was asked and not answered: the report said nothing of it
    lines = report_items(shown.stdout)
    [opener_follow_up, asked] = [i for i, line in enumerate(lines) if line.startswith("  follow-up: ")]
    assert lines[asked].startswith(f"  follow-up: {OUTCOME} (") and "how it turned out" in lines[asked]
    assert lines[asked + 1] == f"  {FOLLOW_UP_NOT_ANSWERED}", shown.stdout
    assert FOLLOW_UP_NOT_ANSWERED not in lines[opener_follow_up + 1]  # that one was answered
    # and its answer's score is said, as the page's report gives "Follow-up scores" (it said nothing)
    assert re.fullmatch(r"  follow-up score \d+", lines[opener_follow_up + 1]), shown.stdout
    assert data["summary"]["questions"][1]["follow_up"]["answered"] is False
    # the JSON's count agrees with its list: the follow-up left waiting is counted, said not answered
    assert (data["summary"]["follow_ups_asked"], data["summary"]["follow_ups_not_answered"]) == (2, 1)


def test_a_folder_without_recordings_is_one_clear_sentence(tmp_path):
    result = coach("mock", "--answers", tmp_path, "--json", data_dir=tmp_path / "data")
    assert result.returncode == 1
    assert (
        result.stderr.strip() == f"error: {tmp_path} has no audio files; put one recording per answer in it."
    )


def test_a_session_with_no_answer_leaves_no_files(tmp_path):
    """Only files that were not audio: no answer and no session stored, yet the interviewer's first
    question stayed behind as a WAV in the data directory that nothing listed or deleted."""
    folder = tmp_path / "answers"
    folder.mkdir()
    for name in ("00-notes.wav", "01-notes.wav"):  # one a question: fewer is refused before it starts
        shutil.copy(Path(__file__).parent / "data" / "not_audio.wav", folder / name)
    result = coach("mock", "--questions", "2", "--answers", folder, data_dir=tmp_path / "data")
    assert result.returncode == 1 and result.stdout.strip() == NOTHING_ANSWERED_RAN_OUT, result.stdout
    kept = [p for p in (tmp_path / "data").rglob("*") if p.is_file()]
    assert [p for p in kept if not p.name.startswith("coach.db")] == []


def test_role_questions_for_any_role_are_refused_before_a_question_is_asked(tmp_path):
    """`coach mock --role any` ran "Role questions (45 min)" with no role question in it. It now asks
    a behavioural round (tests/test_cli_words.py); a round of role questions asked for is refused,
    naming the roles as Settings does."""
    result = coach(
        "mock",
        "--format",
        "role",
        "--role",
        "any",
        "--answers",
        ANSWERS,
        "--json",
        data_dir=tmp_path / "data",
    )
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr.strip() == (
        "error: A round of role questions needs a role: pick one of “Software engineering”, “Data”, "
        "“Product”, “Design”, “Engineering management” or “Sales and customer roles”, or choose the "
        "behavioural round."
    ), result.stderr


def test_a_mock_interview_with_no_answer_heard_says_so_as_the_page_does(tmp_path):
    """Two silent recordings: it printed "No answer could be measured, so the session has no
    score.", "Ended early, after 0 questions." and "0:00 used of the 30 minutes…", where the page
    says in one sentence that no mock interview was saved."""
    answers = tmp_path / "answers"
    answers.mkdir()
    for name in ("01.wav", "02.wav"):
        shutil.copy(Path(__file__).parent / "data" / "silence.wav", answers / name)
    result = coach("mock", "--questions", "2", "--answers", answers, data_dir=tmp_path / "data")
    assert result.returncode == 1, result.stderr  # the recordings ran out before the interview's end
    assert result.stdout.strip() == NOTHING_ANSWERED_RAN_OUT, result.stdout


def test_a_follow_up_reply_too_short_to_measure_says_why_in_the_text_report(tmp_path):
    """As the page's report says it: a reply of a few words to a follow-up gets no score and one line why."""
    import soundfile

    answers = tmp_path / "answers"
    answers.mkdir()
    shutil.copy(ANSWERS / "01-opener.wav", answers / "01.wav")
    samples = load_audio(ANSWERS / "02-follow-up.wav", load_settings(tmp_path)).samples
    soundfile.write(answers / "02.wav", samples[: int(2.5 * 16000)], 16000)  # "The thread is ownership."
    result = coach("mock", "--questions", "2", "--answers", answers, data_dir=tmp_path / "data")
    assert result.returncode == 1, result.stderr  # none left for the second question
    # the warning that the folder may run short, wrapped at words in 80 columns (it ran 190), the
    # folder's path whole on its line
    [warned] = said_on_stderr(result.stderr, "warning: ")
    assert unwrapped(warned).startswith("warning: A mock interview of 2 questions takes 2 to 4 recordings")
    # over 80 only a path longer than a line can be (pytest's folders run 85), alone on its line
    assert not [line for line in warned.splitlines() if len(line) > 80 and line != f"  {answers}"], warned
    assert any(f" {answers} " in f" {line} " for line in warned.splitlines()), warned
    lines = report_items(result.stdout)
    asked = next(i for i, line in enumerate(lines) if line.startswith("  follow-up: "))
    assert lines[asked - 2].startswith("Tell me about yourself.  score"), result.stdout  # the opener's
    assert lines[asked].endswith("(The usual follow-up to this question.)"), result.stdout
    assert re.fullmatch(r"  Only \d words? in \d s: too little to measure\.", lines[asked + 1]), result.stdout
    # question 2 was spoken and the folder had no answer for it: listed, said not answered as the
    # interview ended there (it was left out, the report reading as an interview of one question)
    assert lines[asked + 3] == f"  {QUESTION_NOT_ANSWERED}", lines
    assert not lines[asked + 2].startswith(" ") and "score" not in lines[asked + 2], lines
    # after the one answered, of the two, as the page says it (it read "Ended early, after 1 question.")
    # (not said as ended by the user: the folder ran out)
    ended = "The interview ended after 1 of 2 questions; the answers you gave are saved."
    assert f". {ended} " in unwrapped(result.stdout), result.stdout
    # and at once, as the interview goes on (the page says it over the next question): it said
    # nothing; and no "give the next answer in full" to recordings made before, the last of them
    assert re.search(
        r" Your answer to the follow-up was too short to measure \(\d words? in \d s\), so it is kept "
        r"but left out of the report's scores\. ",
        f" {unwrapped(result.stderr)} ",
    ), result.stderr
    # why these questions, and why no gap is named, as the page's report says them (it said neither)
    assert lines[0].startswith("No practice score or debrief points to a weak area yet, so these are common")
    # the opener and its follow-up asked for no story: none was left unmeasured
    assert NO_STORY_ASKED in unwrapped(result.stdout)


def test_the_text_report_fits_80_columns(session):
    """`coach mock` printed its report one sentence a line, up to 165 columns ("No practice score or
    debrief points to a weak area yet, …", each follow-up and why it was asked): an 80-column
    terminal cut them mid-word. Each line fits now, wrapped at words, and says the same."""
    data_dir, _ = session
    result = coach("mock", "--questions", "2", "--answers", ANSWERS, data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert [line for line in lines if len(line) > 80] == [], result.stdout
    # and what it says as the interview goes: "Question: … [/…/mock/…/01-question.wav]" ran 103 to
    # 164 columns; wrapped at words now, the path of the spoken question whole on its line
    # (over 80 only a path longer than a line, alone on its line: pytest's folders make it 98)
    spoken = re.compile(r"\[/\S+/mock/\S+/0\d-(question|follow-up)\.wav\]")
    wide = [line for line in result.stderr.splitlines() if len(line) > 80]
    assert [line for line in wide if not spoken.fullmatch(line.removeprefix("  "))] == [], result.stderr
    asked = said_on_stderr(result.stderr, "Question: ") + said_on_stderr(result.stderr, "Follow-up: ")
    assert len(asked) == 4, result.stderr
    for turn in asked:
        assert re.search(rf"(^| ){spoken.pattern}$", turn), turn
    assert unwrapped(asked[0]).startswith("Question: Tell me about yourself. ["), asked
    # a row's score stays whole: "score" ended a line and "66" stood alone under it
    assert not [line for line in lines if line.endswith(" score") or re.fullmatch(r" *[\d-]+", line)], lines
    items = report_items(result.stdout)
    [asked] = [line for line in items if line.startswith(f"  follow-up: {OUTCOME} (")]
    assert asked.endswith("(No sentence said how it turned out, so the interviewer asked.)"), items
    said = unwrapped(result.stdout)
    assert (
        "Only one answer told a story: too few to tell whether a gap repeats (no result, no number," in said
    )
    assert re.search(r"\d+:\d\d used of the 10 minutes 2 questions take in a behavioural round", said), said
    assert "Since your last mock interview (earlier today): overall score " in said, said


def test_skip_files_in_the_folder_skip_a_question_and_a_follow_up_as_the_page_does(tmp_path, capsys):
    """`coach mock --answers` had no way to skip a turn, while Enter at the microphone and the page's
    Skip buttons do. `01-skip` skips question 1, `03-skip.txt` the follow-up to question 2: the
    interview tests/test_mock_session.py skips through the same MockSession.skip, stored and
    reported as it is."""
    from coach.mock.report import SKIPPED_FOLLOW_UP, SKIPPED_QUESTION

    answers = tmp_path / "answers"
    answers.mkdir()
    (answers / "01-skip").write_text("")
    shutil.copy(ANSWERS / "01-opener.wav", answers / "02-story.wav")
    shutil.copy(ANSWERS / "01-opener.txt", answers / "02-story.txt")  # a transcript beside it: passed over
    (answers / "03-skip.txt").write_text("")
    data_dir = tmp_path / "data"
    result = coach("mock", "--questions", "2", "--answers", answers, "--json", data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    said = result.stderr.splitlines()
    assert said.count(SKIPPED_QUESTION) == 1 and said.count(SKIPPED_FOLLOW_UP) == 1, said
    skipped_as_the_page_skips(json.loads(result.stdout), data_dir, capsys)


def test_a_mock_interview_is_not_prepared_for_an_outcome(tmp_path):
    """`coach mock --interview 8` for Globex's "rejected" (an outcome logged as a stage) planned and
    asked its questions, where `coach prepare 8` refuses it and the Mock page offers only
    interviews."""
    data_dir = tmp_path / "data"
    added = coach("add-interview", "Globex", "--stage", "rejected", "--date", "2026-11-20", data_dir=data_dir)
    assert added.returncode == 0, added.stderr
    answers = tmp_path / "answers"
    answers.mkdir()
    for n in ("01", "02"):
        shutil.copy(ANSWERS / "01-opener.wav", answers / f"{n}.wav")
    result = coach("mock", "--questions", "2", "--interview", "1", "--answers", answers, data_dir=data_dir)
    assert result.returncode == 1 and result.stdout == "", result.stdout
    assert unwrapped(result.stderr).startswith(
        "error: #1 (Globex, rejected) is an outcome, not an interview: a mock interview prepares for an"
    ), result.stderr


def test_a_question_of_your_own_without_points_is_told_the_command_in_the_json(tmp_path):
    """A mock interview asking a question of your own without talking points (asked at the first
    round, so asked again for the onsite): `coach mock --json` told the user to "add what a strong
    answer covers on the Questions page". It names `coach edit-question` with the question's id;
    the answer stored, which the pages show, keeps naming the Questions page."""
    from cli_support import day

    from coach.store import get_attempt

    data_dir = tmp_path / "data"
    asked = "Tell me about a time you rescued a late project."
    for args in (
        ("add-question", asked),
        ("add-interview", "Acme", "--date", day(-3)),
        ("debrief", "1", "--question", asked),
        ("add-interview", "Acme", "--date", day(3), "--stage", "onsite / loop"),
    ):
        done = coach(*args, data_dir=data_dir)
        assert done.returncode == 0, done.stderr
    result = coach(
        "mock", "--questions", "2", "--interview", "2", "--answers", ANSWERS, "--json", data_dir=data_dir
    )
    assert result.returncode == 0, result.stderr
    [turn] = [t for t in json.loads(result.stdout)["turns"] if t["kind"] == "question" and t["text"] == asked]
    question_id = turn["question_id"]
    assert question_id.startswith("user-"), turn
    added = "your own question has no talking points to check (add what a strong answer covers"
    command = f"`coach edit-question {question_id} --talking-point POINT`"
    assert turn["answer"]["scores"]["content"]["because"].startswith(f"{added} with {command});"), turn
    assert "Questions page" not in result.stdout
    db = open_store(load_settings(data_dir=data_dir))
    try:
        stored = get_attempt(db, turn["attempt_id"])["analysis"]
    finally:
        db.close()
    assert stored["scores"]["content"]["because"].startswith(f"{added} on the Questions page);"), stored
