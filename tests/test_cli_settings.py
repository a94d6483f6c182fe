"""`coach settings` changes what the Settings page changes: the speech model, the "um"s kept and
heard, the thresholds (the page's terminal twin could change only the role)."""

from __future__ import annotations

import pytest
from cli_support import run_coach, unwrapped

from coach.config import Thresholds, load_settings


def test_the_speech_model_and_the_ums_are_changed_and_kept(tmp_path):
    done = run_coach(
        "settings", "--model", "tiny.en", "--engine", "openai-whisper", "--no-verbatim", data_dir=tmp_path
    )
    assert done.returncode == 0, done.stderr
    assert (
        "Saved." in done.stderr
        and "Speech model: Quick, second engine — openai-whisper tiny.en" in done.stdout
    )
    assert "Keeping the 'um's Whisper writes: off; hearing those it drops, from the sound: on." in unwrapped(
        done.stdout  # wrapped at words in 80 columns
    )
    saved = load_settings(tmp_path)
    assert (saved.engine, saved.model, saved.verbatim, saved.recover_fillers) == (
        "openai-whisper",
        "tiny.en",
        False,
        True,
    )
    run_coach("settings", "--no-hear-ums", "--verbatim", data_dir=tmp_path)
    saved = load_settings(tmp_path)
    assert (saved.engine, saved.verbatim, saved.recover_fillers) == ("openai-whisper", True, False)


def test_a_model_not_installed_is_one_sentence_and_nothing_is_saved(tmp_path):
    done = run_coach("settings", "--model", "large-v3", data_dir=tmp_path)
    assert done.returncode == 1
    assert done.stderr.strip() == (
        "error: The faster-whisper model 'large-v3' is not on this machine; with the internet connected, "
        "`coach models --download large-v3` fetches it once, or use the bundled 'tiny.en'."
    )
    assert not (tmp_path / "settings.toml").exists()
    alone = run_coach("settings", "--engine", "openai-whisper", data_dir=tmp_path)
    assert alone.returncode == 1 and "--engine goes with --model" in alone.stderr


def test_thresholds_are_changed_by_name_checked_and_put_back(tmp_path):
    done = run_coach(
        "settings", "--threshold", "pace_low_wpm=120", "--threshold", "long_pause_s=2.5", data_dir=tmp_path
    )
    assert done.returncode == 0, done.stderr
    assert (
        "Thresholds: the defaults, except the pace band's low end at 120 wpm (default 130 wpm); "
        "a long pause at 2.5 s (default 2 s)."
    ) in unwrapped(done.stdout)
    assert (
        load_settings(tmp_path).thresholds.pace_low_wpm,
        load_settings(tmp_path).thresholds.long_pause_s,
    ) == (
        120,
        2.5,
    )
    for given, said in (
        (
            "pace_low_wpm=300",
            "error: The pace band's low end (300 wpm) must be below its high end (175 wpm).",
        ),
        ("nope=1", "error: No threshold called 'nope'; `coach settings --json` lists their names"),
        ("pace_low_wpm=abc", "error: 'pace_low_wpm=abc' gives no number: write it as NAME=VALUE"),
    ):
        refused = run_coach("settings", "--threshold", given, data_dir=tmp_path)
        assert refused.returncode == 1 and refused.stderr.startswith(said), refused.stderr
        assert load_settings(tmp_path).thresholds.pace_low_wpm == 120  # nothing was saved
    back = run_coach("settings", "--default-thresholds", data_dir=tmp_path)
    assert back.returncode == 0 and "Thresholds: the defaults." in back.stdout
    assert load_settings(tmp_path).thresholds == Thresholds()


def _base_installed() -> bool:
    from coach.transcribe.models import is_installed

    return is_installed("base")


@pytest.mark.skipif(_base_installed(), reason="Whisper base is installed here (`make models`)")
def test_a_chosen_model_that_is_not_here_is_said_beside_it(tmp_path):
    """More accurate chosen, then its packages gone: `coach settings` named it as if it worked
    ("Speech model: faster-whisper base (`coach models` lists the others; …)") while every
    transcription stopped with "The model 'base' is not installed"."""
    (tmp_path / "settings.toml").write_text('engine = "faster-whisper"\nmodel = "base"\n')
    shown = run_coach("settings", data_dir=tmp_path)
    assert shown.returncode == 0, shown.stderr
    assert (
        "Speech model: More accurate — faster-whisper base, which cannot transcribe. The model 'base' is "
        "not installed; run `make models`" in unwrapped(shown.stdout)
    ), shown.stdout


def test_a_page_name_with_the_other_engine_is_read_as_a_command_reads_it(tmp_path):
    """`coach analyze --model Quick --engine openai-whisper` runs that engine's tiny.en; `coach
    settings` with the same words refused: "No model called 'Quick' run by openai-whisper"."""
    done = run_coach("settings", "--model", "Quick", "--engine", "openai-whisper", data_dir=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "Speech model: Quick, second engine — openai-whisper tiny.en" in done.stdout
    assert (load_settings(tmp_path).engine, load_settings(tmp_path).model) == ("openai-whisper", "tiny.en")


def _openai_base_here() -> bool:
    from coach.transcribe.models import _openai_checkpoint

    return _openai_checkpoint("base", load_settings().models_dir) is not None


@pytest.mark.skipif(_openai_base_here(), reason="openai-whisper base is downloaded here")
def test_a_model_not_here_is_the_same_sentence_from_settings_and_each_command(tmp_path, clips, monkeypatch):
    """`--model "More accurate" --engine openai-whisper`: `coach settings` said "No model called 'More
    accurate' run by openai-whisper is installed here (installed: …)", `coach analyze`, `transcribe`
    and `review` that openai-whisper's base "could not be downloaded" (no Whisper runs: the commands
    stop loading it, the download refused by a proxy that is not there)."""
    for proxy in ("HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy"):
        monkeypatch.setenv(proxy, "http://127.0.0.1:9")
    said = (
        "error: The openai-whisper model 'base' is not on this machine; with the internet connected, "
        "`coach models --download base` fetches it once, or use the bundled 'tiny.en'."
    )
    recording = clips / "clean.wav"
    for command in (["settings"], *([name, recording] for name in ("analyze", "transcribe", "review"))):
        done = run_coach(
            *command, "--model", "More accurate", "--engine", "openai-whisper", data_dir=tmp_path
        )
        assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr
        assert done.stderr.strip().splitlines()[-1] == said, command
    assert not (tmp_path / "settings.toml").exists()
