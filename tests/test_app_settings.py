"""The Settings page: offline models only, thresholds with sources, backup, delete with confirmation."""

import re

import pytest
from app_support import page, seeded_dir

from coach import store
from coach.config import Thresholds, load_settings
from coach.transcribe import available_models
from coach.ui import summary


def field(at, name: str):
    """The Settings page's field for threshold `name` (its key changes when the stored values do)."""
    [found] = [n for n in at.number_input if re.fullmatch(rf"settings_t_{name}(__\d+)?", n.key or "")]
    return found


def role_box(at):
    [found] = [s for s in at.selectbox if re.fullmatch(r"settings_role(__\d+)?", s.key or "")]
    return found


def save_thresholds(at):
    [b for b in at.button if b.label == "Save thresholds"][0].click().run()


def test_models_thresholds_and_data_dir(monkeypatch):
    data_dir, _ = seeded_dir()
    monkeypatch.setenv("COACH_DATA_DIR", str(data_dir))
    at = page("settings").run()
    assert not at.exception
    offered = at.selectbox[0].options
    available = [summary.model_words(m.engine, m.name) for m in available_models(load_settings(data_dir))]
    assert offered and all(o in {name for name, _ in available} for o in offered)
    assert offered[0] == "Quick"
    # what each does and costs, said beneath the box (in the choice's name it was cut on a phone)
    quick = "Quick: comes with the app; feedback 3–6 seconds after a one-minute answer, longer while"
    assert quick in " ".join(c.value for c in at.caption)
    # each choice says what it does and costs, in words: no engine or model names, no flags
    assert not [o for o in offered if re.search(r"whisper|tiny|\.en\b|--", o, re.I)], offered
    captions = " ".join(c.value for c in at.caption)
    assert "Feedback calls your pace slow or fast" in captions
    # the length range is used only where a question has no time of its own: it said "Feedback says
    # an answer ran short or long when it falls outside this range" (an 18 s answer to a 2:00
    # question is called short under 60 s × 0.8 whatever is set here)
    assert "A question that shows a time (“about 2:00”) is measured against half" in captions
    # the research behind each number is one hover away, not in the caption
    assert "Street & Brady 1982" in at.number_input(key="settings_t_pace_low_wpm").help
    # and the caption says how to reach it on a phone too, where nothing hovers (it said "hover over
    # the question mark" alone; a tap on it opens the same text)
    [sources] = [c.value for c in at.caption if c.value.startswith("Each number comes from research")]
    assert "tap" in sources, sources
    assert "Bortfeld et al. 2001" in at.number_input(key="settings_t_fillers_per_100_words_typical").help


def test_captions_are_in_plain_words(monkeypatch):
    """No raw fractions, no internal names, no flags, no citations: what a choice does for you."""
    data_dir, _ = seeded_dir()
    monkeypatch.setenv("COACH_DATA_DIR", str(data_dir))
    at = page("settings").run()
    shown = [c.value for c in at.caption] + [t.help or "" for t in at.toggle] + [at.selectbox[0].help]
    shown += [n.label for n in at.number_input]
    jargon = re.compile(r"\b0\.\d|F0\.5|COACH_|--|_|\(\w+ (et al\. )?\d{4}\)")
    assert not [s for s in shown if jargon.search(s)], shown
    assert not [s for s in shown if re.search(r"whisper|tiny\.en|MiniLM|MFCC", s, re.I)], shown
    # the "um" detector's fields explained to the person, not to whoever tunes it ("MFCC c1-c12, as
    # librosa's", "median F0", "dev set fillers: 0.93-0.99", "Praat's intensity scale")
    detector = [n.help for n in at.number_input if n.key.startswith("settings_t_filler_")]
    assert len(detector) == 9 and all(detector), detector
    assert not [h for h in detector if re.search(r"MFCC|librosa|F0|dev set|Praat|centroid|percentile", h)]
    talking = at.number_input(key="settings_t_talking_point_min_recall")
    assert talking.label.endswith("(%)") and talking.value == 18  # a share, not 0.181 (nor 18.1)
    assert str(data_dir) in " ".join(str(m.value) for m in at.markdown)


def test_thresholds_are_saved(tmp_path, monkeypatch):
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    at = page("settings").run()
    at.number_input(key="settings_t_long_pause_s").set_value(2.5)
    [b for b in at.button if b.label == "Save thresholds"][0].click().run()
    assert not at.exception
    assert load_settings(tmp_path).thresholds.long_pause_s == 2.5


