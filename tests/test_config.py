"""The thresholds a user can save or write in settings.toml: each within what it means, refused in one
sentence otherwise, on the Settings page, in settings.toml and at the command line alike."""

from dataclasses import fields, replace

import pytest
from cli_support import run_coach

from coach.config import Thresholds, check_thresholds, load_settings
from coach.errors import InputError


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
        (
            "pitch_window_s",
            "The stretch over which pitch variation is measured (0 s) must be at least 1 s "
            "(the default is 10 s). Nothing was saved.",
        ),
    ],
)
def test_a_threshold_of_zero_that_analysis_divides_by_is_refused_in_one_sentence(name, sentence):
    """0 fillers per 100 words was saved ("Saved.") and every analysis then stopped with
    ZeroDivisionError; a pitch stretch of 0 s did the same in the prosody."""
    with pytest.raises(InputError) as refused:
        check_thresholds(replace(Thresholds(), **{name: 0.0}))
    assert str(refused.value) == sentence


def test_every_threshold_has_bounds_and_the_defaults_keep_to_them():
    from coach.config import THRESHOLD_BOUNDS

    assert set(THRESHOLD_BOUNDS) == {f.name for f in fields(Thresholds)}
    assert check_thresholds(Thresholds()) == Thresholds()
    for f in fields(Thresholds):
        for amiss in ("nan", "inf"):  # said as no number, not as "(nan wpm)" or "(inf s) must be above 0 s"
            with pytest.raises(InputError, match=r" must be a number .* Nothing was saved\.$") as refused:
                check_thresholds(replace(Thresholds(), **{f.name: float(amiss)}))
            assert amiss not in str(refused.value)


def test_the_pitch_stretch_is_no_shorter_than_the_voice_prosody_measures_in_one():
    from coach.analysis import prosody
    from coach.config import THRESHOLD_BOUNDS

    assert THRESHOLD_BOUNDS["pitch_window_s"].low == prosody.MIN_VOICED_S


def test_shares_shown_as_percentages_on_the_page_are_the_ones_bounded_as_shares():
    from coach.config import THRESHOLD_BOUNDS
    from coach.ui.summary import PERCENT_THRESHOLDS

    assert {n for n, b in THRESHOLD_BOUNDS.items() if b.percent} == PERCENT_THRESHOLDS


def test_a_pause_band_the_wrong_way_round_says_what_to_change():
    with pytest.raises(InputError) as refused:
        check_thresholds(replace(Thresholds(), long_pause_s=0.3))
    assert str(refused.value) == (
        "A long pause (0.3 s) must be longer than the natural pause at a sentence end (0.6 s): "
        "lengthen the long pause or shorten the natural one. Nothing was saved."
    )


BAD_FILES = {
    "unknown key": (
        "bogus_key = 1",
        "has bogus_key under [thresholds], which is no threshold of the coach; remove that line.",
    ),
    "a word for a number": (
        'pace_low_wpm = "fast"',
        'has pace_low_wpm = "fast" under [thresholds], which is not a number; write a number '
        "(the default is 130) or delete the line.",
    ),
    "no amount": (
        "answer_max_s = inf",
        "has answer_max_s = inf under [thresholds], which is not a number; write a number (the "
        "default is 120) or delete the line.",
    ),
    "pace band backwards": (
        "pace_low_wpm = 200\npace_high_wpm = 175",
        "has pace_low_wpm = 200 and pace_high_wpm = 175 under [thresholds], but the pace band's low "
        "end (200 wpm) must be below its high end (175 wpm); change it, or delete the lines to use "
        "the default.",
    ),
    "zero fillers": (
        "fillers_per_100_words_typical = 0",
        "has fillers_per_100_words_typical = 0 under [thresholds], but fillers per 100 words in "
        "ordinary conversation (0) must be above 0 and at most 100 (the default is 6); change it, or "
        "delete the line to use the default.",
    ),
}


@pytest.mark.parametrize("case", BAD_FILES)
def test_a_hand_edited_threshold_is_refused_naming_the_file_and_the_key(tmp_path, case):
    """`bogus_key = 1` was a TypeError traceback on every page and command; "fast" one in `coach
    progress`; a pace band of 200-175 wpm was read as it stood."""
    line, said = BAD_FILES[case]
    (tmp_path / "settings.toml").write_text(f'engine = "faster-whisper"\n\n[thresholds]\n{line}\n')
    with pytest.raises(InputError) as refused:
        load_settings(tmp_path)
    assert str(refused.value) == f"The settings file {tmp_path / 'settings.toml'} {said}"


