"""A debrief's notes 20,000 characters long were printed whole on the Interviews page's pipeline
card and in `coach interviews`, taking over the overview. Now both show their start, ending with
"…", and say where the rest is; the stage's own view and `coach interview ID` keep them whole."""

from app_support import interviews_page, markdown_text
from cli_support import run_coach, unwrapped

from coach.interview_log import NOTES_EXCERPT_CHARS, notes_excerpt
from coach.lines import shortened
from coach.ui.highlight import escape

SENTENCE = "The panel pressed on the migration plan and I lost the thread of the rollback story. "
LONG = SENTENCE * 240  # about 20,000 characters


def _interview_with_long_notes(data_dir) -> str:
    added = run_coach(
        "add-interview",
        "Acme",
        "--role",
        "Staff engineer",
        "--stage",
        "first round",
        "--date",
        "2026-11-20",
        data_dir=data_dir,
    )
    assert added.returncode == 0, added.stderr
    debriefed = run_coach("debrief", "1", "--interest", "3", "--notes", LONG, data_dir=data_dir)
    assert debriefed.returncode == 0, debriefed.stderr
    return "1"


def test_coach_interviews_prints_the_start_of_long_notes(tmp_path):
    interview_id = _interview_with_long_notes(tmp_path)
    listing = run_coach("interviews", data_dir=tmp_path)
    assert listing.returncode == 0, listing.stderr
    # wrapped at words in 80 columns, under the notes
    [line] = [line for line in listing.stdout.replace("\n" + " " * 15, " ").splitlines() if "notes:" in line]
    assert len(listing.stdout) < 1000, len(listing.stdout)
    assert line.strip().startswith("notes: The panel pressed on the migration plan")
    assert f"… (the rest: coach interview {interview_id})" in line, line
    whole = run_coach("interview", interview_id, data_dir=tmp_path)
    assert (
        whole.returncode == 0 and unwrapped(whole.stdout).count("lost the thread") == 240
    )  # kept whole there


def test_the_pipeline_card_shows_the_start_of_long_notes_and_the_stage_all_of_them(tmp_path, monkeypatch):
    _interview_with_long_notes(tmp_path)
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    at = interviews_page().run()
    assert not at.exception
    [card] = [m.value for m in at.markdown if m.value.startswith("**Notes after the ")]
    excerpt, cut = notes_excerpt(LONG)
    assert cut and len(excerpt) <= NOTES_EXCERPT_CHARS + 1 and excerpt.endswith("…")
    assert card == (
        f"**Notes after the first round:** {escape(excerpt)}  \n:gray[The rest is in the first round below.]"
    ), card
    assert markdown_text(at).count(escape("lost the thread")) >= 240  # the stage's entry has them whole


def test_short_notes_are_shown_whole():
    assert notes_excerpt("Team seems stretched; on-call every third week.") == (
        "Team seems stretched; on-call every third week.",
        False,
    )


def test_the_pipeline_card_shows_the_start_of_long_notes_about_someone_met(tmp_path, monkeypatch):
    """Notes about a person met, 20,000 characters long, were printed whole on the pipeline card's
    "People met" line; now their start, with where the rest is (the stage's entry keeps them whole)."""
    added = run_coach(
        "add-interview", "Acme", "--stage", "first round", "--date", "2026-11-20", data_dir=tmp_path
    )
    assert added.returncode == 0, added.stderr
    person = run_coach("add-person", "1", f"Dana Ortiz — hiring manager — {LONG}", data_dir=tmp_path)
    assert person.returncode == 0, person.stderr
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    at = interviews_page().run()
    assert not at.exception
    [card] = [m.value for m in at.markdown if m.value.startswith("**People met:**")]
    excerpt, cut = notes_excerpt(LONG)
    assert cut and len(card) < 400, len(card)
    assert card == "**People met:** " + escape(
        f"Dana Ortiz — hiring manager ({excerpt}; the rest is in the first round below)"
    ), card
    assert markdown_text(at).count(escape("lost the thread")) >= 240  # the stage's entry has them whole


def test_the_debrief_form_names_people_recorded_with_the_start_of_their_notes(tmp_path, monkeypatch):
    """The debrief form's "Already recorded: …" caption under People met printed a person's notes
    whole (20,000 characters filled it); now their start, and where the rest is."""
    added = run_coach(
        "add-interview", "Acme", "--stage", "first round", "--date", "2026-11-20", data_dir=tmp_path
    )
    assert added.returncode == 0, added.stderr
    person = run_coach("add-person", "1", f"Dana Ortiz — hiring manager — {LONG}", data_dir=tmp_path)
    assert person.returncode == 0, person.stderr
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    at = interviews_page().run()
    assert not at.exception
    [caption] = [c.value for c in at.caption if c.value.startswith(escape("Already recorded:"))]
    excerpt, cut = notes_excerpt(LONG)
    assert cut and len(caption) < 500, len(caption)
    assert caption.startswith(
        escape(
            f"Already recorded: Dana Ortiz — hiring manager ({excerpt}; the rest is in this stage on "
            "the Interviews page). Add anyone else"
        )
    ), caption


def test_a_cut_after_a_full_stop_does_not_end_in_a_stutter_of_marks():
    """Notes cut just after a sentence's full stop ended "…schedule 2.…" on the pipeline card, and an
    option's details the same on its card; the full stop now goes before the "…"."""
    head = "The team is small. " * 9 + "We agreed on schedule 2. "  # 196 characters
    excerpt, cut = notes_excerpt(head + "Notwithstanding the rota, the team seemed calm.")
    assert cut and excerpt.endswith("schedule 2…"), excerpt
    shown = shortened("Asked about the rota. We agreed on schedule 2. Notwithstanding that…", 52)
    assert shown == "Asked about the rota. We agreed on schedule 2…", shown