def test_restoring_the_defaults_shows_them_and_the_next_save_keeps_them(tmp_path, monkeypatch):
    """After "Restore the defaults" the fields still showed 160 wpm, and the next "Save thresholds"
    stored it again."""
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    at = page("settings").run()
    field(at, "pace_high_wpm").set_value(160)
    field(at, "situation_max_share").set_value(42.5)
    save_thresholds(at)
    assert load_settings(tmp_path).thresholds.pace_high_wpm == 160
    [b for b in at.button if b.label == "Restore the defaults"][0].click().run()
    assert not at.exception
    # the click says what it did (it only redrew the fields; with nothing changed, nothing showed)
    assert [s.value for s in at.success] == [
        "The defaults are back. Answers analysed from now on use them; earlier answers keep the "
        "scores they were given."
    ]
    assert field(at, "pace_high_wpm").value == Thresholds().pace_high_wpm
    assert field(at, "situation_max_share").value == 40
    # new fields, not the old ones with their state deleted: a browser kept showing the old ones
    assert field(at, "pace_high_wpm").key != "settings_t_pace_high_wpm"
    save_thresholds(at)
    assert load_settings(tmp_path).thresholds == Thresholds()


def test_a_pace_band_upside_down_is_refused_and_nothing_is_saved(tmp_path, monkeypatch):
    """A low end of 200 wpm above the high end's 175 was saved ("Saved.") and feedback then said
    165 wpm was "outside the 200–175 band"."""
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    at = page("settings").run()
    field(at, "pace_low_wpm").set_value(200)
    field(at, "long_pause_s").set_value(2.5)
    save_thresholds(at)
    assert not at.exception and not at.success
    assert [e.value for e in at.error] == [
        "The pace band's low end (200 wpm) must be below its high end (175 wpm). Nothing was saved."
    ]
    assert load_settings(tmp_path).thresholds == Thresholds()  # not the pause either
    # a length below zero, a level above full scale: refused in a sentence on saving
    # (test_a_number_outside_what_a_threshold_may_take_is_refused_in_a_sentence)


def test_an_emptied_field_is_named_and_nothing_is_saved(tmp_path, monkeypatch):
    """A field cleared before "Save thresholds" got its old number back and the page said "Saved.",
    so the person thought their change was kept."""
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    at = page("settings").run()
    field(at, "pace_high_wpm").set_value(160)
    field(at, "long_pause_s").set_value(None)  # the box emptied
    save_thresholds(at)
    assert not at.exception and not at.success
    assert [e.value for e in at.error] == [
        "“Long pause (s)” is empty: type a number (its default is 2\u00a0s) or press Restore the defaults. "
        "Nothing was saved."
    ]
    assert load_settings(tmp_path).thresholds == Thresholds()  # not the pace either
    # what was typed stays as typed: the pace, and the box left empty
    assert (field(at, "pace_high_wpm").value, field(at, "long_pause_s").value) == (160, None)
    field(at, "long_pause_s").set_value(2.5)
    save_thresholds(at)
    assert not at.error and at.success
    saved = load_settings(tmp_path).thresholds
    assert (saved.pace_high_wpm, saved.long_pause_s) == (160, 2.5)
    # a share's default as its field shows it: 18%, not 0.181
    field(at, "talking_point_min_recall").set_value(None)
    save_thresholds(at)
    assert [e.value for e in at.error] == [
        "“How much of a talking point one sentence must say to count as heard (%)” is empty: type a "
        "number (its default is 18%) or press Restore the defaults. Nothing was saved."
    ]
    assert load_settings(tmp_path).thresholds == saved


def test_every_emptied_field_is_named_in_one_sentence_and_says_so_in_itself(tmp_path, monkeypatch):
    """Two fields emptied: the sentence under "Save thresholds" named only the first, and the next save
    named the second; an emptied field showed nothing in itself, the sentence screens below it."""
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    at = page("settings").run()
    for name in ("pace_high_wpm", "long_pause_s", "talking_point_min_recall"):
        field(at, name).set_value(None)
    save_thresholds(at)
    assert not at.exception and not at.success
    assert [e.value for e in at.error] == [
        "“Pace: high end of the band (wpm)”, “Long pause (s)” and “How much of a talking point one "
        "sentence must say to count as heard (%)” are empty: type a number in each (their defaults are "
        "175\u00a0wpm, 2\u00a0s and 18%) or press Restore the defaults. Nothing was saved."
    ]
    assert load_settings(tmp_path).thresholds == Thresholds()
    # what an emptied field shows in itself (the browser shows it only while the field is empty)
    assert field(at, "long_pause_s").proto.placeholder == "Empty: type a number (default 2\u00a0s)"
    assert field(at, "talking_point_min_recall").proto.placeholder == "Empty: type a number (default 18%)"