@pytest.mark.parametrize("case", BAD_FILES)
def test_a_command_says_what_is_wrong_with_the_file_on_one_error_line(tmp_path, case):
    line, said = BAD_FILES[case]
    (tmp_path / "settings.toml").write_text(f"[thresholds]\n{line}\n")
    result = run_coach("progress", data_dir=tmp_path)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines() == [f"error: The settings file {tmp_path / 'settings.toml'} {said}"]


def test_every_page_says_what_is_wrong_with_the_file_in_one_sentence(tmp_path, monkeypatch):
    from app_support import page

    (tmp_path / "settings.toml").write_text("[thresholds]\nbogus_key = 1\n")
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    for name in ("settings", "practice", "progress"):
        at = page(name).run()
        assert not at.exception, name
        # markdown-escaped on the page ("\\[thresholds\\]"), read as "[thresholds]"
        assert [e.value.replace("\\", "") for e in at.error] == [
            f"The settings file {tmp_path / 'settings.toml'} has bogus_key under [thresholds], which is "
            "no threshold of the coach; remove that line."
        ], name


def test_a_file_the_settings_page_saved_loads_as_it_was_saved(tmp_path):
    from coach.config import save_settings

    chosen = replace(Thresholds(), situation_max_share=0.425, quiet_below_dbfs=-30.0, pitch_window_s=1.0)
    save_settings(replace(load_settings(tmp_path), thresholds=chosen))
    assert load_settings(tmp_path).thresholds == chosen


def test_saving_settings_writes_no_queue_the_file_did_not_set(tmp_path, monkeypatch):
    """A cohort's app runs with COACH_QUEUE=1 in its environment; the staff's Save thresholds wrote
    `queue = true` into the host's settings.toml, and the app started as the README's other way
    then sent every answer to a queue that was not there."""
    from coach.config import save_settings

    (tmp_path / "settings.toml").write_text("multi_user = true\n")
    monkeypatch.setenv("COACH_QUEUE", "1")
    settings = load_settings(tmp_path)
    assert settings.queue
    save_settings(settings)
    written = (tmp_path / "settings.toml").read_text()
    assert "queue" not in written and "multi_user = true" in written
    (tmp_path / "settings.toml").write_text("queue = true\n")
    save_settings(load_settings(tmp_path))
    assert "queue = true" in (tmp_path / "settings.toml").read_text()  # the host's own line stays


def test_a_command_on_a_cohorts_data_without_its_database_says_so(tmp_path, monkeypatch):
    """`coach --user ana@… history` on the data directory `make serve-cohort` serves, whose rows
    are in its PostgreSQL cluster: it opened a new empty SQLite there and said "0 practice answers"
    (an import went into that SQLite too, never seen by the app). One sentence says what to set."""
    monkeypatch.delenv("COACH_DATABASE_URL", raising=False)
    (tmp_path / "settings.toml").write_text('multi_user = true\nstaff = ["careers@example.edu"]\n')
    (tmp_path / "cohort-database.password").write_text("secret\n")
    done = run_coach("--user", "ana@example.edu", "history", data_dir=tmp_path)
    assert done.returncode != 0 and "Traceback" not in done.stderr
    assert "set COACH_DATABASE_URL" in done.stderr and "cohort-database.password" in done.stderr
    assert not (tmp_path / "coach.db").exists()


@pytest.mark.parametrize(
    ("value", "shown"),
    [(1.5, "1.5"), (9999.5, "9,999.5"), (1e12, "1,000,000,000,000"), (-20.0, "-20")],
)
def test_a_pace_no_one_speaks_at_is_refused_naming_the_range(value, shown):
    """1.5 wpm and 9,999.5 wpm were saved as the pace band's high end, and a huge number read back
    as "1e+12 wpm"; feedback then called every answer fast, or none."""
    with pytest.raises(InputError) as refused:
        check_thresholds(replace(Thresholds(), pace_high_wpm=value))
    assert str(refused.value) == (
        f"The pace band's high end ({shown} wpm) must be from 60 to 300 wpm (the default is 175 wpm). "
        "Nothing was saved."
    )


