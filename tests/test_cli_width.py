"""Every line the listing commands print fits an 80-column terminal, with long names and questions:
a longer line is wrapped by the terminal mid-word and mid-column."""

from __future__ import annotations

from pathlib import Path

from cli_support import run_coach, unwrapped

from coach.config import load_settings
from coach.store import open_store

WIDTH = 80
LONG_QUESTION = (
    "When a launch you had promised to three customers slipped a second time, how did you tell them, "
    "and what did you change in how the team planned so that it would not slip again?"
)


def _printed(data_dir, *args) -> list[str]:
    result = run_coach(*args, data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    return result.stdout.splitlines()


def _widths(lines: list[str]) -> list[int]:
    return [len(line) for line in lines if len(line) > WIDTH]


def test_questions_fit_80_columns_with_a_long_own_question(tmp_path):
    """`coach questions` printed a question's id, its category, its words and how often it was
    answered on one line (268 columns on a year of practice), and an own question's long id widened
    every row's id column to 32. Now each row fits: the words and "— Answered …" wrap at words under
    the id column, an own question's id is whole on a line of its own; --to-ask, --random and
    add-question fit too."""
    from store_support import answered_over_months

    added = _printed(tmp_path, "add-question", LONG_QUESTION, "--talking-point", LONG_QUESTION)
    assert not _widths(added), added
    own_id = added[0].split()[0]
    assert own_id.startswith("user-") and len(own_id) > 14, added
    db = open_store(load_settings(tmp_path))
    try:
        answered_over_months(db)
    finally:
        db.close()
    assert run_coach("star", "mot-05", data_dir=tmp_path).returncode == 0

    listed = _printed(tmp_path, "questions")
    assert not _widths(listed), _widths(listed)
    # the id whole on its own line, the words under the column, whole once joined
    at = listed.index(own_id)
    words = []
    for line in listed[at + 1 :]:
        if not line.startswith(" " * 15):
            break
        words.append(line.strip())
    assert " ".join(words).endswith(LONG_QUESTION), words
    [yourself] = [i for i, line in enumerate(listed) if line.startswith("mot-05 ")]
    assert listed[yourself].endswith("Tell me about yourself. ★"), listed[yourself]
    assert listed[yourself + 1].startswith(" " * 15 + "— Answered 3 times (1 in a real interview)")
    for args in (("--to-ask",), ("--answered",), ("--random", "--search", "slipped a second time")):
        shown = _printed(tmp_path, "questions", *args)
        assert not _widths(shown), (args, _widths(shown))


COMPANY = "Consolidated Interstellar Logistics Holdings International"
ROLE = "Principal software engineer, developer productivity and platform reliability"
STAGE = "final round with the whole leadership team of the platform group"
PERSON = (
    "Maximiliana Featherstonehaugh-Oyelaran — Vice President of Engineering, Developer Platform — "
    "ex-Stripe, ran the migration to Kubernetes"
)


def _long_interview(data_dir) -> str:
    """An interview at a long-named company with long people, notes, red flags and an offer: its id."""
    added = _printed(
        data_dir, "add-interview", COMPANY, "--date", "2026-11-28", "--role", ROLE, "--stage", STAGE,
        "--notes", "They asked a lot about how the platform team measured developer experience and "
        "whether on-call load was shared fairly across the organisation; bring numbers next time.",
        "--person", PERSON, "--person", "Bartholomew Okonkwo-Vandersloot — Senior Technical Recruiter",
    )  # fmt: skip
    interview_id = added[0].split("#")[1].split(":")[0]
    _printed(
        data_dir, "debrief", interview_id, "--interest", "4", "--proceed", "yes",
        "--went-well", "The incident story landed well with the VP, especially the rollback and the "
        "postmortem that followed it.",
        "--red-flags", "On-call seemed to fall on the same three people every week, and nobody said so.",
        "--question", "How would you design the failover for a payment system that must stay up when "
        "a whole region goes dark?",
    )  # fmt: skip
    _printed(
        data_dir, "add-option", "offer", "--company", COMPANY, "--title", ROLE,
        "--compensation", "210k base + 15% bonus + 400k equity over four years",
        "--details", "Platform team of 12, remote-friendly, on-call every six weeks, a conference budget",
        "--deadline", "2026-12-20", "--interview", interview_id, "--interest", "4",
    )  # fmt: skip
    return interview_id


def test_interviews_fit_80_columns_with_long_names(tmp_path):
    """`coach interviews` printed an opportunity's company and role, the people met, red flags,
    each offer's facts and the cadence each on one line: 253 columns for a long-named company's
    people, 258 for its offer, and a stage longer than its column ran into "interest 4/5". Every
    line now fits, wrapped at words under its heading (nothing cut but a long stage on its row,
    which `coach interview ID` names whole)."""
    interview_id = _long_interview(tmp_path)
    listed = _printed(tmp_path, "interviews")
    assert not _widths(listed), _widths(listed)
    together = " ".join(" ".join(listed).split())
    for whole in (f"{COMPANY} · {ROLE}  (", "Maximiliana Featherstonehaugh-Oyelaran — Vice President of"):
        assert " ".join(whole.split()) in together, whole
    assert "On-call seemed to fall on the same three people every week" in together
    [row] = [line for line in listed if line.startswith(f"  #{interview_id:<4} 2026-11-28")]
    assert row.endswith("…  interest 4/5") and "final round with the whole" in row, row


def test_an_interview_fits_80_columns_and_is_shown_whole(tmp_path):
    """`coach interview N` printed its company, role and stage, its notes, each person met, each
    debrief field and question on one line each (188 columns on the year's data, 216 with a
    long-named company). Every line now fits, each part wrapped at words under its own indent,
    nothing cut (the interview is shown whole here), a command to type whole on its line."""
    interview_id = _long_interview(tmp_path)
    shown = _printed(tmp_path, "interview", interview_id)
    assert not _widths(shown), _widths(shown)
    together = " ".join(" ".join(shown).split())
    for whole in (
        f"#{interview_id} {COMPANY} · {ROLE}: {STAGE}, Sat 28 Nov 2026",
        "whether on-call load was shared fairly across the organisation; bring numbers next time.",
        "Maximiliana Featherstonehaugh-Oyelaran — Vice President of Engineering, Developer Platform "
        "(ex-Stripe, ran the migration to Kubernetes)",
        "How would you design the failover for a payment system that must stay up when a whole region "
        "goes dark?",
    ):
        assert whole in together, whole
    assert any(f"`coach review RECORDING --save --interview {interview_id}`" in line for line in shown)


def test_progress_fits_80_columns(tmp_path):
    """`coach progress` printed each measure's trend, the practice goal, the skill gaps and the
    questions to practise for them as one line each: 161-174 columns on a year of practice. Every
    line now wraps at words in 80 columns, its next lines under its own heading; a question's id
    and a command to type stay whole."""
    from store_support import answered_over_months

    db = open_store(load_settings(tmp_path))
    try:
        answered_over_months(db)
    finally:
        db.close()
    interview_id = _long_interview(tmp_path)
    _printed(tmp_path, "debrief", interview_id, "--skill-gaps", "system design, handling conflict, influence")
    shown = _printed(tmp_path, "progress")
    assert not _widths(shown), _widths(shown)
    together = unwrapped("\n".join(shown))
    assert "Skill gaps from your debriefs: " in together, shown
    practise = [line for line in shown if line.startswith("  practise: [")]
    assert practise and all(line.split()[1].endswith("]") for line in practise), practise


def test_the_playbook_fits_80_columns(tmp_path):
    """`coach playbook` printed each paragraph and each step on one line: 270 columns for the step
    on conflicts with your current employer, 28 of its 85 lines past 80. Every line now wraps at
    words in 80 columns, a step's next lines under its words; the Markdown kept as a file
    (--markdown) is as written."""
    shown = _printed(tmp_path, "playbook")
    assert not _widths(shown), _widths(shown)
    step = next(i for i, line in enumerate(shown) if line.startswith("• Check conflicts"))
    assert shown[step + 1].startswith("  ") and shown[step + 1][2] != " ", shown[step : step + 2]
    # a command a line can hold is whole on one
    assert any("`coach playbook cadence --interviews N --every-days D`" in line for line in shown), shown
    kept = _printed(tmp_path, "playbook", "--markdown")
    assert any(len(line) > WIDTH for line in kept)  # one paragraph a line, for the file


def test_prepare_fits_80_columns_with_a_long_named_interview(tmp_path):
    """`coach prepare N` named the interview's company and stage on one line (154 columns for a
    long-named company). Now it wraps at words, each step's next lines under its words."""
    interview_id = _long_interview(tmp_path)
    shown = _printed(tmp_path, "prepare", interview_id)
    assert not _widths(shown), _widths(shown)
    assert f"— {COMPANY}, {STAGE} on Sat 28 Nov 2026:" in unwrapped("\n".join(shown)), shown


def test_goals_settings_and_models_fit_80_columns(tmp_path):
    """`coach goals` said how to set a goal on one line of 178 columns, `coach settings` its
    thresholds on one of 130, `coach models` a model's note on one of 123 (each past 80 with the
    defaults alone). Each line now wraps at words, a model's note under its column."""
    for command in ("goals", "settings", "models"):
        result = run_coach(command, data_dir=tmp_path)
        assert result.returncode == 0, result.stderr
        lines = (result.stdout + result.stderr).splitlines()
        assert not _widths(lines), (command, _widths(lines))
    models = _printed(tmp_path, "models")
    note = next(i for i, line in enumerate(models) if line.startswith("openai-whisper  tiny.en "))
    column = models[note].index("Quick")
    assert models[note + 1].startswith(" " * column) and models[note + 1][column] != " ", models[
        note : note + 2
    ]


LONG_TAKE_NAME = "Mock interview with Consolidated Interstellar Logistics, second round.wav"


def _a_silent_take_kept(data_dir) -> tuple[str, str]:
    """A silent take with a long name, `coach analyze --save`d: kept, not analysed. Its name and
    where it is kept, as the listings print it."""
    takes = data_dir / "takes"
    takes.mkdir()
    (takes / LONG_TAKE_NAME).write_bytes((Path(__file__).parent / "data" / "silence.wav").read_bytes())
    saved = run_coach("analyze", takes / LONG_TAKE_NAME, "--save", "--no-progress", data_dir=data_dir)
    assert saved.returncode == 1, saved.stdout
    [kept] = (data_dir / "recordings").rglob("*.wav")
    return LONG_TAKE_NAME, kept.relative_to(data_dir).as_posix()


def test_a_recording_not_analysed_fits_80_columns_its_name_and_path_whole(tmp_path):
    """`coach history` named a recording saved but not analysed, its path and why on one line:
    177 columns for short.wav, 330 for a take named after the interview it rehearsed. The line
    now wraps at words, the name and the path each whole on a line (what finds the file), the
    sentence the same once joined."""
    name, path = _a_silent_take_kept(tmp_path)

    shown = _printed(tmp_path, "history")
    assert not _widths(shown), _widths(shown)
    assert any(name in line for line in shown) and any(f"({path}):" in line for line in shown), shown
    assert shown[0] == "0 practice answers." and unwrapped("\n".join(shown[1:])).startswith(
        f"saved but not analysed: {name} ({path}): {name} is silent; if you recorded it, check that"
    ), shown


def test_reanalyze_fits_80_columns_its_summary_and_what_it_kept(tmp_path):
    """`coach reanalyze` printed its summary on one line of 155 columns and "Kept, not tried
    again: …" with the take's path, why and the command that deletes it on one of 290 and more.
    Both now wrap at words in 80 columns, the path whole on a line, the same once joined."""
    name, path = _a_silent_take_kept(tmp_path)

    shown = _printed(tmp_path, "reanalyze")
    assert not _widths(shown), _widths(shown)
    assert any(line.strip().startswith(path) for line in shown), shown  # the path whole, to copy
    said = unwrapped("\n".join(shown))
    assert said.startswith(
        "0 answers analysed again, 0 already current, 0 recordings analysed for the first"
    ), said
    assert (
        "failed (analysis version " in said and f"). Kept, not tried again: {path}. {name} is silent;" in said
    )
    assert said.endswith(f"`coach delete-recording {path}` deletes it."), said


DATA_ENGINEER = """Senior Data Engineer - Northwind

Northwind builds the payments infrastructure behind thousands of online shops. You will design
idempotent APIs for card payments, run Kafka streams and Airflow pipelines into PostgreSQL and
Snowflake, keep the platform PCI DSS compliant, own incident response and on-call rotations, write
Terraform for our AWS accounts, and mentor engineers on data modelling and observability."""


def test_a_job_descriptions_key_terms_fit_80_columns(tmp_path):
    """`coach job-description N` listed a description's key terms on one line: 160 columns for a
    data engineer's posting, cut mid-term by the terminal, and `coach add-interview
    --job-description` the same after "Kept its job description.". The terms now wrap at words in
    80 columns, the same list once joined."""
    from coach.analysis.word_use import description_terms

    terms = description_terms(DATA_ENGINEER, company="Northwind")["terms"]
    said = "Key terms: " + ", ".join(terms) + "."
    assert len(said) > WIDTH, said  # a line the terminal would cut
    added = run_coach(
        "add-interview", "Northwind", "--date", "2026-01-10", "--job-description", "-",
        data_dir=tmp_path, stdin=DATA_ENGINEER,
    )  # fmt: skip
    assert added.returncode == 0, added.stderr
    kept = run_coach("job-description", "1", "-", data_dir=tmp_path, stdin=DATA_ENGINEER).stdout.splitlines()
    shown = _printed(tmp_path, "job-description", "1")[len(DATA_ENGINEER.splitlines()) :]
    for printed in (added.stdout.splitlines(), kept, shown):
        assert not _widths(printed), printed
    assert unwrapped(added.stdout).endswith(f"Kept its job description. {said}"), added.stdout
    assert unwrapped("\n".join(kept)) == f"Kept the job description with interview #1. {said}"
    assert unwrapped("\n".join(shown)) == said, shown


def _stderr_on_a_terminal(data_dir, *args) -> list[str]:
    """`coach ARGS`, which must fail with nothing on stdout, started as a user starts it, its stderr
    a terminal (a pseudo-terminal): the lines the user sees."""
    return _on_a_terminal(data_dir, args, "stderr")


def _stdout_on_a_terminal(data_dir, *args, cwd: Path | None = None) -> list[str]:
    """`coach ARGS`, which must succeed, started as a user starts it (in `cwd`), its stdout a
    terminal (a pseudo-terminal): the lines the user sees."""
    return _on_a_terminal(data_dir, args, "stdout", cwd)


def _on_a_terminal(data_dir, args: tuple, stream: str, cwd: Path | None = None) -> list[str]:
    """`coach ARGS` with its `stream` ("stdout" or "stderr") a pseudo-terminal and the other a pipe:
    the terminal's lines, once the command ended as it must (stderr: failed, stdout empty)."""
    import os
    import pty
    import subprocess
    import sys

    main, terminal = pty.openpty()
    env = {**os.environ, "COACH_DATA_DIR": str(data_dir), "PYTHONPATH": str(Path(__file__).parents[1])}
    env.pop("COACH_DATABASE_URL", None)
    streams = {"stdout": subprocess.PIPE, "stderr": subprocess.PIPE, stream: terminal}
    try:
        done = subprocess.run(
            [sys.executable, "-m", "coach", *map(str, args)], **streams, env=env, cwd=cwd, timeout=120
        )
        os.close(terminal)
        seen = b""
        while chunk := _read_or_nothing(main):
            seen += chunk
    finally:
        os.close(main)
    if stream == "stderr":
        assert done.returncode == 1 and done.stdout == b"", done
    else:
        assert done.returncode == 0, done
    return seen.decode().replace("\r\n", "\n").splitlines()


def _read_or_nothing(fd: int) -> bytes:
    import os

    try:
        return os.read(fd, 4096)
    except OSError:  # the terminal's other end closed: all was read
        return b""


def test_an_error_wraps_at_words_in_80_columns_on_a_terminal_and_is_one_line_for_a_script(tmp_path):
    """`coach job-description 1` for an interview with no description kept printed its error on one
    line of 104 columns: an 80-column terminal cut it mid-word, in the command to type. On a
    terminal an error now wraps at words under "error: ", the command whole on its line; read by a
    script (stderr not a terminal) it is still the one line it was."""
    _printed(tmp_path, "add-interview", "Acme", "--date", "2026-01-10")
    seen = _stderr_on_a_terminal(tmp_path, "job-description", "1")
    assert len(seen) > 1 and not _widths(seen), seen
    assert seen[0].startswith("error: Interview #1 keeps no job description; give one:"), seen
    assert all(line.startswith("  ") and line[2] != " " for line in seen[1:]), seen
    assert any("`coach job-description 1 FILE`" in line for line in seen), seen
    said = unwrapped("\n".join(seen))
    assert said.endswith("`coach job-description 1 FILE` (or - to paste it)."), said

    refused = run_coach("job-description", "1", data_dir=tmp_path)
    assert refused.returncode == 1 and refused.stderr.strip() == said, refused.stderr


# A typed answer whose report says much: a situation told at length, "we" only, no number, hedges
LONG_ANSWER = (
    "So, um, when I joined the payments team the checkout service was, like, failing at peak every "
    "single Friday and nobody really knew why, because the people who wrote it had all moved on to "
    "other teams and the code had no tests at all. I think we maybe looked at the logs first. Then we "
    "sort of traced the slow requests and we found a query that read the whole orders table, and we "
    "added an index and moved the nightly jobs to a queue. It kind of worked out in the end, I guess."
)


def test_analyze_fits_80_columns_each_part_of_its_report_whole_once_joined(tmp_path):
    """`coach analyze` printed each score's reasons on one line (the content score's of 246
    columns), each piece of feedback on one (125) and the transcript on one (2,433 columns for a
    20 s news clip): an 80-column terminal cut them mid-word. Each now wraps at words, a score's
    and a point's next lines under their words; joined again they read as `--json` gives them."""
    import json

    answer = tmp_path / "answer.txt"
    answer.write_text(LONG_ANSWER + "\n")
    shown = _printed(tmp_path, "analyze", "--text", answer)
    assert not _widths(shown), _widths(shown)
    data = json.loads(run_coach("analyze", "--text", answer, "--json", data_dir=tmp_path).stdout)
    said = unwrapped("\n".join(shown))
    assert said.startswith(unwrapped(LONG_ANSWER)), said
    for name, score in data["scores"].items():
        if isinstance(score, dict) and score.get("score") is not None:
            assert f"{name}: {score['score']}/100 — {unwrapped(score['because'])}" in said, name
    for point in data["feedback"]:
        assert f"• {unwrapped(point)}" in said, point
    # each point's next lines under its words, not at the bullet's column
    bullets = [n for n, line in enumerate(shown) if line.startswith("• ")]
    between = shown[bullets[0] : bullets[-1]]
    assert any(line.startswith("  ") for line in between), between  # a point was wrapped
    assert all(line.startswith(("• ", "  ")) for line in between), between


def test_an_import_s_summary_wraps_at_words_on_a_terminal_and_is_one_line_for_a_script(tmp_path, monkeypatch):
    """`coach import` said what a backup brought in on one line (130 columns for a backup of two
    interviews imported again), cut mid-word by an 80-column terminal, and `coach export` what it
    wrote (102). On a terminal each now wraps at words, as an error does, the backup's path whole on
    its line; read through a pipe each is still the one line a script compares."""
    here, there = tmp_path / "here", tmp_path / "there"
    _printed(here, "add-interview", "Northwind Payments", "--date", "2026-01-10", "--role", "Staff engineer")
    _printed(here, "add-interview", "Contoso", "--date", "2026-02-10", "--person", "Ann Lee — CTO — kind")
    _printed(here, "add-question", LONG_QUESTION)
    monkeypatch.chdir(tmp_path)  # the backup named as typed, relative to here
    (tmp_path / "my backups").mkdir()
    backup = "my backups/coach backup.zip"
    exported = _stdout_on_a_terminal(here, "export", backup, cwd=tmp_path)
    exported_piped = _printed(here, "export", backup, "--replace")
    assert len(exported_piped) == 1 and len(exported_piped[0]) > WIDTH, exported_piped
    assert len(exported) > 1 and not _widths(exported), exported
    assert unwrapped("\n".join(exported)) == exported_piped[0], exported
    assert any(backup in line for line in exported), exported  # the path whole, to copy

    _printed(there, "import", backup)
    seen = _stdout_on_a_terminal(there, "import", backup, cwd=tmp_path)
    piped = _printed(there, "import", backup)
    assert len(piped) == 1 and len(piped[0]) > WIDTH, piped  # the same sentence, on one line
    assert piped[0].startswith("Nothing new to import: everything in this backup is already here ("), piped
    assert len(seen) > 1 and not _widths(seen), seen
    assert unwrapped("\n".join(seen)) == piped[0], seen