def test_every_range_of_the_thresholds_is_checked():
    from dataclasses import replace

    from coach.config import THRESHOLD_ORDER, check_thresholds
    from coach.errors import InputError

    assert check_thresholds(Thresholds()) == Thresholds()
    for low, high, _ in THRESHOLD_ORDER:
        upside_down = replace(Thresholds(), **{low: getattr(Thresholds(), high)})
        with pytest.raises(InputError, match="Nothing was saved"):
            check_thresholds(upside_down)


@pytest.mark.parametrize(
    ("name", "sentence"),
    [
        (
            "fillers_per_100_words_typical",
            "Fillers per 100 words in ordinary conversation (0) must be above 0 and at most 100 "
            "(the default is 6). Nothing was saved.",
        ),
        (
            "hedges_per_100_words_max",
            "Hedges per 100 words before feedback mentions them (0) must be above 0 and at most 100 "
            "(the default is 4). Nothing was saved.",
        ),
    ],
)
def test_a_rate_of_zero_is_refused_and_nothing_is_saved(tmp_path, monkeypatch, name, sentence):
    """0 fillers per 100 words was saved ("Saved.") and every answer analysed after it ended in
    ZeroDivisionError: float division by zero."""
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    at = page("settings").run()
    field(at, name).set_value(0.0)
    save_thresholds(at)
    assert not at.exception and not at.success
    assert [e.value for e in at.error] == [sentence]
    assert load_settings(tmp_path).thresholds == Thresholds()


@pytest.mark.parametrize(
    ("name", "typed", "sentence"),
    [
        (
            "pitch_window_s",
            0.0,
            "The stretch over which pitch variation is measured (0 s) must be at least 1 s (the default "
            "is 10 s). Nothing was saved.",
        ),
        (
            "long_pause_s",
            -1.0,
            "A long pause (-1 s) must be from 0.1 to 10 s (the default is 2 s). Nothing was saved.",
        ),
        (
            "quiet_below_dbfs",
            10.0,
            "The speech level under which a recording is quiet (10 dB) must be from -70 to -10 dB (the "
            "default is -36 dB). Nothing was saved.",
        ),
        (
            "situation_max_share",
            150.0,
            "The largest share for the situation (150%) must be above 0% and at most 100% (the default "
            "is 40%). Nothing was saved.",
        ),
    ],
)
def test_a_number_outside_what_a_threshold_may_take_is_refused_in_a_sentence(
    tmp_path, monkeypatch, name, typed, sentence
):
    """A stretch of 0 s for pitch variation was saved and every analysis then failed in the prosody.
    The field itself takes any number: a bound in the browser's field left "Save thresholds" doing
    nothing, without a word (tests/e2e/test_settings_browser.py); a settings file is checked as it
    loads (tests/test_config.py)."""
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    at = page("settings").run()
    field(at, name).set_value(typed)
    save_thresholds(at)
    assert not at.exception and not at.success
    assert [e.value for e in at.error] == [sentence]
    assert load_settings(tmp_path).thresholds == Thresholds()


def test_a_long_pause_shorter_than_a_natural_one_says_what_to_change(tmp_path, monkeypatch):
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    at = page("settings").run()
    field(at, "long_pause_s").set_value(0.3)
    save_thresholds(at)
    assert [e.value for e in at.error] == [
        "A long pause (0.3 s) must be longer than the natural pause at a sentence end (0.6 s): "
        "lengthen the long pause or shorten the natural one. Nothing was saved."
    ]


def test_a_share_is_shown_as_it_was_stored_not_rounded(tmp_path, monkeypatch):
    """42.5 typed into "Largest share for the situation (%)" read "43" once saved."""
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    at = page("settings").run()
    field(at, "situation_max_share").set_value(42.5)
    save_thresholds(at)
    assert not at.error
    assert load_settings(tmp_path).thresholds.situation_max_share == 0.425
    for shown in (at, page("settings").run()):  # this run, and the page opened again
        situation = field(shown, "situation_max_share")
        assert situation.proto.format % situation.value == "42.5"
    assert field(at, "long_pause_s").proto.format % 2.0 == "2"