def test_every_threshold_with_a_range_refuses_just_outside_it_and_takes_its_ends():
    from coach.config import THRESHOLD_BOUNDS

    for name, bound in THRESHOLD_BOUNDS.items():
        if bound.usual is None:
            continue
        low, high = bound.usual
        assert bound.holds(low) and bound.holds(high), name  # the range means something
        assert low <= getattr(Thresholds(), name) <= high, name  # the default is in it
        for amiss in (low - 0.01, high + 0.01):
            with pytest.raises(InputError, match=r"must be from .* to .* \(the default is"):
                check_thresholds(replace(Thresholds(), **{name: amiss}))


def test_a_settings_file_holding_a_pace_out_of_range_uses_the_default_and_says_so_once(tmp_path, caplog):
    """A settings.toml saved with a pace band of 9,999.5 wpm (accepted before the ranges) must not
    stop anything: the default is used, and the terminal says so once a process, in one sentence."""
    (tmp_path / "settings.toml").write_text(
        "[thresholds]\npace_high_wpm = 9999.5\nlong_pause_s = 2.5\n", encoding="utf-8"
    )
    settings = load_settings(tmp_path)
    assert settings.thresholds == replace(Thresholds(), long_pause_s=2.5)
    assert settings.thresholds_set_aside == (("pace_high_wpm", 9999.5),)
    with caplog.at_level("WARNING", logger="coach.config"):
        done = run_coach("settings", data_dir=tmp_path)
        load_settings(tmp_path)
    assert done.returncode == 0, done.stderr
    assert "except a long pause at 2.5 s (default 2 s)." in done.stdout  # 175 wpm, the default
    said = [r.getMessage() for r in caplog.records if r.name == "coach.config"]
    assert said == [
        f"The settings file {tmp_path / 'settings.toml'} has pace_high_wpm = 9999.5 under [thresholds], "
        "outside the 60 to 300 wpm it may be, so the coach uses the default, 175 wpm; set another with "
        "`coach settings --threshold pace_high_wpm=VALUE`, or delete the line."
    ]
    from coach.config import set_aside_sentence

    assert set_aside_sentence(settings, on_page=True) == (
        "Your settings hold the pace band's high end at 9,999.5 wpm, outside the 60 to 300 wpm it may "
        "be, so the coach uses the default, 175 wpm; press “Save thresholds” on the Settings page to "
        "keep the default, or type another number in range there first."
    )
    # the command's own change writes the default back: nothing is set aside any more
    assert run_coach("settings", "--threshold", "long_pause_s=3", data_dir=tmp_path).returncode == 0
    assert load_settings(tmp_path).thresholds_set_aside == ()


def test_an_end_set_aside_only_for_its_partner_is_not_said_to_be_out_of_range(tmp_path):
    """A pace band of 290 to 9,999.5 wpm: the high end takes its default, 175 wpm, so the low end
    must too (290 to 175 is no band). The sentence said 290 wpm was "outside … 60 to 300 wpm", which
    it is not; now it says why that end took its default."""
    from coach.config import set_aside_sentence, thresholds_kept_from

    (tmp_path / "settings.toml").write_text(
        "[thresholds]\npace_low_wpm = 290\npace_high_wpm = 9999.5\n", encoding="utf-8"
    )
    settings = load_settings(tmp_path)
    assert settings.thresholds == Thresholds()
    assert set_aside_sentence(settings, on_page=True) == (
        "Your settings hold the pace band's high end at 9,999.5 wpm, outside the 60 to 300 wpm it may "
        "be, so the coach uses the default, 175 wpm; the pace band's low end at 290 wpm takes its "
        "default too (130 wpm) so as not to contradict it; press “Save thresholds” on the Settings page "
        "to keep the defaults, or type others in range there first."
    )
    # a backup holding the same band says it the same way
    kept, said = thresholds_kept_from({"pace_low_wpm": 290.0, "pace_high_wpm": 9999.5, "long_pause_s": 2.5})
    assert kept == replace(Thresholds(), long_pause_s=2.5)
    assert said == (
        "The backup held the pace band's high end at 9,999.5 wpm, outside the 60 to 300 wpm it may be, so "
        "the coach kept the default, 175 wpm; the pace band's low end at 290 wpm takes its default too "
        "(130 wpm) so as not to contradict it."
    )


def test_the_terminal_refuses_a_threshold_out_of_range_as_the_page_does(tmp_path):
    refused = run_coach("settings", "--threshold", "pace_low_wpm=1.5", data_dir=tmp_path)
    assert refused.returncode == 1
    assert refused.stderr.strip() == (
        "error: The pace band's low end (1.5 wpm) must be from 60 to 300 wpm (the default is 130 wpm). "
        "Nothing was saved."
    )
    assert not (tmp_path / "settings.toml").exists()
