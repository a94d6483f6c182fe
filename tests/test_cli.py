"""`coach analyze / transcribe / models / record` invoked as a user would, output read back."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from coach.mock import QUESTION_ORDER
from tests.cli_support import help_pages, not_analysed, run_coach, unwrapped

pytestmark = pytest.mark.slow
COACH = [sys.executable, "-m", "coach.cli"]
CONTRACT_KEYS = {
    "transcript",
    "duration_s",
    "words",
    "fillers",
    "repetitions",
    "hedges",
    "sentences",
    "metrics",
    "scores",
    "feedback",
}


def coach_process(*args: str, data_dir) -> subprocess.CompletedProcess:
    """`python -m coach.cli ARGS` in a process of its own, exactly as a user runs it."""
    env = {**os.environ, "COACH_DATA_DIR": str(data_dir)}
    env.pop("COACH_DATABASE_URL", None)
    return subprocess.run([*COACH, *map(str, args)], capture_output=True, text=True, env=env, timeout=300)


def coach(*args: str, data_dir) -> subprocess.CompletedProcess:
    """The same command run in this process (tests/cli_support.py)."""
    return run_coach(*args, data_dir=data_dir)


def test_analyze_audio_prints_the_design_contract(clips, tmp_path):
    result = coach_process("analyze", clips / "fillers.wav", "--json", "--no-progress", data_dir=tmp_path)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert CONTRACT_KEYS <= set(data)
    assert data["duration_s"] == pytest.approx(14.06, abs=0.05)
    filled = [f for f in data["fillers"] if f["kind"] == "filled_pause"]
    assert len(filled) >= 5
    for f in data["fillers"]:
        assert data["transcript"][f["start_char"] : f["end_char"]].lower() == f["text"].lower()
        assert 0 <= f["start_s"] <= f["end_s"] <= data["duration_s"]
    assert data["metrics"]["long_pauses"] >= 1  # the 2 s pause
    assert all(s["star"] in (None, "situation", "task", "action", "result") for s in data["sentences"])
    assert not (tmp_path / "recordings").exists()  # without --save nothing is kept


def test_analyze_text_spans_index_the_file_unchanged(tmp_path):
    text = "Well, um, I think we, like, basically fixed it.\nI like Python."
    path = tmp_path / "answer.txt"
    path.write_text(text, encoding="utf-8")
    result = coach("analyze", "--text", path, "--json", data_dir=tmp_path)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["transcript"] == text and data["duration_s"] is None and data["words"] == []
    marked = [text[f["start_char"] : f["end_char"]] for f in data["fillers"]]
    assert "um" in marked and "like" in marked
    assert text.rindex("like") not in [f["start_char"] for f in data["fillers"]]  # "I like Python"


def test_analyze_text_in_words_gives_the_overall_score_and_no_dash_for_pace(tmp_path):
    """The app's first figure for an answer is its overall score; `coach analyze` listed the four
    parts without it, and typed text (no pace) read "17 words · - · 2 fillers"."""
    path = tmp_path / "answer.txt"
    # 20 words or more: a shorter typed answer is not scored (the test below)
    text = (
        "So, um, I led the migration. We cut costs by 30%. I think it was, like, good. The team kept "
        "the new setup after I left."
    )
    path.write_text(text + "\n")
    shown = coach("analyze", "--text", path, data_dir=tmp_path)
    assert shown.returncode == 0, shown.stderr
    overall = json.loads(coach("analyze", "--text", path, "--json", data_dir=tmp_path).stdout)["scores"][
        "overall"
    ]
    lines = shown.stdout.splitlines()
    assert f"overall: {overall}/100" in lines, shown.stdout
    assert "26 words · 2 fillers (7.7 per 100 words)" in lines, shown.stdout
    # one blank line after the answer (wrapped at words in 80 columns), not two when the file ends
    # in a newline
    answer, rest = shown.stdout.split("\n\n", 1)
    assert unwrapped(answer) == text and rest.startswith("26 words"), shown.stdout


def test_analyze_counts_fillers_as_the_page_does_with_repeated_words_named_apart(tmp_path):
    """A news clip's 20 s read "50 words · 170 wpm · 1 filler" in the terminal where the Practice
    page showed "Fillers 0" and "No fillers found. Repeated or broken-off words: 1." (a meeting
    clip: "12 fillers" against the page's 3): the line counted repeated words as fillers. It
    names them apart, as the page, the feedback and the fillers' score do."""
    from coach.ui.summary import filler_count

    path = tmp_path / "answer.txt"
    path.write_text(
        "So, um, I led the the migration. We cut costs by 30%. I think it was, like, good. The team kept "
        "the new setup after I left.\n"
    )
    shown = coach("analyze", "--text", path, data_dir=tmp_path)
    assert shown.returncode == 0, shown.stderr
    data = json.loads(coach("analyze", "--text", path, "--json", data_dir=tmp_path).stdout)
    assert filler_count(data) == 2  # the page's "Fillers" figure
    assert "27 words · 2 fillers and 1 repeated word (11.1 per 100 words)" in shown.stdout.splitlines()
    assert "2 fillers and 1 repeated word (11.1 per 100 words)" in " ".join(data["feedback"])


def test_a_typed_answer_under_twenty_words_is_told_so_and_not_scored(tmp_path):
    """`coach analyze --text` of "Yes." said "overall: 53/100" and coached it: the quality gate's
    "too little to measure" held for recordings only. Now it is one sentence, as for a short take."""
    from test_analysis_api import TYPED_19, TYPED_20

    write_it = "Write the whole answer, as you would say it, and try again."
    path = tmp_path / "answer.txt"
    for text, words in (("Yes.", "1 word"), (TYPED_19, "19 words")):
        path.write_text(text + "\n")
        shown = coach("analyze", "--text", path, data_dir=tmp_path)
        sentence = f"Only {words}: too little to measure. {write_it}"
        assert shown.returncode == 0 and shown.stderr == "", shown.stderr
        answer, said = shown.stdout.split("\n\n")  # each wrapped at words in 80 columns
        assert (unwrapped(answer), unwrapped(said)) == (text, sentence), shown.stdout
        assert "/100" not in shown.stdout, shown.stdout
        data = json.loads(coach("analyze", "--text", path, "--json", data_dir=tmp_path).stdout)
        assert data["scores"] is None and data["feedback"] == [] and data["warnings"] == [sentence]
    path.write_text(TYPED_20 + "\n")
    shown = coach("analyze", "--text", path, data_dir=tmp_path)
    assert shown.returncode == 0 and "overall: " in shown.stdout and "/100" in shown.stdout, shown.stdout
    assert "too little" not in shown.stdout


def test_transcribe_json_gives_words_with_times(clips, tmp_path):
    result = coach("transcribe", clips / "clean.ogg", "--json", "--no-progress", data_dir=tmp_path)
    data = json.loads(result.stdout)
    assert "checkout" in data["transcript"] and data["engine"] == "faster-whisper"
    assert len(data["words"]) >= 40 and {"text", "start_s", "end_s", "prob"} <= set(data["words"][0])


def test_progress_bar_goes_to_stderr_only(clips, tmp_path):
    result = coach("transcribe", clips / "fillers.wav", data_dir=tmp_path)
    assert "Transcribing" in result.stderr and "100%" in result.stderr
    assert "Transcribing" not in result.stdout and "um" in result.stdout


@pytest.mark.parametrize(
    "args, message",
    [
        (["analyze", "missing.wav"], "No file at missing.wav"),
        (["analyze", "{clips}/empty.wav"], "empty.wav is empty"),
        (["analyze", "{clips}/not_audio.wav"], "not_audio.wav is not audio the coach can read"),
        # a typed answer given as the recording was told to "export it again as WAV, FLAC, …"
        (["analyze", "{tmp}/answer.txt"], "answer.txt is text, not a recording; `coach analyze --text "),
        (["analyze", "{clips}/truncated.mp3"], "truncated.mp3 is only"),
        (["analyze", "{clips}/short.wav"], "short.wav is only 0.3 s long"),  # it said "0.30 s"
        (["analyze", "{clips}/silence.wav"], "silence.wav is silent"),
        (["analyze", "{clips}/noise.wav"], "No speech was found in noise.wav"),
        (["analyze", "{clips}/clean.wav", "--engine", "whisperx"], "Unknown engine 'whisperx'"),
        (["analyze", "{clips}/clean.wav", "--model", "huge"], "Unknown model 'huge'"),
        (["analyze", "{clips}/clean.wav", "--model", "small.en"], "'small.en' is not on this machine"),
        (["analyze", "--text", "nothing.txt"], "No text file at nothing.txt"),
        (["analyze", "--text", "{tmp}/blank.txt", "--json"], "blank.txt has no words; write your answer"),
        (["analyze"], "Give either an audio file or --text FILE"),
        (["record", "{tmp}/take.wav", "--seconds", "1"], "No microphone could be opened"),
        (["mock", "--questions", "2"], "run `coach mock --answers FOLDER` (one recording a turn)."),
    ],
)
def test_bad_input_exits_non_zero_with_one_line(clips, tmp_path, args, message):
    (tmp_path / "blank.txt").write_text(" \n\n", encoding="utf-8")  # a typed answer with no words
    (tmp_path / "answer.txt").write_text("I led the migration and cut costs by a third.\n", encoding="utf-8")
    args = [a.format(clips=clips, tmp=tmp_path) for a in args]
    result = coach(*args, data_dir=tmp_path)
    assert result.returncode == 1
    lines = [line for line in result.stderr.splitlines() if line.strip() and "Transcribing" not in line]
    assert lines[-1].startswith("error: ") and message in lines[-1]
    if not any(a.endswith(("clean.wav", "noise.wav")) for a in args):  # failed before transcribing:
        assert "%|" not in result.stderr, result.stderr  # its error alone, no moment of empty bar
    assert "Traceback" not in result.stderr and result.stdout == ""


def test_a_model_not_here_keeps_no_copy_of_the_take(clips, tmp_path):
    """`--save --model small.en` (not installed) kept a copy that `coach history` later listed as an
    interrupted analysis, beside the same take saved again with the right model."""
    result = coach("analyze", clips / "clean.wav", "--save", "--model", "small.en", data_dir=tmp_path)
    assert result.returncode == 1 and "'small.en' is not on this machine" in result.stderr
    assert [p for p in tmp_path.rglob("*") if p.is_file() and not p.name.startswith("coach.db")] == []


def test_too_long_a_file_is_refused(clips, tmp_path):
    (tmp_path / "settings.toml").write_text("max_duration_s = 10.0\n")
    result = coach("analyze", clips / "clean.wav", data_dir=tmp_path)
    assert result.returncode == 1 and "over the limit of 0:00:10" in result.stderr


def test_a_setting_of_the_wrong_kind_is_one_sentence(clips, tmp_path):
    """`model = 5` (no quotes) in settings.toml named the line, not a TypeError from pathlib."""
    (tmp_path / "settings.toml").write_text("model = 5\n")
    result = coach("analyze", "--text", clips / "clean.txt", data_dir=tmp_path)
    assert result.returncode == 1 and "Traceback" not in result.stderr and result.stdout == ""
    assert result.stderr.strip() == (
        f"error: The settings file {tmp_path / 'settings.toml'} has model = 5, which should be text "
        "in quotes; fix or delete that line."
    )


def test_an_unknown_engine_in_settings_names_the_file_and_spares_typed_answers(clips, tmp_path):
    """`engine = "nosuch"` in settings.toml said only "Unknown engine 'nosuch'" (not where it was
    written), and stopped `coach analyze --text` too, which transcribes nothing."""
    (tmp_path / "settings.toml").write_text('engine = "nosuch"\n')
    typed = coach("analyze", "--text", clips / "clean.txt", data_dir=tmp_path)
    assert typed.returncode == 0 and typed.stderr == "" and "words" in typed.stdout
    spoken = coach("analyze", clips / "clean.wav", data_dir=tmp_path)
    assert spoken.returncode == 1 and spoken.stdout == ""
    assert spoken.stderr.strip() == (
        f'error: The settings file {tmp_path / "settings.toml"} has engine = "nosuch", which is no '
        "engine of the coach; change it to one of: faster-whisper, openai-whisper, or delete that line."
    )


def test_an_unknown_model_in_settings_names_the_file_in_analyze_and_settings(clips, tmp_path):
    """`model = "nope"` in settings.toml: `coach settings` showed it without comment, and `coach
    analyze` said "Unknown model 'nope'; choose one of …" as if the command had named it. Then it
    listed all 13 models the coach knows, most not on this machine, and not how to change it."""
    settings_file = tmp_path / "settings.toml"
    settings_file.write_text('model = "nope"\n')
    installed = "tiny.en, base" if _base_installed() else "tiny.en"  # `make models` adds base
    sentence = (
        f'The settings file {settings_file} has model = "nope", which is no model of the coach nor a '
        f"model folder or file here; choose one installed here ({installed}) with `coach settings --model "
        "NAME`, or delete that line."
    )
    spoken = coach("analyze", clips / "clean.wav", data_dir=tmp_path)
    assert spoken.returncode == 1 and spoken.stdout == ""
    assert spoken.stderr.strip() == f"error: {sentence}"
    shown = coach("settings", data_dir=tmp_path)
    assert shown.returncode == 0
    assert f"Speech model: faster-whisper nope, which cannot transcribe. {sentence} Keeping" in unwrapped(
        shown.stdout  # wrapped at words in 80 columns
    )
    typed = coach("analyze", "--text", clips / "clean.txt", data_dir=tmp_path)
    assert typed.returncode == 0 and "words" in typed.stdout  # a typed answer needs no model
    assert coach("settings", "--model", "tiny.en", data_dir=tmp_path).returncode == 0  # as it says
    assert 'model = "tiny.en"' in settings_file.read_text()
    assert "cannot transcribe" not in coach("settings", data_dir=tmp_path).stdout


def test_models_lists_what_works_offline(tmp_path):
    infos = json.loads(coach("models", "--json", data_dir=tmp_path).stdout)
    available = {(i["engine"], i["name"]) for i in infos if i["available"]}
    base = {("faster-whisper", "base")} if _base_installed() else set()  # `make models` adds it
    assert available == {("faster-whisper", "tiny.en"), ("openai-whisper", "tiny.en")} | base


def test_models_download_of_an_unknown_name_lists_only_what_it_can_fetch(tmp_path):
    """`coach models --download nope` ended "or give the path of a model folder or file", which a
    download does not take."""
    refused = coach("models", "--download", "nope", data_dir=tmp_path)
    assert refused.returncode == 1 and refused.stdout == ""
    assert refused.stderr.strip() == (
        "error: There is no model 'nope' to download; `coach models --download` fetches one of: tiny.en, "
        "tiny, base.en, base, small.en, small, medium.en, medium, large-v1, large-v2, large-v3, "
        "large-v3-turbo, turbo."
    )


def test_models_says_how_to_get_the_ones_not_here(tmp_path):
    """`coach models` listed base as "not here" beside "more accurate than tiny.en, and slower",
    without a word on how to get it, nor on what the other 19 "not here" lines mean."""
    done = coach("models", data_dir=tmp_path)
    [base] = [line for line in done.stdout.splitlines() if line.split()[:2] == ["faster-whisper", "base"]]
    if _base_installed():
        assert "available" in base and "make models" not in base, base
    else:
        # its note wrapped at words under its column, in 80 columns
        at = done.stdout.splitlines().index(base)
        rest = [line.strip() for line in done.stdout.splitlines()[at + 1 :] if line.startswith(" ")]
        assert unwrapped(" ".join([base, *rest])).endswith("`make models` installs it"), base
    assert "coach models --download NAME" in done.stderr, done.stderr


def _base_installed() -> bool:
    from coach.transcribe.models import is_installed

    return is_installed("base")


def test_delete_interview_audio_then_everything(clips, tmp_path):
    from coach.audio import save_recording
    from coach.config import load_settings
    from coach.store import add_interview, get_interview, open_store, save_interview_recording

    settings = load_settings(data_dir=tmp_path)
    store = open_store(settings)
    saved = save_recording(clips / "stereo.wav", settings, kind="interview")
    interview_id = add_interview(store, company="Acme", interview_date="2026-11-02")
    save_interview_recording(
        store,
        interview_id,
        recording=saved,
        transcript={"transcript": "Hi."},
        answers=[],
        engine="faster-whisper",
        model="tiny.en",
    )
    store.close()
    # the words and voice windows a review keeps for reviewing again (issue 18) go with the audio
    kept = tmp_path / "review-work" / f"{saved.sha256[:16]}-0123456789ab" / "chunk-00000.npz"
    kept.parent.mkdir(parents=True)
    kept.write_bytes(b"words and voice windows")
    other = tmp_path / "review-work" / "ffffffffffffffff-0123456789ab" / "chunk-00000.npz"
    other.parent.mkdir(parents=True)
    other.write_bytes(b"another recording's")
    # nothing goes without --yes (not at a terminal, where it asks instead)
    refused = coach("delete-interview", interview_id, "--audio-only", data_dir=tmp_path)
    assert refused.returncode == 1 and refused.stderr.strip() == (
        "error: Deleting cannot be undone; add --yes to delete the recordings of interview "
        f"#{interview_id} (Acme)."
    )
    assert saved.path.exists()
    result = coach("delete-interview", interview_id, "--audio-only", "--yes", data_dir=tmp_path)
    assert result.returncode == 0 and "Removed 1 recording of" in result.stdout
    assert not saved.path.exists() and not kept.parent.exists() and other.exists()
    store = open_store(settings)
    assert get_interview(store, interview_id)["company"] == "Acme"
    store.close()
    assert coach("delete-interview", interview_id, "--yes", data_dir=tmp_path).returncode == 0
    missing = coach("delete-interview", interview_id, "--yes", data_dir=tmp_path)
    assert missing.returncode == 1 and "no interview with id" in missing.stderr


def test_every_command_is_summed_up_in_one_line_of_the_command_list(tmp_path):
    """On a wide terminal `coach --help` lists each command with its summary on its own row: a
    docstring's line break does not leave "with `coach analyze --interview ID` show which…" on a
    short row of its own."""
    env = {**os.environ, "COACH_DATA_DIR": str(tmp_path), "COLUMNS": "250"}
    listed = subprocess.run([*COACH, "--help"], capture_output=True, text=True, env=env, timeout=120)
    assert listed.returncode == 0, listed.stderr
    rows = [line.strip("│ ") for line in listed.stdout.splitlines()]
    [row] = [line for line in rows if line.startswith("job-description ")]
    assert row.endswith("show which of them they used."), row
    [row] = [line for line in rows if line.startswith("mock ")]
    assert "takes the answer, follows up" in row, row


def test_no_help_page_shows_a_flag_as_taking_a_value_or_an_option_by_its_python_type(tmp_path):
    """`--json <bool>` reads as if --json wanted a value, and `--question <str>` names a Python
    type: a flag is shown alone and a value by what it is (ID, N, FILE, YYYY-MM-DD...)."""
    pages = help_pages(tmp_path)
    assert len(pages) > 20
    for name, page in pages.items():
        rows = [line.strip("│ ") for line in page.splitlines()]  # the boxed help's rows too
        options = [row for row in rows if row.startswith("--")]
        assert any(line.startswith("--help ") for line in options), (name, page)
        shown_as_types = [
            line for line in options if re.search(r"<(bool|str|int|float|path|int range)>", line)
        ]
        assert shown_as_types == [], (name, shown_as_types)
    analyze = pages["analyze"]
    assert re.search(r"^\s+--json\s{2,}print the full analysis", analyze, re.MULTILINE), analyze
    assert re.search(r"^\s+--question ID\s", analyze, re.MULTILINE), analyze
    # it read "the bank question id this answers", though your own user-… ids are taken too
    said = " ".join(" ".join(row.strip("│ ").split()) for row in analyze.splitlines())
    assert "the id of the question this answers, a bank's or your own (user-…)" in said, analyze
    assert re.search(r"^\s+--date YYYY-MM-DD\s", pages["add-interview"], re.MULTILINE)


def test_coach_review_help_gives_the_defaults_it_uses(tmp_path):
    """`--speakers` said "(default 2)" while a review left out of it counts the voices itself (the
    app's "found by the coach"); `--date` said only "YYYY-MM-DD" twice."""
    env = {**os.environ, "COACH_DATA_DIR": str(tmp_path), "COLUMNS": "100"}
    shown = subprocess.run([*COACH, "review", "--help"], capture_output=True, text=True, env=env, timeout=120)
    assert shown.returncode == 0, shown.stderr
    review = shown.stdout
    rows = " ".join(line.strip("│ ") for line in review.splitlines())
    assert "default 2" not in rows, review
    assert re.search(
        r"--speakers N\s+how many people speak, you included \(default: the coach\s+finds out\)", rows
    )
    assert re.search(r"--date YYYY-MM-DD\s+with --company: the interview's date \(today if\s+omitted\)", rows)


def test_coach_mock_help_says_which_questions_open_and_close_as_the_page_does(tmp_path):
    """`--questions` said "how many questions, 2 to 10 (an opener included)", where the Mock page
    says which question opens, which closes and that follow-ups are extra; then both held a copy
    of that sentence ("The first is always…" here, "The first question is always…" there)."""
    shown = run_coach("mock", "--help", data_dir=tmp_path)
    assert shown.returncode == 0, shown.stderr
    said = " ".join(shown.stdout.split())
    # the Mock page's Questions help says the same constant
    # the range said once, after it (tests/test_cli_words.py)
    assert f"--questions N how many questions. {QUESTION_ORDER} [2 to 10]" in said, shown.stdout


def test_python_dash_m_coach_is_the_coach_command(tmp_path):
    """From a checkout without the console script, `python -m coach --help` said "No module named
    coach.__main__"."""
    env = {**os.environ, "COACH_DATA_DIR": str(tmp_path)}
    shown = subprocess.run(
        [sys.executable, "-m", "coach", "--help"], capture_output=True, text=True, env=env, timeout=120
    )
    assert shown.returncode == 0, shown.stderr
    assert "analyze" in shown.stdout and "Usage: " in shown.stdout


def test_history_of_an_unknown_question_says_so_and_how_to_find_ids(tmp_path):
    """`--question nope` printed "0 practice answers." and exited 0, as if the id were right."""
    unknown = coach("history", "--question", "nope", data_dir=tmp_path)
    assert unknown.returncode == 1, unknown.stderr
    assert (
        unknown.stderr.strip()
        == "error: There is no question with id 'nope'; list the ids with `coach questions`."
    )
    unanswered = coach("history", "--question", "mot-05", data_dir=tmp_path)  # a bank question
    assert unanswered.returncode == 0 and unanswered.stdout.strip() == "0 practice answers."


def test_history_names_each_interview_s_company_as_coach_interviews_does(tmp_path):
    """A recruiter screen logged as "Northwind Labs Inc." and the next round as "northwind labs":
    `coach interviews` and `coach progress` named both Northwind Labs Inc., `coach history` listed
    the second as northwind labs, as if it were another company."""
    for company, day in (("Northwind Labs Inc.", "2026-11-25"), ("northwind labs", "2026-12-10")):
        added = coach("add-interview", company, "--stage", "first round", "--date", day, data_dir=tmp_path)
        assert added.returncode == 0, added.stderr
    listed = coach("history", data_dir=tmp_path)
    assert listed.returncode == 0, listed.stderr
    assert "northwind labs" not in listed.stdout, listed.stdout
    assert listed.stdout.count("Northwind Labs Inc. · first round") == 2, listed.stdout


def test_job_description_without_a_file_shows_the_one_kept_and_add_interview_checks_the_format(tmp_path):
    """`coach job-description 6` with nothing else said "… or --clear, not both"; it now shows the
    description kept, with its key terms. `coach add-interview --format carrier-pigeon` was kept."""

    def coach(*args, stdin=None):  # in this process (tests/cli_support.py)
        return run_coach(*args, data_dir=tmp_path, stdin=stdin)

    refused = coach("add-interview", "Zzz", "--date", "2026-12-01", "--format", "carrier-pigeon")
    assert refused.returncode == 1
    assert refused.stderr.strip() == (
        "error: The format is video, phone, in person or take-home, not 'carrier-pigeon'."
    )
    # an empty description logged the interview without it, exit 0 and not a word
    empty = coach("add-interview", "Zzz", "--date", "2026-12-01", "--job-description", "-", stdin=" \n")
    assert empty.returncode == 1 and empty.stdout == "", empty.stdout
    assert empty.stderr.strip().startswith("error: The job description is empty;"), empty.stderr
    assert coach("add-interview", "Acme", "--date", "2026-12-01", "--format", "In Person").returncode == 0
    none = coach("job-description", "1")
    assert none.returncode == 1 and "keeps no job description; give one" in none.stderr
    text = "Data Engineer - Acme\nWe look for PostgreSQL, Kafka and Airflow experience."
    assert coach("job-description", "1", "-", stdin=text).returncode == 0
    shown = coach("job-description", "1")
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.startswith(text) and "Key terms: " in shown.stdout and "Kafka" in shown.stdout
    assert coach("job-description", "1", "--clear").stdout.startswith("Removed the job description")
    again = coach("job-description", "1", "--clear")  # said "Removed" a second time
    assert again.stdout.strip() == "Interview #1 keeps no job description; nothing was removed."
    none = coach("delete-interview", "1", "--audio-only", "--yes")
    assert none.stdout.strip() == "Interview #1 keeps no recording; nothing was removed."
    # one given with the interview is said as `coach job-description` says it (it was not)
    added = coach("add-interview", "Acme", "--date", "2026-12-08", "--job-description", "-", stdin=text)
    assert added.returncode == 0, added.stderr
    assert added.stdout.splitlines()[1].startswith("Kept its job description. Key terms: "), added.stdout
    assert "Kafka" in added.stdout.splitlines()[1]


def test_one_interview_is_shown_whole_and_edited_from_the_terminal(tmp_path):
    """No command printed an interview's notes or its debrief's words, and none changed a date or a
    stage: both were in the app only."""
    from datetime import date

    from coach.local_time import long_date

    def coach(*args):  # in this process (tests/cli_support.py)
        return run_coach(*args, data_dir=tmp_path)

    added = coach(
        "add-interview",
        "Globex",
        "--date",
        "2026-11-20",
        "--role",
        "Data engineer",
        "--notes",
        "moved by the recruiter\nsecond line",
        "--person",
        "Sam Lee — EM — ex-Stripe",
    )
    assert added.returncode == 0, added.stderr
    written = coach(
        "debrief",
        "1",
        "--went-well",
        "the whiteboard",
        "--could-be-better",
        "too long on the intro",
        "--interest",
        "4",
        "--proceed",
        "yes",
        "--question",
        "How do you test a pipeline?",
    )
    assert written.returncode == 0, written.stderr
    shown = coach("interview", "1")
    assert shown.returncode == 0, shown.stderr
    for said in (
        "#1 Globex · Data engineer: first round, Fri 20 Nov 2026",
        "  moved by the recruiter\n  second line",
        "People met:\n  - Sam Lee — EM (ex-Stripe)\n",
        f"Debrief {long_date(date.today())} — interest 4/5, go on to the next stage: yes",
        "  Went well:\n    the whiteboard",
        "  Could be better:\n    too long on the intro",
        "Questions they asked:\n  - How do you test a pipeline?",
    ):
        assert said in shown.stdout, (said, shown.stdout)
    assert "Started from what the review measured" not in shown.stdout  # the user's own debrief
    as_json = json.loads(coach("interview", "1", "--json").stdout)
    assert as_json["debriefs"][0]["went_well"] == "the whiteboard"
    assert as_json["interview_date"] == "2026-11-20"  # ISO for scripts; the words are for reading

    edited = coach("edit-interview", "1", "--date", "2026-11-21", "--stage", "technical", "--format", "Video")
    assert edited.returncode == 0, edited.stderr
    assert edited.stdout.strip() == "Changed interview #1: date, format, stage."
    assert "#1 Globex · Data engineer: technical, video, Sat 21 Nov 2026" in coach("interview", "1").stdout
    assert coach("edit-interview", "1", "--origin", "i applied").returncode == 0
    assert (
        "#1 Globex · Data engineer: technical, video, I applied, Sat 21 Nov 2026"
        in coach("interview", "1").stdout
    )
    assert coach("edit-interview", "1", "--stage", "technical").stdout.strip() == "Nothing had changed."
    bad = coach("edit-interview", "1", "--date", "21/11/2026")
    assert bad.returncode == 1 and "is not a date; write it as YYYY-MM-DD" in bad.stderr
    nothing = coach("edit-interview", "1")
    assert nothing.returncode == 1 and "Say what to change" in nothing.stderr


def test_options_that_would_be_ignored_are_refused(tmp_path):
    """`coach questions --topic growth` listed all 287 practice questions; `coach history --limit 0`
    listed every answer."""

    def coach(*args):  # in this process (tests/cli_support.py)
        return run_coach(*args, data_dir=tmp_path)

    topic = coach("questions", "--topic", "growth")
    assert topic.returncode == 1 and "--topic chooses questions to ask them; add --to-ask." in topic.stderr
    assert coach("questions", "--to-ask", "--topic", "growth").returncode == 0
    assert coach("history", "--limit", "0").returncode == 2  # refused by the option's own range


def test_analyze_save_says_what_it_kept(tmp_path):
    """A take saved and analysed gives its attempt's id in the JSON (it was on stderr only); one
    kept but not measurable said only the error, though it is kept and listed, and then only that
    `coach history` lists it: not how to delete it."""
    data = Path(__file__).parent / "data"

    def coach(*args):
        return run_coach(*args, data_dir=tmp_path)

    short = coach("analyze", str(data / "short.wav"), "--save", "--no-progress")
    assert short.returncode == 1
    said = re.search(
        r"The recording is kept; `coach history` lists it as not analysed, and "
        r"`coach delete-recording (recordings/practice/\S+\.wav)` deletes it\.$",
        short.stderr.strip(),
    )
    assert said, short.stderr
    [kept] = (tmp_path / "recordings").rglob("*.wav")
    assert kept == tmp_path / said.group(1)
    assert f"short.wav ({said.group(1)})" in unwrapped(coach("history").stdout)
    deleted = coach("delete-recording", said.group(1), "--yes")  # the command as said, run
    assert deleted.returncode == 0, deleted.stderr
    assert not kept.exists() and "short.wav" not in coach("history").stdout
    done = coach("analyze", str(data / "fillers.wav"), "--save", "--json", "--no-progress")
    assert done.returncode == 0, done.stderr
    saved = json.loads(done.stdout)["saved"]
    assert saved["attempt_id"] == 1 and Path(saved["recording"]).is_file()


def test_reanalyze_keeps_the_users_file_name_in_what_history_says(tmp_path):
    """After `coach reanalyze` met a take it could not measure, history named the coach's copy
    ("20261202-220440-6f77d5a777.wav is only 0.30 s long") where it had said "short.wav"."""
    data = Path(__file__).parent / "data"

    def coach(*args):  # in this process (tests/cli_support.py)
        return run_coach(*args, data_dir=tmp_path)

    assert coach("analyze", str(data / "short.wav"), "--save", "--no-progress").returncode == 1
    before = not_analysed(coach("history").stdout)
    # the same sound is not tried again: it "failed" on every run, exit 1 each time, with no word on
    # what to do; now it is named, why it is kept unanalysed and how to delete it
    again = coach("reanalyze")
    assert again.returncode == 0, again.stderr
    assert "0 interview recordings reviewed, 0 failed" in again.stdout, again.stdout
    kept = unwrapped(again.stdout).split("Kept, not tried again: ")[1]  # wrapped in 80 columns
    assert "short.wav is only" in kept and kept.endswith("deletes it.") and "`coach delete-recording " in kept
    after = not_analysed(coach("history").stdout)
    assert len(after) == 1 and after == before, (before, after)
    assert ": short.wav is only" in after[0]


def test_editing_a_shipped_question_says_why_not(tmp_path):
    done = coach("edit-question", "mot-09", "--difficulty", "hard", data_dir=tmp_path)
    assert done.returncode == 1
    assert "'mot-09' is a question of the shipped banks, which stay as they are" in done.stderr


def test_an_offer_is_changed_and_removed_from_the_terminal(tmp_path):
    """An offer declined stayed "(open)" in `coach interviews`: no command changed or removed one."""

    def coach(*args):  # in this process (tests/cli_support.py)
        return run_coach(*args, data_dir=tmp_path)

    added = coach("add-option", "offer", "--company", "Initech", "--deadline", "2026-12-20")
    assert added.returncode == 0, added.stderr
    # a deadline already gone (a typo of the year looks the same) was kept without a word
    late = coach("add-option", "offer", "--company", "Globex", "--deadline", "2020-01-31")
    assert late.stdout.strip() == (
        "Added option #2: offer · Globex. Its deadline, 2020-01-31, has passed already; "
        "`coach edit-option 2 --deadline DATE` changes it."
    ), late.stdout
    assert coach("delete-option", "2", "--yes").returncode == 0
    changed = coach("edit-option", "1", "--status", "declined", "--deadline", "")
    assert changed.returncode == 0, changed.stderr
    assert changed.stdout.strip() == "Changed option #1: deadline, status."
    listed = coach("interviews").stdout
    # declined today, as the status's change was noted
    assert "Initech" in listed and "(declined on " in listed and "2026-12-20" not in listed
    wrong = coach("edit-option", "1", "--status", "maybe")
    assert wrong.returncode == 1 and "open, accepted, declined or expired, not 'maybe'" in wrong.stderr
    refused = coach("delete-option", "1")
    assert refused.returncode == 1 and "add --yes to delete option #1 (offer · Initech)" in refused.stderr
    assert coach("delete-option", "1", "--yes").stdout.strip() == "Deleted option #1 (offer · Initech)."
    assert "Initech" not in coach("interviews").stdout
    missing = coach("edit-option", "1", "--status", "open")
    assert missing.returncode == 1 and "There is no option with id 1" in missing.stderr


def test_the_same_question_is_not_added_twice(tmp_path):
    """`coach add-question "Why did you leave?"` twice made two copies, splitting its answers."""

    def coach(*args):  # in this process (tests/cli_support.py)
        return run_coach(*args, data_dir=tmp_path)

    first = coach("add-question", "Why did you leave your last job so soon?")
    assert first.returncode == 0, first.stderr
    again = coach("add-question", "why did you leave your last job so soon")
    assert again.returncode == 1 and "You already have this question (user-" in again.stderr
    bank = coach("add-question", "Tell me about yourself.")
    assert bank.returncode == 1 and "The banks already have this question (mot-" in bank.stderr


def test_a_bank_question_in_other_words_is_not_added_beside_it(tmp_path):
    """`coach add-question` added each of these beside the bank question it restates, splitting that
    question's answers: "supervisor" for the banks' "manager", "fired" for "let go", "position" for
    "job" and "role", and a system design question typed "How would you design ...?" or shorter than
    the banks' "Design ... for ...". Each is refused naming the banks' words; an interviewer's
    follow-up typed alone is added as a question of your own."""

    def coach(*args):  # in this process (tests/cli_support.py)
        return run_coach(*args, data_dir=tmp_path)

    from coach.banks import load_questions

    worded = {q.id: q.text for q in load_questions(tmp_path)}
    for typed, bank in (
        ("Describe a time you had to make a call without your supervisor available.", "beh-own-08"),
        ("Tell me about a time you fired someone.", "em-08"),
        ("Why did you leave your last position?", "mot-09"),
        ("What would make you leave your current role?", "mot-08"),
        ("How would you design a leaderboard?", "swe-sd-14"),
        ("Design a news feed.", "swe-sd-03"),
    ):
        refused = coach("add-question", typed)
        assert refused.returncode == 1, (typed, refused.stdout)
        assert refused.stderr.strip() == (
            f"error: The banks already have this question, worded “{worded[bank]}” ({bank}); "
            "practise that one, or word yours differently."
        ), typed
    assert coach("questions", "--yours").returncode == 1  # none of them added
    added = coach("add-question", "How did you tell the people affected?")
    assert added.returncode == 0, added.stderr
    mine = json.loads(coach("questions", "--yours", "--json").stdout)
    assert [q["text"] for q in mine] == ["How did you tell the people affected?"]
    # what the banks design only with what it is for: "Design the backend." was refused as "Design
    # the backend for a ride-sharing app's matching of riders and drivers." (swe-sd-12)
    added = coach("add-question", "Design the backend.")
    assert added.returncode == 0, added.stderr


def test_an_offer_question_of_your_own_is_a_closing_question_not_a_story(tmp_path):
    """ "What would make you accept our offer?", added as your own, was filed as a story to tell
    ("behavioural": "a specific example", "actions you took", "the result", and the follow-up "What
    would you do differently next time?"); it is a closing question, as the banks' "If we made you
    an offer, would you accept?" is, with a closing question's points."""
    added = run_coach("add-question", "What would make you accept our offer?", data_dir=tmp_path)
    assert added.returncode == 0, added.stderr
    assert "· closing ·" in added.stdout and "a specific example" not in added.stdout, added.stdout
    assert "What would you do differently next time?" not in added.stdout
    from coach.banks import said_kind

    for typed in ("What would it take for you to join us?", "Would you say yes to this offer?"):
        assert said_kind(typed) == "closing", typed


def test_a_question_asking_what_you_think_is_not_a_story(tmp_path):
    """ "What do you think about a global wealth tax, and could it be implemented?", added as your
    own, was filed as a story ("behavioural"), so its answers were scored on situation, action and
    result and told "The situation takes …% of the answer"; what you think is no story."""
    added = run_coach(
        "add-question",
        "What do you think about a global wealth tax, and could it be implemented?",
        data_dir=tmp_path,
    )
    assert added.returncode == 0, added.stderr
    assert "behavioural" not in added.stdout and "a specific example" not in added.stdout, added.stdout
    from coach.banks import guess_format

    for typed in ("What is your view on remote work?", "What's your take on microservices?"):
        assert guess_format(typed) == "free", typed


def test_your_own_questions_are_listed_alone_as_the_page_s_yours_only_lists_them(tmp_path):
    """A year's 15 questions of one's own came after the banks' ~300 in `coach questions`, with no
    way to list them alone, where the Questions page has "Yours only"."""

    def coach(*args):  # in this process (tests/cli_support.py)
        return run_coach(*args, data_dir=tmp_path)

    none = coach("questions", "--yours")
    assert none.returncode == 1
    assert none.stderr.strip() == (
        "error: You have added no question of your own yet; add one with `coach add-question`."
    )
    assert coach("add-question", "Why did you leave your last job so soon?").returncode == 0
    mine = json.loads(coach("questions", "--yours", "--json").stdout)
    assert [q["text"] for q in mine] == ["Why did you leave your last job so soon?"]
    listed = coach("questions", "--yours").stdout.splitlines()
    said = " ".join(line.strip() for line in listed)  # its words wrapped under the id column
    assert listed[0].startswith("user-") and said.endswith("Why did you leave your last job so soon?"), listed


def test_a_question_shown_whole_says_in_words_whether_it_asks_for_a_story(tmp_path):
    """`coach questions --random` said "· free ·" of a question needing no story (and "· STAR ·" of
    one that does)."""
    free = coach("questions", "--random", "--search", "hesitations", data_dir=tmp_path)
    assert free.returncode == 0, free.stderr
    assert "close-11 · closing · easy · no story needed · about 1:00" in free.stdout, free.stdout
    story = coach("questions", "--random", "--search", "without formal authority", data_dir=tmp_path)
    assert "beh-lead-01 · behavioural · medium · a story (STAR) · about 2:00" in story.stdout, story.stdout


def test_a_company_typed_over_two_lines_is_kept_on_one(tmp_path):
    """A company name holding a line break was kept as typed and broke `coach interviews`' layout."""
    added = coach(
        "add-interview",
        "Acme\nRobotics",
        "--date",
        "2026-11-01",
        "--role",
        " Data\nengineer ",
        data_dir=tmp_path,
    )
    assert added.returncode == 0, added.stderr
    shown = coach("interview", "1", data_dir=tmp_path)
    assert shown.stdout.startswith("#1 Acme Robotics · Data engineer: first round, Sun 1 Nov 2026\n")


def test_one_practice_answer_is_deleted_with_its_recording(clips, tmp_path):
    """No command or page could delete one practice answer: a take someone did not want kept
    stayed, recording and all, until they deleted all their data."""

    def saved(clip: str, *question: str) -> subprocess.CompletedProcess:
        result = coach("analyze", clips / clip, "--save", *question, "--no-progress", data_dir=tmp_path)
        assert result.returncode == 0, result.stderr
        return result

    # `analyze --save` keeps the recording as it came and history shows it under its question (a
    # test of its own, test_analyze_save_keeps_the_recording_and_history_shows_it, analysed the
    # same clean.webm the same way)
    first = saved("clean.webm", "--question", "beh-lead-01")
    assert "Saved as practice answer #1" in first.stderr
    kept = list((tmp_path / "recordings").rglob("*.webm"))
    assert [p.read_bytes() for p in kept] == [(clips / "clean.webm").read_bytes()]
    history = json.loads(coach("history", "--json", data_dir=tmp_path).stdout)
    assert [a["question_id"] for a in history["attempts"]] == ["beh-lead-01"]
    saved("fillers.wav")
    profile = tmp_path / "review-work" / "voice-profile.npz"  # made from practice takes by a review
    profile.parent.mkdir(parents=True, exist_ok=True)
    profile.write_bytes(b"a voiceprint")
    refused = coach("delete-answer", "1", data_dir=tmp_path)  # not at a terminal: --yes or nothing
    assert refused.returncode == 1
    assert refused.stderr.startswith(
        "error: Deleting cannot be undone; add --yes to delete practice answer #1 ("
    )
    assert "“Tell me about a time you led a project or team" in refused.stderr
    assert list((tmp_path / "recordings").rglob("*.webm")) and profile.exists()
    done = coach("delete-answer", "1", "--yes", data_dir=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Deleted practice answer #1 (") and done.stdout.strip().endswith(
        "with its recording."
    )
    assert not list((tmp_path / "recordings").rglob("*.webm")) and not profile.exists()
    assert len(list((tmp_path / "recordings").rglob("*.wav"))) == 1  # the other answer's recording stays
    left = json.loads(coach("history", "--json", data_dir=tmp_path).stdout)["attempts"]
    assert [a["id"] for a in left] == [2]  # the other answer stays
    again = coach("delete-answer", "1", "--yes", data_dir=tmp_path)
    assert again.returncode == 1
    assert again.stderr.strip() == (
        "error: There is no practice answer with id 1; `coach history` lists them with their ids."
    )


def test_an_option_is_not_put_on_another_companys_interview(tmp_path):
    """`add-option offer --company Beta --interview 1` (interview 1 with Acme) put Beta's offer on
    Acme's card."""
    assert coach("add-interview", "Acme Inc.", "--date", "2026-11-02", data_dir=tmp_path).returncode == 0
    wrong = coach("add-option", "offer", "--company", "Beta", "--interview", "1", data_dir=tmp_path)
    assert wrong.returncode == 1
    assert wrong.stderr.strip() == (
        "error: That interview is with Acme Inc., not Beta: choose an interview with Beta, or leave "
        "the company empty to name the option after the interview's."
    )
    assert "Beta" not in coach("interviews", data_dir=tmp_path).stdout
    # the same company written another way is the same company
    same = coach("add-option", "offer", "--company", "acme", "--interview", "1", data_dir=tmp_path)
    assert same.returncode == 0, same.stderr


@pytest.mark.parametrize(
    ("args", "said"),
    [
        # not "Invalid value for '--limit': Input should be greater than or equal to 1"
        (["history", "--limit", "0"], "error: --limit should be at least 1; "),
        (["progress", "--last", "0"], "error: --last should be at least 1; "),
        (["nosuch"], "error: No such command 'nosuch'; `coach --help` lists what it takes."),
        # the first command a new user types, after the app's first page
        (
            ["practice"],
            "error: No such command 'practice': the Practice page's twin is `coach record take.wav`, then "
            "`coach analyze take.wav --save`; ",
        ),
        (["history", "--nope"], "error: No such option: --nope; `coach history --help` lists what it takes."),
        # a missing argument as its help names it, not the code's name ('interview_id', 'out')
        (["delete-answer"], "error: Missing the practice answer's number (#N in `coach history`); "),
        (["interview"], "error: Missing the interview's id (see `coach interviews`); "),
        (["record"], "error: Missing the .wav file to write; "),
        # not the number parser's words ("Input should be a valid integer, unable to parse string as
        # an integer") nor the argument's name in the code ('interview_id')
        (["interview", "abc"], "error: The interview id should be a whole number; "),
        (["history", "--limit", "ten"], "error: --limit should be a whole number; "),
        # nor the code's names for a practice answer ('attempt_id') or a backup ('out', 'source')
        (["delete-answer", "abc"], "error: The answer number should be a whole number; "),
        (["export"], "error: Missing the .zip to write (database content as JSON and recordings); "),
        (["import"], "error: Missing a zip written by `coach export`; "),
    ],
)
def test_a_mistyped_command_line_is_one_line_like_every_error(tmp_path, args, said):
    """click's own errors took four lines, a usage line first and "Error:" last, where every other
    error of the coach is one line starting "error:"."""
    result = coach(*args, data_dir=tmp_path)
    assert result.returncode == 2 and result.stdout == ""
    assert len(result.stderr.splitlines()) == 1 and result.stderr.startswith(said), result.stderr
    assert "--help` lists what it takes." in result.stderr


def test_a_recording_length_out_of_range_says_it_in_hours_and_what_was_given(tmp_path):
    """It read "--seconds must be between 0.5 and 10800.": a number without its unit or separator."""
    result = coach("record", tmp_path / "take.wav", "--seconds", "-3", data_dir=tmp_path)
    assert result.returncode == 1 and not (tmp_path / "take.wav").exists()
    assert result.stderr == "error: --seconds is how long to record, from 0.5 to 10,800 (3 hours), not -3.\n"


def test_someone_met_is_removed_from_the_terminal(tmp_path):
    """The page could remove someone met at an interview; no command could."""
    assert (
        coach(
            "add-interview", "Acme", "--date", "2026-11-20", "--person", "Sam Lee — EM", data_dir=tmp_path
        ).returncode
        == 0
    )
    assert coach("add-person", "1", "Dana Ortiz — recruiter", data_dir=tmp_path).returncode == 0
    removed = coach(
        "remove-person", "1", "dana  ortiz", data_dir=tmp_path
    )  # as typed, case and spacing aside
    assert removed.returncode == 0 and removed.stdout.strip() == "Removed Dana Ortiz from interview #1."
    shown = coach("interview", "1", data_dir=tmp_path).stdout
    assert "People met:\n  - Sam Lee — EM\n" in shown and "Dana" not in shown, shown
    unknown = coach("remove-person", "1", "Bob", data_dir=tmp_path)
    assert unknown.returncode == 1
    assert unknown.stderr.strip() == "error: Interview #1 has nobody called 'Bob'; it has Sam Lee."


def test_an_interviews_answers_are_listed_under_their_questions_words(tmp_path):
    """`coach interview N` listed each answer under the question as Whisper wrote it, with ".:"
    ("Next one, tell me an outer time new leather project without formal authority.: score 89"),
    where the page names the bank question it matched."""
    from store_support import analysis_dict, transcript_dict

    from coach.config import load_settings
    from coach.store import add_interview, open_store, save_interview_recording

    db = open_store(load_settings(data_dir=tmp_path))
    try:
        interview_id = add_interview(db, company="Acme", interview_date="2026-11-20")
        heard = "Next one, tell me an outer time new leather project without formal authority."
        answer = {
            "question_text": heard,
            "question_id": "beh-lead-01",
            "transcript": transcript_dict(),
            "analysis": analysis_dict(overall=89.0),
        }
        short = "Only 14 words in 5 s: too little to measure."
        unmeasured = {
            "question_text": "Do you have any questions for us?",
            "question_id": "close-01",
            "transcript": transcript_dict(),
            "analysis": {**analysis_dict(), "scores": None, "warnings": [short]},
        }
        save_interview_recording(
            db,
            interview_id,
            recording=None,
            transcript=None,
            engine="e",
            model="m",
            answers=[answer, unmeasured],
        )
    finally:
        db.close()
    shown = coach("interview", str(interview_id), data_dir=tmp_path).stdout
    assert (  # wrapped at words in 80 columns
        "1. “Tell me about a time you led a project or team without formal authority.” score 89, 150 wpm"
        in unwrapped(shown)
    ), shown
    assert ".:" not in shown and "outer time" not in shown
    # an answer the review could not measure says why, where it said only "not measured"
    assert (
        "2. “Do you have any questions for us?” not measured: Only 14 words in 5 s: too little to measure."
        in unwrapped(shown)
    ), shown


def test_questions_are_starred_and_listed_from_the_terminal(tmp_path):
    """Favourites were on the Questions page only: no command starred one or listed them."""
    none = coach("questions", "--favourites", data_dir=tmp_path)
    assert none.returncode == 1
    assert none.stderr.strip() == "error: You have starred no question yet; star one with `coach star ID`."
    starred = coach("favourite", "beh-lead-01", data_dir=tmp_path)
    assert starred.stdout.strip() == (
        "Starred “Tell me about a time you led a project or team without formal authority”."
    )
    listed = coach("questions", "--favourites", data_dir=tmp_path).stdout.splitlines()
    # one question, its words wrapped under the id column in 80 columns
    assert listed[0].startswith("beh-lead-01") and listed[-1].endswith("authority. ★"), listed
    assert all(line.startswith(" ") for line in listed[1:]), listed
    as_json = json.loads(coach("questions", "--json", data_dir=tmp_path).stdout)
    assert [q["id"] for q in as_json if q["favourite"]] == ["beh-lead-01"]
    assert coach("favourite", "beh-lead-01", "--remove", data_dir=tmp_path).stdout.startswith(
        "Took the star off"
    )
    unknown = coach("favourite", "nope", data_dir=tmp_path)
    assert unknown.returncode == 1 and "There is no question with id 'nope'" in unknown.stderr


def test_a_question_typed_is_held_to_what_the_pages_take(tmp_path):
    """`coach add-question` kept an 843-character "question" the page's box stops at 400."""
    long = "Tell me about the time " + "and then " * 90 + "what happened?"
    refused = coach("add-question", long, data_dir=tmp_path)
    assert refused.returncode == 1
    assert refused.stderr.startswith(
        f"error: The question is {len(long)} characters long; keep it to the question"
    )
    assert coach("add-question", "Tell me about the time you moved house?", data_dir=tmp_path).returncode == 0
    # the listing's columns line up past an own question's id longer than the banks' (it read
    # "user-tell-me-about-the-1 [behavioural · …", one column further right than the banks' lines):
    # the id on a line of its own, its words on the next in the column
    listed = coach("questions", "--category", "behavioural", data_dir=tmp_path).stdout.splitlines()
    at = next(i for i, line in enumerate(listed) if line.startswith("user-"))
    assert len(listed[at]) > 14 and " " not in listed[at], listed[at]
    assert listed[at + 1].index("[") == listed[0].index("["), listed[at : at + 2]
    assert {line.index(" [") for line in listed if " [" in line} == {listed[0].index(" [")}, listed


def test_history_lists_an_answer_to_a_deleted_question_by_its_words(clips, tmp_path):
    """`coach history` showed a deleted question's id, which `coach questions` no longer knows."""
    added = coach("add-question", "What did you ship last quarter?", data_dir=tmp_path)
    assert added.returncode == 0, added.stderr
    question_id = added.stdout.split()[0]  # "user-what-did-you-ship-last-1 · behavioural · …"
    saved = coach(
        "analyze",
        clips / "fillers.wav",  # any take: fillers.wav's 14 s transcribe faster than clean.wav's 18 s
        "--save",
        "--question",
        question_id,
        "--no-progress",
        data_dir=tmp_path,
    )
    assert saved.returncode == 0, saved.stderr
    assert coach("delete-question", question_id, "--yes", data_dir=tmp_path).returncode == 0
    lines = coach("history", data_dir=tmp_path).stdout.splitlines()
    [row] = [i for i, x in enumerate(lines) if x.startswith("#1 ")]
    # on the next line, as no room is left on the row in 80 columns
    assert (
        question_id not in "".join(lines) and lines[row + 1].strip() == "“What did you ship last quarter?”"
    ), lines


def test_questions_say_how_often_each_was_answered_and_list_the_unanswered(tmp_path):
    """`coach questions` did not say which questions had been answered; the Questions page now
    does, and the command says the same at the end of each answered question's line, and lists
    those never answered (--not-answered) or not answered in the last DAYS days (--not-answered-in)."""
    from store_support import answered_over_months

    from coach.config import load_settings
    from coach.local_time import long_date
    from coach.store import open_store

    db = open_store(load_settings(tmp_path))
    try:
        days = answered_over_months(db)
    finally:
        db.close()
    every = coach("questions", data_dir=tmp_path)
    # under the question's words, the row having no room left in 80 columns
    printed = every.stdout.splitlines()
    [yourself] = [i for i, line in enumerate(printed) if line.startswith("mot-05 ")]
    assert printed[yourself].endswith("Tell me about yourself."), printed[yourself]
    said = " ".join(printed[yourself + 1 : yourself + 3])
    assert " ".join(said.split()) == (
        f"— Answered 3 times (1 in a real interview), last on {long_date(days['mot-05'])} (score 71)"
    ), said
    assert printed[yourself + 1].startswith(f"{'':15}— Answered"), printed[yourself + 1]
    [lead] = [i for i, line in enumerate(printed) if line.startswith("beh-lead-01 ")]
    # its day as `coach progress` and the Questions page say a day in a sentence, not "2026-10-18"
    once = f"— Answered once, on {long_date(days['beh-lead-01'])} (score 65)"
    assert printed[lead + 2] == f"{'':15}{once}", printed

    def rows(*args) -> list[str]:  # a question's first line each
        listed = coach("questions", *args, data_dir=tmp_path).stdout.splitlines()
        return [line for line in listed if not line.startswith(" ")]

    total = len(rows())
    assert every.stderr.strip() == f"{total} questions, 2 of them answered."
    never = coach("questions", "--not-answered", data_dir=tmp_path).stdout.splitlines()
    assert len(rows("--not-answered")) == total - 2 and not any(" — Answered" in line for line in never)
    lately = rows("--not-answered-in", "30")
    assert len(lately) == total - 1 and any(line.startswith("beh-lead-01 ") for line in lately)
    assert len(rows("--not-answered-in", "60")) == total - 2
    both = coach("questions", "--not-answered", "--not-answered-in", "30", data_dir=tmp_path)
    assert both.returncode == 1 and "choose one" in both.stderr
    as_json = {q["id"]: q for q in json.loads(coach("questions", "--json", data_dir=tmp_path).stdout)}
    assert (as_json["mot-05"]["times_answered"], as_json["mot-05"]["last_score"]) == (3, 71.0)
    assert as_json["mot-05"]["last_answered"] == days["mot-05"].isoformat()
    assert as_json["swe-beh-01"]["times_answered"] == 0


def test_questions_answered_lists_those_answered_as_the_page_s_answered_before(tmp_path):
    """A year in, 96 of 302 questions answered: the Questions page's "Your answers: Answered
    before" lists those 96; `coach questions` had no such choice (only --not-answered and
    --not-answered-in), so the terminal gave all 302 to read through."""
    from store_support import answered_over_months

    from coach.config import load_settings
    from coach.store import open_store

    db = open_store(load_settings(tmp_path))
    try:
        answered_over_months(db)
    finally:
        db.close()
    shown = coach("questions", "--answered", data_dir=tmp_path)
    assert shown.returncode == 0, shown.stderr
    assert [line.split()[0] for line in shown.stdout.splitlines() if not line.startswith(" ")] == [
        "beh-lead-01",
        "mot-05",
    ], shown.stdout
    assert shown.stderr.strip() == "2 questions, 2 of them answered."
    as_json = json.loads(coach("questions", "--answered", "--json", data_dir=tmp_path).stdout)
    assert [q["id"] for q in as_json] == ["beh-lead-01", "mot-05"]
    both = coach("questions", "--answered", "--not-answered", data_dir=tmp_path)
    assert both.returncode == 1 and "choose one" in both.stderr, both.stderr


def test_a_random_question_in_json_says_whether_starred_and_how_often_answered(tmp_path):
    """`coach questions --random --json` had neither "starred" nor "times_answered", which the list
    (`coach questions --json`) gives each question; and --random ignored --not-answered, picking a
    question already answered."""
    from store_support import answered_over_months

    from coach.config import load_settings
    from coach.store import open_store

    db = open_store(load_settings(tmp_path))
    try:
        days = answered_over_months(db)
    finally:
        db.close()
    coach("star", "beh-lead-01", data_dir=tmp_path)
    picked = coach("questions", "--random", "--json", "--starred", data_dir=tmp_path)
    assert picked.returncode == 0, picked.stderr
    [listed] = json.loads(coach("questions", "--json", "--starred", data_dir=tmp_path).stdout)
    assert json.loads(picked.stdout) == listed
    assert (listed["starred"], listed["times_answered"]) == (True, 1)
    assert listed["last_answered"] == days["beh-lead-01"].isoformat()
    # among the questions never answered, as the list's --not-answered: mot-05 (answered 3 times)
    # was picked among the 2 questions matching "about yourself"
    for _ in range(8):
        fresh = coach(
            "questions", "--random", "--json", "--not-answered", "--search", "yourself", data_dir=tmp_path
        )
        assert fresh.returncode == 0, fresh.stderr
        assert json.loads(fresh.stdout)["times_answered"] == 0, fresh.stdout
    answered = coach("questions", "--random", "--starred", "--not-answered", data_dir=tmp_path)
    assert answered.returncode == 1
    assert answered.stderr.strip() == (
        "error: You have answered every question that matches; drop --not-answered to pick among them."
    )


def test_coach_interviews_says_the_cadence_as_the_interviews_page_does(tmp_path):
    """The Interviews page opens on the cadence: the goal, how many real interviews the last period
    held, and when the next is due ("on track"); `coach interviews`, its terminal twin, said none
    of it (a year's 25 stages listed, and nothing of whether the next one is due)."""
    from datetime import date, timedelta

    from coach.config import load_settings
    from coach.local_time import long_date
    from coach.store import add_interview, open_store

    held = date.today() - timedelta(days=20)
    db = open_store(load_settings(tmp_path))
    try:
        add_interview(db, company="Acme", stage="first round", interview_date=held.isoformat())
    finally:
        db.close()
    shown = coach("interviews", data_dir=tmp_path)
    assert shown.returncode == 0, shown.stderr
    due = long_date(held + timedelta(days=91))  # as `coach progress` says a day
    assert shown.stdout.splitlines()[-2:] == [  # wrapped at words in 80 columns
        "Cadence goal: 1 real interview every quarter; 1 held in the last 91 days; next",
        f"  due by {due} (on track).",
    ], shown.stdout