def test_the_fitted_talking_point_share_reads_as_a_whole_percent_and_is_kept_as_fitted(tmp_path, monkeypatch):
    """The talking points' share, fitted to 0.181, read "18.1" (%); shown as 18, it is still 0.181
    once the thresholds are saved with another number changed, and 20 typed is stored as 0.2."""
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    at = page("settings").run()
    talking = field(at, "talking_point_min_recall")
    assert talking.proto.format % talking.value == "18"
    field(at, "long_pause_s").set_value(2.5)
    save_thresholds(at)
    assert not at.error
    saved = load_settings(tmp_path).thresholds
    assert (saved.long_pause_s, saved.talking_point_min_recall) == (
        2.5,
        Thresholds().talking_point_min_recall,
    )
    assert field(at, "talking_point_min_recall").value == 18
    field(at, "talking_point_min_recall").set_value(20)
    save_thresholds(at)
    assert load_settings(tmp_path).thresholds.talking_point_min_recall == 0.2
    assert field(page("settings").run(), "talking_point_min_recall").value == 20


def test_shares_are_shown_and_entered_as_percentages(tmp_path, monkeypatch):
    """'Largest share for the situation (%)' reads 40, as its caption says "40%", not 0.40."""
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    at = page("settings").run()
    situation = field(at, "situation_max_share")
    assert situation.label.endswith("(%)") and situation.value == 40, (situation.label, situation.value)
    assert field(at, "action_i_min_share").value == 50
    situation.set_value(35)
    save_thresholds(at)
    assert not at.exception
    thresholds = load_settings(tmp_path).thresholds
    assert abs(thresholds.situation_max_share - 0.35) < 1e-9 and thresholds.action_i_min_share == 0.5


def test_the_filled_pause_detector_can_be_turned_off_and_stays_off(tmp_path, monkeypatch):
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    at = page("settings").run()
    [toggle] = [t for t in at.toggle if "the transcript leaves out" in t.label]
    assert toggle.value is True
    toggle.set_value(False)
    [b for b in at.button if b.label == "Save transcription settings"][0].click().run()
    assert not at.exception
    assert load_settings(tmp_path).recover_fillers is False
    # what was saved is said, the switch turned off included (it said only "Saved: Quick.")
    assert [m.value for m in at.success] == ["Saved: Quick; verbatim on; “um”s heard from the sound off."]
    # saving thresholds later writes the whole file again and keeps it off
    [b for b in at.button if b.label == "Save thresholds"][0].click().run()
    assert load_settings(tmp_path).recover_fillers is False


def test_delete_all_needs_the_word_then_empties_everything(tmp_path, monkeypatch):
    from app_support import DATA

    from coach.practice import practice_answer

    practice_answer(DATA / "clean.wav", load_settings(tmp_path))
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    at = page("settings").run()
    role_box(at).set_value("data")
    [b for b in at.button if b.label == "Save your role" and b.form_id == "settings_role"][0].click().run()
    assert role_box(at).value == "data"
    field(at, "long_pause_s").set_value(3.0)
    save_thresholds(at)
    assert load_settings(tmp_path).thresholds.long_pause_s == 3.0
    delete = [b for b in at.button if b.label == "Delete everything"][0]
    at.text_input[-1].input("delete")
    delete.click().run()
    assert "Nothing was deleted" in at.error[0].value
    assert list((tmp_path / "recordings").rglob("*.wav"))
    at.text_input[-1].input("DELETE")
    [b for b in at.button if b.label == "Delete everything"][0].click().run()
    assert not at.exception
    # in the user's words, not the folders' names ("All data deleted (recordings, mock, settings.toml).")
    assert [s.value for s in at.success] == [
        "All data deleted: your answers, interviews, debriefs, recordings and settings."
    ]
    assert role_box(at).value == "any"  # the deleted role is not shown still
    assert field(at, "long_pause_s").value == Thresholds().long_pause_s  # nor the deleted threshold
    # new fields, not the old ones with their state deleted: a browser kept showing the old ones
    assert role_box(at).key != "settings_role" and field(at, "long_pause_s").key != "settings_t_long_pause_s"
    assert not (tmp_path / "recordings").exists()
    db = store.open_store(load_settings(tmp_path))
    try:
        assert store.list_attempts(db) == []
    finally:
        db.close()


def test_the_quality_gate_is_explained_with_its_numbers(tmp_path, monkeypatch):
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    at = page("settings").run()
    assert not at.exception
    [table] = [t for t in at.table if "Check" in t.value.columns]
    rows = table.value.to_dict("records")
    assert [r["Check"] for r in rows][:2] == ["Too little said", "Speech lost"]
    assert rows[0]["When"] == "under 20 words or 10 s of speech"
    # the one-voice rule names the Review page's own control and its choice, as that page words them
    # ("you did not say only you speak" named none)
    [one_voice] = [r["When"] for r in rows if r["Check"] == "One voice in an interview"]
    review = page("review").run()
    [speakers] = [s for s in review.selectbox if s.label == "How many people speak"]
    only_me = next(o for o in speakers.options if o.startswith("1"))
    assert f"How many people speak was not set to “{only_me}”" in one_voice, one_voice


def test_a_backup_with_nothing_to_back_up_says_so_and_offers_no_download(tmp_path, monkeypatch):
    """A new user presses "Prepare a backup": one sentence says there is nothing yet and what to
    do, as `coach export` does, and no empty zip is offered for download."""
    monkeypatch.delenv("COACH_DATABASE_URL", raising=False)
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    at = page("settings").run()
    at.button(key="settings_export").click().run()
    assert not at.exception and not at.error
    assert [i.value for i in at.info] == [
        "Nothing to back up yet: practise an answer or log an interview first."
    ]
    assert not at.get("download_button")


def test_settings_chosen_before_any_answer_are_backed_up_and_restored_in_words(tmp_path, monkeypatch):
    """A role chosen before any answer: "Prepare a backup" said "Nothing to back up yet", though a
    backup carries the role and restoring one brings it back; and a backup of settings alone read
    "Nothing to import: this backup is empty. Your role came back too." """
    from dataclasses import replace

    from cli_support import coach_printed

    from coach.config import save_settings

    monkeypatch.delenv("COACH_DATABASE_URL", raising=False)
    old, new = tmp_path / "old", tmp_path / "new"
    old.mkdir()
    new.mkdir()
    save_settings(replace(load_settings(old), role="data"))
    monkeypatch.setenv("COACH_DATA_DIR", str(old))
    at = page("settings").run()
    at.button(key="settings_export").click().run()
    assert not at.exception and not at.info, [i.value for i in at.info]
    held = "The backup holds your settings (role, thresholds, the “um”s kept)."
    assert held in [c.value for c in at.caption], at.caption
    backup = tmp_path / "settings-only.zip"
    assert coach_printed(old, "export", backup).startswith("Exported your settings (role, thresholds")
    said = coach_printed(new, "import", backup).strip()
    assert said == "This backup holds only settings: your role came back.", said
    assert load_settings(new).role == "data"


def test_a_backup_says_what_it_holds_in_words_not_rows(tmp_path, monkeypatch):
    """Prepare a backup: the caption counts practice answers, interviews and recordings as
    `coach export` does, not "12 rows, 2 recordings"."""
    from datetime import UTC, datetime

    from store_support import analysis_dict, transcript_dict

    monkeypatch.delenv("COACH_DATABASE_URL", raising=False)
    db = store.open_store(load_settings(tmp_path))
    try:
        for day in (1, 2):
            store.save_attempt(
                db,
                question_id="mot-05",
                question_text="Tell me about yourself.",
                recording=None,
                transcript=transcript_dict(),
                analysis=analysis_dict(),
                engine="faster-whisper",
                model="tiny.en",
                created_at=datetime(2026, 11, day, 9, tzinfo=UTC),
            )
        interview = store.add_interview(db, company="Acme", stage="first round", interview_date="2026-11-05")
        store.add_debrief(db, interview, interest=4)
    finally:
        db.close()
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    at = page("settings").run()
    at.button(key="settings_export").click().run()
    assert not at.exception
    assert "The backup holds 2 practice answers, 1 interview and 1 debrief." in [c.value for c in at.caption]
    # pressing "Download the backup" runs the page again: what the backup holds is still said by it
    at.run()
    assert at.get("download_button")
    assert "The backup holds 2 practice answers, 1 interview and 1 debrief." in [c.value for c in at.caption]


def test_a_review_that_picked_out_no_answer_is_no_answer_in_the_backup(tmp_path, monkeypatch):
    """Two reviews: one picked out an answer, the other none (no question of the interviewer's was
    recognised, so it kept its whole recording). `coach history` says "0 of 1 answer analysed" and
    "no answers picked out", yet the backup held "2 answers from real interviews" on the Settings
    page, in `coach export` and in `coach import`. It holds 1, as everywhere else."""
    from cli_support import run_coach
    from store_support import analysis_dict, record

    from coach.analysis.quality import NO_QUESTION_FOUND

    monkeypatch.delenv("COACH_DATABASE_URL", raising=False)
    settings = load_settings(tmp_path)
    db = store.open_store(settings)
    try:
        for company, answer in (
            ("Globex", {"question_text": "Why this team?", "transcript": None, "analysis": analysis_dict()}),
            (
                "Initrode",
                {
                    "question_text": "",
                    "transcript": None,
                    "analysis": {**analysis_dict(), "scores": None, "warnings": [NO_QUESTION_FOUND]},
                },
            ),
        ):
            interview = store.add_interview(
                db, company=company, stage="first round", interview_date="2026-11-05"
            )
            store.save_interview_recording(
                db,
                interview,
                recording=record(settings, kind="interview"),
                transcript=None,
                answers=[answer],
                engine="faster-whisper",
                model="tiny.en",
            )
    finally:
        db.close()
    history = " ".join(run_coach("history", data_dir=tmp_path).stdout.split())
    assert "Initrode · first round · no answers picked out" in history, history
    held = (
        "2 interviews, 2 interview transcripts, 1 answer from a real interview, 1 question in your history "
        "and 2 recordings"
    )
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    at = page("settings").run()
    at.button(key="settings_export").click().run()
    assert not at.exception
    said = [c.value for c in at.caption if c.value.startswith("The backup holds")]
    assert said == [f"The backup holds {held}."], said
    backup = tmp_path.parent / "backup.zip"
    exported = run_coach("export", backup, data_dir=tmp_path)
    assert exported.returncode == 0, exported.stderr
    assert f"Exported {held} to " in " ".join(exported.stdout.split()), exported.stdout
    elsewhere = tmp_path.parent / "elsewhere"
    imported = run_coach("import", backup, data_dir=elsewhere)
    assert imported.returncode == 0, imported.stderr
    assert f"Imported {held}." in " ".join(imported.stdout.split()), imported.stdout
    # both are there, the whole recording with its interview as before
    again = " ".join(run_coach("history", data_dir=elsewhere).stdout.split())
    assert "Initrode · first round · no answers picked out" in again, again
    assert "Globex · first round · 1 answer analysed" in again, again


def test_a_restored_backup_brings_back_the_role_shown_in_the_page(tmp_path, monkeypatch):
    """A backup made with the role "Data" restored on a new machine: the role came back as "any"."""
    from dataclasses import replace

    from coach.config import save_settings
    from coach.data_admin import export_bytes

    old = tmp_path / "old"
    old.mkdir()
    save_settings(replace(load_settings(old), role="data"))
    db = store.open_store(load_settings(old))
    try:
        store.add_interview(db, company="Northwind", interview_date="2026-11-20")
        backup = export_bytes(db)[0]
    finally:
        db.close()
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path / "new"))
    at = page("settings").run()
    assert role_box(at).value == "any"
    [u for u in at.get("file_uploader") if u.key == "settings_import"][0].upload(
        "coach-backup-2026-12-02.zip", backup, "application/zip"
    ).run()
    [b for b in at.button if b.label == "Import it"][0].click().run()
    assert not at.exception and not at.error
    assert [s.value for s in at.success] == ["Imported 1 interview. Your role came back too."]
    assert role_box(at).value == "data"
    assert load_settings(tmp_path / "new").role == "data"

    # a role chosen here is kept, and said to be: the import said nothing of it
    chose = tmp_path / "chose"
    chose.mkdir()
    save_settings(replace(load_settings(chose), role="product"))
    monkeypatch.setenv("COACH_DATA_DIR", str(chose))
    at = page("settings").run()
    [u for u in at.get("file_uploader") if u.key == "settings_import"][0].upload(
        "coach-backup-2026-12-02.zip", backup, "application/zip"
    ).run()
    [b for b in at.button if b.label == "Import it"][0].click().run()
    assert not at.exception and not at.error
    assert [s.value for s in at.success] == [
        "Imported 1 interview. Your role here, Product, was kept; the backup's, Data, was not used."
    ]
    assert role_box(at).value == "product"


def test_a_threshold_out_of_its_bounds_in_the_settings_file_is_put_right_from_the_page(tmp_path, monkeypatch):
    """settings.toml edited by hand with a filler rate of 0 stopped every page with one sentence
    until the line was found and deleted in the file. The page now offers the default; the file's
    other lines stay as written."""
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("COACH_MULTI_USER", raising=False)
    written = 'model = "tiny.en"\n\n[thresholds]\nfillers_per_100_words_typical = 0\npace_low_wpm = 120\n'
    (tmp_path / "settings.toml").write_text(written)
    at = page("practice").run()
    assert not at.exception
    [error] = at.error
    assert "fillers_per_100_words_typical = 0" in error.value and "delete the line" in error.value
    at.button(key="settings_use_default").click().run()
    assert not at.exception and not at.error
    kept = 'model = "tiny.en"\n\n[thresholds]\npace_low_wpm = 120\n'
    assert (tmp_path / "settings.toml").read_text() == kept
    settings = load_settings(tmp_path)
    assert settings.thresholds.pace_low_wpm == 120 and settings.thresholds.fillers_per_100_words_typical > 0


def test_a_cohorts_thresholds_are_not_changed_from_a_students_page(tmp_path, monkeypatch):
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    (tmp_path / "settings.toml").write_text("multi_user = true\n\n[thresholds]\nlong_pause_s = 0\n")
    at = page("practice").run()
    assert not at.exception and at.error
    assert not [b for b in at.button if b.key == "settings_use_default"]


def test_a_pace_out_of_range_is_refused_on_the_page_naming_the_range(tmp_path, monkeypatch):
    """9,999.5 wpm was saved as the pace band's high end ("Saved."), and 1e12 read back "1e+12"."""
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    at = page("settings").run()
    field(at, "pace_high_wpm").set_value(9999.5)
    save_thresholds(at)
    assert not at.exception and not at.success
    assert [e.value for e in at.error] == [
        "The pace band's high end (9,999.5 wpm) must be from 60 to 300 wpm (the default is 175 wpm). "
        "Nothing was saved."
    ]
    assert load_settings(tmp_path).thresholds == Thresholds()


def test_a_settings_file_holding_a_pace_out_of_range_is_said_once_and_the_default_used(tmp_path, monkeypatch):
    """A pace band of 1e12 wpm saved before the ranges were checked: every page still opens, the first
    says in one sentence that the default is used (no file, no name from the code, no "1e+12"), the
    next click does not say it again, and Save thresholds puts the default in the file."""
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("COACH_MULTI_USER", raising=False)
    (tmp_path / "settings.toml").write_text("[thresholds]\npace_high_wpm = 1e12\n")
    at = page("practice").run()
    assert not at.exception and not at.error
    assert [w.value for w in at.warning] == [
        "Your settings hold the pace band's high end at 1,000,000,000,000 wpm, outside the 60 to 300 wpm "
        "it may be, so the coach uses the default, 175 wpm; press “Save thresholds” on the Settings "
        "page to keep the default, or type another number in range there first."
    ]
    at.run()
    assert not at.warning  # said once, not at every click
    settings_page = page("settings").run()
    assert not settings_page.exception and field(settings_page, "pace_high_wpm").value == 175
    save_thresholds(settings_page)
    assert not settings_page.error
    settings = load_settings(tmp_path)
    assert settings.thresholds == Thresholds() and settings.thresholds_set_aside == ()


def test_each_thresholds_help_says_the_range_it_may_take(tmp_path, monkeypatch):
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    at = page("settings").run()
    assert field(at, "pace_high_wpm").help.endswith("\n\nAllowed: from 60 to 300\u00a0wpm.")
    assert field(at, "long_pause_s").help.endswith("\n\nAllowed: from 0.1 to 10\u00a0s.")
    assert field(at, "situation_max_share").help.endswith("\n\nAllowed: above 0% and at most 100%.")


@pytest.mark.skipif(
    __import__("coach.transcribe.models", fromlist=["is_installed"]).is_installed("base"),
    reason="Whisper base is installed here (`make models`)",
)
def test_a_chosen_model_that_is_not_here_is_said_above_the_choice(tmp_path, monkeypatch):
    """More accurate chosen, then its packages gone: Practice said "choose Quick in Settings", and
    Settings showed Quick as the choice already, without a word that the one saved was another."""
    (tmp_path / "settings.toml").write_text('engine = "faster-whisper"\nmodel = "base"\n')
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    at = page("settings").run()
    assert not at.exception
    assert [w.value for w in at.warning if "speech recognition" in w.value] == [
        "The speech recognition chosen before, More accurate, is not on this machine, so answers cannot "
        "be transcribed with it: choose one below and press Save transcription settings."
    ]
    [b for b in at.button if b.label == "Save transcription settings"][0].click().run()
    assert not [w for w in at.warning if "speech recognition" in w.value]  # above "Saved: Quick; …"
    assert (load_settings(tmp_path).engine, load_settings(tmp_path).model) == ("faster-whisper", "tiny.en")
    assert not [w for w in page("settings").run().warning if "speech recognition" in w.value]


@pytest.mark.skipif(
    __import__("coach.transcribe.models", fromlist=["is_installed"]).is_installed("base"),
    reason="Whisper base is installed here (`make models`): More accurate is a choice",
)
def test_the_models_help_names_no_choice_the_box_lacks(tmp_path, monkeypatch):
    """With only Quick here, the help beside "Speech recognition" said "More accurate is worth the
    wait for phone recordings and real interviews" over a box holding Quick and Quick, second engine.
    It says a more accurate model can be added, and where the page says how."""
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    at = page("settings").run()
    [model] = [s for s in at.selectbox if s.label == "Speech recognition"]
    assert "More accurate" not in model.options
    assert "More accurate" not in model.help, model.help
    assert "A more accurate model is worth the wait" in model.help, model.help
    assert "the note under Save transcription settings says how to add it" in model.help
    assert "can be added" in " ".join(c.value for c in at.caption)  # that note


def test_the_quiet_level_is_not_a_negative_number_below_full_scale(tmp_path, monkeypatch):
    """The field read "Speech level under which the recording is quiet (dB below full scale)" over
    -36: a level 36 dB below full scale, written below it again, read as above it."""
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    at = page("settings").run()
    quiet = field(at, "quiet_below_dbfs")
    assert quiet.value == -36
    unit = quiet.label[quiet.label.index("(") :]
    assert "below" not in unit and "0 is the loudest" in unit, quiet.label


def test_the_words_an_import_replaced_stay_said_after_the_next_click(tmp_path, monkeypatch):
    """Laptop B wrote a long note in a debrief, laptop A a shorter one later; restoring A's backup on
    B keeps A's, and B's note below it. The next click on the page ("Prepare a backup") took the
    sentence away, which quoted B's note as its only copy; the sentence now says where it is kept."""
    from store_support import logged_interview

    from coach.data_admin import export_bytes, import_bytes

    monkeypatch.delenv("COACH_DATABASE_URL", raising=False)
    laptop_a, laptop_b = (store.open_store(load_settings(tmp_path / name)) for name in ("a", "b"))
    try:
        store.add_debrief(laptop_a, logged_interview(laptop_a), went_well="the system design round")
        import_bytes(laptop_b, export_bytes(laptop_a)[0])
        long_note = "The on-call question went on for twenty minutes. " * 30
        store.update_debrief(laptop_b, store.list_debriefs(laptop_b)[0]["id"], notes=long_note)
        store.update_debrief(laptop_a, store.list_debriefs(laptop_a)[0]["id"], notes="ask about on-call")
        backup = export_bytes(laptop_a)[0]
    finally:
        laptop_a.close()
        laptop_b.close()
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path / "b"))
    at = page("settings").run()
    [u for u in at.get("file_uploader") if u.key == "settings_import"][0].upload(
        "coach-backup-2026-12-06.zip", backup, "application/zip"
    ).run()
    [b for b in at.button if b.label == "Import it"][0].click().run()
    assert not at.exception and not at.error
    [said] = [s.value for s in at.success]
    # the note is kept in the debrief, below A's, and the sentence says where, not the note whole
    assert "the one here is kept below it, under “From the other copy, changed " in said, said
    assert long_note.strip() not in said, said
    laptop_b = store.open_store(load_settings(tmp_path / "b"))
    try:
        notes = store.list_debriefs(laptop_b)[0]["notes"]
    finally:
        laptop_b.close()
    assert notes.startswith("ask about on-call\n\nFrom the other copy, changed "), notes
    assert notes.endswith(long_note.strip()), notes

    at.button(key="settings_export").click().run()
    assert not at.exception
    assert [s.value for s in at.success] == [said]
